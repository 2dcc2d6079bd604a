"""Named entities with canonical names.

People: a short name ("Peskov", "Kim") takes the most recently mentioned full name in the
document that contains it (so "Kim" after "Defense Minister Kim Yong-hyun" is Kim Yong-hyun,
not Kim Jong Un), then the registry's aliases and transliteration variants ("Zelenskyy" ->
"Volodymyr Zelensky").  Organisations and places: registry aliases, country aliases ("the U.S."
-> "United States"), and seats of government ("the Kremlin" -> "Russia"; a capital only when it
acts: "Moscow said" -> "Russia", a dateline "KYIV" stays "Kyiv").
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..models import Entity
from .sources import SourceRegistry, fold, translit_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["ENTITY_LABELS", "PersonIndex", "canonical_entities", "clean_name"]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"})
"""spaCy labels kept as entities (numbers, dates and times belong to quantities and times)."""

_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "pobj"})


def clean_name(text: str) -> str:
    """A name without a leading 'the', a trailing possessive or surrounding punctuation."""
    s = text.strip().strip("\"“”‘’'.,:;()[]-–— \n")
    for suffix in ("'s", "’s", "'", "’"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    if s[:4].lower() == "the " and not s[4:5].islower():
        s = s[4:]
    return " ".join(s.split())


class PersonIndex:
    """Full personal names mentioned in a document, in order, for resolving short names."""

    def __init__(self, registry: SourceRegistry) -> None:
        self._registry = registry
        self._offsets: list[int] = []
        self._names: list[str] = []
        self._canonical: dict[str, str] = {}

    def canonical_full(self, name: str) -> str:
        """The canonical form of a full name: the registry's, else the first spelling seen."""
        key = translit_key(name)
        if key in self._canonical:
            return self._canonical[key]
        entry = self._registry.lookup_person(name)
        canon = entry.name if entry is not None else name
        self._canonical[key] = canon
        return canon

    def add(self, offset: int, name: str) -> None:
        """Record a full name (two words or more) mentioned at ``offset``."""
        if len(name.split()) < 2:
            return
        i = bisect.bisect_right(self._offsets, offset)
        self._offsets.insert(i, offset)
        self._names.insert(i, self.canonical_full(name))

    def latest(self, offset: int) -> str | None:
        """The full name mentioned last before ``offset`` (for a "he"/"she" nothing else resolves)."""
        i = bisect.bisect_left(self._offsets, offset)
        return self._names[i - 1] if i else None

    def resolve(self, name: str, offset: int) -> str:
        """The canonical full name for ``name`` as mentioned at ``offset``."""
        if len(name.split()) >= 2:
            return self.canonical_full(name)
        key = translit_key(name)
        if not key:
            return name
        i = bisect.bisect_left(self._offsets, offset)
        for j in range(i - 1, -1, -1):
            if key in translit_key(self._names[j]).split():
                return self._names[j]
        entry = self._registry.lookup_person(name)
        if entry is not None:
            return entry.name
        # a later full name (a headline or lede that names the person further down)
        for j in range(i, len(self._names)):
            if key in translit_key(self._names[j]).split():
                return self._names[j]
        return name


    def ambiguous(self, name: str, offset: int) -> bool:
        """Whether a one-word ``name`` is part of two or more different full names met before
        ``offset`` ("Clinton" after "Hillary Clinton" and "Bill Clinton")."""
        key = translit_key(name)
        if len(name.split()) != 1 or not key:
            return False
        i = bisect.bisect_left(self._offsets, offset)
        return len({n for n in self._names[:i] if key in translit_key(n).split()}) > 1


def _strip_titles(ent: Span, registry: SourceRegistry) -> str:
    roles = registry.words("roles")
    toks = list(ent)
    while len(toks) > 1 and (fold(toks[0].text) in roles or toks[0].text.endswith(".")):
        toks = toks[1:]
    return clean_name(" ".join(t.text for t in toks).replace(" - ", "-").replace(" -", "-").replace("- ", "-"))


def person_name(ent: Span, registry: SourceRegistry) -> str:
    """The personal name in a PERSON entity, titles and possessive removed."""
    text = ent.text
    start = 0
    roles = registry.words("roles")
    for t in ent:
        if fold(t.text) in roles or (t.text.endswith(".") and len(t.text) <= 5):
            start = t.idx + len(t.text) - ent.start_char
        else:
            break
    if start:
        text = text[start:]
    return clean_name(text) or _strip_titles(ent, registry)


def canonical_entities(doc: Doc, registry: SourceRegistry, persons: PersonIndex, *, offset: int = 0) -> list[Entity]:
    """Entities of ``doc`` (a chunk starting at ``offset`` in the document) with canonical names.
    Full personal names are added to ``persons`` as they are met."""
    out: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text
        start = ent.start_char + offset
        canonical = clean_name(text) or text
        label = ent.label_
        agentive = ent.root.dep_ in _AGENT_DEPS and ent.root.dep_ != "pobj"
        country = registry.metonym(text, agentive=agentive)
        if country is not None and label != "PERSON":
            canonical = country.name
        elif label == "PERSON":
            if country is not None and agentive:  # "Kyiv has said" tagged PERSON
                canonical, label = country.name, "GPE"
            else:
                name = person_name(ent, registry)
                persons.add(start, name)
                canonical = persons.resolve(name, start)
        else:
            c = registry.country(text) if label in ("GPE", "LOC") else None
            if c is not None:
                canonical = c.name
            else:
                entry = registry.lookup(text)
                if entry is not None:
                    canonical = entry.name
        out.append(Entity(start=start, end=ent.end_char + offset, text=text, label=label, canonical=canonical))
    return out
