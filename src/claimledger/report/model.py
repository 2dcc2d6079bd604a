"""The briefing model: one set of frozen records that every rendering reads (Markdown, HTML, the
terminal summary, the web app).

The records are pure data: strings, numbers and tuples, dates as ISO strings, untrusted text
exactly as it came from the articles (renderers escape it). Nothing here formats for a medium,
except the numbers panel's ``display`` strings ("≥3,000", "2×6,000"), which are the figure
itself written the way an analyst writes it.

::

    Briefing
    ├── documents: DocumentRow…          what was read
    ├── judgements: Judgement…           every proposition, ranked (credibility, then origins)
    │   └── evidence: Evidence…          the claims behind it, one per document mention
    ├── numbers: NumbersRow…             per counted thing: NumberEntry (who says how many, when)
    ├── contested: ContestedPair…        contradicts / differs, side by side
    ├── denials: Judgement…              denied or declined, with nothing paired yet
    ├── changes: Change…                 updates: an earlier report and the later one revising it
    ├── timeline: TimelinePoint…         who said what when (and reported events)
    ├── graph: SourceGraph               origins -> relays (via) -> outlets
    └── sources: SourceRow…              every source with its reliability

:func:`build_briefing` makes one from a ledger dict (``report.ledger.build_ledger``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "Briefing",
    "Change",
    "ContestedPair",
    "Counts",
    "DocumentRow",
    "Evidence",
    "GraphEdge",
    "GraphNode",
    "Judgement",
    "NumberEntry",
    "NumbersRow",
    "RelationRef",
    "SourceGraph",
    "SourceRow",
    "TimelinePoint",
    "build_briefing",
]

Precision = Literal["day", "week", "month", "season", "quarter", "year"]
NodeRole = Literal["origin", "relay", "outlet"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    """One document the briefing covers."""

    id: str
    outlet: str | None
    title: str | None
    published: str | None
    """YYYY-MM-DD or None."""
    url: str | None
    """As given (untrusted: renderers link only http(s))."""
    story_id: str
    claims: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One claim behind a proposition: who said it, through whom, where and when."""

    claim_id: str
    document_id: str
    outlet: str | None
    url: str | None
    published: str | None
    said_on: str | None
    """TIMEX3 value of when it was said (a day, week, month...), else None."""
    source_id: str | None
    source: str | None
    """Canonical source name; None when the outlet says it in its own voice."""
    via: tuple[str, ...]
    """Names of the intermediaries, nearest to the source first."""
    stance: str
    hedges: tuple[str, ...]
    text: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationRef:
    """A relation seen from one proposition."""

    kind: str
    """contradicts, differs, updates or supports."""
    other_id: str
    other_label: str
    outgoing: bool
    """True when this proposition is the relation's ``from``."""
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    """A proposition as the briefing presents it, with its Admiralty rating."""

    rank: int
    """1 = first key judgement."""
    proposition_id: str
    label: str
    reliability: str
    """A-F: the best reliability among its origin sources (F = cannot be judged)."""
    credibility: int
    """1-6, as assessed."""
    rating: str
    """Admiralty code, reliability letter then credibility digit: "B2"."""
    reliability_text: str
    credibility_text: str
    independent_origins: int
    outlets: int
    origins: tuple[str, ...]
    """Names of the origin sources."""
    first_reported: str | None
    stance: str
    """The stance most of its claims take (asserts, denies, declines)."""
    hedged: bool
    """True when any of its claims is hedged."""
    reason: str
    """Why the claims were grouped and how credibility was reached (the proposition's explanation)."""
    evidence: tuple[Evidence, ...]
    relations: tuple[RelationRef, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberEntry:
    """One figure for a counted thing: who says how many, when."""

    display: str
    """The figure as written in the panel: "12,000", "≥3,000", "~2,000", "2×6,000", "3,000–5,000",
    "several thousand"."""
    qualifier: str
    value: float | None
    """Best estimate (for ranges the midpoint; for vague figures the low bound)."""
    low: float | None
    high: float | None
    unit: str
    """The counted thing as the article names it (singular lemma)."""
    source: str
    """Who says it ("Volodymyr Zelensky"; "Newsweek (own reporting)")."""
    source_id: str | None
    via: tuple[str, ...]
    date: str | None
    """Earliest ``said_on`` of the claims giving this figure (TIMEX3 value)."""
    outlets: tuple[str, ...]
    stance: str
    hedged: bool
    texts: tuple[str, ...]
    """The quantity phrases as they appear ("two brigades of 6,000 personnel each")."""
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NumbersRow:
    """All figures given for one counted thing (a class of units: troop = soldier = personnel)."""

    thing: str
    """Display name of the counted thing, plural ("troops")."""
    units: tuple[str, ...]
    """The unit lemmas found in this row."""
    entries: tuple[NumberEntry, ...]
    differs: bool
    """True when fusion found figures in this row that differ (a ``differs`` relation between two of
    the entries' propositions)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ContestedPair:
    """Two propositions side by side: one contradicts or differs from the other."""

    kind: str
    """contradicts or differs."""
    left: Judgement
    """For contradicts: the one asserting; otherwise the earlier."""
    right: Judgement
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """A later report revising an earlier one (an ``updates`` relation)."""

    earlier: Judgement
    later: Judgement
    earlier_date: str | None
    later_date: str | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelinePoint:
    """Who said what when (kind = the stance), or when a reported event happened (kind = event)."""

    date: str
    """TIMEX3 value as found ("2024-10-24", "2024-W42", "2024-04")."""
    start: str
    """First day it covers (YYYY-MM-DD)."""
    end: str
    """Last day it covers (YYYY-MM-DD); = start for a day."""
    precision: Precision
    lane: str
    """Who: the source name, "<outlet> (own reporting)", or "reported events"."""
    kind: str
    """asserts, denies, declines, or event."""
    proposition_id: str
    summary: str
    credibility: int
    outlets: tuple[str, ...]
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphNode:
    id: str
    """"origin:<source id>", "relay:<source id>", "outlet:<outlet name>" or "origin:*" (the rest)."""
    label: str
    role: NodeRole
    kind: str
    """The source's kind (person, organization, anonymous, outlet...); "outlet" for outlets."""
    reliability: str | None
    claims: int
    """Claims passing through this node."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphEdge:
    source: str
    """Node id the claims come from."""
    target: str
    """Node id they pass to."""
    claims: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceGraph:
    """Origins -> relays (via) -> outlets, weighted by the claims that travel each edge."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    folded: int
    """Origins folded into the "origin:*" node (0 when all are shown)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    """A source with its reliability and what it contributed."""

    id: str
    name: str
    kind: str
    affiliation: str | None
    country: str | None
    reliability: str
    reliability_text: str
    claims: int
    """Claims it is the source of."""
    relayed: int
    """Claims it passed on as an intermediary (via)."""
    propositions: int
    outlets: tuple[str, ...]
    first_said: str | None
    last_said: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """How much the briefing covers."""

    documents: int
    claims: int
    propositions: int
    sources: int
    relations: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """Everything a briefing shows, in display order. Same ledger in, same briefing out."""

    title: str
    story_id: str | None
    generated_at: str | None
    """The ledger's generation time: the one value that changes between identical runs."""
    period_start: str | None
    period_end: str | None
    """First and last publication dates of the documents."""
    counts: Counts
    documents: tuple[DocumentRow, ...]
    key_judgements: tuple[Judgement, ...]
    """The first judgements (see ``build.KEY_JUDGEMENTS``)."""
    judgements: tuple[Judgement, ...]
    """All propositions, ranked."""
    numbers: tuple[NumbersRow, ...]
    contested: tuple[ContestedPair, ...]
    denials: tuple[Judgement, ...]
    changes: tuple[Change, ...]
    timeline: tuple[TimelinePoint, ...]
    graph: SourceGraph
    sources: tuple[SourceRow, ...]


def build_briefing(ledger: dict[str, Any], *, story_id: str | None = None) -> Briefing:
    """The briefing of one story of ``ledger`` (all of it when ``story_id`` is None)."""
    from .build import assemble  # the builders import the records above

    return assemble(ledger, story_id=story_id)
