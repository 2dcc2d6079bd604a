"""The recipe: ingest → clean → extract → fuse → assess, into the store.

This is the one module that knows the order of the stages.  ``ingest`` streams the inputs, one
document at a time, each stored in one transaction with everything extracted from it; after the
batch, the stories the new documents touch are re-fused.  ``rebuild`` runs the same stages again
over what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import clean
from .clean.neardup import signature
from .errors import DocumentRejected, ExtractionError, InputError
from .extract.ids import digest
from .ingest.inputs import iter_documents
from .ingest.meta import Metadata
from .models import CleanDocument, IngestFailure, RawDocument
from .settings import Settings
from .store import Store, StoredDocument
from .store.claims import write_extraction

if TYPE_CHECKING:
    from .extract.document import Extraction

__all__ = ["IngestReport", "document_id", "ingest", "rebuild"]

Progress = Callable[[str, str], None]
"""Called after each input with (input name, outcome): the CLI draws its progress bar from it."""


@dataclass(slots=True)
class IngestReport:
    """What one run did: counts by outcome and every failure with its reason."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    """document id -> the earlier document it nearly duplicates."""
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, object]:
        return {
            "new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged),
            "failed": len(self.failures), "duplicates": dict(self.duplicates),
            "failures": [{"input": f.input, "stage": f.stage, "reason": f.reason} for f in self.failures],
        }


def document_id(source_key: str, content_hash: str) -> str:
    """A document is its location plus its content: same file, same text -> same id, anywhere."""
    return "d_" + digest(source_key, content_hash)


EXTRACT_BATCH = 16
"""Documents cleaned, then parsed together with ``nlp.pipe``, then stored one transaction each.
16 keeps memory flat (a batch of 16 long articles is a few MB) while giving spaCy full batches."""


@dataclass(frozen=True, slots=True)
class _Work:
    doc_id: str
    raw: RawDocument
    cleaned: CleanDocument
    replace: bool


class _Stages:
    """What a run loads once: the spaCy model and the source registry (lazily, on first use)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Any = None
        self._registry: Any = None

    def extract(self, batch: list[_Work]) -> list[Extraction | ExtractionError]:
        from .extract.document import ExtractInput, extract_documents
        from .extract.nlp import load_nlp
        from .extract.sources import SourceRegistry

        if self._nlp is None:
            self._nlp = load_nlp()
            self._registry = SourceRegistry.load(self.settings.source_registry)
        items = [ExtractInput(text=w.cleaned.text, document_id=w.doc_id, content_hash=w.cleaned.content_hash,
                              published=_date(w.raw.published), outlet=w.raw.outlet) for w in batch]
        try:
            return list(extract_documents(items, registry=self._registry, nlp=self._nlp))
        except Exception:
            pass
        out: list[Extraction | ExtractionError] = []
        for w, item in zip(batch, items, strict=True):
            try:
                out.extend(extract_documents([item], registry=self._registry, nlp=self._nlp))
            except Exception as e:
                out.append(ExtractionError(f"{w.raw.input_name}: extraction failed ({type(e).__name__}: {e})"))
        return out


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _prepare(raw: RawDocument, *, store: Store, settings: Settings, report: IngestReport,
             replace: bool = False) -> _Work | None:
    """Clean one document unless the store already holds it unchanged (then None)."""
    doc_id = document_id(raw.source_key, clean.content_hash(raw.text))
    if not replace and store.has_document(doc_id):
        meta = store.get_document_meta(doc_id)
        if meta == dict(outlet=raw.outlet, title=raw.title, published=raw.published, url=raw.url,
                        source_path=raw.source_key):
            report.unchanged.append(doc_id)
            return None
    cleaned = clean.run(raw)
    if len(cleaned.text.strip()) < settings.min_document_chars:
        raise DocumentRejected(raw.input_name or raw.source_key,
                               f"empty page: {len(cleaned.text.strip())} characters left after cleaning "
                               f"(min_document_chars {settings.min_document_chars})", stage="clean")
    return _Work(doc_id, raw, cleaned, replace)


def _flush(batch: list[_Work], *, stages: _Stages, store: Store, settings: Settings, report: IngestReport,
           progress: Progress | None) -> None:
    """Extract a batch together, then store each document whole, in its own transaction."""
    if not batch:
        return
    results: list[Extraction | ExtractionError | None] = (
        list(stages.extract(batch)) if settings.extraction else [None] * len(batch))
    for w, ex in zip(batch, results, strict=True):
        if isinstance(ex, ExtractionError):
            _fail(InputError(w.raw.input_name or w.raw.source_key, str(ex), stage="extract"), store, report, progress)
            continue
        sig = signature(w.cleaned.text)
        extras = None
        if ex is not None:
            def extras(c: Any, doc_id: str, ex: Extraction = ex, outlet: str | None = w.raw.outlet) -> None:
                write_extraction(c, doc_id, ex, outlet=outlet)
        result = store.save_document(w.doc_id, w.cleaned, minhash=sig.hashvalues, bands=sig.bands,
                                     source_path=w.raw.source_key, neardup_threshold=settings.neardup_threshold,
                                     replace=w.replace, write_extras=extras)
        getattr(report, result.status).append(w.doc_id)
        if result.duplicate_of:
            report.duplicates[w.doc_id] = result.duplicate_of
        if progress:
            progress(w.raw.input_name or w.raw.source_key, result.status)
    batch.clear()


def fuse_store(store: Store, settings: Settings) -> None:
    """Stages that look across documents: fusion (stories, propositions, origins, relations,
    timeline) and assessment, recomputed from everything stored, so the result does not depend on
    the order documents arrived in."""
    from . import fuse
    from .store.fusion_io import load_fusion_input, write_fusion

    documents, sources, claims = load_fusion_input(store)
    write_fusion(store, fuse.run(documents, sources, claims, settings=settings))


def ingest(args: Iterable[str], *, store: Store, settings: Settings, meta: Metadata | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Ingest every input named by ``args`` into ``store``; one bad input never stops the batch."""
    report = IngestReport()
    stages = _Stages(settings)
    batch: list[_Work] = []
    for item in iter_documents(args, settings=settings, meta=meta):
        if isinstance(item, InputError):
            _fail(item, store, report, progress)
            continue
        try:
            work = _prepare(item, store=store, settings=settings, report=report)
        except InputError as e:
            _fail(e, store, report, progress)
            continue
        if work is None:
            if progress:
                progress(item.input_name or item.source_key, "unchanged")
            continue
        batch.append(work)
        if len(batch) >= EXTRACT_BATCH:
            _flush(batch, stages=stages, store=store, settings=settings, report=report, progress=progress)
    _flush(batch, stages=stages, store=store, settings=settings, report=report, progress=progress)
    fuse_store(store, settings)
    return report


def _fail(e: InputError, store: Store, report: IngestReport, progress: Progress | None) -> None:
    f = IngestFailure(input=e.input, stage=e.stage, reason=e.reason)
    report.failures.append(f)
    store.record_failure(f)
    if progress:
        progress(e.input, "failed")


def _raw_of(d: StoredDocument) -> RawDocument:
    return RawDocument(source_key=d.source_key, text=d.raw_text, outlet=d.outlet,
                       published=d.published, published_inferred=d.published_inferred, title=d.title,
                       url=d.url, format=d.format)


def rebuild(*, store: Store, settings: Settings, progress: Progress | None = None) -> IngestReport:
    """Run every stage again over the stored documents (after rules or models changed)."""
    report = IngestReport()
    stages = _Stages(settings)
    batch: list[_Work] = []
    for d in store.iter_documents():
        try:
            work = _prepare(_raw_of(d), store=store, settings=settings, report=report, replace=True)
        except InputError as e:
            _fail(e, store, report, progress)
            continue
        if work is not None:
            batch.append(work)
        if len(batch) >= EXTRACT_BATCH:
            _flush(batch, stages=stages, store=store, settings=settings, report=report, progress=progress)
    _flush(batch, stages=stages, store=store, settings=settings, report=report, progress=progress)
    fuse_store(store, settings)
    return report
