"""The JSON export follows the contract, is deterministic, and keeps cleaning traceable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

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


@pytest.mark.model
def test_duration_modifiers_stay_inside_the_contract(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """TimeML's length modifiers ("more than two years") are not in the contract's ``mod`` enum:
    the export keeps ``mod`` null and says it in ``duration_mod`` (a PolNeAR article once made
    an export the contract rejected)."""
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    src = tmp_path / "talks.txt"
    src.write_text("The ceasefire talks have now lasted more than two years, the foreign minister said on "
                   "Tuesday. A deal could come in less than a week, officials said.\n", encoding="utf-8")
    assert cli("ingest", str(src), "--published", "2024-05-03").code == 0
    ledger = cli("export").json()
    validate(ledger)
    times = {t["text"]: t for t in ledger["documents"][0]["times"]}
    assert times["more than two years"]["value"] == "P2Y" and times["more than two years"]["mod"] is None
    assert times["more than two years"]["duration_mod"] == "MORE_THAN"
    assert times["less than a week"]["duration_mod"] == "LESS_THAN"
    assert times["Tuesday"]["value"] == "2024-04-30" and "duration_mod" not in times["Tuesday"]
    claim_times = [t for c in ledger["claims"] for t in c["times"]]
    assert {t.get("duration_mod") for t in claim_times} == {None, "MORE_THAN", "LESS_THAN"}


@pytest.mark.model
def test_real_articles_export_validates(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Thirty PolNeAR articles of many outlets and years (public data, read at run time): whatever
    the text holds, the export passes the contract (enums included)."""
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    texts = sorted(need_shared("eval", "polnear", "train", "text").glob("*.txt"))[::28][:30]
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in texts:
        shutil.copy(p, folder / p.name)
    r = cli("ingest", str(folder))
    assert r.code == 0, r.err
    ledger = cli("export").json()
    validate(ledger)
    assert len(ledger["documents"]) == len(texts) and len(ledger["claims"]) > 10 * len(texts)
