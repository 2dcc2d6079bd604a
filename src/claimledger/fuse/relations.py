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
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..datafiles import data_toml
from .config import FusionSettings, lexicon
from .features import (
    _WORD,
    QUANTITY_SLOTS,
    ClaimTable,
    _synonym_class,
    content_tokens,
    denial_words,
    entity_spans,
    stem,
)
from .origins import Origins
from .pairs import QTY_CONFLICT, QTY_NONE, PairScores, compare_counts
from .records import FuseClaim, Relation, RelationKind

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


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


QUOTE_CHARS = 70
"""Characters of a claim quoted in a contradiction's reason."""


def _quote(text: str) -> str:
    t = " ".join(text.split())
    return "'" + (t if len(t) <= QUOTE_CHARS else t[:QUOTE_CHARS - 1].rstrip() + "\u2026") + "'"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (never matches when there are none)."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ws) if ws else "(?!)"


@functools.cache
def _word_sets() -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    """(statement words, head words, refers-back pattern), as ``content_tokens`` writes words:
    head words are those of relations.toml's synonym and unit classes (predicates and counted things)."""
    lex = lexicon()
    statement, back = denial_words()
    heads = frozenset(t for cls in lex.synonyms for w in cls for t in content_tokens(w))
    # a unit of several words ("military personnel"): its head noun, the last word
    heads |= frozenset(content_tokens(u)[-1] for u in lex.unit_class if content_tokens(u))
    return statement, heads - statement, back


_ENTITY, _STATEMENT, _HEAD = 1, 2, 4
"""Flags of a word id: an entity ("@north korea"), a word naming a statement, a head word."""
GATHER_STEP = 1 << 18
"""Pairs whose shared words are counted at once (bounded temporaries: ~10 word ids a claim)."""


class _Words:
    """Per claim, its content words (what ``content_tokens`` gives: stemmed words outside entity
    spans, a synonym class's name, one "@" token per entity) as sorted ids of one vocabulary:
    tokenised once per claim, on first need, into one int32 buffer (a few bytes a word, not a set
    of strings per claim).  Counting the words two claims share runs over it with numpy."""

    def __init__(self, claims: Sequence[FuseClaim]) -> None:
        self._claims = claims
        n = len(claims)
        self._start = np.full(n, -1, np.int64)
        self._len = np.zeros(n, np.int64)
        self._buf = np.zeros(1 << 12, np.int32)
        self._size = 0
        self._vocab: dict[str, int] = {}
        self.names: list[str] = []
        self._flag: list[int] = []
        self._flags = np.zeros(0, np.int8)
        self._memo: dict[str, str] = {}  # word -> its token ("" none): each distinct word stemmed once
        self._word_id: dict[str, int] = {}  # word -> its token's id (-1 none)

    def tokens(self, text: str, entities: Sequence[Mapping[str, Any]] = (), offset: int = 0) -> list[str]:
        """``content_tokens(text, entities, offset)`` (tests/test_relations_precision.py checks they
        are equal), each distinct word looked up once per run."""
        spans, ents = entity_spans(text, entities, offset)
        low = text.lower()
        words = (_WORD.findall(low) if not spans else
                 [m.group() for m in _WORD.finditer(low) if not any(s <= m.start() < t for s, t in spans)])
        out: list[str] = []
        memo = self._memo
        for w in words:
            tok = memo.get(w)
            if tok is None:
                tok = memo[w] = _token(w)
            if tok:
                out.append(tok)
        return out + ents

    def _id(self, tok: str) -> int:
        got = self._vocab.get(tok)
        if got is None:
            statement, heads, _ = _word_sets()
            got = self._vocab[tok] = len(self.names)
            self.names.append(tok)
            self._flag.append(_ENTITY if tok.startswith("@") else
                              (_STATEMENT if tok in statement else 0) | (_HEAD if tok in heads else 0))
        return got

    def _add(self, row: int) -> None:
        c = self._claims[row]
        ents = c.record.get("entities") or ()
        if ents:
            ids = sorted({self._id(t) for t in self.tokens(c.text, ents, c.start)})
        else:  # the common case, word -> id in one look-up
            wid, got = self._word_id, set()
            for w in _WORD.findall(c.text.lower()):
                i = wid.get(w)
                if i is None:
                    tok = self._memo.get(w)
                    if tok is None:
                        tok = self._memo[w] = _token(w)
                    i = wid[w] = self._id(tok) if tok else -1
                if i >= 0:
                    got.add(i)
            ids = sorted(got)
        k = len(ids)
        if self._size + k > self._buf.size:
            grown = np.zeros(max(2 * self._buf.size, self._size + k), np.int32)
            grown[:self._size] = self._buf[:self._size]
            self._buf = grown
        self._buf[self._size:self._size + k] = ids
        self._start[row], self._len[row] = self._size, k
        self._size += k

    def ensure(self, rows: npt.NDArray[np.int64]) -> None:
        """Tokenise the claims of ``rows`` not done yet (in row order)."""
        todo = rows[self._start[rows] < 0]
        for r in np.unique(todo).tolist():
            self._add(r)

    def _row(self, row: int) -> list[int]:
        if self._start[row] < 0:
            self._add(row)
        s = int(self._start[row])
        ids: list[int] = self._buf[s:s + int(self._len[row])].tolist()
        return ids

    def words(self, row: int) -> frozenset[str]:
        """The claim's words less entities and words naming a statement."""
        f, nm = self._flag, self.names
        return frozenset(nm[i] for i in self._row(row) if not f[i] & (_ENTITY | _STATEMENT))

    def terms(self, row: int) -> frozenset[str]:
        """The claim's words less words naming a statement, entities kept."""
        f, nm = self._flag, self.names
        return frozenset(nm[i] for i in self._row(row) if not f[i] & _STATEMENT)

    def _flag_array(self) -> npt.NDArray[np.int8]:
        if self._flags.size != len(self._flag):
            self._flags = np.asarray(self._flag, np.int8)
        return self._flags

    def _gather(self, rows: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(position in ``rows``, word id) of every word of the claims of ``rows`` (tokenised) that is
        neither an entity nor names a statement."""
        lens = self._len[rows]
        pos = np.repeat(np.arange(rows.size, dtype=np.int64), lens)
        at = np.repeat(self._start[rows] - (np.cumsum(lens) - lens), lens) + np.arange(pos.size, dtype=np.int64)
        ids = self._buf[at].astype(np.int64)
        keep = (self._flag_array()[ids] & (_ENTITY | _STATEMENT)) == 0
        return pos[keep], ids[keep]

    def count(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Per row of ``rows``, its number of words (``words``)."""
        self.ensure(rows)
        out = np.zeros(rows.size, np.int64)
        for s in range(0, rows.size, GATHER_STEP):
            pos, _ = self._gather(rows[s:s + GATHER_STEP])
            out[s:s + GATHER_STEP] = np.bincount(pos, minlength=rows[s:s + GATHER_STEP].size)
        return out

    def shared(self, x: npt.NDArray[np.int64],
               y: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Per pair (``x[i]``, ``y[i]``): how many ``words`` the two claims share, and how many of those
        are head words."""
        self.ensure(x)
        self.ensure(y)
        n, heads = np.zeros(x.size, np.int64), np.zeros(x.size, np.int64)
        v = max(1, len(self.names))
        flags = self._flag_array()
        for s in range(0, x.size, GATHER_STEP):
            m = x[s:s + GATHER_STEP].size
            px, ix = self._gather(x[s:s + m])
            py, iy = self._gather(y[s:s + m])
            key = np.concatenate([px * v + ix, py * v + iy])
            key.sort()
            dup = key[1:][key[1:] == key[:-1]]  # each claim's ids are distinct: a repeat is shared
            pos, ids = dup // v, dup % v
            n[s:s + m] = np.bincount(pos, minlength=m)
            heads[s:s + m] = np.bincount(pos[(flags[ids] & _HEAD) != 0], minlength=m)
        return n, heads


def _token(word: str) -> str:
    """What ``content_tokens`` makes of one lower-case word ("" for nothing)."""
    lex = lexicon()
    if word in lex.stopwords or word.isdigit() or len(word) < 2:
        return ""
    st = stem(word)
    return "" if st in lex.stopwords else _synonym_class().get(st, st)


@dataclass(frozen=True, slots=True)
class _Denial:
    matter: frozenset[str]
    """The content words the denial is about (its own, and those of the claim it answers)."""
    target: int
    """Row of the claim of its document it answers (thin denials), -1: its own words suffice."""


_NO_SENTENCE = np.iinfo(np.int64).min


class _Matters:
    """Per claim, the words a contradiction must share.  Word ids, each denial's answered claim and
    the sentence starts are kept in arrays over the claims (filled on first need): nothing per
    claim grows as Python objects with a large story."""

    def __init__(self, table: ClaimTable, claims: Sequence[FuseClaim], settings: FusionSettings) -> None:
        self._table, self._claims, self._settings = table, claims, settings
        self.store = _Words(claims)
        n = len(claims)
        self._target = np.full(n, -2, np.int64)  # -2: not computed
        self._matter_row = np.full(n, -1, np.int64)  # the claim whose words are the denial's matter
        self._sentence = np.full(n, _NO_SENTENCE, np.int64)

    def words(self, row: int) -> frozenset[str]:
        """Content words of the claim, without entities and words naming a statement."""
        return self.store.words(row)

    def _answer(self, row: int) -> None:
        own = self.words(row)
        # the claim a thin denial answers (features.answered_claims, the same for the similarities);
        # a denial with words of its own keeps them as its matter ("any transfer of arms": the
        # claim it answers may state more than it denies)
        target = int(self._table.answers[row])
        self._target[row] = target
        self._matter_row[row] = row if own or target < 0 else target

    def denial(self, row: int) -> _Denial:
        if self._target[row] == -2:
            self._answer(row)
        return _Denial(self.words(int(self._matter_row[row])), int(self._target[row]))

    def _sentences(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        for r in np.unique(rows[self._sentence[rows] == _NO_SENTENCE]).tolist():
            self._sentence[r] = _sentence_start(self._claims[r])
        return self._sentence[rows]

    def shared(self, d: int, a: int) -> tuple[str, ...] | None:
        """The words of denial ``d``'s matter that assertion ``a`` states, when enough to contradict
        it (None otherwise); ``()`` when ``a`` is the very claim ``d`` answers."""
        c_d, c_a = self._claims[d], self._claims[a]
        if c_d.document_id == c_a.document_id and _sentence_start(c_d) == _sentence_start(c_a):
            return None  # one sentence reports one position ("deny X but committed to Y")
        den = self.denial(d)
        if den.target == a:
            return ()
        both = den.matter & self.words(a)
        if len(both) >= 2:
            return tuple(sorted(both))
        if len(both) == 1 and next(iter(both)) in _word_sets()[1] and \
                1 / len(den.matter) >= self._settings.matter_share:
            return tuple(both)
        return None

    def shares(self, d: npt.NDArray[np.int64], a: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """``shared(d[i], a[i]) is not None`` for every pair, with numpy over the claims' word ids
        (Python runs once per denial and per claim, not per pair)."""
        for r in np.unique(d[self._target[d] == -2]).tolist():
            self._answer(r)
        target, matter = self._target[d], self._matter_row[d]
        both, heads = self.store.shared(matter, a)
        size = self.store.count(matter)
        one = (both == 1) & (heads == 1) & (1.0 / np.maximum(size, 1) >= self._settings.matter_share)
        ok: npt.NDArray[np.bool_] = (target == a) | (both >= 2) | one
        same = np.flatnonzero(self._table.doc[d] == self._table.doc[a])
        if same.size:  # one sentence reports one position
            ok[same[self._sentences(d[same]) == self._sentences(a[same])]] = False
        return ok

    def reason(self, names: Sequence[str], org: npt.NDArray[np.int32], d: int, a: int, topic: float) -> str:
        """One line: who denies whose claim, the claim a thin denial answers, the shared words."""
        claims = self._claims
        den = self.denial(d)
        said = _quote(claims[d].text)
        if den.target == a:
            return (f"{names[org[d]]} denies {names[org[a]]}'s claim {_quote(claims[a].text)}: its denial "
                    f"({said}) answers that claim in its document (similarity {topic:.2f})")
        answers = ("" if den.target < 0 else
                   f", answering {names[org[den.target]]}'s claim {_quote(claims[den.target].text)}")
        return (f"{names[org[d]]} denies {names[org[a]]}'s claim {_quote(claims[a].text)}: {said}{answers}; "
                f"shared: {', '.join(self.shared(d, a) or ())} (similarity {topic:.2f})")

def _count_reason(table: ClaimTable, claims: Sequence[FuseClaim], a: int, b: int, ratio: float,
                  same: Callable[[int, int, int, int], str | None] | None = None) -> str | None:
    """Why two claims' counts of one thing differ, naming the figures; ``same(a, sa, b, sb)`` (when
    given) says why the two counts are of one matter, None when they are not."""
    for sa in range(QUANTITY_SLOTS):
        for sb in range(QUANTITY_SLOTS):
            ca, cb = int(table.q_cls[a, sa]), int(table.q_cls[b, sb])
            ea, eb = int(table.q_ent[a, sa]), int(table.q_ent[b, sb])
            if ca < 0 or ca != cb or ea != eb:
                continue
            qa, qb = _quantity(claims[a], sa), _quantity(claims[b], sb)
            ba, bb = float(table.q_best[a, sa]), float(table.q_best[b, sb])
            thing = table.unit_names[ca]
            why: str | None = None
            if np.isfinite(ba) and np.isfinite(bb) and min(ba, bb) > 0 and max(ba, bb) / min(ba, bb) > ratio:
                lo_a, hi_a = table.q_low[a, sa], table.q_high[a, sa]
                lo_b, hi_b = table.q_low[b, sb], table.q_high[b, sb]
                overlap = max(lo_a, lo_b) <= min(hi_a, hi_b)
                tail = ("; the intervals overlap (an open bound), but the best estimates do not agree"
                        if overlap else "")
                why = (f"{thing}: '{qa}' vs '{qb}': best estimates {_fmt(ba)} and {_fmt(bb)} are "
                       f"{max(ba, bb) / min(ba, bb):.1f}x apart{tail}")
            elif table.q_low[a, sa] > table.q_high[b, sb] or table.q_low[b, sb] > table.q_high[a, sa]:
                why = f"{thing}: '{qa}' vs '{qb}': the intervals do not overlap"
            if why is None:
                continue
            if same is None:
                return why
            matter = same(a, sa, b, sb)
            if matter is not None:
                return f"{why}; {matter}"
    return None


def _quantity(c: FuseClaim, slot: int) -> str:
    qs = _quantities(c)
    return str(qs[slot].get("text")) if slot < len(qs) else "?"


def _quantities(c: FuseClaim) -> list[Mapping[str, Any]]:
    """The claim's quantities with a value: slot k of the table is the k-th of them."""
    return [q for q in (c.record.get("quantities") or ()) if q.get("value") is not None]


@functools.cache
def _count_patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(part of a whole, a rate's "per" unit, plural number words), from relations.toml ``[counts]``.

    Part: "of the ...", "of them", "of 50", "out of" right after the figure ("eight of them", "44 of
    50", a partitive figure: "half of the") — not after the counted noun ("12,000 troops of the North
    Korean army", "48 percent of the vote"), nor after a plural number word ("thousands of its").
    Rate: "a"/"an"/"per" and a rate unit right after the amount or its noun ("$7.25 an hour",
    "$15-an-hour", "90 people a day"), not a time ("500 people a year ago")."""
    lex = lexicon()
    part_of = re.compile(rf"\s*(?:out\s+)?of\s+(?:(?:{_alternation(lex.part_of_determiners)})\b|\d)")
    per = re.compile(rf"[\s-]*(?:[a-z]+[\s-]+)?(?:an?|per)[\s-]+({_alternation(lex.rate_units)})s?\b"
                     rf"(?![\s-]+(?:{_alternation(lex.not_rate_after)})\b)")
    return part_of, per, frozenset(lex.multitudes)


WINDOW_BEFORE, WINDOW_AFTER = 4, 6
"""Words before and after a figure read for what happened to the things counted ("reportedly killed
20 soldiers", "eight North Korean soldiers were killed"): a short clause around the count."""


@dataclass(frozen=True, slots=True)
class _Count:
    """What one figure of a claim counts, beyond its unit."""

    qualified: bool
    """A qualifying entity (the table's ``q_ent``) right before the counted thing's noun, with
    nothing but punctuation between the figure and it ("12,000 North Korean troops")."""
    qualifier: str
    part: str
    """What makes the figure a part of a whole ("of them", "kill"), "" when nothing does."""
    per: str
    """A rate's "per" unit ("hour"), "" for none."""
    measure: bool
    """An amount of money, a share or a rate (relations.toml ``[counts] measures``), or a rate."""


@functools.cache
def _count_words() -> tuple[frozenset[str], frozenset[str]]:
    """(part predicates, measures), as ``content_tokens`` writes words (measures: unit names, lower case)."""
    lex = lexicon()
    parts = frozenset(t for w in lex.part_predicates for t in content_tokens(w))
    return parts, frozenset(lex.unit_class.get(m, m) for m in lex.measures)


# --- assessments: a hedge cue's ICD-203 band, or a belief --------------------------------------

ASSESSED_LIKELY_FLOOR = 55
"""A hedge cue whose ICD-203 band starts at this percentage or above ("likely: 55-80%", "very
likely", "almost certain") judges its statement likely (ICD-203's "likely" band)."""
ASSESSED_UNLIKELY_CEILING = 45
"""... and one whose band ends at this percentage or below ("unlikely: 20-45%" and below) unlikely;
"roughly even chance: 45-55%" judges neither way."""
_BAND = re.compile(r"(\d+)\s*-\s*(\d+)\s*%")


def band_side(band: str | None) -> int:
    """1: an ICD-203 band of "likely" or above, -1: "unlikely" or below, 0: neither or no band."""
    m = _BAND.search(band or "")
    if m is None:
        return 0
    low, high = int(m.group(1)), int(m.group(2))
    return 1 if low >= ASSESSED_LIKELY_FLOOR else -1 if high <= ASSESSED_UNLIKELY_CEILING else 0


@functools.cache
def _hedge_bands() -> dict[str, str | None]:
    """Hedge cue -> its ICD-203 band (data/en/hedges.toml), for records without ``hedge_cues``."""
    return {str(c["cue"]).lower(): c.get("band") for c in data_toml("hedges.toml").get("cue", ())}


@functools.cache
def _assessment_words() -> tuple[frozenset[str], frozenset[str], re.Pattern[str], frozenset[str]]:
    """(unbanded likely cues, unbanded unlikely cues, negation pattern, words of an assessment of
    reports): relations.toml ``[supports]`` and ``[contradicts] statement_words``."""
    lex = lexicon()
    # a word ending ("n't" of "don't") has no word boundary before it
    neg = "|".join(rf"{re.escape(w)}\b" if "'" in w else rf"\b{re.escape(w)}\b"
                   for w in sorted(lex.negations, key=lambda w: (-len(w), w))) or "(?!)"
    reports = frozenset(lex.statement_words) - frozenset(lex.not_reports)
    return frozenset(lex.likely), frozenset(lex.unlikely), re.compile(neg), reports


def _assessment(c: FuseClaim) -> int:
    """1: the claim judges its statement likely ("highly likely", "believe"), -1: unlikely, 0:
    neither ("could", "reportedly").  By the ICD-203 band of each hedge cue (the record's
    ``hedge_cues[].band``, else hedges.toml's), and relations.toml ``[supports]`` for cues without one."""
    likely, unlikely, negation, _ = _assessment_words()
    rec = c.record
    bands = _hedge_bands()
    found = rec.get("hedge_cues")
    cues = ([(str(h.get("cue") or "").lower(), h.get("band")) for h in found] if found is not None else
            [(str(h).lower(), None) for h in rec.get("hedges") or ()])
    sides = []
    for cue, band in cues:
        side = band_side(band or bands.get(cue))
        sides.append((cue, side or (1 if cue in likely else -1 if cue in unlikely else 0)))
    if any(side < 0 for _, side in sides):
        return -1
    low = c.text.lower()
    # "likely voters", "more likely than": a word of the cue that judges nothing
    judged = [cue for cue, side in sides
              if side > 0 and not any(cue in n and n in low for n in lexicon().not_assessments)]
    if not judged:
        return 0
    return -1 if negation.search(low.replace("\u2019", "'")) else 1  # "don't believe", "nor ... likely"


def _assessments(claims: Sequence[FuseClaim], hedged: npt.NDArray[np.bool_]) -> npt.NDArray[np.int8]:
    """Per claim (row): ``_assessment``, 0 for a claim without hedges (Python per hedged claim, once)."""
    out = np.zeros(len(claims), np.int8)
    for r in np.flatnonzero(hedged).tolist():
        out[r] = _assessment(claims[r])
    return out


def _assessing(assessed: npt.NDArray[np.int8], a: npt.NDArray[np.int64],
               b: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Pairs of which one claim judges its statement likely and the other judges it neither way (a
    plain claim: it may carry a possibility or a report, "could", "reportedly", which an assessment
    makes more likely all the same; see ``_Counts.assesses``)."""
    xa, xb = assessed[a], assessed[b]
    out: npt.NDArray[np.bool_] = ((xa == 1) & (xb == 0)) | ((xb == 1) & (xa == 0))
    return out


def _of_reports(c: FuseClaim) -> bool:
    """Whether the claim names a statement (its words outside entity spans: "called the reports
    highly likely"), so that it assesses another statement by its own words."""
    low = c.text.lower()
    for e in c.record.get("entities") or ():
        s, t = (int(x) - c.start for x in (e.get("span") or (0, 0)))
        if 0 <= s < t <= len(low):
            low = low[:s] + " " * (t - s) + low[t:]
    return bool(frozenset(re.findall(r"[a-z]+", low)) & _assessment_words()[3])



class _Counts:
    """Whether two claims' figures count one thing of one matter (computed for the counted pairs
    the vectorised gates leave; the figures' facts are kept for one step of pairs at a time, the
    words are ``_Matters``' arrays), and which claims judge their statement likely (``assessed``)."""

    def __init__(self, table: ClaimTable, claims: Sequence[FuseClaim], matters: _Matters,
                 settings: FusionSettings) -> None:
        self._table, self._claims, self._matters, self._settings = table, claims, matters, settings
        self._slots: dict[tuple[int, int], _Count] = {}
        self._reports: dict[int, bool] = {}
        self.assessed = _assessments(claims, table.hedged)
        """Per claim: 1 it judges its statement likely, -1 unlikely, 0 neither (``_assessment``)."""

    def clear(self) -> None:
        """Forget the figures' facts (once per step of pairs: the cache does not grow with a story)."""
        self._slots.clear()

    def count(self, row: int, slot: int) -> _Count:
        got = self._slots.get((row, slot))
        if got is not None:
            return got
        c, t = self._claims[row], self._table
        part_of, per_unit, multitudes = _count_patterns()
        low = c.text.lower().replace("\u2019", "'")
        q = _quantities(c)[slot]
        s, e = (int(x) - c.start for x in (q.get("span") or (c.start, c.start)))
        after = low[max(0, e):] if 0 <= e <= len(low) else ""
        ent = int(t.q_ent[row, slot])
        qualified, qualifier = False, ""
        if ent >= 0 and after:
            qualifier = t.entity_names[ent]
            for en in c.record.get("entities") or ():
                es = int((en.get("span") or (0, 0))[0]) - c.start
                if e <= es <= len(low) and not re.search(r"\w", low[e:es]):
                    qualified = True
                    break
        # "thousands of its own soldiers": a plural number word's "of" introduces what it counts
        figure = str(q.get("text") or "").lower().split()
        multitude = bool(figure) and figure[-1] in multitudes
        part = "of a whole" if not multitude and part_of.match(after) else ""
        if not part and 0 <= s <= len(low):
            near = (low[:s].split()[-WINDOW_BEFORE:] if s > 0 else []) + after.split()[:WINDOW_AFTER]
            hit = sorted(set(self._matters.store.tokens(" ".join(near))) & _count_words()[0])
            part = hit[0] if hit else ""
        per_m = per_unit.match(after)
        per = per_m.group(1) if per_m else ""
        unit = t.unit_names[int(t.q_cls[row, slot])] if int(t.q_cls[row, slot]) >= 0 else ""
        got = _Count(qualified, qualifier, part, per, bool(per) or unit in _count_words()[1])
        self._slots[(row, slot)] = got
        return got

    def terms(self, row: int) -> frozenset[str]:
        """The claim's matter words with its entities ("@north korea"): what two counts' claims share."""
        return self._matters.store.terms(row) - self.figure_words(row)

    def figure_words(self, row: int) -> frozenset[str]:
        """Words of the claim's figures ("several thousand", "millions"): the count, not its matter."""
        store = self._matters.store
        return frozenset(t for q in (self._claims[row].record.get("quantities") or ())
                         for t in store.tokens(str(q.get("text") or "")))

    def same(self, a: int, sa: int, b: int, sb: int, topic: float, agree: bool = False) -> str | None:
        """Why figure ``sa`` of claim ``a`` and ``sb`` of ``b`` (one unit class) count one thing of one
        matter, None when they may not: a part of a whole is no estimate of the whole; a qualified
        counted thing is its matter; else the claims must share the matter's words, at
        ``differs_open_floor`` of similarity — or, for figures that ``agree`` (themselves a sign of
        one matter), at the relation threshold that brought the pair here."""
        x, y = self.count(a, sa), self.count(b, sb)
        if x.part != y.part or x.part == "of a whole" or x.per != y.per:
            return None
        s = self._settings
        measure = x.measure or y.measure
        if x.qualified and y.qualified and x.qualifier == y.qualifier and not measure:
            return f"the same counted thing ({x.qualifier})"
        unit = frozenset(content_tokens(self._table.unit_names[int(self._table.q_cls[a, sa])]))
        both = (self.terms(a) & self.terms(b)) - unit - _count_words()[0]
        need, floor = ((s.differs_measure_words, s.differs_measure_floor) if measure else
                       (s.differs_matter_words, s.relation_threshold if agree else s.differs_open_floor))
        if len(both) < need or topic < floor:
            return None
        # the actors and places named: a count of Sanders' delegates is not one of a candidate's, a
        # rally in Missouri not all rallies
        if not self.same_names(a, b):
            return None
        return f"the same matter: {', '.join(sorted(both))}"

    def differ(self, a: int, b: int, topic: float) -> str | None:
        """Why the two claims count one thing of one matter differently (None: they do not)."""
        return _count_reason(self._table, self._claims, a, b, self._settings.differs_ratio,
                             lambda x, sx, y, sy: self.same(x, sx, y, sy, topic))

    def agree(self, a: int, b: int, topic: float) -> str | None:
        """Why the two claims' figures of one counted thing of one matter agree (a qualifier on one
        side only is allowed: "two brigades of 6,000 personnel each" vs "12,000 North Korean
        troops"), None when no two do."""
        t, ratio = self._table, self._settings.differs_ratio
        for sa in range(QUANTITY_SLOTS):
            for sb in range(QUANTITY_SLOTS):
                ca, cb = int(t.q_cls[a, sa]), int(t.q_cls[b, sb])
                ea, eb = int(t.q_ent[a, sa]), int(t.q_ent[b, sb])
                if ca < 0 or ca != cb or (ea != eb and ea >= 0 and eb >= 0):
                    continue
                ba, bb = float(t.q_best[a, sa]), float(t.q_best[b, sb])
                if np.isfinite(ba) and np.isfinite(bb) and min(ba, bb) > 0:
                    if max(ba, bb) / min(ba, bb) > ratio:
                        continue
                elif not (np.isnan(ba) and np.isnan(bb) and np.isfinite(t.q_low[a, sa])
                          and t.q_low[a, sa] == t.q_low[b, sb] and t.q_high[a, sa] == t.q_high[b, sb]):
                    continue
                matter = self.same(a, sa, b, sb, topic, agree=True)
                if matter is None:
                    continue
                qa, qb = _quantity(self._claims[a], sa), _quantity(self._claims[b], sb)
                figures = (f"best estimates {_fmt(ba)} and {_fmt(bb)}" if np.isfinite(ba) else "one vague amount")
                return f"{t.unit_names[ca]}: '{qa}' and '{qb}' agree ({figures}); {matter}"
        return None

    def assessment(self, row: int) -> int:
        """1: the claim judges its statement likely ("highly likely", "believe"), -1: unlikely,
        0: neither (``assessed``)."""
        return int(self.assessed[row])

    def assesses(self, a: int, b: int) -> tuple[int, int, tuple[str, ...]] | None:
        """(assessing claim, plain claim, shared words) when one of the two judges its statement likely
        ("highly likely", "believe") and is about what the other, which judges its statement neither
        way, states: at least two and ``support_matter_share`` of the assessing claim's matter words
        (as for a contradiction: its content words less entities and words naming a statement, here
        also less its figures and hedge cues) in the other — two are enough when it assesses reports
        or claims; the two name mostly the same actors; never within one sentence.

        The other claim may be hedged otherwise: a possibility or a report ("could", "reportedly")
        is made more likely by an assessment all the same, and a hedge cue often scopes a clause of
        the claim only ("... are supporting Russian troops on the ground, and some may have been
        killed").  Two assessments (both sides likely, or one unlikely) are no support."""
        cl = self._claims
        if not _assessing(self.assessed, np.asarray([a]), np.asarray([b]))[0]:
            return None
        h, p = (a, b) if self.assessed[a] == 1 else (b, a)
        if cl[h].document_id == cl[p].document_id and _sentence_start(cl[h]) == _sentence_start(cl[p]):
            return None
        store = self._matters.store
        cue = frozenset(t for x in (cl[h].record.get("hedges") or ()) for t in store.tokens(str(x)))
        own = self._matters.words(h) - self.figure_words(h) - cue
        both = own & (self._matters.words(p) - self.figure_words(p))
        if len(both) < 2 or not self.same_names(h, p):
            return None
        # an assessment of reports or claims ("called the reports ... highly likely") is about another
        # statement by its own words: two shared words say which; else most of its matter must be shared
        if len(both) < self._settings.support_matter_share * len(own):
            of_reports = self._reports.get(h)
            if of_reports is None:
                of_reports = self._reports[h] = _of_reports(cl[h])
            if not of_reports:
                return None
        return h, p, tuple(sorted(both))

    def same_names(self, a: int, b: int) -> bool:
        """Whether the two claims name mostly the same actors and places (``differs_entity_share``
        of the entities of either in both; true when neither names any)."""
        ea = frozenset(w for w in self.terms(a) if w.startswith("@"))
        eb = frozenset(w for w in self.terms(b) if w.startswith("@"))
        return not (ea or eb) or len(ea & eb) >= self._settings.differs_entity_share * len(ea | eb)


def _sentence_start(c: FuseClaim) -> int:
    span = c.record.get("sentence_span")
    return int(span[0]) if span else c.start

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
    cross = np.concatenate([_cross_pairs(table, ps, org, label, s, counts.assessed, settings)
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
        pos, rule = _candidates(table, ps, org, cross[s:s + PAIRS_PER_STEP], matters, counts, settings)
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
    return _cap(table, claims, ps, label, origins, rule_w, k_w, prop_ids, matters, counts, settings)


PAIRS_PER_STEP = 1 << 22
"""Pairs screened per step for a possible relation (bounded temporaries: gathers of origins, labels
and stances per pair, not one full-length array of each at once)."""


def _cross_pairs(table: ClaimTable, ps: PairScores, org: npt.NDArray[np.int32], label: npt.NDArray[np.int32],
                 start: int, assessed: npt.NDArray[np.int8], settings: FusionSettings) -> npt.NDArray[np.int64]:
    """Indices of the pairs ``start .. start + PAIRS_PER_STEP`` that may give a relation and join two
    propositions (element-wise, so the steps give what one pass over all pairs gave)."""
    at = slice(start, start + PAIRS_PER_STEP)
    a_all, b_all = ps.pairs[at, 0], ps.pairs[at, 1]
    text = ps.text[at]
    topical = text >= settings.relation_threshold
    pa_all, pb_all = table.polarity[a_all], table.polarity[b_all]
    maybe = topical & (ps.polarity_conflict[at] | ((org[a_all] == org[b_all]) & (pa_all != pb_all))
                       | table.pending[a_all] | table.pending[b_all] | (ps.quantity[at] == QTY_CONFLICT))
    asserted = (pa_all > 0) & (pb_all > 0) & ~ps.blocked[at] & (org[a_all] != org[b_all])
    # supports: figures of one counted thing that agree, or an assessment of a plain claim
    maybe |= asserted & ((topical & (ps.quantity[at] != QTY_NONE))
                         | ((text >= settings.support_threshold)
                            & _assessing(assessed, a_all.astype(np.int64), b_all.astype(np.int64))))
    return np.flatnonzero(maybe & (label[a_all] != label[b_all])) + start


_KINDS: tuple[RelationKind, ...] = ("updates", "updates", "contradicts", "differs", "supports", "supports")
"""Rule -> kind: 0 an origin changed its stance, 1 not yet -> already, 2 denial vs assertion,
3 counts differ, 4 figures agree, 5 an assessment of a plain claim."""
_RULE_PRIORITY = np.asarray([_PRIORITY[k] for k in _KINDS], np.int8)


def _candidates(table: ClaimTable, ps: PairScores, org: npt.NDArray[np.int32], cross: npt.NDArray[np.int64],
                matters: _Matters, counts: _Counts,
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
    differ = related & (ps.quantity[cross] == QTY_CONFLICT) & ((org[a] != org[b]) | (said_a != said_b))
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
    pos = [np.flatnonzero(m) for m in (changed, arrived, opposed, differ, agree, assess)]
    rule = [np.full(p.size, r, np.int8) for r, p in enumerate(pos)]
    return np.concatenate(pos), np.concatenate(rule)


def _relation(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
              origins: Origins, rule: int, k: int, matters: _Matters, counts: _Counts) -> _Cand:
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
         matters: _Matters, counts: _Counts, settings: FusionSettings) -> list[Relation]:
    """At most ``max_relations_per_proposition`` relations per proposition and kind (a denying
    proposition: ``max_contradictions_per_denial`` contradictions), read in the order (higher
    similarity, kind priority, from id, to id); the reason is written only for the relations kept."""
    a, b = ps.pairs[k, 0].astype(np.int64), ps.pairs[k, 1].astype(np.int64)
    said_a, said_b = table.said[a], table.said[b]
    a_first = (said_a < said_b) | ((said_a == said_b) & (a <= b))
    early, late = np.where(a_first, a, b), np.where(a_first, b, a)
    denier_a = table.polarity[a] < 0
    denier, asserter = np.where(denier_a, a, b), np.where(denier_a, b, a)
    contra, assess = rule == 2, rule == 5
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
        if r == 2:
            if denied.get(s, 0) >= settings.max_contradictions_per_denial:
                continue
            denied[s] = denied.get(s, 0) + 1
        used[(s, prio)] = used.get((s, prio), 0) + 1
        used[(d, prio)] = used.get((d, prio), 0) + 1
        c = _relation(table, claims, ps, label, origins, r, int(k[i]), matters, counts)
        out.append(Relation(from_id=prop_ids[c.src], to_id=prop_ids[c.dst], kind=c.kind, reason=c.reason))
    return sorted(out, key=lambda r: (r.from_id, r.to_id, r.kind))

