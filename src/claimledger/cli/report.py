"""``claimledger report``: the briefing of a story as Markdown or one self-contained HTML file."""

from __future__ import annotations

import dataclasses
import sys

import click

from ..report.ledger import build_ledger
from ..report.model import build_briefing
from ..report.queries import choose_story
from .common import Context, common_options, emit_json, open_store


@click.command("report")
@click.option("--story", default=None, metavar="STORY",
              help="Brief one story: id or id prefix (default: the story with most documents).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or one HTML file that opens with no network and prints.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@common_options
def command(ctx: Context, story: str | None, fmt: str, output: str | None) -> int:
    """Write a briefing: key judgements, numbers, contested claims, changes, timeline, source graph, sources."""
    with open_store(ctx) as store:
        story, others = choose_story(store, story)
        ledger = build_ledger(store, story=story)
    if others and not ctx.quiet and not ctx.json:
        rest = ", ".join(f"{sid} ({n} doc{'s' if n != 1 else ''})" for sid, n in others[:5])
        click.echo(f"story {story}; other stories (use --story): {rest}", err=True)
    briefing = build_briefing(ledger, story_id=story)
    if ctx.json:
        emit_json(dataclasses.asdict(briefing))
        return 0
    if fmt == "html":
        from ..report.html import render_html

        text = render_html(briefing)
    else:
        from ..report.markdown import render_markdown

        text = render_markdown(briefing)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
