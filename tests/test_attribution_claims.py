"""Claims assembled from frames: errors the fusion stage reported, one phrase-level test per bug
(invented sentences of the same shapes as wire copy)."""

from __future__ import annotations

import datetime
import re

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.models import Claim, Source

pytestmark = pytest.mark.model

PUB = datetime.date(2024, 10, 25)


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")


def src(ex: Extraction, c: Claim) -> Source | None:
    return next((s for s in ex.sources if s.id == c.source_id), None)


def test_but_clause_with_own_subject_stays_in_reported_content() -> None:
    ex = run("The mayor said rebel fighters are already inside the city, but the army hasn't seen any "
             "armoured vehicles yet.")
    hits = [c for c in ex.claims if "armoured vehicles" in c.text]
    assert hits, [c.text for c in ex.claims]
    s = src(ex, hits[0])
    assert s is not None and s.name.lower() == "the mayor"
    assert "rebel fighters" in hits[0].text


def test_semicolon_clause_is_not_content_of_the_next_speaker() -> None:
    ex = run("The governor said the dam was damaged; the utility has not confirmed the flooding.")
    by_name = {(s.name if (s := src(ex, c)) else None): c for c in ex.claims}
    assert "the dam was damaged" in by_name["The governor"].text
    assert "The governor" not in by_name["the utility"].text


def test_coordinated_predicate_after_denial_is_its_own_claim() -> None:
    ex = run("Paris and Berlin deny any sale of missiles but agreed to expand their naval drills in March "
             "when the two ministers met.")
    denials = [c for c in ex.claims if c.stance == "denies"]
    assert len(denials) == 2 and all("expand" not in c.text for c in denials)
    second = [c for c in ex.claims if "expand their naval drills" in c.text]
    assert second and all(c.stance == "asserts" for c in second)
    ex = run("Paris and Berlin deny any sale of missiles but stepped up their naval drills in March.")
    outlet = [c for c in ex.claims if c.source_id is None]
    assert len(outlet) == 1 and outlet[0].text.startswith("stepped up their naval drills")


def test_both_is_never_part_of_a_source_name() -> None:
    ex = run("Spain moved first. Both Portugal and Spain have denied the reports.")
    names = {s.name for c in ex.claims if (s := src(ex, c)) is not None}
    assert names and not any(n.lower().startswith(("both", "either", "neither")) for n in names)
    assert len([c for c in ex.claims if c.stance == "denies"]) == 2


_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def test_said_on_is_always_a_calendar_date() -> None:
    ex = run("The ministry said last week that the convoy arrived. \u201cThis is new,\u201d he said for a day. "
             "Officials previously said the road was closed.")
    assert ex.claims
    for c in ex.claims:
        assert c.said_on is not None and _DATE.fullmatch(c.said_on), (c.text, c.said_on)


def test_bare_role_takes_the_affiliation_of_the_organisation_that_spoke() -> None:
    ex = run("The State Department said it was concerned. Spokesperson Jane Porter said the move was reckless.")
    c = next(c for c in ex.claims if "reckless" in c.text)
    s = src(ex, c)
    assert s is not None and s.name == "Jane Porter"
    assert s.affiliation == "U.S. Department of State" and s.country == "US"


def test_organisation_title_gives_affiliation() -> None:
    ex = run("State Department spokesperson Jane Porter said the move was reckless.")
    s = src(ex, ex.claims[0])
    assert s is not None and s.affiliation == "U.S. Department of State" and s.country == "US"
