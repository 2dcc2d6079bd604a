"""Terminal views of fused results: propositions, contested pairs and changes, the timeline.

Rich tables built from the report model, with every cell made of plain text (article text is
never read as rich markup; control characters are removed by :func:`fmt.plain`)."""

from __future__ import annotations

from typing import Any

from .fmt import date_label, plain
from .model import Briefing, Judgement

__all__ = ["contested_tables", "propositions_table", "timeline_table"]


def _cell(value: object) -> Any:
    from rich.text import Text

    return Text(plain(value))


def _label(j: Judgement) -> str:
    return j.label + ("" if j.stance == "asserts" else f" [{j.stance}]") + (" (hedged)" if j.hedged else "")


def propositions_table(b: Briefing, *, limit: int | None = None) -> Any:
    """Every proposition, ranked: rating, origins, outlets, claims, first reported, label, why."""
    from rich.table import Table

    t = Table(title=_cell(f"{b.title}: {len(b.judgements)} propositions"))
    for col in ("#", "id", "rating", "origins", "outlets", "claims", "first"):
        t.add_column(col)
    t.add_column("proposition", overflow="fold")
    t.add_column("origin sources", overflow="fold")
    for j in b.judgements[:limit]:
        t.add_row(_cell(j.rank), _cell(j.proposition_id), _cell(j.rating), _cell(j.independent_origins),
                  _cell(j.outlets), _cell(len(j.evidence)), _cell(date_label(j.first_reported, year=False)),
                  _cell(_label(j)), _cell(", ".join(j.origins)))
    return t


def contested_tables(b: Briefing) -> list[Any]:
    """Contradicting or differing propositions side by side, then what changed over time."""
    from rich.table import Table

    ct = Table(title=_cell(f"Contested: {len(b.contested)} pairs"))
    for col in ("kind", "one side", "rating", "other side", "rating", "why"):
        ct.add_column(col, overflow="fold")
    for p in b.contested:
        ct.add_row(_cell(p.kind), _cell(_label(p.left)), _cell(p.left.rating), _cell(_label(p.right)),
                   _cell(p.right.rating), _cell(p.reason))
    ut = Table(title=_cell(f"What changed: {len(b.changes)} updates"))
    for col in ("earlier", "when", "later", "when", "why"):
        ut.add_column(col, overflow="fold")
    for c in b.changes:
        ut.add_row(_cell(_label(c.earlier)), _cell(date_label(c.earlier_date)), _cell(_label(c.later)),
                   _cell(date_label(c.later_date)), _cell(c.reason))
    return [ct, ut]


def timeline_table(b: Briefing) -> Any:
    """Who said what when, and when reported events happened, in date order."""
    from rich.table import Table

    t = Table(title=_cell(f"{b.title}: timeline"))
    for col in ("date", "who", "kind", "credibility"):
        t.add_column(col)
    t.add_column("what", overflow="fold")
    for p in sorted(b.timeline, key=lambda p: (p.start, p.end, p.lane, p.proposition_id)):
        t.add_row(_cell(p.date), _cell(p.lane), _cell(p.kind), _cell(p.credibility), _cell(p.summary))
    return t
