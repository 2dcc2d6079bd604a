"""A document page: the cleaned text with every claim, quantity, time and entity highlighted, its
claims listed, and the passages cleaning removed shown apart."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from ..store.revision import document_extraction
from .highlight import document_marks, highlight
from .render import page, state_of

__all__ = ["router"]

router = APIRouter()


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document(request: Request, document_id: str, claim: str | None = None) -> HTMLResponse:
    st = state_of(request)
    snap = st.snapshot()
    d = snap.docs.get(document_id)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    claims = sorted((c for c in snap.claims.values() if c["document_id"] == document_id),
                    key=lambda c: (int((c.get("span") or (0, 0))[0]), c["id"]))
    extraction = document_extraction(st.store, document_id)
    marks = document_marks(d, claims, extraction, focus=claim)
    text = str(d.get("text") or "")
    counts = {k: sum(1 for m in marks if m.cls.split()[0] == k) for k in ("claim", "qty", "time", "ent")}
    story = next((s for s in snap.stories if s.id == d.get("story_id")), None)
    return page(request, "document.html", d=d, body=highlight(text, marks), claims=claims, counts=counts,
                sources=snap.sources, prop_of_claim=snap.prop_of_claim, focus=claim, story=story,
                duplicate=snap.docs.get(str(d.get("duplicate_of") or "")),
                history=[o.summary() for o in snap.overrides_about(document_id)])
