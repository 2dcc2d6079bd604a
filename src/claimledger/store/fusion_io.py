"""Reading the store into fusion's records and writing a :class:`Fusion` back.

Fusion runs story by story (``fuse.fusion_units``): the documents and sources are read once, the
claims one unit at a time (:func:`load_claims`), so memory follows the largest story rather than
the store.  :func:`write_fusion` replaces the fusion tables in one transaction — all of them, or all but the
stories of units whose inputs did not change since they were fused (``fuse/fingerprint.py``).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from ..fuse.records import FuseClaim, FuseDocument, FuseSource, Fusion
from . import schema as t
from .db import Store

__all__ = ["claim_documents", "load_claims", "load_documents", "load_fusion_input", "load_sources",
           "load_unit_fingerprints", "write_fusion"]

IN_CHUNK = 500
"""Ids per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits."""


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), IN_CHUNK):
        yield ids[i:i + IN_CHUNK]


def load_documents(store: Store) -> list[FuseDocument]:
    """Every stored document, in id order."""
    with store.engine.connect() as c:
        drows = c.execute(select(t.documents.c.id, t.documents.c.outlet, t.documents.c.published,
                                 t.documents.c.title, t.documents.c.text, t.documents.c.duplicate_of,
                                 t.documents.c.extraction).order_by(t.documents.c.id)).all()
    docs = []
    for r in drows:
        extra = json.loads(r.extraction or "{}")
        ents = tuple(e["canonical"] for e in extra.get("entities", []))
        docs.append(FuseDocument(id=r.id, outlet=r.outlet, published=r.published, title=r.title, text=r.text,
                                 duplicate_of=r.duplicate_of, entities=ents))
    return docs


def load_sources(store: Store) -> list[FuseSource]:
    with store.engine.connect() as c:
        srows = c.execute(select(t.sources).order_by(t.sources.c.id)).all()
    return [FuseSource(id=r.id, name=r.name, kind=r.kind, affiliation=r.affiliation, country=r.country,
                       aliases=tuple(json.loads(r.aliases)), reliability=r.reliability) for r in srows]


def _claim(payload: str) -> FuseClaim:
    p: dict[str, Any] = json.loads(payload)
    return FuseClaim(id=p["id"], document_id=p["document_id"], start=p["span"][0], end=p["span"][1],
                     text=p["text"], source_id=p["source_id"], via=tuple(p["via"]), stance=p["stance"],
                     hedged=p["hedged"], hedges=tuple(p.get("hedges", [])), said_on=p.get("said_on"), record=p)


def load_claims(store: Store, document_ids: Sequence[str] | None = None) -> list[FuseClaim]:
    """The claims of ``document_ids`` (all claims when None), in id order."""
    with store.engine.connect() as c:
        if document_ids is None:
            rows = [r.payload for r in c.execute(select(t.claims.c.payload).order_by(t.claims.c.id))]
        else:
            rows = []
            for part in _chunks(sorted(document_ids)):
                rows.extend(r.payload for r in c.execute(
                    select(t.claims.c.payload).where(t.claims.c.document_id.in_(part))))
    claims = [_claim(p) for p in rows]
    return sorted(claims, key=lambda x: x.id) if document_ids is not None else claims


def claim_documents(store: Store, claim_ids: Iterable[str]) -> dict[str, str]:
    """Claim id -> document id, for the ids that exist."""
    out: dict[str, str] = {}
    with store.engine.connect() as c:
        for part in _chunks(sorted(set(claim_ids))):
            out.update((r.id, r.document_id) for r in c.execute(
                select(t.claims.c.id, t.claims.c.document_id).where(t.claims.c.id.in_(part))))
    return out


def load_fusion_input(store: Store) -> tuple[list[FuseDocument], list[FuseSource], list[FuseClaim]]:
    """Everything fusion needs, in id order (tests and tools; the pipeline loads unit by unit)."""
    return load_documents(store), load_sources(store), load_claims(store)


def load_unit_fingerprints(store: Store) -> frozenset[str]:
    """The fingerprints of the units the stored propositions came from (``fuse/fingerprint.py``)."""
    with store.engine.connect() as c:
        return frozenset(r.fingerprint for r in c.execute(select(t.fusion_units.c.fingerprint)))


def write_fusion(store: Store, fusion: Fusion, *, kept_stories: Collection[str] | None = None,
                 units: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
    """Replace stories, propositions, relations and the timeline with ``fusion``'s, in one transaction.

    ``kept_stories``: stories of units that were not fused again (their fingerprint was stored):
    their propositions, relations and timeline stay as stored, every other story's are replaced.
    ``units``: (fingerprint, story ids) of every current unit, fused or kept."""
    with store.engine.begin() as c:
        _drop_propositions(c, kept_stories)
        _write(c, fusion)
        c.execute(delete(t.fusion_units))
        if units:
            c.execute(insert(t.fusion_units), [{"fingerprint": fp, "stories": json.dumps(sorted(ids))}
                                               for fp, ids in units])


def _drop_propositions(c: Connection, kept: Collection[str] | None) -> None:
    if not kept:
        c.execute(delete(t.propositions))
        c.execute(delete(t.relations))
        return
    p = t.propositions.c
    gone = sorted(r.id for r in c.execute(select(p.id, p.story_id))
                  if r.story_id is None or r.story_id not in kept)
    for part in _chunks(gone):
        # relations never cross a unit: a dropped proposition's relations are all among dropped ones
        c.execute(delete(t.relations).where(t.relations.c.from_id.in_(part)))
        c.execute(delete(t.propositions).where(p.id.in_(part)))


def _write(c: Connection, fusion: Fusion) -> None:
    for s in fusion.extra_sources:
        if c.execute(select(t.sources.c.id).where(t.sources.c.id == s.id)).first() is None:
            c.execute(insert(t.sources).values(id=s.id, name=s.name, kind=s.kind, affiliation=s.affiliation,
                                               country=s.country, aliases=json.dumps(sorted(s.aliases)),
                                               reliability=s.reliability))
    by_story: dict[str, list[str]] = {}
    for doc_id, story_id in fusion.stories.items():
        by_story.setdefault(story_id, []).append(doc_id)
    for story_id, ids in by_story.items():
        for part in _chunks(ids):
            c.execute(update(t.documents).where(t.documents.c.id.in_(part)).values(story_id=story_id))
    c.execute(delete(t.stories))
    if by_story:
        c.execute(insert(t.stories), [
            {"id": sid, "title": fusion.story_titles.get(sid),
             "payload": json.dumps({"documents": sorted(ids), "topic_id": fusion.story_topics.get(sid)})}
            for sid, ids in sorted(by_story.items())])
    timeline: dict[str, list[dict[str, Any]]] = {}
    for e in fusion.timeline:
        timeline.setdefault(e.proposition_id, []).append(
            {"date": e.date, "proposition_id": e.proposition_id, "kind": e.kind, "summary": e.summary})
    rows = []
    links: list[dict[str, str]] = []
    for p in fusion.propositions:
        payload = {"id": p.id, "label": p.label, "claim_ids": list(p.claim_ids), "story_id": p.story_id,
                   "outlets": p.outlets, "independent_origins": p.independent_origins,
                   "origin_source_ids": list(p.origin_source_ids), "credibility": p.credibility,
                   "first_reported": p.first_reported, "explanation": p.explanation,
                   "merge_reasons": dict(p.merge_reasons), "corroboration": [list(x) for x in p.corroboration],
                   "timeline": timeline.get(p.id, [])}
        rows.append({"id": p.id, "story_id": p.story_id, "label": p.label, "credibility": p.credibility,
                     "payload": json.dumps(payload, ensure_ascii=False)})
        links.extend({"cid": cid, "pid": p.id} for cid in p.claim_ids)
    if links:
        c.execute(update(t.claims).where(t.claims.c.id == bindparam("cid"))
                  .values(proposition_id=bindparam("pid")), links)
    if rows:
        c.execute(insert(t.propositions), rows)
    if fusion.relations:
        c.execute(insert(t.relations), [{"from_id": r.from_id, "to_id": r.to_id, "kind": r.kind,
                                         "reason": r.reason} for r in fusion.relations])
