"""Fusion reading the statements of one sentence (extract/claim_parts.py, switches on): a later
statement is compared as its speaker, its cue and its own words, and never continues the
statement before it in the same sentence.  Invented sentences of the shapes of wire copy, run
through the real extractor."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

import numpy.typing as npt
import pytest

from claimledger.extract import claim_parts
from claimledger.extract.document import extract_document
from claimledger.fuse import FusionSettings, features
from claimledger.fuse.features import ClaimTable, build_table
from claimledger.fuse.records import FuseClaim, FuseDocument
from claimledger.report.serialize import claim_record

pytestmark = pytest.mark.model

PUB = datetime.date(2024, 10, 25)
FS = FusionSettings(embedder="hashing")


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(claim_parts, "SPLIT_FRAMES", True)
    monkeypatch.setattr(claim_parts, "SPLIT_CLAUSES", True)
    yield


def fused(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[ClaimTable, list[FuseClaim], dict[str, str]]:
    """The claim table of one extracted document, and the text fusion embedded for each claim."""
    ex = extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")
    claims = [FuseClaim(id=c.id, document_id="d1", start=c.start, end=c.end, text=c.text, source_id=c.source_id,
                        via=c.via, stance=c.stance, hedged=c.hedged, hedges=tuple(h.cue for h in c.hedges),
                        said_on=c.said_on, record=claim_record(c, proposition_id="p"))
              for c in ex.claims]
    document = FuseDocument(id="d1", outlet="The Daily Planet", published="2024-10-25", title=None, text=text,
                            duplicate_of=None, entities=())
    seen: list[str] = []
    embed = features.embed_texts

    def record(texts: Sequence[str], *, settings: FusionSettings) -> npt.NDArray[Any]:
        seen.extend(texts)
        return embed(texts, settings=settings)

    monkeypatch.setattr(features, "embed_texts", record)
    table = build_table([document], claims, settings=FS)
    return table, sorted(claims, key=lambda c: c.start), dict(zip(table.ids, seen, strict=True))


def test_a_later_statement_reads_as_its_speaker_and_its_own_words(split: None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _, (first, second), texts = fused(
        "South Korean officials said the soldiers are supporting Russian troops on the ground, and some may "
        "have already been killed in the fighting.", monkeypatch)
    assert second.text.startswith("some may")
    # the sentence cut at the first statement is "some may have ..." (no speaker): fusion puts it back
    assert texts[second.id].startswith("South Korean officials said some may have already been killed")
    assert "supporting" not in texts[second.id]
    assert texts[first.id].startswith("South Korean officials said the soldiers are supporting")
    assert "killed" not in texts[first.id]


def test_a_later_statement_of_one_sentence_does_not_continue_the_one_before(
        split: None, monkeypatch: pytest.MonkeyPatch) -> None:
    table, claims, _ = fused(
        "Defence Minister Anna Berg said the army was ready to defend the northern border. She said the army "
        "has sent 500 tanks to the border, and the navy may have moved two frigates into the bay.", monkeypatch)
    assert [c.text.split()[:2] for c in claims] == [["the", "army"], ["the", "army"], ["the", "navy"]]
    row = {cid: i for i, cid in enumerate(table.ids)}
    ready, tanks, frigates = (row[c.id] for c in claims)
    assert table.prev[tanks] == ready and table.prev[frigates] == tanks
    assert bool(table.continues[tanks])  # "She said ...": the minister's statement goes on
    assert not bool(table.continues[frigates])  # the second statement of that sentence is another one


def test_statements_in_the_outlets_voice_are_found_by_their_connective(split: None,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("The army has sent 500 tanks to the border, and the navy may have moved two frigates into the bay. "
            "The convoy reached the northern border on Monday after a long march.")
    table, claims, texts = fused(text, monkeypatch)
    assert len(claims) == 3 and all(c.source_id is None for c in claims)
    row = {cid: i for i, cid in enumerate(table.ids)}
    ordered = sorted(claims, key=lambda c: c.id)  # build_table's row order
    lead = features._statement_parts(ordered, {"d1": text})
    tanks, frigates, convoy = (int(lead[row[c.id]]) for c in claims)
    assert tanks == frigates == row[claims[0].id]  # two statements of one sentence (", and")
    assert convoy == -1  # the next sentence (only a space after the full stop) is not one of them
    assert texts[claims[1].id] == claims[1].text  # no speaker to restore: its own words only


def test_without_the_switches_no_claim_is_a_statement_part(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("South Korean officials said the soldiers are supporting Russian troops on the ground, and some may "
            "have already been killed in the fighting.")
    _, claims, texts = fused(text, monkeypatch)
    assert len(claims) == 1
    assert texts[claims[0].id] == text  # the whole sentence, as before
