"""Writing one document's extraction (claims, sources, document-level lists) inside its transaction.

Two steps, so the rows can be computed where the extraction ran (a worker process, a Dask worker
writing Parquet) and written later by the process that owns the store:
:func:`extraction_rows` (pure) and :func:`write_extraction_rows` (SQL).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from ..report.serialize import claim_record, entity_record, quantity_record, source_record, time_record
from . import schema as t

if TYPE_CHECKING:
    from ..extract.document import Extraction

__all__ = ["ExtractionRows", "extraction_rows", "singleton_proposition_id", "write_extraction",
           "write_extraction_rows"]


def singleton_proposition_id(claim_id: str) -> str:
    """Until fusion groups it, each claim is its own proposition, with an id derived from the claim's."""
    return "p_" + claim_id.removeprefix("c_")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionRows:
    """One document's extraction as the store's rows (plain values: picklable, Parquet-ready)."""

    claims: tuple[dict[str, Any], ...]
    """Rows of the ``claims`` table."""
    propositions: tuple[dict[str, Any], ...]
    """The claims' singleton propositions (rows of ``propositions``)."""
    sources: tuple[dict[str, Any], ...]
    """Rows of ``sources``; ``aliases`` is a JSON list."""
    document_extra: str
    """JSON of the document-level lists (methods, times, quantities, entities)."""


def extraction_rows(extraction: Extraction, *, doc_id: str, outlet: str | None) -> ExtractionRows:
    """The rows :func:`write_extraction` stores for ``extraction`` (no database needed)."""
    sources = []
    for s in extraction.sources:
        rec = source_record(s)
        sources.append({"id": s.id, "name": s.name, "kind": s.kind, "affiliation": s.affiliation,
                        "country": s.country, "aliases": json.dumps(rec["aliases"]), "reliability": s.reliability})
    claim_rows: list[dict[str, Any]] = []
    prop_rows: list[dict[str, Any]] = []
    for cl in extraction.claims:
        pid = singleton_proposition_id(cl.id)
        claim_rows.append({"id": cl.id, "document_id": doc_id, "start": cl.start, "end": cl.end,
                           "source_id": cl.source_id, "stance": cl.stance, "hedged": cl.hedged,
                           "proposition_id": pid, "method": cl.method,
                           "payload": json.dumps(claim_record(cl, proposition_id=pid), ensure_ascii=False)})
        origin = [cl.source_id] if cl.source_id else []
        prop = {"id": pid, "label": cl.text[:160], "claim_ids": [cl.id], "outlets": 1 if outlet else 0,
                "independent_origins": 1, "origin_source_ids": origin, "credibility": 6,
                "first_reported": cl.said_on, "story_id": None,
                "explanation": "One claim, not yet compared with other documents: credibility 6 (cannot be judged)."}
        prop_rows.append({"id": pid, "story_id": None, "label": prop["label"], "credibility": 6,
                          "payload": json.dumps(prop, ensure_ascii=False)})
    methods = sorted({cl.method for cl in extraction.claims} | {q.method for q in extraction.quantities}
                     | {x.method for x in extraction.times})
    doc_extra = {"methods": methods,
                 "times": [time_record(x) for x in extraction.times],
                 "quantities": [quantity_record(q) for q in extraction.quantities],
                 "entities": [entity_record(e) for e in extraction.entities]}
    return ExtractionRows(claims=tuple(claim_rows), propositions=tuple(prop_rows), sources=tuple(sources),
                          document_extra=json.dumps(doc_extra, ensure_ascii=False))


def _insert_ignoring_conflicts(c: Connection, row: dict[str, Any]) -> bool:
    """INSERT a source row unless its id is stored already (a concurrent writer may have just
    stored it): ``ON CONFLICT DO NOTHING`` in each dialect that has it.  True when inserted."""
    dialect = c.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(t.sources).values(**row).on_conflict_do_nothing(index_elements=["id"])
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(t.sources).values(**row).on_conflict_do_nothing(index_elements=["id"])
    else:
        stmt = insert(t.sources).values(**row)
    return bool(c.execute(stmt).rowcount == 1)


def _upsert_sources(c: Connection, sources: tuple[dict[str, Any], ...]) -> None:
    """New sources in; a known source gains the aliases it was seen under (rows locked in id order)."""
    for row in sorted(sources, key=lambda r: str(r["id"])):
        find = select(t.sources.c.aliases).where(t.sources.c.id == row["id"]).with_for_update()
        stored = c.execute(find).first()
        if stored is None:
            if _insert_ignoring_conflicts(c, row):
                continue
            stored = c.execute(find).first()
            assert stored is not None
        aliases = sorted(set(json.loads(stored.aliases)) | set(json.loads(row["aliases"])))
        c.execute(update(t.sources).where(t.sources.c.id == row["id"]).values(aliases=json.dumps(aliases)))


def write_extraction_rows(c: Connection, doc_id: str, rows: ExtractionRows) -> None:
    """Replace the document's claims and singleton propositions with ``rows``; the fusion of the
    story the document was in is then out of date (:func:`_invalidate_fusion`)."""
    _invalidate_fusion(c, doc_id)
    old = [r[0] for r in c.execute(select(t.claims.c.id).where(t.claims.c.document_id == doc_id))]
    if old:
        c.execute(delete(t.propositions).where(t.propositions.c.id.in_([singleton_proposition_id(i) for i in old])))
        c.execute(delete(t.claims).where(t.claims.c.document_id == doc_id))
    _upsert_sources(c, rows.sources)
    if rows.claims:
        c.execute(insert(t.claims), list(rows.claims))
        c.execute(insert(t.propositions), list(rows.propositions))
    c.execute(update(t.documents).where(t.documents.c.id == doc_id).values(extraction=rows.document_extra))


def _invalidate_fusion(c: Connection, doc_id: str) -> None:
    """Forget the fingerprint of the fusion unit holding the document's last story, so the next
    fusion fuses that unit again.  Its claims rows are being replaced (their links to the unit's
    propositions with them) even when the unit's inputs are unchanged — a document stored again
    for its metadata alone (a new URL) has the same claims."""
    story = c.execute(select(t.documents.c.story_id).where(t.documents.c.id == doc_id)).scalar()
    if story:
        c.execute(delete(t.fusion_units).where(t.fusion_units.c.stories.contains(json.dumps(story), autoescape=True)))


def write_extraction(c: Connection, doc_id: str, extraction: Extraction, *, outlet: str | None) -> None:
    """Replace the document's claims and singleton propositions with ``extraction``'s."""
    write_extraction_rows(c, doc_id, extraction_rows(extraction, doc_id=doc_id, outlet=outlet))
