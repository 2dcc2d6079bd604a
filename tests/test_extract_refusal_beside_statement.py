"""A refusal beside a statement (GUIDELINES.md "one claim per statement per source"): "X said C but
declined to comment on D" is X's assertion C and X's refusal, and a non-response of another party
("...; the ministry did not respond to a request for comment") takes nothing from C.  Every
sentence is invented; the negatives must stay as they were."""

from __future__ import annotations

import pytest

from .extract_helpers import by, claims

ASSERTION = "the budget would be balanced next year"


@pytest.mark.model
@pytest.mark.parametrize(("text", "refusal"), [
    # the parser hangs "declined" as a second complement of "said" (with this name; a conjunct of
    # "said" with others)
    ("Finance Minister John Smith said the budget would be balanced next year but declined to comment on the tax "
     "plan.", "to comment on the tax plan"),
    # a verb group of its own after the content's modal
    ("Finance Minister John Ortiz said the budget would be balanced next year but would not say when taxes would "
     "rise.", "when taxes would rise"),
    ("Finance Minister John Ortiz said the budget would be balanced next year but refused to give details of the "
     "cuts.", "to give details of the cuts"),
    ("Finance Minister John Ortiz said the budget would be balanced next year, though he declined to elaborate.",
     "to elaborate"),
    # the other order: the refusal's words are no part of the statement's verb group
    ("Finance Minister John Ortiz declined to comment on the tax plan but said the budget would be balanced next "
     "year.", "to comment on the tax plan"),
    ("Finance Minister John Ortiz would not say when taxes would rise but said the budget would be balanced next "
     "year.", "when taxes would rise"),
])
def test_statement_and_refusal_are_two_claims(text: str, refusal: str) -> None:
    mine = by(text, "Ortiz") + by(text, "Smith") + by(text, "he")
    asserted = [c for c in mine if c.stance == "asserts"]
    declined = [c for c in mine if c.stance == "declines"]
    assert [c.text for c in asserted] == [ASSERTION], [(c.text, c.stance) for c in mine]
    assert [c.text for c in declined] == [refusal], [(c.text, c.stance) for c in mine]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "A police spokesman said three men had been detained; the interior ministry did not respond to a request "
    "for comment.",
    "A police spokesman said three men had been detained, while the interior ministry did not respond to "
    "requests for comment.",
])
def test_non_response_beside_statement(text: str) -> None:
    """The spokesman's assertion stands with its own content; the request for comment is no claim."""
    got = claims(text)
    assert [(c.text, c.stance) for c in got] == [("three men had been detained", "asserts")]
    assert got[0].source_mention is not None and got[0].source_mention.text == "A police spokesman"


@pytest.mark.model
@pytest.mark.parametrize(("text", "other", "other_stance"), [
    ("A police spokesman said three men had been detained, but the interior ministry did not elaborate.",
     "the interior ministry", "declines"),
    ("A police spokesman said three men had been detained, while local officials said most of them were "
     "released.", "local officials", "asserts"),
    ("A police spokesman said three men had been detained; local officials said most of them were released.",
     "local officials", "asserts"),
])
def test_other_speakers_clause_is_not_the_content(text: str, other: str, other_stance: str) -> None:
    spokesman = by(text, "spokesman")
    assert [c.text for c in spokesman] == ["three men had been detained"]
    theirs = by(text, other)
    assert theirs and all(c.stance == other_stance for c in theirs), [(c.text, c.stance) for c in theirs]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "stance"), [
    # no speaker in the contrast clause: it stays in the content
    ("The minister said prices rose sharply in March, while wages fell.",
     "prices rose sharply in March, while wages fell", "asserts"),
    # a shared negation still declines ("neither ... nor", "not ... or")
    ("The ministry would neither confirm nor deny the report.", "the report", "declines"),
    # a semicolon inside the quotation is the speaker's own
    ('"The bridge will reopen in June; the repairs were not rushed," the mayor said.',
     "The bridge will reopen in June; the repairs were not rushed", "asserts"),
])
def test_negatives_unchanged(text: str, content: str, stance: str) -> None:
    got = [c for c in claims(text) if c.source_mention is not None]
    assert [(c.text, c.stance) for c in got] == [(content, stance)]


@pytest.mark.model
def test_not_confirm_but_said_asserts() -> None:
    """'did not confirm D but said C': the negation of the first verb is not the second's."""
    text = "The Pentagon did not confirm the report but said the troops were safe."
    got = {c.text: c.stance for c in claims(text)}
    assert got == {"the report": "declines", "the troops were safe": "asserts"}


@pytest.mark.model
@pytest.mark.parametrize(("text", "refusal"), [
    # a bare refusal with a verb group of its own: no content of its own after it
    ("Mayor Ann Ortiz said the bridge would reopen in June but would not say when.", "would not say when"),
    ("Mayor Ann Ortiz said the bridge would reopen in June but would not speculate.", "would not speculate"),
])
def test_a_bare_refusal_after_a_modal_content_is_the_speakers(text: str, refusal: str) -> None:
    mine = by(text, "Ortiz")
    assert [(c.text, c.stance) for c in mine] == [("the bridge would reopen in June", "asserts"),
                                                  (refusal, "declines")]


@pytest.mark.model
def test_a_refusal_shared_with_a_content_subject_that_can_speak_is_that_subjects() -> None:
    """"Diplomats said Iran would attend ... but would not comment on ...": Iran would not comment (the
    two verbs share their subject; speech acts are credited to the actor), the diplomats assert."""
    text = "Diplomats said Iran would attend the talks but would not comment on its missile programme."
    got = [(c.text, c.stance, c.source_mention.text if c.source_mention else None) for c in claims(text)]
    assert ("Iran would attend the talks", "asserts", "Diplomats") in got
    assert [g for g in got if g[1] == "declines"] == [("its missile programme", "declines", "Iran")]


@pytest.mark.model
def test_a_negated_statement_does_not_pass_its_negation_to_a_refusal_after_but() -> None:
    """The negation of "taxes would not rise" is no part of "but declined to say ..." (a verb after
    "but" shares neither the first verb's words nor its negation), so the refusal is its own claim."""
    text = "Finance Minister John Ortiz said taxes would not rise but declined to say whether spending would be cut."
    assert [(c.text, c.stance) for c in by(text, "Ortiz")] == [
        ("taxes would not rise", "asserts"), ("to say whether spending would be cut", "declines")]


@pytest.mark.model
def test_a_second_speaker_takes_no_figure_from_the_first_speakers_content() -> None:
    """"Police said 12 people were killed, while witnesses said the toll was much higher": the 12 is
    the police's; the witnesses' claim carries no figure (review of the seventh session)."""
    text = "Police said 12 people were killed, while witnesses said the toll was much higher."
    got = {c.source_mention.text if c.source_mention else None: [q.text for q in c.quantities] for c in claims(text)}
    assert got == {"Police": ["12"], "witnesses": []}


@pytest.mark.model
def test_a_second_speaker_named_by_a_common_noun_of_people_gets_its_own_claim() -> None:
    """'..., while the city engineer said D': an engineer can speak, so D is the engineer's claim."""
    text = "The mayor said the bridge would reopen in June, while the city engineer said repairs could take a year."
    got = [(c.source_mention.text if c.source_mention else None, c.text) for c in claims(text)]
    assert got == [("The mayor", "the bridge would reopen in June"),
                   ("the city engineer", "repairs could take a year")]
