"""Proposition clustering: component-wise linkage, best pair per row (no model)."""

from __future__ import annotations

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.pairs import PairScores
from claimledger.fuse.propositions import _best_pair_of_rows, _components
from claimledger.fuse.records import Fusion
from claimledger.settings import Settings

from .fuse_ledgers import HUR, KIRBY, SOURCES, ZELENSKY, claim, doc

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
DOCS = (D1, D2)


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


def test_components_join_pairs_and_copies() -> None:
    label = _components(np.asarray([[0, 1], [2, 3]], np.int64), {4: 3}, 6)
    assert label[0] == label[1] and label[2] == label[3] == label[4]
    assert len({int(label[0]), int(label[2]), int(label[5])}) == 3


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
    both = run(DOCS, SOURCES, troops + grain, settings=Settings(), fusion=FS)
    alone = (_groups(run(DOCS, SOURCES, troops, settings=Settings(), fusion=FS))
             | _groups(run(DOCS, SOURCES, grain, settings=Settings(), fusion=FS)))
    assert _groups(both) == alone
    assert frozenset({"c_t1", "c_t2"}) in alone and frozenset({"c_g1", "c_g2"}) in alone
