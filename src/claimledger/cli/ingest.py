"""``claimledger ingest``: files, folders, manifests, URLs and feeds into the store."""

from __future__ import annotations

import click

from ..ingest.meta import Metadata, parse_date
from ..pipeline import IngestReport
from ..pipeline import ingest as run_ingest
from .common import Context, common_options, emit_json, open_store
from .progress import progress_bar


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--outlet", default=None, help="Outlet for every input (overrides what inputs say).")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for every input (overrides what inputs say).")
@click.option("--title", default=None, help="Title for every input.")
@click.option("--allow-private", "setting_allow_private_addresses", is_flag=True, default=None,
              help="Allow URLs on private or loopback addresses (setting allow_private_addresses).")
@common_options
def command(ctx: Context, inputs: tuple[str, ...], outlet: str | None, published: str | None,
            title: str | None) -> int:
    """Ingest articles: .txt, .md (front matter), .html, .json/.jsonl records, JSONL manifests,
    folders (recursive), URLs and RSS/Atom feeds. Runs every stage, so the store then holds the
    complete ledger. Exit code 1 when any input failed (the others are stored)."""
    meta = Metadata(outlet=outlet, published=parse_date(published, "--published"), title=title)
    with open_store(ctx) as store, progress_bar(ctx, "ingest") as tick:
        report = run_ingest(inputs, store=store, settings=ctx.settings, meta=meta, progress=tick)
    _print_report(ctx, report)
    return 0 if report.ok else 1


def _print_report(ctx: Context, report: IngestReport) -> None:
    if ctx.json:
        emit_json(report.as_dict())
        return
    for f in report.failures:
        click.echo(f"error: {f.input}: {f.reason} [{f.stage}]", err=True)
    if not ctx.quiet:
        dups = f", {len(report.duplicates)} near-duplicate(s) linked" if report.duplicates else ""
        click.echo(f"{len(report.new)} new, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
                   f"{len(report.failures)} failed{dups} -> {ctx.settings.db}")
