"""Shared pieces of the time matchers: the result record, the context, numbers and periods."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from claimledger.extract.times_calendar import Tense, add_months, month_value, quarter_of, week_value
from claimledger.extract.times_lexicon import TimeLexicon

__all__ = [
    "REPORTING_PERIOD",
    "YEAR",
    "Context",
    "Resolution",
    "TimeType",
    "date_res",
    "duration_value",
    "fmt_number",
    "number",
    "period_shifted",
    "shift_period",
    "split_pod",
]

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
YEAR = re.compile(r"1\d{3}|20\d{2}")
"""A four-digit year token (1000-2099)."""
_SMALLER = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM"), "TM": (60, "TS")}
"""The next smaller unit and how many of it make one, for fractional durations."""
REPORTING_PERIOD = re.compile(r"(\d{4})-(Q[1-4]|H[12])")
"""A quarter or half year: the periods business reports compare with the same one a year before."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """What one expression means: TimeML value (None if unresolvable), mod and type."""

    value: str | None
    mod: str | None = None
    type: TimeType = "DATE"


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    anchor: dt.date | None
    tense: Tense
    reference: dt.date | None
    lex: TimeLexicon
    reference_period: str | None = None
    """The value of the reporting period the text is about ("1989-Q3" for "third-quarter net"):
    "a year earlier" / "a year ago" / "the year-earlier period" next to it is that period a year
    before (TimeML reads the comparison at the period's granularity)."""


def date_res(d: dt.date, pod: str | None = None) -> Resolution:
    if pod:
        return Resolution(value=f"{d.isoformat()}T{pod}", type="TIME")
    return Resolution(value=d.isoformat())


def split_pod(toks: list[str], ctx: Context) -> tuple[list[str], str | None]:
    """Split off a trailing part of day ("Tuesday night" -> ["tuesday"], "NI")."""
    if len(toks) > 1 and toks[-1] in ctx.lex.parts_of_day:
        return toks[:-1], ctx.lex.parts_of_day[toks[-1]]
    return toks, None


def number(toks: list[str], lex: TimeLexicon) -> tuple[float | str | None, int]:
    """A count at the start of ``toks``: (value or "X" for vague amounts, tokens used)."""
    for phrase, count in lex.phrase_numbers:
        if tuple(toks[: len(phrase)]) == phrase and len(toks) > len(phrase):
            return count, len(phrase)
    for phrase in lex.vague_numbers:
        if tuple(toks[: len(phrase)]) == phrase:
            return "X", len(phrase)
    if not toks:
        return None, 0
    if toks[:2] in (["half", "a"], ["half", "an"]):
        return 0.5, 2
    t = toks[0]
    value: float | None = None
    used = 1
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        value = float(t)
    elif t in lex.numbers:
        value = lex.numbers[t]
        if value >= 20 and len(toks) > 1 and toks[1] in lex.numbers and lex.numbers[toks[1]] < 10:
            value, used = value + lex.numbers[toks[1]], 2
    if value is not None and toks[used: used + 3] == ["and", "a", "half"]:
        value, used = value + 0.5, used + 3
    return value, used


def fmt_number(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | str, letter: str) -> str | None:
    """P3W, PT2H, PXW, P10Y (decades), P2W (fortnights)."""
    if letter == "WE":
        return None
    if letter[0].isdigit():  # "10Y", "2W": multiples of another unit
        mult, base = int(letter[:-1]), letter[-1]
        return f"P{fmt_number(n * mult) if not isinstance(n, str) else 'X'}{base}"
    if not isinstance(n, str) and n != int(n) and letter in _SMALLER:
        whole, (per, smaller) = int(n), _SMALLER[letter]
        part = (n - whole) * per
        if part == int(part):  # "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S, "half an hour" PT30M
            head = f"{whole}{letter[-1]}" if whole else ""
            if letter.startswith("T") or smaller.startswith("T"):
                return f"PT{head}{int(part)}{smaller[-1]}" if letter.startswith("T") else \
                    f"P{head}T{int(part)}{smaller[-1]}"
            return f"P{head}{int(part)}{smaller}"
    if letter.startswith("T"):
        return f"PT{fmt_number(n)}{letter[1]}"
    return f"P{fmt_number(n)}{letter}"


def shift_period(base: dt.date, n: float, letter: str) -> str | None:
    """The period ``n`` units from ``base`` (negative = earlier) at the unit's granularity."""
    if n != int(n):
        return None
    k = int(n)
    if letter == "D":
        return (base + dt.timedelta(days=k)).isoformat()
    if letter in ("W", "2W"):
        return week_value(base + dt.timedelta(days=7 * k * (2 if letter == "2W" else 1)))
    if letter == "M":
        return month_value(*add_months(base.year, base.month, k))
    if letter == "Q":
        y, m = add_months(base.year, base.month, 3 * k)
        return f"{y:04d}-Q{quarter_of(m)}"
    if letter in ("Y", "10Y", "100Y"):
        return f"{base.year + k * {'Y': 1, '10Y': 10, '100Y': 100}[letter]:04d}"
    if letter.startswith("T"):
        return base.isoformat()
    return None




def period_shifted(period: str | None, years: int) -> str | None:
    """``period`` (a quarter or half, see :data:`REPORTING_PERIOD`) moved by whole ``years``; None
    for anything else."""
    if period is None or not (m := REPORTING_PERIOD.fullmatch(period)):
        return None
    return f"{int(m.group(1)) + years:04d}-{m.group(2)}"
