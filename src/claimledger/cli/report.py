"""``claimledger report``: the briefing of a story as Markdown or one self-contained HTML file."""

from __future__ import annotations

import dataclasses

import click

from .common import Context, common_options, emit_json, load_briefing, write_output


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
    briefing = load_briefing(ctx, story)
    if ctx.json:
        emit_json(dataclasses.asdict(briefing))
        return 0
    if fmt == "html":
        from ..report.html import render_html

        text = render_html(briefing)
    else:
        from ..report.markdown import render_markdown

        text = render_markdown(briefing)
    write_output(text, output)
    return 0
