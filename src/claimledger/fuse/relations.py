"""Relations between propositions (GUIDELINES.md, "Relations"), found from the scored candidate
pairs of claims that ended in different propositions.

* contradicts: one asserts what the other denies (opposite stance, same matter).  The denial's
  *matter* is its own content words, less the words that name a statement ("the allegations",
  "a hoax"); a denial that says little answers a claim of its own document (the nearest assertion
  before it, stepping over other denials and "if that's true" comments), whose words join its
  matter.  The assertion must share two words of that matter, or one predicate or counted thing
  that is a fair share of it (``_Matters``: counted over the claims' word ids with numpy, so no
  Python runs per opposed pair); claims of one sentence never contradict each other ("deny any
  transfer of arms but committed to ... a pact"), and a denying proposition keeps at most
  ``max_contradictions_per_denial`` contradictions, most similar first.
  Two assertions of different origins contradict too when one negates the predicate the other
  states, about the same thing ("she neither sent nor received emails marked classified" / "she did
  receive some emails with classified markings": ``relations_negation.Frames``).
* updates: a later report on the same matter revises an earlier one: the earlier says something
  has not happened yet and the later says it now has, or the same origin changed its stance.
* differs: one counted thing *of one matter*, best estimates more than 25% apart or intervals that
  do not meet (``_Counts``).  The same unit is not enough: the counted thing must carry the same
  qualifier right before its noun ("12,000 North Korean troops" vs "at least 3,000 North Korean
  soldiers"), or, unqualified, both claims must share words of the matter beyond the count
  (``differs_matter_words``) at ``differs_open_floor`` of similarity — an amount of money, a share or a
  rate ("$7.25 an hour", "11%", relations.toml ``[counts] measures`` and ``rate_units``) at the stricter
  ``differs_measure_floor`` and with the same "per" unit.  A figure that is a part ("eight of them",
  "eight ... were killed": relations.toml ``part_predicates``, ``part_of_determiners``) is no estimate
  of a whole.
* supports: one makes the other more likely without stating the same thing, in two ways only:
  (a) the same counted thing of one matter (the test of differs) with figures that agree ("two
  brigades of 6,000 personnel each" = 12,000 troops); (b) one judges its statement likely (a hedge
  cue whose ICD-203 band is "likely" or above, "highly likely"; or a belief, "believe":
  relations.toml ``[supports] likely``; not a possibility, "could", nor a report, "reportedly") and
  the other, which judges its statement neither way (it may be hedged so), asserts what it is
  about: similarity >= ``support_threshold`` and the matter shared as a contradiction shares it.
  Related content alone is not support.

"Same matter" = topical similarity >= ``relation_threshold``.  One relation per pair of
propositions (updates > contradicts > differs > supports), each with a one-line reason; at most
``max_relations_per_proposition`` per proposition and kind, best first.

The word machinery (``_Matters``) is in ``relations_matter.py``, the counts machinery (``_Counts``)
in ``relations_counts.py``, the assessments (``band_side``) in ``relations_assess.py``; this module
finds the candidates, picks the winners, applies the cap and writes the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import ClaimTable
from .origins import Origins
from .pairs import QTY_CONFLICT, QTY_NONE, PairScores, compare_counts, time_conflicts
from .records import FuseClaim, Relation, RelationKind
from .relations_assess import _assessing as _assessing
from .relations_assess import _assessment as _assessment
from .relations_assess import _of_reports as _of_reports
from .relations_assess import band_side as band_side
from .relations_counts import _Counts as _Counts
from .relations_matter import _Matters as _Matters
from .relations_matter import _quote as _quote
from .relations_negation import Frames

__all__ = ["band_side", "find_relations"]

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


def find_relations(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
                   origins: Origins, prop_ids: Sequence[str], *, settings: FusionSettings) -> list[Relation]:
    """``claims`` in table row order; ``label`` row -> proposition index into ``prop_ids``.

    Every candidate relation of every cross pair is listed with numpy (one row per pair and kind);
    per pair of propositions the first by (kind priority, higher similarity, higher pair score,
    lower pair index, rule) wins — what a loop over the pairs best score first keeping the best kind
    kept — and only the winners the cap keeps get their reason written."""
    org = origins.of_claim
    matters = _Matters(table, claims, settings)
    counts = _Counts(table, claims, matters, settings)
    frames = table.frames
    cross = np.concatenate([_cross_pairs(table, ps, org, label, s, counts.assessed, frames, settings)
                            for s in range(0, max(1, len(ps.pairs)), PAIRS_PER_STEP)])
    if cross.size == 0:
        return []
    # pairs in the order (higher similarity, higher pair score, lower pair index): a position in
    # ``cross`` then ranks the pairs of one pair of propositions within one kind priority
    cross = cross[np.lexsort((cross, -ps.score[cross], -ps.text[cross]))]
    n_labels = int(label.max()) + 1
    # per candidate two int64 keys: (pair of propositions, priority) and (position, rule); the
    # steps are ascending ranges of positions, each sorted, so ``sec`` ascends over all of them
    prim_parts: list[npt.NDArray[np.int64]] = []
    sec_parts: list[npt.NDArray[np.int64]] = []
    for s in range(0, cross.size, PAIRS_PER_STEP):
        counts.clear()
        pos, rule = _candidates(table, ps, org, cross[s:s + PAIRS_PER_STEP], matters, counts, frames, settings)
        k = cross[s:s + PAIRS_PER_STEP][pos]
        la, lb = label[ps.pairs[k, 0]].astype(np.int64), label[ps.pairs[k, 1]].astype(np.int64)
        prim = (np.minimum(la, lb) * n_labels + np.maximum(la, lb)) * len(_KINDS) + _RULE_PRIORITY[rule]
        sec = (pos + s) * len(_KINDS) + rule
        o = np.argsort(sec)
        prim_parts.append(prim[o])
        sec_parts.append(sec[o])
    prim = np.concatenate(prim_parts)
    sec = np.concatenate(sec_parts)
    del prim_parts, sec_parts
    order = np.argsort(prim, kind="stable")
    p = prim[order]
    del prim
    first = np.ones(order.size, np.bool_)
    np.not_equal(p[1:] // len(_KINDS), p[:-1] // len(_KINDS), out=first[1:])
    del p
    won = sec[order[first]]
    del order, first, sec
    rule_w, k_w = won % len(_KINDS), cross[won // len(_KINDS)]
    del cross, won
    return _cap(table, claims, ps, label, origins, rule_w, k_w, prop_ids, matters, counts, frames, settings)


PAIRS_PER_STEP = 1 << 22
"""Pairs screened per step for a possible relation (bounded temporaries: gathers of origins, labels
and stances per pair, not one full-length array of each at once)."""


def _cross_pairs(table: ClaimTable, ps: PairScores, org: npt.NDArray[np.int32], label: npt.NDArray[np.int32],
                 start: int, assessed: npt.NDArray[np.int8], frames: Frames,
                 settings: FusionSettings) -> npt.NDArray[np.int64]:
    """Indices of the pairs ``start .. start + PAIRS_PER_STEP`` that may give a relation and join two
    propositions (element-wise, so the steps give what one pass over all pairs gave)."""
    at = slice(start, start + PAIRS_PER_STEP)
    a_all, b_all = ps.pairs[at, 0], ps.pairs[at, 1]
    text = ps.text[at]
    topical = text >= settings.relation_threshold
    pa_all, pb_all = table.polarity[a_all], table.polarity[b_all]
    maybe = topical & (ps.polarity_conflict[at] | ((org[a_all] == org[b_all]) & (pa_all != pb_all))
                       | table.pending[a_all] | table.pending[b_all] | (ps.quantity[at] != QTY_NONE))
    asserted = (pa_all > 0) & (pb_all > 0) & ~ps.blocked[at] & (org[a_all] != org[b_all])
    # supports: figures of one counted thing that agree, or an assessment of a plain claim
    maybe |= asserted & ((topical & (ps.quantity[at] != QTY_NONE))
                         | ((text >= settings.support_threshold)
                            & _assessing(assessed, a_all.astype(np.int64), b_all.astype(np.int64))))
    # a negated and a plain assertion (the predicate test runs only where one side is negated)
    neg = np.flatnonzero(topical & (pa_all > 0) & (pb_all > 0) & (org[a_all] != org[b_all]))
    if neg.size:
        maybe[neg[frames.screened(a_all[neg], b_all[neg])]] = True
    return np.flatnonzero(maybe & (label[a_all] != label[b_all])) + start


_KINDS: tuple[RelationKind, ...] = ("updates", "updates", "contradicts", "differs", "supports", "supports",
                                    "contradicts")
"""Rule -> kind: 0 an origin changed its stance, 1 not yet -> already, 2 denial vs assertion,
3 counts differ, 4 figures agree, 5 an assessment of a plain claim, 6 a negated vs a plain assertion."""
_RULE_PRIORITY = np.asarray([_PRIORITY[k] for k in _KINDS], np.int8)


def _candidates(table: ClaimTable, ps: PairScores, org: npt.NDArray[np.int32], cross: npt.NDArray[np.int64],
                matters: _Matters, counts: _Counts, frames: Frames,
                settings: FusionSettings) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int8]]:
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
    at = np.flatnonzero(opposed)
    if at.size:  # the denial's matter shared (numpy over the claims' word ids)
        den = np.where(pol_a[at] < 0, a[at], b[at])
        ast = np.where(pol_a[at] < 0, b[at], a[at])
        opposed[at] = matters.shares(den, ast)
    # one origin's two figures of one day count two things (a speaker, or an article, gives one
    # estimate of a thing at a time); on two days, the later revises the earlier
    # (a pair whose figures both agree and conflict is a match for merging, pairs.compare_counts;
    # the strict comparison below still sees its conflict)
    differ = related & (ps.quantity[cross] != QTY_NONE) & ((org[a] != org[b]) | (said_a != said_b))
    at = np.flatnonzero(differ)
    if at.size:
        strict = compare_counts(table, a[at], b[at], settings.differs_ratio, strict=True) == QTY_CONFLICT
        at = at[strict]
        named = [counts.differ(x, y, z) is not None
                 for x, y, z in zip(a[at].tolist(), b[at].tolist(), topic[at].tolist(), strict=True)]
        differ[:] = False
        differ[at[np.asarray(named, np.bool_)]] = True
    asserted = (pol_a > 0) & (pol_b > 0) & ~ps.blocked[cross]
    # support is evidence from another origin: one origin's two statements do not support each other
    asserted &= org[a] != org[b]
    agree = related & asserted & (ps.quantity[cross] != QTY_NONE)
    at = np.flatnonzero(agree)
    if at.size:  # figures of one counted thing of one matter agree (a few pairs: Python per pair)
        agree[at] = [counts.agree(x, y, z) is not None
                     for x, y, z in zip(a[at].tolist(), b[at].tolist(), topic[at].tolist(), strict=True)]
    assess = (topic >= settings.support_threshold) & asserted & _assessing(counts.assessed, a, b)
    at = np.flatnonzero(assess)
    if at.size:  # the matter of the plain claim assessed (Python per pair: an assessing claim is rare)
        assess[at] = [counts.assesses(x, y) is not None for x, y in zip(a[at].tolist(), b[at].tolist(), strict=True)]
    # (not ``asserted``: the negation itself blocks a negated and a plain statement from one
    # proposition, so only the other gates count: stance, figures, and time, recomputed for these
    # few pairs since ``ps.time_conflict`` is freed before relations)
    negated = related & (pol_a > 0) & (pol_b > 0) & (org[a] != org[b]) & (ps.quantity[cross] != QTY_CONFLICT)
    at = np.flatnonzero(negated)
    if at.size:  # one negates the predicate the other states (numpy; claims of one sentence excluded)
        negated[at] = (frames.opposes(a[at], b[at]) & ~matters.one_sentence(a[at], b[at])
                       & ~time_conflicts(table, a[at], b[at]))
        at = at[negated[at]]
        # an earlier "has not (yet)" and a later plain report: the state may have changed since
        n_first = frames.first_negated(a[at], b[at])
        n, p = np.where(n_first, a[at], b[at]), np.where(n_first, b[at], a[at])
        negated[at[table.pending[n] & (table.said[n] >= 0) & (table.said[n] < table.said[p])]] = False
    pos = [np.flatnonzero(m) for m in (changed, arrived, opposed, differ, agree, assess, negated)]
    rule = [np.full(p.size, r, np.int8) for r, p in enumerate(pos)]
    return np.concatenate(pos), np.concatenate(rule)


def _relation(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
              origins: Origins, rule: int, k: int, matters: _Matters, counts: _Counts, frames: Frames) -> _Cand:
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
        return _Cand(kind, topic, int(label[d]), int(label[s]), matters.reason(names, org, d, s, topic))
    elif rule == 3:
        why = (f"{names[org[late]]} and {names[org[early]]} count differently: "
               f"{counts.differ(a, b, topic)} (similarity {topic:.2f})")
    elif rule == 4:
        why = (f"{names[org[late]]} and {names[org[early]]} give figures that agree, in statements kept "
               f"apart: {counts.agree(a, b, topic)} (similarity {topic:.2f})")
    elif rule == 6:
        n, p, what = frames.reason(claims, a, b)
        return _Cand(kind, topic, int(label[n]), int(label[p]),
                     f"{names[org[n]]} says {_quote(claims[n].text)}, negating what {names[org[p]]} states: "
                     f"{_quote(claims[p].text)}; predicate: {what} (similarity {topic:.2f})")
    else:
        h, p, both = counts.assesses(a, b) or (a, b, ())
        cues = ", ".join(str(x) for x in (claims[h].record.get("hedges") or ())) or "hedged"
        return _Cand(kind, topic, int(label[h]), int(label[p]),
                     f"{names[org[h]]}'s assessment {_quote(claims[h].text)} ({cues}) makes "
                     f"{names[org[p]]}'s claim {_quote(claims[p].text)} more likely; shared: {', '.join(both)} "
                     f"(similarity {topic:.2f})")
    return _Cand(kind, topic, int(label[late]), int(label[early]), why)


def _cap(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
         origins: Origins, rule: npt.NDArray[np.int64], k: npt.NDArray[np.int64], prop_ids: Sequence[str],
         matters: _Matters, counts: _Counts, frames: Frames, settings: FusionSettings) -> list[Relation]:
    """At most ``max_relations_per_proposition`` relations per proposition and kind (a denying
    proposition: ``max_contradictions_per_denial`` contradictions), read in the order (higher
    similarity, kind priority, from id, to id); the reason is written only for the relations kept."""
    a, b = ps.pairs[k, 0].astype(np.int64), ps.pairs[k, 1].astype(np.int64)
    said_a, said_b = table.said[a], table.said[b]
    a_first = (said_a < said_b) | ((said_a == said_b) & (a <= b))
    early, late = np.where(a_first, a, b), np.where(a_first, b, a)
    # the denier: the denial (rule 2), the negated assertion (rule 6)
    neg_a = np.zeros(a.size, np.bool_)
    six = np.flatnonzero(rule == 6)
    neg_a[six] = frames.first_negated(a[six], b[six])
    denier_a = np.where(rule == 6, neg_a, table.polarity[a] < 0)
    denier, asserter = np.where(denier_a, a, b), np.where(denier_a, b, a)
    contra, assess = (rule == 2) | (rule == 6), rule == 5
    assessor_a = counts.assessed[a] == 1
    # from the denial to the assertion, from the assessment to the plain claim, else later to earlier
    src = label[np.where(contra, denier, np.where(assess, np.where(assessor_a, a, b), late))].astype(np.int64)
    dst = label[np.where(contra, asserter, np.where(assess, np.where(assessor_a, b, a), early))].astype(np.int64)
    id_rank = np.empty(len(prop_ids), np.int64)
    id_rank[np.asarray(sorted(range(len(prop_ids)), key=prop_ids.__getitem__), np.int64)] = np.arange(len(prop_ids))
    order = np.lexsort((id_rank[dst], id_rank[src], _RULE_PRIORITY[rule], -ps.text[k]))
    limit = settings.max_relations_per_proposition
    used: dict[tuple[int, int], int] = {}
    denied: dict[int, int] = {}  # denying proposition -> contradictions kept
    out = []
    for i, r, s, d in zip(order.tolist(), rule[order].tolist(), src[order].tolist(), dst[order].tolist(),
                          strict=True):
        prio = int(_RULE_PRIORITY[r])
        if used.get((s, prio), 0) >= limit or used.get((d, prio), 0) >= limit:
            continue
        if r in (2, 6):
            if denied.get(s, 0) >= settings.max_contradictions_per_denial:
                continue
            denied[s] = denied.get(s, 0) + 1
        used[(s, prio)] = used.get((s, prio), 0) + 1
        used[(d, prio)] = used.get((d, prio), 0) + 1
        c = _relation(table, claims, ps, label, origins, r, int(k[i]), matters, counts, frames)
        out.append(Relation(from_id=prop_ids[c.src], to_id=prop_ids[c.dst], kind=c.kind, reason=c.reason))
    return sorted(out, key=lambda r: (r.from_id, r.to_id, r.kind))

