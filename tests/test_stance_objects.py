"""Stance rules measured on eval/gold/stance_public.jsonl (eval/README.stance.md): what a denial
verb rejects (a statement, or an act or thing), which refusals decline to confirm, copular denials."""

from __future__ import annotations

import pytest

from claimledger.extract.stance import StanceLexicon

from .stance_helpers import stance_of_source


def test_lexicon_lists_load() -> None:
    lex = StanceLexicon.load()
    assert "allegation" in lex.claim_nouns and "idea" in lex.clause_only_nouns
    assert "entry" in lex.withhold_objects and "identify" in lex.decline_complements
    assert "interview" in lex.passive_complements and "detail" in lex.information_nouns


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "stance"), [
    # a denial verb whose object is a statement denies ...
    ("The ministry rejected the notion that its troops had crossed the border.", "ministry", "denies"),
    ("The governor dismissed criticism from the mayor.", "governor", "denies"),
    ("The embassy rejected any suggestion that it had paid the group.", "embassy", "denies"),
    ("The spokesman dismissed the critics who called the vote rigged.", "spokesman", "denies"),
    ("The ministry denied any role in the attack.", "ministry", "denies"),
    # ... one whose object is an act, an offer or a person does not
    ("The mayor rejected the offer of a televised debate.", "mayor", "asserts"),
    ("The board rejected both nominees on Tuesday.", "board", "asserts"),
    ("The committee rejected the idea of a second hearing.", "committee", "asserts"),
    ("The court denied him a hearing on Monday.", "court", "asserts"),
    ("The agency denied entry to the journalists.", "agency", "asserts"),
    # a negated denial verb declines only for a statement
    ("The minister did not dispute that the convoy had crossed the border.", "minister", "declines"),
    ("The council did not reject the offer of a ceasefire.", "council", "asserts"),
    # refusing to say declines; refusing to act, or to be named, does not
    ("The spokesman declined to identify the officers involved.", "spokesman", "declines"),
    ("The aide declined to give details of the talks.", "aide", "declines"),
    ("The general declined to be interviewed for this article.", "general", "declines"),
    ("The spokesmen would not discuss the investigation.", "spokesmen", "declines"),
    ("The minister declined to endorse the plan.", "minister", "asserts"),
    # copular denials of a claim
    ("The spokesman said the report was misleading.", "spokesman", "denies"),
    ("The ministry said the claims were wrong.", "ministry", "denies"),
    ("The senator said it was wrong to compare the two wars.", "senator", "asserts"),
])
def test_stance_by_object(text: str, source: str, stance: str) -> None:
    assert stance_of_source(text, source) == stance


@pytest.mark.model
def test_declined_to_be_named_is_no_decline() -> None:
    text = "\u201cThe shelling went on all night,\u201d said a resident who declined to be named."
    assert stance_of_source(text, "resident") == "asserts"
