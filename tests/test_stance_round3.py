"""Stance rules of the third round (eval/README.stance.md, "Third round"), read off the errors of
eval/gold/stance_dev2.jsonl: denials inside what a source says (its own denial verb, "disagree
with", fabrication, a false statement noun, "wrong to say"), evasions ("demurred", "deflected
questions"), dismissals ("brushed off the concerns"), requests that ask for information ("declined
an interview request"), "not going to say", and a proposal called absurd.  Every sentence is
invented; each rule has a case it must leave alone."""

from __future__ import annotations

import pytest

from claimledger.extract.document import extract_document
from claimledger.extract.stance import StanceLexicon

from .stance_helpers import PUB, stance_of_source


def stances(text: str) -> list[str]:
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    return [c.stance for c in ex.claims]


def test_lexicon_lists_load() -> None:
    lex = StanceLexicon.load()
    assert "disagree" in lex.with_denials and ("make", "up") in lex.fabrication_verbs
    assert "request" in lex.request_nouns and "demur" in lex.decline_verbs
    assert "speculate" in lex.negated_decline_verbs and "call" in lex.proposal_for_nouns


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "stance"), [
    # the source's own denial verb inside its quotation ...
    ('"I reject these accusations completely," Senator Harlan Voss said.', "Voss", "denies"),
    ('The mayor said on Monday that she "rejects the latest remarks about the budget."', "mayor", "denies"),
    # ... not a rejected plan, nor a third party's rejection
    ('"I reject this plan for the harbour," Senator Harlan Voss said.', "Voss", "asserts"),
    ("The mayor said the council rejected the offer.", "mayor", "asserts"),
    # 'disagree with' a statement denies it; with a person it does not
    ('"We disagree strongly with those claims," the company said.', "company", "denies"),
    ('"We disagree with the governor on many things," the company said.', "company", "asserts"),
    # fabrication of a statement ...
    ("The senator told reporters he believed the aide had made up the story.", "senator", "denies"),
    ('"This was, in my view, made up," the senator told reporters.', "senator", "denies"),
    # ... not 'made up' a share
    ("The senator said young voters made up a third of the crowd.", "senator", "asserts"),
    # a statement noun called false inside what the source says ...
    ("The lawyer said the rival was using categorically false claims to win attention.", "lawyer", "denies"),
    ('"Leaks have tried to create a false narrative," said Dana Kroll, a spokeswoman.', "Dana Kroll", "denies"),
    # ... not a charge of filing one, nor a false choice
    ("The prosecutor said the driver was charged with filing a false report.", "prosecutor", "asserts"),
    ("The candidate said voters face a false choice.", "candidate", "asserts"),
    # wrong / misleading about a saying
    ("The governor said the families were wrong in their recollections that she had left early.", "governor",
     "denies"),
    ("The governor said the committee was wrong to say she had left early.", "governor", "denies"),
    ('"It is misleading to imply that the bill was a bailout," the adviser wrote.', "adviser", "denies"),
    ("The governor said the latest polls are wrong.", "governor", "denies"),
    ('"It was wrong to compare the two programmes," the adviser wrote.', "adviser", "asserts"),
    # a refusal inside what the source says, with a modal
    ("Senator Mara Dell said she would not identify the donors.", "Dell", "declines"),
    ("Senator Mara Dell said the bank did not identify the donors.", "Dell", "asserts"),
])
def test_content_stance(text: str, source: str, stance: str) -> None:
    assert stance_of_source(text, source) == stance


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "stance"), [
    # evasions: no object, or an object asking for information ...
    ("Asked whether he would run again, Senator Harlan Voss demurred.", "Voss", "declines"),
    ("On Tuesday, Senator Harlan Voss deflected several questions about the merger.", "Voss", "declines"),
    # dismissals of a statement ...
    ("The minister brushed off these concerns.", "minister", "denies"),
    ("The minister shrugged off the report's findings.", "minister", "denies"),
    # phrasal denial with 'against' parsed under 'back'
    ("The campaign pushed back against the senator's attack on her record.", "campaign", "denies"),
    # a request that asks for information
    ("Earlier on Sunday, Senator Harlan Voss declined an interview request from the paper.", "Voss", "declines"),
    ("During the inquiry, the lawyer rebuffed several requests for interviews.", "lawyer", "declines"),
    # 'not going to say'
    ('"I am not going to say whether it was a mistake," the coach said.', "coach", "declines"),
    # a proposal called absurd is judged, not denied
    ('The senator blasted the mayor\'s call for a new stadium on Monday, calling it "absurd."', "senator",
     "asserts"),
    ("The senator blasted the mayor's report, calling it \"absurd.\"", "senator", "denies"),
])
def test_frame_stance(text: str, source: str, stance: str) -> None:
    assert stance_of_source(text, source) == stance


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The company used the loophole to dodge billions of dollars in taxes.",
    "The merger was crafted to sidestep federal rules on inversions.",
    "Clinton sought to brush aside her loss in Michigan.",
    "The declined offer was never mentioned again.",
])
def test_acts_are_no_refusals(text: str) -> None:
    assert all(s == "asserts" for s in stances(text)), stances(text)
