"""``claimledger propositions``, ``contested`` and ``timeline``: fused results in the terminal."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from .common import Context, common_options, console, emit_json, load_briefing

_STORY = click.option("--story", default=None, metavar="STORY",
                      help="One story: id or id prefix (default: the story with most documents).")


def _show(ctx: Context, tables: list[Any], data: object) -> int:
    if ctx.json:
        emit_json(data)
    elif not ctx.quiet:
        out = console()
        for table in tables:
            out.print(table)
    return 0


@click.command("propositions")
@_STORY
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="Show only the first N.")
@common_options
def propositions(ctx: Context, story: str | None, limit: int | None) -> int:
    """Propositions ranked by credibility and independent origins, with Admiralty ratings."""
    from ..report.views import propositions_table

    b = load_briefing(ctx, story)
    return _show(ctx, [propositions_table(b, limit=limit)], [dataclasses.asdict(j) for j in b.judgements[:limit]])


@click.command("contested")
@_STORY
@common_options
def contested(ctx: Context, story: str | None) -> int:
    """Contradicting and differing propositions side by side, and what later reports revised."""
    from ..report.views import contested_tables

    b = load_briefing(ctx, story)
    return _show(ctx, contested_tables(b), {"contested": [dataclasses.asdict(p) for p in b.contested],
                                            "changes": [dataclasses.asdict(c) for c in b.changes]})


@click.command("timeline")
@_STORY
@common_options
def timeline(ctx: Context, story: str | None) -> int:
    """Dated entries: when each proposition was said and when reported events happened."""
    from ..report.views import timeline_table

    b = load_briefing(ctx, story)
    return _show(ctx, [timeline_table(b)], [dataclasses.asdict(p) for p in b.timeline])
