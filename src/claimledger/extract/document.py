"""Extraction of one document: one spaCy pass, then cheap passes over the Doc.

``extract_document(text, ...)`` returns an :class:`Extraction`: the claims (attribution,
sources, via, stance, hedges), every source they reference, and the document's entities,
quantities and times.  ``extract_documents(items, ...)`` does the same for many documents with
``nlp.pipe``.  Texts longer than ``MAX_CHARS`` are parsed in chunks cut at paragraph
boundaries, offsets mapped back; stretches with no sentence end for ``MAX_RUN_CHARS`` are not
prose (a 1 MB "sentence") and are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import Claim, Entity, Quantity, Source, TimeExpr
from .attribution_claims import ChunkContext, claims_for_chunk
from .attribution_mentions import SourceTracker
from .entities import PersonIndex, canonical_entities
from .hedges import HedgeLexicon
from .nlp import MAX_CHARS, load_nlp
from .quantities import find_quantities
from .sources import SourceRegistry
from .stance import StanceLexicon
from .times import find_times

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MAX_RUN_CHARS", "ExtractInput", "Extraction", "chunk_text", "extract_document", "extract_documents"]

MAX_RUN_CHARS = 5_000
"""A stretch this long with no sentence end (. ! ? or a line break) is not prose; the longest
sentence in the PolNeAR train split is under 1,000 characters."""
_RUN_RE = re.compile(rf"[^.!?\n]{{{MAX_RUN_CHARS},}}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one document."""

    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    """Every source referenced by a claim (as source or via)."""
    entities: tuple[Entity, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpr, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractInput:
    """One document to extract (the arguments of :func:`extract_document`)."""

    text: str
    document_id: str
    content_hash: str
    published: datetime.date | None
    outlet: str | None


def chunk_text(text: str, max_chars: int = MAX_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most ``max_chars``, cut at paragraph boundaries (else at a
    sentence end, else hard), skipping stretches that are not prose."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _RUN_RE.finditer(text):
        if m.start() > pos:
            pieces.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        pieces.append((pos, len(text)))
    out: list[tuple[int, str]] = []
    for a, b in pieces:
        while b - a > max_chars:
            window = text[a:a + max_chars]
            cut = window.rfind("\n\n")
            if cut < max_chars // 2:
                cut = window.rfind("\n")
            if cut < max_chars // 2:
                cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
                cut = cut + 1 if cut >= 0 else -1
            if cut < max_chars // 2:
                cut = max_chars
            out.append((a, text[a:a + cut]))
            a += cut
        if text[a:b].strip():
            out.append((a, text[a:b]))
    return out


def _shift(items: Iterable[Any], offset: int) -> list[Any]:
    if not offset:
        return list(items)
    return [dataclasses.replace(x, start=x.start + offset, end=x.end + offset) for x in items]


class _Assembler:
    """Per-document state while its chunks arrive."""

    def __init__(self, item: ExtractInput, registry: SourceRegistry, attitudes: bool = False) -> None:
        self.item = item
        self.registry = registry
        persons = PersonIndex(registry)
        self.persons = persons
        self.ctx = ChunkContext(
            document_id=item.document_id, content_hash=item.content_hash,
            published=item.published.isoformat() if item.published else None,
            tracker=SourceTracker(registry, persons, item.outlet), attitudes=attitudes,
        )
        self.hlex = HedgeLexicon.load()
        self.slex = StanceLexicon.load()

    def add_chunk(self, doc: Doc, offset: int) -> None:
        ctx = self.ctx
        ents = canonical_entities(doc, self.registry, self.persons, offset=offset)
        quants = _shift(find_quantities(doc), offset)
        times = _shift(find_times(doc, anchor=self.item.published), offset)
        ctx.entities.extend(ents)
        ctx.quantities.extend(quants)
        ctx.times.extend(times)
        claims_for_chunk(doc, ctx, offset=offset, hlex=self.hlex, slex=self.slex)

    def result(self) -> Extraction:
        ctx = self.ctx
        sources = ctx.tracker.sources()
        used: dict[str, None] = {}
        for c in ctx.claims:
            if c.source_id is not None:
                used[c.source_id] = None
            for v in c.via:
                used[v] = None
        return Extraction(
            claims=tuple(sorted(ctx.claims, key=lambda c: (c.start, c.end, c.source_id or ""))),
            sources=tuple(sources[s] for s in used if s in sources),
            entities=tuple(ctx.entities), quantities=tuple(ctx.quantities), times=tuple(ctx.times),
        )


def extract_document(text: str, *, document_id: str, content_hash: str, published: datetime.date | None,
                     outlet: str | None, registry: SourceRegistry | None = None,
                     nlp: Language | None = None) -> Extraction:
    """Claims, sources, entities, quantities and times of one (cleaned) document."""
    item = ExtractInput(text=text, document_id=document_id, content_hash=content_hash, published=published,
                        outlet=outlet)
    return next(extract_documents([item], registry=registry, nlp=nlp))


def extract_documents(items: Iterable[ExtractInput], *, registry: SourceRegistry | None = None,
                      nlp: Language | None = None, batch_size: int = 16,
                      attitudes: bool = False) -> Iterator[Extraction]:
    """:func:`extract_document` over many documents, parsed with ``nlp.pipe``; results in input order.

    ``attitudes=True`` also frames attitudes of intention, desire, support, perception and
    decision ("X plans to ...", "X supports Y") as attributions: PolNeAR's definition of an
    attribution, wider than a claim in GUIDELINES.md; used by eval/polnear_eval.py only."""
    reg = registry or SourceRegistry.load()
    model = nlp or load_nlp()
    pending: list[_Assembler | None] = []

    def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
        for item in items:
            pending.append(_Assembler(item, reg, attitudes))
            pieces = chunk_text(item.text)
            for off, piece in pieces:
                yield piece, (len(pending) - 1, off)

    def finish(i: int) -> Extraction:
        asm = pending[i]
        pending[i] = None  # release the document's state once yielded
        assert asm is not None
        return asm.result()

    done = 0
    for doc, (idx, off) in model.pipe(chunks(), as_tuples=True, batch_size=batch_size):
        while done < idx:  # documents before this one are complete (including chunkless ones)
            yield finish(done)
            done += 1
        asm = pending[idx]
        assert asm is not None
        asm.add_chunk(doc, off)
    while done < len(pending):
        yield finish(done)
        done += 1
