"""Contradictions need the denial's matter (GUIDELINES.md, "Relations"): a thin denial answers the
claim of its document before it, the assertion must share what is denied, one sentence never
contradicts itself, and the reason names the claims.  Similarities are fixed so that the rule,
not the embedder, decides."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import numpy as np
import pytest

from claimledger.fuse import FusionSettings
from claimledger.fuse import relations as relations_mod
from claimledger.fuse.features import build_table, content_tokens
from claimledger.fuse.origins import assign_origins
from claimledger.fuse.pairs import score_pairs
from claimledger.fuse.records import FuseClaim, FuseDocument, Relation
from claimledger.fuse.relations import find_relations

from .fuse_ledgers import HUR, KIRBY, PESKOV, RU_GOV, SOURCES, US_GOV, ZELENSKY, claim, doc, qty

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
DOCS = (D1, D2)


def relations(claims: list[FuseClaim], similarity: float = 0.35,
              settings: FusionSettings = FS) -> tuple[list[Relation], list[FuseClaim]]:
    """Every pair a candidate at ``similarity``, each claim its own proposition ``p_<claim id>``."""
    claims = sorted(claims, key=lambda c: c.id)
    table = build_table(DOCS, claims, settings=settings)
    origins = assign_origins(table, DOCS, SOURCES, {})
    pairs = np.asarray(list(itertools.combinations(range(len(claims)), 2)), np.int64)
    ps = score_pairs(table, pairs, origins.of_claim, settings=settings)
    object.__setattr__(ps, "text", np.full(len(pairs), similarity, np.float32))
    label = np.arange(len(claims), dtype=np.int32)
    ids = [f"p_{c.id[2:]}" for c in claims]
    return find_relations(table, claims, ps, label, origins, ids, settings=settings), claims


def contradicted(rels: list[Relation], denial: str) -> set[str]:
    return {r.to_id[2:] for r in rels if r.kind == "contradicts" and r.from_id == f"p_{denial}"}


MUNITIONS = "North Korea has sent large amounts of munitions, including artillery shells, to Russia"
PACT = "the two countries signed a mutual defence pact in June that deepens their military ties"


def test_thin_denial_contradicts_the_claim_it_answers_not_the_whole_story() -> None:
    rels, _ = relations([
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("shells", D2, "Pyongyang shipped millions of artillery shells to Moscow", HUR, start=0),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ])
    assert contradicted(rels, "deny") == {"ammo", "shells"}
    why = next(r.reason for r in rels if r.kind == "contradicts" and r.to_id == "p_ammo")
    assert "answers that claim" in why and "North Korea has sent large amounts" in why


def test_a_denial_of_the_same_sentence_steps_back_to_the_claim_answered() -> None:
    """Two governments' denials in one sentence are two claims: the second answers what the first does."""
    rels, _ = relations([
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny1", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("deny2", D1, "the allegations", PESKOV, stance="denies", start=230),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ])
    assert contradicted(rels, "deny2") == {"ammo"}


def test_a_comment_on_the_previous_statement_is_stepped_over() -> None:
    rels, _ = relations([
        claim("fight", D1, "it was concerned by the reports of North Korean soldiers fighting for Russia", KIRBY,
              start=0),
        claim("if", D1, "If that's true, it would mark a significant increase in the relationship", KIRBY,
              start=100),
        claim("hoax", D1, "it was a hoax", PESKOV, stance="denies", start=200),
        claim("front", D2, "North Korean soldiers are fighting alongside Russian troops near Kursk", HUR),
    ])
    assert contradicted(rels, "hoax") == {"fight", "front"}


def test_one_topical_modifier_does_not_carry_a_contradiction() -> None:
    """"military" is shared, but the denial is about personnel sent to fight, the other about a treaty."""
    rels, _ = relations([
        claim("deny", D1, "claims of Pyongyang sending military personnel to fight in Ukraine as a hoax", PESKOV,
              stance="denies"),
        claim("ratify", D2, "Russian lawmakers ratified the military agreement with North Korea", US_GOV),
        claim("troops", D2, "North Korean troops are fighting in Ukraine", HUR, start=200),
    ])
    assert contradicted(rels, "deny") == {"troops"}


def test_claims_of_one_sentence_never_contradict_each_other() -> None:
    sentence = {"sentence_span": [0, 120]}

    def in_sentence(c: FuseClaim) -> FuseClaim:
        return dataclasses.replace(c, record={**c.record, **sentence})

    rels, _ = relations([
        in_sentence(claim("deny", D1, "any transfer of arms", RU_GOV, stance="denies", start=20)),
        in_sentence(claim("ties", D1, "committed to strengthening their military ties and arms cooperation", RU_GOV,
                          start=50)),
        claim("shells", D2, "Pyongyang transferred arms and artillery shells to Moscow", HUR),
    ])
    assert contradicted(rels, "deny") == {"shells"}


def test_a_denying_proposition_keeps_its_best_contradictions_only() -> None:
    claims = [claim("deny", D1, "claims that North Korean soldiers are in Russia are a hoax", PESKOV, stance="denies")]
    claims += [claim(f"say{i}", D2, f"North Korean soldiers are in Russia, report {i}", HUR, start=100 * i)
               for i in range(5)]
    rels, _ = relations(claims, settings=dataclasses.replace(FS, max_contradictions_per_denial=2))
    assert len(contradicted(rels, "deny")) == 2
    rels, _ = relations(claims)
    assert len(contradicted(rels, "deny")) == 5


def test_relations_do_not_depend_on_input_order() -> None:
    claims = [
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("shells", D2, "Pyongyang shipped millions of artillery shells to Moscow", HUR, start=0),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ]
    assert relations(claims)[0] == relations(claims[::-1])[0]


# --- differs and supports: one counted thing of one matter; support is not related content ---------


def rich(cid: str, d: FuseDocument, text: str, who: Any, *, start: int = 0, figure: str | None = None,
         value: float = 0.0, unit: str | None = None, qualifier: str = "exact", names: tuple[str, ...] = (),
         hedges: tuple[str, ...] = ()) -> FuseClaim:
    """A claim with a figure (``figure`` found in ``text``), named entities and hedge cues, at the
    document offsets a real record has."""
    low_v, high_v = (value, None) if qualifier == "at_least" else (value, value)
    qs = (qty(figure, value, low_v, high_v, qualifier, unit, at=start + text.index(figure)),) if figure else ()
    c = claim(cid, d, text, who, start=start, hedged=bool(hedges), quantities=qs)
    ents = [{"text": n, "span": [start + text.index(n), start + text.index(n) + len(n)]} for n in names]
    return dataclasses.replace(c, hedges=hedges, record={**c.record, "entities": ents, "hedges": list(hedges)})


def kinds(rels: list[Relation], kind: str) -> set[tuple[str, str]]:
    return {(r.from_id[2:], r.to_id[2:]) for r in rels if r.kind == kind}


def test_counts_of_one_qualified_thing_differ_but_a_part_of_it_does_not() -> None:
    rels, _ = relations([
        rich("3000", D1, "at least 3,000 North Korean soldiers had arrived in eastern Russia", US_GOV,
             figure="at least 3,000", value=3000.0, unit="soldier", qualifier="at_least",
             names=("North Korean", "Russia")),
        rich("12000", D2, "12,000 North Korean troops are expected to be deployed in Russia", HUR,
             figure="12,000", value=12000.0, unit="troop", names=("North Korean", "Russia")),
        rich("eight", D2, "a mercenary said that eight North Korean soldiers were killed in Kursk", ZELENSKY,
             start=300, figure="eight", value=8.0, unit="soldier", names=("North Korean", "Kursk")),
    ])
    assert {frozenset(p) for p in kinds(rels, "differs")} == {frozenset({"3000", "12000"})}
    why = next(r.reason for r in rels if r.kind == "differs")
    assert "'12,000' vs 'at least 3,000'" in why and "the same counted thing (north korea)" in why


def test_amounts_of_money_with_one_unit_do_not_differ_without_one_matter() -> None:
    """"$7.25 an hour" (a minimum wage) and "$21.22 an hour" (a worker's pay): the unit is shared, the matter not."""
    rels, _ = relations([
        rich("wage", D1, "Sanders wants the national minimum wage, now $7.25 an hour, to be raised", US_GOV,
             figure="$7.25", value=7.25, unit="dollar", names=("Sanders",)),
        rich("pay", D2, "After 14 years on the assembly line, she earns $21.22 an hour", HUR,
             figure="$21.22", value=21.22, unit="dollar"),
    ])
    assert not kinds(rels, "differs")


def test_one_origin_gives_one_figure_of_a_thing_a_day() -> None:
    """Two figures of one unit in one speaker's statements of one day count two things (total vs held)."""
    rels, _ = relations([
        rich("up", D1, "In all, 691 delegates are up for grabs Tuesday in five states", US_GOV,
             figure="691", value=691.0, unit="delegate"),
        rich("held", D1, "Going into Tuesday, Cruz has 370 delegates up for grabs in his count", US_GOV, start=200,
             figure="370", value=370.0, unit="delegate"),
    ], similarity=0.6)
    assert not kinds(rels, "differs")


def test_related_content_alone_is_no_support() -> None:
    rels, _ = relations([
        claim("issues", D1, "Obviously, some people have some issues with the super PAC", US_GOV),
        claim("pac", D2, "two billionaire hedge fund managers started a super PAC", HUR),
    ], similarity=0.45)
    assert not kinds(rels, "supports")


def test_an_assessment_of_the_reports_supports_the_plain_claim() -> None:
    rels, _ = relations([
        rich("likely", D1, "the minister called the reports of North Korean troops helping Russians highly likely",
             KIRBY, names=("North Korean", "Russians"), hedges=("highly likely",)),
        rich("ground", D2, "North Korean soldiers are supporting Russian troops on the ground", HUR,
             names=("North Korean", "Russian")),
        rich("doubt", D2, "the reports of North Korean troops helping Russians are highly unlikely", ZELENSKY,
             start=300, names=("North Korean", "Russians"), hedges=("highly unlikely",)),
    ])
    got = kinds(rels, "supports")
    assert got == {("likely", "ground")}  # from the assessment to the plain claim; "unlikely" supports nothing
    why = next(r.reason for r in rels if r.kind == "supports")
    assert "assessment" in why and "(highly likely)" in why and "shared: help, soldier" in why


def test_a_derived_total_equal_to_another_figure_supports_it() -> None:
    rels, _ = relations([
        rich("brigades", D1, "Kyiv said North Korea units training in Russia are two brigades of 6,000 personnel each",
             ZELENSKY, figure="two brigades of 6,000 personnel each", value=12000.0, unit="personnel",
             names=("Kyiv", "North Korea", "Russia")),
        rich("12000", D2, "12,000 North Korean soldiers are training in Russia", HUR, figure="12,000",
             value=12000.0, unit="soldier", names=("North Korean", "Russia")),
    ], similarity=0.2)
    assert {frozenset(p) for p in kinds(rels, "supports")} == {frozenset({"brigades", "12000"})}
    why = next(r.reason for r in rels if r.kind == "supports")
    assert "agree (best estimates 12,000 and 12,000)" in why


# --- review fixes: assessments by ICD-203 band, plain claims, parts and rates, the word arrays -----


def test_a_very_unlikely_claim_is_no_plain_claim_and_gets_no_support() -> None:
    """"very unlikely" (ICD-203 band 5-20%) judges the statement unlikely: it is not a plain claim
    the "highly likely" assessment could support (it was, when the cue lists were a hand list)."""
    rels, _ = relations([
        rich("likely", D1, "highly likely North Korean troops are fighting alongside Russian forces in Kursk",
             KIRBY, names=("North Korean", "Russian", "Kursk"), hedges=("highly likely",)),
        rich("very", D2, "it is very unlikely that North Korean troops are fighting alongside Russian forces in Kursk",
             ZELENSKY, names=("North Korean", "Russian", "Kursk"), hedges=("very unlikely",)),
        rich("plain", D2, "North Korean troops are fighting alongside Russian forces in Kursk", HUR, start=300,
             names=("North Korean", "Russian", "Kursk")),
    ])
    assert kinds(rels, "supports") == {("likely", "plain")}


def _hedged(text: str, *cues: str, band: str | None = None) -> FuseClaim:
    c = rich("h", D1, text, KIRBY, hedges=cues)
    if band is not None:  # as an export record writes it: the cue with its ICD-203 band
        c = dataclasses.replace(c, record={**c.record, "hedge_cues": [{"cue": x, "band": band} for x in cues]})
    return c


@pytest.mark.parametrize(("cues", "text", "want"), [
    (("highly probable",), "it is highly probable that troops were sent", 1),
    (("nearly certain",), "officials are nearly certain troops were sent", 1),
    (("suspect",), "officials suspect troops were sent", 1),  # a belief: no band, relations.toml likely
    (("believe",), "officials believed troops were sent", 1),  # the extractor writes the lemma
    (("very unlikely",), "it is very unlikely that troops were sent", -1),
    (("highly improbable",), "it is highly improbable that troops were sent", -1),
    (("likely",), "troops are not likely to be sent", -1),  # a negated judgement
    (("believe",), "I don\u2019t believe that\u2019s going to work", -1),
    (("roughly even chance",), "there is a roughly even chance troops were sent", 0),
    (("could",), "troops could be sent", 0),  # a possibility judges nothing
    (("reportedly",), "troops were reportedly sent", 0),  # a report passes a statement on
    (("likely",), "likely voters back the troop plan", 0),  # a polling term
])
def test_assessments_come_from_the_icd203_band(cues: tuple[str, ...], text: str, want: int) -> None:
    assert relations_mod._assessment(_hedged(text, *cues)) == want


def test_the_records_band_decides_and_band_sides_follow_icd203() -> None:
    assert relations_mod._assessment(_hedged("troops were sent", "odd cue", band="very likely: 80-95%")) == 1
    assert relations_mod._assessment(_hedged("troops were sent", "odd cue", band="unlikely: 20-45%")) == -1
    assert [relations_mod.band_side(b) for b in ("almost certain(ly): 95-99%", "likely: 55-80%",
                                                 "roughly even chance: 45-55%", "almost no chance: 01-05%", None)] \
        == [1, 1, 0, -1, 0]


def test_an_assessment_supports_a_claim_hedged_by_a_report_but_not_one_by_a_possibility() -> None:
    """The plain side judges its statement neither way; a report ("reportedly") is made more likely by an
    assessment all the same.  A possibility ("could") is no assessment: it supports nothing."""
    rels, _ = relations([
        rich("likely", D1, "highly likely North Korean troops are fighting alongside Russian forces in Kursk",
             KIRBY, names=("North Korean", "Russian", "Kursk"), hedges=("highly likely",)),
        rich("reported", D2, "North Korean troops are reportedly fighting alongside Russian forces in Kursk", HUR,
             names=("North Korean", "Russian", "Kursk"), hedges=("reportedly",)),
        rich("could", D2, "North Korean troops could be fighting alongside Russian forces in Kursk", ZELENSKY,
             start=300, names=("North Korean", "Russian", "Kursk"), hedges=("could",)),
    ])
    assert kinds(rels, "supports") == {("likely", "reported"), ("likely", "could")}


def test_a_news_outlets_name_does_not_make_an_assessment_one_of_reports() -> None:
    """"NBC News" is an entity and "at a news conference" no statement: the assessment must share most
    of its matter, as one that does not assess reports."""
    text = "NBC News said at a news conference it was highly likely that Pyongyang moved missiles, artillery and tanks"
    c = rich("nbc", D1, text, KIRBY, names=("NBC News", "Pyongyang"), hedges=("highly likely",))
    assert not relations_mod._of_reports(c)
    assert relations_mod._of_reports(rich("r", D1, "called the reports highly likely", KIRBY,
                                          hedges=("highly likely",)))
    rels, _ = relations([c, rich("few", D2, "Pyongyang moved missiles to the border", HUR, names=("Pyongyang",))])
    assert not kinds(rels, "supports")


def _count(text: str, figure: str, value: float, unit: str) -> Any:
    c = rich("q", D1, text, HUR, figure=figure, value=value, unit=unit)
    table = build_table(DOCS, [c], settings=FS)
    matters = relations_mod._Matters(table, [c], FS)
    return relations_mod._Counts(table, [c], matters, FS).count(0, 0)


@pytest.mark.parametrize(("text", "figure", "unit", "part"), [
    ("eight of them were seen near the front", "eight", "soldier", "of a whole"),
    ("44 of the 50 states voted", "44", "state", "of a whole"),
    ("8 out of 10 voters back him", "8", "voter", "of a whole"),
    ("they freed 300, most of whom were soldiers", "300", "person", ""),
    ("12,000 troops of the North Korean army are in Russia", "12,000", "troop", ""),
    ("members of the special forces, 500 members of the unit", "500", "member", ""),
    ("she won 48 percent of the vote", "48", "percent", ""),
    ("Pyongyang sent thousands of its own soldiers to fight", "thousands", "soldier", ""),
])
def test_of_makes_a_part_only_right_after_the_figure(text: str, figure: str, unit: str, part: str) -> None:
    assert _count(text, figure, 8.0, unit).part == part


@pytest.mark.parametrize(("text", "figure", "unit", "part"), [
    ("Ten people were killed and at least 50 injured", "50", "person", "wound"),  # synonym class
    ("at least 50 injured and ten people were killed", "50", "person", "wound"),
    ("the quake, which killed 10, left 50 wounded", "50", "person", "wound"),
    ("killing 10 people", "10", "person", "kill"),
    # the figure's own clause only
    ("the storm killed 5 people and left 200 homeless; 30 were injured", "200", "person", ""),
    ("Ten people were injured, 50 were killed later", "50", "person", "kill"),
    ("50 injured, officials said after 10 were killed", "50", "person", "wound"),
])
def test_a_figure_takes_the_fate_word_nearest_to_it(text: str, figure: str, unit: str, part: str) -> None:
    """Not the alphabetically first of the window's fate words: the 50 of "Ten people were killed and
    at least 50 injured" were injured."""
    assert _count(text, figure, 8.0, unit).part == part


@pytest.mark.parametrize(("text", "figure", "unit", "per"), [
    ("the minimum wage, now $7.25 an hour, is low", "$7.25", "dollar", "hour"),
    ("workers want $15-an-hour pay", "$15", "dollar", "hour"),
    ("the camp takes 90 people a day", "90", "people", "day"),
    ("the town had 500 people a year ago", "500", "people", ""),
    ("12,000 troops a spokesman said were sent", "12,000", "troop", ""),
    ("prices rose 11 per cent", "11", "percent", ""),
])
def test_a_rate_needs_a_rate_unit_and_a_year_ago_is_none(text: str, figure: str, unit: str, per: str) -> None:
    assert _count(text, figure, 8.0, unit).per == per


TEXTS = ("North Korea's troops, reportedly 12,000, aren't fighting yet", "Pyongyang sent the soldiers to Kursk",
         "U.S. officials said the deployment of North Korean troops was highly likely", "it's 7 o'clock in Kyiv",
         "Russian-made shells: 1.5 million rounds and 20-plus missiles", "Kim Jong Un met Putin in Vladivostok")


def test_the_word_arrays_equal_content_tokens_and_the_per_pair_rule() -> None:
    """``_Words`` stores each claim's ``content_tokens`` (entities included) and ``_Matters.shares``
    (numpy, every opposed pair) answers as ``_Matters.shared`` (Python, one pair)."""
    claims = [rich(f"{k}", D1 if k % 2 else D2, t, HUR, start=100 * k,
                   names=tuple(n for n in ("North Korea", "Pyongyang", "Kursk", "Kyiv", "Putin") if n in t),
                   ) for k, t in enumerate(TEXTS)]
    claims += [claim("deny", D1, "the allegations", RU_GOV, stance="denies", start=250),
               claim("deny2", D2, "claims that North Korean soldiers fight in Kursk are a hoax", PESKOV,
                     stance="denies", start=450)]
    claims = sorted(claims, key=lambda c: c.id)
    table = build_table(DOCS, claims, settings=FS)
    matters = relations_mod._Matters(table, claims, FS)
    for row, c in enumerate(claims):
        stored = sorted(matters.store.names[i] for i in matters.store._row(row))
        assert stored == sorted(set(content_tokens(c.text, c.record["entities"], c.start)))
    deny = np.flatnonzero(table.polarity < 0)
    d = np.repeat(deny, len(claims)).astype(np.int64)
    a = np.tile(np.arange(len(claims)), deny.size).astype(np.int64)
    want = [matters.shared(x, y) is not None for x, y in zip(d.tolist(), a.tolist(), strict=True)]
    assert matters.shares(d, a).tolist() == want and any(want) and not all(want)
