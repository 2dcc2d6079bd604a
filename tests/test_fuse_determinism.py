"""Fusion is a function of what is stored: any arrival order gives the same result, ids included."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimledger.fuse import FusionSettings, run
from claimledger.settings import Settings

from .conftest import need_shared
from .fuse_ledgers import HUR, KIRBY, PESKOV, SOURCES, UA_OFFICIAL, US_GOV, ZELENSKY, claim, doc, one_story, qty

FS = FusionSettings(embedder="hashing")


def test_same_claims_in_any_order_give_the_same_fusion() -> None:
    d1, d2, d3 = doc("1", "NBC News", "2024-10-16"), doc("2", "Newsweek", "2024-10-25"), doc("3", "Post", "2024-10-10")
    claims = [
        claim("a", d1, "North Korean troops are fighting alongside Russian forces", ZELENSKY),
        claim("b", d2, "at least 3,000 North Korean troops are in Russia", US_GOV,
              quantities=(qty("at least 3,000", 3000, 3000, None, "at_least", "troop"),)),
        claim("c", d2, "12,000 North Korean troops are in Russia", HUR, start=200,
              quantities=(qty("12,000", 12000, 12000, 12000, "exact", "troop"),)),
        claim("d", d3, "claims of North Korean troops fighting alongside Russian forces are a hoax", PESKOV,
              stance="denies"),
        claim("e", d3, "Kyiv has not seen North Korean units fighting yet", UA_OFFICIAL, start=300),
        claim("f", d1, "at least 3,000 North Korean soldiers arrived in eastern Russia", KIRBY, start=500,
              quantities=(qty("at least 3,000", 3000, 3000, None, "at_least", "soldier"),)),
    ]
    first = run([d1, d2, d3], SOURCES, claims, settings=Settings(), fusion=FS, stories=one_story(d1, d2, d3))
    rng = random.Random(3)
    for _ in range(3):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        docs = [d3, d1, d2]
        rng.shuffle(docs)
        assert run(docs, list(reversed(SOURCES)), shuffled, settings=Settings(), fusion=FS,
                   stories=one_story(d3, d2, d1)) == first


def _export(db: Path) -> dict[str, object]:
    from claimledger.report.ledger import build_ledger
    from claimledger.store import Store

    with Store.open(str(db)) as store:
        ledger = build_ledger(store)
    ledger.pop("generated_at", None)
    return ledger


@pytest.mark.model
@pytest.mark.slow
def test_seeds_in_two_arrival_orders_export_identically(tmp_path: Path) -> None:
    """The five seeds ingested at once, and one by one in reverse order (re-fused after each)."""
    from claimledger.pipeline import ingest
    from claimledger.store import Store

    manifest = need_shared("seeds", "manifest.jsonl")
    lines = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
    for rec in lines:
        rec["path"] = str(manifest.parent / rec["path"])
    whole = tmp_path / "whole.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with Store.open(str(tmp_path / "a.db")) as store:
        ingest([str(whole)], store=store, settings=Settings(db=str(tmp_path / "a.db")))
    with Store.open(str(tmp_path / "b.db")) as store:
        for i, rec in enumerate(reversed(lines)):
            one = tmp_path / f"one{i}.jsonl"
            one.write_text(json.dumps(rec) + "\n", encoding="utf-8")
            ingest([str(one)], store=store, settings=Settings(db=str(tmp_path / "b.db")))
    a, b = _export(tmp_path / "a.db"), _export(tmp_path / "b.db")
    assert a["propositions"] and a == b
