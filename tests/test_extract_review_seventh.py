"""What the seventh session's second review found (invented sentences): rules of that session's
pronoun, frame and intermediary work must not take a speaker, a claim or an intermediary that the
text does not give."""

from __future__ import annotations

import pytest

from .extract_helpers import named as claims


def speakers(text: str) -> list[str | None]:
    return [s for s, _, _ in claims(text)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker"), [
    # a relative clause on a thing that *says* is still a frame (only "show", "respond" ... are a thing's)
    ("He filed a lawsuit that alleges the company hid the defects.", "a lawsuit"),
    ("The company, which said profits fell, cut 500 jobs.", "The company"),
    # centering never takes the subject of what the pronoun's own verb reports
    ("Senator Ann Black attacked the budget on Monday. Governor Tom Reed is lying about the budget, she said.",
     "Ann Black"),
    # a participle inside the content after "that" is no citing frame of the reporting verb
    ("The minister said that, citing experts, the government would raise taxes next year.", "The minister"),
])
def test_the_speaker_the_text_gives(text: str, speaker: str) -> None:
    assert speakers(text)[-1] == speaker, claims(text)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "A lawyer for the woman who told CNN about the assault said the case was closed.",
    "The mayor, whose aide spoke to Fox News, said the plan was dead.",
])
def test_an_intermediary_only_from_a_clause_on_the_speaker_itself(text: str) -> None:
    speaker_claim = [c for c in claims(text) if c[2].endswith(("closed", "dead"))]
    assert speaker_claim and speaker_claim[0][1] == [], claims(text)


@pytest.mark.model
def test_a_person_named_in_a_clause_is_no_intermediary_and_no_pronoun_antecedent() -> None:
    text = ("Tom Reed said the plan was secret. The aide, who spoke to Judge Ann Lee, said the plan was secret. "
            "He said the files were gone.")
    assert claims(text)[-1] == ("Tom Reed", [], "the files were gone")
    assert claims(text)[1][1] == []


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The White House issued a statement on Monday.",
    "Police released a statement from the victim's family.",
])
def test_issuing_a_statement_says_nothing_by_itself(text: str) -> None:
    assert all(s is None for s in speakers(text)), claims(text)


@pytest.mark.model
def test_a_speech_event_claim_leaves_the_occasion_out() -> None:
    assert claims("The governor supported the plan during a press conference on Tuesday.") == [
        ("The governor", [], "the plan")]


@pytest.mark.model
def test_a_title_on_a_surname_two_people_share_gives_no_gender() -> None:
    """"Mrs. Clinton" after Hillary and Bill Clinton says nothing about Bill: a later "he" may still be
    him (the claim was lost when "Mrs." marked the wrong full name as a woman)."""
    text = ("Hillary Clinton campaigned with her husband, Bill Clinton, on Monday. Mrs. Clinton said the race was "
            "close. \u201cWe will win,\u201d he said.")
    assert claims(text)[-1] == ("Bill Clinton", [], "We will win")
