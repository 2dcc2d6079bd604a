"""Read-side queries over the ledger that the CLI, reports and the web app share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..errors import InputNotFound
from ..store import Store
from ..store import schema as t
from .ledger import build_ledger

__all__ = ["choose_story", "claim_rows"]


def _matches_source(src: dict[str, Any] | None, needle: str) -> bool:
    if src is None:
        return needle.lower() in ("outlet", "none", "-")
    n = needle.casefold()
    names = [src["id"], src["name"], src.get("affiliation") or "", *src.get("aliases", [])]
    return any(n == x.casefold() or n in x.casefold() for x in names if x)


def claim_rows(store: Store, *, source: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
    """Claims as flat rows (document, source name, via names, stance, hedges, numbers, times, text)."""
    ledger = build_ledger(store)
    sources = {s["id"]: s for s in ledger["sources"]}
    docs = {d["id"]: d for d in ledger["documents"]}
    want_doc = None
    if doc is not None:
        d = store.document(doc)
        want_doc = d.id if d else "\x00none"
    rows = []
    for c in ledger["claims"]:
        if want_doc is not None and c["document_id"] != want_doc:
            continue
        src = sources.get(c["source_id"]) if c["source_id"] else None
        if source is not None and not _matches_source(src, source):
            continue
        d = docs[c["document_id"]]
        rows.append({
            "id": c["id"], "document_id": c["document_id"], "outlet": d["outlet"], "published": d["published"],
            "source": src["name"] if src else None, "source_kind": src["kind"] if src else None,
            "via": [sources[v]["name"] for v in c["via"] if v in sources],
            "stance": c["stance"], "hedges": c.get("hedges", []),
            "quantities": [q["text"] for q in c["quantities"]],
            "times": [f'{t["text"]}={t["value"]}' for t in c["times"]],
            "said_on": c.get("said_on"), "text": c["text"], "proposition_id": c["proposition_id"],
            "cue": (c.get("cue") or {}).get("text"),
        })
    return rows


def choose_story(store: Store, story: str | None) -> tuple[str | None, list[tuple[str, int]]]:
    """The story to brief: ``story`` (an id or unique id prefix), else the story with most documents
    (ties: smallest id). Also returns the other stories as (id, document count), largest first."""
    with store.engine.connect() as c:
        rows = c.execute(select(t.documents.c.story_id, func.count()).where(t.documents.c.story_id.is_not(None))
                         .group_by(t.documents.c.story_id)).all()
    counts = sorted(((str(r[0]), int(r[1])) for r in rows), key=lambda x: (-x[1], x[0]))
    if story is None:
        return (counts[0][0] if counts else None), counts[1:]
    matches = [sid for sid, _ in counts if sid == story] or [sid for sid, _ in counts if sid.startswith(story)]
    if len(matches) != 1:
        raise InputNotFound(story, "no such story in the store" if not matches else "ambiguous story prefix")
    chosen = matches[0]
    return chosen, [x for x in counts if x[0] != chosen]
