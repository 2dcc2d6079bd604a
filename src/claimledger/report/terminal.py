"""The terminal summary: the key judgements and the numbers panel as rich tables.

Cells are ``rich.text.Text`` built from :func:`fmt.plain` strings: article text is never read as
rich markup, and control characters (terminal escape sequences) are removed."""

from __future__ import annotations

from typing import Any

from .fmt import date_label, entry_who, plain
from .model import Briefing

__all__ = ["summary_tables"]


def _cell(value: object) -> Any:
    from rich.text import Text

    return Text(plain(value))


def summary_tables(b: Briefing, *, limit: int | None = None) -> list[Any]:
    """Two rich tables: the first ``limit`` key judgements (all key judgements when None), and the numbers."""
    from rich.table import Table

    period = f"{date_label(b.period_start)} – {date_label(b.period_end)}" if b.period_start else "undated"
    judgements = b.judgements[:limit] if limit is not None else b.key_judgements
    jt = Table(title=_cell(f"{b.title}: key judgements ({period}; {b.counts.documents} documents, "
                           f"{b.counts.claims} claims)"), show_lines=False)
    for col in ("#", "rating", "origins", "outlets"):
        jt.add_column(col, justify="left" if col == "rating" else "right")
    for col in ("first", "proposition", "from"):
        jt.add_column(col, overflow="fold")
    for j in judgements:
        label = j.label + ("" if j.stance == "asserts" else f" [{j.stance}]") + (" (hedged)" if j.hedged else "")
        jt.add_row(_cell(j.rank), _cell(j.rating), _cell(j.independent_origins), _cell(j.outlets),
                   _cell(date_label(j.first_reported, year=False)), _cell(label), _cell(", ".join(j.origins)))
    nt = Table(title=_cell("Numbers: who says how many, when"), show_lines=False)
    nt.add_column("counted thing")
    nt.add_column("figures", overflow="fold")
    for r in b.numbers:
        figures = " · ".join(f"{e.display} ({entry_who(e)}{'; ' + e.stance if e.stance != 'asserts' else ''})"
                             for e in r.entries)
        nt.add_row(_cell(r.thing + (" (differ)" if r.differs else "")), _cell(figures))
    return [jt, nt]
