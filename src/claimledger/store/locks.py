"""Cross-process locks, per dialect: what lets two writers share one store and lose nothing.

Three locks, none of them visible outside ``store/``:

* **write transactions** (:func:`write_transaction`): each document is written in one
  transaction that holds the store's write lock from its first statement — SQLite's own lock
  (``BEGIN IMMEDIATE``), PostgreSQL a transaction-scoped advisory lock.  The existence check,
  the insert, the near-duplicate lookup and the source upserts then see everything committed
  before them, as in a single-process run.
* **fusion** (:func:`fusion_lock`): reading the store, fusing and writing the result back is one
  critical section (a file lock next to a SQLite file, a session advisory lock on PostgreSQL), so
  the last of two concurrent runs to fuse reads both runs' documents.
* **pausing document writes** (:func:`writes_paused`) while fusion writes, so PostgreSQL never
  has two transactions locking document rows in opposite orders.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

__all__ = ["RETRIES", "fusion_lock", "is_transient", "retrying", "write_transaction", "writes_paused"]

WRITE_KEY = 0x636C_0001
"""PostgreSQL advisory lock key of document writes (any fixed 64-bit number unique to claimledger)."""
FUSE_KEY = 0x636C_0002
"""PostgreSQL advisory lock key of fusion."""
MIGRATE_KEY = 0x636C_0003
"""PostgreSQL advisory lock key of schema migrations."""

RETRIES = 8
"""Attempts for a write that lost a lock race (deadlock, serialization failure, SQLite busy
after its 30 s timeout).  With backoff 0.05 s doubling, the last attempt starts ~13 s later."""
BACKOFF = 0.05

_TRANSIENT = ("DeadlockDetected", "SerializationFailure", "LockNotAvailable")

T = TypeVar("T")


def is_transient(e: OperationalError) -> bool:
    """A lost lock race worth retrying (as opposed to a broken database)."""
    name = type(getattr(e, "orig", None)).__name__
    return name in _TRANSIENT or "database is locked" in str(e.orig)


def retrying(fn: Callable[[], T]) -> T:
    """``fn()``, again with backoff while it fails with a transient lock error."""
    delay = BACKOFF
    for _ in range(RETRIES - 1):
        try:
            return fn()
        except OperationalError as e:
            if not is_transient(e):
                raise
            time.sleep(delay)
            delay *= 2
    return fn()


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the store's write lock from its first statement."""
    with engine.begin() as c:
        lock_for_write(c)
        yield c


def lock_for_write(c: Connection) -> None:
    dialect = c.dialect.name
    if dialect == "sqlite":
        c.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_KEY})


def lock_for_migration(c: Connection) -> None:
    dialect = c.dialect.name
    if dialect == "sqlite":
        c.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_KEY})


def _sqlite_file(engine: Engine) -> Path | None:
    db = engine.url.database
    return Path(db) if db and db != ":memory:" else None


@contextlib.contextmanager
def _advisory(engine: Engine, key: int) -> Iterator[None]:
    with engine.connect() as c:
        c.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        c.commit()
        try:
            yield
        finally:
            c.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            c.commit()


@contextlib.contextmanager
def fusion_lock(engine: Engine) -> Iterator[None]:
    """Held while one run reads the store, fuses and writes the fusion back."""
    if engine.dialect.name == "postgresql":
        with _advisory(engine, FUSE_KEY):
            yield
        return
    path = _sqlite_file(engine) if engine.dialect.name == "sqlite" else None
    if path is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: SQLite's own write lock is all we have
        yield
        return
    with open(f"{path}.fuse-lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def writes_paused(engine: Engine) -> Iterator[None]:
    """No document write starts or is in flight while this is held (PostgreSQL; SQLite's single
    writer lock already gives that)."""
    if engine.dialect.name == "postgresql":
        with _advisory(engine, WRITE_KEY):
            yield
        return
    yield
