"""A month without a year on the subject of a past-tense clause takes the clause's tense, eighth
session ("the decision in October was criticised" in an August report is last October); a month on
an object's event keeps the unmarked reading ("told of a cutback in October": it may be ahead).
Invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.extract.document import extract_document

pytestmark = pytest.mark.model

AUG = dt.date(2024, 8, 20)


def month_values(text: str) -> list[tuple[str, str | None]]:
    ex = extract_document(text, document_id="d", content_hash="h", published=AUG, outlet="The Daily Planet")
    return [(t.text, t.value) for t in ex.times]


def test_a_month_on_the_subject_of_a_past_clause_is_the_last_one() -> None:
    assert month_values("The decision in October was criticised by the unions.") == [("October", "2023-10")]
    assert month_values("Officials said investigators in October found no evidence.") == [("October", "2023-10")]


def test_a_month_on_a_past_verb_itself_is_the_last_one() -> None:
    assert month_values("The strike began in October, the union said.") == [("October", "2023-10")]


def test_a_month_on_an_object_noun_keeps_the_nearer_reading() -> None:
    assert month_values("The minister told of a cutback in October.") == [("October", "2024-10")]


def test_future_and_present_clauses_are_unchanged() -> None:
    assert month_values("The decision in October will be criticised.") == [("October", "2024-10")]
