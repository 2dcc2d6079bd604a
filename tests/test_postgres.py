"""The PostgreSQL store: same API, same migrations, same ledger as SQLite; concurrent writers.

A throwaway server is started by the test run (tests/pg.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from claimledger.pipeline import ingest
from claimledger.report.ledger import build_ledger
from claimledger.settings import Settings
from claimledger.store import Store, database_url

from .conftest import REPO, need_shared
from .pg import PgServer, pg_server, pg_url  # noqa: F401
from .test_scale_concurrency import check_concurrent_writers, write_articles


def test_plain_postgresql_urls_get_the_psycopg_driver() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("x/claimledger.db").startswith("sqlite:///")


def test_the_throwaway_server_starts_quickly(pg_server: PgServer) -> None:  # noqa: F811
    started = getattr(pg_server, "started_in", 0.0)
    assert started < 20, f"PostgreSQL took {started:.1f} s to start"


def test_migrations_and_store_api(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    with Store.open(pg_url) as store:
        names = set(inspect(store.engine).get_table_names())
        assert {"documents", "claims", "sources", "propositions", "alembic_version"} <= names
        settings = Settings(db=pg_url, extraction=False)
        docs = write_articles(tmp_path / "c", range(5))
        report = ingest(docs, store=store, settings=settings)
        assert len(report.new) == 5 and report.ok
        again = ingest(docs, store=store, settings=settings)
        assert len(again.unchanged) == 5 and not again.new
        assert store.count_documents() == 5
        d = store.document(Path(docs[0]).name)
        assert d is not None and d.text.startswith(Path(docs[0]).read_text(encoding="utf-8")[:20])
    with Store.open(pg_url) as store:  # re-opening runs no migration twice
        assert store.count_documents() == 5


def test_two_ingests_at_once_on_postgresql(pg_url: str, pg_server: PgServer, tmp_path: Path) -> None:  # noqa: F811
    ref = pg_server.database()
    try:
        check_concurrent_writers(pg_url, pg_server.url(ref), tmp_path, extraction=False, n=45)
    finally:
        pg_server.drop(ref)


@pytest.mark.model
@pytest.mark.slow
def test_two_ingests_at_once_with_extraction_on_postgresql(pg_url: str, pg_server: PgServer,  # noqa: F811
                                                            tmp_path: Path) -> None:
    ref = pg_server.database()
    try:
        check_concurrent_writers(pg_url, pg_server.url(ref), tmp_path, extraction=True, n=24)
    finally:
        pg_server.drop(ref)


@pytest.mark.model
@pytest.mark.slow
def test_postgresql_and_sqlite_export_the_same_ledger_on_the_seeds(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    inputs = [str(need_shared("seeds", "manifest.jsonl")), str(REPO / "examples" / "manifest.jsonl")]
    ledgers = []
    for db in (pg_url, str(tmp_path / "s.db")):
        with Store.open(db) as store:
            report = ingest(inputs, store=store, settings=Settings(db=db))
            assert report.ok, report.failures
            ledgers.append(build_ledger(store, generated_at="-"))
    pg, lite = ledgers
    assert len(pg["claims"]) > 50
    assert pg == lite
