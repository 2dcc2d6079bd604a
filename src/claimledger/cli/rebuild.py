"""``claimledger rebuild``: run every stage again over the stored documents."""

from __future__ import annotations

import click

from ..pipeline import rebuild as run_rebuild
from .common import Context, common_options, emit_json, open_store
from .progress import progress_bar


@click.command("rebuild")
@common_options
def command(ctx: Context) -> int:
    """Re-run cleaning, extraction and fusion over every stored document (after rules changed)."""
    with open_store(ctx) as store:
        total = store.count_documents()
        with progress_bar(ctx, "rebuild", total=total) as tick:
            report = run_rebuild(store=store, settings=ctx.settings, progress=tick)
    if ctx.json:
        emit_json(report.as_dict())
    elif not ctx.quiet:
        click.echo(f"rebuilt {len(report.updated) + len(report.new)} documents, {len(report.failures)} failed")
    for f in report.failures:
        click.echo(f"error: {f.input}: {f.reason} [{f.stage}]", err=True)
    return 0 if report.ok else 1
