"""Stance classes and hedge cues (with ICD-203 bands), phrase by phrase."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.extract.hedges import HedgeLexicon
from claimledger.extract.stance import StanceLexicon, phrase_in

PUB = datetime.date(2024, 10, 10)


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d", content_hash="h", published=PUB, outlet="The Daily Planet")


# --------------------------------------------------------------------------- no model
def test_lexicons_load_with_bands() -> None:
    lex = HedgeLexicon.load()
    bands = {cue: band for entries in lex.phrases.values() for _, cue, band in entries}
    assert bands["highly likely"] == "very likely: 80-95%"
    assert bands["likely"] == "likely: 55-80%"
    assert (bands["almost certainly"] or "").startswith("almost certain")
    assert bands["reportedly"] is None
    assert "believe" in lex.lemmas
    slex = StanceLexicon.load()
    assert "deny" in slex.deny_verbs and "hoax" in slex.deny_as_nouns


def test_phrase_in() -> None:
    ncnd = (("neither", "confirm", "nor", "deny"),)
    assert phrase_in(["he", "would", "neither", "confirm", "nor", "deny", "it"], ncnd)
    assert not phrase_in(["neither", "confirm"], (("neither", "confirm", "nor", "deny"),))


# --------------------------------------------------------------------------- stance (model)
@pytest.mark.model
@pytest.mark.parametrize(("text", "stance"), [
    ("The ministry denied the reports of troop movements.", "denies"),
    ("Kremlin spokesman Dmitry Peskov dismissed the claims of a deployment as a hoax.", "denies"),
    ("The government rejected the allegations of shelling.", "denies"),
    ("The spokesman said the report was a hoax.", "denies"),
    ("The defense minister said there were no boots on the ground.", "denies"),
    ("President Vladimir Putin did not refute the reports of the deployment.", "declines"),
    ("The ministry declined to comment on the reports of the deployment.", "declines"),
    ("The spokesman would neither confirm nor deny that troops had crossed.", "declines"),
    ("\u201cThe specifics of our actions are our own concern,\u201d the president said.", "declines"),
    ("The Kremlin has downplayed the reports of a deployment.", "declines"),
    ("The ministry said that 3,000 troops had arrived in the east.", "asserts"),
    ("The ministry did not deny that the convoy had crossed the border.", "declines"),
])
def test_stance(text: str, stance: str) -> None:
    ex = run(text)
    assert [c.stance for c in ex.claims] == [stance], [(c.text, c.stance) for c in ex.claims]


@pytest.mark.model
def test_speech_act_credited_to_actor() -> None:
    ex = run("President Vladimir Putin did not refute the reports of the deployment.")
    (c,) = ex.claims
    assert next(s for s in ex.sources if s.id == c.source_id).name == "Vladimir Putin"


# --------------------------------------------------------------------------- hedges (model)
@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "band"), [
    ("The army has reportedly sent 500 officers to the border.", "reportedly", None),
    ("The officers were allegedly meeting their counterparts at the base.", "allegedly", None),
    ("At least some troops were purported to have engaged in combat this week.", "purported", None),
    ("Intelligence officials believe that the troops arrived in the east.", "believe", None),
    ("The units could be deployed to the front by the end of the year.", "could", None),
    ("Some soldiers may have already been killed in the strike.", "may", None),
    ("The troops might reach the front next month, the official said.", "might", None),
    ("The minister said it is highly likely that more troops will be sent.", "highly likely", "very likely: 80-95%"),
    ("The agency said an attack is likely within weeks.", "likely", "likely: 55-80%"),
    ("The officers are suspected of running the program, officials said.", "suspected", None),
    ("The unconfirmed reports said that the convoy had crossed the river.", "unconfirmed", None),
    ("Some workers appear to have been dispatched to the region.", "appear", None),
    ("Now, apparently, the government is sending soldiers to the front.", "apparently", None),
    ("The apparent attack killed 12 people, officials said.", "apparent", None),
    ("Officials said an attack is almost certainly planned for the spring.", "almost certainly",
     "almost certain(ly): 95-99%"),
])
def test_hedge_cues(text: str, cue: str, band: str | None) -> None:
    ex = run(text)
    hedges = [h for c in ex.claims for h in c.hedges]
    hit = [h for h in hedges if h.cue == cue]
    assert hit, [(c.text, [h.cue for h in c.hedges]) for c in ex.claims]
    assert hit[0].band == band
    assert text[hit[0].start:hit[0].end].lower().startswith(hit[0].text.lower()[:3])


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The ministry said that 3,000 troops had arrived in the east.",
    "The convoy appeared at the border crossing on Monday morning.",
    "The talks will resume in May, the foreign minister said.",
    # a clause the parser hangs on "appeared" from the left is no complement of it
    "President Obama endorsed her \u2013 they appeared together on the campaign trail hours later, the paper said.",
    # predicative "apparent" means evident (also when the parser hangs it on a noun before it)
    "It was apparent that the talks had failed, diplomats said.",
    "Her use of a private domain was both known by a large number of people and readily apparent, the report said.",
])
def test_not_hedged(text: str) -> None:
    assert not any(c.hedged for c in run(text).claims)


@pytest.mark.model
def test_modal_in_unrelated_relative_clause_is_not_a_hedge() -> None:
    ex = run("The ministry said the soldiers, who could not be identified, arrived on Monday.")
    assert not any(c.hedged for c in ex.claims)


@pytest.mark.model
def test_conditional_would_is_a_hedge() -> None:
    ex = run("\u201cIf that is true, it would mark a significant increase in the relationship,\u201d "
             "the spokesman said.")
    assert any(h.cue == "if" for c in ex.claims for h in c.hedges)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The Pentagon did not disclose how many troops were sent.",
    "The ministry declined to say whether the troops had arrived.",
    "Seoul neither confirmed nor denied the report.",
])
def test_did_not_disclose_declines(text: str) -> None:
    ex = run(text)
    assert ex.claims and all(c.stance == "declines" for c in ex.claims if c.source_id), \
        [(c.text, c.stance) for c in ex.claims]
