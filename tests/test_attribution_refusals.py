"""Denials and refusals the clause-and-object attribution rules missed (extract/attribution_refusals.py):
relative clauses carrying the speech act, negated verbs of telling with nothing said, phrasal
denials, a second cue coordinated into the content, findings of reports.  Every sentence is
invented; each class has negatives that must stay as they were."""

from __future__ import annotations

import pytest

from claimledger.extract.attribution_subjects import words

from .extract_helpers import by, claims


def stance_of(text: str, source: str) -> str | None:
    """The marked stance of ``source``'s claims (a denial or decline first), None without a claim."""
    mine = by(text, source)
    if not mine:
        return None
    marked = [c.stance for c in mine if c.stance != "asserts"]
    return marked[0] if marked else "asserts"


def test_word_lists_load() -> None:
    assert "elaborate" in words("refusals") and "comment" in words("refusals")
    assert "push" in words("phrasal_denials") and "report" in words("findings")


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "stance"), [
    # 1. relative clauses: a gap object of a denial verb is denied ('who' speaks for its antecedent:
    # the tracker's relative resolution, tests/test_attribution.py)
    ("Senator John Halvers spoke in Des Moines. Halvers, who declined a question on the report, left early.",
     "who", "declines"),
    ("The company was accused of fraud in 2019, a charge that Mr. Kettering has always denied.",
     "Kettering", "denies"),
    ("Officials in Kiev say Russian troops crossed the border on Tuesday, which Moscow denied.", "Moscow", "denies"),
    ("Officials in Kiev say Russian troops crossed the border on Tuesday, but Moscow strongly denies.",
     "Moscow", "denies"),
    # 2. a negated verb of telling with nothing said
    ("Mayor Linda Ortez said the budget would be balanced by June. She did not elaborate.", "She", "declines"),
    ("Mayor Linda Ortez met with donors last week. Ortez wouldn't comment for this story.", "Ortez", "declines"),
    ("Mayor Linda Ortez declined comment on the case.", "Ortez", "declines"),
    ("Mayor Linda Ortez declined a question about the budget.", "Ortez", "declines"),
    # 3. phrasal denials of a statement
    ("Mayor Linda Ortez pushed back on claims that the budget was unbalanced.", "Ortez", "denies"),
    ("The governor hit back at reports that he had used state funds for travel.", "governor", "denies"),
    ("Senator John Halvers rebuffed the allegations from his rivals.", "Halvers", "denies"),
    # 4. a second cue the parser hung on the content
    ("Governor Paul Dane insists the deal is legal and refuses to answer questions about it.", "Dane", "declines"),
    ("Governor Paul Dane says that he will stay on and refuses to discuss the audit.", "Dane", "declines"),
    # 5. findings of a report or an investigation
    ('A 2019 inspector general report found "no evidence that officials destroyed the records."', "report",
     "denies"),
    ("An internal investigation found no evidence of wrongdoing by the officers.", "investigation", "denies"),
])
def test_denials_and_refusals_are_the_actors(text: str, source: str, stance: str) -> None:
    assert stance_of(text, source) == stance


@pytest.mark.model
@pytest.mark.parametrize(("text", "source"), [
    # a plan or a person pushed back on is no statement: the outlet's sentence
    ("Mayor Linda Ortez pushed back on the plan to close the school.", "Ortez"),
    ("Mayor Linda Ortez hit back at Governor Dane over the budget.", "Ortez"),
    # 'found' with an object is a finding only for reports and studies
    ("Police found a body near the river on Sunday.", "Police"),
    # a negated verb in a relative clause is no refusal ("what she did not reveal")
    ("She has shown a vulnerability she did not reveal in 2008.", "She"),
    # an offer rebuffed in a relative clause is no statement denied
    ("The president sought suggestions, an offer the leadership rebuffed at a meeting this week.", "leadership"),
    # asking for anonymity says nothing
    ('"The plan is dead," said an aide to the governor, who declined to be identified.', "governor"),
])
def test_no_claim_for_acts(text: str, source: str) -> None:
    assert stance_of(text, source) is None


@pytest.mark.model
def test_positive_and_modal_negatives_stay() -> None:
    # a content whose subject can speak keeps the parse: the minister refused, inside Dane's statement
    assert stance_of("Governor Paul Dane said the minister resigned and refused to comment.", "minister") is None
    # no negation, no refusal: the outlet's sentence
    assert all(c.source_id is None for c in claims("Mayor Linda Ortez elaborated at length in the evening."))
    assert all(c.source_id is None for c in claims("Mayor Linda Ortez did not attend the meeting on Monday."))
    # a vague source ('both nations') is no actor: the sentence stays the outlet's
    out = claims("North Korea has been accused of supplying arms to Russia, a claim both nations have denied.")
    assert [c.source_id for c in out] == [None]


@pytest.mark.model
def test_relative_denial_keeps_the_outer_statement() -> None:
    out = claims("Officials in Kiev say Russian troops crossed the border on Tuesday, which Moscow denied.")
    kiev = [c for c in out if c.source_mention is not None and "Kiev" in c.source_mention.text]
    assert kiev and kiev[0].stance == "asserts" and "Moscow" not in kiev[0].text
    # no outer speaker: the clause before the denial is the outlet's statement, the denial the actor's
    out = claims("The company was accused of fraud in 2019, a charge that Mr. Kettering has always denied.")
    assert sorted((c.source_id is None, c.stance) for c in out) == [(False, "denies"), (True, "asserts")]
