"""The ledger: one report model (a plain dict per ``contracts/ledger.schema.json``) that every
rendering (JSON export, briefings, the web app) reads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from ..store import Store, StoredDocument
from ..store import schema as t
from ..store.overrides import list_overrides
from .overrides import annotate_ledger

__all__ = ["FORMAT", "build_ledger", "document_record"]

FORMAT = "claimledger/1"


def document_record(d: StoredDocument, *, times: list[dict[str, Any]] | None = None,
                    quantities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": d.id,
        "source_path": d.source_path,
        "url": d.url,
        "outlet": d.outlet,
        "title": d.title,
        "published": d.published,
        "published_inferred": d.published_inferred,
        "content_hash": d.content_hash,
        "duplicate_of": d.duplicate_of,
        "text": d.text,
        "removed": [{"kind": r.kind, "rule": r.rule, "text": r.text} for r in d.removed],
        "story_id": d.story_id or "",
        "times": times or [],
        "quantities": quantities or [],
    }


def build_ledger(store: Store, *, story: str | None = None, generated_at: str | None = None) -> dict[str, Any]:
    """The whole ledger (or one story's) as a JSON-ready dict, in a deterministic order."""
    docs = [d for d in store.documents() if story is None or d.story_id == story]
    doc_ids = {d.id for d in docs}
    with store.engine.connect() as c:
        claim_rows = c.execute(select(t.claims.c.document_id, t.claims.c.proposition_id, t.claims.c.payload)
                               .order_by(t.claims.c.document_id, t.claims.c.start, t.claims.c.id)).all()
        source_rows = c.execute(select(t.sources).order_by(t.sources.c.id)).all()
        prop_rows = c.execute(select(t.propositions.c.payload).order_by(t.propositions.c.id)).all()
        rel_rows = c.execute(select(t.relations).order_by(t.relations.c.from_id, t.relations.c.to_id,
                                                          t.relations.c.kind)).all()
        story_rows = c.execute(select(t.stories.c.id, t.stories.c.title, t.stories.c.payload)).all()
        doc_extras = {r.id: r.extraction for r in c.execute(
            select(t.documents.c.id, t.documents.c.extraction))}
    story_titles = {r.id: r.title for r in story_rows}
    story_topic = {r.id: json.loads(r.payload or "{}").get("topic_id") for r in story_rows}
    claims = []
    for r in claim_rows:
        if r.document_id in doc_ids:
            claim = json.loads(r.payload)
            claim["proposition_id"] = r.proposition_id  # fusion's grouping, newer than the stored payload
            claims.append(claim)
    claim_ids = {c["id"] for c in claims}
    propositions = [p for p in (json.loads(r.payload) for r in prop_rows)
                    if any(cid in claim_ids for cid in p["claim_ids"])]
    used_sources = ({c["source_id"] for c in claims if c.get("source_id")} | {v for c in claims for v in c["via"]}
                    | {o for p in propositions for o in p.get("origin_source_ids", [])})
    sources = [
        {"id": r.id, "name": r.name, "kind": r.kind, "affiliation": r.affiliation, "country": r.country,
         "aliases": json.loads(r.aliases), "reliability": r.reliability}
        for r in source_rows if r.id in used_sources
    ]
    prop_ids = {p["id"] for p in propositions}
    timeline = sorted((e for p in propositions for e in p.get("timeline", [])),
                      key=lambda e: (e["date"], e["proposition_id"], e.get("kind", "")))
    relations = [{"from": r.from_id, "to": r.to_id, "kind": r.kind, "reason": r.reason or ""}
                 for r in rel_rows if r.from_id in prop_ids and r.to_id in prop_ids]
    documents = []
    for d in docs:
        extras = json.loads(doc_extras.get(d.id) or "{}")
        documents.append(document_record(d, times=extras.get("times"), quantities=extras.get("quantities")))
    ledger: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": generated_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "documents": documents,
        "sources": sources,
        "claims": claims,
        "propositions": propositions,
        "relations": relations,
        "timeline": timeline,
    }
    if story is not None:
        ledger["story"] = {"id": story, "title": story_titles.get(story), "topic_id": story_topic.get(story)}
    ledger["stories"] = [{"id": sid, "title": story_titles.get(sid), "topic_id": story_topic.get(sid),
                          "document_ids": sorted(d["id"] for d in documents if d["story_id"] == sid)}
                         for sid in sorted({d["story_id"] for d in documents if d["story_id"]})]
    # topics: stories about the same kind of event ("related stories"); only stories in this ledger
    topics: dict[str, list[str]] = {}
    for s in ledger["stories"]:
        if s["topic_id"]:
            topics.setdefault(s["topic_id"], []).append(s["id"])
    ledger["topics"] = [{"id": k, "story_ids": v} for k, v in sorted(topics.items())]
    return annotate_ledger(ledger, list_overrides(store))
