"""The records that pass between stages.

Every record is a frozen dataclass (``frozen=True, slots=True, kw_only=True``).  Spans are
``start``/``end`` character offsets (Unicode code points, end exclusive) into the *cleaned* text
of the document they belong to, plus the text they cover, so a field is always one slice away
from its evidence.  No stage passes tuples or loose dicts to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "DURATION_MODS",
    "Claim",
    "CleanDocument",
    "Entity",
    "Hedge",
    "IngestFailure",
    "Predicate",
    "Quantity",
    "RawDocument",
    "Removal",
    "Segment",
    "Source",
    "SourceKind",
    "Span",
    "Stance",
    "TimeExpr",
]

Stance = Literal["asserts", "denies", "declines"]
SourceKind = Literal["person", "organization", "outlet", "anonymous", "social_media", "document", "unknown"]
Qualifier = Literal["exact", "approximate", "at_least", "at_most", "range", "vague"]
RemovalKind = Literal["boilerplate", "duplicate_passage", "other"]
DURATION_MODS = frozenset({"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"})
"""TimeML modifiers of a duration's length ("more than two weeks"): only on a DURATION."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of cleaned text."""

    start: int
    """Offset of the first character (code points into the cleaned text)."""
    end: int
    """Offset one past the last character."""
    text: str
    """The cleaned text at ``[start, end)``."""


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One article as read from its input, before cleaning."""

    source_key: str
    """Where it came from, stable across machines: a URL, or a path relative to the folder or
    manifest it was found through (a file named directly keeps its file name)."""
    text: str
    """Decoded text (main text for HTML), newlines normalised to ``\\n``, NFC-normalised."""
    input_name: str = ""
    """The input as the user named it, for error messages (path, URL, ``manifest.jsonl:3 (a.txt)``)."""
    outlet: str | None = None
    """Publishing outlet, given or read from the page."""
    published: str | None = None
    """Publication date ``YYYY-MM-DD``, given or read from the page."""
    published_inferred: bool = False
    """True when ``published`` was read from the page rather than given."""
    title: str | None = None
    url: str | None = None
    format: str = "txt"
    """How the input was read: txt, md, html, json, jsonl, url, feed."""
    encoding: str | None = None
    """The encoding the bytes were decoded from, when the input was bytes."""
    dropped: tuple[str, ...] = ()
    """Text of the input left out before cleaning (an HTML page's menus, share bars, asides):
    cleaning records each as a removal of kind ``other``, so nothing disappears silently."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestFailure:
    """An input that could not be used: the batch records it and goes on."""

    input: str
    """The input as the user named it (path, URL, ``manifest.jsonl:3``)."""
    stage: str
    """Where it failed: read, decode, parse, fetch, clean, extract, store."""
    reason: str
    """Why, in words a person can act on."""


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """A passage cleaning took out of a document: nothing disappears silently."""

    kind: RemovalKind
    """boilerplate (prompts, credits, related lists, emoji lines), duplicate_passage
    (a passage the document repeats), other."""
    rule: str
    """The pattern or rule that matched (for boilerplate, the pattern's name in the data file)."""
    text: str
    """The removed text."""
    raw_start: int
    """Offset of the removed text in the raw (decoded, normalised) text; -1 for text that was
    never part of the raw text (page chrome outside an HTML page's main text)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A kept stretch of raw text: maps cleaned offsets back to raw offsets."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanDocument:
    """A document after cleaning."""

    raw: RawDocument
    text: str
    """The cleaned text every span points into."""
    removed: tuple[Removal, ...] = ()
    segments: tuple[Segment, ...] = ()
    content_hash: str = ""
    """sha256 of the raw text: same content, same hash, whatever the encoding it came in."""


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A counted quantity as an interval: "at least 3,000 troops" -> [3000, None] at_least."""

    start: int
    end: int
    text: str
    value: float | None
    """Best single estimate (the number said; for vague quantities the low bound)."""
    low: float | None
    """Lower bound, None when open."""
    high: float | None
    """Upper bound, None when open."""
    qualifier: Qualifier
    unit: str | None
    """The counted thing as a singular lemma ('troop', 'artillery shell'); None if not found."""
    method: str = "extract.quantities.rules.v1"


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpr:
    """A time expression normalised to a TimeML (TIMEX3) value against an anchor date."""

    start: int
    end: int
    text: str
    value: str | None
    """TIMEX3 value ('2024-10-24', '2024-W41', '2024-SU', 'P3W', 'PAST_REF'); None if unresolvable."""
    type: Literal["DATE", "TIME", "DURATION", "SET"] | None = "DATE"
    mod: str | None = None
    """TimeML modifier: START, MID, END, EARLY, LATE, APPROX, BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER;
    on a duration also MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS (exported as ``duration_mod``:
    report.serialize.time_record)."""
    anchor: str | None = None
    """The date the value was resolved against (normally the publication date)."""
    role: Literal["said", "event", "other"] | None = None
    method: str = "extract.times.rules.v1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named entity with its canonical name after alias resolution."""

    start: int
    end: int
    text: str
    label: str
    """spaCy label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, ..."""
    canonical: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Hedge:
    """A cue that marks a statement as uncertain."""

    start: int
    end: int
    text: str
    cue: str
    """The canonical cue from data/en/hedges.toml ('reportedly', 'highly likely')."""
    band: str | None = None
    """ICD-203 likelihood band when the cue has one ('likely' -> 'likely: 55-80%')."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Who a claim comes from, canonicalised."""

    id: str
    """Stable id derived from the canonical name and kind."""
    name: str
    """Canonical name ('Dmitry Peskov', 'a Ukrainian military intelligence official')."""
    kind: SourceKind
    affiliation: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 of the side the source speaks for."""
    aliases: tuple[str, ...] = ()
    reliability: str = "F"
    """Admiralty source reliability A-F; F = cannot be judged (the default)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicate:
    """The main predicate of a claim's content (``extract/predicates.py``): what fusion compares
    to find a negated and a plain assertion of one thing."""

    lemmas: tuple[str, ...]
    """The predicate's lemma (with its particle, "turn over") and those of verbs coordinated with it."""
    negated: bool
    agent: str | None
    """Lemma of the subject of an active predicate, or a personal pronoun ("she"); None: none."""
    themes: tuple[str, ...]
    """Lemmas of what the predicate is about: object, passive subject, "of" after a quantifier."""
    obliques: tuple[str, ...] = ()
    """Lemmas of its prepositional objects ("to Ukraine", "in 2020"): where, when, from what."""
    modal: str | None = None
    """The modal over it ("could", "will", or "possible" in "it is possible that"): a possibility or
    a forecast, not a statement of fact."""
    start: int
    """Character span of the predicate word (evidence)."""
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One attributed statement in one document."""

    id: str
    """Stable: derived from the document's content hash and the claim's span and method."""
    document_id: str
    start: int
    end: int
    text: str
    """The content of the statement (the document text at [start, end))."""
    source_id: str | None
    """None when the outlet asserts it in its own voice."""
    source_mention: Span | None = None
    cue: Span | None = None
    via: tuple[str, ...] = ()
    """Source ids between source and outlet, nearest to the source first."""
    stance: Stance = "asserts"
    hedges: tuple[Hedge, ...] = ()
    quote: str | None = None
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    entities: tuple[Entity, ...] = ()
    said_on: str | None = None
    """When the statement was made: a 'said Tuesday' time, else the publication date."""
    method: str = "extract.attribution.rules.v1"
    sentence_start: int = 0
    """Start of the sentence(s) the claim was found in (for showing evidence in context)."""
    sentence_end: int = 0
    predicates: tuple[Predicate, ...] = ()
    """The content's main predicate and those of clauses coordinated with it, each negated or not."""
    extra: dict[str, str] = field(default_factory=dict)
    """Free-form diagnostics (why a source was resolved the way it was)."""

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)
