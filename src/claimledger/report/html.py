"""The briefing as one self-contained HTML file: styles inline, charts as inline SVG, no script,
no font or image to fetch, nothing that reaches the network when the file is opened.

Templates (``templates/*.html.j2``) are rendered with autoescape on: every value from the ledger is
escaped; the only ``Markup`` inserted is our own stylesheet and the SVG from :mod:`.charts`, which
escapes what it draws. Article addresses become links only when they are plain http(s), with
``rel="noopener noreferrer"``; anything else is shown as text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .charts import KIND_STYLE, source_graph_svg, timeline_svg
from .fmt import date_label, entry_who, plain, safe_url, who_said
from .model import Briefing, ContestedPair, Judgement

__all__ = ["render_html"]

HERE = Path(__file__).resolve().parent
EVIDENCE_SHOWN = 3
"""Claims quoted under each key judgement; the rest are counted ("and 4 more"). Three keep a
judgement to a few printed lines."""


@functools.cache
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(date=date_label, safe_url=safe_url, who=who_said, entry_who=entry_who, plain=plain)
    env.globals.update(stance_word={k: v[1] for k, v in KIND_STYLE.items()}, evidence_shown=EVIDENCE_SHOWN)
    return env


@functools.cache
def _css() -> Markup:
    css = (HERE / "assets" / "briefing.css").read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))  # our file; the replace keeps it inside <style> whatever it holds


@dataclass(frozen=True, slots=True)
class _Group:
    """Contested pairs sharing their right side (one denial against several assertions)."""

    kind: str
    right: Judgement
    lefts: tuple[Judgement, ...]
    reasons: tuple[str, ...]


def _groups(pairs: tuple[ContestedPair, ...]) -> list[_Group]:
    order: dict[tuple[str, str], list[ContestedPair]] = {}
    for p in pairs:  # first appearance keeps the model's order
        order.setdefault((p.kind, p.right.proposition_id), []).append(p)
    return [_Group(kind=k, right=ps[0].right, lefts=tuple(p.left for p in ps),
                   reasons=tuple(dict.fromkeys(p.reason for p in ps if p.reason))) for (k, _), ps in order.items()]


def render_html(b: Briefing) -> str:
    """The whole briefing as one HTML document (a str; write it as UTF-8)."""
    return _env().get_template("briefing.html.j2").render(
        b=b, css=_css(), timeline_svg=timeline_svg(b.timeline, b.documents), graph_svg=source_graph_svg(b.graph),
        contested_groups=_groups(b.contested))
