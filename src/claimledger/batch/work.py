"""The per-document work every engine runs — clean, sign, extract — on serialisable items.

The same :func:`process` runs in the ingesting process (``--workers 1``), in a process pool
(``--workers N``) and on Dask workers, so every engine produces the same rows for the same
document.  Items and results are frozen dataclasses of plain values (picklable); what a process
loads once (the spaCy model, the source registry) lives in a :class:`Stages` it keeps, never in a
module global that a spawned worker would not have.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import clean
from ..clean.neardup import signature
from ..models import CleanDocument, IngestFailure, RawDocument
from ..settings import Settings
from ..store.claims import ExtractionRows, extraction_rows

if TYPE_CHECKING:
    from ..extract.document import ExtractInput, Extraction

__all__ = ["Stages", "WorkItem", "WorkResult", "process", "process_in_worker", "stages_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkItem:
    """One document to process: its id (decided by the process that owns the store) and raw text."""

    doc_id: str
    raw: RawDocument
    replace: bool = False
    """Rewrite a stored document (``rebuild``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkResult:
    """What processing one document produced, ready to be stored."""

    item: WorkItem
    cleaned: CleanDocument | None = None
    """None when the document failed."""
    minhash: bytes = b""
    bands: tuple[str, ...] = ()
    rows: ExtractionRows | None = None
    """The extraction as store rows; None when extraction is off (or the document failed)."""
    failure: IngestFailure | None = None


class Stages:
    """What one process loads once: the spaCy model and the source registry (on first use)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Any = None
        self._registry: Any = None

    def load(self) -> None:
        from ..extract.nlp import load_nlp
        from ..extract.sources import SourceRegistry

        if self._nlp is None:
            self._nlp = load_nlp()
            self._registry = SourceRegistry.load(self.settings.source_registry)

    def extract(self, items: Sequence[ExtractInput]) -> list[Extraction | str]:
        """Extractions in input order; a document whose extraction fails gets the reason instead."""
        from ..extract.document import extract_documents

        self.load()
        # spaCy's memory zone drops the strings a batch added to the shared vocabulary once the
        # batch's results (plain records) are built, so a long run's vocabulary stays flat
        with self._nlp.memory_zone():
            try:
                return list(extract_documents(items, registry=self._registry, nlp=self._nlp))
            except Exception:  # one document broke the batch: redo one by one to find it
                out: list[Extraction | str] = []
                for item in items:
                    try:
                        out.extend(extract_documents([item], registry=self._registry, nlp=self._nlp))
                    except Exception as e:  # recorded as this document's failure; the batch goes on
                        out.append(f"extraction failed ({type(e).__name__}: {e})")
                return out


@functools.lru_cache(maxsize=4)
def stages_for(settings: Settings) -> Stages:
    """The :class:`Stages` of this process for ``settings`` (one per worker process)."""
    return Stages(settings)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _name(raw: RawDocument) -> str:
    return raw.input_name or raw.source_key


def process(items: Sequence[WorkItem], *, settings: Settings, stages: Stages) -> list[WorkResult]:
    """Clean, sign and (when ``settings.extraction``) extract ``items``; results in input order."""
    from ..extract.document import ExtractInput

    results: list[WorkResult | None] = []
    kept: list[tuple[int, WorkItem, CleanDocument]] = []
    for w in items:
        cleaned = clean.run(w.raw)
        n = len(cleaned.text.strip())
        if n < settings.min_document_chars:
            reason = (f"empty page: {n} characters left after cleaning "
                      f"(min_document_chars {settings.min_document_chars})")
            results.append(WorkResult(item=w, failure=IngestFailure(input=_name(w.raw), stage="clean", reason=reason)))
            continue
        kept.append((len(results), w, cleaned))
        results.append(None)
    extractions: list[Extraction | str | None] = [None] * len(kept)
    if settings.extraction and kept:
        extractions = list(stages.extract([
            ExtractInput(text=c.text, document_id=w.doc_id, content_hash=c.content_hash,
                         published=_date(w.raw.published), outlet=w.raw.outlet) for _, w, c in kept]))
    for (i, w, cleaned), ex in zip(kept, extractions, strict=True):
        if isinstance(ex, str):
            results[i] = WorkResult(item=w, failure=IngestFailure(input=_name(w.raw), stage="extract", reason=ex))
            continue
        sig = signature(cleaned.text)
        rows = extraction_rows(ex, doc_id=w.doc_id, outlet=w.raw.outlet) if ex is not None else None
        results[i] = WorkResult(item=w, cleaned=cleaned, minhash=sig.hashvalues, bands=tuple(sig.bands), rows=rows)
    return [r for r in results if r is not None]


def process_in_worker(items: Sequence[WorkItem], settings: Settings) -> list[WorkResult]:
    """:func:`process` with this process's own :class:`Stages` (the entry point of pool workers)."""
    return process(items, settings=settings, stages=stages_for(settings))


def warm(settings: Settings) -> None:
    """Load the model in a fresh worker process before its first item (pool initializer)."""
    if settings.extraction:
        stages_for(settings).load()
