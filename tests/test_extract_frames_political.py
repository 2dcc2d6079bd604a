"""Attribution frames of political copy (extract/attribution.py, attribution_forms.py): speech acts
named by their occasion ("backed her up in an interview", "sent a letter ... seeking answers"), a
cue in a relative clause on a thing, an embedded question, a future testimony, a fronted quotation
the writer goes on paraphrasing, and coordinations the parser gets wrong.  Every sentence is
invented; each rule has a negative that must stay as it was."""

from __future__ import annotations

import pytest

from claimledger.extract.attribution_subjects import words

from .extract_helpers import claims


def speakers(text: str) -> list[str | None]:
    """The source mention of each claim (None: the outlet's voice), in order."""
    return [c.source_mention.text if c.source_mention is not None else None for c in claims(text)]


def test_event_lists_load() -> None:
    from claimledger.extract.attribution_forms import _word_list
    assert "interview" in _word_list("speech_events") and "letter" in _word_list("sent_statements")
    assert "send" in _word_list("statement_senders") and "say" in words("speech")


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker"), [
    # a verb of support done in an interview, a letter sent: the actor's speech act
    ("Governor Ellen Marsh backed the senator up in an interview last May on Channel Nine.", "Governor Ellen Marsh"),
    ("Senator Paul Ridley sent a letter to the mayor, seeking more answers about the closure of the bridge.",
     "Senator Paul Ridley"),
    # a cue in a relative clause on a thing does not outrank the speaker of a fronted quotation
    ('"If the city obtains additional City Hall records, it intends to search them for records" that would '
     "respond to requests from Common Cause, City Hall senior trial counsel Mara Lewis Quist wrote in a court "
     "filing.", "City Hall senior trial counsel Mara Lewis Quist"),
    # "X announced that C1 and would face D, but that C2": one statement of X's
    ("On Tuesday, Reyes announced that Marsh was \u201cextremely careless\u201d with public money and in the "
     "normal course of administrative sanctions would face some punishment for her actions, but that her "
     "conduct did not rise to the level of a crime.", "Reyes"),
])
def test_speech_act_is_credited_to_actor(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


@pytest.mark.model
def test_participle_joined_to_cue_is_no_outlet_claim() -> None:
    text = ('"The office will send these records to the court," county counsel Ida Brandt wrote in a letter '
            "dated Monday and filed in federal court in Denver.")
    assert speakers(text) == ["county counsel Ida Brandt"]


@pytest.mark.model
def test_embedded_question_makes_no_claim_of_its_subject() -> None:
    text = ("Judge Ross put off deciding whether the union could question the mayor but said the group "
            "could come back later with that request.")
    assert "the union" not in speakers(text) and "Judge Ross" in speakers(text)


@pytest.mark.model
def test_future_testimony_is_the_outlets_statement() -> None:
    text = "On Thursday, Reyes will testify before the Senate Finance Committee about the decision to close the plant."
    assert speakers(text) == [None]
    # negated now: a refusal of the speaker's, not a future event
    assert speakers("Mayor Dana Reyes will not comment on the closure of the bridge.") == ["Mayor Dana Reyes"]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Governor Ellen Marsh spent the day in a press conference with reporters from the capital.",
    "The police arrested two men in Denver after a statement from the mayor's office.",
])
def test_other_verbs_in_an_occasion_are_no_speech(text: str) -> None:
    assert "Governor Ellen Marsh" not in speakers(text) and "The police" not in speakers(text)
