"""Search across claims, propositions, sources and documents (case- and accent-insensitive substring
match over the snapshot; htmx swaps the results in as one types)."""

from __future__ import annotations

import unicodedata
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .render import page, state_of
from .state import Snapshot

__all__ = ["MAX_HITS", "router", "search"]

router = APIRouter()

MAX_HITS = 50
"""Hits shown per kind; the count says how many matched."""
MIN_QUERY = 2


def _fold(text: object) -> str:
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return " ".join(s.casefold().split())


def search(snap: Snapshot, q: str) -> dict[str, Any]:
    """Hits per kind (claims, propositions, sources, documents), each with its total count."""
    needle = _fold(q)
    out: dict[str, Any] = {"query": q, "claims": [], "propositions": [], "sources": [], "documents": [],
                           "counts": {"claims": 0, "propositions": 0, "sources": 0, "documents": 0}}
    if len(needle) < MIN_QUERY:
        return out

    def add(kind: str, item: dict[str, Any]) -> None:
        out["counts"][kind] += 1
        if len(out[kind]) < MAX_HITS:
            out[kind].append(item)

    for s in sorted(snap.sources.values(), key=lambda s: str(s["name"]).casefold()):
        hay = " ".join(_fold(x) for x in (s["name"], s.get("affiliation"), *(s.get("aliases") or [])))
        if needle in hay:
            add("sources", {"id": s["id"], "name": s["name"], "kind": s.get("kind"),
                            "reliability": s.get("reliability", "F")})
    for c in snap.claims.values():
        src = snap.sources.get(c.get("source_id") or "")
        if needle in _fold(c.get("text")) or (src is not None and needle in _fold(src["name"])):
            d = snap.docs.get(c["document_id"], {})
            add("claims", {"id": c["id"], "text": c.get("text"), "source": src["name"] if src else None,
                           "outlet": d.get("outlet"), "document_id": c["document_id"], "said_on": c.get("said_on"),
                           "proposition_id": snap.prop_of_claim.get(c["id"]),
                           "status": (c.get("review") or {}).get("status")})
    for p in snap.props.values():
        if needle in _fold(p.get("label")):
            add("propositions", {"id": p["id"], "label": p.get("label"), "credibility": p.get("credibility")})
    for d in snap.docs.values():
        if needle in _fold(d.get("title")) or needle in _fold(d.get("outlet")):
            add("documents", {"id": d["id"], "title": d.get("title"), "outlet": d.get("outlet"),
                              "published": d.get("published")})
    return out


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    hits = search(state_of(request).snapshot(), q[:200])
    partial = request.headers.get("hx-request") == "true" and request.headers.get("hx-target") == "results"
    return page(request, "_search_results.html" if partial else "search.html", hits=hits, q=q[:200])
