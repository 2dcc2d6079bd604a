"""The store: migrations recorded once, WAL, one transaction per document, ids stable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from claimledger.errors import StoreError
from claimledger.pipeline import document_id, ingest
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import article


def test_fresh_store_has_the_schema_and_records_its_migration(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert {"documents", "document_bands", "sources", "claims", "propositions", "relations", "stories",
            "failures", "alembic_version"} <= names
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("claimledger.store") / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with store.engine.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar() == head
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_reopening_runs_no_migration_twice(settings: Settings) -> None:
    Store.open(settings.db).close()
    s = Store.open(settings.db)
    with s.engine.connect() as c:
        assert c.execute(text("select count(*) from alembic_version")).scalar() == 1
    s.close()


def test_unopenable_location_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "dir" / "x.db"))


def test_document_ids_depend_on_location_and_content_only(tmp_path: Path) -> None:
    a = document_id("a.txt", "h1")
    assert a == document_id("a.txt", "h1") and a != document_id("b.txt", "h1") and a != document_id("a.txt", "h2")
    # same input in two different folders and stores -> same ids
    ids = []
    for sub in ("one", "two"):
        d = tmp_path / sub
        d.mkdir()
        (d / "x.txt").write_text(article(1), encoding="utf-8")
        s = Store.open(str(d / "s.db"))
        ingest([str(d / "x.txt")], store=s, settings=Settings(db=str(d / "s.db")))
        ids.append([doc.id for doc in s.documents()])
        s.close()
    assert ids[0] == ids[1]


def test_lookup_by_prefix_path_and_id(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "x.txt").write_text(article(1), encoding="utf-8")
    ingest([str(tmp_path / "x.txt")], store=store, settings=settings)
    d = store.documents()[0]
    assert store.document(d.id) == d and store.document(d.id[:6]) == d and store.document("x.txt") == d
    assert store.document("nothing") is None


def test_a_lost_lock_race_while_opening_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite fails one of two connections switching a new file to WAL at once, without waiting
    ("database is locked"); opening the store tries again instead of failing the run."""
    from sqlalchemy.exc import OperationalError

    calls = []
    migrate = Store.migrate

    def racing(self: Store) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("PRAGMA journal_mode=WAL", {}, Exception("database is locked"))
        migrate(self)

    monkeypatch.setattr(Store, "migrate", racing)
    with Store.open(str(tmp_path / "s.db")) as s, s.engine.connect() as c:
        assert c.execute(text("select count(*) from alembic_version")).scalar() == 1
    assert len(calls) == 2


def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """The race itself, for real: three processes open the same new file at once, a few rounds."""
    import subprocess
    import sys

    code = "import sys; from claimledger.store import Store; Store.open(sys.argv[1]).close()"
    for round_ in range(4):
        db = str(tmp_path / f"s{round_}.db")
        procs = [subprocess.Popen([sys.executable, "-c", code, db], stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
