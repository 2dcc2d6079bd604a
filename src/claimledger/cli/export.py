"""``claimledger export``: the ledger as JSON (contracts/ledger.schema.json)."""

from __future__ import annotations

import json

import click

from ..report.ledger import build_ledger
from .common import Context, common_options, open_store, write_output


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Export format.")
@click.option("--story", default=None, help="Export one story only (default: all stories).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@common_options
def command(ctx: Context, fmt: str, story: str | None, output: str | None) -> int:
    """Export the ledger: documents, sources, claims, propositions and relations."""
    with open_store(ctx) as store:
        ledger = build_ledger(store, story=story)
    text = json.dumps(ledger, ensure_ascii=False, indent=1) + "\n"
    write_output(text, output)
    return 0
