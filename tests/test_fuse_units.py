"""Fusion runs story by story: propositions and relations never cross a story, the pipeline reads
one unit's claims at a time, and its result is the pure ``fuse.run`` over everything stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.fuse import FusionSettings, fusion_units, run
from claimledger.settings import Settings

from .conftest import REPO, need_shared
from .fuse_ledgers import HUR, SOURCES, US_GOV, claim, doc

FS = FusionSettings(embedder="hashing")
D1, D2, D3 = doc("1", "NBC News", "2024-10-16"), doc("2", "Newsweek", "2024-10-17"), doc("3", "Globe", "2024-10-18")
TEXT = "12,000 North Korean troops are stationed in eastern Russia for training"


def _claims() -> list:  # type: ignore[type-arg]
    return [claim("a", D1, TEXT, HUR), claim("b", D2, TEXT, US_GOV), claim("c", D3, TEXT, US_GOV)]


def _groups(stories: dict[str, str]) -> set[frozenset[str]]:
    f = run([D1, D2, D3], SOURCES, _claims(), settings=Settings(), fusion=FS, stories=stories)
    return {frozenset(p.claim_ids) for p in f.propositions}


def test_the_same_statement_in_two_stories_is_two_propositions() -> None:
    one = _groups({"d_1": "st_x", "d_2": "st_x", "d_3": "st_x"})
    assert one == {frozenset({"c_a", "c_b", "c_c"})}
    two = _groups({"d_1": "st_x", "d_2": "st_x", "d_3": "st_y"})
    assert two == {frozenset({"c_a", "c_b"}), frozenset({"c_c"})}


def test_units_are_stories_joined_by_links_in_canonical_order() -> None:
    stories = {"d_3": "st_b", "d_1": "st_a", "d_2": "st_a", "d_4": "st_c"}
    assert fusion_units(stories) == [("d_1", "d_2"), ("d_3",), ("d_4",)]
    assert fusion_units(stories, [("d_4", "d_3")]) == [("d_1", "d_2"), ("d_3", "d_4")]
    assert fusion_units(stories, [("d_4", "d_3"), ("d_1", "d_4")]) == [("d_1", "d_2", "d_3", "d_4")]
    # a link naming a document the stories do not hold joins nothing
    assert fusion_units(stories, [("d_x", "d_1"), ("d_y", "d_3")]) == [("d_1", "d_2"), ("d_3",), ("d_4",)]


@pytest.mark.model
def test_pipeline_fuses_unit_by_unit_exactly_as_the_pure_run(tmp_path: Path) -> None:
    """Seeds and the example corpus (two stories about look-alike events) in one store."""
    from claimledger.pipeline import fuse_store, ingest
    from claimledger.report.ledger import build_ledger
    from claimledger.serve.actions import anchor_claim
    from claimledger.store import Store
    from claimledger.store.fusion_io import load_fusion_input
    from claimledger.store.overrides import add_override

    seeds = need_shared("seeds", "manifest.jsonl")
    settings = Settings(db=str(tmp_path / "u.db"))
    with Store.open(settings.db) as store:
        ingest([str(seeds), str(REPO / "examples" / "manifest.jsonl")], store=store, settings=settings)
        docs, sources, claims = load_fusion_input(store)
        pure = run(docs, sources, claims, settings=settings)
        ledger = build_ledger(store)
        assert len({p.story_id for p in pure.propositions}) >= 2
        assert {p["id"]: sorted(p["claim_ids"]) for p in ledger["propositions"]} == \
            {p.id: sorted(p.claim_ids) for p in pure.propositions}
        assert sorted((r["from"], r["to"], r["kind"]) for r in ledger["relations"]) == \
            sorted((r.from_id, r.to_id, r.kind) for r in pure.relations)
        # every story has a topic; the regatta item is a topic of its own, the two look-alike threads share one
        assert sorted(x for t in ledger["topics"] for x in t["story_ids"]) == sorted(s["id"] for s in ledger["stories"])
        assert all(s["topic_id"] == pure.story_topics[s["id"]] for s in ledger["stories"])
        assert sorted(len(t["story_ids"]) for t in ledger["topics"]) == [1, 2]
        story_of = {d["id"]: d["story_id"] for d in ledger["documents"]}
        doc_of = {c["id"]: c["document_id"] for c in ledger["claims"]}
        for p in ledger["propositions"]:
            assert {story_of[doc_of[c]] for c in p["claim_ids"]} == {p["story_id"]}
        # an analyst's merge across the two stories still holds: the two stories become one unit
        by_story: dict[str, dict[str, object]] = {}
        for p in sorted(ledger["propositions"], key=lambda p: p["id"]):
            by_story.setdefault(str(p["story_id"]), p)
        a, b = list(by_story.values())[:2]
        add_override(store, kind="proposition.merge", target=str(a["id"]), author="Ana",
                     value={"claim": anchor_claim(a), "with": b["id"], "with_claim": anchor_claim(b)})
        fuse_store(store, settings)
        merged = [p for p in build_ledger(store)["propositions"] if anchor_claim(a) in p["claim_ids"]]
        assert len(merged) == 1 and anchor_claim(b) in merged[0]["claim_ids"]
        assert json.dumps(merged[0])  # serialisable
