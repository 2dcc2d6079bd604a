"""Ingest from the browser: uploads and URLs become jobs run one at a time on a worker thread, with
progress the pages poll (``pipeline.ingest``'s per-input callback)."""

from __future__ import annotations

import datetime as dt
import logging
import queue
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ClaimLedgerError
from ..ingest.meta import Metadata
from ..settings import Settings
from ..store import Store
from ..store.overrides import list_overrides

__all__ = ["ALLOWED_SUFFIXES", "Job", "JobRunner", "safe_name"]

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
"""What ``ingest`` reads from a file; anything else is refused before it is written to disk."""
KEEP_JOBS = 50
"""Finished jobs remembered for their pages (the oldest are forgotten first)."""


def safe_name(name: str) -> str:
    """A file name with no folder part and only safe characters (it becomes the document's source key)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload.txt"
    return base[-120:]


@dataclass(slots=True)
class Job:
    id: int
    inputs: list[str]
    """What the user gave: file names and URLs."""
    status: str = "queued"
    """queued, running, done, failed."""
    phase: str = "waiting for the previous job"
    done: int = 0
    events: list[tuple[str, str]] = field(default_factory=list)
    """(input, outcome) as each input finishes: new, updated, unchanged, failed, skipped."""
    report: dict[str, Any] | None = None
    error: str | None = None
    started: str | None = None
    finished: str | None = None

    @property
    def total(self) -> int:
        return len(self.inputs)

    @property
    def finished_ok(self) -> bool:
        return self.status in ("done", "failed")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "inputs": list(self.inputs), "status": self.status, "phase": self.phase,
                "done": self.done, "total": self.total, "events": [list(e) for e in self.events],
                "report": self.report, "error": self.error, "started": self.started, "finished": self.finished}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class JobRunner:
    """One worker thread; ``after`` runs when a job has changed the store (the app drops its cache)."""

    def __init__(self, store: Store, settings: Settings, *, after: Callable[[], None],
                 refuse: Callable[[Store, Settings], None]) -> None:
        self.store = store
        self.settings = settings
        self.after = after
        self.refuse = refuse
        self.jobs: dict[int, Job] = {}
        self._queue: queue.Queue[tuple[Job, list[str], Metadata | None, Path | None]] = queue.Queue()
        self._lock = threading.Lock()
        self._next = 1
        self._thread: threading.Thread | None = None

    def new_folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="claimledger-upload-"))

    def submit(self, inputs: list[str], args: list[str], meta: Metadata | None, folder: Path | None) -> Job:
        """Queue ``args`` (paths in ``folder``, or URLs) for ingest; ``folder`` is removed afterwards."""
        with self._lock:
            job = Job(id=self._next, inputs=inputs)
            self._next += 1
            self.jobs[job.id] = job
            for old in sorted(self.jobs)[:-KEEP_JOBS]:
                if self.jobs[old].finished_ok:
                    del self.jobs[old]
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="claimledger-ingest", daemon=True)
                self._thread.start()
        self._queue.put((job, args, meta, folder))
        return job

    def _work(self) -> None:
        while True:
            job, args, meta, folder = self._queue.get()
            try:
                self._run(job, args, meta)
            finally:
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
                self._queue.task_done()

    def _run(self, job: Job, args: list[str], meta: Metadata | None) -> None:
        from ..pipeline import ingest

        job.status, job.started = "running", _now()
        job.phase = "reading, cleaning and extracting claims (the first job loads the language model)"

        def progress(name: str, outcome: str) -> None:
            job.events.append((Path(name).name if "://" not in name else name, outcome))
            job.done = min(job.total, len(job.events))
            if job.done >= job.total:
                job.phase = "fusing: propositions, origins, relations, credibility"

        try:
            report = ingest(args, store=self.store, settings=self.settings, meta=meta, progress=progress)
            if list_overrides(self.store):
                job.phase = "applying the analysts' overrides"
                self.refuse(self.store, self.settings)
            job.report = report.as_dict()
            job.status = "done" if report.ok else "failed"
            job.phase = "finished" if report.ok else "finished, with inputs that could not be used"
        except ClaimLedgerError as e:
            job.status, job.error, job.phase = "failed", str(e), "stopped"
        except Exception as e:  # a bug: the job says so and the server keeps serving
            log.exception("ingest job %s failed", job.id)
            job.status, job.error, job.phase = "failed", f"internal error: {e.__class__.__name__}", "stopped"
        finally:
            job.finished = _now()
            job.done = job.total if job.status == "done" else job.done
            self.after()
