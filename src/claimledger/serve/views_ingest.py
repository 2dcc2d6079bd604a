"""Ingest from the browser: upload files or give a URL; a job page shows progress (htmx polls its
status panel; without script the page refreshes itself)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from ..errors import ClaimLedgerError, ConfigError
from ..ingest.meta import Metadata, parse_date
from .jobs import ALLOWED_SUFFIXES, Job, JobRunner, safe_name
from .render import page, state_of

__all__ = ["router", "start_job"]

router = APIRouter()

MAX_FILES = 50
"""Files one upload may hold; a larger batch belongs on the command line (`claimledger ingest`)."""


def _meta(outlet: str, published: str, title: str) -> Metadata | None:
    date = parse_date(published.strip(), "published") if published.strip() else None
    if not (outlet.strip() or date or title.strip()):
        return None
    return Metadata(outlet=" ".join(outlet.split()) or None, published=date, title=" ".join(title.split()) or None)


async def start_job(runner: JobRunner, files: Sequence[StarletteUpload], url: str, meta: Metadata | None,
                    max_bytes: int) -> Job:
    """Write the uploads to a fresh folder (safe names, allowed suffixes, size-checked) and queue them."""
    files = [f for f in files if f.filename]
    url = url.strip()
    if not files and not url:
        raise ConfigError("choose a file to upload or give a URL")
    if len(files) > MAX_FILES:
        raise ConfigError(f"at most {MAX_FILES} files at once")
    if url and not url.lower().startswith(("http://", "https://")):
        raise ConfigError("the URL must start with http:// or https://")
    folder = runner.new_folder() if files else None
    inputs, args = [], []
    for f in files:
        name = safe_name(f.filename or "")
        if not name.lower().endswith(ALLOWED_SUFFIXES):
            raise ConfigError(f"{name}: not a file ingest reads ({', '.join(ALLOWED_SUFFIXES)})")
        data = await f.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ConfigError(f"{name}: larger than {max_bytes:,} bytes")
        assert folder is not None
        path = folder / name
        n = 1
        while path.exists():
            path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
            n += 1
        path.write_bytes(data)
        inputs.append(path.name)
        args.append(str(path))
    if url:
        inputs.append(url)
        args.append(url)
    return runner.submit(inputs, args, meta, folder)


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_form(request: Request) -> HTMLResponse:
    st = state_of(request)
    return page(request, "ingest.html", suffixes=ALLOWED_SUFFIXES, max_bytes=st.settings.max_input_bytes,
                max_files=MAX_FILES, error=None)


@router.post("/ingest", include_in_schema=False)
async def ingest_submit(request: Request) -> Response:
    st = state_of(request)
    form = await request.form(max_files=MAX_FILES + 1)
    files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload)]
    try:
        meta = _meta(str(form.get("outlet") or ""), str(form.get("published") or ""), str(form.get("title") or ""))
        job = await start_job(request.app.state.jobs, files, str(form.get("url") or ""), meta,
                              st.settings.max_input_bytes)
    except ClaimLedgerError as e:
        return page(request, "ingest.html", status=400, suffixes=ALLOWED_SUFFIXES,
                    max_bytes=st.settings.max_input_bytes, max_files=MAX_FILES, error=str(e))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _job(request: Request, job_id: int) -> Job:
    job: Job | None = request.app.state.jobs.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id} (jobs are kept while the server runs)")
    return job


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: int) -> HTMLResponse:
    return page(request, "job.html", job=_job(request, job_id))


@router.get("/jobs/{job_id}/status", response_class=HTMLResponse, include_in_schema=False)
def job_status(request: Request, job_id: int) -> HTMLResponse:
    job = _job(request, job_id)
    resp = page(request, "_job_status.html", job=job)
    if job.finished_ok:
        resp.status_code = 286  # htmx: stop polling
    return resp
