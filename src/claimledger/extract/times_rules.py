"""The matchers behind the time normaliser: each reads a whole token list or returns None.

:func:`core` tries them in turn on the tokens left after prepositions and modifiers are removed;
named periods (months, weekdays, seasons, quarters, years, holidays) are in :mod:`times_names`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from claimledger.extract import times_names as names
from claimledger.extract.times_calendar import Tense, month_value, month_year, shift_season, week_value, weekday_date
from claimledger.extract.times_values import (
    YEAR,
    Context,
    Resolution,
    date_res,
    duration_value,
    number,
    period_shifted,
    shift_period,
    split_pod,
)

__all__ = ["core"]

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def _shift(toks: list[str], ctx: Context) -> Resolution | None:
    """"two days ago", "a year earlier", "three weeks from now", "a day after"."""
    n, used = number(toks, ctx.lex)
    if n is None or used >= len(toks) or toks[used] not in ctx.lex.units:
        return None
    letter = ctx.lex.units[toks[used]]
    word = " ".join(toks[used + 1:])
    shift = ctx.lex.shift_words.get(word)
    if shift is None:
        return None
    if n == "X":
        return Resolution(value="PAST_REF" if shift.sign < 0 else "FUTURE_REF")
    if (letter == "Y" and shift.sign < 0 and not isinstance(n, str) and n == int(n)
            and (period := period_shifted(ctx.reference_period, -int(n))) is not None):
        return Resolution(value=period)  # "net rose from $3 million a year earlier"
    base = ctx.anchor if shift.base == "anchor" else ctx.reference
    if base is None or isinstance(n, str):
        return Resolution(value=None)
    return Resolution(value=shift_period(base, shift.sign * n, letter))


def _duration(toks: list[str], ctx: Context, definite: bool) -> Resolution | None:
    """"several weeks" PXW, "48 hours" PT48H, "weeks" PXW; "the year" is the anchor's year."""
    units = ctx.lex.units
    if toks[-1:] == ["long"]:
        toks = toks[:-1]
    if len(toks) == 1 and toks[0] in units:
        letter = units[toks[0]]
        if definite and ctx.anchor is not None:  # "the year", "the week", "the month"
            # "the quarter" in a past-tense report is the one reported on: the last one completed
            return _relative_unit(letter, -1 if letter == "Q" and ctx.tense in ("past", "unmarked") else 0, ctx)
        if definite:
            return Resolution(value=None)
        plural = toks[0].endswith("s") or toks[0] == "centuries"
        return Resolution(value=duration_value("X" if plural else 1, letter), type="DURATION")
    if toks[:1] == ["first"] and len(toks) > 2:  # "the first nine months" (of the year)
        toks = toks[1:]
    n, used = number(toks, ctx.lex)
    if n is None or used != len(toks) - 1 or toks[-1] not in units:
        return None
    if not isinstance(n, str) and n >= 1000:  # "the 1988 quarter" is not 1988 quarters
        return None
    return Resolution(value=duration_value(n, units[toks[-1]]), type="DURATION")


def weekend(a: dt.date, k: int, tense: Tense) -> str:
    """The weekend ``k`` weekends from the one meant by "the weekend" / "this weekend" at ``a``: in
    past tense the last one begun by ``a``, in future tense the next one not yet over, otherwise
    the nearer (from Monday to Wednesday the one just past)."""
    if a.isoweekday() >= 6:
        base = a
    elif tense == "past" or (tense != "future" and a.isoweekday() <= 3):
        base = a - dt.timedelta(days=7)
    else:
        base = a
    return f"{week_value(base + dt.timedelta(days=7 * k))}-WE"


def _relative_unit(letter: str, k: int, ctx: Context, base: dt.date | None = None) -> Resolution | None:
    a = base or ctx.anchor
    if a is None:
        return Resolution(value=None)
    if letter == "WE":
        if k == 0 and base is None:  # "this weekend": direction from the tense
            return Resolution(value=weekend(a, 0, ctx.tense))
        return Resolution(value=f"{week_value(a + dt.timedelta(days=7 * k))}-WE")
    if letter in ("10Y", "100Y"):
        if k:
            return Resolution(value=duration_value(1, letter), type="DURATION")
        return Resolution(value=str(a.year // (10 if letter == "10Y" else 100)))
    if letter == "D":
        return date_res(a + dt.timedelta(days=k))
    if letter.startswith("T"):
        return None
    return Resolution(value=shift_period(a, k, letter))


def _reference_period(toks: list[str], ctx: Context) -> Resolution | None:
    """"the following year", "later that year", "that same month", "the previous week": the period
    next to the one of the last dated event (``ctx.reference``).  Without one, "following" and
    "previous" are left to :func:`_relative` (from the anchor) and "that year" is unresolved."""
    lex = ctx.lex
    for width in (2, 1):
        word = " ".join(toks[:width])
        if word in lex.reference_relative and len(toks) == width + 1:
            break
    else:
        return None
    k, rest = lex.reference_relative[word], toks[-1]
    unit = lex.units.get(rest)
    if not ((unit is not None and not unit.startswith("T") and unit != "D" and not rest.endswith("s"))
            or rest in lex.seasons or (rest in lex.weekdays and k)):
        return None
    base = ctx.reference
    if base is None:
        return None if word in lex.relative else Resolution(value=None)
    if rest in lex.weekdays:
        return date_res(weekday_date(base, lex.weekdays[rest], "past" if k < 0 else "future", strict=True))
    if rest in lex.seasons:
        y, code = shift_season(base, lex.seasons[rest], lex.season_months, rel=k, tense="past")
        return Resolution(value=f"{y:04d}-{code}")
    assert unit is not None
    return _relative_unit(unit, k, ctx, base)


def _week_day(toks: list[str], ctx: Context) -> Resolution | None:
    """"Tuesday of last week", "Monday of the following week", "next week Wednesday": that weekday
    of the week the rest names."""
    lex = ctx.lex
    if len(toks) < 3:
        return None
    if toks[0] in lex.weekdays:
        wd, rest = lex.weekdays[toks[0]], toks[1:]
        if rest[:1] == ["of"]:
            rest = rest[1:]
    elif toks[-1] in lex.weekdays:
        wd, rest = lex.weekdays[toks[-1]], toks[:-1]
    else:
        return None
    definite = rest[:1] == ["the"]
    rest = rest[1:] if definite else rest
    if rest[-1:] != ["week"] or len(rest) < 2:
        return None
    week = _reference_period(rest, ctx) or _relative(rest, ctx, definite)
    if week is None or week.value is None or not (m := re.fullmatch(r"(\d{4})-W(\d{2})", week.value)):
        return week
    return date_res(dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), wd))


def _relative(toks: list[str], ctx: Context, definite: bool) -> Resolution | None:
    """"last week", "this summer", "next month", "last Friday", "this morning", "the past 3 years"."""
    lex = ctx.lex
    k: int | None = None
    used = 0
    for width in (2, 1):
        if " ".join(toks[:width]) in lex.relative and len(toks) > width:
            k, used = lex.relative[" ".join(toks[:width])], width
            break
    if k is None:
        return None
    rest = toks[used:]
    a = ctx.anchor
    n, n_used = number(rest, lex)
    if n is not None and n_used == len(rest) - 1 and rest[-1] in lex.units:  # "the past three years"
        return Resolution(value=duration_value(n, lex.units[rest[-1]]), type="DURATION")
    if len(rest) == 1 and rest[0] in lex.units and rest[0].endswith(("s", "ies")) and k:
        return Resolution(value="PAST_REF" if k < 0 else "FUTURE_REF")  # "coming months", "past years"
    if len(rest) == 2 and rest[1] == "weekend" and rest[0] in lex.weekdays:
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] in lex.months and k:  # "last Oct. 23", "next June 5"
        return names.explicit(rest, replace(ctx, tense="past" if k < 0 else "future"))
    if len(rest) != 1 and not (len(rest) == 2 and rest[1] in lex.parts_of_day):
        return None
    word = rest[0]
    pod = lex.parts_of_day.get(rest[1]) if len(rest) == 2 else None
    if a is None:
        return Resolution(value=None)
    if word in lex.parts_of_day and len(rest) == 1:  # "this morning", "last night"
        return date_res(a + dt.timedelta(days=min(k, 0) if word != "night" else k), lex.parts_of_day[word])
    if word in lex.weekdays:
        wd = lex.weekdays[word]
        if k == 0:
            d = a + dt.timedelta(days=wd - a.isoweekday())
        else:
            d = weekday_date(a, wd, "past" if k < 0 else "future", strict=True)
        return date_res(d, pod)
    if pod is not None:
        return None
    if word in lex.months:
        m = lex.months[word]
        y = a.year if k == 0 else month_year(a, m, "past" if k < 0 else "future", strict=True)
        return Resolution(value=month_value(y, m))
    if word in lex.seasons:
        y, code = shift_season(a, lex.seasons[word], lex.season_months, rel=k, tense=ctx.tense)
        return Resolution(value=f"{y:04d}-{code}")
    if word in lex.units:
        return _relative_unit(lex.units[word], k, ctx)
    return None


def _deictic(toks: list[str], ctx: Context) -> Resolution | None:
    """"today", "yesterday morning", "tonight", "the day before yesterday"."""
    toks, pod = split_pod(toks, ctx)
    key = " ".join(toks)
    if key == "overnight" and ctx.anchor is not None:  # "last night", or "tonight" when ahead
        ahead = ctx.tense in ("future", "present")
        return date_res(ctx.anchor - dt.timedelta(days=0 if ahead else 1), "NI")
    if key not in ctx.lex.deictic_days:
        return None
    if ctx.anchor is None:
        return Resolution(value=None)
    if key == "tonight":
        pod = pod or "NI"
    return date_res(ctx.anchor + dt.timedelta(days=ctx.lex.deictic_days[key]), pod)


def _clock(toks: list[str], ctx: Context) -> Resolution | None:
    """"2 p.m.", "14:30", "noon", "9 a.m. EDT Tuesday", "Tuesday at 2 p.m."."""
    lex = ctx.lex
    for i, t in enumerate(toks):
        hh = mm = None
        used = 1
        if m := _CLOCK.fullmatch(t):
            hh, mm = int(m.group(1)), int(m.group(2))
        elif t in lex.clock_words:
            hh, mm = lex.clock_words[t], 0
        elif t.isdigit() and i + 1 < len(toks) and toks[i + 1] in ("am", "pm"):
            hh, mm = int(t), 0
        if hh is None or mm is None:
            continue
        if i + used < len(toks) and toks[i + used] in ("am", "pm"):
            if hh > 12:
                return None
            hh = hh % 12 + (12 if toks[i + used] == "pm" else 0)
            used += 1
        if hh > 23 or mm > 59:
            return None
        rest = [w for w in toks[:i] + toks[i + used:] if w not in ("at", "on", "o", "clock", "of")
                and w not in lex.time_zones]
        if rest:
            day = core(rest, ctx, definite=False)
            if day is None or day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
                return None
            date_part = day.value
        else:  # "at 10 p.m.": on the day last mentioned, else on the publication date
            day_of = ctx.reference or ctx.anchor
            date_part = day_of.isoformat() if day_of is not None else "XXXX-XX-XX"
        return Resolution(value=f"{date_part}T{hh:02d}:{mm:02d}", type="TIME")
    return None


def _set(toks: list[str], ctx: Context) -> Resolution | None:
    """"daily", "every week", "each Tuesday", "every two weeks"."""
    if len(toks) == 1 and toks[0] in ctx.lex.sets:
        return Resolution(value=ctx.lex.sets[toks[0]], type="SET")
    if toks[:1] not in (["every"], ["each"]) or len(toks) < 2:
        return None
    rest = toks[1:]
    if len(rest) == 1 and rest[0] in ctx.lex.weekdays:
        return Resolution(value=f"XXXX-WXX-{ctx.lex.weekdays[rest[0]]}", type="SET")
    if len(rest) == 1 and rest[0] in ctx.lex.units:
        return Resolution(value=duration_value(1, ctx.lex.units[rest[0]]), type="SET")
    n, used = number(rest, ctx.lex)
    if n is not None and used == len(rest) - 1 and rest[-1] in ctx.lex.units:
        return Resolution(value=duration_value(n, ctx.lex.units[rest[-1]]), type="SET")
    return None


def _reference_day(toks: list[str], ctx: Context, definite: bool) -> Resolution | None:
    key = " ".join((["the"] if definite else []) + toks)
    if key not in ctx.lex.reference_days:
        key = " ".join(toks)
        if key not in ctx.lex.reference_days:
            return None
    if ctx.reference is None:
        return Resolution(value=None)
    d = ctx.reference + dt.timedelta(days=ctx.lex.reference_days[key])
    return date_res(d, "MO" if key.endswith("morning") else None)


def _year_shifted(toks: list[str], ctx: Context) -> Resolution | None:
    """"the year-ago quarter", "year-earlier results", "the quarter a year ago": one year back."""
    for i in range(len(toks) - 1):
        if toks[i] == "year" and toks[i + 1] in ctx.lex.year_shift_words:
            rest = [t for t in toks[:i] + toks[i + 2:] if t != "a"]
            if all(t in ctx.lex.year_shift_periods for t in rest) and (
                    period := period_shifted(ctx.reference_period, -1)) is not None:
                return Resolution(value=period)  # "year-earlier profit", "the year-ago period"
            if not rest:
                return Resolution(value=f"{ctx.anchor.year - 1:04d}" if ctx.anchor else None)
            inner = core([t for t in rest if t not in ("the", "comparable", "corresponding")], ctx,
                         definite=True)
            if inner is None or inner.value is None or not YEAR.match(inner.value[:4]):
                return None
            return Resolution(value=f"{int(inner.value[:4]) - 1:04d}{inner.value[4:]}", mod=inner.mod)
    return None


def core(toks: list[str], ctx: Context, *, definite: bool) -> Resolution | None:
    """The first matcher that reads all of ``toks`` (prepositions and modifiers already removed)."""
    if not toks:
        return None
    key = " ".join(toks)
    if key in ctx.lex.references:
        return Resolution(value=ctx.lex.references[key])
    if (ref := _reference_day(toks, ctx, definite)) is not None:
        return ref
    if (ref := _reference_period(toks, ctx)) is not None:
        return ref
    if (ref := _week_day(toks, ctx)) is not None:
        return ref
    rel = _relative(toks, ctx, definite)
    if rel is not None:
        return rel
    matchers: tuple[Callable[[list[str], Context], Resolution | None], ...] = (
        _deictic, _set, _clock, _shift, names.explicit, names.weekday, names.holiday, names.season,
        names.year_like, _year_shifted,
    )
    for matcher in matchers:
        if (res := matcher(toks, ctx)) is not None:
            return res
    if (res := names.quarter(toks, ctx, core)) is not None:
        return res
    if toks == ["weekend"] and ctx.anchor is not None:
        return Resolution(value=weekend(ctx.anchor, 0, ctx.tense))
    return _duration(toks, ctx, definite)
