"""Large inputs: WARC crawls (.warc, .warc.gz) and gzipped JSONL stream into documents; pages
that are not news articles are skipped and counted; files larger than max_input_bytes stream."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from claimledger.ingest.inputs import iter_documents, plan
from claimledger.ingest.warc import SKIP_NO_TEXT, SKIP_NOT_2XX, SKIP_NOT_HTML, SKIP_UNSUPPORTED, Skipped
from claimledger.models import RawDocument
from claimledger.pipeline import ingest
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import REPO
from .test_scale_concurrency import article_text

warcio = pytest.importorskip("warcio")


def _html(n: int) -> str:
    paras = "".join(f"<p>{p}</p>" for p in article_text(n).split("\n\n")[1:])
    return (f"<html><head><title>Storm report {n}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{article_text(n).splitlines()[0]}</h1>{paras}</article>"
            f"<footer>Subscribe to our newsletter</footer></body></html>")


def write_warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "test"}))
        w.write_record(w.create_warc_record("https://news.example/a1", "request", payload=io.BytesIO(b"GET /a1")))
        response("https://news.example/a1", _html(1).encode(), "text/html; charset=utf-8")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        response("https://news.example/gone", _html(2).encode(), "text/html", status="404 Not Found")
        response("https://news.example/section", b"<html><body><a href='/a1'>Storm</a></body></html>", "text/html")
        example = (REPO / "examples" / "05_frontline_dispatch_2031-05-16.html").read_bytes()
        response("https://frontline.example/dispatch", example, "text/html")
        response("https://news.example/a3", _html(3).encode("latin-1"), "text/html; charset=iso-8859-1")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_pages_become_documents_and_the_rest_is_counted(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gz=name.endswith(".gz"))
    items = list(iter_documents([str(path)], settings=Settings()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.source_key for d in docs] == ["https://news.example/a1", "https://frontline.example/dispatch",
                                            "https://news.example/a3"]
    assert all(d.format == "html" and d.url == d.source_key for d in docs)
    assert "coordinator" in docs[0].text and "Subscribe" not in docs[0].text
    assert sorted(s.reason for s in skipped) == sorted([SKIP_NOT_HTML, SKIP_NOT_2XX, SKIP_NO_TEXT])
    assert all(name in s.input for s in skipped)


def test_warc_in_a_folder_and_the_report_counts(tmp_path: Path, store: Store, settings: Settings) -> None:
    write_warc(tmp_path / "shard-000.warc.gz", gz=True)
    report = ingest([str(tmp_path)], store=store, settings=settings)
    assert len(report.new) == 3 and report.ok
    assert report.skipped == {SKIP_NOT_HTML: 1, SKIP_NOT_2XX: 1, SKIP_NO_TEXT: 1}
    assert report.as_dict()["skipped"] == report.skipped
    again = ingest([str(tmp_path)], store=store, settings=settings)
    assert len(again.unchanged) == 3 and not again.new


def test_a_broken_warc_is_one_failure(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" + bytes(100))
    report = ingest([str(tmp_path / "bad.warc.gz")], store=store, settings=settings)
    assert len(report.failures) == 1 and "WARC" in report.failures[0].reason


def test_gzip_jsonl_streams_past_max_input_bytes(tmp_path: Path, store: Store, settings: Settings) -> None:
    path = tmp_path / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for n in range(30):
            fh.write(json.dumps({"url": f"https://news.example/{n}", "text": article_text(n),
                                 "outlet": "Example News", "published": "2031-05-08"}) + "\n")
        fh.write("{not json\n")
    small = settings.replace(max_input_bytes=1200)  # each record fits, the file does not
    assert path.stat().st_size > 1200
    report = ingest([str(path)], store=store, settings=small)
    assert len(report.new) == 30
    assert [f.input for f in report.failures] == [f"{path}:31"]
    assert store.document("https://news.example/7") is not None


def test_a_jsonl_line_longer_than_the_limit_is_rejected_alone(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "r.jsonl"
    lines = [json.dumps({"text": article_text(1)}), json.dumps({"text": "x " * 5000}),
             json.dumps({"text": article_text(2)})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)], settings=settings.replace(max_input_bytes=2000)))
    assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentRejected", "RawDocument"]
    assert items[1].input == f"{path}:2"  # type: ignore[union-attr]
    assert [i.source_key for i in items if isinstance(i, RawDocument)] == ["r.jsonl#1", "r.jsonl#3"]


def test_a_broken_gzip_jsonl_is_one_failure(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "x.jsonl.gz").write_bytes(b"not gzip at all")
    items = list(iter_documents([str(tmp_path / "x.jsonl.gz")], settings=settings))
    assert len(items) == 1 and "gzip" in items[0].reason  # type: ignore[union-attr]


def test_the_plan_reads_only_manifests(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article_text(2), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"path": "a.txt", "outlet": "M"}) + "\n", encoding="utf-8")
    units = list(plan([str(tmp_path)], settings=settings))
    assert [(u.kind, u.name.rsplit("/", 1)[-1]) for u in units] == [  # type: ignore[union-attr]
        ("entry", "manifest.jsonl:1"), ("file", "b.txt")]


def test_gzipped_pages_are_read_and_other_files_are_counted(tmp_path: Path, store: Store, settings: Settings) -> None:
    """Crawlers store pages as "page.html.gz": read like "page.html".  Files of no article type found
    in a folder (a PDF, a picture) are skipped and counted, not silently ignored."""
    html = (f"<html><head><title>Bridge</title></head><body><article><p>{article_text(3)}</p></article>"
            "</body></html>")
    with gzip.open(tmp_path / "page.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(html)
    with gzip.open(tmp_path / "note.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(article_text(4))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "README.md").write_text("# how this corpus was made\n", encoding="utf-8")  # a project file
    report = ingest([str(tmp_path)], store=store, settings=settings)
    assert len(report.new) == 2 and report.ok
    assert report.skipped == {SKIP_UNSUPPORTED: 2}
    page = store.document("page.html.gz")
    assert page is not None and article_text(3)[:40] in page.text and "<p>" not in page.text


def test_a_gzip_bomb_or_a_broken_gzip_page_is_one_failure(tmp_path: Path, store: Store, settings: Settings) -> None:
    with gzip.open(tmp_path / "huge.html.gz", "wb") as fh:
        fh.write(b"<p>" + b"a" * 3_000_000 + b"</p>")  # 3 KB on disk, 3 MB once decompressed
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "fine.txt").write_text(article_text(5), encoding="utf-8")
    report = ingest([str(tmp_path)], store=store, settings=settings.replace(max_input_bytes=1_000_000))
    assert len(report.new) == 1 and not report.ok
    why = {f.input.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert set(why) == {"huge.html.gz", "bad.txt.gz"}
    assert "decompressed" in why["huge.html.gz"] and "gzip" in why["bad.txt.gz"]


def test_only_the_stores_own_files_are_passed_over(tmp_path: Path, settings: Settings) -> None:
    """A corpus file whose name merely starts with the store's name is an input."""
    store_path = tmp_path / "claims"
    (tmp_path / "claims-wal").write_bytes(b"")
    (tmp_path / "claims_2024.txt").write_text(article_text(6), encoding="utf-8")
    units = list(plan([str(tmp_path)], settings=settings.replace(db=str(store_path))))
    assert [u.name.rsplit("/", 1)[-1] for u in units] == ["claims_2024.txt"]  # type: ignore[union-attr]
