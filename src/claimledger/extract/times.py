"""Time expressions: found in a parsed document and normalised to TimeML values.

:func:`find_times` takes spaCy's DATE and TIME entities together with the patterns of
:mod:`times_detect`, merges overlapping finds into one span each, reads the verb each span
modifies from the parse (its tense gives the direction of "on Thursday", its kind gives the role
"said" or "event"), and normalises the text with :func:`normalise` against the publication date.

Expressions relative to another event ("the next day", "a day later", "a day after", "the
following year", "later that month") take the date of the nearest expression dated at least as
finely as they are (a day for "the next day", a year for "the following year"): the one before
them (within :data:`MAX_REFERENCE_CHARS`), or for "a day after <event>" the one after them in the
same sentence; when there is none their value is None ("following" and "previous" then count from
the publication date).  A bare clock time ("at 10 p.m.") is on the day last mentioned the same way,
else on the publication date.

Comparisons in business reports ("net rose to $5 million from $3 million a year earlier", "a year
ago", "the year-earlier period") are about the quarter or half being reported: when the nearest
dated expression before them is one ("third-quarter net"), they are that period a year before
(1988-Q3), as TimeML annotates them; otherwise they count as above.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimledger.extract.times_calendar import Tense
from claimledger.extract.times_detect import Candidate, candidates, extend_left, has_time_word, load_patterns
from claimledger.extract.times_lexicon import load_lexicon
from claimledger.extract.times_normalise import normalise, resolve
from claimledger.extract.times_syntax import Role, governor, role_of, span_tense
from claimledger.extract.times_values import REPORTING_PERIOD, Resolution
from claimledger.models import TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["METHOD", "find_times", "normalise"]

METHOD = "extract.times.rules.v1"

MAX_REFERENCE_CHARS = 600
"""How far back "the next day" looks for the date it counts from: about two news paragraphs.
Chosen by reading; no gold set scores these (the seeds' one case, "a day after", is optional)."""

SPACY_LABELS = frozenset({"DATE", "TIME"})
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"\d{4}-W\d{2}")
_MONTH = re.compile(r"\d{4}-(?:\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI)")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_TRIM_END = re.compile(r"(?:['’]s|[\s.,;:!?\"'’”)\]-])+$")
_TRIM_START = re.compile(r"^[\s,;:\"'“‘(\[-]+")
_AGE_BEFORE = re.compile(r"\baged?\s{1,3}$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d{4}")
_OLD = re.compile(r"\bold\b", re.IGNORECASE)
_KEEP_PERIOD = re.compile(r"(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\.$", re.IGNORECASE)
_REFERENCE_PROBES = (dt.date(2000, 1, 1), dt.date(1901, 7, 17))
"""Two reference dates differing in year, month, week and day: an expression counts from another
event's date when its value differs between them (one probe could equal what the publication date
gives, e.g. "the following year" in a 2000 article)."""

_PERIOD_PROBE = "2000-Q1"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Found:
    start: int
    end: int
    parts: tuple[Candidate, ...]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    if m := _TRIM_END.search(piece):
        keep = _KEEP_PERIOD.search(piece[: m.start() + 1])  # "2 p.m." and "Oct." keep their period
        end = start + m.start() + (1 if keep else 0)
    if m := _TRIM_START.match(text[start:end]):
        start += m.end()
    return start, end


def _spacy_candidates(doc: Doc) -> list[Candidate]:
    text = doc.text
    age_after = load_patterns().age_after
    out = []
    for ent in doc.ents:
        if ent.label_ not in SPACY_LABELS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        if s >= e or _OLD.search(text[s:e]):
            continue
        if age_after.match(text, e) or _AGE_BEFORE.search(text[max(0, s - 8): s]):
            continue  # "20-year-old", "aged 45": ages are not times
        out.append(Candidate(start=s, end=e, kind="spacy"))
    return out


def _merge(cands: list[Candidate]) -> list[_Found]:
    found: list[_Found] = []
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if found and c.start < found[-1].end:
            last = found[-1]
            found[-1] = _Found(start=last.start, end=max(last.end, c.end), parts=(*last.parts, c))
        else:
            found.append(_Found(start=c.start, end=c.end, parts=(c,)))
    return found


def _split(f: _Found) -> list[_Found]:
    """The pattern matches of a merged span that does not read as one expression, longest first."""
    chosen: list[Candidate] = []
    for c in sorted((p for p in f.parts if p.kind != "spacy"), key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return [_Found(start=c.start, end=c.end, parts=(c,)) for c in sorted(chosen, key=lambda c: c.start)]


def _inside(c: Candidate, blocks: list[tuple[int, int]]) -> bool:
    return any(s <= c.start and c.end <= e for s, e in blocks)


def _precision(value: str | None) -> int:
    """How fine a value is: 3 a day (or a week, a time), 2 a month (or a quarter, a season), 1 a year."""
    if value is None or _DAY.match(value) or _WEEK.match(value):
        return 3
    return 2 if _MONTH.match(value) else 1


def _date_of(value: str | None, precision: int) -> dt.date | None:
    """The first day of a dated value at least as fine as ``precision`` (see :func:`_precision`):
    "2024-10-03" -> 2024-10-03, "2024-10" -> 2024-10-01, "1995" -> 1995-01-01; else None."""
    if value is None:
        return None
    if m := _DAY.match(value):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if precision <= 2 and (m := _YEAR_MONTH.fullmatch(value)):
        return dt.date(int(m.group(1)), int(m.group(2)), 1) if 1 <= int(m.group(2)) <= 12 else None
    if precision <= 1 and (m := _YEAR.fullmatch(value)):
        return dt.date(int(m.group(1)), 1, 1)
    return None


def _spans(doc: Doc) -> list[_Found]:
    text = doc.text
    blocks = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in SPACY_LABELS]
    cands = [c for c in candidates(text) if not _inside(c, blocks)]
    cands += _spacy_candidates(doc)
    cands = [
        c if c.kind == "reference" else Candidate(start=extend_left(text, c.start), end=c.end, kind=c.kind)
        for c in cands
    ]
    return _merge(cands)


def find_times(doc: Doc, *, anchor: dt.date | None) -> list[TimeExpr]:
    """Every time expression in ``doc.text``, sorted by start, normalised against ``anchor``.

    ``anchor`` is the publication date; without one, values that would need it are None or keep
    TimeML's X for the unknown part ("XXXX-06") - the machine's clock is never read."""
    text = doc.text
    if not text.strip():
        return []
    lex = load_lexicon()
    rows: list[tuple[int, int, Resolution, Tense, Role | None]] = []
    probes: dict[int, str | None] = {}  # row -> its value counted from a probe date
    compared: set[int] = set()  # rows that read differently next to a reported quarter
    for found in _spans(doc):
        pieces = [found]
        s, e = _trim(text, found.start, found.end)
        first = resolve(text[s:e], anchor=anchor)
        if first.value is None and len(found.parts) > 1:
            split = _split(found)  # the patterns inside a span that does not resolve as a whole
            if len(split) > 1 or (split and (split[0].start, split[0].end) != (found.start, found.end)):
                pieces = split
        for piece in pieces:
            s, e = _trim(text, piece.start, piece.end)
            if s >= e:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and _BARE_NUMBER.fullmatch(text[s:e]) and span.root.dep_ == "nummod":
                continue  # "2000 troops": a count, not a year
            verb = governor(span) if span is not None and len(span) else None
            tense = span_tense(span, verb, lex) if span is not None and len(span) else "unmarked"
            res = resolve(text[s:e], anchor=anchor, tense=tense)
            if res.value is None and all(p.kind == "spacy" for p in piece.parts) and not has_time_word(text[s:e]):
                continue  # a spaCy DATE with nothing of a date in it ("annual", "12")
            p1, p2 = (resolve(text[s:e], anchor=anchor, tense=tense, reference=d).value for d in _REFERENCE_PROBES)
            if p1 != p2:  # counts from another event's date
                probes[len(rows)] = p1 if p1 is not None else p2
            if resolve(text[s:e], anchor=anchor, tense=tense, reference_period=_PERIOD_PROBE).value != res.value:
                compared.add(len(rows))  # "a year earlier": the reported quarter a year before
            rows.append((s, e, res, tense, role_of(verb, lex)))
    pending = list(probes)
    relayed = frozenset(pending) | frozenset(compared)
    for i in sorted(relayed):
        s, e, _, tense, role = rows[i]
        ref = _reference(rows, i, text, doc, _precision(probes[i]), relayed=relayed) if i in probes else None
        period = _reporting_period(rows, i, relayed) if i in compared else None
        if ref is not None or period is not None:
            r = resolve(text[s:e], anchor=anchor, tense=tense, reference=ref, reference_period=period)
            rows[i] = (s, e, r, tense, role)
    anchor_iso = anchor.isoformat() if anchor is not None else None
    return [
        TimeExpr(start=s, end=e, text=text[s:e], value=r.value, type=r.type, mod=r.mod,
                 anchor=anchor_iso, role=role, method=METHOD)
        for s, e, r, _, role in rows
    ]


def _reference(rows: list[tuple[int, int, Resolution, Tense, Role | None]], i: int, text: str,
               doc: Doc, precision: int, relayed: frozenset[int] = frozenset()) -> dt.date | None:
    """The date an event-relative expression counts from (see the module docstring): only a
    value at least as fine as the expression's own ``precision`` will do ("the next day" needs a
    day, "the following year" a year).  An expression itself counted from another event (one of
    ``relayed``) passes its date on only when it is a day ("the next day ... two days later"): "a
    year earlier" twice in a report compares both times with the same year, not with each other."""
    s, e = rows[i][0], rows[i][1]
    words = text[s:e].lower().split()
    if words and words[-1] in ("after", "before"):  # "a day after <event>": the event follows
        span = doc.char_span(s, e, alignment_mode="expand")
        sent_end = span.sent.end_char if span is not None and len(span) else e
        for s2, _, r2, _, _ in rows[i + 1:]:
            if s2 >= sent_end:
                break
            if (d := _date_of(r2.value, precision)) is not None:
                return d
        return None
    for j in range(i - 1, -1, -1):
        s2, r2 = rows[j][0], rows[j][2]
        if s - s2 > MAX_REFERENCE_CHARS:
            break
        if j in relayed and _precision(r2.value) < 3:
            continue
        if (d := _date_of(r2.value, precision)) is not None:
            return d
    return None


def _reporting_period(rows: list[tuple[int, int, Resolution, Tense, Role | None]], i: int,
                      relayed: frozenset[int]) -> str | None:
    """The quarter or half a comparison like "up from $3 million a year earlier" is about: the value
    of the nearest dated expression before it (within :data:`MAX_REFERENCE_CHARS`; expressions
    themselves counted from another are skipped) when that is a quarter or half, else None ("a
    year ago" then counts from the publication date as usual)."""
    s = rows[i][0]
    for j in range(i - 1, -1, -1):
        s2, r2 = rows[j][0], rows[j][2]
        if s - s2 > MAX_REFERENCE_CHARS:
            break
        if j in relayed or r2.type != "DATE" or r2.value is None or not r2.value[:1].isdigit():
            continue  # durations, PAST_REF and unresolved expressions say nothing of the period
        return r2.value if REPORTING_PERIOD.fullmatch(r2.value) else None
    return None
