"""What is not a counted quantity, and the readings made of two neighbouring ones.

:func:`is_excluded` drops years, dates, clock times, ages, percentages, fractions, durations
(unless asked for), names with numbers ("Voyager 2") and references ("the two countries").
:func:`merge_bounds` joins "more than 10 and less than 20" into one range;
:func:`derived_totals` adds 12,000 personnel for "two brigades of 6,000 personnel each".
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimledger.extract.quantities_lexicon import Lexicon
from claimledger.extract.quantities_numbers import NumberRun, match_back, match_forward
from claimledger.models import Qualifier

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ANAPHORIC_MAX", "MAX_DAY", "YEAR_MAX", "YEAR_MIN", "Reading", "derived_totals", "is_excluded",
           "merge_bounds"]

MAX_VALUE = 1e15
"""Largest figure kept (a quadrillion: above any count or sum of money in the news, where world
output is about 1e14 dollars).  Longer chains of scale words give inf, which JSON cannot carry."""

YEAR_MIN = 1000
YEAR_MAX = 2100
"""A four-digit integer without a thousands comma in [YEAR_MIN, YEAR_MAX] is read as a year when
spaCy tags it DATE or nothing is counted after it.  News style (AP, Reuters) writes counts of a
thousand or more with a comma ("2,000 troops"), so a comma-less "2022" is almost always a year;
every year in the seeds ("2022", "2024") falls in this band and no count does."""

_GLUE = frozenset({"-", "/", "–", "."})

MAX_DAY = 31
"""A number up to MAX_DAY next to a capitalised month name is a day of the month ("3 October")."""

ENUMERATOR_MAX = 99
"""A bare number at the start of a line or sentence followed by "." "," ":" or ")" is a list
marker when it is at most ENUMERATOR_MAX (AP "10 Things to Know" lists, "Two, ..., Three, ...");
a larger one ("three million, two hundred") is a figure."""

RATIO_MAX_DENOMINATOR = 1000
""""X in Y" / "X out of Y" is a proportion when X < Y <= RATIO_MAX_DENOMINATOR ("six in 10",
"one in 1,000" is written with a comma and not caught); a larger Y such as "more than 30000 in
2009" is a year or a place."""

STREET_WINDOW = 4
"""Tokens after a number searched for a capitalised street word ("131 West 23rd Street" is 3)."""

MAX_AGE = 120
"""A person's age after their name between commas ("Clinton, 35,") is at most MAX_AGE."""

ANAPHORIC_MAX = 10
"""A spelled-out number up to ANAPHORIC_MAX after "the / these / their ..." refers back to things
already counted ("the two countries", "these two heavily sanctioned states": three cases in the
seeds, none annotated as quantities) and is not a new count; a figure in digits after "the"
("the 12,000 North Korean troops") is a count and is kept."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One quantity in token terms, before it becomes a :class:`~claimledger.models.Quantity`."""

    first: int
    """First token (a qualifier cue or range opener included)."""
    last: int
    """One past the last token of the number (and of a trailing cue such as "or more")."""
    low: float | None
    high: float | None
    value: float | None
    qualifier: Qualifier
    unit: str | None
    noun: int | None
    """Token index of the counted noun, when found."""


def _title_month(doc: Doc, k: int, lex: Lexicon, step: int) -> bool:
    """A capitalised month name at ``k`` (or one comma further on: "Sept. 26", "Sept, 26")."""
    for j in (k, k + step):
        if j < 0 or j >= len(doc):
            return False
        tok = doc[j]
        if tok.text[:1].isupper() and tok.lower_ in lex.months:
            return True
        if tok.text != ",":
            return False
    return False


def _is_date_or_time(
    doc: Doc, lowers: list[str], run: NumberRun, r: Reading, lex: Lexicon, cue: bool
) -> bool:
    low, high = r.low, r.high
    ends = [v for v in (low, high) if v is not None]
    ent = doc[run.end - 1].ent_type_
    if run.year_like and r.unit is None and not cue and ends and all(YEAR_MIN <= v <= YEAR_MAX for v in ends):
        return True  # "in 2022", "1990-2000", "from 2014 to 2022"
    if run.year_like and ent == "DATE":
        return True  # "the 2022 elections"
    day_like = bool(ends) and all(1 <= v <= MAX_DAY and v == int(v) for v in ends)
    if day_like and (_title_month(doc, run.start - 1, lex, -1) or _title_month(doc, r.last, lex, 1)):
        return True
    if r.last < len(lowers) and lowers[r.last] in lex.clock_words:
        return True
    if r.last + 1 < len(lowers) and lowers[r.last] == ":" and lowers[r.last + 1][:1].isdigit():
        return True  # "11:06", "11: 06 a.m."
    return ent == "TIME" and r.unit is None


def _is_enumerator(doc: Doc, lowers: list[str], run: NumberRun, r: Reading, lex: Lexicon, cue: bool) -> bool:
    """A list marker: "2. Two Supreme Court justices", "Two, disrupt ..."."""
    return (not cue and r.unit is None and run.kind == "number" and run.scale == 1
            and (r.low or 0) <= ENUMERATOR_MAX and _line_start(doc, r.first)
            and r.last < len(lowers) and lowers[r.last] in lex.enumerator_after)


def _is_ratio(lowers: list[str], r: Reading, lex: Lexicon) -> bool:
    """Either number of a proportion: "six in 10 voters", "3 out of 4" (not "30000 in 2009")."""
    if r.low is None or r.low != r.high:
        return False
    after = match_forward(lowers, r.last, lex.ratio_words, 2)
    if after is not None and r.last + after[0] < len(lowers):
        denominator = _small_number(lowers[r.last + after[0]], lex)
        if denominator is not None and r.low < denominator <= RATIO_MAX_DENOMINATOR:
            return True
    before = match_back(lowers, r.first, lex.ratio_words, 2)
    if before is not None and r.first - before[0] > 0:
        numerator = _small_number(lowers[r.first - before[0] - 1], lex)
        return numerator is not None and numerator < r.low <= RATIO_MAX_DENOMINATOR
    return False


def _small_number(w: str, lex: Lexicon) -> float | None:
    if w in lex.number_words:
        return lex.number_words[w]
    return float(w) if w.isdigit() and len(w) <= 4 else None


def _line_start(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].is_space or bool(doc[k].is_sent_start)


def _glued_code(doc: Doc, r: Reading) -> bool:
    """Digits chained by glued dashes or slashes: phone numbers, scores ("92-3"), codes."""
    k = r.first
    if (k >= 2 and doc[k - 1].text in _GLUE and not doc[k - 2].whitespace_ and not doc[k - 1].whitespace_
            and any(c.isdigit() for c in doc[k - 2].text)):
        return True
    k = r.last
    return (k + 1 < len(doc) and doc[k].text in _GLUE and not doc[k - 1].whitespace_
            and not doc[k].whitespace_ and any(c.isdigit() for c in doc[k + 1].text))


def _is_age(doc: Doc, lowers: list[str], run: NumberRun, r: Reading, lex: Lexicon) -> bool:
    before = match_back(lowers, r.first, lex.age_before, 3)
    if before is not None:
        return True
    if (r.unit is None and not run.spelled and run.kind == "number" and 1 <= (r.low or 0) <= MAX_AGE
            and r.first >= 2 and lowers[r.first - 1] == ","
            and r.last < len(lowers) and lowers[r.last] in (",", ".")
            and (doc[r.first - 2].ent_type_ == "PERSON" or doc[r.first - 2].pos_ == "PROPN")):
        return True  # news style: "Clinton, 35, the daughter of ..."
    if r.noun is None or r.unit not in lex.duration_units:
        return False
    k = r.noun + 1
    if k < len(lowers) and lowers[k] == "-":
        k += 1
    return k < len(lowers) and lowers[k] in lex.age_after


def _is_label(doc: Doc, lowers: list[str], run: NumberRun, r: Reading, lex: Lexicon, cue: bool) -> bool:
    """A number that names something: "Voyager 2", "Article 5", "No. 10", "Resolution 2231"."""
    if any(doc[k].ent_type_ in lex.identifier_labels for k in range(run.start, run.end)):
        return True
    if cue or r.first == 0 or run.currency is not None:
        return False
    prev = doc[r.first - 1]
    if prev.lower_ in lex.identifier_before:
        return True
    if prev.lower_ == "." and r.first >= 2 and lowers[r.first - 2] + "." in lex.identifier_before:
        return True  # "No. 10" tokenised as "No" "." "10"
    return (r.unit is None and prev.is_alpha and (prev.is_title or prev.is_upper)
            and not prev.is_sent_start)


def is_excluded(doc: Doc, lowers: list[str], run: NumberRun, r: Reading, lex: Lexicon, *, cue: bool,
                include_durations: bool) -> bool:
    """True when the reading is not a counted quantity."""
    if r.low is not None and r.high is not None and r.low > r.high:
        return True
    if any(v is not None and not 0 <= v <= MAX_VALUE for v in (r.low, r.high, r.value)):
        return True  # inf/nan from "thousands of thousands of ..." or a runaway digit string
    if match_forward(lowers, r.last, lex.percent_words, 3) is not None:
        return True
    if r.unit is not None and (r.unit in lex.non_count_heads or r.unit.split()[-1] in lex.non_count_heads):
        return True
    if _is_date_or_time(doc, lowers, run, r, lex, cue) or _is_age(doc, lowers, run, r, lex):
        return True
    if _glued_code(doc, r):
        return True
    if r.unit in lex.duration_units and not include_durations:
        return True
    if _is_label(doc, lowers, run, r, lex, cue):
        return True
    if run.kind == "vague" and run.scale == 1 and r.noun is None:
        return True  # "several" / "a few" with nothing counted
    if r.unit is None and r.value is not None and r.value != int(r.value):
        return True  # "3.1" with nothing counted: a measurement or a score, not a count
    if _is_enumerator(doc, lowers, run, r, lex, cue):
        return True
    if _is_ratio(lowers, r, lex):
        return True
    if r.last < len(lowers) and lowers[r.last] in lex.multiplier_after:
        return True  # "three times the rate"
    k = r.last + 1 if r.last < len(lowers) and lowers[r.last] == "-" else r.last
    if k < len(lowers) and lowers[k].rstrip("s") in lex.non_count_heads:
        return True  # "one-third", "two thirds"
    if r.last < len(doc) and lowers[r.last] in ("'s", "’s", "s") and not doc[r.last - 1].whitespace_:
        return True  # a decade: "the 80's"
    if any(doc[k].lower_ in lex.street_words and doc[k].text[:1].isupper()
           for k in range(r.last, min(len(doc), r.last + STREET_WINDOW))):
        return True  # "131 West 23rd Street"
    if run.kind == "number" and run.spelled and not cue and r.qualifier == "exact":
        if run.low == 1 and run.end - run.start == 1:
            return True  # a lone "one" is a pronoun or an article far more often than a count
        prev = lowers[run.start - 1] if run.start > 0 else ""
        if (run.low or 0) <= ANAPHORIC_MAX and prev in lex.anaphoric_before:
            return True
    return False


def merge_bounds(readings: list[Reading], lowers: list[str], lex: Lexicon) -> list[Reading]:
    """ "more than 10 and less than 20" -> one range [10, 20]."""
    out: list[Reading] = []
    for r in readings:
        prev = out[-1] if out else None
        if prev is not None and {prev.qualifier, r.qualifier} == {"at_least", "at_most"}:
            joiner = " ".join(lowers[prev.last : r.first])
            lo = prev.low if prev.qualifier == "at_least" else r.low
            hi = prev.high if prev.qualifier == "at_most" else r.high
            same_unit = prev.unit is None or r.unit is None or prev.unit == r.unit
            if joiner in lex.bound_joiners and lo is not None and hi is not None and lo < hi and same_unit:
                out[-1] = Reading(first=prev.first, last=r.last, low=lo, high=hi, value=(lo + hi) / 2,
                                  qualifier="range", unit=r.unit or prev.unit,
                                  noun=r.noun if r.noun is not None else prev.noun)
                continue
        out.append(r)
    return out


def _times(a: float | None, b: float | None) -> float | None:
    return a * b if a is not None and b is not None else None


def derived_totals(readings: list[Reading], lowers: list[str]) -> list[Reading]:
    """ "two brigades of 6,000 personnel each" -> 12,000 personnel (span: the whole phrase)."""
    out: list[Reading] = []
    n = len(lowers)
    for a, b in itertools.pairwise(readings):
        if a.noun is None or b.noun is None or a.qualifier != "exact" or b.first != a.noun + 2:
            continue
        if lowers[a.noun + 1] != "of" or b.noun + 1 >= n or lowers[b.noun + 1] != "each":
            continue
        low, high = _times(a.low, b.low), _times(a.low, b.high)
        out.append(Reading(first=a.first, last=b.noun + 2, low=low, high=high, value=_times(a.value, b.value),
                           qualifier=b.qualifier, unit=b.unit, noun=b.noun))
    return out
