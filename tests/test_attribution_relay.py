"""Intermediaries of wire copy: "X was quoted by Y as saying C", "Y quoted X as saying C", "X said C,
Y reported", "told the AFP news agency", unnamed outlets ("state television"), and a description
whose appositive names the person ("The head of the port authority, Jane Roe, said").  Invented
sentences of the shapes of agency copy."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.extract.sources import SourceRegistry
from claimledger.models import Claim

pytestmark = pytest.mark.model

PUB = datetime.date(2024, 3, 14)


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")


def who(ex: Extraction, c: Claim) -> tuple[str | None, list[str], list[str]]:
    names = {s.id: s.name for s in ex.sources}
    kinds = {s.id: s.kind for s in ex.sources}
    return names.get(c.source_id or ""), [names[v] for v in c.via], [kinds[v] for v in c.via]


def the_claim(ex: Extraction, needle: str) -> Claim:
    hits = [c for c in ex.claims if needle in c.text]
    assert len(hits) == 1, [(c.text, c.source_id) for c in ex.claims]
    return hits[0]


@pytest.mark.parametrize(("text", "source", "via", "content"), [
    ("The port director, Jane Roe, was quoted by state television as saying that the cranes had been repaired.",
     "Jane Roe", "state television", "the cranes had been repaired"),
    ("The official news agency IRNA quoted the mayor of the city, Omid Karimi, as saying the water supply was cut.",
     "Karimi", "Islamic Republic News Agency", "the water supply was cut"),
    ("Harbour master Tomas Berg was quoted by Reuters as saying that two ships had run aground.",
     "Tomas Berg", "Reuters", "two ships had run aground"),
    ("Lena Fischer, the head of the fire brigade, said 40 houses had burned down, the Anadolu news agency reported.",
     "Lena Fischer", "Anadolu Agency", "40 houses had burned down"),
    ("Mayor Paul Dumont told the AFP news agency he did not expect the toll to rise.",
     "Paul Dumont", "Agence France-Presse", "he did not expect the toll to rise"),
    ("The governor told the semi-official news agency that the schools would stay closed.",
     "governor", "the semi-official news agency", "the schools would stay closed"),  # unnamed, still an outlet
])
def test_the_speaker_and_the_outlet_that_relays_them(text: str, source: str, via: str, content: str) -> None:
    ex = run(text)
    c = the_claim(ex, content)
    name, vias, kinds = who(ex, c)
    assert name is not None and source.lower() in name.lower()
    assert vias == [via] and kinds == ["outlet"]


def test_quoted_as_saying_without_an_intermediary() -> None:
    ex = run("The levee will hold through the weekend, the chief engineer was quoted as saying.")
    name, vias, _ = who(ex, the_claim(ex, "The levee will hold"))
    assert name is not None and "engineer" in name and vias == []


def test_a_description_speaks_as_the_person_named_in_its_appositive() -> None:
    ex = run("The head of the regional emergency service, Massimo Conti, told reporters that 13 villages "
             "were damaged.")
    name, _, _ = who(ex, the_claim(ex, "13 villages were damaged"))
    assert name == "Massimo Conti"


def test_a_relayed_clause_holding_more_than_one_statement_stays_the_relays() -> None:
    """"X welcomed A, and B, reported Daily NK": the outlet reports both, X said neither."""
    ex = run("Local officials publicly welcomed the plan, and some workers appear to have been sent to the "
             "region, reported Daily NK, a monitoring group.")
    c = the_claim(ex, "workers appear")
    name, vias, _ = who(ex, c)
    assert name == "Daily NK" and vias == []


@pytest.mark.parametrize(("mention", "name"), [
    ("the AFP news agency", "Agence France-Presse"),
    ("the semi-official news agency ISNA", "Iranian Students' News Agency"),
    ("The official IRNA news agency", "Islamic Republic News Agency"), ("Fox News", "Fox News")])
def test_an_outlet_named_inside_its_description(mention: str, name: str) -> None:
    entry = SourceRegistry.load().lookup(mention)
    assert entry is not None and entry.name == name and entry.kind == "outlet"


def test_a_description_alone_is_no_outlet_of_the_registry() -> None:
    assert SourceRegistry.load().lookup("the news agency") is None


def test_an_unnamed_outlet_is_an_outlet() -> None:
    ex = run("Eleven people were killed in the flood, state television said.")
    c = the_claim(ex, "Eleven people were killed")
    assert next(s for s in ex.sources if s.id == c.source_id).kind == "outlet"


@pytest.mark.parametrize(("text", "needle"), [
    ("A lawyer for the suspect, John Smith, said the confession had been forced.", "confession"),
    ("The mother of the victim, Jane Doe, told reporters that the school had ignored warnings.", "ignored"),
    ("The spokesman for the president, Daniel Ortiz, said the talks would resume.", "talks would resume"),
])
def test_a_name_below_a_person_is_not_the_speaker(text: str, needle: str) -> None:
    """Only below a role ("the head of the service, X") does the appositive name the speaker."""
    ex = run(text)
    name, _, _ = who(ex, the_claim(ex, needle))
    assert name is not None and name.lower().startswith(("a lawyer", "the mother", "the spokesman"))


def test_the_agency_is_the_organisation_not_the_outlet_that_relayed_it() -> None:
    ex = run("The emergency agency said 40 people had died, the Associated Press reported. "
             "The agency said rescue teams had reached every village.")
    name, _, _ = who(ex, the_claim(ex, "rescue teams"))
    assert name is not None and "associated press" not in name.lower()


def test_as_quoted_by_an_outlet_keeps_the_outlet_as_source() -> None:
    ex = run("The toll rose to 13 overnight, as quoted by IRNA.")
    name, _, _ = who(ex, the_claim(ex, "The toll rose"))
    assert name == "Islamic Republic News Agency"


def test_a_province_is_not_the_agency_of_the_same_name() -> None:
    ex = run("The governor of Fars, Ali Karimi, said the roads were open.")
    c = the_claim(ex, "roads were open")
    src = next(s for s in ex.sources if s.id == c.source_id)
    assert src.affiliation != "Fars News Agency"


@pytest.mark.parametrize("mention", ["The Daily Times", "the Saudi press", "Radio Times"])
def test_descriptions_do_not_match_other_outlets(mention: str) -> None:
    entry = SourceRegistry.load().lookup(mention)
    assert entry is None or entry.name not in ("The New York Times", "Saudi Press Agency")


def test_the_media_at_large_is_no_intermediary() -> None:
    ex = run("On Monday the harbour master informed the media that two ships had run aground.")
    _, vias, _ = who(ex, the_claim(ex, "two ships had run aground"))
    assert vias == []


def test_the_newspaper_refers_back_but_the_state_television_is_its_own_outlet() -> None:
    ex = run("The levee held overnight, Reuters reported. The newspaper said the river had crested. "
             "The mayor told the state television that the schools would reopen.")
    name, _, _ = who(ex, the_claim(ex, "the river had crested"))
    assert name == "Reuters"
    _, vias, _ = who(ex, the_claim(ex, "schools would reopen"))
    assert vias == ["the state television"]


def test_every_sentence_of_a_quotation_has_its_intermediary() -> None:
    """'"C1. / C2," X told Reuters.': both sentences are X's, via Reuters (GUIDELINES: a
    multi-sentence quotation is one statement)."""
    ex = run("\"Most of the houses in the valley are not safe to live in any more.\n"
             "By nightfall everyone who needs a tent will have one,\" the head of the relief service, "
             "Jana Novak, told Reuters.\n")
    for needle in ("not safe to live in", "needs a tent"):
        name, vias, _ = who(ex, the_claim(ex, needle))
        assert name == "Jana Novak" and vias == ["Reuters"]


@pytest.mark.parametrize(("text", "via"), [
    ("The minister said on Fox News that the talks had failed.", "Fox News"),
    ("Speaking to Al Jazeera, the minister said the talks had failed.", "Al Jazeera"),
    ("In an interview broadcast on Sunday by CBS, the minister said the talks had failed.", "CBS News"),
    ("The minister said the talks had failed, according to Reuters.", "Reuters"),
])
def test_the_outlet_spoken_on_to_or_relayed_by_is_the_intermediary(text: str, via: str) -> None:
    ex = run(text)
    c = the_claim(ex, "talks had failed")
    name, vias, kinds = who(ex, c)
    assert name is not None and "minister" in name.lower()
    assert vias == [via] and kinds == ["outlet"]
    assert "according" not in c.text  # the relaying phrase is no part of what was said


@pytest.mark.parametrize("text", [
    "The minister said in Geneva that the talks had failed.",
    "The minister said on Monday that the talks had failed.",
    "The minister wrote in his memoir that the talks had failed.",
    "Speaking to reporters, the minister said the talks had failed.",
])
def test_a_place_a_day_or_a_book_is_no_intermediary_nor_a_source(text: str) -> None:
    ex = run(text)
    _, vias, _ = who(ex, the_claim(ex, "talks had failed"))
    assert vias == []
    assert {s.name for s in ex.sources} <= {"The minister", "the minister", "reporters"}


def test_a_name_hung_as_a_clause_is_not_what_was_said() -> None:
    """'... carried by the state news agency KCNA that C': the parser made "KCNA" a clause of
    "said"; what was said is C, and the agency carried it."""
    ex = run("The minister said in a statement carried by the state news agency KCNA that the talks had failed.")
    c = the_claim(ex, "talks had failed")
    name, _, kinds = who(ex, c)
    assert c.text == "the talks had failed" and name == "The minister" and kinds == ["outlet"]


def test_a_carrier_inside_what_is_said_is_no_intermediary() -> None:
    ex = run("The minister said the bill published by the Guardian was a forgery.")
    _, vias, _ = who(ex, the_claim(ex, "forgery"))
    assert vias == []
