"""The Dask engine: partitions run as tasks on a ``distributed`` cluster.

Without a scheduler address a ``LocalCluster`` of ``workers`` processes (one thread each: spaCy
parses in Python, so processes, not threads, give parallelism) starts and stops with the run.
With ``scheduler`` (``tcp://host:8786``) the run uses that cluster: its workers need claimledger
installed (the same version), the input paths and the shards folder on a filesystem they share
with this machine.  Dask is imported here only, when this engine runs.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..settings import Settings
from .engine import Partition, run_partition

__all__ = ["run_on_dask"]


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    import dask.distributed

    Client: Any = dask.distributed.Client
    LocalCluster: Any = dask.distributed.LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_on_dask(parts: Iterator[Partition], *, settings: Settings, folder: str, scheduler: str | None,
                workers: int, in_flight: int) -> Iterator[Partition]:
    """Submit partitions (a few per worker ahead), yield each when its shards are written, in plan order."""
    run = uuid.uuid4().hex[:8]
    with _client(scheduler, workers) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[tuple[Partition, Any]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < n_workers * in_flight:
                p = next(parts, None)
                if p is None:
                    exhausted = True
                    break
                fut = client.submit(run_partition, p, settings, folder, key=f"claimledger-{run}-{p.index}",
                                    pure=False)
                pending.append((p, fut))
            if not pending:
                return
            p, fut = pending.popleft()
            fut.result()
            yield p
