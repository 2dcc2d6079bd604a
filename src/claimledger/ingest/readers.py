"""Readers: bytes of one input (file or HTTP body) to RawDocuments, by format."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..errors import DocumentRejected, InputError, ManifestError
from ..models import RawDocument
from .decode import decode_bytes, normalise_text
from .html import declared_charset, extract_html
from .meta import Metadata

__all__ = ["Item", "read_html", "read_json", "read_jsonl_lines", "read_markdown", "read_text"]

Item = RawDocument | InputError
"""What readers yield: a document, or the error of one input (the batch goes on)."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _doc(text: str, *, key: str, meta: Metadata, fmt: str, encoding: str | None,
         page: Metadata | None = None, name: str = "", dropped: tuple[str, ...] = ()) -> RawDocument:
    """Build a RawDocument: ``meta`` (given) wins over ``page`` (read from the input)."""
    page = page or Metadata()
    chosen = meta.over(page)
    return RawDocument(
        source_key=key,
        text=normalise_text(text),
        input_name=name or key,
        outlet=chosen.outlet,
        published=chosen.published,
        published_inferred=bool(page.published and not meta.published),
        title=chosen.title,
        url=chosen.url,
        format=fmt,
        encoding=encoding,
        dropped=dropped,
    )


def read_text(data: bytes, *, name: str, key: str, meta: Metadata) -> RawDocument:
    text, enc = decode_bytes(data, name)
    return _doc(text, key=key, meta=meta, fmt="txt", encoding=enc, name=name)


def read_markdown(data: bytes, *, name: str, key: str, meta: Metadata) -> RawDocument:
    """Markdown with optional YAML front matter (title, outlet, published/date, url)."""
    text, enc = decode_bytes(data, name)
    page = Metadata()
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            fm = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as e:
            raise DocumentRejected(name, f"front matter is not valid YAML: {e}", stage="parse") from e
        if not isinstance(fm, dict):
            raise DocumentRejected(name, "front matter is not a mapping", stage="parse")
        page = Metadata.from_record(fm, name)
        text = text[m.end():]
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    if not text.strip():
        raise DocumentRejected(name, "no text after the front matter")
    return _doc(text, key=key, meta=meta, fmt="md", encoding=enc, page=page, name=name)


def read_html(data: bytes | str, *, name: str, key: str, meta: Metadata, url: str | None = None,
              charset: str | None = None) -> RawDocument:
    if isinstance(data, bytes):
        html, enc = decode_bytes(data, name, declared=charset or declared_charset(data))
    else:
        html, enc = data, None
    page = extract_html(html, name, url=url or meta.url)
    page_meta = Metadata(outlet=page.outlet, published=page.published, title=page.title, url=page.url)
    return _doc(page.text, key=key, meta=meta, fmt="html", encoding=enc, page=page_meta, name=name,
                dropped=page.dropped)


def _record(rec: Any, *, name: str, key: str, meta: Metadata, fmt: str) -> RawDocument:
    if not isinstance(rec, dict):
        raise ManifestError(name, f"record is a JSON {type(rec).__name__}, not an object")
    rmeta = meta.over(Metadata.from_record(rec, name))
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return read_html(rec["html"], name=name, key=key, meta=rmeta)
    text = rec.get("text") or rec.get("content") or rec.get("body")
    if not isinstance(text, str) or not text.strip():
        raise DocumentRejected(name, "record has no 'text' or 'html'", stage="parse")
    return _doc(text, key=key, meta=rmeta, fmt=fmt, encoding="utf-8", name=name)


def read_json(data: bytes, *, name: str, key: str, meta: Metadata) -> Iterator[Item]:
    """A JSON file: one record, or a list of records (each gets ``key#i``)."""
    text, _ = decode_bytes(data, name)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield ManifestError(name, f"invalid JSON: {e}")
        return
    if isinstance(obj, list):
        for i, rec in enumerate(obj):
            rname = f"{name}[{i}]"
            try:
                rkey = _record_key(rec, f"{key}#{i}")
                yield _record(rec, name=rname, key=rkey, meta=meta, fmt="json")
            except InputError as e:
                yield e
    else:
        try:
            yield _record(obj, name=name, key=key, meta=meta, fmt="json")
        except InputError as e:
            yield e


def _record_key(rec: Any, fallback: str) -> str:
    if isinstance(rec, dict):
        url = rec.get("url") or rec.get("link")
        if isinstance(url, str) and url.strip():
            return url.strip()
    return fallback


def read_jsonl_lines(data: bytes, *, name: str) -> Iterator[tuple[int, Any] | InputError]:
    """(line number, parsed object) per non-empty line; a broken line yields its error."""
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            yield DocumentRejected(name, f"not a valid gzip file: {e}")
            return
    try:
        text, _ = decode_bytes(data, name)
    except InputError as e:
        yield e
        return
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            yield ManifestError(f"{name}:{n}", f"invalid JSON line: {e.msg} (column {e.colno})")


def record_from_line(obj: Any, *, name: str, key: str, meta: Metadata) -> RawDocument:
    return _record(obj, name=name, key=_record_key(obj, key), meta=meta, fmt="jsonl")
