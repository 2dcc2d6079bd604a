"""``claimledger batch``: the per-document stages on a Dask cluster (or this machine), into the store."""

from __future__ import annotations

import sys

import click

from ..batch.engine import PARTITION_UNITS, run_batch
from .common import Context, common_options, open_store
from .ingest import print_report
from .progress import estimate_total, progress_bar


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--engine", type=click.Choice(["dask", "local"]), default="dask", show_default=True,
              help="dask: a Dask cluster (a LocalCluster unless --scheduler); local: processes on this machine.")
@click.option("--scheduler", default=None, metavar="URL",
              help="Dask scheduler address (tcp://host:8786); needs --shards on a filesystem the workers share.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the LocalCluster or the local pool (ignored with --scheduler).")
@click.option("--shards", default=None, metavar="DIR",
              help="Folder for the Parquet shards (kept; a re-run reuses complete ones). Default: a temporary folder.")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION_UNITS, show_default=True,
              help="Input files (or manifest lines, URLs) per task.")
@common_options
def command(ctx: Context, inputs: tuple[str, ...], engine: str, scheduler: str | None, workers: int,
            shards: str | None, partition_size: int) -> int:
    """Process a large corpus in parallel: inputs (folders, JSONL(.gz) or WARC shards, manifests)
    are cut into partitions; workers read, clean and extract them into Parquet shards of
    documents and claims; this process stores the shards and fuses. The ledger is the one
    `claimledger ingest` makes of the same inputs. Exit code 1 when any input failed."""
    show = not (ctx.quiet or ctx.json) and sys.stderr.isatty()
    total = estimate_total(inputs, ctx.settings) if show else None
    with open_store(ctx) as store, progress_bar(ctx, "batch", total=total) as tick:
        report = run_batch(inputs, store=store, settings=ctx.settings, engine="dask" if engine == "dask" else "local",
                           scheduler=scheduler, workers=workers, shards=shards, partition_units=partition_size,
                           progress=tick)
    print_report(ctx, report)
    return 0 if report.ok else 1
