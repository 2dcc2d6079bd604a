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
"""Group pairs turned into Python objects per step while building the adjacency (bounds the
temporary lists)."""


def link_component(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64], tot: npt.NDArray[np.float64],
                   cnt: npt.NDArray[np.float64], size: list[int], parent: list[int], refuse: Refuse,
                   union: Union, reasons: dict[int, str], ids: tuple[str, ...], threshold: float) -> None:
    """Merge best mean first while it is >= ``threshold``; ``parent[r] == r`` for current groups,
    ``refuse(a, b)`` says why two groups may not merge (None: they may), ``union`` merges them."""
    nbr: dict[int, dict[int, complex]] = {}
    floor = threshold - HEAP_MARGIN
    for s in range(0, lo.size, BUILD_CHUNK):
        e = s + BUILD_CHUNK
        for a, b, t, c in zip(lo[s:e].tolist(), hi[s:e].tolist(), tot[s:e].tolist(), cnt[s:e].tolist(),
                              strict=True):
            a, b = parent[a], parent[b]  # the list's own int objects (roots): shared, not copied
            tc = complex(t, c)
            ma = nbr.get(a)
            if ma is None:
                ma = nbr[a] = {}
            mb = nbr.get(b)
            if mb is None:
                mb = nbr[b] = {}
            ma[b] = mb[a] = tc
    # the first means, sorted once (the order the heap would pop them in); the heap holds only the
    # means of merged groups, and each step takes the smaller of its top and the next first mean
    na = np.fromiter((size[x] for x in lo.tolist()), np.int64, lo.size)
    nb = np.fromiter((size[x] for x in hi.tolist()), np.int64, hi.size)
    first = _first_means(lo, hi, tot, cnt, na, nb, floor)
    nxt = next(first, None)
    heap: list[tuple[float, int, int]] = []
    empty: dict[int, complex] = {}
    while True:
        if nxt is not None and (not heap or nxt <= heap[0]):
            neg, a, b = nxt
            nxt = next(first, None)
        elif heap:
            neg, a, b = heapq.heappop(heap)
        else:
            break
        if parent[a] != a or parent[b] != b:
            continue
        cur = nbr.get(a, empty).get(b)
        if cur is None:
            continue
        avg = mean_of(cur, size[a], size[b])
        if abs(avg + neg) > 1e-12:
            continue
        if avg < threshold:
            break
        why_not = refuse(a, b)
        if why_not is not None:
            del nbr[a][b], nbr[b][a]
            for r in (a, b):
                reasons.setdefault(r, f"kept apart from {ids[b if r == a else a]}: {why_not}")
            continue
        keep, gone = (a, b) if a < b else (b, a)
        union(a, b)
        size[keep] += size[gone]
        merged = nbr.pop(keep, {})
        for c, t in nbr.pop(gone, {}).items():
            merged[c] = merged.get(c, 0j) + t
        merged.pop(keep, None)
        merged.pop(gone, None)
        nbr[keep] = merged
        sk = size[keep]
        for c, t in merged.items():
            other = nbr[c]
            other.pop(gone, None)
            other[keep] = t
            m = mean_of(t, sk, size[c])
            if m >= floor:
                heapq.heappush(heap, (-m, keep if keep < c else c, c if keep < c else keep))


def _first_means(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64], tot: npt.NDArray[np.float64],
                 cnt: npt.NDArray[np.float64], na: npt.NDArray[np.int64], nb: npt.NDArray[np.int64],
                 floor: float) -> Iterator[tuple[float, int, int]]:
    """(-mean, lo, hi) of the group pairs with a mean >= ``floor``, ascending (a heap's pop order).
    The means are ``mean_of``'s float operations, element-wise: the same values."""
    both = na * nb
    missing = both - cnt
    mean = (tot + MISSING_PAIR_SHARE * missing * tot / cnt) / both
    sel = np.flatnonzero(mean >= floor)
    neg, a, b = -mean[sel], lo[sel], hi[sel]
    order = np.lexsort((b, a, neg))
    neg, a, b = neg[order], a[order], b[order]
    for s in range(0, neg.size, BUILD_CHUNK):
        e = s + BUILD_CHUNK
        yield from zip(neg[s:e].tolist(), a[s:e].tolist(), b[s:e].tolist(), strict=True)
