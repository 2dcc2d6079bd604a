"""The pipeline with extraction on: claims stored with their document, stable ids, copies kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.pipeline import ingest, rebuild
from claimledger.report.ledger import build_ledger
from claimledger.settings import Settings
from claimledger.store import Store

TEXT = ("Kremlin spokesman Dmitry Peskov on Thursday dismissed the reports as a hoax.\n"
        "A Ukrainian military intelligence official said at least 3,000 soldiers had arrived last week.\n")


@pytest.mark.model
def test_same_text_under_two_paths_gives_two_sets_of_claims(tmp_path: Path) -> None:
    """Regression: claim ids were derived from the text alone, so a copy under another URL collided."""
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / f"{sub}.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.db"))
    store = Store.open(settings.db)
    report = ingest([str(tmp_path / "a" / "a.txt"), str(tmp_path / "b" / "b.txt")], store=store,
                    settings=settings.replace(neardup_threshold=1.1))
    assert report.ok, report.failures
    ledger = build_ledger(store)
    by_doc: dict[str, set[str]] = {}
    for c in ledger["claims"]:
        by_doc.setdefault(c["document_id"], set()).add(c["id"])
    assert len(by_doc) == 2
    first, second = by_doc.values()
    assert first and second and not first & second
    store.close()


@pytest.mark.model
def test_rebuild_keeps_claim_ids_of_unchanged_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.db"))
    store = Store.open(settings.db)
    ingest([str(tmp_path / "a.txt")], store=store, settings=settings)
    before = sorted(c["id"] for c in build_ledger(store)["claims"])
    rebuild(store=store, settings=settings)
    after = sorted(c["id"] for c in build_ledger(store)["claims"])
    assert before and before == after
    store.close()
