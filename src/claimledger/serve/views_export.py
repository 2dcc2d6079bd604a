"""Exports from the UI: the ledger as JSON (as ``claimledger export``, with the overrides), the claims
as CSV, and the briefing as Markdown or one HTML file — for one story or all."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from ..report.html import render_html
from ..report.markdown import render_markdown
from .render import state_of
from .state import Snapshot

__all__ = ["CSV_COLUMNS", "claims_csv", "ledger_for", "router"]

router = APIRouter()

CSV_COLUMNS = ("claim_id", "document_id", "outlet", "published", "said_on", "source", "source_kind", "via",
               "stance", "hedges", "quantities", "times", "text", "proposition_id", "credibility", "review")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def ledger_for(snap: Snapshot, story: str | None) -> dict[str, Any]:
    """The snapshot's ledger, or one story's slice of it (documents, claims, propositions, relations)."""
    led = snap.ledger
    if story is None:
        return led
    if story not in snap.story_ids():
        raise HTTPException(404, f"no story {story}")
    docs = [d for d in led["documents"] if d.get("story_id") == story]
    ids = {d["id"] for d in docs}
    claims = [c for c in led["claims"] if c["document_id"] in ids]
    cids = {c["id"] for c in claims}
    props = [p for p in led["propositions"] if any(c in cids for c in p["claim_ids"])]
    pids = {p["id"] for p in props}
    used = ({c.get("source_id") for c in claims} | {v for c in claims for v in c.get("via") or []}
            | {o for p in props for o in p.get("origin_source_ids") or []})
    return {**led, "story": {"id": story, "title": next((s.title for s in snap.stories if s.id == story), None)},
            "documents": docs, "claims": claims, "propositions": props,
            "sources": [s for s in led["sources"] if s["id"] in used],
            "relations": [r for r in led["relations"] if r["from"] in pids and r["to"] in pids],
            "timeline": [e for e in led.get("timeline", []) if e.get("proposition_id") in pids],
            "rejected_claims": [c for c in led.get("rejected_claims", []) if c["document_id"] in ids],
            "stories": [s for s in led.get("stories", []) if s["id"] == story]}


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (article text is untrusted)."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA) else s


def claims_csv(ledger: dict[str, Any]) -> str:
    sources = {s["id"]: s for s in ledger["sources"]}
    docs = {d["id"]: d for d in ledger["documents"]}
    props = {p["id"]: p for p in ledger["propositions"]}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for c in [*ledger["claims"], *ledger.get("rejected_claims", [])]:
        d = docs.get(c["document_id"], {})
        src = sources.get(c.get("source_id") or "")
        p = props.get(c.get("proposition_id") or "")
        w.writerow([_cell(x) for x in (
            c["id"], c["document_id"], d.get("outlet"), d.get("published"), c.get("said_on"),
            src["name"] if src else None, src["kind"] if src else None,
            " > ".join(sources[v]["name"] if v in sources else v for v in c.get("via") or []), c.get("stance"),
            "; ".join(c.get("hedges") or []), "; ".join(q["text"] for q in c.get("quantities") or []),
            "; ".join(f"{t['text']}={t.get('value')}" for t in c.get("times") or []), c.get("text"),
            c.get("proposition_id") if p else None, p.get("credibility") if p else None,
            (c.get("review") or {}).get("status"))])
    return buf.getvalue()


def _download(body: str, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"',
                                                     "cache-control": "no-store"})


def _name(story: str | None, ext: str) -> str:
    return f"claimledger-{story or 'all'}.{ext}"


@router.get("/export/ledger.json", include_in_schema=False)
def export_ledger(request: Request, story: str | None = None) -> Response:
    led = ledger_for(state_of(request).snapshot(), story)
    return _download(json.dumps(led, ensure_ascii=False, indent=1), "application/json", _name(story, "json"))


@router.get("/export/claims.csv", include_in_schema=False)
def export_claims(request: Request, story: str | None = None) -> Response:
    led = ledger_for(state_of(request).snapshot(), story)
    return _download(claims_csv(led), "text/csv; charset=utf-8", _name(story, "csv"))


@router.get("/export/briefing.{fmt}", include_in_schema=False)
def export_briefing(request: Request, fmt: str, story: str | None = None) -> Response:
    snap = state_of(request).snapshot()
    if story is not None and story not in snap.story_ids():
        raise HTTPException(404, f"no story {story}")
    b = snap.briefing(story)
    if fmt == "md":
        return _download(render_markdown(b), "text/markdown; charset=utf-8", _name(story, "md"))
    if fmt == "html":
        return _download(render_html(b), "text/html; charset=utf-8", _name(story, "html"))
    raise HTTPException(404, "briefings are .md or .html")
