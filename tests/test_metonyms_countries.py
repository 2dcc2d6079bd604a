"""Capitals and demonyms of the countries added with the news agencies of their states speak for
their governments ("Riyadh said", "Egyptian officials"), and a person named like a country or city
stays a person.  Invented sentences, real extractor."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import extract_document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Riyadh said the talks would resume next week.", "Saudi government", "SA"),
    ("Cairo warned that the crossing would stay closed.", "Egyptian government", "EG"),
    ("Madrid said the fishing fleet would return on Monday.", "Spanish government", "ES"),
    ("Abu Dhabi said the flights would resume.", "Emirati government", "AE"),
])
def test_a_capital_speaks_for_its_government(text: str, name: str, country: str) -> None:
    ex = extract_document(text, document_id="d1", content_hash="h1", published=datetime.date(2024, 3, 1),
                          outlet="The Daily Planet")
    (claim,) = ex.claims
    src = next(s for s in ex.sources if s.id == claim.source_id)
    assert (src.name, src.country) == (name, country)


def test_officials_of_a_new_country_carry_its_code() -> None:
    ex = extract_document("Kuwaiti officials said the oil terminal was undamaged.", document_id="d1",
                          content_hash="h1", published=datetime.date(2024, 3, 1), outlet="The Daily Planet")
    (claim,) = ex.claims
    assert next(s for s in ex.sources if s.id == claim.source_id).country == "KW"
