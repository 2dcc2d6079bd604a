"""Concurrent writers on one store lose nothing: two ``claimledger ingest`` processes at once,
on overlapping and distinct inputs, end with the ledger one process makes of all the inputs.
(The PostgreSQL variant is in test_postgres.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.report.ledger import build_ledger
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import REPO, SHARED

PEOPLE = ("Ilse Varga", "Tomas Reyes", "Mira Okafor", "Jonas Lindqvist", "Aiko Tanaka", "Pavel Horak",
          "Grace Mbeki", "Luis Ortega", "Nadia Petrova", "Owen Gallagher", "Sana Qureshi", "Henrik Dahl")
PLACES = ("Marrowport", "Lindhaven", "Calder Bay", "Ostwick", "Bramford", "Kestrel Point", "Dunmere",
          "Ashcombe", "Velmora", "Tarnish Hills", "Greyfield", "Saltmarsh")
SUBJECTS = ("fishing boats", "ferries", "grain barges", "rescue crews", "field hospitals", "bus routes",
            "power lines", "school buildings", "water pumps", "rail bridges", "clinics", "warehouses")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def article_text(n: int) -> str:
    """A small news article, distinct for each n (names, places and numbers vary together)."""
    p, q = PEOPLE[n % len(PEOPLE)], PEOPLE[(n * 7 + 3) % len(PEOPLE)]
    place, other = PLACES[(n * 5) % len(PLACES)], PLACES[(n * 11 + 4) % len(PLACES)]
    subj, day = SUBJECTS[(n * 3) % len(SUBJECTS)], WEEKDAYS[n % 7]
    return (f"{place} restores {subj} after storm number {n}\n\n"
            f"{p}, the regional coordinator in {place}, said on {day} that {120 + n * 3} {subj} were "
            f"back in service and that {n % 9 + 2} more would follow within {n % 5 + 2} weeks.\n\n"
            f"According to {q}, a spokesperson for the {other} council, the repairs cost about "
            f"{(n % 40 + 1) * 25},000 dollars, though officials in {other} disputed that figure.\n\n"
            f"\"We have never seen damage like this in {place},\" {p} told reporters, adding that "
            f"inspections would continue until {WEEKDAYS[(n + 3) % 7]}.\n")


def write_articles(folder: Path, numbers: range) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        path = folder / f"article_{n:04d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(str(path))
    return paths


def cli_env(db: str, *, extraction: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_")}
    env.update(CLAIMLEDGER_DB=db, CLAIMLEDGER_EXTRACTION="1" if extraction else "0")
    return env


def start_ingest(db: str, args: list[str], *, extraction: bool, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "claimledger.cli.main", "--json", "ingest", *args],
                            env=cli_env(db, extraction=extraction), cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def ingest_at_once(db: str, a: list[str], b: list[str], *, extraction: bool, cwd: Path) -> list[dict[str, object]]:
    """Run two ingests on one store at the same time; their JSON reports."""
    procs = [start_ingest(db, args, extraction=extraction, cwd=cwd) for args in (a, b)]
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        reports.append(json.loads(out))
    return reports


def ledger_of(db: str) -> dict[str, object]:
    with Store.open(db) as store:
        ledger = build_ledger(store, generated_at="-")
        assert store.failures() == []
    return ledger


def reference_ledger(db: str, args: list[str], *, extraction: bool) -> dict[str, object]:
    from claimledger.pipeline import ingest

    with Store.open(db) as store:
        report = ingest(args, store=store, settings=Settings(db=db, extraction=extraction))
        assert report.ok, report.failures
    return ledger_of(db)


def check_concurrent_writers(db: str, ref_db: str, tmp: Path, *, extraction: bool, n: int) -> None:
    """Process A: articles 0..2n/3 (+ examples); B: n/3..n (+ seeds); the middle third races."""
    docs = write_articles(tmp / "corpus", range(n))
    a_args, b_args = docs[: 2 * n // 3], docs[n // 3:]
    if extraction and SHARED.exists():
        a_args = [str(REPO / "examples" / "manifest.jsonl"), *a_args]
        b_args = [str(SHARED / "seeds" / "manifest.jsonl"), *b_args]
    reports = ingest_at_once(db, a_args, b_args, extraction=extraction, cwd=tmp)
    stored = sum(int(r["new"]) for r in reports)  # type: ignore[call-overload]
    together = ledger_of(db)
    ref = reference_ledger(ref_db, list(dict.fromkeys(a_args + b_args)), extraction=extraction)
    assert stored == len(ref["documents"])  # type: ignore[arg-type]
    assert together == ref


def test_two_ingests_at_once_on_sqlite(tmp_path: Path) -> None:
    check_concurrent_writers(str(tmp_path / "s.db"), str(tmp_path / "ref.db"), tmp_path, extraction=False, n=45)


@pytest.mark.model
@pytest.mark.slow
def test_two_ingests_at_once_with_extraction_on_sqlite(tmp_path: Path) -> None:
    check_concurrent_writers(str(tmp_path / "s.db"), str(tmp_path / "ref.db"), tmp_path, extraction=True, n=24)
