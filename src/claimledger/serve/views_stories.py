"""The stories list (the home page) and a story page: judgements, numbers, contested, changes,
timeline, source graph, sources and documents."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from .render import page, state_of

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> HTMLResponse:
    snap = state_of(request).snapshot()
    jobs = sorted(request.app.state.jobs.jobs.values(), key=lambda j: -j.id)[:5]
    return page(request, "index.html", stories=snap.stories, counts={
        "documents": len(snap.docs), "claims": len(snap.ledger["claims"]), "propositions": len(snap.props),
        "sources": len(snap.sources), "overrides": len(snap.overrides)}, jobs=jobs)


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story(request: Request, story_id: str) -> HTMLResponse:
    snap = state_of(request).snapshot()
    if story_id not in snap.story_ids():
        raise HTTPException(404, f"no story {story_id}")
    b = snap.briefing(story_id)
    timeline_svg, graph_svg = snap.charts(story_id)
    analyst = {p: [o.summary() for o in snap.overrides_about(p)] for p in (j.proposition_id for j in b.judgements)}
    notes = {p: snap.props[p].get("analyst", []) for p in analyst if p in snap.props}
    return page(request, "story.html", b=b, story_id=story_id, timeline_svg=timeline_svg, graph_svg=graph_svg,
                notes=notes, related=snap.related(story_id))
