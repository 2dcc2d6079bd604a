"""The same specific figure of one counted thing restated in another report is strong evidence of one
statement (``pairs.same_figure``, FIGURE_MATCH_BONUS): "10 people were killed" in two reports of one
earthquake.  Small numbers, vague amounts, totals derived from two other figures of the claim, other
bounds, other counted things and other qualifying actors are no such evidence."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.features import QUANTITY_SLOTS, ClaimTable, build_table
from claimledger.fuse.origins import assign_origins
from claimledger.fuse.pairs import QTY_MATCH, same_figure, score_pairs, specific_figures
from claimledger.fuse.records import FuseClaim
from claimledger.settings import Settings

from .fuse_ledgers import SOURCES, claim, doc, one_story, qty

FS = FusionSettings(embedder="hashing")
DOCS = (doc("1", "BBC News", "2005-11-28"), doc("2", "CBC News", "2005-11-27"), doc("3", "USA Today", "2005-11-27"))


def _with_entity(c: FuseClaim, name: str, at: int) -> FuseClaim:
    """``c`` with an entity mention at ``at`` (document offsets, like the claim's quantities)."""
    rec = dict(c.record)
    rec["entities"] = [{"text": name, "canonical": name, "span": [at, at + len(name)]}]
    return dataclasses.replace(c, record=rec)


def _killed(cid: str, d: int, text: str, figure: str, value: float, *, low: float | None = None,
            high: float | None = None, open_high: bool = False, qualifier: str = "exact",
            unit: str = "person") -> FuseClaim:
    start = 100 * (int(cid[-1], 36) + 1)
    at = start + text.index(figure)
    top = None if open_high else (value if high is None else high)
    q = qty(figure, value, value if low is None else low, top, qualifier, unit, at)
    return claim(cid, DOCS[d], text, None, start=start, quantities=(q,))


def _pairs(table: ClaimTable) -> np.ndarray[Any, np.dtype[np.int32]]:
    n = len(table.ids)
    return np.asarray([(i, j) for i in range(n) for j in range(i + 1, n)], np.int32).reshape(-1, 2)


def test_a_figure_restated_in_another_report_adds_the_figure_bonus() -> None:
    a = _killed("a", 0, "The earthquake killed 10 people and injured dozens", "10", 10)
    b = _killed("b", 1, "10 people died when the quake struck the island", "10", 10)
    table = build_table(DOCS, [a, b], settings=FS)
    pairs = _pairs(table)
    origins = assign_origins(table, DOCS, SOURCES, {}).of_claim
    on = score_pairs(table, pairs, origins, settings=FS)
    off = score_pairs(table, pairs, origins, settings=dataclasses.replace(FS, figure_match_bonus=0.0))
    assert on.quantity.tolist() == [QTY_MATCH]
    assert same_figure(table, specific_figures(table, FS.figure_floor), pairs[:, 0], pairs[:, 1]).tolist() == [True]
    assert FS.figure_match_bonus > 0
    assert np.isclose(float(on.score[0] - off.score[0]), FS.figure_match_bonus)


def test_small_vague_and_derived_figures_are_not_specific() -> None:
    small = _killed("a", 0, "The quake destroyed three villages", "three", 3, unit="village")
    vague = _killed("b", 0, "several thousand people fled", "several thousand", float("nan"), low=2000, high=9999,
                    qualifier="vague")
    # "two brigades of 6,000 personnel each": 2 brigades, 6,000 personnel and the derived 12,000
    text = "two brigades of 6,000 personnel each were sent"
    start = 100 * 13
    brigades = claim("c", DOCS[1], text, None, start=start, quantities=(
        qty("two", 2, 2, 2, "exact", "brigade", start),
        qty("6,000", 6000, 6000, 6000, "exact", "personnel", start + 16),
        qty("two brigades of 6,000 personnel each", 12000, 12000, 12000, "exact", "personnel", start)))
    table = build_table(DOCS, [small, vague, brigades], settings=FS)
    row = {cid: i for i, cid in enumerate(table.ids)}
    spec = specific_figures(table, FS.figure_floor)
    assert not spec[row["c_a"]].any()  # 3 < FIGURE_FLOOR
    assert not spec[row["c_b"]].any()  # vague: no best estimate
    got = {float(table.q_best[row["c_c"], s]): bool(spec[row["c_c"], s]) for s in range(QUANTITY_SLOTS)}
    assert got == {2.0: False, 6000.0: True, 12000.0: False}  # 12,000 = 2 x 6,000: derived


def test_other_bounds_things_or_actors_are_not_the_same_figure() -> None:
    a = _killed("a", 0, "The earthquake killed 10 people", "10", 10)
    at_least = _killed("b", 1, "at least 10 people were killed", "at least 10", 10, open_high=True,
                       qualifier="at_least")
    villages = _killed("c", 2, "10 villages were flattened", "10", 10, unit="village")
    troops = _killed("d", 0, "12,000 North Korean troops are in Russia", "12,000", 12000, unit="troop")
    troops = _with_entity(troops, "North Korean", troops.start + 7)
    other = _killed("e", 1, "12,000 Russian troops are in Kursk", "12,000", 12000, unit="troop")
    other = _with_entity(other, "Russian", other.start + 7)
    bare = _killed("f", 2, "12,000 troops have arrived", "12,000", 12000, unit="troop")
    table = build_table(DOCS, [a, at_least, villages, troops, other, bare], settings=FS)
    row = {cid: i for i, cid in enumerate(table.ids)}
    spec = specific_figures(table, FS.figure_floor)

    def same(x: str, y: str) -> bool:
        i, j = sorted((row[x], row[y]))
        return bool(same_figure(table, spec, np.array([i]), np.array([j]))[0])

    assert not same("c_a", "c_b")  # "10" vs "at least 10": other bounds
    assert not same("c_a", "c_c")  # people vs villages
    assert not same("c_d", "c_e")  # North Korean vs Russian troops
    assert same("c_d", "c_f")  # troops with no qualifier may be the North Korean ones


def _reference(table: ClaimTable, spec: np.ndarray[Any, np.dtype[np.bool_]], i: int, j: int) -> bool:
    """Pair by pair, what ``same_figure`` computes over arrays."""
    for sa, sb in itertools.product(range(QUANTITY_SLOTS), repeat=2):
        ea, eb = int(table.q_ent[i, sa]), int(table.q_ent[j, sb])
        if (spec[i, sa] and spec[j, sb] and table.q_cls[i, sa] == table.q_cls[j, sb] and (ea == eb or ea < 0 or eb < 0)
                and table.q_best[i, sa] == table.q_best[j, sb] and table.q_low[i, sa] == table.q_low[j, sb]
                and table.q_high[i, sa] == table.q_high[j, sb]):
            return True
    return False


def test_vectorised_same_figure_equals_the_pair_by_pair_reference() -> None:
    figures = (("10", 10.0, "person"), ("12", 12.0, "person"), ("10", 10.0, "village"), ("5", 5.0, "person"),
               ("1,400", 1400.0, "person"))
    claims = []
    for k in range(24):
        f1, f2 = figures[k % 5], figures[(k // 5) % 5]
        text = f"Reports said {f1[0]} and then {f2[0]} in all"
        start = 200 * k
        qs = (qty(f1[0], f1[1], f1[1], f1[1], "exact", f1[2], start + 13),
              qty(f2[0], f2[1], f2[1], None if k % 3 == 0 else f2[1], "exact", f2[2], start + 23 + len(f1[0])))
        claims.append(claim(f"{k:02d}", DOCS[k % 3], text, None, start=start, quantities=qs))
    table = build_table(DOCS, claims, settings=FS)
    spec = specific_figures(table, FS.figure_floor)
    pairs = _pairs(table)
    got = same_figure(table, spec, pairs[:, 0], pairs[:, 1])
    want = [_reference(table, spec, int(i), int(j)) for i, j in pairs]
    assert got.tolist() == want and 0 < sum(want) < len(want)


def test_reports_of_one_figure_join_one_proposition() -> None:
    # worded apart (text similarity near 0): the shared figure is what joins them
    a = _killed("a", 0, "Rescuers said 10 died on the island", "10", 10)
    b = _killed("b", 1, "The toll reached 10 by Monday evening", "10", 10)
    c = _killed("c", 2, "Hospitals confirmed 10 dead after the tremor", "10", 10)
    settings = Settings(db=":memory:")
    for fs, together in ((FS, True), (dataclasses.replace(FS, figure_match_bonus=0.0), False)):
        fusion = run(DOCS, SOURCES, [a, b, c], settings=settings, fusion=fs, stories=one_story(*DOCS))
        sizes = sorted(len(p.claim_ids) for p in fusion.propositions)
        assert (sizes == [3]) is together, (fs, sizes)
