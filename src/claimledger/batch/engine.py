"""``claimledger batch``: partitions of input units → workers read, clean and extract → Parquet
shards → the process that owns the store loads the shards in order and fuses.

The work on each partition (:func:`run_partition`) is the same :func:`~claimledger.batch.work.process`
``ingest`` runs, and the shards are stored with the same :func:`~claimledger.pipeline.store_results`,
in plan order: the ledger equals the one ``claimledger ingest`` makes of the same inputs.  Engines:
``local`` (this machine: in-process, or a process pool with ``workers`` > 1) and ``dask``
(``dask_engine.py``: a ``LocalCluster`` of ``workers`` processes, or the cluster at ``scheduler``).
With ``shards`` given, partitions already written for the same plan are not recomputed (resume).
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ConfigError, InputError
from ..ingest.inputs import Unit, plan, read_unit
from ..ingest.meta import Metadata
from ..ingest.warc import Skipped
from ..models import IngestFailure
from ..pipeline import EXTRACT_BATCH, IngestReport, document_id, fuse_store, record_failure, skip, store_results
from ..settings import Settings
from ..store import Store
from .work import WorkItem, stages_for

__all__ = ["PARTITION_UNITS", "Partition", "partitions", "run_batch", "run_partition"]

PARTITION_UNITS = 32
"""Input units (files, manifest lines, URLs) per partition: a partition of 32 news articles is
2-3 s of work for one worker, long enough that Dask's per-task overhead (~1 ms) is noise and
short enough that 2 workers on 500 articles get 16 partitions to balance."""

IN_FLIGHT_PER_WORKER = 4
"""Partitions submitted ahead per worker: workers never starve while the store is written, and
the plan is read lazily, a few partitions ahead of the work."""

Engine = Literal["local", "dask"]
Progress = Callable[[str, str], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Partition:
    """A slice of the plan: units to read, or input errors found while planning (picklable)."""

    index: int
    units: tuple[Unit, ...]
    errors: tuple[IngestFailure, ...]
    digest: str
    """Names and keys of the units: a shard written for another plan is never reused."""


def partitions(args: Iterable[str], *, settings: Settings, meta: Metadata | None = None,
               size: int = PARTITION_UNITS) -> Iterator[Partition]:
    """The plan of ``args`` cut into partitions of ``size`` units, lazily."""
    stream = plan(args, settings=settings, meta=meta)
    for index in itertools.count():
        chunk = list(itertools.islice(stream, size))
        if not chunk:
            return
        units = tuple(u for u in chunk if isinstance(u, Unit))
        errors = tuple(IngestFailure(input=e.input, stage=e.stage, reason=e.reason)
                       for e in chunk if isinstance(e, InputError))
        h = hashlib.sha256()
        for u in chunk:
            h.update((f"{u.name}\x00{u.key}" if isinstance(u, Unit) else f"{u.input}\x00").encode() + b"\x01")
        yield Partition(index=index, units=units, errors=errors, digest=h.hexdigest()[:16])


def run_partition(part: Partition, settings: Settings, folder: str) -> dict[str, int]:
    """Read, clean and extract one partition into its Parquet shards (runs on a worker)."""
    from .. import clean
    from . import shards
    from .work import process

    if shards.is_complete(folder, part.index, part.digest):
        return {"reused": 1}

    stages = stages_for(settings)
    writer = shards.ShardWriter(folder, part.index, part.digest)
    try:
        for f in part.errors:
            writer.failure(f)
        batch: list[WorkItem] = []
        for unit in part.units:
            for item in read_unit(unit, settings=settings):
                if isinstance(item, Skipped):
                    writer.skipped(item)
                elif isinstance(item, InputError):
                    writer.failure(IngestFailure(input=item.input, stage=item.stage, reason=item.reason))
                else:
                    batch.append(WorkItem(doc_id=document_id(item.source_key, clean.content_hash(item.text)), raw=item))
                if len(batch) >= EXTRACT_BATCH:
                    for r in process(batch, settings=settings, stages=stages):
                        writer.result(r)
                    writer.flush()
                    batch = []
        for r in process(batch, settings=settings, stages=stages):
            writer.result(r)
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def _local(parts: Iterator[Partition], settings: Settings, folder: str, workers: int) -> Iterator[Partition]:
    """Run partitions on this machine; yield each when its shards are written, in plan order."""
    if workers <= 1:
        for p in parts:
            run_partition(p, settings, folder)
            yield p
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque[tuple[Partition, Future[dict[str, int]]]] = deque()
        for p in parts:
            pending.append((p, pool.submit(run_partition, p, settings, folder)))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield _wait(pending)
        while pending:
            yield _wait(pending)


def _wait(pending: deque[tuple[Partition, Future[dict[str, int]]]]) -> Partition:
    p, fut = pending.popleft()
    fut.result()
    return p


def _load(p: Partition, folder: str, *, store: Store, settings: Settings, report: IngestReport,
          progress: Progress | None) -> None:
    """Store one partition's shards, item by item, in the order they were written."""
    from . import shards
    from .work import WorkResult

    pending: list[WorkResult] = []
    for item in shards.read_shard(folder, p.index):
        if isinstance(item, WorkResult):
            pending.append(item)
            continue
        store_results(pending, store=store, settings=settings, report=report, progress=progress)
        pending = []
        if isinstance(item, Skipped):
            skip(item, report, progress)
        else:
            record_failure(item, store, report, progress)
    store_results(pending, store=store, settings=settings, report=report, progress=progress)


def run_batch(args: Iterable[str], *, store: Store, settings: Settings, engine: Engine = "local",
              scheduler: str | None = None, workers: int = 1, shards: str | None = None,
              meta: Metadata | None = None, partition_units: int = PARTITION_UNITS,
              progress: Progress | None = None) -> IngestReport:
    """Run the per-document stages over ``args`` on ``engine``, store the shards in plan order, fuse."""
    if scheduler and not shards:
        raise ConfigError("--shards is required with --scheduler: a folder every worker and this machine can "
                          "read and write (the default temporary folder exists on this machine only)")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    report = IngestReport()
    folder = shards or tempfile.mkdtemp(prefix="claimledger-shards-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        parts = partitions(args, settings=settings, meta=meta, size=partition_units)
        if engine == "dask":
            from .dask_engine import run_on_dask

            done: Iterator[Partition] = run_on_dask(parts, settings=settings, folder=folder, scheduler=scheduler,
                                                    workers=workers, in_flight=IN_FLIGHT_PER_WORKER)
        else:
            done = _local(parts, settings, folder, workers)
        for p in done:
            _load(p, folder, store=store, settings=settings, report=report, progress=progress)
    finally:
        if shards is None:
            shutil.rmtree(folder, ignore_errors=True)
    report.fusion = fuse_store(store, settings)
    return report
