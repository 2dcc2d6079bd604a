"""Ingest: every input format, metadata precedence, idempotency and duplicate linking."""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.ingest.meta import Metadata
from claimledger.pipeline import ingest
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import LOOPBACK, article, need_shared

HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Boats return to Marrowport - The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2031-03-04T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Boats return to Marrowport</h1>
<p>Officials in Marrowport said on Tuesday that 140 fishing boats had returned to the harbour after the storm.</p>
<p>The harbour master, Ilse Varga, told reporters that repairs to the eastern quay would take at least three weeks.</p>
<p>The council is expected to publish its own damage figures next month, according to a spokesman.</p>
</article><footer>Subscribe to our newsletter. Copyright 2031 The Harbour Gazette.</footer></body></html>"""


def test_txt_md_json_jsonl_and_manifest(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ntitle: Quay repairs\noutlet: Marrow Daily\npublished: 2031-03-05\nurl: https://marrow.example/q\n---\n"
        "# Quay repairs\n\n" + article(2), encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    record = {"text": article(4), "outlet": "Coast FM", "published": "2031-03-06", "title": "Coast"}
    (tmp_path / "d.json").write_text(json.dumps(record), encoding="utf-8")
    lines = [json.dumps({"text": article(5 + i), "outlet": "Wire"}) for i in range(2)]
    (tmp_path / "e.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = ingest([str(tmp_path)], store=store, settings=settings)
    assert report.ok, report.failures
    assert len(report.new) == 6
    docs = {d.source_path: d for d in store.documents()}
    assert set(docs) == {"a.txt", "b.md", "c.html", "d.json", "e.jsonl#1", "e.jsonl#2"}
    md = docs["b.md"]
    assert (md.outlet, md.published, md.title, md.url) == ("Marrow Daily", "2031-03-05", "Quay repairs",
                                                           "https://marrow.example/q")
    assert md.text.startswith("Quay repairs\nOfficials") and "---" not in md.text
    html = docs["c.html"]
    assert html.outlet == "The Harbour Gazette" and html.published == "2031-03-04" and html.published_inferred
    assert "140 fishing boats" in html.text and "Home" not in html.text and "Subscribe" not in html.text
    assert docs["d.json"].outlet == "Coast FM" and docs["d.json"].published == "2031-03-06"


def test_manifest_paths_metadata_and_override(tmp_path: Path, store: Store, settings: Settings) -> None:
    sub = tmp_path / "corpus"
    sub.mkdir()
    (sub / "x.txt").write_text(article(1), encoding="utf-8")
    front = "---\noutlet: Front Matter Outlet\npublished: 2031-01-01\n---\n"
    (sub / "y.md").write_text(front + article(2), encoding="utf-8")
    (sub / "manifest.jsonl").write_text(
        json.dumps({"path": "x.txt", "outlet": "Manifest Outlet", "published": "2031-03-05"}) + "\n"
        + json.dumps({"path": "y.md", "outlet": "Manifest Wins"}) + "\n", encoding="utf-8")
    report = ingest([str(sub / "manifest.jsonl")], store=store, settings=settings)
    assert report.ok and len(report.new) == 2
    docs = {d.source_path: d for d in store.documents()}
    assert docs["x.txt"].outlet == "Manifest Outlet" and docs["x.txt"].published == "2031-03-05"
    # the manifest overrides the front matter where it says something, the front matter fills the rest
    assert docs["y.md"].outlet == "Manifest Wins" and docs["y.md"].published == "2031-01-01"
    # the command line overrides both, and re-ingesting with new metadata updates in place
    report = ingest([str(sub / "manifest.jsonl")], store=store, settings=settings,
                    meta=Metadata(outlet="Command Line"))
    assert len(report.updated) == 2 and not report.new
    assert {d.outlet for d in store.documents()} == {"Command Line"}


def test_folder_walk_reads_manifest_once_and_skips_project_files(tmp_path: Path, store: Store,
                                                                  settings: Settings) -> None:
    (tmp_path / "x.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this corpus\n\nNot an article, but long enough to be one.\n")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"path": "x.txt", "outlet": "M"}) + "\n")
    report = ingest([str(tmp_path)], store=store, settings=settings)
    assert report.ok and len(report.new) == 1
    assert store.documents()[0].outlet == "M"


def test_same_document_twice_is_stored_once(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = tmp_path / "a.txt"
    f.write_text(article(1), encoding="utf-8")
    first = ingest([str(f)], store=store, settings=settings)
    second = ingest([str(f)], store=store, settings=settings)
    assert len(first.new) == 1 and len(second.unchanged) == 1 and not second.new
    assert store.count_documents() == 1


def test_same_text_elsewhere_is_a_separate_linked_document(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "syndicated.txt").write_text(article(1) + "Copied by a syndication partner.\n",
                                                       encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], store=store, settings=settings, meta=Metadata(published="2031-03-01"))
    report = ingest([str(tmp_path / "copy" / "syndicated.txt")], store=store, settings=settings,
                    meta=Metadata(outlet="Other Outlet", published="2031-03-02"))
    docs = {d.source_path: d for d in store.documents()}
    assert len(docs) == 2
    assert docs["syndicated.txt"].duplicate_of == docs["a.txt"].id
    assert docs["a.txt"].duplicate_of is None
    assert report.duplicates == {docs["syndicated.txt"].id: docs["a.txt"].id}


def test_articles_on_one_story_are_not_near_duplicates(store: Store, settings: Settings) -> None:
    manifest = need_shared("seeds", "manifest.jsonl")
    report = ingest([str(manifest)], store=store, settings=settings)
    assert report.ok and len(report.new) == 5
    # five outlets on one story share words and quotes, but none is a copy of another
    assert not report.duplicates
    assert all(d.duplicate_of is None for d in store.documents())


def test_url_page_and_feed(server, store: Store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    s = settings.replace(allowed_networks=LOOPBACK)
    page = server.page("/story.html", HTML)
    report = ingest([page], store=store, settings=s)
    assert report.ok and len(report.new) == 1
    d = store.documents()[0]
    assert d.url == page and d.source_path == page and "140 fishing boats" in d.text
    items = "".join(
        f"<item><title>Entry {i}</title><link>{server.url}/e{i}.html</link>"
        f"<pubDate>Tue, 04 Mar 2031 10:00:00 GMT</pubDate></item>" for i in range(3))
    for i in range(3):
        server.page(f"/e{i}.html", HTML.replace("140", str(200 + i)))
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette Feed</title>{items}</channel></rss>'
    feed = server.page("/feed.xml", rss, ctype="application/rss+xml")
    report = ingest([feed], store=store, settings=s)
    assert report.ok, report.failures
    assert len(report.new) == 3
    entries = [d for d in store.documents() if d.title and d.title.startswith("Entry")]
    assert {d.published for d in entries} == {"2031-03-04"}
