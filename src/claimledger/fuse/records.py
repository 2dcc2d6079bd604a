"""What fusion reads and writes.

Fusion is a pure function of the stored documents, sources and claims: the store hands it these
records (built from what it holds), fusion returns a :class:`Fusion`, and the store writes it back.
The same records in any order give the same :class:`Fusion` (ids included).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["FuseClaim", "FuseDocument", "FuseSource", "Fusion", "Proposition", "Relation", "TimelineEntry"]

RelationKind = Literal["contradicts", "supports", "updates", "differs"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseDocument:
    id: str
    outlet: str | None
    published: str | None
    """YYYY-MM-DD or None."""
    title: str | None
    text: str
    """Cleaned text (claim spans point into it)."""
    duplicate_of: str | None
    """The earlier near-duplicate document (syndicated copy), if any."""
    entities: tuple[str, ...]
    """Canonical names of the entities found in the document (with repeats, in text order)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseSource:
    id: str
    name: str
    kind: str
    affiliation: str | None
    country: str | None
    aliases: tuple[str, ...]
    reliability: str
    """A-F (F = cannot be judged)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseClaim:
    id: str
    document_id: str
    start: int
    end: int
    text: str
    source_id: str | None
    via: tuple[str, ...]
    stance: str
    hedged: bool
    hedges: tuple[str, ...]
    said_on: str | None
    record: Mapping[str, Any]
    """The claim's full export record (quantities, times, entities, cue, ...), read-only."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposition:
    id: str
    """Stable: derived from its canonical member claim (the earliest by said_on/published, then id)."""
    label: str
    claim_ids: tuple[str, ...]
    story_id: str | None
    outlets: int
    independent_origins: int
    origin_source_ids: tuple[str, ...]
    """Ids of the origin sources; outlet-voice origins are represented by an outlet source id."""
    credibility: int
    """Admiralty information credibility 1-6."""
    first_reported: str | None
    explanation: str
    """Why these claims were grouped and how credibility was reached."""
    merge_reasons: Mapping[str, str]
    """claim id -> why it joined (or why it stands alone)."""
    corroboration: tuple[tuple[str, str], ...] = ()
    """Pairs of member claims (ids, in order) by which one origin confirms another: per two origins,
    their best pair from two documents scoring at least ``corroboration_min``, or the claims an
    analyst merged (``fuse/corroboration.py``).  Credibility 1 and 2 need two origins linked so."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    from_id: str
    to_id: str
    kind: RelationKind
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    date: str
    """TIMEX3-style date of day, month or year precision."""
    proposition_id: str
    kind: Literal["said", "event"]
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Fusion:
    stories: Mapping[str, str]
    """document id -> story id."""
    story_titles: Mapping[str, str]
    propositions: tuple[Proposition, ...]
    relations: tuple[Relation, ...]
    timeline: tuple[TimelineEntry, ...]
    extra_sources: tuple[FuseSource, ...] = ()
    """Sources fusion introduced (e.g. an outlet as the origin of outlet-voice claims)."""
    story_topics: Mapping[str, str] = field(default_factory=dict)
    """story id -> topic id: stories about the same kind of event (``topics.assign_topics``)."""
