"""Relations between propositions (GUIDELINES.md, "Relations"), found from the scored candidate
pairs of claims that ended in different propositions.

* contradicts: one asserts what the other denies (opposite stance, same matter).
* updates: a later report on the same matter revises an earlier one: the earlier says something
  has not happened yet and the later says it now has, or the same origin changed its stance.
* differs: one counted thing, best estimates more than 25% apart or intervals that do not meet.
* supports: both assert, close in content without stating the same thing.

"Same matter" = topical similarity >= ``relation_threshold``.  One relation per pair of
propositions (updates > contradicts > differs > supports), each with a one-line reason; at most
``max_relations_per_proposition`` per proposition and kind, best first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import QUANTITY_SLOTS, ClaimTable
from .origins import Origins
from .pairs import QTY_CONFLICT, PairScores, compare_counts
from .records import FuseClaim, Relation, RelationKind

__all__ = ["find_relations"]

_PRIORITY: dict[RelationKind, int] = {"updates": 0, "contradicts": 1, "differs": 2, "supports": 3}
_STANCE = {1: "asserts", -1: "denies", 0: "declines to confirm"}


@dataclass(frozen=True, slots=True)
class _Cand:
    kind: RelationKind
    score: float
    src: int
    dst: int
    reason: str


def _day(d: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(d))).isoformat() if d >= 0 else "undated"


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def _count_reason(table: ClaimTable, claims: Sequence[FuseClaim], a: int, b: int, ratio: float) -> str | None:
    """Why two claims' counts of one thing differ, naming the figures."""
    for sa in range(QUANTITY_SLOTS):
        for sb in range(QUANTITY_SLOTS):
            ca, cb = int(table.q_cls[a, sa]), int(table.q_cls[b, sb])
            ea, eb = int(table.q_ent[a, sa]), int(table.q_ent[b, sb])
            if ca < 0 or ca != cb or ea != eb:
                continue
            qa, qb = _quantity(claims[a], sa), _quantity(claims[b], sb)
            ba, bb = float(table.q_best[a, sa]), float(table.q_best[b, sb])
            thing = table.unit_names[ca]
            if np.isfinite(ba) and np.isfinite(bb) and min(ba, bb) > 0 and max(ba, bb) / min(ba, bb) > ratio:
                lo_a, hi_a = table.q_low[a, sa], table.q_high[a, sa]
                lo_b, hi_b = table.q_low[b, sb], table.q_high[b, sb]
                overlap = max(lo_a, lo_b) <= min(hi_a, hi_b)
                tail = ("; the intervals overlap (an open bound), but the best estimates do not agree"
                        if overlap else "")
                return (f"{thing}: '{qa}' vs '{qb}': best estimates {_fmt(ba)} and {_fmt(bb)} are "
                        f"{max(ba, bb) / min(ba, bb):.1f}x apart{tail}")
            if table.q_low[a, sa] > table.q_high[b, sb] or table.q_low[b, sb] > table.q_high[a, sa]:
                return f"{thing}: '{qa}' vs '{qb}': the intervals do not overlap"
    return None


def _quantity(c: FuseClaim, slot: int) -> str:
    qs = [q for q in (c.record.get("quantities") or ()) if q.get("value") is not None]
    return str(qs[slot].get("text")) if slot < len(qs) else "?"


def find_relations(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
                   origins: Origins, prop_ids: Sequence[str], *, settings: FusionSettings) -> list[Relation]:
    """``claims`` in table row order; ``label`` row -> proposition index into ``prop_ids``."""
    a_all, b_all = ps.pairs[:, 0], ps.pairs[:, 1]
    org = origins.of_claim
    blocked = ps.blocked
    topical = ps.text >= settings.relation_threshold
    pa_all, pb_all = table.polarity[a_all], table.polarity[b_all]
    maybe = topical & (ps.polarity_conflict | ((org[a_all] == org[b_all]) & (pa_all != pb_all))
                       | table.pending[a_all] | table.pending[b_all] | (ps.quantity == QTY_CONFLICT))
    maybe |= (ps.text >= settings.support_threshold) & (pa_all > 0) & (pb_all > 0) & ~blocked
    cross = np.flatnonzero(maybe & (label[a_all] != label[b_all]))
    best: dict[tuple[int, int], _Cand] = {}
    strict_counts = np.zeros(len(a_all), np.int8)
    if cross.size == 0:
        return []
    strict_counts[cross] = compare_counts(table, a_all[cross], b_all[cross], settings.differs_ratio, strict=True)
    names = origins.names
    for k in cross[np.argsort(-ps.score[cross], kind="stable")].tolist():
        a, b = int(a_all[k]), int(b_all[k])
        pa, pb = int(label[a]), int(label[b])
        topic = float(ps.text[k])
        cands: list[_Cand] = []
        pol_a, pol_b = int(table.polarity[a]), int(table.polarity[b])
        early, late = (a, b) if (table.said[a], a) <= (table.said[b], b) else (b, a)
        if topic >= settings.relation_threshold:
            if org[a] == org[b] and pol_a != pol_b and table.said[a] != table.said[b] and table.said[early] >= 0:
                cands.append(_Cand("updates", topic, int(label[late]), int(label[early]),
                                   f"{names[org[a]]} changed position on the matter: "
                                   f"{_STANCE[int(table.polarity[early])]} ({_day(table.said[early])}), then "
                                   f"{_STANCE[int(table.polarity[late])]} ({_day(table.said[late])})"))
            elif (table.pending[early] and table.arrived[late] and table.said[late] > table.said[early]
                  and min(pol_a, pol_b) >= 0):
                cands.append(_Cand("updates", topic, int(label[late]), int(label[early]),
                                   f"a later report ({_day(table.said[late])}, {names[org[late]]}) says has now "
                                   f"happened what an earlier one ({_day(table.said[early])}, {names[org[early]]}) "
                                   f"said had not happened yet"))
            if pol_a * pol_b < 0:
                d, s = (a, b) if pol_a < 0 else (b, a)
                cands.append(_Cand("contradicts", topic, int(label[d]), int(label[s]),
                                   f"{names[org[d]]} denies what {names[org[s]]} asserts "
                                   f"(same matter, similarity {topic:.2f})"))
        if (ps.quantity[k] == QTY_CONFLICT and topic >= settings.relation_threshold
                and strict_counts[k] == QTY_CONFLICT):
            why = _count_reason(table, claims, a, b, settings.differs_ratio)
            if why is not None:
                cands.append(_Cand("differs", topic, int(label[late]), int(label[early]),
                                   f"{names[org[late]]} and {names[org[early]]} count differently: {why}"))
        if topic >= settings.support_threshold and pol_a > 0 and pol_b > 0 and not blocked[k]:
            cands.append(_Cand("supports", topic, int(label[late]), int(label[early]),
                               f"{names[org[late]]} makes the statement of {names[org[early]]} more likely "
                               f"(related content, similarity {topic:.2f}, not the same statement)"))
        for c in cands:
            key = (min(pa, pb), max(pa, pb))
            old = best.get(key)
            if old is None or (_PRIORITY[c.kind], -c.score) < (_PRIORITY[old.kind], -old.score):
                best[key] = c
    return _cap(best, prop_ids, settings.max_relations_per_proposition)


def _cap(best: Mapping[tuple[int, int], _Cand], prop_ids: Sequence[str], limit: int) -> list[Relation]:
    used: dict[tuple[int, str], int] = {}
    out = []
    for c in sorted(best.values(), key=lambda c: (-c.score, _PRIORITY[c.kind], prop_ids[c.src], prop_ids[c.dst])):
        if used.get((c.src, c.kind), 0) >= limit or used.get((c.dst, c.kind), 0) >= limit:
            continue
        used[(c.src, c.kind)] = used.get((c.src, c.kind), 0) + 1
        used[(c.dst, c.kind)] = used.get((c.dst, c.kind), 0) + 1
        out.append(Relation(from_id=prop_ids[c.src], to_id=prop_ids[c.dst], kind=c.kind, reason=c.reason))
    return sorted(out, key=lambda r: (r.from_id, r.to_id, r.kind))
