"""Article text with spans highlighted, as escaped HTML.

The text is cut at every mark's start and end; each piece is escaped (``markupsafe.escape``) and
wrapped in one ``<span>`` whose classes name every mark covering it (so overlapping and nested
marks need no nesting of tags). Class names, ids and titles come from :class:`Mark` and are
escaped too; nothing from the article is ever emitted unescaped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

__all__ = ["CONTEXT_CHARS", "Mark", "claim_marks", "context_window", "document_marks", "highlight"]

CONTEXT_CHARS = 700
"""Most characters of article text shown around one claim on a proposition page: the claim's
paragraph when it is shorter (a news paragraph is one to three sentences, 200-500 characters in the
seeds), else the sentence with what fits on either side."""

_CLASS = re.compile(r"^[a-z][a-z0-9 -]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    start: int
    end: int
    """Offsets into the document's cleaned text (end exclusive)."""
    cls: str
    """CSS classes: claim, src, cue, hedge, qty, time, ent, focus."""
    claim: str | None = None
    """The claim id a claim mark belongs to (its first piece gets it as ``id``, for links)."""
    title: str | None = None
    """Hover text (escaped)."""


def _span(rec: Mapping[str, Any] | None) -> tuple[int, int] | None:
    if not rec:
        return None
    s = rec.get("span")
    if not s or len(s) != 2:
        return None
    return int(s[0]), int(s[1])


def _qty_title(q: Mapping[str, Any]) -> str:
    lo, hi = q.get("low"), q.get("high")
    rng = f"[{'' if lo is None else f'{lo:,.0f}'}, {'∞' if hi is None else f'{hi:,.0f}'}]"
    return f"quantity: {q.get('qualifier', '')} {rng} {q.get('unit') or ''}".strip()


def claim_marks(c: Mapping[str, Any], *, focus: bool = False, anchor: bool = True) -> list[Mark]:
    """The marks of one claim: the claim, its source mention, cue, hedges, quantities, times, entities."""
    span = _span(c)
    out: list[Mark] = []
    if span:
        cls = "claim" + (" focus" if focus else "") + (" rejected" if (c.get("review") or {}).get("status")
                                                        == "rejected" else "")
        out.append(Mark(start=span[0], end=span[1], cls=cls, claim=c["id"] if anchor else None,
                        title=f"claim ({c.get('stance', 'asserts')})"))
    for key, cls, title in (("source_mention", "src", "source"), ("cue", "cue", "attribution cue")):
        s = _span(c.get(key))
        if s:
            out.append(Mark(start=s[0], end=s[1], cls=cls, title=title))
    for h in c.get("hedge_cues") or []:
        s = _span(h)
        if s:
            out.append(Mark(start=s[0], end=s[1], cls="hedge", title=f"hedge: {h.get('cue', '')}"))
    out.extend(_extract_marks(c))
    return out


def _extract_marks(rec: Mapping[str, Any]) -> list[Mark]:
    out: list[Mark] = []
    for q in rec.get("quantities") or []:
        s = _span(q)
        if s:
            out.append(Mark(start=s[0], end=s[1], cls="qty", title=_qty_title(q)))
    for t in rec.get("times") or []:
        s = _span(t)
        if s:
            out.append(Mark(start=s[0], end=s[1], cls="time", title=f"time: {t.get('value') or 'unresolved'}"))
    for e in rec.get("entities") or []:
        s = _span(e)
        if s:
            out.append(Mark(start=s[0], end=s[1], cls="ent",
                            title=f"{e.get('label', '')}: {e.get('canonical') or e.get('text', '')}"))
    return out


def document_marks(doc: Mapping[str, Any], claims: Iterable[Mapping[str, Any]], extraction: Mapping[str, Any], *,
                   focus: str | None = None) -> list[Mark]:
    """Every claim (with its parts) and every quantity, time and entity found in the document."""
    marks: list[Mark] = []
    for c in claims:
        marks.extend(m for m in claim_marks(c, focus=c["id"] == focus) if m.cls.startswith(("claim", "src", "cue",
                                                                                             "hedge")))
    seen: set[tuple[int, int, str]] = set()
    for m in _extract_marks({"quantities": doc.get("quantities") or extraction.get("quantities"),
                             "times": doc.get("times") or extraction.get("times"),
                             "entities": extraction.get("entities")}):
        if (m.start, m.end, m.cls) not in seen:
            seen.add((m.start, m.end, m.cls))
            marks.append(m)
    for c in claims:  # entities found only inside claims (document lists may be missing)
        for m in _extract_marks(c):
            if (m.start, m.end, m.cls) not in seen:
                seen.add((m.start, m.end, m.cls))
                marks.append(m)
    return marks


def context_window(text: str, start: int, end: int, *, limit: int = CONTEXT_CHARS) -> tuple[int, int]:
    """The paragraph around [start, end) of ``text``, cut to ``limit`` characters around the span."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    if b - a <= limit:
        return a, b
    room = max(0, limit - (end - start)) // 2
    a2, b2 = max(a, start - room), min(b, end + room)
    if a2 > a:
        sp = text.find(" ", a2, start)
        a2 = sp + 1 if sp >= 0 else a2
    if b2 < b:
        sp = text.rfind(" ", end, b2)
        b2 = sp if sp >= 0 else b2
    return a2, b2


def highlight(text: str, marks: Sequence[Mark], *, offset: int = 0) -> Markup:
    """``text`` (the document text from ``offset`` on) with ``marks`` (document offsets) as spans."""
    n = len(text)
    local = [(max(0, m.start - offset), min(n, m.end - offset), m) for m in marks]
    local = [(a, b, m) for a, b, m in local if a < b]
    points = sorted({0, n, *(a for a, _, _ in local), *(b for _, b, _ in local)})
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in itertools.pairwise(points):
        piece = str(escape(text[a:b]))
        active = [m for s, e, m in local if s <= a and e >= b]
        if not active:
            out.append(piece)
            continue
        classes = sorted({c for m in active for c in m.cls.split() if _CLASS.match(c)})
        attrs = f' class="{escape(" ".join(classes))}"'
        claims = sorted({m.claim for m in active if m.claim})
        if claims:
            attrs += f' data-claims="{escape(" ".join(claims))}"'
            first = [c for c in claims if c not in anchored]
            if first:
                attrs += f' id="{escape(first[0])}"'
                anchored.add(first[0])
        titles = list(dict.fromkeys(m.title for m in active if m.title))
        if titles:
            attrs += f' title="{escape("; ".join(titles))}"'
        out.append(f"<span{attrs}>{piece}</span>")
    return Markup("".join(out))
