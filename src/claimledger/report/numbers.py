"""The numbers panel: every counted thing, with who says how many, when, and how sure.

Quantities come from claims (so each has a source). They are grouped by counted thing — the unit
lemma, or its class when fusion's word list puts units together (troop = soldier = personnel) —
then by who says it and the figure; the same figure from one source carried by several outlets is
one entry listing the outlets and the earliest date.

A derived total ("two brigades of 6,000 personnel each" = 12,000) is shown as ``2×6,000`` and the
per-unit figure inside it is not listed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import NumberEntry, NumbersRow
from .view import LedgerView, claim_day
from .words import plural, words

__all__ = ["best_estimate", "build_numbers", "format_count", "format_quantity"]

_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")

Rec = dict[str, Any]


def format_count(v: float) -> str:
    """3000 -> "3,000"; 1500000 -> "1.5 million"; 2.5 -> "2.5"."""
    for scale, word in words().scales:
        if abs(v) >= scale:
            return f"{_plain(v / scale)} {word}"
    return _plain(v)


def _plain(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _vague_text(q: Rec) -> str:
    text = _SPACES.sub(" ", _EDGE_JUNK.sub("", str(q.get("text") or ""))).lower()
    if text:
        return text
    low = q.get("low")
    return f"≥{format_count(float(low))}" if low is not None else "some"


def format_quantity(q: Rec) -> str:
    """The figure of a quantity record as the panel writes it (qualifier marks, thousands separators)."""
    qual = q.get("qualifier")
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    if qual == "vague":
        return _vague_text(q)
    if qual == "range" and low is not None and high is not None:
        return f"{format_count(low)}–{format_count(high)}"
    floor, ceiling = (low if low is not None else value), (high if high is not None else value)
    if qual == "at_least" and floor is not None:
        return "≥" + format_count(float(floor))
    if qual == "at_most" and ceiling is not None:
        return "≤" + format_count(float(ceiling))
    best = value if value is not None else (low if low is not None else high)
    if best is None:
        return _vague_text(q)
    return ("~" if qual == "approximate" else "") + format_count(best)


def best_estimate(q: Rec) -> float | None:
    """The single figure to compare: the number said; for a range its midpoint; vague -> None."""
    qual = q.get("qualifier")
    if qual == "vague":
        return None
    low, high, value = q.get("low"), q.get("high"), q.get("value")
    if qual == "range" and low is not None and high is not None:
        return (float(low) + float(high)) / 2
    for v in (value, low, high):
        if v is not None:
            return float(v)
    return None


def _inside(inner: Rec, outer: Rec) -> bool:
    a, b = inner.get("span") or (0, 0), outer.get("span") or (0, 0)
    return bool(b[0] <= a[0] and a[1] <= b[1] and (a[0], a[1]) != (b[0], b[1]))


def _derived(qs: list[Rec]) -> tuple[dict[int, str], set[int]]:
    """Derived totals in one claim: index -> "2×6,000" display, and the per-unit figures they hold."""
    display: dict[int, str] = {}
    covered: set[int] = set()
    for i, total in enumerate(qs):
        tv = total.get("value")
        if not tv:
            continue
        inner = [j for j, q in enumerate(qs) if j != i and _inside(q, total)]
        for j in inner:
            per = qs[j]
            if per.get("unit") != total.get("unit") or not per.get("value"):
                continue
            for k in inner:
                mult = qs[k].get("value")
                if k != j and mult and qs[k].get("unit") != total.get("unit") \
                        and abs(float(mult) * float(per["value"]) - float(tv)) < 1e-6:
                    display[i] = f"{_plain(float(mult))}×{format_quantity(per)}"
                    covered.add(j)
    return display, covered


@dataclass
class _Acc:
    unit: str
    display: str
    qualifier: str
    value: float | None
    low: float | None
    high: float | None
    source: str
    source_id: str | None
    via: tuple[str, ...]
    stance: str
    date: str | None = None
    hedged: bool = False
    outlets: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)


def _row_key(unit: str) -> str:
    return words().unit_class.get(unit.lower(), unit.lower())


def _entries(view: LedgerView) -> Iterable[tuple[str, _Acc, Rec, Rec]]:
    for c in view.claims:
        qs = [q for q in c.get("quantities") or [] if q.get("unit")]
        shown, covered = _derived(qs)
        for i, q in enumerate(qs):
            if i in covered:
                continue
            acc = _Acc(unit=str(q["unit"]), display=shown.get(i) or format_quantity(q), qualifier=str(q["qualifier"]),
                       value=best_estimate(q), low=q.get("low"), high=q.get("high"), source=view.speaker(c),
                       source_id=c.get("source_id"),
                       via=tuple(n for n in (view.source_name(v) for v in c.get("via") or []) if n),
                       stance=str(c.get("stance") or "asserts"))
            yield _row_key(acc.unit), acc, c, q


def build_numbers(view: LedgerView) -> tuple[NumbersRow, ...]:
    """The numbers panel: rows ordered by how many sources give a figure, then by name."""
    rows: dict[str, dict[tuple[str, str, str], _Acc]] = {}
    for key, acc, claim, q in _entries(view):
        entries = rows.setdefault(key, {})
        have = entries.setdefault((acc.source, acc.display, acc.stance), acc)
        have.via += tuple(v for v in acc.via if v not in have.via)
        said = view.said_on(claim)
        if said and (have.date is None or claim_day(said) < claim_day(have.date)):
            have.date = said
        have.hedged = have.hedged or bool(claim.get("hedged"))
        have.outlets.add(view.outlet_of(claim))
        if q.get("text") and str(q["text"]) not in have.texts:
            have.texts.append(str(q["text"]))
        if claim["id"] not in have.claim_ids:
            have.claim_ids.append(claim["id"])
    differ = {frozenset((r["from"], r["to"])) for r in view.relations if r["kind"] == "differs"}
    prop_of = {c["id"]: c.get("proposition_id") for c in view.claims}
    out = [_row(key, list(entries.values()), differ, prop_of) for key, entries in rows.items()]
    out.sort(key=lambda r: (-len({e.source for e in r.entries}), -len(r.entries), r.thing))
    return tuple(out)


def _row(key: str, accs: list[_Acc], differ: set[frozenset[str]], prop_of: dict[str, Any]) -> NumbersRow:
    accs.sort(key=lambda a: (claim_day(a.date), a.source, a.value if a.value is not None else -1.0, a.display))
    entries = tuple(
        NumberEntry(display=a.display, qualifier=a.qualifier, value=a.value, low=a.low, high=a.high, unit=a.unit,
                    source=a.source, source_id=a.source_id, via=a.via, date=a.date, outlets=tuple(sorted(a.outlets)),
                    stance=a.stance, hedged=a.hedged, texts=tuple(a.texts), claim_ids=tuple(a.claim_ids))
        for a in accs)
    props = {prop_of.get(cid) for e in entries for cid in e.claim_ids}
    differs = any(pair <= props for pair in differ)
    return NumbersRow(thing=plural(key), units=tuple(sorted({a.unit for a in accs})), entries=entries,
                      differs=differs)
