"""One claim per statement (extract/claim_parts.py): where a sentence of one source holds two
statements, two claims, each with its own content, stance, hedges, quantities and times.
Invented sentences of the shapes of wire copy."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from claimledger.extract import claim_parts
from claimledger.extract.claim_parts import clause_parts, statement_context
from claimledger.extract.document import Extraction, extract_document
from claimledger.extract.nlp import load_nlp
from claimledger.models import Claim

pytestmark = pytest.mark.model

PUB = datetime.date(2024, 10, 25)


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(claim_parts, "SPLIT_FRAMES", True)
    monkeypatch.setattr(claim_parts, "SPLIT_CLAUSES", True)
    yield


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")


def parts(text: str) -> list[str]:
    doc = load_nlp()(text)
    return [doc[p.start:p.end].text for p in clause_parts(doc, 0, len(doc))]


def name(ex: Extraction, c: Claim) -> str | None:
    return next((s.name for s in ex.sources if s.id == c.source_id), None)


def test_coordinated_full_clauses_are_two_parts() -> None:
    assert parts("The army has sent 500 tanks to the border, and the navy may have moved two frigates "
                 "into the bay.") == ["The army has sent 500 tanks to the border",
                                      "the navy may have moved two frigates into the bay."]
    assert parts("The convoy reached the northern border on Monday, but the drivers have not crossed "
                 "into the city yet.")[1].startswith("the drivers")


def test_what_is_not_two_statements_stays_whole() -> None:
    whole = [
        "The company sold tanks, trucks and rifles to the army, including 40 howitzers.",  # noun phrases
        "The soldiers crossed the river and attacked the town before dawn.",  # one subject
        "It is a global conflict, and it affects everybody.",  # a short conjunct
        "If the talks fail, the army will attack the town and the navy will blockade the port.",  # condition
    ]
    for text in whole:
        assert len(parts(text)) == 1, text


def test_said_a_and_that_b_drops_the_second_complementiser() -> None:
    doc = load_nlp()("Officials said 3,000 soldiers were training in the east and that some units had "
                     "already reached the front in October.")
    cut = clause_parts(doc, 2, len(doc))
    assert [doc[p.start:p.end].text for p in cut] == [
        "3,000 soldiers were training in the east", "some units had already reached the front in October."]
    assert [p.root.lemma_ for p in cut] == ["train", "reach"]


def test_a_split_inside_a_quotation_is_not_used() -> None:
    doc = load_nlp()("The army has sent 500 tanks to the border, and the navy may have moved two frigates.")
    inside = clause_parts(doc, 0, len(doc), quoted=lambda pos: True)
    assert len(inside) == 1


def test_statement_context_cuts_the_sentence_at_the_other_statement() -> None:
    text = "Officials said the convoy left at dawn, and that the drivers were tired."
    a = (text.index("the convoy"), text.index(", and"))
    b = (text.index("the drivers"), len(text) - 1)
    assert text[slice(*statement_context(a, [a, b], (0, len(text)), text))] == "Officials said the convoy left at dawn"
    assert text[slice(*statement_context(b, [a, b], (0, len(text)), text))] == "the drivers were tired."


def test_one_claim_per_statement_with_its_own_fields(split: None) -> None:
    text = ("Officials said on Tuesday that 3,000 soldiers were training in the east, and that the reports "
            "of shelling in the capital were a hoax.")
    ex = run(text)
    assert len(ex.claims) == 2, [c.text for c in ex.claims]
    first, second = sorted(ex.claims, key=lambda c: c.start)
    assert first.text == "3,000 soldiers were training in the east"
    assert second.text == "the reports of shelling in the capital were a hoax"
    assert {name(ex, c) for c in ex.claims} == {"Officials"}
    assert first.cue is not None and first.cue == second.cue
    assert (first.stance, second.stance) == ("asserts", "denies")
    assert [q.value for q in first.quantities] == [3000] and not second.quantities
    # the time on the cue's side ('said on Tuesday') is the first part's; both were said then
    assert [t.text for t in first.times] == ["Tuesday"] and not second.times
    assert first.said_on == second.said_on == "2024-10-22"
    assert first.id != second.id
    assert [c.id for c in run(text).claims] == [c.id for c in ex.claims]


def test_hedge_belongs_to_its_own_statement(split: None) -> None:
    ex = run("South Korean officials said the soldiers are supporting Russian troops on the ground, and some "
             "may have already been killed in the fighting.")
    by_text = {c.text.split()[0]: c for c in ex.claims}
    assert set(by_text) == {"the", "some"}
    assert not by_text["the"].hedged and by_text["some"].hedged


def test_adding_that_is_a_second_claim_with_its_own_cue(split: None) -> None:
    ex = run("The minister called the reports highly likely on Tuesday, adding that Seoul expects Pyongyang "
             "to send more personnel next month.")
    cues = sorted((c.cue.text if c.cue else "", c.text) for c in ex.claims)
    assert [c for c, _ in cues] == ["adding", "called"]
    assert cues[0][1] == "Seoul expects Pyongyang to send more personnel next month"
    assert all(name(ex, c) == "The minister" for c in ex.claims)


def test_an_object_is_not_a_statement_of_its_own(split: None) -> None:
    ex = run("Asked about the allegation on Thursday, the Kremlin spokesman said it was a hoax.")
    assert len(ex.claims) == 1 and ex.claims[0].stance == "denies"


def test_off_by_default_one_claim_per_sentence() -> None:
    ex = run("Officials said 3,000 soldiers were training in the east, and that the reports of shelling "
             "in the capital were a hoax.")
    assert len(ex.claims) == 1
    assert ex.claims[0].method == "extract.attribution.rules.v1"


def test_a_split_ledger_names_the_split_in_its_method(split: None) -> None:
    ex = run("Officials said 3,000 soldiers were training in the east, and that the reports of shelling "
             "in the capital were a hoax.")
    assert {c.method for c in ex.claims} == {"extract.attribution.rules.v1+split-frames+split-clauses"}
