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
from collections.abc import Sequence
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
    """``claims`` in table row order; ``label`` row -> proposition index into ``prop_ids``.

    Every candidate relation of every cross pair is listed with numpy (one row per pair and kind);
    per pair of propositions the first by (kind priority, higher similarity, higher pair score,
    lower pair index) wins — what a loop over the pairs best score first keeping the best kind
    kept — and only the winners get their reason written."""
    org = origins.of_claim
    cross = np.concatenate([_cross_pairs(table, ps, org, label, s, settings)
                            for s in range(0, max(1, len(ps.pairs)), PAIRS_PER_STEP)])
    if cross.size == 0:
        return []
    cross = cross[np.argsort(-ps.score[cross], kind="stable")]  # the order the pairs are read in
    # the candidates of a step of cross pairs at a time (element-wise; the sort below orders them
    # by (pair of propositions, priority, similarity, position, rule), unique per candidate, so the
    # order they are listed in does not matter)
    found = [_candidates(table, claims, ps, org, cross[s:s + PAIRS_PER_STEP], settings)
             for s in range(0, cross.size, PAIRS_PER_STEP)]
    pos = np.concatenate([p + s for (p, _), s in zip(found, range(0, cross.size, PAIRS_PER_STEP), strict=True)])
    rule = np.concatenate([r for _, r in found])
    del found
    # per pair of propositions the first candidate by (priority, -similarity, position, rule)
    k = cross[pos]
    la, lb = label[ps.pairs[k, 0]].astype(np.int64), label[ps.pairs[k, 1]].astype(np.int64)
    code = np.minimum(la, lb) * (int(label.max()) + 1) + np.maximum(la, lb)
    del la, lb
    order = np.lexsort((rule, pos, -ps.text[k].astype(np.float64), _RULE_PRIORITY[rule], code))
    code = code[order]
    first = np.ones(order.size, np.bool_)
    first[1:] = code[1:] != code[:-1]
    won = order[first]
    best = [_relation(table, claims, ps, label, origins, int(r), kk, settings.differs_ratio)
            for r, kk in zip(rule[won].tolist(), k[won].tolist(), strict=True)]
    return _cap(best, prop_ids, settings.max_relations_per_proposition)


PAIRS_PER_STEP = 1 << 22
"""Pairs screened per step for a possible relation (bounded temporaries: gathers of origins, labels
and stances per pair, not one full-length array of each at once)."""


def _cross_pairs(table: ClaimTable, ps: PairScores, org: npt.NDArray[np.int32], label: npt.NDArray[np.int32],
                 start: int, settings: FusionSettings) -> npt.NDArray[np.int64]:
    """Indices of the pairs ``start .. start + PAIRS_PER_STEP`` that may give a relation and join two
    propositions (element-wise, so the steps give what one pass over all pairs gave)."""
    at = slice(start, start + PAIRS_PER_STEP)
    a_all, b_all = ps.pairs[at, 0], ps.pairs[at, 1]
    text = ps.text[at]
    topical = text >= settings.relation_threshold
    pa_all, pb_all = table.polarity[a_all], table.polarity[b_all]
    maybe = topical & (ps.polarity_conflict[at] | ((org[a_all] == org[b_all]) & (pa_all != pb_all))
                       | table.pending[a_all] | table.pending[b_all] | (ps.quantity[at] == QTY_CONFLICT))
    maybe |= (text >= settings.support_threshold) & (pa_all > 0) & (pb_all > 0) & ~ps.blocked[at]
    return np.flatnonzero(maybe & (label[a_all] != label[b_all])) + start


_KINDS: tuple[RelationKind, ...] = ("updates", "updates", "contradicts", "differs", "supports")
"""Rule -> kind: 0 an origin changed its stance, 1 not yet -> already, 2 denial vs assertion,
3 counts differ, 4 supports."""
_RULE_PRIORITY = np.asarray([_PRIORITY[k] for k in _KINDS], np.int8)


def _candidates(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores,
                org: npt.NDArray[np.int32], cross: npt.NDArray[np.int64], settings: FusionSettings
                ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int8]]:
    """(position in ``cross``, rule) of every relation a cross pair can give (see ``_KINDS``)."""
    a, b = ps.pairs[cross, 0].astype(np.int64), ps.pairs[cross, 1].astype(np.int64)
    topic = ps.text[cross].astype(np.float64)  # compared as Python floats (float64), as before
    related = topic >= settings.relation_threshold
    pol_a, pol_b = table.polarity[a].astype(np.int64), table.polarity[b].astype(np.int64)
    said_a, said_b = table.said[a], table.said[b]
    a_first = (said_a < said_b) | ((said_a == said_b) & (a <= b))
    early, late = np.where(a_first, a, b), np.where(a_first, b, a)
    changed = related & (org[a] == org[b]) & (pol_a != pol_b) & (said_a != said_b) & (table.said[early] >= 0)
    arrived = (related & ~changed & table.pending[early] & table.arrived[late]
               & (table.said[late] > table.said[early]) & (np.minimum(pol_a, pol_b) >= 0))
    opposed = related & (pol_a * pol_b < 0)
    differ = related & (ps.quantity[cross] == QTY_CONFLICT)
    at = np.flatnonzero(differ)
    if at.size:
        strict = compare_counts(table, a[at], b[at], settings.differs_ratio, strict=True) == QTY_CONFLICT
        at = at[strict]
        named = [_count_reason(table, claims, x, y, settings.differs_ratio) is not None
                 for x, y in zip(a[at].tolist(), b[at].tolist(), strict=True)]
        differ[:] = False
        differ[at[np.asarray(named, np.bool_)]] = True
    supports = (topic >= settings.support_threshold) & (pol_a > 0) & (pol_b > 0) & ~ps.blocked[cross]
    pos = [np.flatnonzero(m) for m in (changed, arrived, opposed, differ, supports)]
    rule = [np.full(p.size, r, np.int8) for r, p in enumerate(pos)]
    return np.concatenate(pos), np.concatenate(rule)


def _relation(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
              origins: Origins, rule: int, k: int, ratio: float) -> _Cand:
    """The relation ``rule`` (see ``_KINDS``) gives for pair ``k``, with its reason."""
    names, org = origins.names, origins.of_claim
    a, b = int(ps.pairs[k, 0]), int(ps.pairs[k, 1])
    topic = float(ps.text[k])
    early, late = (a, b) if (table.said[a], a) <= (table.said[b], b) else (b, a)
    kind = _KINDS[rule]
    if rule == 0:
        why = (f"{names[org[a]]} changed position on the matter: "
               f"{_STANCE[int(table.polarity[early])]} ({_day(table.said[early])}), then "
               f"{_STANCE[int(table.polarity[late])]} ({_day(table.said[late])})")
    elif rule == 1:
        why = (f"a later report ({_day(table.said[late])}, {names[org[late]]}) says has now "
               f"happened what an earlier one ({_day(table.said[early])}, {names[org[early]]}) "
               f"said had not happened yet")
    elif rule == 2:
        d, s = (a, b) if int(table.polarity[a]) < 0 else (b, a)
        return _Cand(kind, topic, int(label[d]), int(label[s]),
                     f"{names[org[d]]} denies what {names[org[s]]} asserts (same matter, similarity {topic:.2f})")
    elif rule == 3:
        why = (f"{names[org[late]]} and {names[org[early]]} count differently: "
               f"{_count_reason(table, claims, a, b, ratio)}")
    else:
        why = (f"{names[org[late]]} makes the statement of {names[org[early]]} more likely "
               f"(related content, similarity {topic:.2f}, not the same statement)")
    return _Cand(kind, topic, int(label[late]), int(label[early]), why)


def _cap(best: Sequence[_Cand], prop_ids: Sequence[str], limit: int) -> list[Relation]:
    used: dict[tuple[int, str], int] = {}
    out = []
    for c in sorted(best, key=lambda c: (-c.score, _PRIORITY[c.kind], prop_ids[c.src], prop_ids[c.dst])):
        if used.get((c.src, c.kind), 0) >= limit or used.get((c.dst, c.kind), 0) >= limit:
            continue
        used[(c.src, c.kind)] = used.get((c.src, c.kind), 0) + 1
        used[(c.dst, c.kind)] = used.get((c.dst, c.kind), 0) + 1
        out.append(Relation(from_id=prop_ids[c.src], to_id=prop_ids[c.dst], kind=c.kind, reason=c.reason))
    return sorted(out, key=lambda r: (r.from_id, r.to_id, r.kind))
