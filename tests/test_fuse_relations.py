"""Each relation kind pinned on a small hand-built ledger (GUIDELINES.md, "Relations")."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.features import build_table
from claimledger.fuse.origins import assign_origins
from claimledger.fuse.pairs import score_pairs
from claimledger.fuse.records import FuseClaim, Fusion, Proposition
from claimledger.fuse.relations import find_relations
from claimledger.settings import Settings

from .fuse_ledgers import HUR, KIRBY, PESKOV, SOURCES, UA_OFFICIAL, US_GOV, ZELENSKY, claim, doc, one_story, qty

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
D3 = doc("3", "NBC News", "2024-10-16")
DOCS = (D1, D2, D3)


def fuse(claims: list[FuseClaim]) -> Fusion:
    return run(DOCS, SOURCES, claims, settings=Settings(), fusion=FS, stories=one_story(*DOCS))


def prop_of(f: Fusion, cid: str) -> Proposition:
    return next(p for p in f.propositions if f"c_{cid}" in p.claim_ids)


def kinds_between(f: Fusion, a: str, b: str) -> set[str]:
    pa, pb = prop_of(f, a).id, prop_of(f, b).id
    return {r.kind for r in f.relations if {r.from_id, r.to_id} == {pa, pb}}


def test_denial_contradicts_the_assertion_and_never_joins_it() -> None:
    f = fuse([
        claim("deny", D1, "claims that North Korean troops are fighting in Ukraine alongside Russian forces are a hoax",
              PESKOV, stance="denies"),
        claim("say", D3, "North Korean troops are fighting in Ukraine alongside Russian forces", ZELENSKY),
    ])
    assert prop_of(f, "deny").id != prop_of(f, "say").id
    assert kinds_between(f, "deny", "say") == {"contradicts"}
    rel = next(r for r in f.relations if r.kind == "contradicts")
    assert rel.from_id == prop_of(f, "deny").id and "denies" in rel.reason


def test_open_bound_and_exact_figure_differ_and_the_reason_says_so() -> None:
    f = fuse([
        claim("us", D1, "at least 3,000 North Korean troops are already in Russia", US_GOV,
              quantities=(qty("at least 3,000", 3000, 3000, None, "at_least", "troop"),)),
        claim("ua", D2, "12,000 North Korean soldiers are already in Russia", HUR,
              quantities=(qty("12,000", 12000, 12000, 12000, "exact", "soldier"),)),
    ])
    assert prop_of(f, "us").id != prop_of(f, "ua").id
    assert kinds_between(f, "us", "ua") == {"differs"}
    reason = next(r.reason for r in f.relations if r.kind == "differs")
    assert "at least 3,000" in reason and "12,000" in reason and "open bound" in reason


def test_figures_within_a_quarter_of_each_other_do_not_differ() -> None:
    f = fuse([
        claim("a", D1, "about 12,000 North Korean troops are in Russia", HUR,
              quantities=(qty("about 12,000", 12000, 12000, 12000, "approximate", "troop"),)),
        claim("b", D2, "some 11,000 North Korean troops are in Russia", KIRBY,
              quantities=(qty("some 11,000", 11000, 11000, 11000, "approximate", "troop"),)),
    ])
    assert "differs" not in kinds_between(f, "a", "b") or prop_of(f, "a").id == prop_of(f, "b").id


def test_not_yet_then_already_is_an_update() -> None:
    f = fuse([
        claim("early", D1, "Kyiv hasn't seen any North Korean units fighting at the front yet", UA_OFFICIAL),
        claim("late", D2, "the first North Korean units had already reached the front lines in Kursk", HUR),
    ])
    assert kinds_between(f, "early", "late") == {"updates"}
    rel = next(r for r in f.relations if r.kind == "updates")
    assert rel.from_id == prop_of(f, "late").id and rel.to_id == prop_of(f, "early").id
    assert "2024-10-10" in rel.reason and "2024-10-24" in rel.reason


def test_same_origin_changing_stance_later_is_an_update() -> None:
    f = fuse([
        claim("hoax", D1, "reports of North Korean troops in Russia are a hoax", PESKOV, stance="denies"),
        claim("later", D2, "the reports of North Korean troops in Russia", PESKOV, stance="declines"),
    ])
    assert kinds_between(f, "hoax", "later") == {"updates"}


@pytest.mark.parametrize("kind", ["contradicts", "differs", "updates", "supports"])
def test_relation_rule_on_scored_pairs(kind: str) -> None:
    """The rule itself, with the pair's topical similarity fixed: each kind from its condition."""
    aq: tuple[dict[str, object], ...] = ()
    bq: tuple[dict[str, object], ...] = ()
    a_stance, b_stance, a_text = "asserts", "asserts", "North Korean troops are in Kursk"
    b_text = "North Korean troops are in Kursk now"
    if kind == "contradicts":
        a_stance = "denies"
    elif kind == "differs":
        aq = (qty("3,000", 3000, 3000, 3000, "exact", "troop"),)
        bq = (qty("12,000", 12000, 12000, 12000, "exact", "troop"),)
    elif kind == "updates":
        a_text = "no North Korean troops have reached Kursk yet"
        b_text = "North Korean troops have already reached Kursk"
    elif kind == "supports":  # an assessment of what the other states (related content alone is not)
        a_text = "the reports of North Korean troops fighting in Kursk are highly likely"
        b_text = "North Korean troops are fighting in Kursk"
    claims = [claim("a", D1, a_text, HUR, stance=a_stance, quantities=aq),
              claim("b", D2, b_text, KIRBY, stance=b_stance, quantities=bq)]
    if kind == "supports":
        claims[0] = dataclasses.replace(claims[0], hedged=True, hedges=("highly likely",),
                                        record={**claims[0].record, "hedges": ["highly likely"]})
    table = build_table(DOCS, claims, settings=FS)
    origins = assign_origins(table, DOCS, SOURCES, {})
    ps = score_pairs(table, np.array([[0, 1]], np.int64), origins.of_claim, settings=FS)
    object.__setattr__(ps, "text", np.array([0.35], np.float32))  # same matter, not the same statement
    rels = find_relations(table, claims, ps, np.array([0, 1], np.int32), origins, ["p_a", "p_b"], settings=FS)
    assert [r.kind for r in rels] == [kind]
    assert rels[0].reason


def test_unrelated_claims_have_no_relation() -> None:
    f = fuse([
        claim("a", D1, "the weather in Lisbon was sunny on Monday", None),
        claim("b", D2, "a new bridge opened in Oslo", None, stance="denies"),
    ])
    assert f.relations == ()
