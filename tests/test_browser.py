"""The web app in a real browser: Playwright driving Debian's Chromium (packages ``chromium`` and
``chromium-driver``; Playwright's own browser download is not used) against the app served by uvicorn
on 127.0.0.1 over the seeds. Open the story, follow a proposition to its evidence, see the highlight,
apply an override and see it in the report; upload a hostile article and check that nothing in it runs.
Screenshots of the story page and a proposition page go to ``artifacts/screenshots/``."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from claimledger.settings import Settings

from .test_serve_pages import HOSTILE_MD, copy_of_seeds

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed: "
                       "apt-get install -y chromium chromium-driver"),
]


@dataclass
class Served:
    base: str
    app: Any
    server: Any
    thread: threading.Thread
    dialogs: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    import uvicorn

    from claimledger.serve import create_app

    app = create_app(Settings(db=str(copy_of_seeds(tmp_path))), analyst="Browser Test")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    end = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < end, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Served(base=f"http://127.0.0.1:{port}", app=app, server=server, thread=thread)
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.claimledger.store.close()


@pytest.fixture
def page(served: Served) -> Iterator[Any]:
    pw = pytest.importorskip("playwright.sync_api")
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        pg.on("dialog", lambda d: (served.dialogs.append(d.message), d.dismiss()))
        outside: list[str] = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((served.base, "data:")) else None)
        yield pg
        assert outside == [], f"the page asked for something outside the app: {outside}"
        browser.close()


def _no_script_ran(pg: Any, served: Served) -> None:
    assert pg.evaluate("() => window.__xss") is None, "a payload ran"
    assert served.dialogs == [], served.dialogs
    injected = pg.evaluate("""() => document.querySelectorAll(
        'img[src="x"], [onerror], [onload], [onmouseover], iframe, a[href^="javascript"]').length""")
    assert injected == 0


def test_story_to_evidence_then_an_override_changes_the_report(page: Any, served: Served) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(served.base + "/")
    page.locator("a[href^='/stories/']").first.click()
    page.wait_for_selector("#judgements")
    page.wait_for_selector("#source-graph canvas", state="attached")  # Cytoscape.js drew the source graph
    page.screenshot(path=str(SHOTS / "story.png"))
    story_url = page.url
    # the first judgement, its evidence highlighted inside the article text
    page.locator("a.plabel").first.click()
    page.wait_for_selector("#evidence")
    mark = page.locator("blockquote.context span.claim").first
    assert mark.is_visible()
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "proposition.png"), full_page=False)
    # on to the document, where the claim is the focused highlight
    page.locator("article.evidence header a[href^='/documents/']").first.click()
    focus = page.locator(".doctext span.claim.focus").first
    focus.wait_for()
    assert focus.is_visible() and len(focus.inner_text().strip()) > 5
    # set the reliability of a source that speaks (so is an origin); the story page, the report, shows it
    ledger = page.request.get(served.base + "/api/ledger").json()
    origin = next(o for p in ledger["propositions"] for o in p["origin_source_ids"])
    page.goto(f"{served.base}/sources/{origin}")
    page.select_option("select[name=reliability]", "A")
    page.fill("form:has(select[name=reliability]) input[name=note]", "checked against earlier reporting")
    page.click("form:has(select[name=reliability]) button[type=submit]")
    page.wait_for_selector("text=source.reliability by Browser Test")
    assert page.locator("h1 .rel").inner_text().strip() == "A"
    page.goto(story_url)
    ratings = page.locator("#judgements .rating").all_inner_texts()
    assert any(r.startswith("A") for r in ratings), ratings
    briefing = page.request.get(served.base + "/export/briefing.md?story=" + story_url.rsplit("/", 1)[1]).text()
    assert any(f"A{n}" in briefing for n in range(1, 7))
    _no_script_ran(page, served)


def test_a_hostile_article_uploaded_in_the_browser_runs_nothing(page: Any, served: Served, tmp_path: Path) -> None:
    hostile = tmp_path / "<img src=x onerror=alert(1)>.md"
    try:
        hostile.write_text(HOSTILE_MD, encoding="utf-8")
    except OSError:
        hostile = tmp_path / "hostile.md"
        hostile.write_text(HOSTILE_MD, encoding="utf-8")
    page.goto(served.base + "/ingest")
    page.set_input_files("input[name=files]", str(hostile))
    page.fill("input[name=title]", '"><script>window.__xss=10</script>')
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#job-status")
    page.wait_for_selector("#job-status.done, #job-status.failed", timeout=240_000)  # htmx polls the progress
    assert "done" in str(page.locator("#job-status").get_attribute("class"))
    _no_script_ran(page, served)
    ledger = page.request.get(served.base + "/api/ledger").json()
    doc = next(d for d in ledger["documents"] if "Evil Gazette" in (d["outlet"] or ""))
    urls = [f"/documents/{doc['id']}", f"/stories/{doc['story_id']}", "/", "/search?q=evil",
            *{f"/propositions/{c['proposition_id']}" for c in ledger["claims"] if c["document_id"] == doc["id"]}]
    for url in urls:
        page.goto(served.base + url)
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        for span in page.locator(".doctext span.claim, blockquote.context span").all()[:15]:
            span.hover()
        _no_script_ran(page, served)
    page.goto(served.base + f"/documents/{doc['id']}")
    assert "<script>window.__xss=4</script>" in page.locator(".doctext").inner_text()  # shown as text
