"""Time expressions: found in a parsed document and normalised to TimeML values.

:func:`find_times` takes spaCy's DATE and TIME entities together with the patterns of
:mod:`times_detect`, merges overlapping finds into one span each, reads the verb each span
modifies from the parse (its tense gives the direction of "on Thursday", its kind gives the role
"said" or "event"), and normalises the text with :func:`normalise` against the publication date.

Expressions relative to another event ("the next day", "a day later", "a day after") take the
date of the nearest day-dated expression: the one before them for "the next day" / "a day later"
(within :data:`MAX_REFERENCE_CHARS`), the one after them in the same sentence for "a day after
<event>"; when there is none their value is None.
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
from claimledger.extract.times_syntax import Role, governor, role_of, tense_of
from claimledger.extract.times_values import Resolution
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
_TRIM_END = re.compile(r"(?:['’]s|[\s.,;:!?\"'’”)\]-])+$")
_TRIM_START = re.compile(r"^[\s,;:\"'“‘(\[-]+")
_AGE_BEFORE = re.compile(r"\baged?\s{1,3}$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d{4}")
_OLD = re.compile(r"\bold\b", re.IGNORECASE)
_KEEP_PERIOD = re.compile(r"(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\.$", re.IGNORECASE)
_REFERENCE_PROBE = dt.date(2000, 1, 1)


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


def _day_of(value: str | None) -> dt.date | None:
    if value is None or not (m := _DAY.match(value)):
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
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
    pending: list[int] = []
    for found in _spans(doc):
        pieces = [found]
        s, e = _trim(text, found.start, found.end)
        first = resolve(text[s:e], anchor=anchor)
        if first.value is None and len(found.parts) > 1:
            split = _split(found)
            if len(split) > 1:
                pieces = split
        for piece in pieces:
            s, e = _trim(text, piece.start, piece.end)
            if s >= e:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and _BARE_NUMBER.fullmatch(text[s:e]) and span.root.dep_ == "nummod":
                continue  # "2000 troops": a count, not a year
            verb = governor(span) if span is not None and len(span) else None
            tense = tense_of(verb, lex)
            res = resolve(text[s:e], anchor=anchor, tense=tense)
            if res.value is None and all(p.kind == "spacy" for p in piece.parts) and not has_time_word(text[s:e]):
                continue  # a spaCy DATE with nothing of a date in it ("annual", "12")
            if res.value is None and resolve(text[s:e], anchor=anchor, tense=tense,
                                             reference=_REFERENCE_PROBE).value is not None:
                pending.append(len(rows))
            rows.append((s, e, res, tense, role_of(verb, lex)))
    for i in pending:
        s, e, _, tense, role = rows[i]
        ref = _reference(rows, i, text, doc)
        if ref is not None:
            rows[i] = (s, e, resolve(text[s:e], anchor=anchor, tense=tense, reference=ref), tense, role)
    anchor_iso = anchor.isoformat() if anchor is not None else None
    return [
        TimeExpr(start=s, end=e, text=text[s:e], value=r.value, type=r.type, mod=r.mod,
                 anchor=anchor_iso, role=role, method=METHOD)
        for s, e, r, _, role in rows
    ]


def _reference(rows: list[tuple[int, int, Resolution, Tense, Role | None]], i: int, text: str,
               doc: Doc) -> dt.date | None:
    """The date an event-relative expression counts from (see the module docstring)."""
    s, e = rows[i][0], rows[i][1]
    words = text[s:e].lower().split()
    if words and words[-1] in ("after", "before"):  # "a day after <event>": the event follows
        span = doc.char_span(s, e, alignment_mode="expand")
        sent_end = span.sent.end_char if span is not None and len(span) else e
        for s2, _, r2, _, _ in rows[i + 1:]:
            if s2 >= sent_end:
                break
            if (d := _day_of(r2.value)) is not None:
                return d
        return None
    for s2, _, r2, _, _ in reversed(rows[:i]):
        if s - s2 > MAX_REFERENCE_CHARS:
            break
        if (d := _day_of(r2.value)) is not None:
            return d
    return None
