"""``claimledger documents``: the stored documents, one line each."""

from __future__ import annotations

from typing import Any

import click

from .common import Context, common_options, console, emit_json, open_store


@click.command("documents")
@common_options
def command(ctx: Context) -> int:
    """List stored documents: id, outlet, date, length, removed passages, duplicate link, path."""
    with open_store(ctx) as store:
        docs = store.documents()
    rows: list[dict[str, Any]] = [{"id": d.id, "outlet": d.outlet, "published": d.published, "chars": len(d.text),
             "removed": len(d.removed), "duplicate_of": d.duplicate_of, "story_id": d.story_id,
             "source_path": d.source_path, "title": d.title} for d in docs]
    if ctx.json:
        emit_json(rows)
        return 0
    if ctx.quiet:
        return 0
    from rich.table import Table

    table = Table(title=f"{len(rows)} documents")
    for col in ("id", "outlet", "published", "chars", "removed", "duplicate of", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(str(r["id"]), str(r["outlet"] or "-"), str(r["published"] or "-"), str(r["chars"]),
                      str(r["removed"]), str(r["duplicate_of"] or ""), str(r["source_path"] or ""))
    # markup=False everywhere: outlet names and paths are untrusted text, never rich markup
    console().print(table)
    return 0
