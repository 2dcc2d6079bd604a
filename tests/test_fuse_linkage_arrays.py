"""The array-backed average linkage (``linkage.link_component``) merges exactly as the plain
dict-and-heap algorithm it replaced: same merges in the same order, same refusals and reasons,
on random graphs with many tied scores, refused merges and long merge chains (about 190 heap
entries of these graphs point at a refused edge; 15 of them find the two groups joined again by a
later merge, the case ``_Graph.edge`` looks up by scanning)."""

from __future__ import annotations

import heapq
from collections.abc import Callable

import numpy as np
import pytest

from claimledger.fuse.linkage import group_means, link_component, mean_of


def _plain(lo: list[int], hi: list[int], tot: list[float], cnt: list[float], size: list[int], parent: list[int],
           refuse: Callable[[int, int], str | None], union: Callable[[int, int], None], reasons: dict[int, str],
           ids: tuple[str, ...], threshold: float) -> None:
    """Average linkage in its plainest form: a dict of dicts of (total, count), every mean in the heap."""
    nbr: dict[int, dict[int, complex]] = {}
    heap = []
    for a, b, total, count in zip(lo, hi, tot, cnt, strict=True):
        nbr.setdefault(a, {})[b] = nbr.setdefault(b, {})[a] = complex(total, count)
        heap.append((-mean_of(complex(total, count), size[a], size[b]), a, b))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b:
            continue
        cur = nbr.get(a, {}).get(b)
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
        for c, t in merged.items():
            nbr[c].pop(gone, None)
            nbr[c][keep] = t
            heapq.heappush(heap, (-mean_of(t, size[keep], size[c]), min(keep, c), max(keep, c)))


def _run(seed: int, engine: str) -> tuple[list[tuple[int, int]], list[int], list[int], dict[int, str]]:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 80))
    m = int(rng.integers(n, 6 * n))
    ra, rb = rng.integers(0, n, m), rng.integers(0, n, m)
    score = (rng.integers(6, 19, m) / 20).astype(np.float32)  # a coarse grid: many equal means
    stance = rng.choice([1, 1, 1, 2, 4], n)  # 2: a denial; a group may not hold 2 and anything else
    parent = list(range(n))
    size = [1] * n
    colour = [int(x) for x in stance]
    log: list[tuple[int, int]] = []
    reasons: dict[int, str] = {}
    ids = tuple(f"c{i}" for i in range(n))

    def refuse(a: int, b: int) -> str | None:
        mask = colour[a] | colour[b]
        return "a denial joins only denials" if mask & 2 and mask != 2 else None

    def union(a: int, b: int) -> None:
        keep, gone = min(a, b), max(a, b)
        parent[gone] = keep
        colour[keep] |= colour[gone]
        log.append((keep, gone))

    lo, hi, tot, cnt = group_means(ra.astype(np.int64), rb.astype(np.int64), score)
    if engine == "arrays":
        link_component(lo, hi, tot, cnt, size, parent, refuse, union, reasons, ids, 0.3)
    else:
        _plain(lo.tolist(), hi.tolist(), tot.tolist(), cnt.tolist(), size, parent, refuse, union, reasons, ids, 0.3)
    return log, parent, size, reasons


@pytest.mark.parametrize("seed", range(150))
def test_array_linkage_merges_like_the_dict_algorithm(seed: int) -> None:
    assert _run(seed, "arrays") == _run(seed, "plain")


def test_the_random_graphs_refuse_and_chain() -> None:
    """The cases above exercise refused merges and long merge chains."""
    refused = chains = 0
    for seed in range(150):
        _, parent, _, reasons = _run(seed, "arrays")
        refused += sum(1 for r in reasons.values() if r.startswith("kept apart"))
        chains += sum(1 for i in range(len(parent)) if parent[i] != i) >= 10
    assert refused > 100 and chains > 20
