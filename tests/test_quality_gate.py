"""The quality gate: the whole pipeline on annotated articles, scored by ../shared/tools/score_ledger.py,
must stay at or above the floors in tests/quality/baseline.json (and must extract / must not extract
the cases below)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, need_shared

BASELINE = json.loads((Path(__file__).parent / "quality" / "baseline.json").read_text(encoding="utf-8"))


def _run(cli: Any, manifest: Path, gold: Path, tmp_path: Path) -> dict[str, float]:
    r = cli("ingest", str(manifest))
    assert r.code == 0, r.err
    ledger = tmp_path / "ledger.json"
    assert cli("export", "-o", str(ledger)).code == 0
    scores = tmp_path / "scores.json"
    proc = subprocess.run(
        [sys.executable, str(need_shared("tools", "score_ledger.py")), str(ledger), str(gold),
         "--schema", str(need_shared("contracts", "ledger.schema.json")), "--json", str(scores)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    metrics: dict[str, float] = json.loads(scores.read_text())["metrics"]
    return metrics


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("name", ["seeds", "examples"])
def test_scores_stay_above_their_floors(name: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    if name == "seeds":
        manifest, gold = need_shared("seeds", "manifest.jsonl"), need_shared("gold", "seeds.json")
    else:
        manifest, gold = REPO / "examples" / "manifest.jsonl", REPO / "eval" / "gold" / "examples.json"
    metrics = _run(cli, manifest, gold, tmp_path)
    below = {k: (metrics.get(k), floor) for k, floor in BASELINE[name].items()
             if (metrics.get(k) or 0.0) < floor - 1e-9}
    assert not below, f"{name}: below floor (got, floor): {below}"


# Must extract (document, snippet inside the claim's sentence, source name part or None, stance)
MUST = [
    ("002_c5d24b038b70b58c.txt", "Japan's Kyodo News cited", "military intelligence", "asserts"),
    ("001_5790b87cadae2bc3.txt", "dismissed claims of Pyongyang", "Peskov", "denies"),
    ("003_e51fc9b36ef90716.txt", "did not refute the reports", "Putin", "declines"),
    ("000_26bdbc5028653810.txt", "Pyongyang is already providing Moscow", "U.S. officials", "asserts"),
    ("001_5790b87cadae2bc3.txt", "Moscow first turned to Pyongyang", None, "asserts"),
]
# Must not extract: requests for comment, section headings, boilerplate
MUST_NOT = [
    ("002_c5d24b038b70b58c.txt", "Newsweek reached out to"),
    ("003_e51fc9b36ef90716.txt", "Moscow Maintains Communication with Pyongyang"),
    ("000_26bdbc5028653810.txt", "reported from Kyiv"),
]


@pytest.mark.model
def test_must_and_must_not_extract(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    assert cli("ingest", str(need_shared("seeds", "manifest.jsonl"))).code == 0
    ledger = cli("export").json()
    assert isinstance(ledger, dict)
    docs = {d["source_path"]: d for d in ledger["documents"]}
    sources = {s["id"]: s for s in ledger["sources"]}

    def sentence_claims(doc: str, snippet: str) -> list[dict[str, Any]]:
        d = docs[doc]
        at = d["text"].index(snippet)
        return [c for c in ledger["claims"] if c["document_id"] == d["id"]
                and c["sentence_span"][0] <= at < c["sentence_span"][1]]

    def names(source_id: str | None) -> str:
        if source_id is None:
            return ""
        s = sources[source_id]
        return " | ".join([s["name"], s.get("affiliation") or "", *s.get("aliases", [])]).lower()

    for doc, snippet, source, stance in MUST:
        found = sentence_claims(doc, snippet)
        assert found, f"no claim in {doc} at {snippet!r}"
        assert any(c["stance"] == stance and (
            (source is None and c["source_id"] is None)
            or (source is not None and source.lower() in names(c["source_id"])))
            for c in found), (doc, snippet, [(names(c["source_id"]), c["stance"]) for c in found])
    for doc, snippet in MUST_NOT:
        if snippet in docs[doc]["text"]:
            assert not sentence_claims(doc, snippet), f"claim extracted from {snippet!r}"
