"""A refusal in one clause is not the stance of a statement in another: "X, who declined to comment
on D, said C" asserts C; "Y did not respond to a request for comment, but a spokesman said C" is a
claim of the spokesman (the request's clause is no claim) that asserts C; and a conjunct with its
own subject does not inherit the first verb's negation.  Invented sentences."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document

pytestmark = pytest.mark.model


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=datetime.date(2024, 3, 14),
                            outlet="The Daily Planet")


def stances(ex: Extraction) -> dict[str, tuple[str | None, str]]:
    names = {s.id: s.name for s in ex.sources}
    return {c.text: (names.get(c.source_id or ""), c.stance) for c in ex.claims}


def test_a_relative_refusal_is_not_the_main_statement_s_stance() -> None:
    got = stances(run("The mayor, who declined to comment on the cost, said the bridge would reopen."))
    assert got["the bridge would reopen"] == ("The mayor", "asserts")
    assert ("The mayor", "declines") in got.values()


def test_a_refusal_phrase_of_the_frame_itself_still_counts() -> None:
    got = stances(run("The ministry would neither confirm nor deny the report."))
    assert list(got.values()) == [("the ministry", "declines")]


def test_a_statement_beside_a_request_for_comment_is_a_claim() -> None:
    got = stances(run("The company did not respond to a request for comment, but a spokesman said the plant "
                      "was safe."))
    assert got == {"the plant was safe": ("a spokesman", "asserts")}
    assert not run("The ministry did not respond to a request for comment on Monday about the plant.").claims


def test_not_answering_questions_is_a_refusal() -> None:
    got = stances(run("The campaign manager did not answer questions about the emails."))
    assert list(got.values()) == [("The campaign manager", "declines")]
    # answering the phone is no information asked for: the sentence stays the outlet's
    assert [s for _, s in stances(run("The minister did not answer the phone when we called.")).values()] \
        == ["asserts"]


def test_refusal_and_statement_frames_in_one_sentence_each_keep_their_stance() -> None:
    got = stances(run("The ministry would neither confirm nor deny the report, while officials said the "
                      "convoy had left."))
    assert ("the ministry", "declines") in got.values()
    assert got["the convoy had left"] == ("officials", "asserts")


@pytest.mark.parametrize("text", [
    "Researchers said false claims spread faster than true ones.",  # about such claims, no denial
    "The minister said closing the plant would be wrong.",  # an act judged, not a statement
    "Analysts said voters believe the candidate made up the story.",  # the voters' belief
])
def test_statements_about_falsehood_are_no_denials(text: str) -> None:
    assert [s for _, s in stances(run(text)).values()] == ["asserts"]


def test_evading_by_deed_is_no_refusal() -> None:
    deed = stances(run("Residents ducked for cover as shells fell on the square."))
    assert all(src is None for src, _ in deed.values())
    words = stances(run("The senator ducked the question about her taxes."))
    assert list(words.values()) == [("The senator", "declines")]


def test_a_refusal_ends_where_the_next_clause_begins() -> None:
    got = stances(run("The governor did not answer questions about the budget, but her deputy said cuts were coming."))
    assert got == {"did not answer questions about the budget": ("The governor", "declines"),
                   "cuts were coming": ("her deputy", "asserts")}
