"""Cheap reads the web app needs: a revision stamp of the store (what its caches are keyed on) and one
document's extraction lists."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select

from . import schema as t
from .db import Store
from .overrides import overrides_table

__all__ = ["document_extraction", "revision"]


def revision(store: Store) -> str:
    """A stamp that changes whenever documents, claims, fusion's output, sources or overrides change.

    Aggregates only (counts, maxima, sums over short columns): a few milliseconds on a store of
    thousands of documents. Fusion rewrites propositions without touching documents, so their labels'
    lengths and credibilities are summed too; a change that keeps every one of these figures equal
    goes unseen until the next one (the app also drops its cache after its own writes).
    """
    o = overrides_table.c
    with store.engine.connect() as c:
        parts: list[Any] = [
            *c.execute(select(func.count(), func.max(t.documents.c.updated_at))
                       .select_from(t.documents)).one(),
            *c.execute(select(func.count(), func.sum(t.claims.c.end - t.claims.c.start),
                              func.count(t.claims.c.proposition_id.distinct())).select_from(t.claims)).one(),
            *c.execute(select(func.count(), func.sum(t.propositions.c.credibility),
                              func.sum(func.length(t.propositions.c.label)),
                              func.sum(func.length(t.propositions.c.payload))).select_from(t.propositions)).one(),
            *c.execute(select(func.count()).select_from(t.relations)).one(),
            [tuple(r) for r in c.execute(select(t.sources.c.reliability, func.count())
                                         .group_by(t.sources.c.reliability).order_by(t.sources.c.reliability))],
            *c.execute(select(func.count(), func.max(o.id)).select_from(overrides_table)).one(),
        ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def document_extraction(store: Store, doc_id: str) -> dict[str, Any]:
    """The document-level lists extraction stored (times, quantities, entities, methods); {} if none."""
    with store.engine.connect() as c:
        raw = c.execute(select(t.documents.c.extraction).where(t.documents.c.id == doc_id)).scalar()
    data = json.loads(raw) if raw else {}
    return data if isinstance(data, dict) else {}
