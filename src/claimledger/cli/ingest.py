"""``claimledger ingest``: files, folders, manifests, URLs, feeds and WARC files into the store."""

from __future__ import annotations

import sys

import click

from ..ingest.meta import Metadata, parse_date
from ..pipeline import IngestReport
from ..pipeline import ingest as run_ingest
from .common import Context, common_options, emit_json, open_store
from .progress import estimate_total, progress_bar


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--outlet", default=None, help="Outlet for every input (overrides what inputs say).")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for every input (overrides what inputs say).")
@click.option("--title", default=None, help="Title for every input.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for cleaning and extraction (each loads the model once).")
@click.option("--allow-private", "setting_allow_private_addresses", is_flag=True, default=None,
              help="Allow URLs on private or loopback addresses (setting allow_private_addresses).")
@common_options
def command(ctx: Context, inputs: tuple[str, ...], outlet: str | None, published: str | None,
            title: str | None, workers: int) -> int:
    """Ingest articles: .txt, .md (front matter), .html, .json/.jsonl records (each also gzipped:
    page.html.gz), JSONL manifests, WARC crawls (.warc, .warc.gz), folders (recursive; files of other
    types are counted as skipped), URLs and RSS/Atom feeds. Runs every stage,
    so the store then holds the complete ledger; fusion re-runs only for the stories whose inputs
    changed (--json reports how many). Interrupted, it resumes when run again: stored documents are
    skipped. Exit code 1 when any input failed (the others are stored)."""
    meta = Metadata(outlet=outlet, published=parse_date(published, "--published"), title=title)
    show = not (ctx.quiet or ctx.json) and sys.stderr.isatty()
    total = estimate_total(inputs, ctx.settings) if show else None
    with open_store(ctx) as store, progress_bar(ctx, "ingest", total=total) as tick:
        report = run_ingest(inputs, store=store, settings=ctx.settings, meta=meta, progress=tick, workers=workers)
    print_report(ctx, report)
    return 0 if report.ok else 1


def print_report(ctx: Context, report: IngestReport) -> None:
    if ctx.json:
        emit_json(report.as_dict())
        return
    for f in report.failures:
        click.echo(f"error: {f.input}: {f.reason} [{f.stage}]", err=True)
    if not ctx.quiet:
        dups = f", {len(report.duplicates)} near-duplicate(s) linked" if report.duplicates else ""
        skipped = ""
        if report.skipped:
            why = ", ".join(f"{n} {reason}" for reason, n in sorted(report.skipped.items()))
            skipped = f", {sum(report.skipped.values())} skipped ({why})"
        click.echo(f"{len(report.new)} new, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
                   f"{len(report.failures)} failed{skipped}{dups} -> {ctx.settings.db}")
