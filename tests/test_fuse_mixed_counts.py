"""Lead sentences that pack several facts: a figure of one counted thing that agrees wins over
another that conflicts, for merging ("10 killed and 50 injured" / "10 killed and 80 injured" state
the toll alike), while relations still see the conflict (pairs.compare_counts ``strict``)."""

from __future__ import annotations

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.features import build_table
from claimledger.fuse.pairs import QTY_CONFLICT, QTY_MATCH, compare_counts
from claimledger.fuse.propositions import _Groups
from claimledger.fuse.records import FuseClaim, FuseDocument
from claimledger.settings import Settings

from .fuse_ledgers import claim, doc, one_story, qty

FS = FusionSettings(embedder="hashing")
D1, D2, D3 = doc("1", "Outlet A", "2024-03-03"), doc("2", "Outlet B", "2024-03-03"), doc("3", "Outlet C", "2024-03-04")


def lead(cid: str, d: FuseDocument, killed: int, injured: int) -> FuseClaim:
    text = f"An earthquake struck the coast on Sunday, killing {killed} people and injuring {injured} people."
    k, i = text.index(str(killed)), text.index(f"{injured} people.")
    return claim(cid, d, text, None, quantities=(
        qty(str(killed), killed, killed, killed, "exact", "people", at=k),
        qty(str(injured), injured, injured, injured, "exact", "people", at=i)))


def test_an_agreeing_figure_wins_over_a_conflicting_one_for_merging_only() -> None:
    rows = [lead("a", D1, 10, 50), lead("b", D2, 10, 80), lead("c", D3, 3, 80)]
    table = build_table([D1, D2, D3], rows, settings=FS)
    a, b = np.asarray([0, 0, 1]), np.asarray([1, 2, 2])
    # 10 killed both, 50 vs 80 injured: a match; 10 vs 3 killed (the first figures, the main
    # statement), whatever the injured: a conflict
    assert compare_counts(table, a, b, 1.25).tolist() == [QTY_MATCH, QTY_CONFLICT, QTY_CONFLICT]
    assert compare_counts(table, a, b, 1.25, strict=True).tolist() == [QTY_CONFLICT, QTY_CONFLICT, QTY_CONFLICT]
    groups = _Groups(table, 1.25)
    assert groups.conflict(0, 1) is None
    assert groups.conflict(0, 2) is not None


def test_two_leads_that_agree_on_the_toll_are_one_proposition() -> None:
    rows = [lead("a", D1, 10, 50), lead("b", D2, 10, 80), lead("c", D3, 3, 50)]
    out = run([D1, D2, D3], [], rows, settings=Settings(), fusion=FS, stories=one_story(D1, D2, D3))
    of = {c: p.id for p in out.propositions for c in p.claim_ids}
    assert of["c_a"] == of["c_b"]  # the toll agrees: one statement of it
    assert of["c_c"] != of["c_a"]  # 3 killed: another toll, kept apart whatever else agrees


def test_a_vague_amount_worded_alike_does_not_outweigh_a_conflict() -> None:
    """"several villages" on both sides is a match on its own, but too weak to join two different tolls."""
    def vague_lead(cid: str, d: FuseDocument, killed: int) -> FuseClaim:
        text = f"An earthquake destroyed several villages on Sunday, killing at least {killed} people."
        v, k = text.index("several"), text.index(str(killed))
        return claim(cid, d, text, None, quantities=(
            qty("several", 3, 3, 9, "vague", "village", at=v),
            qty(str(killed), killed, killed, None, "at_least", "people", at=k)))

    rows = [vague_lead("a", D1, 10), vague_lead("b", D2, 3), vague_lead("c", D3, 10)]
    table = build_table([D1, D2, D3], rows, settings=FS)
    assert compare_counts(table, np.asarray([0, 0]), np.asarray([1, 2]), 1.25).tolist() == [QTY_CONFLICT, QTY_MATCH]
    assert _Groups(table, 1.25).conflict(0, 1) is not None
