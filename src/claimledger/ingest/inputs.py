"""Expanding what the user named (files, folders, manifests, URLs, feeds) into documents, lazily.

``iter_documents`` yields a :class:`~claimledger.models.RawDocument` per article or an
:class:`~claimledger.errors.InputError` per input that could not be used, so one bad input never
stops the batch.  Documents stream: nothing is read before it is needed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DocumentRejected, InputError, InputNotFound, ManifestError
from ..settings import Settings
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

__all__ = ["ARTICLE_SUFFIXES", "is_url", "iter_documents"]

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".jsonl.gz")
"""File endings read when walking a folder; other files are skipped and counted."""

SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "copying")
"""File stems never taken for articles when walking a folder (project files next to a corpus)."""

MANIFEST_NAME = "manifest.jsonl"


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


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


def _read_file(path: Path, *, name: str, key: str, meta: Metadata, settings: Settings,
               skip: set[Path] | None = None) -> Iterator[Item]:
    """All documents of one file; manifests and JSONL files can hold many."""
    try:
        data = _read_bytes(path, name, settings)
    except InputError as e:
        yield e
        return
    suffix = _suffix(path)
    try:
        if suffix in (".jsonl", ".jsonl.gz"):
            yield from _read_jsonl(data, path=path, name=name, key=key, meta=meta, settings=settings, skip=skip)
        elif suffix == ".json":
            yield from read_json(data, name=name, key=key, meta=meta)
        elif suffix in (".html", ".htm", ".xhtml"):
            yield read_html(data, name=name, key=key, meta=meta)
        elif suffix in (".md", ".markdown"):
            yield read_markdown(data, name=name, key=key, meta=meta)
        else:
            yield read_text(data, name=name, key=key, meta=meta)
    except InputError as e:
        yield e


def _read_jsonl(data: bytes, *, path: Path, name: str, key: str, meta: Metadata, settings: Settings,
                skip: set[Path] | None) -> Iterator[Item]:
    """A JSONL file: a manifest (lines name a ``path`` or ``url``) or article records."""
    for entry in read_jsonl_lines(data, name=name):
        if isinstance(entry, InputError):
            yield entry
            continue
        n, obj = entry
        lname = f"{name}:{n}"
        if _is_manifest_record(obj):
            yield from _manifest_entry(obj, base=path.parent, name=lname, meta=meta, settings=settings, skip=skip)
        else:
            try:
                yield record_from_line(obj, name=lname, key=f"{key}#{n}", meta=meta)
            except InputError as e:
                yield e


def _manifest_entry(obj: dict[str, Any], *, base: Path, name: str, meta: Metadata, settings: Settings,
                    skip: set[Path] | None) -> Iterator[Item]:
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
    target = (base / rel)
    if skip is not None:
        skip.add(target.resolve())
    key = Path(os.path.normpath(rel)).as_posix()
    yield from _read_file(target, name=f"{name} ({rel})", key=key, meta=line_meta, settings=settings)


def _url(url: str, *, name: str, meta: Metadata, settings: Settings) -> Iterator[Item]:
    from .web import read_url

    yield from read_url(url, name=name, meta=meta, settings=settings)


def _walk(root: Path, *, meta: Metadata, settings: Settings) -> Iterator[Item]:
    """A folder, recursively in sorted order; manifests first, and the files they name are not read twice."""
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    manifests = [f for f in files if f.name == MANIFEST_NAME]
    named: set[Path] = set()
    for m in manifests:
        yield from _read_file(m, name=str(m), key=m.relative_to(root).as_posix(), meta=meta, settings=settings,
                              skip=named)
    for f in files:
        if f in manifests or f.resolve() in named:
            continue
        if _suffix(f) not in ARTICLE_SUFFIXES or f.stem.lower() in SKIPPED_NAMES:
            continue
        yield from _read_file(f, name=str(f), key=f.relative_to(root).as_posix(), meta=meta, settings=settings)


def iter_documents(args: Iterable[str], *, settings: Settings, meta: Metadata | None = None) -> Iterator[Item]:
    """Every document (or input error) named by ``args``, in order.

    ``meta`` (from the command line) overrides whatever the inputs say about themselves.
    """
    meta = meta or Metadata()
    for arg in args:
        if is_url(arg):
            yield from _url(arg, name=arg, meta=meta, settings=settings)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path, meta=meta, settings=settings)
        elif not path.exists():
            yield InputNotFound(arg, "no such file or directory")
        else:
            yield from _read_file(path, name=arg, key=path.name, meta=meta, settings=settings)
