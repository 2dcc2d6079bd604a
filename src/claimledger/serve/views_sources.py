"""A source page: who it is, its reliability (and who set it), every claim it makes or relays."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from .render import page, state_of

__all__ = ["router"]

router = APIRouter()


@router.get("/sources/{source_id}", response_class=HTMLResponse, include_in_schema=False)
def source(request: Request, source_id: str) -> HTMLResponse:
    snap = state_of(request).snapshot()
    s = snap.sources.get(source_id)
    if s is None:
        raise HTTPException(404, f"no source {source_id}")

    def key(c: dict[str, object]) -> tuple[str, str]:
        return (str(c.get("said_on") or snap.docs.get(str(c["document_id"]), {}).get("published") or "9999"),
                str(c["id"]))

    said = sorted((c for c in snap.claims.values() if c.get("source_id") == source_id), key=key)
    relayed = sorted((c for c in snap.claims.values() if source_id in (c.get("via") or [])), key=key)
    origin_of = sorted((p for p in snap.props.values() if source_id in (p.get("origin_source_ids") or [])),
                       key=lambda p: (int(p.get("credibility") or 6), p["id"]))
    return page(request, "source.html", s=s, said=said, relayed=relayed, origin_of=origin_of, docs=snap.docs,
                sources=snap.sources, prop_of_claim=snap.prop_of_claim,
                history=[o.summary() for o in snap.overrides_about(source_id)])
