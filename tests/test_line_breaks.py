"""Sentences start after a line break (``claimledger_line_breaks``, extract/nlp.py): a headline or
dateline line is not glued to the first sentence below it, while hard-wrapped text keeps its
sentences whole.  Invented text."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.extract.nlp import LINE_BREAKS, load_nlp, wrap_width

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
    assert wrap_width(paragraphs) == 0
    assert wrap_width(wrapped) > 0
    assert wrap_width(wrapped) == sorted(len(line) for line in wrapped.splitlines())[2]  # the 0.8 quantile of 4
    # one overlong line (a URL, an unwrapped paragraph) does not make the wrapped lines "short"
    assert wrap_width(wrapped + "x" * 180 + "\n") <= max(len(line) for line in wrapped.splitlines())
    assert wrap_width("One line only, no wrapping at all") == 0
    quoted = ("He said the river had risen two metres and that \"we will rebuild.\"\n"
              "The mayor said the schools would reopen once the water had gone.\n"
              "Rescue teams reached the northern villages by boat (officials said.)\n")
    assert wrap_width(quoted) == 0  # a closing quote or bracket after the full stop still ends it


@pytest.mark.model
def test_the_component_runs_before_the_parser() -> None:
    names = load_nlp().pipe_names
    assert names.index(LINE_BREAKS) < names.index("parser")


# A short excerpt of ECB+ agency copy (topic 20, ../shared/eval/ecbplus; its URL, dateline and headline
# lines as the corpus has them): the parser glues the lines above to the first sentence unless a
# sentence starts at each line break.
ECB_LEAD = ("http://news.softpedia.com/news/5-9-Earthquake-Jolts-Iran-13476.shtml\n"
            "November 28th, 2005, 09:11 GMT\n"
            "5.9 Earthquake Jolts Iran\n"
            "A 5.9 magnitude earthquake has leveled seven villages in Iran's southern area, killing 10 persons "
            "and wounding other 70, Iranian officials were quoted by AP as saying.\n")


@pytest.mark.model
def test_lines_above_do_not_swallow_the_first_sentence() -> None:
    nlp = load_nlp()

    def speaker() -> str | None:
        ex = extract_document(ECB_LEAD, document_id="d1", content_hash="h1", published=PUB, outlet=None, nlp=nlp)
        names = {s.id: s.name for s in ex.sources}
        claim = next(c for c in ex.claims if "leveled seven villages" in c.text)
        return names.get(claim.source_id or "")

    assert speaker() == "Iranian officials"
    nlp.disable_pipe(LINE_BREAKS)
    try:
        assert speaker() != "Iranian officials"  # the component is what makes the difference
    finally:
        nlp.enable_pipe(LINE_BREAKS)


WRAPPED = ("Officials in the harbour town said on Tuesday that the river had\n"
           "risen two metres overnight and that the main bridge would stay\n"
           "closed until engineers had inspected its northern pillars, and\n"
           "the mayor told reporters that schools would reopen next week.\n")


@pytest.mark.model
def test_hard_wrapped_sentences_stay_whole() -> None:
    got = speakers(run(WRAPPED))
    bridge = next(t for t in got if "main bridge" in t)
    assert "risen two metres" in bridge and got[bridge] is not None


@pytest.mark.model
def test_in_wrapped_text_a_short_line_is_a_headline() -> None:
    """Cleaning joins kept lines with one line break: no blank line marks the headline."""
    got = speakers(run("Flood Surge Hits Harbour Town\n"
                       "The river rose two metres overnight in the old harbour town and swept\n"
                       "away the main bridge on the coast road near the old port. The mayor\n"
                       "said schools would stay shut for the rest of the week and that the\n"
                       "town hall would open its doors to families who had lost their homes.\n"))
    assert any("river rose two metres" in t for t in got)
    assert not any("Harbour Town" in t for t in got)


@pytest.mark.model
def test_in_wrapped_text_a_colon_continues_and_a_closing_quote_ends() -> None:
    colon = run("Officials in the harbour town said on Tuesday that the river had\n"
                "risen two metres overnight and that the main bridge would stay\n"
                "closed until engineers had inspected it. The mayor told reporters:\n"
                "\"Schools will reopen next week once the water has gone down,\" and\n"
                "added that the town hall would stay open through the weekend.\n")
    got = speakers(colon)
    assert got[next(t for t in got if "Schools will reopen" in t)] == "The mayor"
    quote = run("Officials in the harbour town said on Tuesday that the river had\n"
                "risen two metres overnight and that the main bridge would stay shut,\n"
                "adding that the council \"will do everything it can to help.\"\n"
                "The mayor said schools would reopen next week once the water has\n"
                "gone down and that the town hall would stay open at the weekend.\n")
    got = speakers(quote)
    assert got[next(t for t in got if "schools would reopen" in t)] == "The mayor"
