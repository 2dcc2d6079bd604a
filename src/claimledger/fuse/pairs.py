"""Scoring candidate pairs of claims, vectorised and in chunks (bounded memory at any size).

``text`` is the topical similarity: ``embed_weight`` x embedding cosine + the rest x TF-IDF
cosine.  ``score`` adds the bonuses for one origin, a continued statement and a matching count.
Gates (any one keeps a pair apart, whatever its score): a denial and anything but a denial,
counts of one thing that differ or are incompatible, event months that do not meet, and an
earlier "not yet" with a later "already" (that is an update, not the same statement).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import NO_UNIT, QUANTITY_SLOTS, ClaimTable

__all__ = ["QTY_CONFLICT", "QTY_MATCH", "QTY_NONE", "PairScores", "compare_counts", "same_figure", "score_pairs",
           "source_runs", "specific_figures"]

CHUNK = 32_768
"""Pairs scored per step: 32k pairs x 2 x 256 float32 dims is 64 MB (cache-friendly, bounded);
every per-pair temporary of ``score_pairs`` is this long, not as long as the pairs."""

QTY_NONE, QTY_MATCH, QTY_CONFLICT = 0, 1, -1

F32 = npt.NDArray[np.float32]
B = npt.NDArray[np.bool_]
Rows = npt.NDArray[np.signedinteger[Any]]
"""Row indices: pairs are int32 (half the memory of int64) when the table has < 2**31 rows."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScores:
    pairs: Rows
    """(m, 2) rows i < j."""
    text: F32
    lex: F32
    score: F32
    polarity_conflict: B
    quantity: npt.NDArray[np.int8]
    """QTY_MATCH: one counted thing, best estimates within ``differs_ratio``; QTY_CONFLICT: one
    counted thing, estimates apart or intervals disjoint; QTY_NONE: nothing comparable."""
    time_conflict: B
    """Event months that do not meet, or a state change (not yet -> now) between the two."""
    same_origin: B
    adjacent: B

    blocked: B
    """Any gate: the pair may never be in one proposition."""


ROWDOT_CHUNK = 4096
"""Pairs per step of ``_rowdot``: the gathered and converted vectors (2 x 4 MB) stay in the cache;
32k pairs at a time (32 MB a side) went to memory for each step (1M claims: 1.3 -> 0.55 us a pair)."""

_HALF_SCALE = np.float32(2.0 ** 112)
"""2 ** (127 - 15): float32's exponent bias minus float16's."""
_HALF_KEEP = np.int32(-0x70000001)
"""0x8FFFFFFF: the sign bit and the 28 bits a float16 shifted left by 13 fills."""


def _widen_half(h: npt.NDArray[np.float16], out: npt.NDArray[np.int32]) -> F32:
    """``h.astype(float32)`` for finite ``h``, written into ``out`` (same shape, viewed as float32).
    numpy converts float16 one element at a time (~1.3 ns each: at a million claims, 18 of the
    pair scores' 60 s); this takes four vectorised passes (~0.2 ns).  The half's bits,
    sign-extended to 32 and shifted left by 13, put its exponent and mantissa under float32's
    (the exponent still biased by 15) and its sign in bit 31; clearing bits 28-30 (copies of the
    sign) and multiplying by 2 ** 112 re-biases the exponent.  Every step is exact (a subnormal
    half becomes a float32 subnormal first, which the power of two normalises), so the values are
    astype's, bit for bit -- which ``_half_widening_exact`` checks on every finite float16."""
    np.copyto(out, h.view(np.int16), casting="same_kind")
    out <<= 13
    out &= _HALF_KEEP
    f = out.view(np.float32)
    f *= _HALF_SCALE
    return f


def _half_widening_exact() -> bool:
    """``_widen_half`` equals numpy's conversion on all 63,488 finite float16 values (it would
    not if the process flushed subnormals to zero: a library built with fast-math can set that)."""
    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    h = bits[(bits & 0x7C00) != 0x7C00].view(np.float16)
    got = _widen_half(h, np.empty(h.size, np.int32))
    return bool(np.array_equal(got.view(np.uint32), h.astype(np.float32).view(np.uint32)))


def _all_finite_half(m: npt.NDArray[np.float16]) -> bool:
    """No infinity or NaN in ``m`` (exponent bits all ones: the largest masked exponent), checked a
    block of rows at a time (~0.06 s for a million 256-dimension rows)."""
    u = m.view(np.uint16)
    return all(int(np.bitwise_and(u[s:s + 65_536], 0x7C00).max(initial=0)) < 0x7C00
               for s in range(0, u.shape[0], 65_536))


class _HalfRows:
    """Buffers reused at every step of ``_rowdot`` for float16 vectors: the gathered rows and
    their float32 widenings (``_widen_half``).  Made once per ``score_pairs`` (the checks of
    ``half_rows`` read the whole table: ~0.06 s at a million claims, too much for every chunk)."""

    def __init__(self, dim: int) -> None:
        self.gathered = np.empty((ROWDOT_CHUNK, dim), np.float16)
        self.wide = (np.empty((ROWDOT_CHUNK, dim), np.int32), np.empty((ROWDOT_CHUNK, dim), np.int32))

    def rows(self, m: npt.NDArray[np.float16], idx: Rows, side: int) -> F32:
        """``m[idx].astype(float32)`` (``idx``: at most ``ROWDOT_CHUNK`` rows), in buffer ``side``."""
        g = self.gathered[:idx.size]
        np.take(m, idx, axis=0, out=g)
        return _widen_half(g, self.wide[side][:idx.size])


def half_rows(m: npt.NDArray[np.floating]) -> _HalfRows | None:
    """The buffers of ``_rowdot``'s float16 widening when it applies to ``m`` (float16 vectors, all
    finite, and a process that keeps subnormals); None: numpy converts."""
    if m.dtype != np.float16 or m.ndim != 2 or not _half_widening_exact() or not _all_finite_half(m):
        return None
    return _HalfRows(m.shape[1])


def _rowdot(m: npt.NDArray[np.floating], a: Rows, b: Rows, half: _HalfRows | Literal["check"] | None = "check"
            ) -> F32:
    """Per pair, the dot product of rows ``a`` and ``b`` of ``m`` as float32 (``m`` may be float16).
    Pairs come grouped by their first row (blocking writes them in (i, j) order): each run of one
    ``a`` is gathered and converted once and repeated (``x[run]``), the same float32 values as
    ``m[a].astype(float32)``.  Each pair's einsum sum is its own, so the steps change no value.
    float16 rows are widened by ``_widen_half`` (the same values as ``astype``) in the buffers of
    ``half`` (``half_rows(m)``, made here for "check"; None: numpy converts)."""
    if isinstance(half, str):
        half = half_rows(m)
    out = np.empty(a.size, np.float32)
    for s in range(0, a.size, ROWDOT_CHUNK):
        ia, ib = a[s:s + ROWDOT_CHUNK], b[s:s + ROWDOT_CHUNK]
        start = np.ones(ia.size, np.bool_)
        np.not_equal(ia[1:], ia[:-1], out=start[1:])
        run = np.cumsum(start) - 1
        if half is not None:
            x = half.rows(m, ia[start], 0)[run]
            y = half.rows(m, ib, 1)
        else:
            x = m[ia[start]].astype(np.float32, copy=False)[run]
            y = m[ib].astype(np.float32, copy=False)
        out[s:s + ROWDOT_CHUNK] = np.einsum("ij,ij->i", x, y)
    return out


def _lexdot(table: ClaimTable, a: Rows, b: Rows) -> F32:
    out = np.empty(a.size, np.float32)
    for s in range(0, a.size, CHUNK):
        x = table.lex[a[s:s + CHUNK]]
        y = table.lex[b[s:s + CHUNK]]
        out[s:s + CHUNK] = np.asarray(x.multiply(y).sum(axis=1)).ravel()
    return out


def compare_counts(table: ClaimTable, a: Rows, b: Rows,
                   ratio: float, *, strict: bool = False) -> npt.NDArray[np.int8]:
    """QTY_* per pair over every pair of counted-thing slots.  A figure of one counted thing that
    agrees wins over another that conflicts: "10 killed and 50 injured" and "10 killed and 80
    injured" state one thing (the toll) and differ on another, as lead sentences that pack several
    facts do (GUIDELINES: the sentence's main proposition, the others through ``also``) -- unless
    the two claims' first figures (their main statement) are the ones that conflict.
    ``strict`` (relations, where a wrong "differs" misleads): a conflict wins over a match, and the
    qualifying entities must be equal ("North Korean" troops vs troops with no qualifier are then
    not the same thing)."""
    out = np.zeros(a.size, np.int8)
    # a match or a conflict needs a count on both sides (slot class != -1): compare only those
    # pairs (a few percent), not every pair nine times
    both = np.flatnonzero((table.q_cls[a] != -1).any(axis=1) & (table.q_cls[b] != -1).any(axis=1))
    if both.size:
        out[both] = _compare_slots(table, a[both], b[both], ratio, strict)
    return out


def _compare_slots(table: ClaimTable, a: Rows, b: Rows, ratio: float, strict: bool) -> npt.NDArray[np.int8]:
    out = np.zeros(a.size, np.int8)
    conflict = np.zeros(a.size, np.bool_)
    match = np.zeros(a.size, np.bool_)
    agree = np.zeros(a.size, np.bool_)  # equal best estimates of one counted thing (no vague or loose figure)
    lead = np.zeros(a.size, np.bool_)  # the two claims' first figures conflict
    for sa in range(QUANTITY_SLOTS):
        ca = table.q_cls[a, sa]
        if not (ca != -1).any():
            continue
        for sb in range(QUANTITY_SLOTS):
            cb = table.q_cls[b, sb]
            ea, eb = table.q_ent[a, sa], table.q_ent[b, sb]
            same_ent = (ea == eb) if strict else ((ea == eb) | (ea < 0) | (eb < 0))
            same_thing = (ca == cb) & (ca >= 0) & same_ent
            ba, bb = table.q_best[a, sa], table.q_best[b, sb]
            finite = np.isfinite(ba) & np.isfinite(bb) & (ba > 0) & (bb > 0)
            with np.errstate(invalid="ignore", divide="ignore"):
                r = np.where(finite, np.maximum(ba, bb) / np.minimum(ba, bb), 1.0)
            disjoint = ((table.q_low[a, sa] > table.q_high[b, sb]) | (table.q_low[b, sb] > table.q_high[a, sa]))
            differ = same_thing & np.where(finite, r > ratio, disjoint)
            conflict |= differ
            if sa == 0 and sb == 0:
                lead |= differ  # the first figures of both claims: their main statement
            agree |= same_thing & finite & (r <= ratio)
            # one vague amount worded alike ("several thousand" soldiers twice: both [2000, 9999]):
            # the same count, though it has no best estimate
            vague = np.isnan(ba) & np.isnan(bb) & np.isfinite(table.q_low[a, sa])
            match |= same_thing & vague & (table.q_low[a, sa] == table.q_low[b, sb]) & (
                table.q_high[a, sa] == table.q_high[b, sb])  # (too weak to outweigh a conflict)
            # a figure without a counted thing ("the figure of 12,000") matches an equal figure
            loose = ((ca == NO_UNIT) | (cb == NO_UNIT)) & (ca != -1) & (cb != -1) & finite & (ba == bb)
            match |= loose
    match |= agree
    out[match] = QTY_MATCH
    out[conflict if strict else (conflict & ~agree) | lead] = QTY_CONFLICT
    return out


def specific_figures(table: ClaimTable, floor: float) -> B:
    """(n, QUANTITY_SLOTS): slots holding a specific figure of a counted thing — a best estimate of at
    least ``floor`` (not a vague amount, not a small number) that is not a total derived from two
    other figures of the claim ("two brigades of 6,000 personnel each" -> 12,000: the product of
    its claim's other slots, extract.quantities_rules.derived_totals).  Such a figure restated in
    another report is strong evidence of one statement."""
    best = table.q_best
    ok = (table.q_cls >= 0) & np.isfinite(best) & (best >= floor)
    k = best.shape[1]
    for s in range(k):
        others = [x for x in range(k) if x != s]
        for x, y in itertools.combinations(others, 2):
            with np.errstate(invalid="ignore", over="ignore"):
                ok[:, s] &= ~(best[:, x] * best[:, y] == best[:, s])
    return ok


def same_figure(table: ClaimTable, specific: B, a: Rows, b: Rows) -> B:
    """Per pair: one counted thing (qualifying entities compatible) with the same specific figure on
    both sides — equal best estimate and equal bounds ("at least 3,000" twice, "12,000" twice)."""
    out = np.zeros(a.size, np.bool_)
    both = np.flatnonzero(specific[a].any(axis=1) & specific[b].any(axis=1))
    if not both.size:
        return out
    a, b = a[both], b[both]
    hit = np.zeros(a.size, np.bool_)
    for sa in range(QUANTITY_SLOTS):
        for sb in range(QUANTITY_SLOTS):
            ea, eb = table.q_ent[a, sa], table.q_ent[b, sb]
            hit |= (specific[a, sa] & specific[b, sb] & (table.q_cls[a, sa] == table.q_cls[b, sb])
                    & ((ea == eb) | (ea < 0) | (eb < 0)) & (table.q_best[a, sa] == table.q_best[b, sb])
                    & (table.q_low[a, sa] == table.q_low[b, sb]) & (table.q_high[a, sa] == table.q_high[b, sb]))
    out[both] = hit
    return out


def stance_conflict(pa: npt.NDArray[np.int8], pb: npt.NDArray[np.int8]) -> B:
    """A denial joins only denials (never an assertion, nor a refusal to confirm or deny)."""
    return np.asarray((pa != pb) & ((pa < 0) | (pb < 0)), np.bool_)


def time_conflicts(table: ClaimTable, a: Rows, b: Rows) -> B:
    """The time gate (``PairScores.time_conflict``): different months of the stated event, or a
    "not yet" and a later "now has"."""
    return _months_conflict(table, a, b) | _state_change(table, a, b)


def _state_change(table: ClaimTable, a: Rows, b: Rows) -> B:
    """One says something has not happened yet, the other (later) that it now has: an update."""
    early_a = table.said[a] < table.said[b]
    pend = np.where(early_a, table.pending[a], table.pending[b])
    arr = np.where(early_a, table.arrived[b], table.arrived[a])
    return np.asarray(pend & arr & (table.said[a] != table.said[b]), np.bool_)


def _months_conflict(table: ClaimTable, a: Rows, b: Rows) -> B:
    ma, mb = table.months[a], table.months[b]
    has_a, has_b = (ma >= 0).any(axis=1), (mb >= 0).any(axis=1)
    meet = np.zeros(a.size, np.bool_)
    for i in range(ma.shape[1]):
        for j in range(mb.shape[1]):
            meet |= (ma[:, i] >= 0) & (ma[:, i] == mb[:, j])
    return has_a & has_b & ~meet


def source_runs(table: ClaimTable) -> Rows:
    """Per claim, the row of the first claim of its run: consecutive claims of one source in one
    document, where the reporter's own sentences in between do not end a run but another
    source's claim does (``table.prev`` is the previous claim of the document by position)."""
    n = len(table.prev)
    prev = table.prev.astype(np.int64)
    src = table.source
    p = prev.copy()
    while True:  # step back over outlet-voice claims to the previous claim that has a source
        voice = (p >= 0) & (src[np.maximum(p, 0)] < 0)
        if not voice.any():
            break
        p[voice] = prev[p[voice]]
    start = (p < 0) | (src < 0) | (src[np.maximum(p, 0)] != src)
    head = np.where(start, np.arange(n), p)
    while True:  # pointer jumping: a run of length k settles in log2(k) rounds
        nxt = head[head]
        if np.array_equal(nxt, head):
            return head
        head = nxt


def score_pairs(table: ClaimTable, pairs: Rows, base_origin: npt.NDArray[np.int32], *,
                settings: FusionSettings) -> PairScores:
    """Every pair's scores and gates, ``CHUNK`` pairs at a time: each chunk's temporaries (gathers,
    ratios, masks) are bounded, and only the result columns are full length.  Every value is
    computed element-wise, so the chunking does not change any of them."""
    run = source_runs(table)
    specific = specific_figures(table, settings.figure_floor)
    half = half_rows(table.emb)
    parts = (_score_chunk(table, pairs[s:s + CHUNK], base_origin, run, specific, settings, half)
             for s in range(0, max(1, len(pairs)), CHUNK))  # no pairs: one empty chunk gives the dtypes
    return _concat(pairs, parts)


def _score_chunk(table: ClaimTable, pairs: Rows, base_origin: npt.NDArray[np.int32], run: Rows, specific: B,
                 settings: FusionSettings, half: _HalfRows | None = None) -> PairScores:
    """The scores and gates of one chunk of pairs (``run``: ``source_runs(table)``; ``specific``:
    ``specific_figures(table, ...)``)."""
    a, b = pairs[:, 0], pairs[:, 1]
    lex = _lexdot(table, a, b)
    emb = _rowdot(table.emb, a, b, half)
    w = settings.embed_weight
    text = (w * emb + (1 - w) * lex).astype(np.float32)
    pol = stance_conflict(table.polarity[a], table.polarity[b])
    qty = compare_counts(table, a, b, settings.differs_ratio)
    same_origin = base_origin[a] == base_origin[b]
    same_src = (table.source[a] == table.source[b]) & (table.source[a] >= 0)
    adjacent = same_src & ((table.prev[b] == a) | (table.prev[a] == b))
    continued = adjacent & ((table.continues[b] & (table.prev[b] == a)) | (table.continues[a] & (table.prev[a] == b)))
    # one speaker's denial or refusal restated within one passage of that speaker (no other
    # source's claim in between), or further apart in the article about the same matter (the lead
    # and the body), is one statement; other denials by one speaker may be about other matters
    restated = (same_src & (table.doc[a] == table.doc[b]) & (table.polarity[a] == table.polarity[b])
                & (table.polarity[a] <= 0) & ((run[a] == run[b]) | (text >= settings.restated_text_floor)))
    score = (text + settings.same_origin_bonus * same_origin + settings.adjacent_bonus * adjacent
             + settings.continuation_bonus * continued + settings.restated_stance_bonus * restated
             + settings.quantity_match_bonus * (qty == QTY_MATCH)
             + settings.figure_match_bonus * ((qty == QTY_MATCH) & same_figure(table, specific, a, b))
             ).astype(np.float32)
    tc = time_conflicts(table, a, b)
    # one negates the predicate the other states ("neither sent nor received" / "did receive"):
    # never one proposition (relations_negation; a relation may link them)
    negation = table.frames.screened(a, b)
    return PairScores(pairs=pairs, text=text, lex=lex, score=score, polarity_conflict=pol, quantity=qty,
                      time_conflict=tc, blocked=pol | (qty == QTY_CONFLICT) | tc | negation, same_origin=same_origin,
                      adjacent=adjacent)


def _concat(pairs: Rows, parts: Iterator[PairScores]) -> PairScores:
    """One :class:`PairScores` over ``pairs`` from the scores of its consecutive chunks, written
    into full-length columns as they come (no list of chunks to join)."""
    names = [f.name for f in fields(PairScores) if f.name != "pairs"]
    cols: dict[str, npt.NDArray[Any]] = {}
    at = 0
    for part in parts:
        k = len(part.pairs)
        for name in names:
            v = getattr(part, name)
            if name not in cols:
                cols[name] = np.empty(len(pairs), v.dtype)
            cols[name][at:at + k] = v
        at += k
    return PairScores(pairs=pairs, **cols)
