"""Gender from the text itself, eighth session: a courtesy title on a surname shared by two full names
chooses the one of its gender when the text marks one of them ("Mrs. Hillary Clinton", "Mr. Bill
Clinton").  No list of first names.  Invented sentences."""

from __future__ import annotations

import pytest

from claimledger.extract.document import extract_document

from .extract_helpers import PUB, named

pytestmark = pytest.mark.model


def speaker_of(text: str, words: str) -> str | None:
    return next(s for s, _, t in named(text) if words in t)


def test_mrs_with_a_shared_surname_means_the_woman_the_text_marks() -> None:
    text = ("Mrs. Dana Reed spoke in Ohio on Monday. Tom Reed joined her later. "
            "Mrs. Reed said the campaign was going well. Mr. Reed said the crowds were large.")
    assert speaker_of(text, "campaign was going well") == "Dana Reed"
    assert speaker_of(text, "crowds were large") == "Tom Reed"


def test_mr_with_a_shared_surname_means_the_one_not_marked_as_a_woman() -> None:
    # the latest full name is Dana Reed, but she is "Mrs. Reed": "Mr. Reed" can only be Tom Reed
    text = ("Tom Reed spoke in Ohio on Monday. Mrs. Dana Reed joined him later. "
            "Mr. Reed said the campaign was going well.")
    assert speaker_of(text, "campaign was going well") == "Tom Reed"


def test_a_later_title_in_the_text_decides_an_earlier_shared_surname() -> None:
    text = ("Dana Reed and Tom Reed arrived in Ohio on Monday. Mrs. Reed said the campaign was going well. "
            "Mr. Tom Reed greeted the crowd.")
    assert speaker_of(text, "campaign was going well") == "Dana Reed"


def test_without_gender_evidence_a_shared_surname_keeps_the_latest_full_name() -> None:
    text = "Dana Reed and Tom Reed arrived in Ohio on Monday. Mrs. Reed said the campaign was going well."
    assert speaker_of(text, "campaign was going well") == "Tom Reed"


def test_a_pronoun_does_not_mark_the_gender_of_the_only_person_named() -> None:
    # a he/she may mean a speaker never named: "she" here is not John Brown, and must not make him
    # a woman for the later "he" (a review found this rule, tried and dropped in the eighth session)
    text = ('John Brown was arrested on Monday. "He was always quiet," she said. '
            "Later he said he was innocent.")
    assert speaker_of(text, "he was innocent") == "John Brown"


def test_without_gender_evidence_centering_keeps_the_previous_subject() -> None:
    # no title, no pronoun before: first names are not read (no name lists), the subject stays the center
    text = "John Brown met Mary White on Tuesday. She said the meeting was useful."
    assert speaker_of(text, "meeting was useful") == "John Brown"


def test_a_courtesy_title_is_no_role_that_speaks_for_the_last_organisation() -> None:
    """"Spokesperson X" after "The State Department said" speaks for it; "Mrs. Clinton" does not
    (her affiliation was the last organisation named, so fusion counted her as that government)."""
    text = ("The State Department said on Monday that the review was closed. Mrs. Clinton said the server "
            "was secure.\n\nSpokesperson Matthew Miller said the department would not comment further.")
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    aff = {s.name: s.affiliation for s in ex.sources}
    assert aff["Hillary Clinton"] is None
    assert aff["Matthew Miller"] == "U.S. Department of State"


@pytest.mark.parametrize(("second", "name"), [
    ("Mr. Miller, a spokesman, said the department would not comment.", "Miller"),
    ("Ms. Psaki, a spokeswoman, said the department would not comment.", "Psaki"),
    ("Matthew Miller, a spokesman, said the department would not comment.", "Matthew Miller"),
])
def test_a_bare_role_as_appositive_speaks_for_the_last_organisation(second: str, name: str) -> None:
    text = "The State Department said on Monday that the review was closed.\n\n" + second
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    assert {s.name: s.affiliation for s in ex.sources}[name] == "U.S. Department of State"


@pytest.mark.parametrize("second", ["John Smith, an analyst, said the strike was unusual.",
                                    "John Smith, a professor, said the talks would resume."])
def test_an_appositive_role_that_speaks_for_no_one_takes_no_affiliation(second: str) -> None:
    text = "The Pentagon said the strike hit a depot.\n\n" + second
    ex = extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")
    assert {s.name: s.affiliation for s in ex.sources}["John Smith"] is None
