"""Timeline points: who said what when (from the claims' ``said_on``), and reported events (from the
ledger's timeline). TIMEX3 values become day intervals: "2024-W42" covers its Monday to Sunday."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .model import Precision, TimelinePoint
from .view import LedgerView

__all__ = ["EVENT_LANE", "build_timeline", "period"]

EVENT_LANE = "reported events"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
"""Meteorological seasons (northern hemisphere); winter is labelled with the year of its December,
as extract/times_calendar.py does."""

Rec = dict[str, Any]


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def period(value: str | None) -> tuple[dt.date, dt.date, Precision] | None:
    """The days a TIMEX3 date value covers, or None (durations, PRESENT_REF, unknown)."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _WEEK.match(value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6), "week"
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2])), "month"
        if m := _SEASON.match(value):
            first, last = _SEASON_MONTHS[m[2]]
            return dt.date(int(m[1]), first, 1), _month_end(int(m[1]), last), "season"
        if m := _QUARTER.match(value):
            q = int(m[2])
            return dt.date(int(m[1]), 3 * q - 2, 1), _month_end(int(m[1]), 3 * q), "quarter"
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31), "year"
    except ValueError:  # "2024-02-31", "2024-W60": not a date
        return None
    return None


@dataclass
class _Acc:
    date: str
    lane: str
    kind: str
    proposition_id: str
    summary: str
    credibility: int
    outlets: set[str] = field(default_factory=set)
    claim_ids: list[str] = field(default_factory=list)


def build_timeline(view: LedgerView) -> tuple[TimelinePoint, ...]:
    """One point per (date, who, stance, proposition); ledger timeline events add "event" points and
    give "said" points their summary."""
    acc: dict[tuple[str, str, str, str], _Acc] = {}
    for c in view.claims:
        date = view.said_on(c)
        pid = c.get("proposition_id") or ""
        prop = view.props.get(pid)
        if date is None or period(date) is None or prop is None:
            continue
        key = (date, view.speaker(c), str(c.get("stance") or "asserts"), pid)
        a = acc.setdefault(key, _Acc(date=date, lane=key[1], kind=key[2], proposition_id=pid,
                                     summary=str(prop.get("label") or c["text"]),
                                     credibility=int(prop.get("credibility") or 6)))
        a.outlets.add(view.outlet_of(c))
        a.claim_ids.append(c["id"])
    for e in view.timeline:
        prop = view.props[e["proposition_id"]]
        summary = str(e.get("summary") or prop.get("label") or "")
        if period(str(e["date"])) is None:
            continue
        if e.get("kind") == "said":
            said = [a for a in acc.values() if a.proposition_id == prop["id"] and a.date == e["date"]]
            for a in said:
                a.summary = summary or a.summary
            if said:
                continue
        kind = "event" if e.get("kind") == "event" else "asserts"
        lane = EVENT_LANE if kind == "event" else _first_origin(view, prop)
        key = (str(e["date"]), lane, kind, prop["id"])
        a = acc.setdefault(key, _Acc(date=key[0], lane=lane, kind=kind, proposition_id=prop["id"], summary=summary,
                                     credibility=int(prop.get("credibility") or 6)))
        for cid in prop["claim_ids"]:
            if cid in view.claims_by_id:
                a.outlets.add(view.outlet_of(view.claims_by_id[cid]))
    points = []
    for a in acc.values():
        p = period(a.date)
        assert p is not None  # filtered above
        points.append(TimelinePoint(date=a.date, start=p[0].isoformat(), end=p[1].isoformat(), precision=p[2],
                                    lane=a.lane, kind=a.kind, proposition_id=a.proposition_id, summary=a.summary,
                                    credibility=a.credibility, outlets=tuple(sorted(a.outlets)),
                                    claim_ids=tuple(a.claim_ids)))
    points.sort(key=lambda p: (p.start, p.end, p.lane, p.kind, p.proposition_id))
    return tuple(points)


def _first_origin(view: LedgerView, prop: Rec) -> str:
    for sid in prop.get("origin_source_ids") or []:
        name = view.source_name(sid)
        if name:
            return name
    for cid in prop["claim_ids"]:
        if cid in view.claims_by_id:
            return view.speaker(view.claims_by_id[cid])
    return "unknown source"
