"""A throwaway PostgreSQL server for the tests, started by the test run itself.

``pg_server`` (session scope) finds Debian's PostgreSQL binaries under
``/usr/lib/postgresql/*/bin`` (installing the ``postgresql`` package with apt-get when they are
missing and the run is root), runs ``initdb`` into a temporary folder as the ``postgres`` user
(PostgreSQL refuses to run as root), starts the server on a free port of 127.0.0.1 with its unix
socket in that folder, and removes everything at the end (about 1.5 s).  ``pg_url`` gives each
test a fresh database and yields its URL (``postgresql+psycopg://...``).  Tests are skipped, with
the reason, only when PostgreSQL cannot be installed.

Use it from a test module with ``from .pg import pg_server, pg_url  # noqa: F401``.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["PgServer", "pg_server", "pg_url"]

START_TIMEOUT = 30
"""Seconds to wait for the server to accept connections (it takes ~1 s on an idle machine)."""


def _version(path: str) -> tuple[int, ...]:
    parts = Path(path).parent.name.split(".")
    return tuple(int(p) for p in parts if p.isdigit())


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl (newest Debian version first), or None."""
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        d = Path(os.path.realpath(pg_ctl)).parent
        if (d / "initdb").exists():
            return d
    return None


def install() -> str | None:
    """apt-get install postgresql; the reason it is impossible, or None when it worked."""
    if os.geteuid() != 0:
        return "PostgreSQL is not installed and installing it needs root (run scripts/system-deps.sh)"
    if not shutil.which("apt-get"):
        return "PostgreSQL is not installed and there is no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"]):
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        if r.returncode != 0:
            return f"could not install PostgreSQL: {' '.join(cmd)} failed: {r.stderr.strip()[-300:]}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder; :meth:`database` makes throwaway databases."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="claimledger-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        self._n = itertools.count()

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kw: dict[str, Any] = {"user": "postgres"} if self._as_postgres else {}
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], capture_output=True, text=True,
                              timeout=START_TIMEOUT * 2, check=False, cwd=self.root, **kw)

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.root, user="postgres", group="postgres")
        r = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr}")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        r = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", opts,
                      "-w", "-t", str(START_TIMEOUT), "start")
        if r.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr}\n{log[-2000:]}")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def database(self) -> str:
        name = f"t{os.getpid()}_{next(self._n)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_SERVERS: dict[str, PgServer] = {}
"""One server per test process even if several modules import the fixture."""


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (the 'scale' extra)")
    if "server" in _SERVERS:
        yield _SERVERS["server"]
        return
    bindir = find_bin()
    if bindir is None:
        reason = install()
        bindir = find_bin()
        if bindir is None:
            pytest.skip(reason or "PostgreSQL binaries not found after installing")
    server = PgServer(bindir)
    t = time.monotonic()
    server.start()
    server.started_in = time.monotonic() - t  # type: ignore[attr-defined]
    _SERVERS["server"] = server
    try:
        yield server
    finally:
        _SERVERS.pop("server", None)
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the throwaway server, dropped after the test."""
    name = pg_server.database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop(name)
