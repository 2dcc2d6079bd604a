"""Shared fixtures: a fresh store per test, the shared data folder, an in-process CLI runner,
and a local HTTP server on 127.0.0.1 for URL and feed tests."""

from __future__ import annotations

import contextlib
import http.server
import importlib.util
import io
import json
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest

from claimledger.settings import Settings
from claimledger.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """A script (eval/*.py, ../shared/tools/*.py) imported as a module under ``name`` (its stem):
    registered in sys.modules before it runs, as its dataclasses look their module up by name."""
    name = name or path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def need_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared folder is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Ingest-level settings: extraction off, so these tests need no model (extraction has its own)."""
    return Settings(db=str(tmp_path / "test.db"), extraction=False)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store.open(settings.db)
    yield s
    s.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``claimledger ARGS`` in-process with a store under tmp_path; returns code, stdout, stderr."""
    from claimledger.cli.main import main

    monkeypatch.setenv("CLAIMLEDGER_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "0")  # end-to-end tests set it to 1

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as e:
                code = int(e.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]] = {}

    def do_GET(self) -> None:
        fn = self.routes.get(self.path.split("?")[0])
        if fn is None:
            self.send_error(404)
            return
        fn(self)

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class LocalServer:
    url: str
    routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]

    def page(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def h(req: http.server.BaseHTTPRequestHandler) -> None:
            req.send_response(status)
            req.send_header("Content-Type", ctype)
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)

        self.routes[path] = h
        return self.url + path

    def redirect(self, path: str, location: str) -> str:
        def h(req: http.server.BaseHTTPRequestHandler) -> None:
            req.send_response(302)
            req.send_header("Location", location)
            req.send_header("Content-Length", "0")
            req.end_headers()

        self.routes[path] = h
        return self.url + path

    def slow(self, path: str, seconds: float) -> str:
        def h(req: http.server.BaseHTTPRequestHandler) -> None:
            import time

            time.sleep(seconds)
            with contextlib.suppress(OSError):
                req.send_response(200)
                req.end_headers()

        self.routes[path] = h
        return self.url + path


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 (an ephemeral port), stopped after the test."""
    routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {}
    handler = type("H", (_Handler,), {"routes": routes})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    finally:
        httpd.shutdown()
        httpd.server_close()


LOOPBACK = "127.0.0.0/8"


def article(n: int = 0, topic: str = "the harbour") -> str:
    """A plain article of a few paragraphs, distinct for each n."""
    return (
        f"Officials in Marrowport said on Tuesday that {100 + n} fishing boats had returned to {topic}.\n"
        f"The harbour master, Ilse Varga, told reporters that repairs would take at least {n + 2} weeks.\n"
        f"Report number {n}: the council is expected to publish its own figures next month, she said.\n"
    )


assert sys.version_info >= (3, 11)
