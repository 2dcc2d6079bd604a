"""The web app's defences, in-process and without the language model: where it listens, tokens, host
names, cross-site requests, sizes, headers, escaping of highlights, vendored files, no external URLs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from fastapi.testclient import TestClient

from claimledger.errors import ConfigError
from claimledger.serve import create_app
from claimledger.serve.highlight import Mark, context_window, highlight
from claimledger.serve.security import CSP, check_bind
from claimledger.serve.views_export import _cell
from claimledger.serve.views_overrides import _back
from claimledger.settings import Settings

SERVE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "serve"
TOKEN = "correct-horse-battery-staple-42"


@pytest.fixture
def app_settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "web.db"), extraction=False, max_input_bytes=2000)


@pytest.fixture
def doc_id(app_settings: Settings, tmp_path: Path) -> str:
    """One stored document (extraction off: no model needed)."""
    from claimledger.pipeline import ingest
    from claimledger.store import Store

    from .conftest import article

    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    with Store.open(app_settings.db) as store:
        report = ingest([str(tmp_path / "a.txt")], store=store, settings=app_settings)
    return report.new[0]


@pytest.fixture
def client(app_settings: Settings, doc_id: str) -> Iterator[TestClient]:
    app = create_app(app_settings)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    app.state.claimledger.store.close()


def _csrf(c: TestClient) -> str:
    token: str = c.get("/api/csrf").json()["csrf_token"]
    return token


def test_listens_on_loopback_only_without_a_token() -> None:
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("localhost", None)
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        with pytest.raises(ConfigError, match="without a token"):
            check_bind(host, None)
        check_bind(host, TOKEN)
    with pytest.raises(ConfigError, match="too short"):
        check_bind("0.0.0.0", "short")


def test_serve_command_refuses_to_start_on_a_public_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimledger.cli.serve import command

    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    with pytest.raises(ConfigError, match=r"refusing to listen on 0\.0\.0\.0"):
        command.main(["--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"], standalone_mode=False)
    assert isinstance(command, click.Command)
    assert any(o.name == "token" and o.envvar == "CLAIMLEDGER_TOKEN" for o in command.params)


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/ingest", "/api/stories", "/static/app.css", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
    script = re.search(r"script-src ([^;]*)", CSP)
    assert script is not None and script[1] == "'self'"  # no inline script, no eval, nothing from elsewhere
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP and "frame-ancestors 'none'" in CSP


def test_unknown_host_names_are_refused(client: TestClient) -> None:
    r = client.get("/", headers={"host": "attacker.example"})
    assert r.status_code == 421
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_state_changing_requests_need_the_csrf_token_and_this_origin(client: TestClient, doc_id: str) -> None:
    form = {"kind": "note", "target": doc_id, "note": "x", "author": "Ana"}
    assert client.post("/overrides", data=form).status_code == 403                     # no token at all
    token = _csrf(client)
    assert client.post("/overrides", data={**form, "csrf_token": "forged"}).status_code == 403
    h = {"origin": "https://attacker.example"}
    assert client.post("/overrides", data={**form, "csrf_token": token}, headers=h).status_code == 403
    h = {"sec-fetch-site": "cross-site"}
    assert client.post("/overrides", data={**form, "csrf_token": token}, headers=h).status_code == 403
    h = {"origin": "null", "sec-fetch-site": "cross-site"}  # a sandboxed or privacy-stripped cross-site form
    assert client.post("/overrides", data={**form, "csrf_token": token}, headers=h).status_code == 403
    h = {"origin": "null", "sec-fetch-site": "same-origin"}  # our own form under Referrer-Policy
    r = client.post("/overrides", data={**form, "csrf_token": token}, headers=h, follow_redirects=False)
    assert r.status_code == 303
    assert client.post("/api/overrides", json={"kind": "note", "target": doc_id, "note": "x"}).status_code == 403
    ok = client.post("/overrides", data={**form, "csrf_token": token}, headers={"origin": "http://127.0.0.1"},
                     follow_redirects=False)
    assert ok.status_code == 303
    r = client.post("/api/overrides", json={"kind": "note", "target": doc_id, "note": "y"},
                    headers={"x-csrf-token": token})
    assert r.status_code == 201 and r.json()["author"]
    assert client.delete(f"/api/overrides/{r.json()['id']}").status_code == 403
    assert client.delete(f"/api/overrides/{r.json()['id']}", headers={"x-csrf-token": token}).status_code == 200


def test_a_token_guards_everything_but_the_login_page(app_settings: Settings, doc_id: str) -> None:
    app = create_app(app_settings, token=TOKEN, bind_host="0.0.0.0")
    with TestClient(app, base_url="http://10.0.0.5:8000") as c:
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"
        assert c.get("/api/ledger").status_code == 401
        assert c.get("/static/app.css").status_code == 200
        bearer = {"authorization": f"Bearer {TOKEN}"}
        assert c.get("/api/ledger", headers=bearer).status_code == 200
        # an API client with the token needs no CSRF token (a browser cannot send that header cross-site)
        r = c.post("/api/overrides", json={"kind": "note", "target": doc_id, "note": "n", "author": "cli"},
                   headers=bearer)
        assert r.status_code == 201
        m = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)
        assert m is not None
        csrf = m[1]
        bad = c.post("/login", data={"token": "wrong-token-wrong-token", "csrf_token": csrf})
        assert bad.status_code == 401
        good = c.post("/login", data={"token": TOKEN, "csrf_token": csrf}, follow_redirects=False)
        assert good.status_code == 303
        assert TOKEN not in good.headers["set-cookie"]
        assert c.get("/").status_code == 200  # the session cookie now
    app.state.claimledger.store.close()


def test_bodies_over_their_limit_are_refused(client: TestClient) -> None:
    token = _csrf(client)
    big = b"x" * 3000  # the fixture allows 2,000 bytes per upload
    r = client.post("/ingest", data={"csrf_token": token}, files=[("files", ("a.txt", big, "text/plain"))])
    assert r.status_code == 413
    r = client.post("/overrides", data={"csrf_token": token, "note": "y" * 70_000})
    assert r.status_code == 413
    r = client.post("/ingest", data={"csrf_token": token}, files=[("files", ("a.exe", b"MZ", "application/x"))])
    assert r.status_code == 400 and "not a file ingest reads" in r.text


def test_empty_store_pages_work(client: TestClient) -> None:
    for url in ("/ingest", "/overrides", "/search?q=ab", "/login", "/api/ledger", "/api/openapi.json"):
        assert client.get(url).status_code == 200, url
    assert client.get("/docs").status_code == 404  # no Swagger UI: it loads from a CDN


def test_highlight_escapes_text_and_handles_overlaps() -> None:
    text = 'He said "<script>alert(1)</script>" & left.'
    marks = [Mark(start=8, end=35, cls="claim", claim="c_1", title='"><img onerror=x>'),
             Mark(start=0, end=7, cls="src"), Mark(start=3, end=7, cls="cue"), Mark(start=9, end=17, cls="qty")]
    out = str(highlight(text, marks))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert 'title="&#34;&gt;&lt;img onerror=x&gt;"' in out
    assert out.count('id="c_1"') == 1
    assert re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") \
        .replace("&#34;", '"') == text
    evil = str(highlight("abc", [Mark(start=0, end=2, cls='x" onmouseover="alert(1)')]))
    assert "onmouseover" not in evil


def test_context_window_keeps_the_paragraph() -> None:
    text = "First paragraph.\nSecond one has the claim in it.\nThird."
    a, b = context_window(text, 24, 33)
    assert text[a:b] == "Second one has the claim in it."
    long = "x " * 1000 + "CLAIM" + " y" * 1000
    a, b = context_window(long, 2000, 2005, limit=100)
    assert "CLAIM" in long[a:b] and b - a <= 100


def test_redirects_stay_on_this_site_and_csv_cells_do_not_run() -> None:
    assert _back("/documents/d_1", "/x") == "/documents/d_1"
    for bad in ("//evil.example", "https://evil.example", "/\\evil", "javascript:alert(1)"):
        assert _back(bad, "/x") == "/x"
    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("-2+3") == "'-2+3" and _cell("plain") == "plain"


def test_templates_autoescape_and_load_nothing_from_elsewhere() -> None:
    for t in (SERVE / "templates").glob("*.html"):
        body = t.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", body) and "autoescape false" not in body, t.name
        assert not re.search(r"(src|href|action)=\"(https?:)?//", body), t.name
    for name in ("app.js", "app.css"):
        assert "http" not in (SERVE / "static" / name).read_text(encoding="utf-8")


def test_vendored_libraries_carry_their_licence_and_listed_hash() -> None:
    readme = (SERVE / "static" / "vendor" / "README.md").read_text(encoding="utf-8")
    scripts = list((SERVE / "static" / "vendor").glob("*/*.js"))
    assert len(scripts) == 2
    for js in scripts:
        assert (js.parent / "LICENSE").is_file(), js
        assert hashlib.sha256(js.read_bytes()).hexdigest() in readme, js
        assert f"/static/vendor/{js.parent.name}/{js.name}" in "".join(
            t.read_text(encoding="utf-8") for t in (SERVE / "templates").glob("*.html"))


def test_import_claimledger_does_not_load_the_web_server() -> None:
    import subprocess
    import sys

    code = "import sys, claimledger; print('fastapi' in sys.modules, 'claimledger.serve' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
