"""The analyst's overrides from forms: record one (then back to the page it came from), withdraw one,
and the log of all of them with who and when."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .actions import override_from_form, record_override, withdraw_override
from .render import ANALYST_COOKIE, page, state_of

__all__ = ["router"]

router = APIRouter()

_LOCAL = re.compile(r"^/(?!/)[A-Za-z0-9_./?=&#%-]*$")
"""Where a form may send the browser back to: a path on this site, never another site ("//host")."""


def _back(next_url: str | None, default: str) -> str:
    return next_url if next_url and _LOCAL.match(next_url) and "\\" not in next_url else default


@router.post("/overrides", include_in_schema=False)
async def add(request: Request) -> Response:
    st = state_of(request)
    form = await request.form()
    kind, target = str(form.get("kind") or ""), str(form.get("target") or "")
    fields = {k: (form.getlist(k) if k == "claim_ids" else form.get(k)) for k in form}
    author = " ".join(str(form.get("author") or "").split()) or st.analyst
    value = override_from_form(st.snapshot(), kind, target, fields)
    o = record_override(st.store, st.settings, kind=kind, target=target, value=value, author=author,
                        note=str(form.get("note") or ""))
    st.invalidate()
    where = _back(str(form.get("next") or ""), "/overrides")
    if kind in ("proposition.merge", "proposition.split"):
        snap = st.snapshot()
        anchor = str(o.value.get("claim") or (o.value.get("claim_ids") or [""])[0])
        pid = snap.prop_of_claim.get(anchor)
        where = f"/propositions/{pid}" if pid else where
    resp = RedirectResponse(where, status_code=303)
    resp.set_cookie(ANALYST_COOKIE, author, httponly=True, samesite="strict", path="/", max_age=365 * 86400)
    return resp


@router.post("/analyst", include_in_schema=False)
async def set_analyst(request: Request) -> Response:
    """Who the overrides made from this browser are by (a cookie; the server's user by default)."""
    form = await request.form()
    name = " ".join(str(form.get("author") or "").split())[:80]
    resp = RedirectResponse(_back(str(form.get("next") or ""), "/"), status_code=303)
    if name:
        resp.set_cookie(ANALYST_COOKIE, name, httponly=True, samesite="strict", path="/", max_age=365 * 86400)
    return resp


@router.post("/overrides/{override_id}/delete", include_in_schema=False)
async def withdraw(request: Request, override_id: int) -> Response:
    form = await request.form()
    if not withdraw_override(state_of(request), override_id):
        raise HTTPException(404, f"no override {override_id}")
    return RedirectResponse(_back(str(form.get("next") or ""), "/overrides"), status_code=303)


@router.get("/overrides", response_class=HTMLResponse, include_in_schema=False)
def log(request: Request) -> HTMLResponse:
    snap = state_of(request).snapshot()
    return page(request, "overrides.html", overrides=[o.summary() for o in reversed(snap.overrides)],
                claims=snap.claims, props=snap.props, sources=snap.sources, docs=snap.docs,
                prop_of_claim=snap.prop_of_claim)
