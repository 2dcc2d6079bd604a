"""Average linkage over the kept pair graph, in compact form (the engine of ``propositions.py``).

The merge order and every mean are those of the plain dict-and-heap algorithm (best mean first,
ties by (row, row); a merge that would mix stances or counts is refused and the pair forgotten),
with four changes that do not alter any result but cut memory and time on large inputs:

* Each group pair's (total, count) is one Python ``complex`` (total + count j): one 32-byte object
  instead of a tuple of a float and an int (80 bytes).  Real and imaginary parts add separately,
  so every total is the same float64 sum, in the same order, as before.
* Only means that can still merge enter the heap (>= threshold - ``HEAP_MARGIN``).  Entries under
  the threshold all pop after every entry over it, and the first valid one ended the loop: leaving
  them out only drops pops that could never merge.  The first means (before any merge) are sorted
  once with numpy and read in order beside the heap, which then holds only the means of merged
  groups: a much smaller heap (its pops were the slowest step).
* A group's mean with another is at most its best pair between them (the missing pairs count less
  than the mean of the present ones), so groups merge only along pairs scoring at least the
  threshold (and copies).  Linkage runs per connected component of that *strong* graph, with only
  the edges inside it: edges between two strong components can never lift a mean to the threshold.
* A heap entry (-mean, row, row, edge) is one Python int (``_Keys``): the mean's float64 bits in
  an order-preserving form, then the two local group ids and the edge in fixed-width bit fields,
  so ints compare exactly as the tuples did.  ~56 bytes an entry instead of ~210 (a tuple, a
  float and three ints); the largest component at a million claims holds 2.6M entries at once.
"""

from __future__ import annotations

import heapq
import struct
from array import array
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse import csgraph

from .trim import give_back_freed_memory

__all__ = ["HEAP_MARGIN", "STRONG_MARGIN", "group_means", "link_component", "mean_of", "strong_components"]

MISSING_PAIR_SHARE = 0.5
"""A pair of claims missing from the graph (not a candidate, or scoring under the floor) counts
as half the mean of the present pairs between the two groups: between counting it 0 (strict
average linkage, which on the seeds kept large paraphrase groups apart) and ignoring it (which
lets chains form)."""

HEAP_MARGIN = 2e-12
"""Means this far under the threshold still enter the heap: the old loop accepted a heap entry as
current when it was within 1e-12 of the recomputed mean, so 2e-12 keeps every entry it could
have merged on (and the one it stopped on)."""

STRONG_MARGIN = 1e-9
"""Pairs this far under the threshold still count as strong: a mean is at most its best pair up to
float rounding (~1e-16), so no merge is lost."""

Ints = npt.NDArray[np.signedinteger[Any]]
Refuse = Callable[[int, int], "str | None"]
Union = Callable[[int, int], None]


def mean_of(tc: complex, na: int, nb: int) -> float:
    """Mean score over the pairs between two groups of ``na`` and ``nb`` claims, ``tc`` = total +
    count j of the pairs in the graph; missing pairs count ``MISSING_PAIR_SHARE`` x the mean of the
    present ones (the same float operations as the tuple form, so the same value)."""
    tot, cnt = tc.real, tc.imag
    missing = na * nb - cnt
    return (tot + MISSING_PAIR_SHARE * missing * tot / cnt) / (na * nb)


def strong_components(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], strong: npt.NDArray[np.bool_],
                      copied_from: Mapping[int, int], n: int) -> npt.NDArray[np.int32]:
    """Row -> component of the graph of strong pairs and copies; -1 for rows alone in it."""
    ca = np.fromiter(copied_from.keys(), np.int64, len(copied_from))
    cb = np.fromiter(copied_from.values(), np.int64, len(copied_from))
    ra, rb = np.concatenate([a[strong], ca]), np.concatenate([b[strong], cb])
    graph = sparse.coo_matrix((np.ones(ra.size, np.int8), (ra, rb)), shape=(n, n))
    _, label = csgraph.connected_components(graph, directed=False)
    label = np.asarray(label, np.int32)
    alone = np.bincount(label)[label] == 1
    label[alone] = -1
    return label


def group_means(ra: Ints, rb: Ints, score: npt.NDArray[np.float32]
                ) -> tuple[Ints, Ints, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per pair of distinct groups (lo < hi): the total and count of the pair scores between them,
    each total summed in the given pair order (as the old per-edge loop did).  ``lo`` and ``hi``
    are int32 when they fit (they are held through the component's linkage)."""
    lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
    diff = lo != hi
    lo, hi, sc = lo[diff], hi[diff], score[diff]
    order = np.lexsort((hi, lo))  # stable: pairs of one group pair stay in their given order
    lo, hi, sc = lo[order], hi[order], sc[order]
    if lo.size == 0:  # the same dtypes as a non-empty result's
        return lo.astype(np.int32), hi.astype(np.int32), np.zeros(0, np.float64), np.zeros(0, np.float64)
    new = np.ones(lo.size, np.bool_)
    new[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], lo.size)
    tot = sc[starts].astype(np.float64)
    for j in np.flatnonzero(ends - starts > 1).tolist():
        t = 0.0
        for s in sc[starts[j]:ends[j]].tolist():
            t = t + s
        tot[j] = t
    cnt = (ends - starts).astype(np.float64)
    del ends, sc
    lo, hi = lo[starts], hi[starts]
    if int(lo.min()) >= -(1 << 31) and int(hi.max()) < 1 << 31:  # rows: half the memory as int32
        lo, hi = lo.astype(np.int32), hi.astype(np.int32)
    return lo, hi, tot, cnt


TRIM_AT_GROUP_PAIRS = 1_000_000
"""A component with this many group pairs gives its freed pages back when done (its graph, heap and
first means, ~100 bytes a group pair): the steps after the linkage would stack on top of them."""

BUILD_CHUNK = 65_536
"""First means turned into Python objects per step (bounds the temporary lists)."""


class _Graph:
    """The group pairs of one component as flat arrays (``array.array``: 4 or 8 bytes an entry, no
    Python object per edge): edge ``e`` has a (total, count) and two half-edges ``2e`` and
    ``2e + 1``, one in each end's doubly linked list of half-edges; ``to[h]`` is where half-edge
    ``h`` leads (local node ids).  An edge that merges into another on a group merge forwards to it
    (``fwd``), so a heap entry finds the current edge of its two groups in O(1)."""

    def __init__(self, lo: Ints, hi: Ints, tot: npt.NDArray[np.float64], cnt: npt.NDArray[np.float64],
                 n_nodes: int) -> None:
        # each numpy temporary becomes an ``array`` (copied from its buffer, not through ``tobytes``)
        # and is dropped before the next is made: the build's peak is a few arrays of 2m int32
        m = lo.size
        owner = np.empty(2 * m, np.int32)
        owner[0::2], owner[1::2] = lo, hi
        self.deg = _ints(np.bincount(owner, minlength=n_nodes))
        order = np.argsort(owner, kind="stable").astype(np.int32)
        owner = owner[order]  # the owners in sorted order
        same = owner[1:] == owner[:-1]
        first = np.ones(owner.size, np.bool_)
        first[1:] = ~same
        head = np.full(n_nodes, -1, np.int32)
        head[owner[first]] = order[first]
        del owner, first
        self.head = _ints(head)
        del head
        link = np.full(2 * m, -1, np.int32)
        link[order[:-1][same]] = order[1:][same]
        self.nxt = _ints(link)
        link.fill(-1)
        link[order[1:][same]] = order[:-1][same]
        self.prv = _ints(link)
        del order, same
        link[0::2], link[1::2] = hi, lo
        self.to = _ints(link)
        del link
        self.mark = _ints(np.full(n_nodes, -1, np.int32))
        self.tot = _floats(tot)
        self.cnt = _floats(cnt)
        self.fwd = _ints(np.full(m, -1, np.int32))
        self.alive = bytearray(b"\x01") * m

    def edge(self, a: int, b: int, e: int) -> int:
        """The edge between groups ``a`` and ``b`` (both current), starting from edge ``e`` that
        joined them when an entry was pushed; -1 if there is none."""
        fwd, to = self.fwd, self.to
        while fwd[e] >= 0:
            e = fwd[e]
        if self.alive[e] and ((to[2 * e] == b and to[2 * e + 1] == a) or (to[2 * e] == a and to[2 * e + 1] == b)):
            return e
        # e was removed (a refused merge); a later merge may have joined the two groups again
        x, y = (a, b) if self.deg[a] <= self.deg[b] else (b, a)
        h = self.head[x]
        nxt = self.nxt
        while h >= 0:
            if to[h] == y:
                return h >> 1
            h = nxt[h]
        return -1

    def _unlink(self, h: int) -> None:
        owner = self.to[h ^ 1]
        p, q = self.prv[h], self.nxt[h]
        if p >= 0:
            self.nxt[p] = q
        else:
            self.head[owner] = q
        if q >= 0:
            self.prv[q] = p
        self.deg[owner] -= 1

    def remove(self, e: int) -> None:
        self._unlink(2 * e)
        self._unlink(2 * e + 1)
        self.alive[e] = 0

    def merge(self, keep: int, gone: int, e: int) -> list[int]:
        """Join group ``gone`` into ``keep`` (``e``: the edge between them): each edge of ``gone``
        either adds into ``keep``'s edge to the same group (``keep``'s total + ``gone``'s, as the
        dict form summed) or moves to ``keep``.  Returns ``keep``'s half-edges afterwards (``h``:
        edge ``h >> 1``, leading to ``to[h]``)."""
        self.remove(e)
        to, nxt, prv, head, mark, tot, cnt = self.to, self.nxt, self.prv, self.head, self.mark, self.tot, self.cnt
        fwd, alive, deg = self.fwd, self.alive, self.deg
        h = head[gone]
        while h >= 0:
            mark[to[h]] = h
            h = nxt[h]
        out = []
        h = head[keep]
        while h >= 0:
            c = to[h]
            hg = mark[c]
            if hg >= 0:
                ek, eg = h >> 1, hg >> 1
                tot[ek] = tot[ek] + tot[eg]
                cnt[ek] = cnt[ek] + cnt[eg]
                fwd[eg] = ek
                # unlink c's half-edge to gone (``_unlink(hg ^ 1)``: its owner is c)
                u = hg ^ 1
                p, q = prv[u], nxt[u]
                if p >= 0:
                    nxt[p] = q
                else:
                    head[c] = q
                if q >= 0:
                    prv[q] = p
                deg[c] -= 1
                alive[eg] = 0
                mark[c] = -2
            out.append(h)
            h = nxt[h]
        h = head[gone]
        moved = 0
        while h >= 0:
            after = nxt[h]
            c = to[h]
            if mark[c] == h:  # an edge to a group keep has no edge to: now keep's
                to[h ^ 1] = keep
                first = head[keep]
                prv[h], nxt[h] = -1, first
                if first >= 0:
                    prv[first] = h
                head[keep] = h
                moved += 1
                out.append(h)
            mark[c] = -1
            h = after
        deg[keep] += moved
        head[gone] = -1
        deg[gone] = 0
        return out


def _ints(a: Ints) -> array[int]:
    out = array("i")
    out.frombytes(np.ascontiguousarray(a, np.int32).data.cast("B"))
    return out


def _floats(a: npt.NDArray[np.float64]) -> array[float]:
    out = array("d")
    out.frombytes(np.ascontiguousarray(a, np.float64).data.cast("B"))
    return out


_F64 = struct.Struct("<d")
_U64 = struct.Struct("<Q")
_SIGN = 1 << 63
_ALL = (1 << 64) - 1
LOW_IN_NUMPY_BITS = 64
"""The first means' (group, group, edge) fields are packed with numpy when they fit in this many bits."""


def _order_bits(x: float) -> int:
    """A float64 as an unsigned 64-bit int in the same order (-0.0 as 0.0; no NaN comes here)."""
    u: int = _U64.unpack(_F64.pack(x + 0.0))[0]
    return u ^ _ALL if u & _SIGN else u | _SIGN


def _from_order_bits(k: int) -> float:
    x: float = _F64.unpack(_U64.pack(k ^ _SIGN if k & _SIGN else k ^ _ALL))[0]
    return x


class _Keys:
    """Heap entries (-mean, a, b, edge) packed in one int: ``order_bits(-mean) << sm | a << sa |
    b << sb | edge``.  The fields are wide enough for every local group id and edge of the
    component, so the ints order exactly as the tuples (every field compared in turn)."""

    def __init__(self, n_nodes: int, n_edges: int) -> None:
        node_bits = max(1, (n_nodes - 1).bit_length())
        self.sb = max(1, (n_edges - 1).bit_length())
        self.sa = self.sb + node_bits
        self.sm = self.sa + node_bits
        self.emask = (1 << self.sb) - 1
        self.nmask = (1 << node_bits) - 1

    def pack(self, neg: float, a: int, b: int, e: int) -> int:
        return (_order_bits(neg) << self.sm) | (a << self.sa) | (b << self.sb) | e

    def unpack(self, key: int) -> tuple[float, int, int, int]:
        return (_from_order_bits(key >> self.sm), (key >> self.sa) & self.nmask, (key >> self.sb) & self.nmask,
                key & self.emask)


def link_component(lo: Ints, hi: Ints, tot: npt.NDArray[np.float64], cnt: npt.NDArray[np.float64],
                   size: list[int], parent: list[int], refuse: Refuse, union: Union, reasons: dict[int, str],
                   ids: tuple[str, ...], threshold: float) -> None:
    """Merge best mean first while it is >= ``threshold``; ``parent[r] == r`` for current groups,
    ``refuse(a, b)`` says why two groups may not merge (None: they may), ``union`` merges them.
    Groups are numbered locally in ascending row order (``nodes``), so (mean, row, row) and
    (mean, local, local) order the heap alike."""
    floor = threshold - HEAP_MARGIN
    nodes_arr = np.unique(np.concatenate([lo, hi]))
    llo, lhi = np.searchsorted(nodes_arr, lo), np.searchsorted(nodes_arr, hi)
    nodes = array("q")
    nodes.frombytes(np.ascontiguousarray(nodes_arr, np.int64).data.cast("B"))
    del nodes_arr
    g = _Graph(llo, lhi, tot, cnt, len(nodes))
    lsize = [size[x] for x in nodes]
    current = bytearray(1 if parent[x] == x else 0 for x in nodes)
    keys = _Keys(len(nodes), lo.size)
    # the first means, sorted once (the order the heap would pop them in); the heap holds only the
    # means of merged groups, and each step takes the smaller of its top and the next first mean
    na = np.asarray(lsize, np.int64)[llo]
    nb = np.asarray(lsize, np.int64)[lhi]
    first = _first_means(llo, lhi, tot, cnt, na, nb, floor, keys)
    nxt = next(first, None)  # (the generator has its sorted arrays now)
    del na, nb, llo, lhi
    heap: list[int] = []
    g_tot, g_cnt, to, fwd, alive = g.tot, g.cnt, g.to, g.fwd, g.alive
    sm, sa, sb, emask, nmask = keys.sm, keys.sa, keys.sb, keys.emask, keys.nmask
    # (the loop below runs millions of times on a large component: ``mean_of`` on a (total, count)
    # held apart, ``_order_bits`` and ``_from_order_bits`` are written out in it, the same float
    # operations, without the calls)
    heappush, heappop, pack_f, unpack_q, pack_q, unpack_f = (heapq.heappush, heapq.heappop, _F64.pack, _U64.unpack,
                                                             _U64.pack, _F64.unpack)
    share, sign, every = MISSING_PAIR_SHARE, _SIGN, _ALL
    while True:
        if nxt is not None and (not heap or nxt <= heap[0]):
            key = nxt
            nxt = next(first, None)
        elif heap:
            key = heappop(heap)
        else:
            break
        a, b = (key >> sa) & nmask, (key >> sb) & nmask
        if not (current[a] and current[b]):
            continue
        e = key & emask
        while fwd[e] >= 0:
            e = fwd[e]
        # (``g.edge``'s first test written out: the edge pushed, or the one it merged into, is current)
        if not (alive[e] and ((to[2 * e] == b and to[2 * e + 1] == a) or (to[2 * e] == a and to[2 * e + 1] == b))):
            e = g.edge(a, b, e)
            if e < 0:
                continue
        t, k, both = g_tot[e], g_cnt[e], lsize[a] * lsize[b]
        avg = (t + share * (both - k) * t / k) / both
        o = key >> sm
        if abs(avg + unpack_f(pack_q(o ^ sign if o & sign else o ^ every))[0]) > 1e-12:
            continue
        if avg < threshold:
            break
        ra, rb = nodes[a], nodes[b]
        why_not = refuse(ra, rb)
        if why_not is not None:
            g.remove(e)
            for r in (ra, rb):
                reasons.setdefault(r, f"kept apart from {ids[rb if r == ra else ra]}: {why_not}")
            continue
        keep, gone = (a, b) if a < b else (b, a)
        union(ra, rb)
        lsize[keep] += lsize[gone]
        size[nodes[keep]] = lsize[keep]
        current[gone] = 0
        sk = lsize[keep]
        for h in g.merge(keep, gone, e):
            x, c = h >> 1, to[h]
            t, k, both = g_tot[x], g_cnt[x], sk * lsize[c]
            m = (t + share * (both - k) * t / k) / both
            if m >= floor:
                u = unpack_q(pack_f(-m + 0.0))[0]
                pair = (keep << sa) | (c << sb) if keep < c else (c << sa) | (keep << sb)
                heappush(heap, ((u ^ every if u & sign else u | sign) << sm) | pair | x)
    if lo.size >= TRIM_AT_GROUP_PAIRS:
        del heap, g, first, lsize, current, nodes
        give_back_freed_memory()


def _first_means(lo: Ints, hi: Ints, tot: npt.NDArray[np.float64], cnt: npt.NDArray[np.float64],
                 na: npt.NDArray[np.int64], nb: npt.NDArray[np.int64], floor: float, keys: _Keys) -> Iterator[int]:
    """The heap keys (-mean, lo, hi, edge) of the group pairs with a mean >= ``floor``, ascending
    (a heap's pop order).  The means are ``mean_of``'s float operations, element-wise: the same
    values; their order bits are ``_order_bits``'s, computed on the whole array."""
    both = na * nb
    missing = both - cnt
    mean = (tot + MISSING_PAIR_SHARE * missing * tot / cnt) / both
    del both, missing
    sel = np.flatnonzero(mean >= floor)
    neg = -mean[sel] + 0.0  # (+ 0.0: -0.0 as 0.0)
    del mean
    a, b = lo[sel].astype(np.int32), hi[sel].astype(np.int32)
    order = np.lexsort((b, a, neg))
    u = neg[order].view(np.uint64)
    del neg
    sign = u >= np.uint64(_SIGN)
    bits = np.where(sign, ~u, u | np.uint64(_SIGN))
    del u, sign
    a, b, e = a[order], b[order], sel[order]
    del order, sel
    if keys.sm <= LOW_IN_NUMPY_BITS:  # the (a, b, edge) fields as one uint64, the mean's bits above
        low = (a.astype(np.uint64) << np.uint64(keys.sa)) | (b.astype(np.uint64) << np.uint64(keys.sb))
        low |= e.astype(np.uint64)
        del a, b, e  # the generator keeps only what it yields from while the loop runs
        sm = keys.sm
        for s in range(0, bits.size, BUILD_CHUNK):
            t = s + BUILD_CHUNK
            yield from ((h << sm) | x for h, x in zip(bits[s:t].tolist(), low[s:t].tolist(), strict=True))
        return
    e32 = e.astype(np.int32)
    del e
    sm, sa, sb = keys.sm, keys.sa, keys.sb
    for s in range(0, bits.size, BUILD_CHUNK):
        t = s + BUILD_CHUNK
        yield from ((h << sm) | (x << sa) | (y << sb) | z
                    for h, x, y, z in zip(bits[s:t].tolist(), a[s:t].tolist(), b[s:t].tolist(), e32[s:t].tolist(),
                                          strict=True))
