"""Matchers for named calendar periods: month dates, weekdays, seasons, quarters, years, holidays."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from claimledger.extract.times_calendar import (
    month_day_date,
    month_value,
    month_year,
    nth_weekday,
    quarter_of,
    shift_season,
    weekday_date,
    yearly_date,
)
from claimledger.extract.times_values import YEAR, Context, Resolution, date_res, split_pod

__all__ = ["Core", "explicit", "holiday", "quarter", "season", "weekday", "year_like"]

Core = Callable[..., Resolution | None]
"""The normaliser's ``core(tokens, ctx, definite=...)``, passed in to read a nested year."""

_DECADE = re.compile(r"(1\d|20)(\d)0s|'(\d)0s")
_DAYNUM = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_CENTURY_ORD = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_RELATIVE_YEARS = {("this", "year"): 0, ("last", "year"): -1, ("next", "year"): 1}


def _spelled_year(toks: list[str], ctx: Context) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000, "two thousand and one" -> 2001."""
    nums = ctx.lex.numbers
    words = [t for t in toks if t != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        total = sum(nums.get(w, 1000) for w in rest)
        return 2000 + int(total) if all(w in nums for w in rest) and total < 100 else None
    if len(words) >= 2 and words[0] in nums and 10 <= nums[words[0]] <= 20:
        rest = words[1:]
        if rest == ["hundred"]:
            return int(nums[words[0]]) * 100
        if all(w in nums for w in rest) and len(rest) <= 2:
            tail = sum(nums[w] for w in rest)
            if 10 <= tail < 100 and tail == int(tail):
                return int(nums[words[0]]) * 100 + int(tail)
    return None


def _year_tokens(toks: list[str], ctx: Context) -> tuple[int | None, list[str]]:
    """A year written in ``toks`` (digits, "this year", words) and the tokens left over."""
    for i in range(len(toks) - 1):
        if tuple(toks[i: i + 2]) in _RELATIVE_YEARS and ctx.anchor is not None:
            return ctx.anchor.year + _RELATIVE_YEARS[(toks[i], toks[i + 1])], toks[:i] + toks[i + 2:]
    for i, t in enumerate(toks):
        if YEAR.fullmatch(t):
            return int(t), toks[:i] + toks[i + 1:]
    return None, toks


def explicit(toks: list[str], ctx: Context) -> Resolution | None:
    """Dates with a month name: "3 October", "Oct. 3, 2024", "June 2024", "June", "June last year"."""
    lex = ctx.lex
    toks, pod = split_pod(toks, ctx)
    words = [t for t in toks if t not in ("of", "the") and t not in lex.weekdays]
    months = [i for i, t in enumerate(words) if t in lex.months]
    if len(months) != 1:
        return None
    i = months[0]
    month = lex.months[words[i]]
    year, others = _year_tokens(words[:i] + words[i + 1:], ctx)
    day: int | None = None
    for t in others:
        if (m := _DAYNUM.fullmatch(t)) and day is None and 1 <= int(m.group(1)) <= 31:
            day = int(m.group(1))
        elif t in lex.ordinals and day is None:
            day = lex.ordinals[t]
        else:
            return None
    a = ctx.anchor
    if day is None:
        if pod:
            return None
        if year is not None:
            return Resolution(value=month_value(year, month))
        if a is None:
            return Resolution(value=f"XXXX-{month:02d}")
        return Resolution(value=month_value(month_year(a, month, ctx.tense), month))
    if year is not None:
        try:
            return date_res(dt.date(year, month, day), pod)
        except ValueError:
            return Resolution(value=None)
    if a is None:
        return Resolution(value=f"XXXX-{month:02d}-{day:02d}")
    d = month_day_date(a, month, day, ctx.tense)
    return date_res(d, pod) if d is not None else Resolution(value=None)


def weekday(toks: list[str], ctx: Context) -> Resolution | None:
    """"Tuesday", "Tuesday night": the weekday in the direction of the tense."""
    toks, pod = split_pod(toks, ctx)
    if len(toks) != 1 or toks[0] not in ctx.lex.weekdays:
        return None
    wd = ctx.lex.weekdays[toks[0]]
    if ctx.anchor is None:
        return Resolution(value=f"XXXX-WXX-{wd}")
    return date_res(weekday_date(ctx.anchor, wd, ctx.tense), pod)


def holiday(toks: list[str], ctx: Context) -> Resolution | None:
    """"Christmas", "Thanksgiving Day", "Independence Day 2024" (year or tense-directed)."""
    year, rest = _year_tokens(toks, ctx)
    key = " ".join(t for t in rest if t != "of")
    lex = ctx.lex
    if key in lex.holidays_fixed:
        mo, d = lex.holidays_fixed[key]

        def make(y: int) -> dt.date | None:
            return dt.date(y, mo, d)
    elif key in lex.holidays_nth:
        mo, wd, nth = lex.holidays_nth[key]

        def make(y: int) -> dt.date | None:
            return nth_weekday(y, mo, wd, nth)
    else:
        return None
    if year is not None:
        found = make(year)
    elif ctx.anchor is None:
        return Resolution(value=None)
    else:
        found = yearly_date(ctx.anchor, ctx.tense, make)
    return date_res(found) if found is not None else Resolution(value=None)


def year_like(toks: list[str], ctx: Context) -> Resolution | None:
    """"2022", "fiscal 1989", "the year 2000", "nineteen ninety-six", "the 1990s", "the nineties",
    "the 20th century", "the 1988 period"."""
    toks = [t for t in toks if t not in ctx.lex.fiscal]
    if len(toks) == 2 and toks[0] == "year":  # "the year 2000"
        toks = toks[1:]
    if len(toks) == 2 and toks[1] in ("period", "year") and YEAR.fullmatch(toks[0]):
        toks = toks[:1]
    if len(toks) == 1:
        t = toks[0]
        if YEAR.fullmatch(t):
            return Resolution(value=t)
        if m := _DECADE.fullmatch(t):
            return Resolution(value=f"{m.group(1)}{m.group(2)}" if m.group(1) else f"19{m.group(3)}")
        if t in ctx.lex.decade_words:
            return Resolution(value=f"19{ctx.lex.decade_words[t]}")
    if len(toks) == 2 and toks[1] in ("century", "centuries"):
        n = int(m.group(1)) if (m := _CENTURY_ORD.fullmatch(toks[0])) else ctx.lex.ordinals.get(toks[0])
        if n:
            return Resolution(value=f"{n - 1:02d}")
    if toks and (y := _spelled_year(toks[1:] if toks[0] == "year" else toks, ctx)) is not None:
        return Resolution(value=f"{y:04d}")
    return None


def season(toks: list[str], ctx: Context) -> Resolution | None:
    """"summer 2024", "the winter of 1994", bare "summer" (tense-directed)."""
    words = [t for t in toks if t != "of"]
    if not words or words[0] not in ctx.lex.seasons:
        return None
    code = ctx.lex.seasons[words[0]]
    if len(words) > 1:
        inner = year_like(words[1:], ctx)
        if inner is None or inner.value is None or not YEAR.fullmatch(inner.value):
            return None
        return Resolution(value=f"{inner.value}-{code}")
    if ctx.anchor is None:
        return Resolution(value=f"XXXX-{code}")
    y, c = shift_season(ctx.anchor, code, ctx.lex.season_months, rel=None, tense=ctx.tense)
    return Resolution(value=f"{y:04d}-{c}")


def quarter(toks: list[str], ctx: Context, core: Core) -> Resolution | None:
    """"the third quarter", "third-quarter", "Q3 2024", "the first half of 2024", "2024 first half"."""
    lex = ctx.lex
    for unit, size in (("quarter", 4), ("half", 2)):
        if unit not in toks:
            continue
        i = toks.index(unit)
        if i == 0:
            continue
        prev = toks[i - 1]
        n = 2 if unit == "half" and prev in ("last", "latter") else lex.ordinals.get(prev, 0)
        if not 1 <= n <= size:
            continue
        rest = [t for t in toks[: i - 1] + toks[i + 1:] if t not in ("of", "the") and t not in lex.fiscal]
        return _period_in_year(rest, "Q" if size == 4 else "H", n, ctx, core)
    if len(toks) in (2, 3) and toks[0] == "q" and toks[1] in ("1", "2", "3", "4"):
        return _period_in_year(toks[2:], "Q", int(toks[1]), ctx, core)
    return None


def _period_in_year(rest: list[str], letter: str, n: int, ctx: Context, core: Core) -> Resolution | None:
    a = ctx.anchor
    if rest:
        inner = core(rest, ctx, definite=True)
        if inner is None or inner.value is None:
            return None
        if not YEAR.fullmatch(inner.value):  # "the last half of the '80s": the end of the decade
            if letter != "H" or not re.fullmatch(r"\d{2,3}", inner.value):
                return None
            return Resolution(value=inner.value, mod="START" if n == 1 else "END")
        return Resolution(value=f"{inner.value}-{letter}{n}")
    if a is None:
        return Resolution(value=None)
    current = quarter_of(a.month) if letter == "Q" else (1 if a.month <= 6 else 2)
    year = a.year - 1 if ctx.tense in ("past", "unmarked") and n > current else a.year
    return Resolution(value=f"{year:04d}-{letter}{n}")
