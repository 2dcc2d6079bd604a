"""The JSON export follows the contract, is deterministic, and keeps cleaning traceable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema

from .conftest import need_shared


def _schema() -> dict[str, Any]:
    return json.loads(need_shared("contracts", "ledger.schema.json").read_text(encoding="utf-8"))


def validate(ledger: dict[str, Any]) -> None:
    jsonschema.validate(ledger, _schema(), cls=jsonschema.Draft202012Validator)


def test_seeds_export_validates_and_keeps_spans_honest(cli) -> None:  # type: ignore[no-untyped-def]
    manifest = need_shared("seeds", "manifest.jsonl")
    assert cli("ingest", str(manifest)).code == 0
    r = cli("export", "--format", "json")
    assert r.code == 0
    ledger = r.json()
    validate(ledger)
    assert ledger["format"] == "claimledger/1"
    docs = {d["source_path"]: d for d in ledger["documents"]}
    assert set(docs) == {json.loads(line)["path"] for line in manifest.read_text().splitlines()}
    assert docs["002_c5d24b038b70b58c.txt"]["outlet"] == "Newsweek"
    assert docs["002_c5d24b038b70b58c.txt"]["published"] == "2024-10-25"
    assert any(r["kind"] == "duplicate_passage" for r in docs["001_5790b87cadae2bc3.txt"]["removed"])
    for c in ledger["claims"]:
        text = next(d["text"] for d in ledger["documents"] if d["id"] == c["document_id"])
        assert text[c["span"][0]:c["span"][1]] == c["text"]


def test_same_input_same_ledger_in_another_folder(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seeds = need_shared("seeds")
    exports = []
    for sub in ("a", "b"):
        d = tmp_path / sub
        shutil.copytree(seeds, d / "seeds")
        monkeypatch.setenv("CLAIMLEDGER_DB", str(d / "x.db"))
        assert cli("ingest", str(d / "seeds" / "manifest.jsonl")).code == 0
        ledger = cli("export").json()
        ledger.pop("generated_at")
        exports.append(ledger)
    assert exports[0] == exports[1]


def test_examples_export_validates(cli) -> None:  # type: ignore[no-untyped-def]
    examples = Path(__file__).resolve().parents[1] / "examples" / "manifest.jsonl"
    r = cli("ingest", str(examples))
    assert r.code == 0, r.err
    ledger = cli("export").json()
    validate(ledger)
    assert len(ledger["documents"]) >= 6
