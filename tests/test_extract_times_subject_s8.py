"""A month without a year on a noun under a past-tense verb keeps the unmarked reading (eighth
session: making a month on a past clause's subject past was tried and dropped — "the election in
November was postponed" is the coming November).  Invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.extract.document import extract_document

pytestmark = pytest.mark.model

OCT = dt.date(2024, 10, 10)


def month_values(text: str) -> list[tuple[str, str | None]]:
    ex = extract_document(text, document_id="d", content_hash="h", published=OCT, outlet="The Daily Planet")
    return [(t.text, t.value) for t in ex.times]


@pytest.mark.parametrize("text", ["The election in November was postponed.",
                                  "The summit in December was cancelled by the hosts."])
def test_an_event_noun_under_a_past_verb_may_still_be_ahead(text: str) -> None:
    month = text.split(" in ")[1].split()[0]
    assert month_values(text) == [(month, "2024-11" if month == "November" else "2024-12")]


def test_a_month_on_a_past_verb_itself_is_the_last_one() -> None:
    assert month_values("The strike began in September, the union said.") == [("September", "2024-09")]
