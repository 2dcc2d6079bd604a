"""``claimledger summary``: the key judgements and the numbers in the terminal."""

from __future__ import annotations

import dataclasses

import click

from .common import Context, common_options, console, emit_json, load_briefing


@click.command("summary")
@click.option("--story", default=None, metavar="STORY",
              help="Summarise one story: id or id prefix (default: the story with most documents).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
              help="How many judgements to list (default: the key judgements).")
@common_options
def command(ctx: Context, story: str | None, limit: int | None) -> int:
    """Key judgements (ranked, with Admiralty ratings) and who says how many, as tables."""
    briefing = load_briefing(ctx, story)
    judgements = briefing.judgements[:limit] if limit is not None else briefing.key_judgements
    if ctx.json:
        emit_json({"judgements": [dataclasses.asdict(j) for j in judgements],
                   "numbers": [dataclasses.asdict(r) for r in briefing.numbers]})
        return 0
    if ctx.quiet:
        return 0
    from ..report.terminal import summary_tables

    out = console()
    for table in summary_tables(briefing, limit=limit):
        out.print(table)
    return 0
