"""The store: a small API over SQLAlchemy; SQL stays in this package.

``Store.open(location)`` takes a SQLite file path (the embedded default, WAL mode) or an
SQLAlchemy URL (``postgresql://user@host/db`` for a shared PostgreSQL store: the same API, the
same migrations), brings the schema up to date with the recorded Alembic migrations, and hands
out the operations the pipeline and the CLI need.  Each document is written in one transaction
holding the store's write lock (see ``locks.py``), so concurrent writers lose nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import DocumentRejected, StoreError
from ..models import CleanDocument, IngestFailure, Removal, Segment
from . import locks
from . import schema as t

__all__ = ["SaveResult", "Store", "StoredDocument", "database_url"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredDocument:
    """A document as the store holds it."""

    id: str
    source_key: str
    source_path: str | None
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    published_inferred: bool
    content_hash: str
    format: str
    text: str
    """Cleaned text: every span points into it."""
    raw_text: str
    removed: tuple[Removal, ...]
    segments: tuple[Segment, ...]
    duplicate_of: str | None
    story_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveResult:
    """What saving one document did."""

    id: str
    status: Literal["new", "updated", "unchanged"]
    duplicate_of: str | None = None


_PG_SCHEMES = ("postgresql://", "postgres://")
"""PostgreSQL URLs without a driver: claimledger's driver is psycopg 3 (the ``scale`` extra)."""


def database_url(location: str) -> str:
    """A path becomes a SQLite URL; ``postgresql://`` gets the psycopg driver; other URLs pass through."""
    for scheme in _PG_SCHEMES:
        if location.startswith(scheme):
            return "postgresql+psycopg://" + location.removeprefix(scheme)
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser()}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # the busy timeout first: switching a new file to WAL takes a lock another process may hold
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _row_to_doc(r: Any) -> StoredDocument:
    return StoredDocument(
        id=r.id, source_key=r.source_key, source_path=r.source_path, url=r.url, outlet=r.outlet,
        title=r.title, published=r.published, published_inferred=bool(r.published_inferred),
        content_hash=r.content_hash, format=r.format, text=r.text, raw_text=r.raw_text,
        removed=tuple(Removal(**x) for x in json.loads(r.removed)),
        segments=tuple(Segment(clean_start=a, raw_start=b, length=c) for a, b, c in json.loads(r.segments)),
        duplicate_of=r.duplicate_of, story_id=r.story_id,
    )


class Store:
    """Open with :meth:`open`; close with :meth:`close` (or use as a context manager)."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, location: str) -> Store:
        url = database_url(location)
        try:
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                parent = Path(url.removeprefix("sqlite:///")).parent
                if not parent.is_dir():
                    raise StoreError(f"cannot open store {location}: folder {parent} does not exist")
            if url.startswith("postgresql"):
                engine = create_engine(url, future=True, pool_pre_ping=True)
            else:
                engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine, location)
            # Two processes opening a new SQLite file at once can both hold a read lock and both
            # want the write lock to switch it to WAL; SQLite then fails one at once ("database is
            # locked", no busy wait, to break the deadlock).  Opening again is the cure.
            locks.retrying(store.migrate)
            return store
        except SQLAlchemyError as e:
            raise StoreError(f"cannot open store {location}: {e.__class__.__name__}: {e}") from e
        except ModuleNotFoundError as e:
            raise StoreError(f"cannot open store {location}: the database driver {e.name} is not installed "
                             "(PostgreSQL needs the 'scale' extra: pip install 'claimledger[scale]')") from e

    def migrate(self) -> None:
        """Run every migration not yet recorded, each once, in a transaction (two processes opening
        a new store at once: the second waits on the first's lock, then finds nothing to do)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("claimledger.store") / "migrations"))
        with self.engine.begin() as conn:
            locks.lock_for_migration(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def fusion_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held by one run at a time while it reads the store, fuses and writes the fusion back."""
        return locks.fusion_lock(self.engine)

    def writes_paused(self) -> contextlib.AbstractContextManager[None]:
        """While held, no other process writes a document (fusion writes then)."""
        return locks.writes_paused(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ documents
    def get_document_meta(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            r = c.execute(select(t.documents.c.outlet, t.documents.c.title, t.documents.c.published,
                                 t.documents.c.url, t.documents.c.source_path)
                          .where(t.documents.c.id == doc_id)).first()
        return dict(r._mapping) if r else None

    def save_document(self, doc_id: str, clean: CleanDocument, *, minhash: bytes, bands: Sequence[str],
                      source_path: str | None, neardup_threshold: float,
                      write_extras: Any = None, replace: bool = False) -> SaveResult:
        """Insert or update one document, its LSH bands and near-duplicate link, in one transaction.

        ``write_extras(conn, doc_id)`` (optional) runs inside the same transaction: later stages
        write the document's claims there, so a document is stored whole or not at all.
        ``replace`` rewrites an existing document's cleaned text too (``rebuild`` after the
        cleaning rules changed).
        """
        raw = clean.raw
        try:
            return locks.retrying(lambda: self._save(doc_id, clean, minhash=minhash, bands=bands,
                                                     source_path=source_path, neardup_threshold=neardup_threshold,
                                                     write_extras=write_extras, replace=replace))
        except IntegrityError as e:
            # another writer stored the same document first (same id): nothing is lost
            if self.has_document(doc_id):
                return SaveResult(id=doc_id, status="unchanged")
            raise DocumentRejected(raw.input_name or raw.source_key,
                                   f"conflicts with records already stored: {str(e.orig).splitlines()[0]}",
                                   stage="store") from e
        except SQLAlchemyError as e:
            raise StoreError(f"could not store document {raw.source_key}: {e.__class__.__name__}: {e}") from e

    def _save(self, doc_id: str, clean: CleanDocument, *, minhash: bytes, bands: Sequence[str],
              source_path: str | None, neardup_threshold: float, write_extras: Any, replace: bool) -> SaveResult:
        raw = clean.raw
        meta = dict(outlet=raw.outlet, title=raw.title, published=raw.published, url=raw.url,
                    source_path=source_path)
        with locks.write_transaction(self.engine) as c:
            existing = c.execute(select(t.documents.c.id, t.documents.c.outlet, t.documents.c.title,
                                        t.documents.c.published, t.documents.c.url,
                                        t.documents.c.source_path)
                                 .where(t.documents.c.id == doc_id)).first()
            now = _now()
            if existing is not None:
                old = dict(existing._mapping)
                old.pop("id")
                if old == meta and not replace:
                    return SaveResult(id=doc_id, status="unchanged")
                c.execute(update(t.documents).where(t.documents.c.id == doc_id).values(
                    **meta, published_inferred=raw.published_inferred, updated_at=now,
                    **self._text_values(clean, minhash)))
                if replace:
                    c.execute(delete(t.document_bands).where(t.document_bands.c.document_id == doc_id))
                    if bands:
                        c.execute(insert(t.document_bands),
                                  [{"band": b, "document_id": doc_id} for b in bands])
                if write_extras is not None:
                    write_extras(c, doc_id)
                dup = self._link_near_duplicates(c, doc_id, bands, minhash, neardup_threshold)
                return SaveResult(id=doc_id, status="updated", duplicate_of=dup)
            c.execute(insert(t.documents).values(
                id=doc_id, source_key=raw.source_key, **meta, published_inferred=raw.published_inferred,
                content_hash=clean.content_hash, format=raw.format, encoding=raw.encoding,
                raw_text=raw.text, **self._text_values(clean, minhash),
                duplicate_of=None, story_id=None, extraction=None,
                ingested_at=now, updated_at=now,
            ))
            if bands:
                c.execute(insert(t.document_bands), [{"band": b, "document_id": doc_id} for b in bands])
            if write_extras is not None:
                write_extras(c, doc_id)
            dup = self._link_near_duplicates(c, doc_id, bands, minhash, neardup_threshold)
            return SaveResult(id=doc_id, status="new", duplicate_of=dup)

    @staticmethod
    def _text_values(clean: CleanDocument, minhash: bytes) -> dict[str, Any]:
        return {
            "text": clean.text,
            "removed": json.dumps([{"kind": r.kind, "rule": r.rule, "text": r.text, "raw_start": r.raw_start}
                                   for r in clean.removed], ensure_ascii=False),
            "segments": json.dumps([[s.clean_start, s.raw_start, s.length] for s in clean.segments]),
            "minhash": minhash,
        }

    def _link_near_duplicates(self, c: Connection, doc_id: str, bands: Sequence[str], minhash: bytes,
                              threshold: float) -> str | None:
        """Link the document's near-duplicate group to its earliest member (published, then id)."""
        from ..clean.neardup import estimate_jaccard

        if not bands:
            return None
        cand_ids = {r[0] for r in c.execute(
            select(t.document_bands.c.document_id).where(t.document_bands.c.band.in_(list(bands)))
            .where(t.document_bands.c.document_id != doc_id))}
        if not cand_ids:
            return None
        rows = c.execute(select(t.documents.c.id, t.documents.c.minhash, t.documents.c.published,
                                t.documents.c.duplicate_of).where(t.documents.c.id.in_(sorted(cand_ids)))).all()
        group = [r for r in rows if r.minhash and estimate_jaccard(minhash, r.minhash) >= threshold]
        if not group:
            return None
        me = c.execute(select(t.documents.c.published).where(t.documents.c.id == doc_id)).scalar()
        members = {(r.published or "9999-99-99", r.id) for r in group} | {(me or "9999-99-99", doc_id)}
        rep = min(members)[1]
        ids = [m[1] for m in members]
        c.execute(update(t.documents).where(t.documents.c.id.in_(ids)).where(t.documents.c.id != rep)
                  .values(duplicate_of=rep))
        c.execute(update(t.documents).where(t.documents.c.id == rep).values(duplicate_of=None))
        return None if rep == doc_id else rep

    def documents(self) -> list[StoredDocument]:
        """Every document, ordered by publication date then id."""
        with self.engine.connect() as c:
            rows = c.execute(select(t.documents).order_by(t.documents.c.published, t.documents.c.id)).all()
        return [_row_to_doc(r) for r in rows]

    def iter_documents(self, batch: int = 200) -> Iterator[StoredDocument]:
        """Every document in id order, ``batch`` rows at a time (bounded memory)."""
        last = ""
        while True:
            with self.engine.connect() as c:
                rows = c.execute(select(t.documents).where(t.documents.c.id > last)
                                 .order_by(t.documents.c.id).limit(batch)).all()
            if not rows:
                return
            for r in rows:
                yield _row_to_doc(r)
            last = rows[-1].id

    def document(self, ref: str) -> StoredDocument | None:
        """A document by id, id prefix, source path or URL (None if none or ambiguous)."""
        d = t.documents.c
        with self.engine.connect() as c:
            rows = c.execute(select(t.documents).where(
                (d.id == ref) | (d.source_path == ref) | (d.url == ref) | (d.source_key == ref))).all()
            if not rows:
                rows = c.execute(select(t.documents).where(d.id.like(f"{ref}%"))).all()
        return _row_to_doc(rows[0]) if len(rows) == 1 else None

    def count_documents(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def set_story(self, doc_ids: Sequence[str], story_id: str) -> None:
        with self.engine.begin() as c:
            c.execute(update(t.documents).where(t.documents.c.id.in_(list(doc_ids))).values(story_id=story_id))

    # ------------------------------------------------------------------ failures
    def record_failure(self, failure: IngestFailure) -> None:
        with self.engine.begin() as c:
            c.execute(insert(t.failures).values(input=failure.input, stage=failure.stage, reason=failure.reason,
                                                at=_now()))

    def failures(self) -> list[IngestFailure]:
        with self.engine.connect() as c:
            rows = c.execute(select(t.failures).order_by(t.failures.c.id)).all()
        return [IngestFailure(input=r.input, stage=r.stage, reason=r.reason) for r in rows]

    def clear_failures(self) -> None:
        with self.engine.begin() as c:
            c.execute(delete(t.failures))
