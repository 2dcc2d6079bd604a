"""Extraction of invented sentences for the attribution tests (the model is loaded once per process)."""

from __future__ import annotations

import datetime

from claimledger.extract.document import extract_document
from claimledger.models import Claim

PUB = datetime.date(2024, 10, 10)


def claims(text: str) -> list[Claim]:
    """The claims of ``text`` as one document of The Daily Planet published on ``PUB``."""
    return list(extract_document(text, document_id="d", content_hash="h", published=PUB,
                                 outlet="The Daily Planet").claims)


def by(text: str, source: str) -> list[Claim]:
    """The claims whose source mention contains ``source``."""
    return [c for c in claims(text) if c.source_mention is not None and source in c.source_mention.text]


def named(text: str) -> list[tuple[str | None, list[str], str]]:
    """Per claim: its source's name (None: the outlet's voice), its intermediaries' names, its text."""
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    names = {s.id: s.name for s in ex.sources}
    return [(names.get(c.source_id or ""), [names[v] for v in c.via], c.text) for c in ex.claims]
