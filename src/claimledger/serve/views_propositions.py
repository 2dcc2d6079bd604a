"""A proposition page: its rating and reasons, relations, and every claim behind it with the evidence
highlighted inside the article text, its via-chain, and the analyst's actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .highlight import claim_marks, context_window, highlight
from .render import page, state_of
from .state import Snapshot

__all__ = ["evidence_rows", "router"]

router = APIRouter()


def evidence_rows(snap: Snapshot, claim_ids: list[str]) -> list[dict[str, Any]]:
    """Per claim: the record, its document, source and via records, and the article context with the
    claim and its parts highlighted."""
    rows = []
    for cid in claim_ids:
        c = snap.claims.get(cid)
        if c is None:
            continue
        d = snap.docs.get(c["document_id"], {})
        text = str(d.get("text") or "")
        start, end = (int(x) for x in (c.get("span") or (0, 0)))
        sent = c.get("sentence_span") or (start, end)
        a, b = context_window(text, min(start, int(sent[0])), max(end, int(sent[1])))
        rows.append({"claim": c, "doc": d, "source": snap.sources.get(c.get("source_id") or ""),
                     "via": [snap.sources.get(v) or {"id": v, "name": v} for v in c.get("via") or []],
                     "context": highlight(text[a:b], claim_marks(c, anchor=False), offset=a),
                     "cut_before": a > 0 and text[a - 1] != "\n", "cut_after": b < len(text) and text[b] != "\n",
                     "review": c.get("review"), "analyst": c.get("analyst", [])})
    return rows


@router.get("/propositions/{proposition_id}", response_class=HTMLResponse, include_in_schema=False)
def proposition(request: Request, proposition_id: str) -> Response:
    snap = state_of(request).snapshot()
    p = snap.props.get(proposition_id)
    if p is None:
        # merged or split since the link was made: follow the claim it was anchored on
        for o in reversed(snap.overrides):
            if o.target == proposition_id and o.kind == "proposition.merge":
                now = snap.prop_of_claim.get(str(o.value.get("claim")))
                if now:
                    return RedirectResponse(f"/propositions/{now}", status_code=303)
        raise HTTPException(404, f"no proposition {proposition_id}")
    j = snap.judgement(proposition_id)
    story = p.get("story_id")
    siblings = sorted(((q["id"], q.get("label") or q["id"]) for q in snap.props.values()
                       if q.get("story_id") == story and q["id"] != proposition_id), key=lambda x: str(x[1]).casefold())
    return page(request, "proposition.html", p=p, j=j, evidence=evidence_rows(snap, list(p["claim_ids"])),
                siblings=siblings, merge_reasons=p.get("merge_reasons") or {},
                story_title=next((s.title for s in snap.stories if s.id == story), story),
                source_names=sorted({str(s["name"]) for s in snap.sources.values()}, key=str.casefold),
                history=[o.summary() for o in snap.overrides_about(proposition_id, *p["claim_ids"])],
                analyst_items=p.get("analyst", []))
