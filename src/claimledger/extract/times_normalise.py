"""Normalising one time expression's text to a TimeML (TIMEX3) value against an anchor date.

``resolve(text, anchor=..., tense=..., reference=...)`` lower-cases and tokenises the text, drops a
leading preposition ("on Thursday" -> "Thursday"), peels off modifiers ("early", "the end of",
"about") into a TimeML ``mod``, and hands the rest to the matchers in :mod:`times_rules`, each of
which must account for every remaining token or give up (so "the 1970s and 1980s" is None rather
than half-read).

No anchor (a document without a date): values that need one are None, or carry TimeML's X for the
unknown part ("in June" -> ``XXXX-06``, "Thursday" -> ``XXXX-WXX-4``); the machine's clock is never
read.
"""

from __future__ import annotations

import datetime as dt
import re

from claimledger.extract.times_calendar import Tense
from claimledger.extract.times_lexicon import load_lexicon
from claimledger.extract.times_rules import core
from claimledger.extract.times_values import Context, Resolution, number
from claimledger.models import DURATION_MODS

__all__ = ["MAX_EXPRESSION_CHARS", "Resolution", "normalise", "resolve", "tokens"]

MAX_EXPRESSION_CHARS = 120
"""Longer texts are not one time expression: the longest TIMEX3 in TempEval-3 train is 41
characters ("the three months ended Sept. 30, 1989"-style), so 120 leaves room and bounds the work."""


_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "–": "-", "—": "-", "\u00a0": " "})
_TOKEN = re.compile(r"\d{1,2}:\d{2}|'\d0s|\d+(?:\.\d+)?(?:st|nd|rd|th|s)?|[a-z]+|'s|'ll")
_PERIOD = re.compile(r"\.(?!\d)")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?")
_HALF = re.compile(r"\b(\d+)(?:\s+|-)1/2\b")
_COUNT = re.compile(r"\d+(?:st|nd|rd|th)?")
_TENSES: dict[str, Tense] = {"past": "past", "present": "present", "future": "future", "unmarked": "unmarked"}
_ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})")


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens of ``text``; punctuation, hyphens and "'s" dropped."""
    s = _HALF.sub(r"\1.5", _PERIOD.sub("", text.lower().translate(_QUOTES)))  # "2 1/2 years"
    return [t for t in _TOKEN.findall(s) if t != "'s"]


def _numeric(text: str, ctx: Context) -> Resolution | None:
    """All-digit dates: 2024-10-24, 2024-10, 2024-10-24T14:00, 10/24/2024, 24/10/2024, 10/24."""
    s = text.strip().lower()
    if m := _ISO_TIME.fullmatch(s):
        y, mo, d, hh, mm = (int(g) for g in m.groups())
        try:
            dt.datetime(y, mo, d, hh, mm)
        except ValueError:
            return Resolution(value=None)
        return Resolution(value=f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}", type="TIME")
    if m := _ISO.fullmatch(s):
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3) is None:
            return Resolution(value=f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None)
        return Resolution(value=_date_or_none(y, mo, int(m.group(3))))
    if m := _SLASH.fullmatch(s):
        a, b = int(m.group(1)), int(m.group(2))
        month, day = (b, a) if a > 12 else (a, b)  # US order unless the first number cannot be a month
        if m.group(3) is not None:
            y = int(m.group(3))
            y = y + 2000 if y < 100 and y < 50 else (y + 1900 if y < 100 else y)
            return Resolution(value=_date_or_none(y, month, day))
        if ctx.anchor is None:
            return Resolution(value=f"XXXX-{month:02d}-{day:02d}" if 1 <= month <= 12 else None)
        return Resolution(value=_date_or_none(ctx.anchor.year, month, day))
    return None


def _half_after_unit(toks: list[str]) -> list[str]:
    """"a minute and a half" -> "1.5 minute": the half moved onto the count."""
    units = load_lexicon().units
    for i in range(1, len(toks) - 3):
        if toks[i] in units and toks[i + 1: i + 4] == ["and", "a", "half"]:
            n, used = number(toks[i - 1: i], load_lexicon())
            if isinstance(n, float) and used == 1:
                return [*toks[: i - 1], f"{n + 0.5:g}", toks[i], *toks[i + 4:]]
    return toks


def _date_or_none(y: int, mo: int, d: int) -> str | None:
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _drop_prefix(toks: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...] | None, list[str]]:
    for p in phrases:
        if tuple(toks[: len(p)]) == p and len(toks) > len(p):
            return p, toks[len(p):]
    return None, toks


def resolve(text: str, *, anchor: dt.date | None, tense: Tense = "past",
            reference: dt.date | None = None, reference_period: str | None = None) -> Resolution:
    """Value, mod and TimeML type of one expression.

    ``reference`` is the date of the event the expression is relative to ("the next day", "a day
    later"); without it such expressions are None.  ``reference_period`` is the quarter or half a
    business report is about ("third-quarter net"): "a year earlier" next to it is that period a
    year before (see :class:`Context`)."""
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return Resolution(value=None)
    lex = load_lexicon()
    lead_mods = tuple(p for p, _ in lex.modifiers if len(p) > 1 and (p[0],) in lex.prepositions)
    ctx = Context(anchor=anchor, tense=tense, reference=reference, lex=lex, reference_period=reference_period)
    if (num := _numeric(text, ctx)) is not None:
        return num
    toks = tokens(text)
    while True:  # "on", "since", "by", "later on" ...; "only", "sometime" ...
        if " ".join(toks) in lex.references:
            return Resolution(value=lex.references[" ".join(toks)])
        if _drop_prefix(toks, lead_mods)[0] is not None:
            break  # "at least 30 days" starts with a modifier, not with "at"
        prep, toks = _drop_prefix(toks, lex.prepositions)
        if prep is None:
            prep, toks = _drop_prefix(toks, lex.hedges)
        if prep is None:
            break
    if len(toks) > 1 and toks[0] in ("a", "an") and (toks[1] in lex.months or _COUNT.fullmatch(toks[1])
                                                      or (toks[1] in lex.numbers and toks[1] not in ("a", "an"))):
        toks = toks[1:]  # "an Aug. 10, 1988 agreement", "a two-day rally"
    toks = [t for t in toks if t not in lex.fiscal]  # "the fiscal year", "the full year"
    if not toks:
        return Resolution(value=None)
    if (num := _numeric(" ".join(toks).replace(" ", "-"), ctx)) is not None and len(toks) == 1:
        return num
    toks = _half_after_unit(toks)
    mod: str | None = None
    approx = False
    for i in range(len(toks) - 1):
        if toks[i: i + 2] == ["or", "so"]:  # "a week or so ago"
            approx, toks = True, toks[:i] + toks[i + 2:]
            break
    while True:
        joined = " ".join(toks)
        if joined in lex.reference_days or joined in lex.references:
            break
        phrase, rest = _drop_prefix(toks, tuple(p for p, _ in lex.modifiers))
        if phrase is None and toks[:1] == ["the"]:  # "the late 1970s"
            phrase, rest = _drop_prefix(toks[1:], tuple(p for p, _ in lex.modifiers))
        if phrase is None:
            break
        if phrase in (("later",), ("earlier",), ("early",), ("late",)) and rest[:1] == ["on"]:
            toks = rest[1:]  # "later on Tuesday" is that Tuesday
            continue
        if mod is None:
            mod = dict(lex.modifiers)[phrase]
        toks = rest
        while toks[:1] == ["of"] or (toks[:1] == ["in"] and len(toks) > 1):  # "later in the year"
            toks = toks[1:]
    definite = False
    if len(toks) >= 2 and toks[-1] == "end":  # "year-end", "by year's end"
        mod, toks, definite = mod or "END", toks[:-1], True
    if toks[:1] == ["the"]:
        definite, toks = True, toks[1:]
    res = core(toks, ctx, definite=definite) if toks else None
    if res is None or res.value is None:
        return Resolution(value=None, type=res.type if res is not None else "DATE")
    if approx and mod is None:
        mod = "APPROX"
    if mod in DURATION_MODS and res.type != "DURATION":  # "over the weekend" is a date
        mod = None
    return Resolution(value=res.value, mod=res.mod or mod, type=res.type)


def normalise(text: str, *, anchor: dt.date | None, tense: str = "past") -> tuple[str | None, str | None]:
    """(TimeML value, mod) of one time expression's text, resolved against ``anchor``.

    ``tense`` ("past", "present", "future" or "unmarked") is that of the verb the expression
    modifies; it decides the direction of bare weekdays, months and seasons.  Other values count as
    past."""
    t = _TENSES.get(tense, "past")
    r = resolve(text, anchor=anchor, tense=t)
    return r.value, r.mod
