"""Independent origins (GUIDELINES.md, "Propositions and origins") on hand-built ledgers."""

from __future__ import annotations

import dataclasses

from claimledger.extract.ids import source_id
from claimledger.fuse import FusionSettings, run
from claimledger.fuse.origins import _Resolver
from claimledger.fuse.records import FuseDocument, FuseSource, Fusion, Proposition
from claimledger.settings import Settings

from .fuse_ledgers import HUR, KIRBY, PESKOV, RU_GOV, SOURCES, UA_OFFICIAL, US_GOV, ZELENSKY, claim, doc, one_story, qty

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "Newsweek", "2024-10-24")
D2 = doc("2", "Defence Talks", "2024-10-25")
D3 = doc("3", "The Kyiv Independent", "2024-10-26")
DOCS = (D1, D2, D3)


def prop(f: Fusion, cid: str) -> Proposition:
    return next(p for p in f.propositions if f"c_{cid}" in p.claim_ids)


def test_officials_of_one_government_are_one_origin_and_a_service_is_its_own() -> None:
    r = _Resolver(SOURCES)
    assert r.key(KIRBY) == r.key(US_GOV) == "gov:US"
    assert r.key(PESKOV) == r.key(RU_GOV) == "gov:RU"
    assert r.key(ZELENSKY) == "gov:UA"
    assert r.key(UA_OFFICIAL) == r.key(HUR) == "src:s_hur"


def test_a_reporter_of_an_agency_speaks_as_the_agency() -> None:
    """"A reporter of the Iranian news agency, IRNA, said ..." and "..., the agency reported": one
    origin, the agency (its reporters report for it)."""
    irna = FuseSource(id="s_irna", name="Islamic Republic News Agency", kind="outlet", affiliation=None,
                      country="IR", aliases=("IRNA",), reliability="F")
    reporter = FuseSource(id="s_rep", name="a reporter of the Iranian news agency", kind="anonymous",
                          affiliation="Islamic Republic News Agency", country="IR", aliases=(), reliability="F")
    r = _Resolver((irna, reporter))
    assert r.key(reporter) == r.key(irna) == "src:s_irna"


def test_two_outlets_relaying_one_statement_count_one_origin() -> None:
    text = "12,000 North Korean troops are expected to be deployed in Russia"
    q = (qty("12,000", 12000, 12000, 12000, "exact", "troop"),)
    f = run(DOCS, SOURCES, [claim("a", D1, text, HUR, quantities=q),
                           claim("b", D2, "some 12,000 North Korean troops are expected in Russia, HUR said",
                                 UA_OFFICIAL, quantities=q)], settings=Settings(), fusion=FS, stories=one_story(*DOCS))
    p = prop(f, "a")
    assert p.claim_ids == ("c_a", "c_b")
    assert (p.outlets, p.independent_origins, p.origin_source_ids) == (2, 1, ("s_hur",))


def test_outlet_voice_counts_per_outlet_unless_copied() -> None:
    pact = "Kim Jong Un and Vladimir Putin signed a mutual defence pact in June that obliges both to help"
    f = run(DOCS, SOURCES, [
        claim("a", D1, pact, None),
        claim("b", D2, pact + " each other", None),  # a near-verbatim copy: derived
        claim("c", D3, "Putin and Kim Jong Un signed a mutual defence pact in June", None),
    ], settings=Settings(), fusion=FS, stories=one_story(*DOCS))
    p = prop(f, "a")
    assert set(p.claim_ids) == {"c_a", "c_b", "c_c"}
    assert p.independent_origins == 2
    assert "copies c_a" in p.merge_reasons["c_b"]
    assert set(p.origin_source_ids) == {source_id("outlet", "Newsweek"), source_id("outlet", "The Kyiv Independent")}
    assert {s.name for s in f.extra_sources} >= {"Newsweek", "The Kyiv Independent"}


def test_every_claim_has_a_merge_reason_and_credibility_is_explained() -> None:
    f = run(DOCS, SOURCES, [claim("a", D1, "North Korean officers were killed near Donetsk", HUR),
                           claim("b", D2, "North Korean officers were killed in a strike near Donetsk", KIRBY),
                           claim("c", D3, "the weather was sunny", None)],
            settings=Settings(), fusion=FS, stories=one_story(*DOCS))
    for p in f.propositions:
        assert set(p.merge_reasons) == set(p.claim_ids) and all(p.merge_reasons.values())
        assert "independent origin" in p.explanation and f"Credibility {p.credibility}" in p.explanation
    assert prop(f, "a").credibility == 1 and prop(f, "a").independent_origins == 2
    assert prop(f, "c").credibility == 6


def test_confirmation_needs_a_strong_pair_of_two_documents() -> None:
    """Two origins confirm each other (credibility 1) only by a pair of their claims from two documents
    scoring at least ``corroboration_min`` (fuse/corroboration.py), whatever grouped them."""
    texts = ("North Korean officers were killed near Donetsk",
             "North Korean officers were killed in a strike near Donetsk")

    def fused(second_doc: FuseDocument, fusion: FusionSettings) -> Proposition:
        f = run(DOCS, SOURCES, [claim("a", D1, texts[0], HUR), claim("b", second_doc, texts[1], KIRBY, start=100)],
                settings=Settings(), fusion=fusion, stories=one_story(*DOCS))
        p = prop(f, "a")
        assert p.claim_ids == ("c_a", "c_b") and p.independent_origins == 2  # grouped either way
        return p

    two_reports = fused(D2, FS)
    assert two_reports.corroboration == (("c_a", "c_b"),) and two_reports.credibility == 1
    one_report = fused(D1, FS)  # the same two statements in one article: one piece of evidence
    assert one_report.corroboration == () and one_report.credibility == 6
    assert "no two of them confirm each other directly" in one_report.explanation
    strict = fused(D2, dataclasses.replace(FS, corroboration_min=1.5))  # the pair is too weak for this bar
    assert strict.corroboration == () and strict.credibility == 6


def _src(sid: str, name: str, kind: str, affiliation: str | None = None) -> FuseSource:
    return FuseSource(id=sid, name=name, kind=kind, affiliation=affiliation, country=None, aliases=(),
                      reliability="F")


def test_a_country_the_metonym_table_does_not_know_still_speaks_as_one_government() -> None:
    # Sudan is not in metonyms.toml: its government is read off "Sudan's foreign ministry"
    ministry = _src("s_sdmin", "Sudan\u2019s foreign ministry", "organization")
    country = _src("s_sd", "Sudan", "organization")
    officials = _src("s_sdoff", "Sudanese officials", "anonymous", "Sudanese")
    spokesman = _src("s_sdspk", "a spokesperson for Sudan's foreign ministry", "anonymous",
                     "for Sudan 's foreign ministry")
    intel = _src("s_sdint", "Sudan's intelligence service", "organization", "Sudan 's intelligence")
    person = _src("s_sdx", "Sudanov", "person")
    r = _Resolver((*SOURCES, ministry, country, officials, spokesman, intel, person))
    assert r.key(ministry) == r.key(country) == r.key(officials) == r.key(spokesman) == "gov:sudan"
    assert r.key(intel) == "src:s_sdint"  # an intelligence service has assessments of its own
    assert r.key(person) == "src:s_sdx"  # a name that merely starts like the country
    assert r.countries["sudan"][0] == "Sudan government"
    assert r.key(KIRBY) == "gov:US"  # known countries are untouched


def test_a_demonym_goes_to_the_country_sharing_the_longest_beginning() -> None:
    niger = _src("s_ne", "Niger's defence ministry", "organization")
    nigeria = _src("s_ng", "Nigeria's foreign ministry", "organization")
    officials = _src("s_ngoff", "Nigerian officials", "anonymous", "Nigerian")
    r = _Resolver((niger, nigeria, officials))
    assert r.key(officials) == r.key(nigeria) == "gov:nigeria"
    assert r.key(niger) == "gov:niger"


def test_without_a_possessive_government_nothing_is_derived() -> None:
    agency = _src("s_agency", "Sundra's Meridian Press Agency", "organization")
    officials = _src("s_off", "Sundran officials", "anonymous", "Sundran")
    r = _Resolver((agency, officials))
    assert r.key(agency) == "src:s_agency"
    assert r.key(officials) == "src:s_off"


def test_possessives_of_companies_people_and_offices_make_no_country() -> None:
    smith = _src("s_ms", "Microsoft's president Brad Smith", "anonymous")
    harvard = _src("s_hv", "Harvard's president", "anonymous")
    harvard_off = _src("s_hvo", "Harvard officials", "anonymous", "Harvard")
    trump = _src("s_tr", "Trump's administration", "organization")
    putin_x = _src("s_px", "Putin's foreign ministry", "person")  # a person's name is never a country
    r = _Resolver((smith, harvard, harvard_off, trump, putin_x))
    assert r.derived == {}
    assert {r.key(s) for s in (smith, harvard, harvard_off, trump, putin_x)} == {
        "src:s_ms", "src:s_hv", "src:s_hvo", "src:s_tr", "src:s_px"}


def test_a_shorter_name_is_not_a_demonym() -> None:
    nigeria = _src("s_ng", "Nigeria's foreign ministry", "organization")
    australia = _src("s_au", "Australia's defence ministry", "organization")
    niger_off = _src("s_ne", "Niger officials", "anonymous", "Niger")
    austrian = _src("s_at", "Austrian officials", "anonymous", "Austrian")
    r = _Resolver((nigeria, australia, niger_off, austrian))
    assert r.key(niger_off) == "src:s_ne" and r.key(austrian) == "src:s_at"
    assert r.key(nigeria) == "gov:nigeria" and r.key(australia) == "gov:australia"


def test_one_name_in_two_kinds_is_one_origin() -> None:
    """A headline's "Paul Ryan: ..." gives a speaker of unknown kind, the body's "House Speaker Paul
    Ryan said" a person: one man, one origin (the person stands for both)."""
    person = _src("s_ryan_person", "Paul Ryan", "person", "Republican U.S. House Speaker")
    label = _src("s_ryan_label", "Paul Ryan", "unknown")
    other = _src("s_other", "Paul Rye", "person")
    r = _Resolver((person, label, other))
    assert r.key(label) == r.key(person) == "src:s_ryan_person"
    assert r.key(other) == "src:s_other"
