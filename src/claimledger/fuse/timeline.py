"""The timeline: dated entries per proposition — when it was said and, where the claims state it,
when the event happened.  Dates keep their precision (day ``2024-10-24``, month ``2024-06`` or
year ``2024``); relative or fuzzy values (``PAST_REF``, ``2024-W42``, ``2024-SU``) are left out."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .records import FuseClaim, Proposition, TimelineEntry

__all__ = ["build_timeline", "calendar_date"]

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

MAX_WHO = 3
"""Speakers named in one "said" entry before "and N more"."""


def calendar_date(value: str | None) -> str | None:
    """``value`` when it is a calendar date of day, month or year precision, else None."""
    v = (value or "").strip()[:10]
    return v if _DATE.match(v) else None


def build_timeline(props: Sequence[Proposition], claims: Mapping[str, FuseClaim],
                   published: Mapping[str, str | None], who: Mapping[str, str]) -> list[TimelineEntry]:
    """``who``: claim id -> the name of its origin (source, government or outlet)."""
    out: list[TimelineEntry] = []
    for p in props:
        said: dict[str, set[str]] = {}
        events: dict[str, str] = {}
        for cid in p.claim_ids:
            c = claims[cid]
            day = calendar_date(c.said_on) or calendar_date(published.get(c.document_id))
            if day:
                said.setdefault(day, set()).add(who.get(cid, "?"))
            for t in c.record.get("times") or ():
                v = calendar_date(t.get("value"))
                if v and t.get("role") != "said":
                    events.setdefault(v, str(t.get("text") or v))
        for day, names in sorted(said.items()):
            ns = sorted(names)
            shown = ", ".join(ns[:MAX_WHO]) + (f" and {len(ns) - MAX_WHO} more" if len(ns) > MAX_WHO else "")
            out.append(TimelineEntry(date=day, proposition_id=p.id, kind="said", summary=f"{shown}: {p.label}"))
        for day, text in sorted(events.items()):
            out.append(TimelineEntry(date=day, proposition_id=p.id, kind="event",
                                     summary=f"{p.label} ({text})"))
    return sorted(out, key=lambda e: (e.date, e.proposition_id, e.kind, e.summary))
