"""Claims that state the same thing join one proposition (GUIDELINES.md, "Propositions").

Groups of claims merge by average linkage over the candidate pairs (best mean first; ties by
row: a fixed order), one connected component of the graph of strong pairs at a time (merges never
cross components, so the result is the same as one global pass; see ``linkage.py``).
A merge is refused when the two groups would then hold an assertion and a denial, or two counts
of one counted thing whose best estimates differ (or whose intervals do not meet): such pairs
become relations instead. Claims copied from another document are merged with their original
whatever the score.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import ClaimTable
from .linkage import STRONG_MARGIN, group_means, link_component, strong_components
from .pairs import QTY_CONFLICT, QTY_MATCH, PairScores

__all__ = ["Clusters", "cluster_claims"]

EDGES_PER_CLAIM = 8
"""Best pairs kept per claim in the merge graph (a k-nearest-neighbour graph).  Bounds memory and
time on large inputs (a dict entry per edge); on the seeds no claim has more than a few pairs
above the floor, so the limit changes nothing there."""

EDGE_FLOOR_SHARE = 0.5
"""Pairs scoring under half the merge threshold are left out of the graph (count as 0 in a
group mean): they cannot lift a mean over the threshold on their own, and dropping them keeps
the graph small on large inputs."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Clusters:
    label: npt.NDArray[np.int32]
    """Row -> cluster index; clusters are numbered by their smallest row."""
    reasons: Mapping[int, str]
    """Row -> why it joined its proposition, or why it stands alone."""


class _Groups:
    """Union-find with, per root, what a merge must keep consistent."""

    def __init__(self, table: ClaimTable, ratio: float) -> None:
        n = len(table.ids)
        self.parent = list(range(n))
        self.ratio = ratio
        pol = table.polarity
        self.polarity = [1 if p > 0 else (2 if p < 0 else 4) for p in pol.tolist()]
        self.counts: list[dict[tuple[int, int], tuple[float, float, float, float]] | None] = [None] * n
        qc, qe = table.q_cls, table.q_ent
        for i, s in zip(*np.nonzero(qc >= 0), strict=True):
            key = (int(qc[i, s]), int(qe[i, s]))
            best = float(table.q_best[i, s])
            lo, hi = float(table.q_low[i, s]), float(table.q_high[i, s])
            d = self.counts[i] or {}
            b0 = (best, best) if math.isfinite(best) else (math.inf, -math.inf)
            old = d.get(key, (math.inf, -math.inf, -math.inf, math.inf))
            d[key] = (min(old[0], b0[0]), max(old[1], b0[1]), max(old[2], lo), min(old[3], hi))
            self.counts[i] = d
        # per root: the keys of its negated and of its plain predicates (relations_negation)
        self.negations: dict[int, tuple[set[int], set[int]]] = table.frames.row_keys()

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    @staticmethod
    def _merge_counts(x: dict[tuple[int, int], tuple[float, float, float, float]] | None,
                      y: dict[tuple[int, int], tuple[float, float, float, float]] | None
                      ) -> dict[tuple[int, int], tuple[float, float, float, float]] | None:
        if not x:
            return dict(y) if y else None
        if not y:
            return dict(x)
        out = dict(x)
        for k, v in y.items():
            o = out.get(k)
            out[k] = v if o is None else (min(o[0], v[0]), max(o[1], v[1]), max(o[2], v[2]), min(o[3], v[3]))
        return out

    def conflict(self, ra: int, rb: int) -> str | None:
        mask = self.polarity[ra] | self.polarity[rb]
        if mask & 2 and mask != 2:
            return "a denial joins only denials"
        na, nb = self.negations.get(ra), self.negations.get(rb)
        if na is not None and nb is not None and (na[0] & nb[1] or na[1] & nb[0]):
            return "a statement and its negation never join"
        if not self.counts[ra] and not self.counts[rb]:
            return None  # no counted thing on either side (most merges): nothing below can object
        merged = self._merge_counts(self.counts[ra], self.counts[rb])
        shared = (self.counts[ra] or {}).keys() & (self.counts[rb] or {}).keys()
        why: str | None = None
        for key, (lo_b, hi_b, lo, hi) in sorted((merged or {}).items()):
            if lo > hi:
                why = why or "counts of the same thing do not overlap"
            elif math.isfinite(lo_b) and lo_b > 0 and hi_b / lo_b > self.ratio:
                why = why or "counts of the same thing differ by more than 25%"
            elif key in shared and math.isfinite(lo_b):
                return None  # one counted thing's figures agree: the groups state it (pairs.compare_counts)
        return why

    def union(self, ra: int, rb: int) -> None:
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        self.polarity[keep] |= self.polarity[gone]
        self.counts[keep] = self._merge_counts(self.counts[keep], self.counts[gone])
        self.counts[gone] = None
        gone_keys = self.negations.pop(gone, None)
        if gone_keys is not None:
            kept_keys = self.negations.get(keep)
            if kept_keys is None:
                self.negations[keep] = gone_keys
            else:  # the smaller sets into the larger (no copy of a growing group's keys per merge)
                big, small = (kept_keys, gone_keys) if len(kept_keys[0]) + len(kept_keys[1]) >= \
                    len(gone_keys[0]) + len(gone_keys[1]) else (gone_keys, kept_keys)
                big[0].update(small[0])
                big[1].update(small[1])
                self.negations[keep] = big


def _why(ps: PairScores, k: int, other: str) -> str:
    bits = [f"similarity {float(ps.text[k]):.2f} with {other}"]
    if ps.same_origin[k]:
        bits.append("same origin")
    if ps.adjacent[k]:
        bits.append("continues the same source's statement")
    if ps.quantity[k] == QTY_MATCH:
        bits.append("same counted thing and figure")
    return "; ".join(bits)


def cluster_claims(table: ClaimTable, ps: PairScores, copied_from: Mapping[int, int], *,
                   settings: FusionSettings) -> Clusters:
    """Average linkage over the sparse graph of candidate pairs: the two groups whose mean pair
    score (pairs that are not candidates count 0) is highest merge first, while it is at least
    ``merge_threshold`` and the merge keeps stance and counts consistent."""
    n = len(table.ids)
    groups = _Groups(table, settings.differs_ratio)
    reasons: dict[int, str] = {}
    ids = table.ids
    size = [1] * n
    for later, first in sorted(copied_from.items()):
        ra, rb = groups.find(later), groups.find(first)
        if ra != rb and groups.conflict(ra, rb) is None:
            keep = min(ra, rb)
            groups.union(ra, rb)
            size[keep] = size[ra] + size[rb] if keep == ra else size[rb] + size[ra]
        reasons[later] = f"copies {ids[first]} near-verbatim (derived, not independent)"
    keep_edge = _top_edges(ps, (ps.score >= settings.merge_threshold * EDGE_FLOOR_SHARE) & ~ps.blocked, n)
    _link_all(ps, np.flatnonzero(keep_edge), copied_from, groups, size, reasons, ids, settings.merge_threshold)
    roots = np.fromiter((groups.find(i) for i in range(n)), np.int64, n)
    _, label = np.unique(roots, return_inverse=True)
    del roots, groups, size
    # each row's best kept pair inside its proposition (its reason for joining), one range of rows
    # at a time: no dict of a million entries beside the linkage.  Only pairs inside one
    # proposition: a row whose best pair leads to another proposition joined through a lesser one
    # (every merge uses a kept pair of the row that was alone, so each member has one)
    for s in range(0, len(ps.pairs), SCAN_STEP):
        keep_edge[s:s + SCAN_STEP] &= label[ps.pairs[s:s + SCAN_STEP, 0]] == label[ps.pairs[s:s + SCAN_STEP, 1]]
    mean = f" (group mean >= {settings.merge_threshold:.2f})"
    for node, edge in _node_steps(ps, keep_edge):
        lead = np.ones(node.size, np.bool_)
        lead[1:] = node[1:] != node[:-1]
        for r, k in zip(node[lead].tolist(), edge[lead].tolist(), strict=True):
            a, b = int(ps.pairs[k, 0]), int(ps.pairs[k, 1])
            before = reasons.get(r)
            if before is None or before.startswith("kept apart"):  # it joined another group later
                reasons[r] = "joined: " + _why(ps, k, ids[b if r == a else a]) + mean \
                    + (f"; {before}" if before else "")
    del keep_edge
    _explain_singletons(table, ps, label, reasons, settings)
    return Clusters(label=label.astype(np.int32), reasons=reasons)


def _link_all(ps: PairScores, kept: npt.NDArray[np.int64], copied_from: Mapping[int, int], groups: _Groups,
              size: list[int], reasons: dict[int, str], ids: tuple[str, ...], threshold: float) -> None:
    """Average linkage over the kept pairs, one component of the strong graph at a time (see
    ``linkage.py``: merges never leave it, so the result is that of one global pass)."""
    n = len(size)
    a, b = ps.pairs[kept, 0], ps.pairs[kept, 1]
    score = ps.score[kept]
    comp = strong_components(a, b, score >= threshold - STRONG_MARGIN, copied_from, n)
    inside = (comp[a] == comp[b]) & (comp[a] >= 0)
    a, b, score, kept = a[inside], b[inside], score[inside], kept[inside]
    if kept.size == 0:
        return
    root = np.fromiter((groups.find(i) for i in range(n)), np.int64, n)  # groups after the copies
    order = np.argsort(comp[a], kind="stable")  # by component, ascending pair index within one
    a, b, score = a[order], b[order], score[order]
    cut = np.flatnonzero(np.diff(comp[a])) + 1
    del kept, order
    for ea, eb, es in zip(np.split(a, cut), np.split(b, cut), np.split(score, cut), strict=True):
        lo, hi, tot, cnt = group_means(root[ea], root[eb], es)
        link_component(lo, hi, tot, cnt, size, groups.parent, groups.conflict, groups.union, reasons, ids,
                       threshold)


def _top_edges(ps: PairScores, keep: npt.NDArray[np.bool_], n: int) -> npt.NDArray[np.bool_]:
    """Keep each claim's ``EDGES_PER_CLAIM`` best pairs (a pair stays when it is among the best of
    either claim): the graph has at most 2 x EDGES_PER_CLAIM x claims edges at any size."""
    out = np.zeros_like(keep)
    for node, edge in _node_steps(ps, keep):
        # among a node's first EDGES_PER_CLAIM entries <=> not the node of the entry that many before
        best = np.ones(node.size, np.bool_)
        np.not_equal(node[EDGES_PER_CLAIM:], node[:-EDGES_PER_CLAIM], out=best[EDGES_PER_CLAIM:])
        out[edge[best]] = True
    return out


ENTRIES_PER_STEP = 1 << 20
"""Pair ends sorted per step of ``_node_steps`` (one range of nodes at a time): ~80 MB of sort
keys, orders and gathers, not 40 bytes for every kept pair at once (~1.3 GB at a million claims)."""


def _by_node_best_first(ps: PairScores, idx: npt.NDArray[np.int64]
                        ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Both ends of the pairs ``idx`` (node, pair) in the order (node, best score first, pair)."""
    keep = np.zeros(len(ps.pairs), np.bool_)
    keep[idx] = True
    steps = list(_node_steps(ps, keep))
    if not steps:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([n for n, _ in steps]), np.concatenate([e for _, e in steps])


def _node_steps(ps: PairScores, keep: npt.NDArray[np.bool_]
                ) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Both ends of the pairs ``keep`` (node, pair) in the order (node, best score first, pair), one
    range of nodes at a time (ascending ranges: the pieces make the whole order).  Each range is one
    stable int64 sort of node << 32 | descending score bits over its ends, taken in pair order (end
    ``2k`` and ``2k + 1`` are the ends of pair ``k``): the ends of a range keep their relative order,
    so a stable sort of the range is the global stable sort restricted to it."""
    pairs, score = ps.pairs, ps.score
    if score.dtype != np.float32 or np.isnan(score[keep]).any() or (pairs.size and int(pairs.max()) >= 1 << 31):
        idx = np.flatnonzero(keep)
        node = pairs[idx].ravel().astype(np.int64)  # pair by pair: equal keys keep ascending pair order
        edge = np.repeat(idx, 2)
        order = np.lexsort((edge, -np.repeat(score[idx], 2), node))
        yield node[order], edge[order]
        return
    kept = int(np.count_nonzero(keep))
    if kept == 0:
        return
    n_nodes = int(pairs.max()) + 1
    steps = -(-2 * kept // ENTRIES_PER_STEP)
    cuts = np.linspace(0, n_nodes, steps + 1).astype(np.int64)
    first = pairs[:, 0]
    ordered = bool((first[1:] >= first[:-1]).all())  # blocking's pairs: (i, j) order, i ascending
    # where each range's slice starts: a binary search per cut in Python (np.searchsorted would
    # copy the strided int32 column whole as int64, ~340 MiB at 1M claims)
    starts = [bisect.bisect_left(first, c) for c in cuts.tolist()] if ordered else []
    # the pairs of each range by their second end (and their first, when not ordered): one pass
    # over the pairs, not one per range (at a million claims, 33 ranges x 49M pairs per call)
    by_second = _ends_by_step(keep, pairs[:, 1], cuts)
    by_first = [] if ordered else _ends_by_step(keep, first, cuts)
    for step, (lo, hi) in enumerate(itertools.pairwise(cuts.tolist())):
        if lo == hi:
            continue
        if ordered:  # the pairs whose first end is in [lo, hi) are one slice
            s, e = starts[step], starts[step + 1]
            ends0 = (np.flatnonzero(keep[s:e]) + s) * 2
        else:
            ends0 = _joined(by_first[step]) * 2
            by_first[step] = []
        ends = np.concatenate([ends0, _joined(by_second[step]) * 2 + 1])
        by_second[step] = []
        del ends0
        if ends.size == 0:
            continue
        ends.sort()  # 2k + side, ascending: the ends in pair order
        pair = ends >> 1
        # float32 bits in descending order of the value (-0.0 -> 0.0 first: ties as a float sort):
        # negative values keep their bits, the others have them flipped under the sign bit
        bits = (score[pair] + np.float32(0.0)).view(np.uint32)
        desc = np.where(bits >= np.uint32(1 << 31), bits, ~bits & np.uint32((1 << 31) - 1))
        del bits
        key = pairs[pair, ends & 1].astype(np.int64)
        del ends
        key <<= 32
        key |= desc
        del desc
        order = np.argsort(key, kind="stable")
        node = key[order]
        del key
        node >>= 32
        yield node, pair[order]


SCAN_STEP = 1 << 22
"""Pairs compared per step by ``_ends_by_step`` and ``_explain_singletons`` (their masks are this
long, not as long as the pairs)."""


def _ends_by_step(keep: npt.NDArray[np.bool_], end: npt.NDArray[np.signedinteger[Any]],
                  cuts: npt.NDArray[np.int64]) -> list[list[npt.NDArray[np.signedinteger[Any]]]]:
    """Per range ``[cuts[k], cuts[k + 1])`` of nodes, the indices of the pairs ``keep`` whose
    ``end`` is in it, ascending, in pieces (one pass over the pairs, ``SCAN_STEP`` at a time; the
    indices are int32 when they fit: 4 bytes a kept pair)."""
    out: list[list[npt.NDArray[np.signedinteger[Any]]]] = [[] for _ in range(len(cuts) - 1)]
    small = end.size < 1 << 31
    edges = np.arange(len(cuts))
    for s in range(0, end.size, SCAN_STEP):
        idx = np.flatnonzero(keep[s:s + SCAN_STEP])
        # the range of each end: the last cut at or below it (an empty range's cut repeats the next)
        step = np.searchsorted(cuts, end[s:s + SCAN_STEP][idx], side="right") - 1
        order = np.argsort(step, kind="stable")  # by range, ascending pair index within one
        idx = idx[order] + s
        bounds = np.searchsorted(step[order], edges).tolist()
        del step, order
        if small:
            idx = idx.astype(np.int32)
        for k, (b0, b1) in enumerate(itertools.pairwise(bounds)):
            if b1 > b0:
                out[k].append(idx[b0:b1])
    return out


def _joined(parts: list[npt.NDArray[np.signedinteger[Any]]]) -> npt.NDArray[np.int64]:
    """The pieces of one range of ``_ends_by_step``, as one int64 array."""
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def _best_pair_of_rows(ps: PairScores, idx: npt.NDArray[np.int64]) -> dict[int, int]:
    """Row -> the best-scoring pair among ``idx`` that holds it (ties: the lower pair index)."""
    keep = np.zeros(len(ps.pairs), np.bool_)
    keep[idx] = True
    return _best_pair_of_mask(ps, keep)


def _best_pair_of_mask(ps: PairScores, keep: npt.NDArray[np.bool_]) -> dict[int, int]:
    """Row -> the best-scoring pair among the pairs ``keep`` that holds it (ties: the lower pair
    index).  Vectorised (one sort per range of rows) rather than a Python loop over the pairs, which
    at a million claims turned tens of millions of pairs into Python ints."""
    out: dict[int, int] = {}
    for node, edge in _node_steps(ps, keep):
        first = np.ones(node.size, np.bool_)
        first[1:] = node[1:] != node[:-1]
        out.update(zip(node[first].tolist(), edge[first].tolist(), strict=True))
    return out


def _explain_singletons(table: ClaimTable, ps: PairScores, label: npt.NDArray[np.int64], reasons: dict[int, str],
                        settings: FusionSettings) -> None:
    """Why each claim left alone stands alone: its best candidate and what kept them apart."""
    sizes = np.bincount(label)
    alone = sizes[label] == 1
    touch = np.empty(len(ps.pairs), np.bool_)  # pairs holding a claim left alone, a step at a time
    for s in range(0, len(ps.pairs), SCAN_STEP):  # (a gather by a whole int32 column copies it as int64)
        touch[s:s + SCAN_STEP] = alone[ps.pairs[s:s + SCAN_STEP, 0]] | alone[ps.pairs[s:s + SCAN_STEP, 1]]
    best = _best_pair_of_mask(ps, touch)
    del touch
    for r in np.flatnonzero(alone).tolist():
        if r in reasons and reasons[r].startswith(("kept apart", "copies")):
            continue
        k = best.get(r)
        if k is None:
            reasons[r] = "no other claim shares a blocking key with it"
            continue
        other = table.ids[int(ps.pairs[k, 1]) if int(ps.pairs[k, 0]) == r else int(ps.pairs[k, 0])]
        if ps.polarity_conflict[k]:
            why = "opposite stance (denial vs assertion)"
        elif ps.quantity[k] == QTY_CONFLICT:
            why = "counts of the same thing differ"
        elif ps.time_conflict[k]:
            why = "different event months"
        else:
            why = f"below the merge threshold {settings.merge_threshold:.2f}"
        reasons[r] = f"stands alone: best candidate {other} scored {float(ps.score[k]):.2f} ({why})"

