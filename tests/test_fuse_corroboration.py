"""Which origins confirm each other directly (fuse/corroboration.py): kept per proposition, found again
after an analyst's merge or split, and read with the confirming claims' hedges (assess/admiralty.py)."""

from __future__ import annotations

from claimledger.fuse import FusionSettings
from claimledger.fuse.overrides import restructure
from claimledger.fuse.records import FuseClaim, Fusion
from claimledger.store.overrides import Override

from .fuse_ledgers import HUR, KIRBY, SOURCES, UA_OFFICIAL, ZELENSKY, claim, doc, fuse_one_story, holding

FS = FusionSettings(embedder="hashing")
D1, D2 = doc("1", "Newsweek", "2024-10-24"), doc("2", "Defence Talks", "2024-10-25")
D3 = doc("3", "The Kyiv Independent", "2024-10-26")
DOCS = (D1, D2, D3)


def fuse(claims: list[FuseClaim]) -> Fusion:
    return fuse_one_story(DOCS, claims)


def override(n: int, kind: str, value: dict[str, object]) -> Override:
    return Override(id=n, kind=kind, target="p_x", value=value, author="Ana", note="",
                    created_at="2024-11-01T10:00:00+00:00")


STRIKE = [claim("a", D1, "Ukrainian drones struck a North Korean unit near Kursk, killing officers", HUR),
          claim("b", D2, "a Ukrainian drone strike near Kursk killed North Korean officers", KIRBY),
          claim("c", D3, "North Korean officers died near Kursk in a Ukrainian drone attack", KIRBY)]


def test_a_split_keeps_a_strong_pair_left_inside_a_part() -> None:
    """Fusion keeps one pair per two origins; a split that takes one claim of it away leaves another
    pair of the same origins inside the part, which still confirms."""
    f = fuse(STRIKE)
    p = holding(f, "a")
    assert p.claim_ids == ("c_a", "c_b", "c_c") and p.credibility == 1
    (kept,) = p.corroboration
    gone = kept[1]
    g = restructure(f, DOCS, SOURCES, STRIKE, [override(1, "proposition.split", {"claim_ids": [gone]})], settings=FS)
    rest = holding(g, "a")
    assert gone not in rest.claim_ids and len(rest.corroboration) == 1 and rest.credibility == 1
    assert holding(g, gone[2:]).credibility == 6


def test_a_confirmation_needs_an_unhedged_confirming_claim() -> None:
    """Two hedged reports that confirm each other stay 2 (probably true) when an unhedged claim of a third
    origin joins without confirming anything."""
    may = "a Ukrainian drone strike near Kursk may have hit a North Korean unit"
    claims = [claim("a", D1, "Ukrainian drones may have struck a North Korean unit near Kursk", HUR, hedged=True),
              claim("b", D2, may, KIRBY, hedged=True),
              claim("c", D3, "North Korean soldiers are near Kursk", ZELENSKY, start=200)]
    f = fuse(claims)
    p = holding(f, "a")
    assert p.claim_ids == ("c_a", "c_b", "c_c") and p.corroboration == (("c_a", "c_b"),)
    assert p.credibility == 2 and "every confirming claim is hedged" in p.explanation


def test_an_analysts_merge_confirms_two_origins_even_inside_one_proposition() -> None:
    """A merge names one claim of each side: the analyst's judgement.  Naming two claims fusion grouped
    without a strong pair (one document) confirms their origins; two claims of one origin confirm nothing."""
    claims = [claim("a", D1, "North Korean officers were killed near Donetsk", HUR),
              claim("b", D1, "North Korean officers were killed in a strike near Donetsk", KIRBY, start=100),
              claim("c", D1, "North Korean officers were killed near Donetsk, an official said", UA_OFFICIAL,
                    start=200)]
    f = fuse(claims)
    p = holding(f, "a")
    assert {"c_a", "c_b"} <= set(p.claim_ids) and p.corroboration == () and p.credibility == 6
    g = restructure(f, DOCS, SOURCES, claims,
                    [override(1, "proposition.merge", {"claim": "c_b", "with_claim": "c_a"})], settings=FS)
    q = holding(g, "a")
    assert q.corroboration == (("c_a", "c_b"),) and q.credibility == 1
    assert "c_c" in p.claim_ids  # HUR and its official are one origin: their merge is no evidence
    h = restructure(f, DOCS, SOURCES, claims,
                    [override(1, "proposition.merge", {"claim": "c_a", "with_claim": "c_c"})], settings=FS)
    assert holding(h, "a").corroboration == () and holding(h, "a").credibility == 6
