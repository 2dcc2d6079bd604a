"""Templates: one Jinja2 environment (autoescape on for every template, undefined names are errors),
the report's display filters, and :func:`page` to render a template into a response."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..report.charts import KIND_STYLE
from ..report.fmt import date_label, plain, safe_url, who_said
from ..store.overrides import RELIABILITY_LETTERS
from .state import AppState

__all__ = ["ANALYST_COOKIE", "HERE", "env", "page", "state_of"]

HERE = Path(__file__).resolve().parent
ANALYST_COOKIE = "cl_analyst"
RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "cannot be judged"}
"""Admiralty code (NATO AJP-2.1) source reliability."""


def _short(text: object, n: int = 120) -> str:
    s = plain(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


@functools.cache
def env() -> Environment:
    e = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                    autoescape=select_autoescape(default=True, default_for_string=True),
                    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    e.filters.update(date=date_label, safe_url=safe_url, who=who_said, plain=plain, short=_short)
    e.globals.update(stance_word={k: v[1] for k, v in KIND_STYLE.items()}, reliability_letters=RELIABILITY_LETTERS,
                     reliability_words=RELIABILITY_WORDS)
    return e


def state_of(request: Request) -> AppState:
    st: AppState = request.app.state.claimledger
    return st


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the request's CSRF token, the analyst's name and ``context``."""
    st = state_of(request)
    html = env().get_template(template).render(
        request_path=request.url.path, csrf=request.scope.get("state", {}).get("csrf", ""),
        analyst_name=request.cookies.get(ANALYST_COOKIE) or st.analyst, auth=st.token_required, **context)
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})
