"""Finding time expressions in text with regular expressions built once from ``times.toml``.

Every pattern starts at a word boundary and uses only bounded repeats (``\\s{1,5}``), so a pass is
linear in the text length whatever the input (a test runs a 1 MB text).  Month and weekday names
must be capitalised in the text ("may" and "march" are ordinary words in lower case); bare seasons
need a preposition before them ("in the summer"), since "fall" and "spring" are verbs and nouns too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimledger.extract.times_lexicon import TimeLexicon, load_lexicon

__all__ = ["Candidate", "Patterns", "candidates", "extend_left", "has_time_word", "load_patterns"]

S = r"\s{1,5}"
"""Whitespace between words of one expression: bounded, so no pattern can scan far."""

LEFT_CONTEXT = 40
"""Characters looked at before a span for a modifier to take in ("the end of", "later on")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    start: int
    end: int
    kind: str
    """The pattern that found it (weekday, month_date, relative, ... or spacy)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Patterns:
    finders: tuple[tuple[str, re.Pattern[str]], ...]
    names: re.Pattern[str]
    """Month and weekday names (checked for capitals)."""
    left: re.Pattern[str]
    time_word: re.Pattern[str]
    age_after: re.Pattern[str]


_NOT_FOUND_ALONE = frozenset({
    "current", "recent", "past", "present", "earlier", "later", "once", "before", "future", "this time",
    "the moment", "one day", "today's"})
"""Reference words too common in other senses to be found on their own ("the current crisis")."""


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", S) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def _build(lex: TimeLexicon) -> Patterns:
    wd = _alt([w for w in lex.weekdays if len(w) > 4])
    full_months = [m for m in lex.months if m not in lex.month_abbreviations]
    fmonth = _alt(full_months)
    month = "(?:" + fmonth + "|" + _alt(lex.month_abbreviations) + r"\.)"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?:1[5-9]\d\d|20\d\d)"
    pod = _alt(lex.parts_of_day)
    season = _alt(lex.seasons)
    tens = _alt([w for w, v in lex.numbers.items() if v >= 20])
    ones = _alt([w for w, v in lex.numbers.items() if 1 <= v < 10 and w not in ("a", "an")])
    numw = _alt([w for w in lex.numbers if w != "half"])
    vague = _alt([" ".join(p) for p in lex.vague_numbers] + [" ".join(p) for p, _ in lex.phrase_numbers])
    half = rf"{S}and{S}a{S}half\b"
    num = (rf"(?:(?:\d+(?:\.\d+)?(?:{S}1/2)?|{tens}(?:[\s-]{ones})?|{numw})(?:{half})?"
           rf"|{vague}|half{S}an?)")
    units = _alt([u for u in lex.units if not u.startswith("weekend")])
    rel = _alt(lex.relative)
    approx = _alt(["about", "around", "nearly", "almost", "roughly", "some", "more than", "less than",
                   "at least", "up to"])
    modpre = (rf"(?:(?:the{S})?(?:very{S})?(?:start|beginning|end|middle|close|turn){S}of{S}(?:the{S})?"
              rf"|(?:early|late|mid|earlier|later)(?:{S}|-))")
    near = rf"(?:(?:early|late|earlier|later){S})?"
    edge = r"(?![\w])"
    tz = _alt(lex.time_zones)
    # "two days on" is "two days later" unless a noun phrase follows ("two days on an inner tube")
    shift = (rf"(?:{_alt([w for w in lex.shift_words if w != 'on'])}"
             rf"|on(?!{S}(?:a|an|the|his|her|their|its|my|our|your|this|that|these|those)\b))")
    refs = _alt([r for r in lex.references if len(r) > 3 and r not in _NOT_FOUND_ALONE
                 and not r.startswith("in ")] + ["now"])
    holidays = _alt([h.replace("new year ", "new year's ").replace("valentine ", "valentine's ")
                     for h in (*lex.holidays_fixed, *lex.holidays_nth)])
    deictic = rf"(?:the{S}day{S}(?:before{S}yesterday|after{S}tomorrow)|today|tonight|yesterday|tomorrow)"
    clock = rf"(?:\d{{1,2}}(?::\d{{2}})?{S}?(?:a\.m\.|p\.m\.|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d\b|noon\b|midnight\b)"
    ordinal4 = _alt(["first", "second", "third", "fourth"])
    finders = {
        "numeric": r"\b(?:\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\b",
        "month_date": (rf"\b(?:{wd},?{S})?(?:(?:the{S})?{day}{S}(?:of{S})?{month}|{month}{S}{day})"
                       rf"(?:,?{S}{year})?{edge}"),
        "month_year": rf"\b(?:{modpre})?{month},?{S}(?:of{S})?{year}\b",
        "month": rf"\b(?:{modpre})?{month}{edge}",
        "weekday": rf"\b(?:(?:early|late|later|earlier)(?:{S}on)?{S})?{wd}(?:{S}{pod})?\b",
        "relative": (rf"\b{near}(?:the{S})?{rel}{S}(?:{num}{S})?"
                     rf"(?:{units}|{wd}|{fmonth}|{season}|{pod}|weekend)\b"),
        "deictic": rf"\b{near}{deictic}(?:{S}{pod})?\b",
        "shift": rf"\b(?:{approx}{S})?{num}(?:{S}|-){units}(?:{half}|{S}or{S}so)?{S}{shift}\b",
        "duration": (rf"\b(?:{approx}{S})?(?:the{S}(?:past|last|next|coming|previous|first){S})?"
                     rf"{num}(?:{S}|-){units}\b(?:{half})?(?![\s-]{{0,3}}old\b)"),
        "bare_units": r"(?<=\bfor )(?:days|weeks|months|years|decades|hours)\b",
        "year": rf"\b(?:(?:fiscal|calendar){S})?(?:{modpre})?{year}\b(?![,.]\d|\s?%)",
        "decade": rf"\b(?:the{S})?(?:(?:early|mid|late)[\s-]{{1,3}})?(?:1[5-9]\d0s|20\d0s|'\d0s)\b",
        "century": rf"\b(?:the{S})?(?:\d{{1,2}}(?:st|nd|rd|th)|{_alt(lex.ordinals)})[\s-]century\b",
        "quarter": (rf"\b(?:the{S})?{ordinal4}[\s-](?:quarter|half)"
                    rf"(?:{S}of{S}(?:{year}|(?:the|this|last|next){S}year))?\b"),
        "reference": rf"\b{refs}\b",
        "reference_day": rf"\b{_alt(lex.reference_days)}\b",
        "reference_period": (rf"\b(?:(?:later|earlier){S}(?:in{S})?)?(?:that(?:{S}same)?|the{S}same){S}"
                             rf"(?:year|month|week|quarter|{season})\b"),
        "clock": (rf"\b{clock}(?:{S}{tz}\b)?(?:{S}(?:on{S})?(?:{wd}|today|yesterday|tomorrow|{month}{S}{day})"
                  rf"{edge})?"),
        "set": rf"\b(?:{_alt(lex.sets)}|(?:every|each){S}(?:other{S})?(?:{num}{S})?(?:{units}|{wd}))\b",
        "season": (rf"\b(?:in|during|since|until|by|over|through|before|after|throughout){S}"
                   rf"(?P<t>(?:the{S})?(?:{modpre})?{season}(?:{S}(?:of{S})?{year})?)\b"),
        "season_year": rf"\b{season}(?:{S}of)?{S}{year}\b",
        "holiday": rf"\b{holidays}\b",
    }
    compiled = [(k, re.compile(v, re.IGNORECASE)) for k, v in finders.items()]
    compiled.append(("quarter_code", re.compile(rf"\bQ[1-4](?:{S}{year})?\b")))  # capital Q only
    time_word = (rf"\b(?:{fmonth}|{wd}|{units}|{season}|\d{{4}}|\d0s|weekend|{refs}"
                 rf"|today|tonight|yesterday|tomorrow)\b")
    flags = re.IGNORECASE
    return Patterns(
        finders=tuple(compiled),
        names=re.compile(rf"\b(?:{_alt(full_months)}|{wd}|{_alt(lex.month_abbreviations)}\.)", flags),
        left=re.compile(rf"(?:{modpre}|\b(?:later|earlier){S}on{S})$", flags),
        time_word=re.compile(time_word, flags),
        age_after=re.compile(r"[\s-]{0,3}old\b", flags),
    )


@functools.lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """The compiled patterns (built once per process)."""
    return _build(load_lexicon())


def _names_capitalised(text: str, p: Patterns) -> bool:
    return all(m.group(0)[0].isupper() for m in p.names.finditer(text))


def _holiday_capitalised(text: str) -> bool:
    return text[:1].isupper()


def candidates(text: str) -> list[Candidate]:
    """Every pattern match in ``text`` (overlapping ones included; the caller merges them)."""
    p = load_patterns()
    out: list[Candidate] = []
    for kind, rx in p.finders:
        for m in rx.finditer(text):
            start, end = (m.start("t"), m.end("t")) if "t" in rx.groupindex else m.span()
            if start == end or not _names_capitalised(m.group(0), p):
                continue
            if kind == "holiday" and not _holiday_capitalised(m.group(0)):
                continue
            out.append(Candidate(start=start, end=end, kind=kind))
    return out


def extend_left(text: str, start: int) -> int:
    """Move ``start`` back over a modifier just before it ("the end of" this year, "later on" Tuesday)."""
    window = text[max(0, start - LEFT_CONTEXT): start]
    m = load_patterns().left.search(window)
    return start - (len(window) - m.start()) if m else start


def has_time_word(text: str) -> bool:
    """Whether ``text`` names a month, weekday, unit, season, year or reference word."""
    return load_patterns().time_word.search(text) is not None
