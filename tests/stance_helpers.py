"""Shared by the stance tests: the stance of one source's claims in an invented sentence."""

from __future__ import annotations

import datetime

from claimledger.extract.document import extract_document

PUB = datetime.date(2024, 10, 10)


def stance_of_source(text: str, source: str) -> str:
    """The marked stance (denies / declines) of the claims whose source mention holds ``source``,
    else "asserts"; fails when that source has no claim."""
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    mine = [c for c in ex.claims if c.source_mention is not None and source in c.source_mention.text]
    assert mine, [(c.text, c.source_mention) for c in ex.claims]
    marked = [c.stance for c in mine if c.stance != "asserts"]
    return marked[0] if marked else "asserts"
