"""``claimledger show DOC``: a document's cleaned text and what cleaning removed."""

from __future__ import annotations

import click

from ..errors import InputNotFound
from ..report.ledger import document_record
from .common import Context, common_options, emit_json, open_store


@click.command("show")
@click.argument("doc", metavar="DOC")
@common_options
def command(ctx: Context, doc: str) -> int:
    """Show one document (by id, id prefix, source path or URL): metadata, cleaned text, removals."""
    with open_store(ctx) as store:
        d = store.document(doc)
    if d is None:
        raise InputNotFound(doc, "no such document in the store (or the prefix is ambiguous)")
    if ctx.json:
        emit_json(document_record(d))
        return 0
    out = [f"id:        {d.id}", f"outlet:    {d.outlet or '-'}",
           f"published: {d.published or '-'}{' (inferred)' if d.published_inferred else ''}",
           f"title:     {d.title or '-'}", f"source:    {d.source_path or d.url or '-'}"]
    if d.duplicate_of:
        out.append(f"duplicate of: {d.duplicate_of}")
    out += ["", d.text, "", f"removed ({len(d.removed)}):"]
    out += [f"  [{r.kind}/{r.rule}] {r.text}" for r in d.removed]
    click.echo("\n".join(out))
    return 0
