"""Counted quantities as intervals: "at least 3,000 troops" -> [3000, open) at_least, troop.

Rules (gold/GUIDELINES.md, "Quantities"; word lists in data/en/quantities.toml):

- exact "12,000" -> [12000, 12000]; number words count ("three generals" -> 3);
- approximate "about / some / approximately / nearly 2,000" -> [2000, 2000];
- at_least "at least / over / more than 3,000", "3,000 or more" -> [3000, None];
- at_most "up to / fewer than / less than 700" -> [None, 700];
- range "3,000 to 5,000", "3,000-5,000", "between 3 and 5", "two or three" -> [low, high]; two
  one-sided bounds joined by "and" ("more than 10 and less than 20") make one range;
- vague: a multiplier word times a scale, ``[m_lo * s, (m_hi + 1) * s - 1]`` with "several" and
  "a few" = [2, 9]: "several thousand" -> [2000, 9999], "a few dozen" -> [24, 119], "several" ->
  [2, 9]; a bare plural scale is at least two of it: "thousands" -> [2000, None], "dozens" ->
  [24, None], "tens of thousands" -> [20000, None], "hundreds of thousands" -> [200000, None];
- "two brigades of 6,000 personnel each" -> 2 brigade, 6,000 personnel, and a derived total
  12,000 personnel whose span is the whole phrase.

The value is the number said; for a range the midpoint, for a vague quantity the low bound.
Not quantities: years, dates, clock times, ages, ordinals, percentages, fractions, numbers that
are names ("Voyager 2", "Article 5"), a small spelled-out number after a definite determiner
("the two countries": a reference, not a count) and a lone "one".  Money counts, with the
currency as unit ("$1.5 billion" -> dollar).  Durations ("several weeks") are left to the time
extractor unless ``include_durations=True``.

One pass over the tokens; each check looks at a bounded number of neighbouring tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimledger.extract.quantities_lexicon import Lexicon, load_lexicon
from claimledger.extract.quantities_numbers import NumberRun, match_back, match_forward, scan_number
from claimledger.extract.quantities_rules import Reading, derived_totals, is_excluded, merge_bounds
from claimledger.extract.quantities_units import collective_unit, counted_noun, unit_of
from claimledger.models import Qualifier, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["METHOD", "find_quantities"]

METHOD = "extract.quantities.rules.v1"

AND_OPENER_WINDOW = 4
"""How far before a number "between" may stand for "<number> and <number>" to be a range: "between
3 and 5" (1 token), "between the ages of 18 and 29" (4 tokens).  Beyond that, "and" joins two
separate figures ("45 and 50 cases" are two counts in quantulum3's tests)."""


def find_quantities(doc: Doc, *, include_durations: bool = False) -> list[Quantity]:
    """Every counted quantity in ``doc``, sorted by start offset (spans index ``doc.text``)."""
    n = len(doc)
    if n == 0:
        return []
    lex = load_lexicon()
    lowers = [t.lower_ for t in doc]
    tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
    readings: list[Reading] = []
    i = 0
    while i < n:
        w = lowers[i]
        if w in lex.starters or w[:1].isdigit():
            reading, i = _read(doc, lowers, i, lex, tagged=tagged, include_durations=include_durations)
            if reading is not None:
                readings.append(reading)
        else:
            i += 1
    readings = merge_bounds(readings, lowers, lex)
    readings = readings + derived_totals(readings, lowers)
    text = doc.text  # built anew on every access: read it once
    out = [_to_quantity(doc, text, r) for r in readings]
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _to_quantity(doc: Doc, text: str, r: Reading) -> Quantity:
    start = doc[r.first].idx
    last = doc[r.last - 1]
    end = last.idx + len(last.text)
    return Quantity(start=start, end=end, text=text[start:end], value=r.value, low=r.low, high=r.high,
                    qualifier=r.qualifier, unit=r.unit, method=METHOD)


def _change_verb(doc: Doc, opener: int, lex: Lexicon) -> bool:
    """"rose from 3,000 to 5,000": two figures, not a range."""
    head = doc[opener].head
    return head.i != opener and head.lemma_.lower() in lex.change_verbs


def _range_after(lowers: list[str], run: NumberRun, lex: Lexicon) -> tuple[float, float, int] | None:
    """A range across tokens: "3,000 to 5,000", "between 3 and 5", "1.5 to 2 million"."""
    end = run.end
    if run.kind != "number" or end + 1 >= len(lowers) or lowers[end] not in lex.range_connectors:
        return None
    if lowers[end] == "and" and not any(
        w in lex.range_and_needs for w in lowers[max(0, run.start - AND_OPENER_WINDOW) : run.start]
    ):
        return None  # "and" makes a range only after "between" ("between the ages of 18 and 29")
    second = scan_number(lowers, end + 1, lex)
    if second is None or second.kind != "number" or run.low is None or second.low is None:
        return None
    low, high = run.low, second.low
    if run.scale == 1 and second.scale > 1 and low <= second.mantissa:
        low *= second.scale  # "1.5 to 2 million": the scale is shared
    if low >= high and lowers[end] == "or":
        return None
    return low, high, second.end


def _read(doc: Doc, lowers: list[str], i: int, lex: Lexicon, *, tagged: bool,
          include_durations: bool) -> tuple[Reading | None, int]:
    """The quantity starting at token ``i`` (or None) and the token to go on from."""
    run = scan_number(lowers, i, lex)
    if run is None:
        return None, i + 1
    low, high = run.low, run.high
    qualifier: Qualifier = "exact"
    if run.kind != "number":
        qualifier = "vague" if run.kind == "vague" else "range"
    first, end = i, run.end
    opener = lowers[i - 1] if i > 0 and lowers[i - 1] in lex.range_openers else None
    rng = _range_after(lowers, run, lex)
    if rng is not None and opener == "from" and _change_verb(doc, i - 1, lex):
        rng = None
    if rng is not None and rng[0] >= rng[1]:
        return None, rng[2]  # "a 2 to 1 margin", "voted 92-3": a score or a ratio, not counts
    if rng is not None:
        low, high, end = rng
        qualifier = "range"
    if qualifier == "range" and opener is not None:
        first = i - 1
    number_end = end
    cue = match_back(lowers, first, lex.prefix_cues, lex.max_prefix_len)
    if cue is not None:
        first -= cue[0]
        qualifier, low, high = _qualify(qualifier, low, high, cue[1])
    if qualifier != "range":
        post = match_forward(lowers, end, lex.postfix_cues, lex.max_postfix_len)
        if post is not None and (end + post[0] >= len(lowers) or lowers[end + post[0]] != "than"):
            end += post[0]
            qualifier, low, high = _qualify(qualifier, low, high, post[1])
    noun = counted_noun(doc, end, number_end - 1) if tagged else None
    unit = run.currency or (unit_of(doc, noun, lex) if noun is not None else None)
    if unit is None and tagged:
        unit = collective_unit(doc, number_end - 1, lex)
    reading = Reading(first=first, last=end, low=low, high=high, value=_value(qualifier, low, high),
                      qualifier=qualifier, unit=unit, noun=noun.i if noun is not None else None)
    if is_excluded(doc, lowers, run, reading, lex, cue=cue is not None, include_durations=include_durations):
        return None, max(number_end, i + 1)
    return reading, max(end, i + 1)


def _qualify(qualifier: Qualifier, low: float | None, high: float | None,
             cue: str) -> tuple[Qualifier, float | None, float | None]:
    if cue == "exact" or qualifier == "range":
        return qualifier, low, high
    if cue == "approximate":
        return ("vague" if qualifier == "vague" else "approximate"), low, high
    if cue == "at_least":
        return "at_least", low, None
    if cue == "at_most" and high is not None:
        return "at_most", None, high
    return qualifier, low, high


def _value(qualifier: Qualifier, low: float | None, high: float | None) -> float | None:
    if qualifier == "range" and low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high
