"""Writing one document's extraction (claims, sources, document-level lists) inside its transaction."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from ..report.serialize import claim_record, entity_record, quantity_record, source_record, time_record
from . import schema as t

if TYPE_CHECKING:
    from ..extract.document import Extraction

__all__ = ["singleton_proposition_id", "write_extraction"]


def singleton_proposition_id(claim_id: str) -> str:
    """Until fusion groups it, each claim is its own proposition, with an id derived from the claim's."""
    return "p_" + claim_id.removeprefix("c_")


def _upsert_sources(c: Connection, extraction: Extraction) -> None:
    for s in extraction.sources:
        rec = source_record(s)
        row = c.execute(select(t.sources.c.aliases).where(t.sources.c.id == s.id)).first()
        if row is None:
            c.execute(insert(t.sources).values(id=s.id, name=s.name, kind=s.kind, affiliation=s.affiliation,
                                               country=s.country, aliases=json.dumps(rec["aliases"]),
                                               reliability=s.reliability))
            continue
        aliases = sorted(set(json.loads(row.aliases)) | set(rec["aliases"]))
        c.execute(update(t.sources).where(t.sources.c.id == s.id).values(aliases=json.dumps(aliases)))


def write_extraction(c: Connection, doc_id: str, extraction: Extraction, *, outlet: str | None) -> None:
    """Replace the document's claims and singleton propositions with ``extraction``'s."""
    old = [r[0] for r in c.execute(select(t.claims.c.id).where(t.claims.c.document_id == doc_id))]
    if old:
        c.execute(delete(t.propositions).where(t.propositions.c.id.in_([singleton_proposition_id(i) for i in old])))
        c.execute(delete(t.claims).where(t.claims.c.document_id == doc_id))
    _upsert_sources(c, extraction)
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
    if claim_rows:
        c.execute(insert(t.claims), claim_rows)
        c.execute(insert(t.propositions), prop_rows)
    methods = sorted({cl.method for cl in extraction.claims} | {q.method for q in extraction.quantities}
                     | {x.method for x in extraction.times})
    doc_extra = {"methods": methods,
                 "times": [time_record(x) for x in extraction.times],
                 "quantities": [quantity_record(q) for q in extraction.quantities],
                 "entities": [entity_record(e) for e in extraction.entities]}
    c.execute(update(t.documents).where(t.documents.c.id == doc_id)
              .values(extraction=json.dumps(doc_extra, ensure_ascii=False)))
