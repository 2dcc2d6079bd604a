"""The JSON API under ``/api/`` (OpenAPI document: ``/api/openapi.json``). It serves the same
snapshot as the pages: ``/api/ledger`` is ``claimledger export`` with the analyst's overrides."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..store.overrides import KINDS
from .actions import record_override, withdraw_override
from .jobs import Job
from .render import state_of
from .views_export import ledger_for
from .views_ingest import MAX_FILES, _meta, start_job
from .views_propositions import evidence_rows
from .views_search import search

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["ledger"])
Json = dict[str, Any]


class OverrideIn(BaseModel):
    """An analyst override (see ``store/overrides.py`` for each kind's value)."""

    kind: str = Field(description=f"one of {', '.join(KINDS)}")
    target: str = Field(description="id of the claim, proposition, source or document", max_length=64)
    value: dict[str, Any] = Field(default_factory=dict)
    note: str = Field(default="", max_length=4000)
    author: str | None = Field(default=None, max_length=80, description="default: the server's analyst")


@router.get("/csrf", summary="The CSRF token to send as X-CSRF-Token with state-changing requests")
def csrf(request: Request) -> Json:
    return {"csrf_token": request.scope.get("state", {}).get("csrf", "")}


@router.get("/stories", summary="Stories with their counts and period")
def stories(request: Request) -> list[Json]:
    return [dataclasses.asdict(s) for s in state_of(request).snapshot().stories]


@router.get("/ledger", summary="The ledger (contracts/ledger.schema.json) with the analyst's overrides")
def ledger(request: Request, story: str | None = None) -> Json:
    return ledger_for(state_of(request).snapshot(), story)


@router.get("/stories/{story_id}/briefing", summary="The briefing model of one story")
def briefing(request: Request, story_id: str) -> Json:
    snap = state_of(request).snapshot()
    if story_id not in snap.story_ids():
        raise HTTPException(404, f"no story {story_id}")
    return dataclasses.asdict(snap.briefing(story_id))


@router.get("/stories/{story_id}/graph", summary="The source graph as Cytoscape.js elements")
def graph(request: Request, story_id: str) -> Json:
    snap = state_of(request).snapshot()
    if story_id not in snap.story_ids():
        raise HTTPException(404, f"no story {story_id}")
    g = snap.briefing(story_id).graph
    nodes = [{"data": {"id": n.id, "label": n.label, "role": n.role, "kind": n.kind, "claims": n.claims,
                       "reliability": n.reliability,
                       "href": f"/sources/{n.id.split(':', 1)[1]}" if n.id.split(":", 1)[1] in snap.sources else None}}
             for n in g.nodes]
    edges = [{"data": {"id": f"e{i}", "source": e.source, "target": e.target, "claims": e.claims}}
             for i, e in enumerate(g.edges)]
    return {"nodes": nodes, "edges": edges, "folded": g.folded}


@router.get("/propositions/{proposition_id}", summary="A proposition, its rating and its evidence")
def proposition(request: Request, proposition_id: str) -> Json:
    snap = state_of(request).snapshot()
    p = snap.props.get(proposition_id)
    if p is None:
        raise HTTPException(404, f"no proposition {proposition_id}")
    j = snap.judgement(proposition_id)
    ev = [{"claim": r["claim"], "document_id": r["doc"].get("id"), "outlet": r["doc"].get("outlet")}
          for r in evidence_rows(snap, list(p["claim_ids"]))]
    return {"proposition": p, "judgement": dataclasses.asdict(j) if j else None, "evidence": ev}


@router.get("/sources/{source_id}", summary="A source and the claims it makes or relays")
def source(request: Request, source_id: str) -> Json:
    snap = state_of(request).snapshot()
    s = snap.sources.get(source_id)
    if s is None:
        raise HTTPException(404, f"no source {source_id}")
    return {"source": s, "claims": [c["id"] for c in snap.claims.values() if c.get("source_id") == source_id],
            "relayed": [c["id"] for c in snap.claims.values() if source_id in (c.get("via") or [])]}


@router.get("/documents/{document_id}", summary="A document (cleaned text, removals) and its claims")
def document(request: Request, document_id: str) -> Json:
    snap = state_of(request).snapshot()
    d = snap.docs.get(document_id)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    return {"document": d, "claims": [c for c in snap.claims.values() if c["document_id"] == document_id]}


@router.get("/search", summary="Claims, propositions, sources and documents matching q")
def search_api(request: Request, q: str = "") -> Json:
    return search(state_of(request).snapshot(), q[:200])


@router.get("/overrides", summary="Every analyst override, oldest first")
def overrides(request: Request) -> list[Json]:
    return [o.summary() for o in state_of(request).snapshot().overrides]


@router.post("/overrides", status_code=201, summary="Record an override (fusion runs again when it matters)")
def add_override(request: Request, body: OverrideIn) -> Json:
    st = state_of(request)
    snap = st.snapshot()
    known = {"c": snap.claims, "p": snap.props, "s": snap.sources, "d": snap.docs}
    table = known.get(body.target.split("_", 1)[0])
    if table is not None and body.target not in table:
        raise HTTPException(404, f"no {body.target}")
    o = record_override(st.store, st.settings, kind=body.kind, target=body.target, value=body.value,
                        author=body.author or st.analyst, note=body.note)
    st.invalidate()
    return o.summary()


@router.delete("/overrides/{override_id}", summary="Withdraw an override")
def remove_override(request: Request, override_id: int) -> Json:
    if not withdraw_override(state_of(request), override_id):
        raise HTTPException(404, f"no override {override_id}")
    return {"deleted": override_id}


@router.post("/ingest", status_code=202, summary="Ingest uploaded files and/or a URL; returns the job")
async def ingest(request: Request, files: list[UploadFile] = File(default=[]), url: str = Form(""),  # noqa: B008
                 outlet: str = Form(""), published: str = Form(""), title: str = Form("")) -> JSONResponse:
    st = state_of(request)
    if files and len(files) > MAX_FILES:
        raise HTTPException(400, f"at most {MAX_FILES} files at once")
    job = await start_job(request.app.state.jobs, files or [], url, _meta(outlet, published, title),
                          st.settings.max_input_bytes)
    return JSONResponse(job.as_dict(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", summary="An ingest job's progress")
def job(request: Request, job_id: int) -> Json:
    j: Job | None = request.app.state.jobs.jobs.get(job_id)
    if j is None:
        raise HTTPException(404, f"no job {job_id}")
    return j.as_dict()
