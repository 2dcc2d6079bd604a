"""The web app on the seeds, in-process (FastAPI's TestClient), with the HTML parsed: every page, the
API, exports, analyst overrides through the forms, and a hostile article uploaded through the app."""

from __future__ import annotations

import atexit
import csv
import functools
import io
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from claimledger.settings import Settings

from .conftest import need_shared

pytestmark = pytest.mark.model

HOSTILE_MD = """---
title: '"><img src=x onerror="window.__xss=1"> {{ 7*7 }}'
outlet: '<script>window.__xss=2</script>Evil Gazette'
url: 'javascript:window.__xss=3'
published: 2024-10-20
---
Officials in Marrowport said on Tuesday that "<script>window.__xss=4</script>" was painted on 300 boats.
The harbour master, Ilse Varga <img src=x onerror="window.__xss=5">, told reporters that at least 2,000 people \
had left the port last week.
"{{ 7*7 }} and {% raw %} and ${7*7} were found in the logs," the council said on Wednesday.
Click <a href="javascript:window.__xss=6">here</a> for more, Varga said, adding that "><svg onload=window.__xss=7> \
was sprayed on the Marrowport town hall.
A spokesman for the Marrowport police, Tomas Oduya, told the Evil Gazette that \
'<iframe src="javascript:window.__xss=8">' was a prank by three teenagers.
"""
PAYLOAD_MARKERS = ["<script>window.__xss", "<img src=x", "<svg onload", "<iframe"]
"""Raw payloads that must never reach a page unescaped (as text, "javascript:..." is harmless)."""


@functools.cache
def seeds_db() -> Path:
    """The seeds ingested once per test process (spaCy model, ~20 s) into a closed SQLite file."""
    from claimledger.pipeline import ingest
    from claimledger.store import Store

    manifest = need_shared("seeds", "manifest.jsonl")
    folder = Path(tempfile.mkdtemp(prefix="claimledger-seeds-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "seeds.db"
    settings = Settings(db=str(db))
    with Store.open(settings.db) as store:
        report = ingest([str(manifest)], store=store, settings=settings)
    assert report.ok and len(report.new) == 5
    return db


def copy_of_seeds(tmp_path: Path) -> Path:
    dst = tmp_path / "web.db"
    shutil.copyfile(seeds_db(), dst)
    return dst


class Page(HTMLParser):
    """Tags with their attributes, text, and links of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    def links(self, prefix: str) -> list[str]:
        return [str(a["href"]) for a in self.all("a") if str(a.get("href") or "").startswith(prefix)]

    def with_class(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in str(a.get("class") or "").split()]


def assert_inert(html: str) -> None:
    """Only our own scripts; no event handler attribute, no javascript: link, nothing from elsewhere."""
    p = Page(html)
    for a in p.all("script"):
        assert str(a.get("src") or "").startswith("/static/"), a
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for k in ("href", "src", "action", "formaction"):
            v = str(attrs.get(k) or "").strip().lower()
            assert not v.startswith(("javascript:", "data:text", "vbscript:")), (tag, attrs)
            if tag in ("script", "link", "img", "iframe", "form") and v:
                assert v.startswith(("/", "#", "data:,")), (tag, attrs)  # nothing loaded from another origin
    assert not [t for t, _ in p.tags if t in ("iframe", "object", "embed", "base", "svg") and t != "svg"]
    for m in PAYLOAD_MARKERS:
        assert m not in html, m


class Client:
    """A TestClient over a copy of the seeds with the CSRF dance done."""

    def __init__(self, db: Path, **app_kwargs: Any) -> None:
        from fastapi.testclient import TestClient

        from claimledger.serve import create_app

        self.app = create_app(Settings(db=str(db)), **app_kwargs)
        self.http = TestClient(self.app, base_url="http://127.0.0.1")
        self.csrf = self.http.get("/api/csrf").json()["csrf_token"]

    def get(self, url: str, **kw: Any) -> Any:
        r = self.http.get(url, **kw)
        assert r.status_code == 200, (url, r.status_code, r.text[:500])
        return r

    def page(self, url: str) -> tuple[str, Page]:
        html = self.get(url).text
        return html, Page(html)

    def post(self, url: str, data: dict[str, Any], **kw: Any) -> Any:
        return self.http.post(url, data={"csrf_token": self.csrf, **data}, follow_redirects=False, **kw)

    def override(self, kind: str, target: str, **fields: Any) -> Any:
        r = self.post("/overrides", {"kind": kind, "target": target, "author": "Ana", **fields})
        assert r.status_code == 303, r.text[:500]
        return r

    def wait_job(self, job_id: int, timeout: float = 240) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job: dict[str, Any] = self.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.3)
        raise AssertionError(f"ingest job {job_id} did not finish in {timeout} s")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    c = Client(copy_of_seeds(tmp_path))
    yield c
    c.app.state.claimledger.store.close()


def _story(c: Client) -> str:
    _, p = c.page("/")
    links = p.links("/stories/")
    assert len(links) == 1, links  # the five seeds are one story
    return links[0]


def test_story_page_shows_every_section_and_links_propositions(client: Client) -> None:
    html, p = client.page(_story(client))
    for section in ("judgements", "numbers", "contested", "changes", "timeline", "graph", "sources", "documents"):
        assert any(a.get("id") == section for _, a in p.tags), section
    props = p.links("/propositions/")
    assert len(set(props)) >= 20
    assert len(p.with_class("rating")) >= 20
    assert "<svg" in html and 'data-graph="/api/stories/' in html
    assert len(set(p.links("/documents/"))) == 5
    assert "12,000" in html  # the numbers panel
    assert_inert(html)


def test_proposition_page_highlights_the_evidence_in_the_article(client: Client) -> None:
    _, story = client.page(_story(client))
    pid = story.links("/propositions/")[0]
    html, p = client.page(pid)
    assert p.with_class("claim"), "the claim is highlighted inside its article text"
    assert p.all("blockquote")
    assert p.links("/documents/") and all("?claim=c_" in u for u in p.links("/documents/"))
    assert any(a.get("value") == "proposition.merge" for a in p.all("input"))
    assert "Reasons" in html and "Credibility" in html
    assert_inert(html)


def test_via_chain_and_source_pages(client: Client) -> None:
    led = client.get("/api/ledger").json()
    relayed = next(c for c in led["claims"] if c["via"])
    _html, p = client.page(f"/propositions/{relayed['proposition_id']}")
    assert f"/sources/{relayed['via'][0]}" in p.links("/sources/")
    shtml, sp = client.page(f"/sources/{relayed['via'][0]}")
    assert "Claims it relays" in shtml
    assert any(a.get("value") == "source.reliability" for a in sp.all("input"))
    assert_inert(shtml)


def test_document_page_highlights_claims_quantities_times_entities_and_shows_removals(client: Client) -> None:
    led = client.get("/api/ledger").json()
    doc = next(d for d in led["documents"] if d["removed"])
    claim = next(c for c in led["claims"] if c["document_id"] == doc["id"])
    html, p = client.page(f"/documents/{doc['id']}?claim={claim['id']}")
    for cls in ("claim", "qty", "time", "ent", "src", "cue", "focus"):
        assert p.with_class(cls), cls
    assert any(a.get("id") == claim["id"] for _, a in p.tags)
    assert "Removed by cleaning" in html
    assert doc["removed"][0]["text"].strip()[:30] in "".join(p.text)
    text = "".join(Page(html.split('<div class="doctext">', 1)[1].split("</div>", 1)[0]).text)
    assert text == doc["text"]  # the highlighted text is the cleaned text, every character once
    assert_inert(html)


def test_search_finds_claims_and_sources_and_htmx_gets_the_results_only(client: Client) -> None:
    _html, p = client.page("/search?q=peskov")
    assert p.links("/sources/") and p.links("/documents/")
    partial = client.get("/search?q=peskov", headers={"HX-Request": "true", "HX-Target": "results"}).text
    assert "<html" not in partial and "/sources/" in partial
    assert client.get("/api/search?q=kremlin").json()["counts"]["claims"] >= 1


def test_api_is_the_export_with_an_openapi_document(client: Client) -> None:
    import jsonschema

    from claimledger.report.ledger import build_ledger

    schema = json.loads(need_shared("contracts", "ledger.schema.json").read_text(encoding="utf-8"))
    led = client.get("/api/ledger").json()
    jsonschema.validate(led, schema)
    exported = build_ledger(client.app.state.claimledger.store)
    assert [c["id"] for c in led["claims"]] == [c["id"] for c in exported["claims"]]
    assert [p["id"] for p in led["propositions"]] == [p["id"] for p in exported["propositions"]]
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/ledger", "/api/stories", "/api/overrides", "/api/propositions/{proposition_id}",
                 "/api/ingest", "/api/search"):
        assert path in spec["paths"], path
    sid = client.get("/api/stories").json()[0]["id"]
    assert client.get(f"/api/stories/{sid}/briefing").json()["counts"]["documents"] == 5
    g = client.get(f"/api/stories/{sid}/graph").json()
    assert g["nodes"] and g["edges"]


def test_exports(client: Client) -> None:
    sid = client.get("/api/stories").json()[0]["id"]
    led = client.get(f"/export/ledger.json?story={sid}")
    assert "attachment" in led.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(client.get(f"/export/claims.csv?story={sid}").text)))
    assert rows[0][0] == "claim_id" and len(rows) - 1 == len(led.json()["claims"])
    assert client.get(f"/export/briefing.md?story={sid}").text.startswith("#")
    assert "<!DOCTYPE html>" in client.get("/export/briefing.html").text


def test_overrides_through_the_forms_flow_into_pages_api_and_exports(client: Client) -> None:
    led = client.get("/api/ledger").json()
    target = max(led["propositions"], key=lambda p: len(p["claim_ids"]))
    origin = target["origin_source_ids"][0]
    client.override("source.reliability", origin, reliability="A", note="a known record", next=f"/sources/{origin}")
    html, _ = client.page(f"/sources/{origin}")
    assert "source.reliability by Ana" in html and "a known record" in html
    j = client.get(f"/api/propositions/{target['id']}").json()["judgement"]
    assert j["reliability"] == "A" and j["rating"].startswith("A")
    assert "A" + str(j["credibility"]) in client.get(f"/export/briefing.md?story={target['story_id']}").text
    assert client.get("/api/ledger").json()["overrides"][0]["author"] == "Ana"
    # reject a claim: gone from its proposition, shown as rejected on its document
    victim = target["claim_ids"][-1]
    doc = next(c for c in led["claims"] if c["id"] == victim)["document_id"]
    client.override("claim.reject", victim, note="misattributed", next=f"/documents/{doc}")
    after = client.get("/api/ledger").json()
    assert victim not in {c for p in after["propositions"] for c in p["claim_ids"]}
    assert victim in {c["id"] for c in after["rejected_claims"]}
    dhtml, _ = client.page(f"/documents/{doc}")
    assert "rejected by Ana" in dhtml
    rows = {r[0]: r for r in csv.reader(io.StringIO(client.get("/export/claims.csv").text))}
    assert rows[victim][-1] == "rejected"
    # merge two propositions, then split one claim off again
    a, b = sorted(after["propositions"], key=lambda p: p["id"])[:2]
    r = client.override("proposition.merge", a["id"], **{"with": b["id"]})
    merged_url = r.headers["location"]
    mhtml, _mp = client.page(merged_url)
    assert "proposition.merge by Ana" in mhtml
    merged = client.get("/api/propositions/" + merged_url.rsplit("/", 1)[1]).json()["proposition"]
    assert set(a["claim_ids"]) | set(b["claim_ids"]) <= set(merged["claim_ids"])
    client.override("proposition.split", merged["id"], claim_ids=b["claim_ids"][:1])
    final = client.get("/api/ledger").json()
    holder = [p for p in final["propositions"] if b["claim_ids"][0] in p["claim_ids"]]
    assert len(holder) == 1 and not set(a["claim_ids"]) & set(holder[0]["claim_ids"])
    # the log shows them all, and withdrawing the rejection brings the claim back
    ohtml, _op = client.page("/overrides")
    assert ohtml.count("Ana") >= 4
    rej = next(o for o in final["overrides"] if o["kind"] == "claim.reject")
    assert client.post(f"/overrides/{rej['id']}/delete", {"next": "/overrides"}).status_code == 303
    assert victim in {c for p in client.get("/api/ledger").json()["propositions"] for c in p["claim_ids"]}


def test_bad_override_form_says_why(client: Client) -> None:
    r = client.post("/overrides", {"kind": "source.reliability", "target": "s_nope", "reliability": "A",
                                   "author": "Ana"})
    assert r.status_code == 400 and "no source s_nope" in r.text
    r = client.post("/overrides", {"kind": "proposition.split", "target": "p_nope", "author": "Ana"})
    assert r.status_code == 400


def test_hostile_article_uploaded_through_the_app_is_escaped_everywhere(client: Client) -> None:
    r = client.http.post("/ingest", data={"csrf_token": client.csrf},
                         files=[("files", ("<script>evil</script>.md", HOSTILE_MD.encode(), "text/markdown"))],
                         follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    job = client.wait_job(int(r.headers["location"].rsplit("/", 1)[1]))
    assert job["status"] == "done", job
    jhtml, _ = client.page(r.headers["location"])
    assert_inert(jhtml)
    led = client.get("/api/ledger").json()
    doc = next(d for d in led["documents"] if "Evil Gazette" in (d["outlet"] or ""))
    claims = [c for c in led["claims"] if c["document_id"] == doc["id"]]
    assert len(claims) >= 2, "the hostile article yields claims, so their highlights are exercised"
    urls = ["/", f"/documents/{doc['id']}", f"/stories/{doc['story_id']}", "/search?q=xss", "/search?q=evil",
            "/overrides", *{f"/propositions/{c['proposition_id']}" for c in claims},
            *{f"/sources/{c['source_id']}" for c in claims if c["source_id"]}]
    client.override("note", doc["id"], note='<script>window.__xss=9</script> {{ 7*7 }}', next=f"/documents/{doc['id']}")
    for url in urls:
        html, _p = client.page(url)
        assert_inert(html)
    dhtml, _ = client.page(f"/documents/{doc['id']}")
    assert "&lt;script&gt;window.__xss" in dhtml and "{{ 7*7 }}" in dhtml  # shown as text, never evaluated
    assert 'href="javascript' not in dhtml.lower()


def test_unknown_things_are_404_pages_that_escape_what_was_asked(client: Client) -> None:
    for url in ("/propositions/p_<script>", "/documents/d_nope", "/sources/s_x", "/stories/st_x", "/jobs/999"):
        r = client.http.get(url)
        assert r.status_code == 404
        assert_inert(r.text)
    assert client.http.get("/api/propositions/p_nope").json()["detail"]


def test_story_page_links_the_related_stories_of_its_topic(tmp_path: Path) -> None:
    """Seeds and the example corpus in one store: two look-alike threads (one topic) and a regatta."""
    from claimledger.pipeline import ingest
    from claimledger.report.ledger import build_ledger
    from claimledger.store import Store

    db = copy_of_seeds(tmp_path)
    settings = Settings(db=str(db))
    with Store.open(settings.db) as store:
        ingest([str(Path(__file__).resolve().parents[1] / "examples" / "manifest.jsonl")], store=store,
               settings=settings)
        stories = build_ledger(store)["stories"]
    assert len(stories) == 3
    seeds = next(s for s in stories if len(s["document_ids"]) == 5)
    kin = [s["id"] for s in stories if s["topic_id"] == seeds["topic_id"] and s["id"] != seeds["id"]]
    alone = [s["id"] for s in stories if s["topic_id"] != seeds["topic_id"]]
    assert len(kin) == 1 and len(alone) == 1
    c = Client(db)
    try:
        html, p = c.page(f"/stories/{seeds['id']}")
        related = [a for a in p.links("/stories/")]
        assert f"/stories/{kin[0]}" in related and f"/stories/{alone[0]}" not in related
        assert "Related stories" in html
        assert_inert(html)
        html, p = c.page(f"/stories/{alone[0]}")
        assert "Related stories" not in html
    finally:
        c.app.state.claimledger.store.close()
