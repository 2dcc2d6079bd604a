"""`claimledger propositions`, `contested` and `timeline` on the fictional examples."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import REPO


@pytest.fixture
def examples(cli: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    assert cli("ingest", str(REPO / "examples" / "manifest.jsonl")).code == 0
    return cli


@pytest.mark.model
def test_views_show_the_fused_ledger(examples: Any) -> None:
    ledger = examples("export").json()
    props = examples("propositions", "--json").json()
    # the default story is the largest: the six reports of the troop story, not the regatta
    story_docs = {d["id"] for d in ledger["documents"] if "regatta" not in d["text"].lower()}
    claim_docs = {c["id"]: c["document_id"] for c in ledger["claims"]}
    assert props and all(claim_docs[e["claim_id"]] in story_docs for p in props for e in p["evidence"])
    assert [p["rank"] for p in props] == list(range(1, len(props) + 1))
    keyed = [(p["credibility"], -p["independent_origins"]) for p in props]
    assert keyed == sorted(keyed)
    contested = examples("contested", "--json").json()
    assert any(p["kind"] == "contradicts" for p in contested["contested"])
    timeline = examples("timeline", "--json").json()
    assert timeline and all(t["start"] <= t["end"] for t in timeline)
    table = examples("timeline")
    assert table.code == 0 and "timeline" in table.out

