"""WARC files (web crawls, ``.warc`` / ``.warc.gz``): each HTML page with a 2xx status that has an
article's worth of main text becomes a document; every other response is skipped and counted.

Records stream one at a time (warcio's ``ArchiveIterator``), so a crawl of any size reads in
bounded memory; only response records are pages (request, metadata, warcinfo and revisit records
are not looked at).  A page's key is its ``WARC-Target-URI``, so the same page captured twice with
the same content is one document.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DocumentRejected, InputError
from ..settings import Settings
from .meta import Metadata
from .readers import Item, read_html

__all__ = ["MIN_ARTICLE_CHARS", "SKIP_REASONS", "SKIP_UNSUPPORTED", "Skipped", "read_warc"]

MIN_ARTICLE_CHARS = 400
"""A crawled HTML page whose main text is shorter than this is taken for a non-article page (home,
tag and section pages, login walls) and skipped.  Calibrated on trafilatura's English evaluation
set (159 article pages, main text read as claimledger reads it): the shortest are 151, 427, 448
and 510 characters, so 400 keeps 158 of 159 articles.  Below it (and below ``min_document_chars``)
a page is skipped, not failed: in a crawl such pages are expected, not errors."""

SKIP_NOT_2XX = "HTTP status not 2xx"
SKIP_NOT_HTML = "not HTML"
SKIP_NO_TEXT = "no article text"
SKIP_TOO_LARGE = "larger than max_input_bytes"
SKIP_UNSUPPORTED = "unsupported file type"
"""A file found while walking a folder whose ending is none of the article types (images, PDFs ...)."""
SKIP_REASONS = (SKIP_NOT_2XX, SKIP_NOT_HTML, SKIP_NO_TEXT, SKIP_TOO_LARGE, SKIP_UNSUPPORTED)
"""Why an input item was not taken as a document (the counts are reported): a WARC response, or
a file of no article type found in a folder."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input item that is deliberately not a document (not a failure): counted, not stored."""

    input: str
    """The item as a person would find it: ``crawl.warc.gz (https://...)``."""
    reason: str
    """One of :data:`SKIP_REASONS`."""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def _page(rec: Any, *, name: str, key: str, meta: Metadata, settings: Settings) -> Item | Skipped | None:
    if rec.rec_type != "response" or rec.http_headers is None:
        return None
    uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
    rname = f"{name} ({uri or rec.rec_headers.get_header('WARC-Record-ID')})"
    status = rec.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return Skipped(input=rname, reason=SKIP_NOT_2XX)
    ctype = rec.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return Skipped(input=rname, reason=SKIP_NOT_HTML)
    data = rec.content_stream().read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        return Skipped(input=rname, reason=SKIP_TOO_LARGE)
    try:
        raw = read_html(data, name=rname, key=uri or f"{key}#{rec.rec_headers.get_header('WARC-Record-ID')}",
                        meta=meta.over(Metadata(url=uri or None)), url=uri or None, charset=_charset(ctype))
    except DocumentRejected:
        return Skipped(input=rname, reason=SKIP_NO_TEXT)
    if len(raw.text.strip()) < max(MIN_ARTICLE_CHARS, settings.min_document_chars):
        return Skipped(input=rname, reason=SKIP_NO_TEXT)
    return raw


def read_warc(path: Path, *, name: str, key: str, meta: Metadata, settings: Settings) -> Iterator[Item | Skipped]:
    """Every article page of one WARC file, in file order."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield DocumentRejected(name, "reading WARC files needs warcio (pip install 'claimledger[scale]')")
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; records stream from it
    except OSError as e:
        yield DocumentRejected(name, f"cannot read: {e.strerror or e}", stage="read")
        return
    with fh:
        try:
            for rec in ArchiveIterator(fh):
                try:
                    item = _page(rec, name=name, key=key, meta=meta, settings=settings)
                except InputError as e:
                    item = e
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as e:
            yield DocumentRejected(name, f"not a valid WARC file: {e}", stage="parse")
