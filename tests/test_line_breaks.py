"""Sentences start after a line break (``claimledger_line_breaks``, extract/nlp.py): a headline or
dateline line is not glued to the first sentence below it, while hard-wrapped text keeps its
sentences whole.  Invented text."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.extract.nlp import LINE_BREAKS, hard_wrapped, load_nlp

PUB = datetime.date(2024, 3, 14)


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")


def speakers(ex: Extraction) -> dict[str, str | None]:
    names = {s.id: s.name for s in ex.sources}
    return {c.text: names.get(c.source_id or "") for c in ex.claims}


def test_hard_wrapped_is_told_from_one_paragraph_a_line() -> None:
    paragraphs = ("Flood Hits Coastal Town\n"
                  "The river rose two metres overnight and the town's main bridge was closed, the mayor said.\n"
                  "Rescue teams reached the northern villages by boat on Tuesday, officials said.\n"
                  "Schools will stay shut for the rest of the week, according to the council.\n")
    wrapped = ("The river rose two metres overnight and the town's main\n"
               "bridge was closed, the mayor said on Tuesday, adding that\n"
               "rescue teams had reached the northern villages by boat and\n"
               "that schools would stay shut for the rest of the week.\n")
    assert not hard_wrapped(paragraphs)
    assert hard_wrapped(wrapped)
    assert not hard_wrapped("One line only, no wrapping at all")


@pytest.mark.model
def test_the_component_runs_before_the_parser() -> None:
    names = load_nlp().pipe_names
    assert names.index(LINE_BREAKS) < names.index("parser")


@pytest.mark.model
def test_a_headline_line_does_not_swallow_the_first_sentence() -> None:
    ex = run("https://example.org/news/flood-hits-town-1234.html\n"
             "March 14th, 2024, 08:10 GMT\n"
             "4.8 Flood Surge Hits Harbour Town\n"
             "A flood surge has swept through four villages in the north, killing 12 persons and injuring "
             "30 others, local officials were quoted by Reuters as saying.\n")
    got = speakers(ex)
    claim = next(t for t in got if "swept through four villages" in t)
    assert got[claim] == "local officials"
    assert not any("Harbour Town" in t for t in got)  # the headline is not part of the claim


@pytest.mark.model
def test_hard_wrapped_sentences_stay_whole() -> None:
    ex = run("Officials in the harbour town said on Tuesday that the river had\n"
             "risen two metres overnight and that the main bridge would stay\n"
             "closed until engineers had inspected its northern pillars, and\n"
             "the mayor told reporters that schools would reopen next week.\n")
    got = speakers(ex)
    bridge = next(t for t in got if "main bridge" in t)
    assert "risen two metres" in bridge and got[bridge] is not None
