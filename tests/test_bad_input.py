"""Bad input gets a clear error naming the input and the reason; the rest of the batch is stored,
the exit code says some input failed, and what was stored stays intact."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.errors import DocumentRejected
from claimledger.ingest.decode import decode_bytes
from claimledger.pipeline import ingest
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import LOOPBACK, REPO, article

CYRILLIC = "Министр обороны заявил во вторник, что на границе находятся по меньшей мере три тысячи солдат. " * 4


def _batch(tmp_path: Path, name: str, data: bytes) -> list[Path]:
    """A good file before and after the bad one."""
    (tmp_path / "0_good.txt").write_text(article(0), encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_good.txt").write_text(article(9), encoding="utf-8")
    return [tmp_path / "0_good.txt", tmp_path / name, tmp_path / "z_good.txt"]


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n \t\n", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "png.html": (b"\x89PNG\r\n\x1a\n" + b"\x00\x10IHDR" + os.urandom(3000), "binary"),
    "noise.txt": (bytes((i * 37 + 11) % 94 + 33 for i in range(4000)).replace(b"a", b"#").translate(
        bytes.maketrans(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0123456789" * 5 + b"!?")),
        "sensible"),
    "broken.json": (b'{"text": "unterminated', "invalid JSON"),
    "nothing.html": (b"<html><body><div></div><script>var x = 1;</script></body></html>", "no main text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_and_batch_goes_on(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data, why = BAD_FILES[name]
    paths = _batch(tmp_path, name, data)
    r = cli("ingest", *map(str, paths))
    assert r.code == 1
    assert (name in r.err and why in r.err.lower()) or why in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1, "one clear line per bad input, no traceback"
    docs = cli("documents", "--json").json()
    assert sorted(d["source_path"] for d in docs) == ["0_good.txt", "z_good.txt"]  # type: ignore[union-attr]


def test_cp1251_and_utf16_are_decoded_correctly(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "ru.txt").write_bytes(CYRILLIC.encode("cp1251"))
    (tmp_path / "u16.txt").write_bytes("\ufeff".encode("utf-16-le") + article(3).encode("utf-16-le"))
    be = "".join(f"Zelensky said “two brigades” ×{i}, the ministry reported.\n" for i in range(3))
    (tmp_path / "u16be.txt").write_bytes(b"\xfe\xff" + be.encode("utf-16-be"))
    report = ingest([str(tmp_path)], store=store, settings=settings)
    assert report.ok, report.failures
    docs = {d.source_path: d for d in store.documents()}
    assert docs["ru.txt"].text == CYRILLIC.strip()
    assert docs["u16.txt"].text == article(3).strip()
    assert docs["u16be.txt"].text == be.strip()


def test_decode_reports_the_encoding() -> None:
    text, enc = decode_bytes(CYRILLIC.encode("cp1251"), "x")
    assert text == CYRILLIC and enc == "cp1251"
    with pytest.raises(DocumentRejected, match="binary"):
        decode_bytes(b"abc\x00def" * 100, "x")


def test_malformed_html_still_gives_its_text(tmp_path: Path, store: Store, settings: Settings) -> None:
    html = ("<html><head><title>Broken</title><body><div><p>The mayor said on Monday that 40 buses"
            " had been withdrawn from service after the floods.<p>Unclosed <b>tags <i>everywhere</div>"
            "<p>A second paragraph says the repairs will cost at least 3 million crowns, officials said."
            "</span></span><table><tr><td>")
    (tmp_path / "broken.html").write_text(html, encoding="utf-8")
    report = ingest([str(tmp_path / "broken.html")], store=store, settings=settings)
    assert report.ok, report.failures
    assert "40 buses" in store.documents()[0].text


def test_50mb_html_page_is_rejected_by_size(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body><article>")
        para = b"<p>" + b"The council said the harbour would reopen. " * 20 + b"</p>\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(para)
        fh.write(b"</article></body></html>")
    paths = _batch(tmp_path, "unused.txt", article(5).encode())
    r = cli("ingest", str(paths[0]), str(big), str(paths[2]))
    assert r.code == 1
    assert "huge.html" in r.err and "too large" in r.err
    assert len(cli("documents", "--json").json()) == 2  # type: ignore[arg-type]


def test_jsonl_with_one_broken_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    lines = [json.dumps({"text": article(i), "outlet": "Wire", "url": f"https://wire.example/{i}"}) for i in range(3)]
    lines.insert(2, '{"text": "broken, "outlet": }')
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("ingest", str(tmp_path / "records.jsonl"))
    assert r.code == 1
    assert "records.jsonl:3" in r.err and "invalid JSON" in r.err
    assert len(cli("documents", "--json").json()) == 3  # type: ignore[arg-type]


def test_manifest_naming_a_missing_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "here.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"path": "gone.txt", "outlet": "X"}) + "\n" + json.dumps({"path": "here.txt", "outlet": "Y"}) + "\n")
    r = cli("ingest", str(tmp_path / "manifest.jsonl"))
    assert r.code == 1
    assert "manifest.jsonl:1" in r.err and "gone.txt" in r.err and "no such file" in r.err
    assert [d["outlet"] for d in cli("documents", "--json").json()] == ["Y"]  # type: ignore[union-attr]


def test_url_that_times_out(server, tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMLEDGER_ALLOWED_NETWORKS", LOOPBACK)
    monkeypatch.setenv("CLAIMLEDGER_FETCH_TIMEOUT", "0.5")
    slow = server.slow("/slow", 3)
    good = server.page("/good.html", "<html><body><article><p>" + article(1).replace("\n", "</p><p>")
                       + "</p></article></body></html>")
    r = cli("ingest", slow, good)
    assert r.code == 1
    assert slow in r.err and "timed out" in r.err
    assert len(cli("documents", "--json").json()) == 1  # type: ignore[arg-type]


def test_redirect_to_private_address_is_refused(server, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMLEDGER_ALLOWED_NETWORKS", LOOPBACK)
    hop = server.redirect("/hop", "http://10.23.45.67/internal")
    meta = server.redirect("/meta", "http://169.254.169.254/latest/meta-data/")
    r = cli("ingest", hop, meta)
    assert r.code == 1
    assert "10.23.45.67" in r.err and "private" in r.err
    assert "169.254.169.254" in r.err


def test_loopback_is_refused_by_default(server, cli) -> None:  # type: ignore[no-untyped-def]
    url = server.page("/p.html", "<html><body><p>" + article(1) + "</p></body></html>")
    r = cli("ingest", url)
    assert r.code == 1 and "127.0.0.1" in r.err and "allow_private_addresses" in r.err


def test_feed_with_1000_entries(server, store: Store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    body = "<p>" + " ".join(f"Paragraph about the regatta, sentence {{i}}-{j}." for j in range(40)) + "</p>"
    items = "".join(
        f"<item><title>Regatta {i}</title><link>https://feed.example/{i}</link>"
        f"<pubDate>Sat, 17 May 2031 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{body.replace('{i}', str(i))}]]></content:encoded></item>"
        for i in range(1000))
    feed = server.page("/big.xml", '<?xml version="1.0"?><rss version="2.0" '
                       'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Regatta Wire</title>'
                       f"{items}</channel></rss>", ctype="application/rss+xml")
    s = settings.replace(allowed_networks=LOOPBACK, feed_max_entries=600)
    report = ingest([feed], store=store, settings=s)
    assert len(report.new) == 600
    assert len(report.failures) == 1 and "1000 entries" in report.failures[0].reason
    assert "feed_max_entries" in report.failures[0].reason
    assert store.count_documents() == 600


CRASH_SCRIPT = """
import sys
from claimledger.pipeline import ingest
from claimledger.settings import Settings
from claimledger.store import Store

real = Store.save_document
calls = {"n": 0}
def crashing(self, *args, **kw):
    calls["n"] += 1
    if calls["n"] == 4:
        import os
        os._exit(9)          # a hard crash in the middle of the batch: no cleanup, no rollback
    return real(self, *args, **kw)
Store.save_document = crashing
store = Store.open(sys.argv[1])
ingest([sys.argv[2]], store=store, settings=Settings(db=sys.argv[1], extraction=False))
"""


def test_crash_mid_batch_leaves_committed_documents_readable(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(article(i, topic=f"quay {i}"), encoding="utf-8")
    db = str(tmp_path / "crash.db")
    proc = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, db, str(corpus)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 9, proc.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    store = Store.open(db)
    docs = store.documents()
    assert len(docs) == 3 and all(d.text for d in docs)
    # re-running finishes the batch without duplicating what was committed
    report = ingest([str(corpus)], store=store, settings=settings.replace(db=db))
    assert len(report.unchanged) == 3 and len(report.new) == 3
    assert store.count_documents() == 6
    store.close()
