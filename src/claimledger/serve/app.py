"""The analyst web app: :func:`create_app` builds it over one store.

Pages (one view module and one template each): stories (``views_stories``), a story, a proposition
(``views_propositions``), a source (``views_sources``), a document (``views_documents``), search
(``views_search``), ingest with progress (``views_ingest``), overrides (``views_overrides``),
exports (``views_export``), the JSON API under ``/api/`` (``api``), login (here). Static files
(our stylesheet and script, vendored htmx and Cytoscape.js with their licences) are served from
``/static/``; pages load nothing from anywhere else. Security: ``security.py``.
"""

from __future__ import annotations

import getpass
import hmac
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ClaimLedgerError
from ..settings import Settings
from ..store import Store
from . import (
    api,
    views_documents,
    views_export,
    views_ingest,
    views_overrides,
    views_propositions,
    views_search,
    views_sources,
    views_stories,
)
from .actions import fuse_with_overrides
from .jobs import JobRunner
from .render import HERE, page
from .security import AUTH_COOKIE, SecurityMiddleware, check_bind, session_value
from .state import AppState

__all__ = ["create_app"]


def _analyst() -> str:
    try:
        return getpass.getuser() or "analyst"
    except (KeyError, OSError):
        return "analyst"


def create_app(settings: Settings, *, token: str | None = None, bind_host: str = "127.0.0.1",
               allowed_hosts: list[str] | None = None, store: Store | None = None,
               analyst: str | None = None) -> FastAPI:
    """The web app over ``settings.db`` (or ``store``).

    ``token``: required from every client (``Authorization: Bearer`` or the login form); needed when
    ``bind_host`` is not loopback (:class:`~claimledger.errors.ConfigError` otherwise).
    ``allowed_hosts``: Host header names answered (default: loopback names; any with a token).
    ``analyst``: the default author of overrides (default: the user running the server).
    """
    check_bind(bind_host, token)
    state = AppState(settings, store=store, analyst=analyst or _analyst())
    state.token_required = token is not None
    app = FastAPI(title="claimledger", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="The ledger of claims as JSON: the same data as `claimledger export`, and the analyst's "
                              "overrides. State-changing requests need `Authorization: Bearer <token>` or the "
                              "`X-CSRF-Token` header matching the `cl_csrf` cookie (GET /api/csrf).")
    app.state.claimledger = state
    app.state.jobs = JobRunner(state.store, settings, after=state.invalidate, refuse=fuse_with_overrides)
    app.state.token = token
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (api, views_stories, views_propositions, views_sources, views_documents, views_search,
                   views_ingest, views_overrides, views_export):
        app.include_router(module.router)
    _login_routes(app, token)
    _error_handlers(app)
    app.add_middleware(SecurityMiddleware, token=token, max_upload_bytes=settings.max_input_bytes,
                       allowed_hosts=allowed_hosts)
    return app


def _login_routes(app: FastAPI, token: str | None) -> None:
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request) -> Response:
        return page(request, "login.html", error=None, token_required=token is not None)

    @app.post("/login", include_in_schema=False)
    def login(request: Request, token_field: str = Form("", alias="token")) -> Response:
        if token is None:
            return RedirectResponse("/", status_code=303)
        if not hmac.compare_digest(token_field.encode(), token.encode()):
            return page(request, "login.html", status=401, error="That token is not right.", token_required=True)
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(AUTH_COOKIE, session_value(token), httponly=True, samesite="strict", path="/")
        return resp

    @app.post("/logout", include_in_schema=False)
    def logout() -> Response:
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(AUTH_COOKIE, path="/")
        return resp


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, status_code=exc.status_code,
                    message=str(exc.detail))

    @app.exception_handler(ClaimLedgerError)
    async def app_error(request: Request, exc: ClaimLedgerError) -> Response:
        status = 400 if exc.exit_code == 2 else 422
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors: list[Any] = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errors)
        return page(request, "error.html", status=422, status_code=422, message=text)
