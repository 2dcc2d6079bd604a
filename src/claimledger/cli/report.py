"""``claimledger report``: the briefing of a story as Markdown or one self-contained HTML file."""

from __future__ import annotations

import dataclasses
import sys

import click

from ..errors import InputNotFound
from ..report.ledger import build_ledger
from ..report.model import build_briefing
from .common import Context, common_options, emit_json, open_store


@click.command("report")
@click.option("--story", default=None, metavar="STORY", help="Brief one story (default: every document in the store).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or one HTML file that opens with no network and prints.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@common_options
def command(ctx: Context, story: str | None, fmt: str, output: str | None) -> int:
    """Write a briefing: key judgements, numbers, contested claims, changes, timeline, source graph, sources."""
    with open_store(ctx) as store:
        ledger = build_ledger(store, story=story)
    if story is not None and not ledger["documents"]:
        raise InputNotFound(story, "no such story in the store")
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
