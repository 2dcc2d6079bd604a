"""Proposition clustering: component-wise linkage, best pair per row, compact blocking (no model)."""

from __future__ import annotations

import heapq

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.blocking import _pairs_in_blocks, _rank, _sort_by, _unique_sorted
from claimledger.fuse.linkage import group_means, link_component, strong_components
from claimledger.fuse.pairs import PairScores
from claimledger.fuse.propositions import _best_pair_of_rows, _by_node_best_first
from claimledger.fuse.records import Fusion
from claimledger.settings import Settings

from .fuse_ledgers import HUR, KIRBY, SOURCES, ZELENSKY, claim, doc

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
DOCS = (D1, D2)
ONE_STORY = {d.id: "st_test" for d in DOCS}
"""Fusion runs story by story: both documents in one story, so their claims are compared."""


def _scores(pairs: list[tuple[int, int]], score: list[float]) -> PairScores:
    k = len(pairs)
    no = np.zeros(k, np.bool_)
    s = np.asarray(score, np.float32)
    return PairScores(pairs=np.asarray(pairs, np.int64), text=s, lex=s, score=s, polarity_conflict=no,
                      quantity=np.zeros(k, np.int8), time_conflict=no, same_origin=no, adjacent=no, blocked=no)


def test_best_pair_of_each_row_ties_go_to_the_lower_pair() -> None:
    ps = _scores([(0, 1), (1, 2), (0, 2), (2, 3)], [0.5, 0.9, 0.5, 0.1])
    best = _best_pair_of_rows(ps, np.arange(4))
    assert best == {0: 0, 1: 1, 2: 1, 3: 3}
    assert _best_pair_of_rows(ps, np.asarray([0, 3])) == {0: 0, 1: 0, 2: 3, 3: 3}


def test_strong_components_join_strong_pairs_and_copies_only() -> None:
    a, b = np.asarray([0, 2, 1], np.int64), np.asarray([1, 3, 5], np.int64)
    label = strong_components(a, b, np.asarray([True, True, False]), {4: 3}, 7)
    assert label[0] == label[1] and label[2] == label[3] == label[4]
    assert label[0] != label[2] and label[5] == label[6] == -1  # 1-5 is weak: 5 stays alone


def _plain_linkage(pairs: list[tuple[int, int]], score: list[float], n: int, stance: list[int],
                   threshold: float) -> tuple[list[int], dict[int, str]]:
    """The plain algorithm (dicts of (total, count) tuples, every mean in one heap), as a reference."""
    parent, size, mask = list(range(n)), [1] * n, [1 << s for s in stance]
    reasons: dict[int, str] = {}
    nbr: dict[int, dict[int, tuple[float, int]]] = {}
    for (a, b), sc in zip(pairs, score, strict=True):
        t0, c0 = nbr.setdefault(a, {}).get(b, (0.0, 0))
        nbr[a][b] = nbr.setdefault(b, {})[a] = (t0 + sc, c0 + 1)

    def mean(tc: tuple[float, int], na: int, nb: int) -> float:
        return (tc[0] + 0.5 * (na * nb - tc[1]) * tc[0] / tc[1]) / (na * nb)

    heap = [(-mean(tc, 1, 1), a, b) for a, m in nbr.items() for b, tc in m.items() if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or b not in nbr.get(a, {}):
            continue
        avg = mean(nbr[a][b], size[a], size[b])
        if abs(avg + neg) > 1e-12:
            continue
        if avg < threshold:
            break
        if bin(mask[a] | mask[b]).count("1") > 1:
            del nbr[a][b], nbr[b][a]
            for r in (a, b):
                reasons.setdefault(r, f"apart {b if r == a else a}")
            continue
        keep, gone = min(a, b), max(a, b)
        parent[gone], size[keep], mask[keep] = keep, size[keep] + size[gone], mask[keep] | mask[gone]
        merged = nbr.pop(keep, {})
        for c, tc in nbr.pop(gone, {}).items():
            t0, c0 = merged.get(c, (0.0, 0))
            merged[c] = (t0 + tc[0], c0 + tc[1])
        merged.pop(keep, None)
        merged.pop(gone, None)
        nbr[keep] = merged
        for c, tc in merged.items():
            nbr[c].pop(gone, None)
            nbr[c][keep] = tc
            heapq.heappush(heap, (-mean(tc, size[keep], size[c]), min(keep, c), max(keep, c)))
    return parent, reasons


def _compact_linkage(pairs: list[tuple[int, int]], score: list[float], n: int, stance: list[int],
                     threshold: float) -> tuple[list[int], dict[int, str]]:
    parent, size, mask = list(range(n)), [1] * n, [1 << s for s in stance]
    reasons: dict[int, str] = {}
    a, b = np.asarray([p[0] for p in pairs], np.int64), np.asarray([p[1] for p in pairs], np.int64)
    sc = np.asarray(score, np.float32)
    comp = strong_components(a, b, sc >= threshold - 1e-9, {}, n)
    inside = (comp[a] == comp[b]) & (comp[a] >= 0)

    def refuse(x: int, y: int) -> str | None:
        return "apart" if bin(mask[x] | mask[y]).count("1") > 1 else None

    def union(x: int, y: int) -> None:
        keep, gone = min(x, y), max(x, y)
        parent[gone], mask[keep] = keep, mask[keep] | mask[gone]

    for c in np.unique(comp[a][inside]).tolist():
        sel = inside & (comp[a] == c)
        lo, hi, tot, cnt = group_means(a[sel], b[sel], sc[sel])
        link_component(lo, hi, tot, cnt, size, parent, refuse, union, reasons, tuple(str(i) for i in range(n)),
                       threshold)
    return parent, {r: f"apart {why.split()[3][:-1]}" for r, why in reasons.items()}


def test_compact_linkage_merges_exactly_as_the_plain_algorithm() -> None:
    rng = np.random.default_rng(3)
    for trial in range(40):
        n = int(rng.integers(5, 60))
        m = int(rng.integers(n, 4 * n))
        raw = {(int(min(x, y)), int(max(x, y))) for x, y in rng.integers(0, n, (m, 2)) if x != y}
        pairs = sorted(raw)
        # scores on a coarse grid: many exact ties between means, and a threshold hit exactly
        score = [float(np.float32(v)) for v in rng.integers(3, 20, len(pairs)) / 20]
        stance = rng.choice([0, 0, 0, 1], n).tolist()
        plain = _plain_linkage(pairs, score, n, stance, 0.5)
        assert _compact_linkage(pairs, score, n, stance, 0.5) == plain, trial


def test_group_means_sum_repeated_group_pairs_in_the_given_order() -> None:
    lo, hi, tot, cnt = group_means(np.asarray([3, 0, 0, 1]), np.asarray([0, 3, 3, 1]),
                                   np.asarray([0.1, 0.2, 0.3, 0.9], np.float32))
    assert lo.tolist() == [0] and hi.tolist() == [3] and cnt.tolist() == [3.0]
    expected = 0.0
    for v in np.asarray([0.1, 0.2, 0.3], np.float32).tolist():
        expected = expected + v
    assert tot.tolist() == [expected]


def test_one_sort_orders_as_the_multi_key_sorts() -> None:
    rng = np.random.default_rng(5)
    major, minor = rng.integers(0, 30, 500), rng.integers(0, 40, 500)
    assert np.array_equal(_sort_by(major, minor, 40), np.lexsort((minor, major)))
    codes = rng.integers(0, 100, 300)
    assert np.array_equal(_unique_sorted(codes.copy()), np.unique(codes))
    proj = rng.choice(np.asarray([0.5, -1.0, 2.0], np.float32), 50)
    rank = _rank(proj)
    assert np.array_equal(np.argsort(rank), np.lexsort((np.arange(50), proj)))
    keys, rows = rng.integers(0, 5, 120), rng.integers(0, 50, 120)
    order = np.lexsort((rows, proj[rows], keys))
    k, r = keys[order], rows[order]
    want = set()
    for off in range(1, 4):
        same = k[off:] == k[:-off]
        x, y = r[:-off][same], r[off:][same]
        want |= set((np.minimum(x, y) * 50 + np.maximum(x, y)).tolist())
    assert _pairs_in_blocks(keys, rows, rank, 3).tolist() == sorted(want)


def test_best_first_order_matches_a_float_sort_with_ties_and_signed_zeros() -> None:
    pairs = [(0, 1), (1, 2), (0, 2), (2, 3), (0, 3), (1, 3)]
    ps = _scores(pairs, [0.5, -0.0, 0.5, 0.0, -0.25, 0.75])
    idx = np.arange(len(pairs))
    node, edge = _by_node_best_first(ps, idx)
    n2 = ps.pairs[idx].T.ravel()
    e2 = np.concatenate([idx, idx])
    order = np.lexsort((e2, -ps.score[e2], n2))
    assert node.tolist() == n2[order].tolist() and edge.tolist() == e2[order].tolist()


def _groups(f: Fusion) -> set[frozenset[str]]:
    return {frozenset(p.claim_ids) for p in f.propositions}


def test_two_unrelated_matters_cluster_as_each_would_alone() -> None:
    troops = [
        claim("t1", D1, "North Korea has sent 12,000 troops to Russia for training", HUR),
        claim("t2", D2, "North Korea sent 12,000 soldiers to Russia for training", ZELENSKY),
    ]
    grain = [
        claim("g1", D1, "the grain harvest in the southern provinces fell by a third this year", KIRBY, start=500),
        claim("g2", D2, "this year's grain harvest in the southern provinces fell by a third", KIRBY, start=500),
    ]
    both = run(DOCS, SOURCES, troops + grain, settings=Settings(), fusion=FS, stories=ONE_STORY)
    alone = (_groups(run(DOCS, SOURCES, troops, settings=Settings(), fusion=FS, stories=ONE_STORY))
             | _groups(run(DOCS, SOURCES, grain, settings=Settings(), fusion=FS, stories=ONE_STORY)))
    assert _groups(both) == alone
    assert frozenset({"c_t1", "c_t2"}) in alone and frozenset({"c_g1", "c_g2"}) in alone
