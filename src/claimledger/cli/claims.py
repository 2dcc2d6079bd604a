"""``claimledger claims``: the extracted claims in the terminal."""

from __future__ import annotations

import click

from ..report.queries import claim_rows
from .common import Context, common_options, console, emit_json, open_store


@click.command("claims")
@click.option("--source", default=None, metavar="NAME",
              help="Only claims whose source name, alias, affiliation or id contains NAME ('outlet' for outlet voice).")
@click.option("--doc", default=None, metavar="DOC", help="Only claims of this document (id, id prefix or path).")
@common_options
def command(ctx: Context, source: str | None, doc: str | None) -> int:
    """List claims: who said it (via whom), stance, hedges, numbers, times and the statement."""
    with open_store(ctx) as store:
        rows = claim_rows(store, source=source, doc=doc)
    if ctx.json:
        emit_json(rows)
        return 0
    if ctx.quiet:
        return 0
    from rich.table import Table

    table = Table(title=f"{len(rows)} claims", show_lines=False)
    for col in ("outlet", "date", "source", "via", "stance", "hedges", "numbers", "times", "claim"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["outlet"] or "-", r["said_on"] or r["published"] or "-", r["source"] or "(outlet)",
                      ", ".join(r["via"]), r["stance"], ", ".join(r["hedges"]), "; ".join(r["quantities"]),
                      "; ".join(r["times"]), r["text"])
    console().print(table)  # claim text is untrusted: never rich markup
    return 0
