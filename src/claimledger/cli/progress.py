"""A rich progress bar on stderr for anything that may take more than a second: documents done,
documents per second and, when the total is known, the time left."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .common import Context

__all__ = ["estimate_total", "progress_bar"]

COUNT_BUDGET_BYTES = 200_000_000
"""Bytes of JSONL read ahead to count its records for the ETA; past that the total is unknown
and the bar shows documents per second only (counting 200 MB takes about a second)."""


def _jsonl_lines(path: str, budget: int) -> int | None:
    import gzip

    opener: Any = gzip.open if path.lower().endswith(".gz") else open
    n = 0
    read = 0
    last = b"\n"
    try:
        with opener(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                n += chunk.count(b"\n")
                last = chunk[-1:]
                read += len(chunk)
                if read > budget:
                    return None
    except OSError:
        return 1
    if last != b"\n":
        n += 1
    return n


def estimate_total(args: Iterable[str], settings: Any) -> int | None:
    """How many documents ``args`` hold, when that is cheap to know (None for WARC files, feeds
    and large JSONL files): one per file or manifest line, one per JSONL line."""
    from ..errors import InputError
    from ..ingest.inputs import plan

    total = 0
    budget = COUNT_BUDGET_BYTES
    for unit in plan(args, settings=settings):
        if isinstance(unit, InputError):
            total += 1
            continue
        name = (unit.path or "").lower()
        if unit.kind == "url" or name.endswith((".warc", ".warc.gz")):
            return None
        if unit.kind == "file" and name.endswith((".jsonl", ".jsonl.gz")):
            lines = _jsonl_lines(unit.path or "", budget)
            if lines is None:
                return None
            total += lines
            continue
        total += 1
    return total


@contextmanager
def progress_bar(ctx: Context, label: str, total: int | None = None) -> Iterator[Callable[[str, str], None]]:
    """Yields ``tick(name, outcome)``; draws nothing with --quiet/--json or when stderr is not a terminal."""
    if ctx.quiet or ctx.json or not sys.stderr.isatty():
        yield lambda _name, _outcome: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:6.1f} docs/s" if speed else "     - docs/s")

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                  TextColumn("ETA"), TimeRemainingColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[last]}", markup=False),
                  console=Console(stderr=True), transient=True, speed_estimate_period=60) as p:
        task = p.add_task(label, total=total, last="")

        def tick(name: str, outcome: str) -> None:
            p.update(task, advance=1, last=f"{outcome}: {name[-50:]}")

        yield tick
