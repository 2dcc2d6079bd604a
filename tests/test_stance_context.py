"""Stance rules from the development half of eval/gold/stance_public.jsonl and unlabelled PolNeAR
train sentences (eval/README.stance.md, "Second round"): an embedded gerund, a rejected proposal,
a person as object, a partitive object, evaluations that are not denials, "declined to weigh in".
Every sentence is invented; each pair shows the rule and what it must leave alone."""

from __future__ import annotations

import pytest

from claimledger.extract.stance import StanceLexicon

from .stance_helpers import stance_of_source


def test_lexicon_lists_load() -> None:
    lex = StanceLexicon.load()
    assert "by" in lex.gerund_preps and "respond" in lex.response_verbs
    assert "propose" in lex.proposal_words and "him" in lex.person_pronouns
    assert "weigh" in lex.decline_complements


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "stance"), [
    # a denial gerund under 'by' of a verb that is no response describes the act: asserts ...
    ("The campaign hurt itself by denying that the meeting took place.", "campaign", "asserts"),
    # ... under a verb of responding it is the source's denial
    ("The company responded by denying that it had broken the law.", "company", "denies"),
    # a pronoun or bare 'idea' after a proposal rejects the proposal ...
    ("The mayor proposed a debate on Friday, but the challenger rejected that.", "challenger", "asserts"),
    ("The mayor proposed a debate on Friday. The challenger rejected the idea as silly.", "challenger", "asserts"),
    # ... without one it stands for a statement
    ("The challenger rejected that, saying the figures were wrong.", "challenger", "denies"),
    # a person is not a statement
    ("Voters are rejecting him.", "Voters", "asserts"),
    ("The critics dismissed her as a lightweight.", "critics", "asserts"),
    ("The minister dismissed it as a fabrication.", "minister", "denies"),
    # a partitive object is judged by the noun after 'of'
    ("The senator rejected several of the claims in the report.", "senator", "denies"),
    ("The governor rejected most of the proposals.", "governor", "asserts"),
    # 'it is absurd that ...' and 'the idea of X is absurd' judge, they do not deny
    ("The mayor said it was absurd that the council had waited so long.", "mayor", "asserts"),
    ("The mayor said it was ridiculous to expect residents to pay more.", "mayor", "asserts"),
    ("The mayor said the idea of a second bridge was absurd.", "mayor", "asserts"),
    ("The mayor said the report was ridiculous.", "mayor", "denies"),
    # a denial adjective on a noun denies only when the noun is a claim
    ("The senator said that was a false choice.", "senator", "asserts"),
    ("The senator said the story was a false narrative.", "senator", "denies"),
    # 'declined to weigh in' declines
    ("The spokesman declined to weigh in on the dispute.", "spokesman", "declines"),
])
def test_stance_context(text: str, source: str, stance: str) -> None:
    assert stance_of_source(text, source) == stance
