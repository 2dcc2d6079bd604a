"""The recipe: ingest → clean → extract → fuse → assess, into the store.

This is the one module that knows the order of the stages.  ``ingest`` streams the inputs, one
document at a time, each stored in one transaction with everything extracted from it; after the
batch, the stories the new documents touch are re-fused.  ``rebuild`` runs the same stages again
over what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import clean
from .clean.neardup import signature
from .errors import DocumentRejected, InputError
from .extract.ids import digest
from .ingest.inputs import iter_documents
from .ingest.meta import Metadata
from .models import IngestFailure, RawDocument
from .settings import Settings
from .store import Store, StoredDocument

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


def _store_one(raw: RawDocument, *, store: Store, settings: Settings, report: IngestReport,
               replace: bool = False) -> str:
    doc_id = document_id(raw.source_key, clean.content_hash(raw.text))
    if not replace and store.has_document(doc_id):
        meta = store.get_document_meta(doc_id)
        if meta == dict(outlet=raw.outlet, title=raw.title, published=raw.published, url=raw.url,
                        source_path=raw.source_key):
            report.unchanged.append(doc_id)
            return "unchanged"
    cleaned = clean.run(raw)
    if len(cleaned.text.strip()) < settings.min_document_chars:
        raise DocumentRejected(raw.input_name or raw.source_key,
                               f"empty page: {len(cleaned.text.strip())} characters left after cleaning "
                               f"(min_document_chars {settings.min_document_chars})", stage="clean")
    sig = signature(cleaned.text)
    result = store.save_document(doc_id, cleaned, minhash=sig.hashvalues, bands=sig.bands,
                                 source_path=raw.source_key, neardup_threshold=settings.neardup_threshold,
                                 replace=replace)
    getattr(report, result.status).append(doc_id)
    if result.duplicate_of:
        report.duplicates[doc_id] = result.duplicate_of
    return result.status


def _after_batch(store: Store) -> None:
    """Stages that look across documents. Until fusion lands each document is its own story."""
    for d in store.documents():
        if d.story_id is None:
            store.set_story([d.id], "st_" + d.id.removeprefix("d_"))


def ingest(args: Iterable[str], *, store: Store, settings: Settings, meta: Metadata | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Ingest every input named by ``args`` into ``store``; one bad input never stops the batch."""
    report = IngestReport()
    for item in iter_documents(args, settings=settings, meta=meta):
        if isinstance(item, InputError):
            _fail(item, store, report, progress)
            continue
        try:
            outcome = _store_one(item, store=store, settings=settings, report=report)
        except InputError as e:
            _fail(e, store, report, progress)
            continue
        if progress:
            progress(item.input_name or item.source_key, outcome)
    _after_batch(store)
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
    for d in store.iter_documents():
        raw = _raw_of(d)
        try:
            _store_one(raw, store=store, settings=settings, report=report, replace=True)
        except InputError as e:
            _fail(e, store, report, progress)
            continue
        if progress:
            progress(d.source_path or d.id, "rebuilt")
    _after_batch(store)
    return report
