"""Runners that turn batches of :class:`WorkItem` into :class:`WorkResult`, in submission order.

:class:`InProcess` works in the calling process (``--workers 1``).  :class:`Pool` feeds a pool of
worker processes (spawn context: each starts clean, loads the model once and takes picklable
items); results come back in the order batches were submitted, so the process that writes the
store writes them in the same order as ``--workers 1`` and produces the same ledger.  At most
``IN_FLIGHT_PER_WORKER`` batches per worker are queued, so memory stays flat however many
documents stream in.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from ..settings import Settings
from .work import WorkItem, WorkResult, process, process_in_worker, stages_for, warm

__all__ = ["IN_FLIGHT_PER_WORKER", "InProcess", "Pool", "Runner", "runner"]

IN_FLIGHT_PER_WORKER = 3
"""Batches queued per worker: enough that a worker never waits for the reader (one running, one
waiting, one being read), few enough that memory stays a few batches deep."""


class Runner:
    """Submit batches; collect results in submission order."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(cancel=exc is not None)

    def submit(self, batch: list[WorkItem]) -> None:
        raise NotImplementedError

    def ready(self) -> Iterator[list[WorkResult]]:
        """Results that can be had now (blocking only while too many batches are queued)."""
        raise NotImplementedError

    def drain(self) -> Iterator[list[WorkResult]]:
        """Every remaining result, waiting for them."""
        raise NotImplementedError

    def close(self, *, cancel: bool = False) -> None:
        pass


class InProcess(Runner):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stages = stages_for(settings)
        self._done: collections.deque[list[WorkResult]] = collections.deque()

    def submit(self, batch: list[WorkItem]) -> None:
        self._done.append(process(batch, settings=self.settings, stages=self.stages))

    def ready(self) -> Iterator[list[WorkResult]]:
        while self._done:
            yield self._done.popleft()

    drain = ready


class Pool(Runner):
    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.limit = workers * IN_FLIGHT_PER_WORKER
        self._pending: collections.deque[Future[list[WorkResult]]] = collections.deque()
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=warm, initargs=(settings,))

    def submit(self, batch: list[WorkItem]) -> None:
        self._pending.append(self._executor.submit(process_in_worker, batch, self.settings))

    def ready(self) -> Iterator[list[WorkResult]]:
        while self._pending and (self._pending[0].done() or len(self._pending) >= self.limit):
            yield self._pending.popleft().result()

    def drain(self) -> Iterator[list[WorkResult]]:
        while self._pending:
            yield self._pending.popleft().result()

    def close(self, *, cancel: bool = False) -> None:
        self._executor.shutdown(wait=True, cancel_futures=cancel)


def runner(settings: Settings, workers: int = 1) -> Runner:
    """In-process for one worker (or when nothing is extracted), else a pool of ``workers`` processes."""
    if workers <= 1 or not settings.extraction:
        return InProcess(settings)
    return Pool(settings, workers)
