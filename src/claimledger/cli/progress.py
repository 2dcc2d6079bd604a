"""A rich progress bar on stderr for anything that may take more than a second."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .common import Context


@contextmanager
def progress_bar(ctx: Context, label: str, total: int | None = None) -> Iterator[Callable[[str, str], None]]:
    """Yields ``tick(name, outcome)``; draws nothing with --quiet/--json or when stderr is not a terminal."""
    if ctx.quiet or ctx.json or not sys.stderr.isatty():
        yield lambda _name, _outcome: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as p:
        task = p.add_task(label, total=total, last="")

        def tick(name: str, outcome: str) -> None:
            p.update(task, advance=1, last=f"{outcome}: {name[-50:]}")

        yield tick
