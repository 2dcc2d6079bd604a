"""Interrupting an ingest (kill -9) and running it again ends with exactly the documents and
claims of a clean run: committed documents are skipped, none is stored twice."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from .test_scale_concurrency import ledger_of, reference_ledger, start_ingest, write_articles

ARTICLES = 200
"""The issue's interrupted run: 200 articles, killed once 60 are committed (with extraction)."""


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return int(c.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def kill_midway(db: Path, args: list[str], *, extraction: bool, cwd: Path, at: int) -> int:
    """Start an ingest, kill -9 it once ``at`` documents are committed; how many were."""
    proc = start_ingest(str(db), args, extraction=extraction, cwd=cwd)
    deadline = time.monotonic() + 600
    try:
        while _count(db) < at:
            assert proc.poll() is None, f"ingest ended before it could be interrupted: {proc.communicate()[1]}"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return _count(db)


def check_resume(tmp: Path, *, extraction: bool, at: int, articles: int = ARTICLES) -> None:
    import json

    folder = tmp / "corpus"
    write_articles(folder, range(articles))
    db = tmp / "resumed.db"
    committed = kill_midway(db, [str(folder)], extraction=extraction, cwd=tmp, at=at)
    assert at <= committed < articles
    rerun = start_ingest(str(db), [str(folder)], extraction=extraction, cwd=tmp)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    report = json.loads(out)
    assert report["unchanged"] == committed and report["new"] == articles - committed
    resumed = ledger_of(str(db))
    clean = reference_ledger(str(tmp / "clean.db"), [str(folder)], extraction=extraction)
    assert len(resumed["documents"]) == articles  # type: ignore[arg-type]
    assert resumed == clean


def test_kill_9_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    check_resume(tmp_path, extraction=False, at=25, articles=80)


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_during_extraction_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    check_resume(tmp_path, extraction=True, at=60)
