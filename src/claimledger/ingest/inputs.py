"""Expanding what the user named (files, folders, manifests, URLs, feeds, WARC) into documents, lazily.

Two steps, so the reading can run elsewhere (worker processes, a Dask cluster): :func:`plan`
turns the arguments into :class:`Unit` s — a file, a manifest entry, a record, a URL — cheaply
and in order, reading nothing but manifests; :func:`read_unit` reads one unit into documents.
:func:`iter_documents` chains the two: a :class:`~claimledger.models.RawDocument` per article, an
:class:`~claimledger.errors.InputError` per input that could not be used (one bad input never
stops the batch) and a :class:`~claimledger.ingest.warc.Skipped` per crawled page that is not an
article.  Documents stream: JSONL (also gzipped) and WARC files are read a line or a record at a
time, so files of any size read in bounded memory.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import DocumentRejected, InputError, InputNotFound, ManifestError
from ..settings import Settings
from .decode import decode_bytes
from .meta import Metadata
from .readers import (
    Item,
    read_html,
    read_json,
    read_jsonl_lines,
    read_markdown,
    read_text,
    record_from_line,
)
from .warc import SKIP_UNSUPPORTED, Skipped, read_warc

__all__ = ["ARTICLE_SUFFIXES", "Skipped", "Unit", "is_url", "iter_documents", "plan", "read_unit"]

SINGLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json")
"""Endings of files that hold one article (or a JSON list of records); each may also be gzipped
("page.html.gz", as crawlers store pages)."""
ARTICLE_SUFFIXES = (*SINGLE_SUFFIXES, *(s + ".gz" for s in SINGLE_SUFFIXES), ".jsonl", ".jsonl.gz",
                    ".warc", ".warc.gz")
"""File endings read when walking a folder; other files are skipped and counted ("unsupported
file type"), except project files (``SKIPPED_NAMES``) and hidden ones."""

SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "copying")
"""File stems never taken for articles when walking a folder (project files next to a corpus)."""

MANIFEST_NAME = "manifest.jsonl"

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One piece of reading work, picklable: a file, a manifest entry, a JSONL record or a URL."""

    kind: Literal["file", "entry", "record", "url", "unsupported"]
    name: str
    """The input as the user named it (errors and progress show it)."""
    key: str = ""
    """The documents' source key (file units and records)."""
    path: str | None = None
    """The file (file units); the folder a manifest entry's path is relative to (entry units)."""
    record: Any = None
    """The parsed JSON line (entry and record units)."""
    url: str | None = None
    meta: Metadata = field(default_factory=Metadata)


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".jsonl.gz", ".warc.gz", *(s + ".gz" for s in SINGLE_SUFFIXES)):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _read_gzip(path: Path, name: str, settings: Settings) -> bytes:
    """A gzipped article, decompressed, never more than ``max_input_bytes`` of it (a small file can
    expand to gigabytes)."""
    limit = settings.max_input_bytes
    try:
        with gzip.open(path, "rb") as fh:
            data: bytes = fh.read(limit + 1)
    except FileNotFoundError as e:
        raise InputNotFound(name, "no such file") from e
    except IsADirectoryError as e:
        raise InputNotFound(name, "is a directory") from e
    except (OSError, EOFError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
        raise DocumentRejected(name, f"not a readable gzip file: {e}", stage="read") from e
    if len(data) > limit:
        raise DocumentRejected(name, f"too large: more than max_input_bytes {limit / 1e6:.1f} MB once "
                                     f"decompressed", stage="read")
    return data


def _read_bytes(path: Path, name: str, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError as e:
        raise InputNotFound(name, "no such file") from e
    except OSError as e:
        raise InputNotFound(name, f"cannot read: {e.strerror or e}") from e
    if size > settings.max_input_bytes:
        raise DocumentRejected(
            name, f"too large: {size / 1e6:.1f} MB > max_input_bytes {settings.max_input_bytes / 1e6:.1f} MB",
            stage="read",
        )
    try:
        return path.read_bytes()
    except IsADirectoryError as e:
        raise InputNotFound(name, "is a directory") from e
    except OSError as e:
        raise InputNotFound(name, f"cannot read: {e.strerror or e}") from e


def _is_manifest_record(obj: Any) -> bool:
    if not isinstance(obj, dict) or not ("path" in obj or "url" in obj):
        return False
    return not ({"text", "html", "content", "body"} & obj.keys())


# --------------------------------------------------------------------------- reading one unit


def _read_file(path: Path, *, name: str, key: str, meta: Metadata, settings: Settings) -> Iterator[Item | Skipped]:
    """All documents of one file; JSONL files (manifests or records) and WARC files can hold many."""
    suffix = _suffix(path)
    if suffix in (".jsonl", ".jsonl.gz"):
        yield from _stream_jsonl(path, name=name, key=key, meta=meta, settings=settings)
        return
    if suffix in (".warc", ".warc.gz"):
        if not path.is_file():
            yield InputNotFound(name, "no such file")
            return
        yield from read_warc(path, name=name, key=key, meta=meta, settings=settings)
        return
    gz = suffix.endswith(".gz")
    suffix = suffix.removesuffix(".gz")
    try:
        data = _read_gzip(path, name, settings) if gz else _read_bytes(path, name, settings)
        if suffix == ".json":
            yield from read_json(data, name=name, key=key, meta=meta)
        elif suffix in (".html", ".htm", ".xhtml"):
            yield read_html(data, name=name, key=key, meta=meta)
        elif suffix in (".md", ".markdown"):
            yield read_markdown(data, name=name, key=key, meta=meta)
        else:
            yield read_text(data, name=name, key=key, meta=meta)
    except InputError as e:
        yield e


def _lines(fh: IO[bytes], name: str, limit: int) -> Iterator[tuple[int, bytes] | InputError]:
    """(line number, bytes) per line, never holding more than ``limit`` bytes of one line."""
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield DocumentRejected(f"{name}:{n}", f"line longer than max_input_bytes {limit / 1e6:.1f} MB",
                                   stage="read")
            continue
        yield n, line


def _decode_line(line: bytes, lname: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line, lname)[0]


def _stream_jsonl(path: Path, *, name: str, key: str, meta: Metadata, settings: Settings) -> Iterator[Item | Skipped]:
    """A JSONL file (also gzipped), a line at a time: a manifest (lines name a ``path`` or ``url``)
    or article records."""
    gz = name.endswith(".gz") or path.name.lower().endswith(".gz")
    try:
        fh: Any = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - closed below
        head: bytes = fh.peek(4)[:4]
    except FileNotFoundError:
        yield InputNotFound(name, "no such file")
        return
    except IsADirectoryError:
        yield InputNotFound(name, "is a directory")
        return
    except (OSError, EOFError, zlib.error) as e:
        yield DocumentRejected(name, f"not a valid gzip file: {e}" if gz else f"cannot read: {e}")
        return
    with fh:
        if head.startswith(_WIDE_BOMS):  # UTF-16/32: lines cannot be split as bytes; read it whole
            try:
                data = _read_bytes(path, name, settings)
            except InputError as e:
                yield e
                return
            yield from _jsonl_entries(read_jsonl_lines(data, name=name), path=path, name=name, key=key, meta=meta,
                                      settings=settings)
            return
        yield from _jsonl_entries(_parsed(fh, name, settings, gz), path=path, name=name, key=key, meta=meta,
                                  settings=settings)


def _parsed(fh: IO[bytes], name: str, settings: Settings, gz: bool) -> Iterator[tuple[int, Any] | InputError]:
    seen_text = False
    try:
        for entry in _lines(fh, name, settings.max_input_bytes):
            if isinstance(entry, InputError):
                yield entry
                continue
            n, line = entry
            if n == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            seen_text = True
            lname = f"{name}:{n}"
            try:
                yield n, json.loads(_decode_line(line, lname))
            except InputError as e:
                yield e
            except json.JSONDecodeError as e:
                yield ManifestError(lname, f"invalid JSON line: {e.msg} (column {e.colno})")
    except (OSError, EOFError, zlib.error) as e:
        yield DocumentRejected(name, f"not a valid gzip file: {e}" if gz else f"cannot read: {e}")
        return
    if not seen_text:
        yield DocumentRejected(name, "empty input (no text at all)")


def _jsonl_entries(entries: Iterable[tuple[int, Any] | InputError], *, path: Path, name: str, key: str,
                   meta: Metadata, settings: Settings) -> Iterator[Item | Skipped]:
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
            continue
        n, obj = entry
        unit = _line_unit(obj, n, path=path, name=name, key=key, meta=meta)
        yield from read_unit(unit, settings=settings)


def _line_unit(obj: Any, n: int, *, path: Path, name: str, key: str, meta: Metadata) -> Unit:
    lname = f"{name}:{n}"
    if _is_manifest_record(obj):
        return Unit(kind="entry", name=lname, path=str(path.parent), record=obj, meta=meta)
    return Unit(kind="record", name=lname, key=f"{key}#{n}", record=obj, meta=meta)


def _manifest_entry(obj: dict[str, Any], *, base: Path, name: str, meta: Metadata,
                    settings: Settings) -> Iterator[Item | Skipped]:
    try:
        line_meta = meta.over(Metadata.from_record(obj, name))
    except InputError as e:
        yield e
        return
    rel = obj.get("path")
    if rel is None:
        yield from _url(str(obj["url"]), name=f"{name} ({obj['url']})", meta=line_meta, settings=settings)
        return
    if not isinstance(rel, str) or not rel.strip():
        yield ManifestError(name, "'path' must be a non-empty string")
        return
    key = Path(os.path.normpath(rel)).as_posix()
    yield from _read_file(base / rel, name=f"{name} ({rel})", key=key, meta=line_meta, settings=settings)


def _url(url: str, *, name: str, meta: Metadata, settings: Settings) -> Iterator[Item]:
    from .web import read_url

    yield from read_url(url, name=name, meta=meta, settings=settings)


def read_unit(unit: Unit, *, settings: Settings) -> Iterator[Item | Skipped]:
    """The documents (and errors, and skipped pages) of one unit, in order."""
    if unit.kind == "file":
        assert unit.path is not None
        yield from _read_file(Path(unit.path), name=unit.name, key=unit.key, meta=unit.meta, settings=settings)
    elif unit.kind == "entry":
        assert unit.path is not None
        yield from _manifest_entry(unit.record, base=Path(unit.path), name=unit.name, meta=unit.meta,
                                   settings=settings)
    elif unit.kind == "unsupported":
        yield Skipped(input=unit.name, reason=SKIP_UNSUPPORTED)
    elif unit.kind == "record":
        try:
            yield record_from_line(unit.record, name=unit.name, key=unit.key, meta=unit.meta)
        except InputError as e:
            yield e
    else:
        assert unit.url is not None
        yield from _url(unit.url, name=unit.name, meta=unit.meta, settings=settings)


# --------------------------------------------------------------------------- planning


def _manifest_units(path: Path, *, name: str, key: str, meta: Metadata, settings: Settings,
                    named: set[Path]) -> Iterator[Unit | InputError]:
    """A manifest's lines as units (read here: manifests are small); files it names go in ``named``."""
    try:
        data = _read_bytes(path, name, settings)
    except InputError as e:
        yield e
        return
    for entry in read_jsonl_lines(data, name=name):
        if isinstance(entry, InputError):
            yield entry
            continue
        n, obj = entry
        unit = _line_unit(obj, n, path=path, name=name, key=key, meta=meta)
        if unit.kind == "entry" and isinstance(obj.get("path"), str) and obj["path"].strip():
            try:
                Metadata.from_record(obj, unit.name)
                named.add((path.parent / obj["path"]).resolve())
            except InputError:
                pass  # the unit reports it when read
        yield unit


def _walk(root: Path, *, meta: Metadata, settings: Settings) -> Iterator[Unit | InputError]:
    """A folder, recursively in sorted order; manifests first, and the files they name are not read twice."""
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    manifests = [f for f in files if f.name == MANIFEST_NAME]
    named: set[Path] = set()
    for m in manifests:
        yield from _manifest_units(m, name=str(m), key=m.relative_to(root).as_posix(), meta=meta, settings=settings,
                                   named=named)
    for f in files:
        if f in manifests or f.resolve() in named:
            continue
        if f.stem.lower() in SKIPPED_NAMES or _is_store_file(f, settings):
            continue
        kind: Literal["file", "unsupported"] = "file" if _suffix(f) in ARTICLE_SUFFIXES else "unsupported"
        yield Unit(kind=kind, name=str(f), key=f.relative_to(root).as_posix(), path=str(f), meta=meta)


def _is_store_file(f: Path, settings: Settings) -> bool:
    """Is ``f`` the SQLite store being written, or one of its side files (-wal, -shm, a lock)?
    A store kept in the corpus folder is not an input."""
    db = str(settings.db or "").removeprefix("sqlite:///")
    if not db or "://" in db:
        return False
    store = Path(db).resolve()
    side = {store.name + x for x in ("", "-wal", "-shm", "-journal", ".fuse-lock")}
    return f.name in side and f.parent.resolve() == store.parent


def plan(args: Iterable[str], *, settings: Settings, meta: Metadata | None = None) -> Iterator[Unit | InputError]:
    """The units of work ``args`` name, in order (lazily; only manifests are read)."""
    meta = meta or Metadata()
    for arg in args:
        if is_url(arg):
            yield Unit(kind="url", name=arg, url=arg, meta=meta)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path, meta=meta, settings=settings)
        elif not path.exists():
            yield InputNotFound(arg, "no such file or directory")
        elif path.name == MANIFEST_NAME:
            yield from _manifest_units(path, name=arg, key=path.name, meta=meta, settings=settings, named=set())
        else:
            yield Unit(kind="file", name=arg, key=path.name, path=arg, meta=meta)


def iter_documents(args: Iterable[str], *, settings: Settings,
                   meta: Metadata | None = None) -> Iterator[Item | Skipped]:
    """Every document (or input error, or skipped page) named by ``args``, in order.

    ``meta`` (from the command line) overrides whatever the inputs say about themselves.
    """
    for unit in plan(args, settings=settings, meta=meta):
        if isinstance(unit, InputError):
            yield unit
        else:
            yield from read_unit(unit, settings=settings)
