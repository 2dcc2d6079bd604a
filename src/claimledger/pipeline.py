"""The recipe: ingest → clean → extract → fuse → assess, into the store.

This is the one module that knows the order of the stages.  ``ingest`` streams the inputs, one
document at a time: documents already stored unchanged are skipped before any work (so a re-run
after an interruption resumes); the others are cleaned and extracted in batches (in this process,
or in ``workers`` processes) and stored one transaction each, in input order; at the end the
stages that look across documents (fusion, assessment) run over everything stored.  ``rebuild``
runs the same stages again over what is stored.  ``claimledger batch`` (``batch/``) runs the same
per-document work on a Dask cluster and stores its results with :func:`store_results`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import clean
from .batch.pool import runner
from .batch.work import WorkItem, WorkResult
from .errors import InputError
from .extract.ids import digest
from .ingest.inputs import iter_documents
from .ingest.meta import Metadata
from .ingest.warc import Skipped
from .models import IngestFailure, RawDocument
from .settings import Settings
from .store import Store, StoredDocument
from .store.claims import ExtractionRows, write_extraction_rows

if TYPE_CHECKING:
    from .store.overrides import Override

__all__ = ["EXTRACT_BATCH", "FuseStats", "IngestReport", "document_id", "fuse_store", "ingest", "rebuild",
           "record_failure", "skip", "store_results"]

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
    skipped: dict[str, int] = field(default_factory=dict)
    """reason -> how many input items were not documents (crawled pages that are no articles)."""
    fusion: FuseStats | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, object]:
        return {
            "new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged),
            "failed": len(self.failures), "skipped": dict(self.skipped), "duplicates": dict(self.duplicates),
            "failures": [{"input": f.input, "stage": f.stage, "reason": f.reason} for f in self.failures],
            **({"fusion": {"units": self.fusion.units, "fused": self.fusion.fused, "kept": self.fusion.kept}}
               if self.fusion else {}),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseStats:
    """What one fusion did: units (stories, or stories an analyst's merge joined) in all, fused
    again, and kept as stored because their inputs had not changed (units without claims are
    neither fused nor kept)."""

    units: int
    fused: int
    kept: int


def document_id(source_key: str, content_hash: str) -> str:
    """A document is its location plus its content: same file, same text -> same id, anywhere."""
    return "d_" + digest(source_key, content_hash)


EXTRACT_BATCH = 16
"""Documents cleaned, then parsed together with ``nlp.pipe``, then stored one transaction each.
16 keeps memory flat (a batch of 16 long articles is a few MB) while giving spaCy full batches;
with ``--workers N`` it is also the unit of work sent to a worker process."""


def _prepare(raw: RawDocument, *, store: Store, report: IngestReport, replace: bool = False) -> WorkItem | None:
    """The work for one document, unless the store already holds it unchanged (then None): a
    re-run after an interruption skips what was committed before any cleaning or extraction."""
    doc_id = document_id(raw.source_key, clean.content_hash(raw.text))
    if not replace and store.has_document(doc_id):
        meta = store.get_document_meta(doc_id)
        if meta == dict(outlet=raw.outlet, title=raw.title, published=raw.published, url=raw.url,
                        source_path=raw.source_key):
            report.unchanged.append(doc_id)
            return None
    return WorkItem(doc_id=doc_id, raw=raw, replace=replace)


def store_results(results: Iterable[WorkResult], *, store: Store, settings: Settings, report: IngestReport,
                  progress: Progress | None = None) -> None:
    """Store each processed document whole (document, bands, claims), in its own transaction."""
    for res in results:
        raw = res.item.raw
        if res.failure is not None or res.cleaned is None:
            failure = res.failure or IngestFailure(input=raw.input_name or raw.source_key, stage="clean",
                                                   reason="nothing to store")
            record_failure(failure, store, report, progress)
            continue
        extras = None
        if res.rows is not None:
            def extras(c: Any, doc_id: str, rows: ExtractionRows = res.rows) -> None:
                write_extraction_rows(c, doc_id, rows)
        try:
            result = store.save_document(res.item.doc_id, res.cleaned, minhash=res.minhash, bands=res.bands,
                                         source_path=raw.source_key, neardup_threshold=settings.neardup_threshold,
                                         replace=res.item.replace, write_extras=extras)
        except InputError as e:
            _fail(e, store, report, progress)
            continue
        getattr(report, result.status).append(res.item.doc_id)
        if result.duplicate_of:
            report.duplicates[res.item.doc_id] = result.duplicate_of
        if progress:
            progress(raw.input_name or raw.source_key, result.status)


def skip(item: Skipped, report: IngestReport, progress: Progress | None) -> None:
    """Count an input item that is deliberately not a document (a crawled page that is no article)."""
    report.skipped[item.reason] = report.skipped.get(item.reason, 0) + 1
    if progress:
        progress(item.input, "skipped")


def fuse_store(store: Store, settings: Settings, *, full: bool = False) -> FuseStats:
    """Stages that look across documents: fusion (stories, propositions, origins, relations,
    timeline) and assessment, a function of everything stored, so the result does not depend on
    the order documents arrived in.  Stories are grouped over all documents; the rest runs one
    fusion unit (a story) at a time, reading only that unit's claims (``fuse.fusion_units``).

    A unit whose inputs are those it had when it was last fused (``fuse.fingerprint``) keeps its
    stored propositions: an ingest re-fuses only the stories it touched.  ``full`` re-fuses every
    unit (``claimledger rebuild``); the result is the same either way."""
    from . import fuse
    from .fuse.config import FusionSettings
    from .fuse.fingerprint import fingerprint_unit
    from .fuse.overrides import apply_overrides, apply_to_sources, effective
    from .store.fusion_io import load_claims, load_documents, load_sources, load_unit_fingerprints, write_fusion
    from .store.overrides import list_overrides

    with store.fusion_lock():  # the last of concurrent runs to fuse reads everything all of them stored
        documents = load_documents(store)
        overrides = list_overrides(store)
        eff = effective(overrides)
        sources = load_sources(store)
        source_inputs = apply_to_sources(sources, eff)  # once: the origin resolver is cached on it
        stored = frozenset() if full else load_unit_fingerprints(store)
        stories, titles, topics = fuse.group(documents)
        by_id = {d.id: d for d in documents}
        unit_run = functools.partial(fuse.run, stories=stories)
        fs = FusionSettings()
        parts = []
        units: list[tuple[str, list[str]]] = []
        kept: set[str] = set()
        n_kept = 0
        for unit in fuse.fusion_units(stories, _merge_links(store, overrides)):
            docs = [by_id[d] for d in unit]
            claims = load_claims(store, unit)
            fp = fingerprint_unit(docs, claims, overrides=overrides, effective=eff, sources=source_inputs.sources,
                                  stories=stories, fusion=fs)
            unit_stories = sorted({stories[d] for d in unit})
            units.append((fp, unit_stories))
            if fp in stored:  # fused before from these very inputs: its stored propositions stay
                kept.update(unit_stories)
                n_kept += bool(claims)
            elif claims:
                # analyst overrides (rejections, source fixes, merges, splits, reliability) survive every re-fusion
                parts.append(apply_overrides(docs, sources, claims, overrides, settings=settings, fusion=fs,
                                             run=unit_run, source_inputs=source_inputs))
            del claims
        fusion = fuse.combine(stories, titles, parts, topics=topics)
        stats = FuseStats(units=len(units), fused=len(parts), kept=n_kept)
        del documents, by_id, parts
        with store.writes_paused():
            write_fusion(store, fusion, kept_stories=kept, units=units)
    return stats


def _merge_links(store: Store, overrides: Sequence[Override]) -> list[tuple[str, str]]:
    """(document, document) of each analyst's merge: their stories are fused as one unit."""
    from .store.fusion_io import claim_documents

    merged = [(str(o.value.get("claim")), str(o.value.get("with_claim")))
              for o in overrides if o.kind == "proposition.merge"]
    doc_of = claim_documents(store, [c for pair in merged for c in pair])
    return [(doc_of[a], doc_of[b]) for a, b in merged if a in doc_of and b in doc_of]


def ingest(args: Iterable[str], *, store: Store, settings: Settings, meta: Metadata | None = None,
           progress: Progress | None = None, workers: int = 1) -> IngestReport:
    """Ingest every input named by ``args`` into ``store``; one bad input never stops the batch.

    ``workers`` > 1 extracts in that many worker processes; the ledger is the same as with one.
    """
    report = IngestReport()
    batch: list[WorkItem] = []
    with runner(settings, workers) as run:
        for item in iter_documents(args, settings=settings, meta=meta):
            if isinstance(item, Skipped):
                skip(item, report, progress)
                continue
            if isinstance(item, InputError):
                _fail(item, store, report, progress)
                continue
            work = _prepare(item, store=store, report=report)
            if work is None:
                if progress:
                    progress(item.input_name or item.source_key, "unchanged")
                continue
            batch = _submit(run, batch, work, store=store, settings=settings, report=report, progress=progress)
        _finish(run, batch, store=store, settings=settings, report=report, progress=progress)
    report.fusion = fuse_store(store, settings)
    return report


def _submit(run: Any, batch: list[WorkItem], work: WorkItem, *, store: Store, settings: Settings,
            report: IngestReport, progress: Progress | None) -> list[WorkItem]:
    """Add ``work`` to the batch; a full batch goes to the runner and finished results are stored in order."""
    batch.append(work)
    if len(batch) < EXTRACT_BATCH:
        return batch
    run.submit(batch)
    for results in run.ready():
        store_results(results, store=store, settings=settings, report=report, progress=progress)
    return []


def _finish(run: Any, batch: list[WorkItem], *, store: Store, settings: Settings, report: IngestReport,
            progress: Progress | None) -> None:
    if batch:
        run.submit(batch)
    for results in run.drain():
        store_results(results, store=store, settings=settings, report=report, progress=progress)


def _fail(e: InputError, store: Store, report: IngestReport, progress: Progress | None) -> None:
    record_failure(IngestFailure(input=e.input, stage=e.stage, reason=e.reason), store, report, progress)


def record_failure(f: IngestFailure, store: Store, report: IngestReport, progress: Progress | None) -> None:
    """Record a failed input in the report and the store (the batch goes on)."""
    report.failures.append(f)
    store.record_failure(f)
    if progress:
        progress(f.input, "failed")


def _raw_of(d: StoredDocument) -> RawDocument:
    return RawDocument(source_key=d.source_key, text=d.raw_text, outlet=d.outlet,
                       published=d.published, published_inferred=d.published_inferred, title=d.title,
                       url=d.url, format=d.format)


def rebuild(*, store: Store, settings: Settings, progress: Progress | None = None, workers: int = 1) -> IngestReport:
    """Run every stage again over the stored documents (after rules or models changed)."""
    report = IngestReport()
    batch: list[WorkItem] = []
    with runner(settings, workers) as run:
        for d in store.iter_documents():
            work = _prepare(_raw_of(d), store=store, report=report, replace=True)
            if work is not None:
                batch = _submit(run, batch, work, store=store, settings=settings, report=report, progress=progress)
        _finish(run, batch, store=store, settings=settings, report=report, progress=progress)
    report.fusion = fuse_store(store, settings, full=True)
    return report
