"""Average-linkage agglomerative clustering restricted to a sparse neighbour graph.

Two clusters may merge only when some edge joins them (the graph of each document's best
candidate pairs); their similarity is then the *exact* mean over all their member pairs, computed
from per-cluster sums of the unit document vectors (mean cosine = sum_A . sum_B / (|A| |B|)), so
a large story is not penalised for the pairs the graph left out.  The score is

    ((1 - w * phi) * mean text cosine + w * sum of entity cosines / (|A| |B|)) * time factor

where phi is the share of pairs in which both documents have entities (for two documents this is
exactly the pair similarity of ``stories_graph``) and the time factor uses the gap between the
clusters' date ranges (0 when they overlap; neutral when either has no date), so a thread that
develops day by day is not penalised while a similar event months later is.

The best pair is merged while its score reaches the threshold.  Scores are re-computed lazily:
a merged cluster's text/entity mean is a weighted mean of its parts', so a stale heap entry is
an upper bound in the common case and is re-scored when it reaches the top.  Cluster ids are
their lowest member row (rows are in canonical order) and ties are broken by those ids, so the
result does not depend on the order in which documents arrived.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .stories_graph import time_factor

__all__ = ["LinkageParams", "average_linkage", "union_groups"]

Vec = tuple[np.ndarray, np.ndarray]
"""A sparse vector: sorted column indices, values."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkageParams:
    threshold: float
    entity_weight: float
    time_grace_days: float
    time_scale_days: float


def union_groups(n: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Connected components of ``pairs`` over ``n`` rows; each label is the component's lowest row."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.asarray([find(i) for i in range(n)], dtype=np.int64)


def _row(m: sp.csr_matrix, i: int) -> Vec:
    lo, hi = m.indptr[i], m.indptr[i + 1]
    return m.indices[lo:hi], m.data[lo:hi]


def _add(a: Vec, b: Vec) -> Vec:
    idx = np.concatenate([a[0], b[0]])
    val = np.concatenate([a[1], b[1]])
    cols, inv = np.unique(idx, return_inverse=True)
    return cols, np.bincount(inv, weights=val, minlength=cols.size)


def _dot(a: Vec, b: Vec) -> float:
    if a[0].size == 0 or b[0].size == 0:
        return 0.0
    _, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(np.dot(a[1][ia], b[1][ib]))


class _Clusters:
    """Per-cluster sums, sizes and date ranges (ids are lowest member rows)."""

    def __init__(self, text: sp.csr_matrix, ents: sp.csr_matrix, days: np.ndarray, groups: np.ndarray,
                 p: LinkageParams) -> None:
        self.p = p
        n = int(groups.size)
        self.parent = groups.astype(np.int64).copy()
        self.size: dict[int, int] = {}
        self.version: dict[int, int] = {}
        self.text: dict[int, Vec] = {}
        self.ents: dict[int, Vec] = {}
        self.n_ent: dict[int, int] = {}
        self.span: dict[int, tuple[int, int] | None] = {}
        has_ent = np.diff(ents.indptr) > 0
        for i in range(n):
            g = int(groups[i])
            day = int(days[i])
            t, e = _row(text, i), _row(ents, i)
            if g not in self.size:
                self.size[g], self.version[g] = 1, 0
                self.text[g], self.ents[g] = t, e
                self.n_ent[g] = int(has_ent[i])
                self.span[g] = (day, day) if day >= 0 else None
                continue
            self.size[g] += 1
            self.text[g], self.ents[g] = _add(self.text[g], t), _add(self.ents[g], e)
            self.n_ent[g] += int(has_ent[i])
            self.span[g] = self._join(self.span[g], (day, day) if day >= 0 else None)

    @staticmethod
    def _join(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
        if a is None or b is None:
            return a or b
        return (min(a[0], b[0]), max(a[1], b[1]))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = int(self.parent[root])
        while self.parent[x] != root:
            self.parent[x], x = root, int(self.parent[x])
        return root

    def score(self, a: int, b: int) -> float:
        pairs = float(self.size[a] * self.size[b])
        text = _dot(self.text[a], self.text[b]) / pairs
        phi = self.n_ent[a] * self.n_ent[b] / pairs
        ent = _dot(self.ents[a], self.ents[b]) / pairs if phi else 0.0
        w = self.p.entity_weight
        sim = (1.0 - w * phi) * text + w * ent
        sa, sb = self.span[a], self.span[b]
        if sa is None or sb is None:
            return sim
        gap = float(max(0, sb[0] - sa[1], sa[0] - sb[1]))
        factor = time_factor(np.asarray([gap]), self.p.time_grace_days, self.p.time_scale_days)
        return sim * float(factor[0])

    def merge(self, keep: int, gone: int) -> None:
        self.parent[gone] = keep
        self.size[keep] += self.size.pop(gone)
        self.text[keep] = _add(self.text[keep], self.text.pop(gone))
        self.ents[keep] = _add(self.ents[keep], self.ents.pop(gone))
        self.n_ent[keep] += self.n_ent.pop(gone)
        self.span[keep] = self._join(self.span[keep], self.span.pop(gone))
        self.version[keep] += 1
        del self.version[gone]


def average_linkage(text: sp.csr_matrix, ents: sp.csr_matrix, days: np.ndarray, groups: np.ndarray,
                    left: np.ndarray, right: np.ndarray, weight: np.ndarray, p: LinkageParams) -> np.ndarray:
    """Cluster label (lowest member row) of each row.

    ``text``/``ents`` are the unit document vectors and ``days`` the day numbers (-1: unknown);
    ``groups`` gives each row's initial cluster (its lowest member row: rows that must stay
    together, e.g. near-duplicates); ``left``/``right``/``weight`` are the graph's edges with the
    pair similarity (used as is between two single documents).
    """
    cl = _Clusters(text, ents, days, groups, p)
    heap: list[tuple[float, int, int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for i, j, w in zip(left.tolist(), right.tolist(), weight.tolist(), strict=True):
        a, b = int(groups[i]), int(groups[j])
        if a == b:
            continue
        a, b = min(a, b), max(a, b)
        if cl.size[a] > 1 or cl.size[b] > 1:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            w = cl.score(a, b)
        if w >= p.threshold:
            heap.append((-w, a, b, 0, 0))
    heapq.heapify(heap)
    scored: set[tuple[int, int, int, int]] = set()
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        ra, rb = cl.find(a), cl.find(b)
        if ra == rb:
            continue
        if ra == a and rb == b and cl.version[a] == va and cl.version[b] == vb:
            cl.merge(a, b)  # a < b: the merged cluster keeps the lower id
            continue
        lo, hi = min(ra, rb), max(ra, rb)
        key = (lo, hi, cl.version[lo], cl.version[hi])
        if key in scored:
            continue
        scored.add(key)
        s = cl.score(lo, hi)
        if s >= p.threshold:
            heapq.heappush(heap, (-s, lo, hi, key[2], key[3]))
    return np.asarray([cl.find(i) for i in range(int(groups.size))], dtype=np.int64)
