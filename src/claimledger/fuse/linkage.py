"""Average linkage over the kept pair graph, in compact form (the engine of ``propositions.py``).

The merge order and every mean are those of the plain dict-and-heap algorithm (best mean first,
ties by (row, row); a merge that would mix stances or counts is refused and the pair forgotten),
with three changes that do not alter any result but cut memory and time on large inputs:

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
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Iterator, Mapping

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse import csgraph

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


def group_means(ra: npt.NDArray[np.int64], rb: npt.NDArray[np.int64], score: npt.NDArray[np.float32]
                ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64],
                           npt.NDArray[np.float64]]:
    """Per pair of distinct groups (lo < hi): the total and count of the pair scores between them,
    each total summed in the given pair order (as the old per-edge loop did)."""
    lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
    diff = lo != hi
    lo, hi, sc = lo[diff], hi[diff], score[diff]
    order = np.lexsort((hi, lo))  # stable: pairs of one group pair stay in their given order
    lo, hi, sc = lo[order], hi[order], sc[order]
    if lo.size == 0:
        return lo, hi, np.zeros(0, np.float64), np.zeros(0, np.float64)
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
    return lo[starts], hi[starts], tot, (ends - starts).astype(np.float64)


BUILD_CHUNK = 65_536
"""First means turned into Python objects per step (bounds the temporary lists)."""


class _Graph:
    """The group pairs of one component as flat arrays (``array.array``: 4 or 8 bytes an entry, no
    Python object per edge): edge ``e`` has a (total, count) and two half-edges ``2e`` and
    ``2e + 1``, one in each end's doubly linked list of half-edges; ``to[h]`` is where half-edge
    ``h`` leads (local node ids).  An edge that merges into another on a group merge forwards to it
    (``fwd``), so a heap entry finds the current edge of its two groups in O(1)."""

    def __init__(self, lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64], tot: npt.NDArray[np.float64],
                 cnt: npt.NDArray[np.float64], n_nodes: int) -> None:
        m = lo.size
        to = np.empty(2 * m, np.int32)
        to[0::2], to[1::2] = hi, lo
        owner = np.empty(2 * m, np.int32)
        owner[0::2], owner[1::2] = lo, hi
        order = np.argsort(owner, kind="stable").astype(np.int32)
        own = owner[order]
        same = own[1:] == own[:-1]
        nxt = np.full(2 * m, -1, np.int32)
        prv = np.full(2 * m, -1, np.int32)
        nxt[order[:-1][same]] = order[1:][same]
        prv[order[1:][same]] = order[:-1][same]
        first = np.ones(own.size, np.bool_)
        first[1:] = ~same
        head = np.full(n_nodes, -1, np.int32)
        head[own[first]] = order[first]
        self.to, self.nxt, self.prv = _ints(to), _ints(nxt), _ints(prv)
        self.head = _ints(head)
        self.deg = _ints(np.bincount(owner, minlength=n_nodes).astype(np.int32))
        self.mark = _ints(np.full(n_nodes, -1, np.int32))
        self.tot = array("d", tot.tobytes())
        self.cnt = array("d", cnt.tobytes())
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
        dict form summed) or moves to ``keep``.  Returns ``keep``'s edges afterwards."""
        self.remove(e)
        to, nxt, prv, head, mark, tot, cnt = self.to, self.nxt, self.prv, self.head, self.mark, self.tot, self.cnt
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
                self.fwd[eg] = ek
                self._unlink(hg ^ 1)  # c's half-edge to gone
                self.alive[eg] = 0
                mark[c] = -2
            out.append(h >> 1)
            h = nxt[h]
        h = head[gone]
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
                self.deg[keep] += 1
                out.append(h >> 1)
            mark[c] = -1
            h = after
        head[gone] = -1
        self.deg[gone] = 0
        return out


def _ints(a: npt.NDArray[np.int32]) -> array[int]:
    out = array("i")
    out.frombytes(np.ascontiguousarray(a, np.int32).tobytes())
    return out


def link_component(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64], tot: npt.NDArray[np.float64],
                   cnt: npt.NDArray[np.float64], size: list[int], parent: list[int], refuse: Refuse,
                   union: Union, reasons: dict[int, str], ids: tuple[str, ...], threshold: float) -> None:
    """Merge best mean first while it is >= ``threshold``; ``parent[r] == r`` for current groups,
    ``refuse(a, b)`` says why two groups may not merge (None: they may), ``union`` merges them.
    Groups are numbered locally in ascending row order (``nodes``), so (mean, row, row) and
    (mean, local, local) order the heap alike."""
    floor = threshold - HEAP_MARGIN
    nodes_arr = np.unique(np.concatenate([lo, hi]))
    llo, lhi = np.searchsorted(nodes_arr, lo), np.searchsorted(nodes_arr, hi)
    nodes: list[int] = nodes_arr.tolist()
    g = _Graph(llo, lhi, tot.astype(np.float64), cnt.astype(np.float64), len(nodes))
    lsize = [size[x] for x in nodes]
    current = bytearray(1 if parent[x] == x else 0 for x in nodes)
    # the first means, sorted once (the order the heap would pop them in); the heap holds only the
    # means of merged groups, and each step takes the smaller of its top and the next first mean
    na = np.asarray(lsize, np.int64)[llo]
    nb = np.asarray(lsize, np.int64)[lhi]
    first = _first_means(llo, lhi, tot, cnt, na, nb, floor)
    nxt = next(first, None)  # (the generator has its sorted arrays now)
    del na, nb, llo, lhi, nodes_arr
    heap: list[tuple[float, int, int, int]] = []
    g_tot, g_cnt = g.tot, g.cnt
    while True:
        if nxt is not None and (not heap or nxt <= heap[0]):
            neg, a, b, e = nxt
            nxt = next(first, None)
        elif heap:
            neg, a, b, e = heapq.heappop(heap)
        else:
            break
        if not (current[a] and current[b]):
            continue
        e = g.edge(a, b, e)
        if e < 0:
            continue
        avg = _mean(g_tot[e], g_cnt[e], lsize[a], lsize[b])
        if abs(avg + neg) > 1e-12:
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
        to = g.to
        for x in g.merge(keep, gone, e):
            c = to[2 * x] if to[2 * x] != keep else to[2 * x + 1]
            m = _mean(g_tot[x], g_cnt[x], sk, lsize[c])
            if m >= floor:
                heapq.heappush(heap, (-m, keep, c, x) if keep < c else (-m, c, keep, x))


def _mean(tot: float, cnt: float, na: int, nb: int) -> float:
    """``mean_of`` on a (total, count) held apart: the same float operations."""
    missing = na * nb - cnt
    return (tot + MISSING_PAIR_SHARE * missing * tot / cnt) / (na * nb)


def _first_means(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64], tot: npt.NDArray[np.float64],
                 cnt: npt.NDArray[np.float64], na: npt.NDArray[np.int64], nb: npt.NDArray[np.int64],
                 floor: float) -> Iterator[tuple[float, int, int, int]]:
    """(-mean, lo, hi, edge) of the group pairs with a mean >= ``floor``, ascending (a heap's pop
    order).  The means are ``mean_of``'s float operations, element-wise: the same values."""
    both = na * nb
    missing = both - cnt
    mean = (tot + MISSING_PAIR_SHARE * missing * tot / cnt) / both
    del both, missing
    sel = np.flatnonzero(mean >= floor)
    neg, a, b = -mean[sel], lo[sel].astype(np.int32), hi[sel].astype(np.int32)
    del mean
    order = np.lexsort((b, a, neg))
    neg, a, b, e = neg[order], a[order], b[order], sel[order].astype(np.int32)
    del order, sel  # the generator keeps only what it yields from while the loop runs
    for s in range(0, neg.size, BUILD_CHUNK):
        t = s + BUILD_CHUNK
        yield from zip(neg[s:t].tolist(), a[s:t].tolist(), b[s:t].tolist(), e[s:t].tolist(), strict=True)
