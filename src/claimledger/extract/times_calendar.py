"""Calendar arithmetic for the time normaliser: TimeML value strings and tense-directed resolution.

Direction rules (``tense``):

* ``past``: the most recent occurrence on or before the anchor ("on Thursday" in a Friday article
  is the day before; in a Thursday article it is the same day).
* ``future``: the first occurrence on or after the anchor.
* ``present``: whichever of the two is nearer to the anchor (the past one on a tie).
* ``unmarked`` (no tensed verb): as past, except that a month or day of a month much nearer ahead
  than behind is taken ahead ("payable Dec. 7" in an October report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

__all__ = [
    "Tense",
    "add_months",
    "day_value",
    "month_day_date",
    "month_value",
    "month_year",
    "nth_weekday",
    "quarter_of",
    "season_instance",
    "shift_season",
    "week_value",
    "weekday_date",
    "yearly_date",
]

Tense = Literal["past", "present", "future", "unmarked"]
"""``unmarked``: no verb, or one without tense (headlines, "payable Dec. 7"); it reads as past except
that a much nearer future month or day wins (:data:`WRONG_WAY_MONTHS`)."""

SEASON_ORDER = ("WI", "SP", "SU", "FA")


def day_value(d: dt.date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by ``k`` months."""
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def weekday_date(anchor: dt.date, weekday: int, tense: Tense, *, strict: bool = False) -> dt.date:
    """The date of ISO ``weekday`` (Monday = 1) relative to ``anchor`` in the direction of ``tense``.

    ``strict`` excludes the anchor itself ("last Friday" in a Friday article is a week back)."""
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if strict:
        back = back or 7
        fwd = fwd or 7
    if tense == "future" or (tense == "present" and fwd < back):
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back)


WRONG_WAY_MONTHS = 3
"""How much nearer (in months) a future occurrence must be to beat a past one when the tense is
``unmarked`` (no verb, or a verb without tense: "payable in December", "a summit in April"): past is
only the default there, so it is the weaker signal.  A past-tense verb ("stepped down in March")
and future tense (an explicit "will") take their own side without exception.
Calibrated on TempEval-3 train DATE values (eval/README.times.md has the sweep); it also keeps
"in June" in an October past-tense article in the past, as the guidelines require."""

WRONG_WAY_DAYS = 90
"""The same for a day of a month without a year ("Dec. 15"), in days (calibrated with it)."""


def month_year(anchor: dt.date, month: int, tense: Tense, *, strict: bool = False) -> int:
    """The year of the ``month`` meant relative to ``anchor``: in past tense the most recent one
    (the anchor's own month included unless ``strict``), in future tense the next one; in unmarked
    tense the past one unless the future one is nearer by more than :data:`WRONG_WAY_MONTHS`; in
    present tense the nearer one."""
    if strict:
        back_year = anchor.year if month < anchor.month else anchor.year - 1
        fwd_year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        back_year = anchor.year if month <= anchor.month else anchor.year - 1
        fwd_year = anchor.year if month >= anchor.month else anchor.year + 1
    back_gap = (anchor.year - back_year) * 12 + anchor.month - month
    fwd_gap = (fwd_year - anchor.year) * 12 + month - anchor.month
    if strict:
        return fwd_year if tense == "future" else back_year
    if tense == "future":  # an explicit "will": no exception
        return fwd_year
    if tense == "present":
        return fwd_year if fwd_gap < back_gap else back_year
    if tense == "past":  # a past-tense verb: the event has happened
        return back_year
    return fwd_year if fwd_gap + WRONG_WAY_MONTHS < back_gap else back_year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_day_date(anchor: dt.date, month: int, day: int, tense: Tense) -> dt.date | None:
    """A day of a month without a year ("on 3 October"): the nearest occurrence on the side of
    ``tense``; in unmarked tense a future one wins when nearer by more than :data:`WRONG_WAY_DAYS`."""
    return yearly_date(anchor, tense, lambda y: _safe_date(y, month, day))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The ``nth`` ISO ``weekday`` of a month (nth -1 = the last one): Thanksgiving is (11, 4, 4)."""
    if nth > 0:
        first = dt.date(year, month, 1)
        d = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        return d if d.month == month else None
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def yearly_date(anchor: dt.date, tense: Tense, make: Callable[[int], dt.date | None]) -> dt.date | None:
    """The occurrence of a once-a-year day (``make(year)``) meant relative to ``anchor``."""
    candidates = [d for d in (make(anchor.year + k) for k in (-1, 0, 1)) if d is not None]
    if not candidates:
        return None

    def cost(d: dt.date) -> int:
        gap = abs((d - anchor).days)
        if tense == "future" and d < anchor:
            return gap + 10_000  # an explicit "will": never a past date
        if tense == "past" and d > anchor:
            return gap + 10_000  # a past-tense verb: never a future date
        return gap + (WRONG_WAY_DAYS if tense == "unmarked" and d > anchor else 0)

    return min(candidates, key=lambda d: (cost(d), d > anchor))


def season_instance(anchor: dt.date, season_months: dict[str, int]) -> tuple[int, str]:
    """The (year, code) of the season the anchor falls in; winter carries the year of its December."""
    for code in ("WI", "FA", "SU", "SP"):
        start = season_months[code]
        if code == "WI":
            if anchor.month >= start:
                return anchor.year, "WI"
            if anchor.month < season_months["SP"]:
                return anchor.year - 1, "WI"
        elif anchor.month >= start:
            return anchor.year, code
    return anchor.year - 1, "WI"


def _season_index(year: int, code: str) -> int:
    # Winter counts as the last season of its year (it starts in December).
    order = ("SP", "SU", "FA", "WI")
    return year * 4 + order.index(code)


def shift_season(anchor: dt.date, code: str, season_months: dict[str, int], *, rel: int | None,
                 tense: Tense) -> tuple[int, str]:
    """The season ``code`` meant relative to the anchor.

    ``rel`` -1 ("last summer": the latest one that ended before the current season), 0 ("this
    summer": the one in the anchor's year), +1 ("next summer"); None (bare "summer") follows
    ``tense`` and counts the current season as both past and future."""
    cur_year, cur_code = season_instance(anchor, season_months)
    cur = _season_index(cur_year, cur_code)
    if rel == 0:
        if code == cur_code:
            return cur_year, code
        if code == "WI":
            return (anchor.year - 1 if anchor.month < season_months["SP"] else anchor.year), code
        return anchor.year, code
    options = [(y, code) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
    idx = [(_season_index(y, c), (y, c)) for y, c in options]
    before = [v for i, v in idx if (i < cur if rel == -1 else i <= cur)]
    after = [v for i, v in idx if (i > cur if rel == 1 else i >= cur)]
    if rel == -1:
        return max(before)
    if rel == 1:
        return min(after)
    if tense == "future":
        return min(after)
    if tense == "present":
        b, a = max(before), min(after)
        gap_b = cur - _season_index(*b)
        gap_a = _season_index(*a) - cur
        return a if gap_a < gap_b else b
    return max(before)
