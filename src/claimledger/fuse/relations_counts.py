"""The counts machinery of ``relations``: whether two claims' figures count one thing of one matter.

``_Counts`` reads what each figure of a claim counts beyond its unit (``_Count``: a qualifier right
before the counted noun, a part of a whole, a rate's "per" unit, a measure; from relations.toml
``[counts]``, ``_count_patterns`` and ``_count_words``), and says why two claims' counts differ
(``_count_reason``, the differs rule) or agree (supports rule a), and whether an assessing claim is
about what a plain claim states (supports rule b, with ``relations_assess``).  ``_quantity`` and
``_quantities`` read a claim's figures as the table's slots hold them.  Moved out of
``relations.py`` unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .config import FusionSettings, lexicon
from .features import QUANTITY_SLOTS, ClaimTable, content_tokens
from .records import FuseClaim
from .relations_assess import _assessing, _assessments, _of_reports
from .relations_matter import _Matters, _sentence_start


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (never matches when there are none)."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ws) if ws else "(?!)"


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


_CLAUSE_STOP = re.compile(r"[,;:.()\[\]\u2014\u2013]|^(?:and|but|while|whereas)$|\d")
"""Where another figure's clause begins (as ``features._PRED_STOP``, word by word)."""


def _nearest_fate(before: list[str], after: list[str]) -> str:
    """The part predicate nearest to a figure ("Ten people were killed and at least 50 injured": the
    50 were injured), the word after it on a tie ("killing 10 people", "12 people were hurt"), within
    the figure's own clause, as ``features._predicate`` reads a figure's predicate ("killed 5 people
    and left 200 homeless; 30 were injured": the 200 were neither); "" when there is none."""
    fates = _count_words()[0]
    # the clause: after the last word holding a stop before the figure ("injured," ends another
    # clause), up to the first stop after it (the word's part before the stop kept: "injured,")
    k = max((i for i, w in enumerate(before) if _CLAUSE_STOP.search(w)), default=-1)
    before = before[k + 1:]
    own: list[str] = []
    for w in after:
        m = _CLAUSE_STOP.search(w)
        if m is None:
            own.append(w)
            continue
        if m.start() > 0:
            own.append(w[:m.start()])
        break
    after = own
    found = [(d, 1, t) for d, w in enumerate(reversed(before)) for t in content_tokens(w) if t in fates]
    found += [(d, 0, t) for d, w in enumerate(after) for t in content_tokens(w) if t in fates]
    return min(found)[2] if found else ""


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
            part = _nearest_fate(low[:s].split()[-WINDOW_BEFORE:] if s > 0 else [], after.split()[:WINDOW_AFTER])
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
        return frozenset(t for q in (self._claims[row].record.get("quantities") or ())
                         for t in content_tokens(str(q.get("text") or "")))

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
        cue = frozenset(t for x in (cl[h].record.get("hedges") or ()) for t in content_tokens(str(x)))
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
