"""The analyst web app (``claimledger serve``): FastAPI, Jinja2 templates, htmx. Imported only by the
``serve`` command and its tests: ``import claimledger`` does not load it."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
