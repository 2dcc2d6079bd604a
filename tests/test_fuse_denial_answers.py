"""A thin denial answers a claim before it in its document (fuse.features.answered_claims): the
similarities and the relations read the same answered claim.  Invented sentences, real extractor."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import extract_document
from claimledger.fuse import FusionSettings
from claimledger.fuse.features import build_table
from claimledger.fuse.records import FuseClaim, FuseDocument
from claimledger.report.serialize import claim_record

pytestmark = pytest.mark.model

FS = FusionSettings(embedder="hashing")


def answers(text: str) -> dict[str, str | None]:
    """Each claim's text -> the text of the claim it answers (None)."""
    ex = extract_document(text, document_id="d1", content_hash="h1", published=datetime.date(2024, 5, 2),
                          outlet="The Daily Planet")
    claims = sorted((FuseClaim(id=c.id, document_id="d1", start=c.start, end=c.end, text=c.text,
                               source_id=c.source_id, via=c.via, stance=c.stance, hedged=c.hedged,
                               hedges=tuple(h.cue for h in c.hedges), said_on=c.said_on,
                               record=claim_record(c, proposition_id="p")) for c in ex.claims), key=lambda c: c.id)
    doc = FuseDocument(id="d1", outlet="The Daily Planet", published="2024-05-02", title=None, text=text,
                       duplicate_of=None, entities=())
    table = build_table([doc], claims, settings=FS)
    return {c.text: (claims[int(table.answers[i])].text if table.answers[i] >= 0 else None)
            for i, c in enumerate(claims)}


def test_a_thin_denial_steps_over_a_comment_to_the_claim_it_answers() -> None:
    got = answers("Western officials said the northern army had moved 300 tanks to the border. "
                  "If that is true, it would be the largest build-up in a decade, an analyst said. "
                  "The defence ministry denied the reports.")
    denial = next(t for t in got if "reports" in t)
    answered = got[denial]
    assert answered is not None and "300 tanks" in answered


def test_a_denial_with_words_of_its_own_answers_nothing() -> None:
    got = answers("Western officials said the northern army had moved 300 tanks to the border. "
                  "The defence ministry denied moving any tanks or artillery near the border crossing.")
    assert all(v is None for v in got.values())


def test_assertions_answer_nothing() -> None:
    got = answers("The mayor said the bridge would reopen on Monday. The police said the road was closed.")
    assert all(v is None for v in got.values())


def test_a_denial_with_a_word_of_its_own_answers_only_a_claim_sharing_it() -> None:
    shares = answers("Western officials said the northern army had moved 300 tanks to the border. "
                     "The ministry denied the tank reports.")
    assert any(v is not None and "300 tanks" in v for v in shares.values())
    apart = answers("Western officials said the northern army had moved 300 tanks to the border. "
                    "The ministry denied the bribery reports.")
    assert all(v is None for v in apart.values())
