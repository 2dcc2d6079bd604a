"""Source mentions -> canonical sources, within one document.

``SourceTracker.resolve(head)`` takes the head token of a source noun phrase ("Peskov",
"official", "he", "Kremlin") and returns the document's canonical source for it:

1. pronouns: he/she -> by centering, the person subject of the sentence's main clause before it,
   else of the previous sentence, else the nearest preceding person, never one the text marks as
   of the other gender (Mr./Mrs./Ms.);
   it -> organisation; they/we -> any;
2. seats and capitals of government and country names -> that country's government
   ("the Kremlin", "Moscow said", "Ukraine claims");
3. registry aliases ("Ukraine's defense intelligence agency" -> Defence Intelligence of Ukraine);
4. people: titles kept as affiliation ("Kremlin spokesman" -> Kremlin, RU); a short name is the
   most recent full name containing it (with a courtesy title, the one of its gender when the text
   marks it: "Mr. Clinton" after Mrs. Hillary Clinton and Bill Clinton); transliteration variants meet;
5. anonymous descriptions ("a Ukrainian military intelligence official" -> anonymous,
   affiliation "Ukrainian military intelligence"); "the official" -> the earlier one;
6. "the agency", "the statement" -> the most recent organisation (or person) source (an
   organisation described by another head noun is another body: "Police ... the ministry");
7. anything else: an organisation (ORG entity, outlet heuristics) or kind "unknown".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Source, SourceKind, Span
from .entities import PersonIndex, clean_name, person_name
from .ids import source_id
from .sources import RegistryEntry, SourceRegistry, fold, translit_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Resolution", "SourceTracker", "np_core"]

_CORE_DROP = frozenset({"appos", "relcl", "acl", "advcl", "parataxis"})
_HEAD_DROP = frozenset({"cc", "conj", "preconj"})
"""Dropped only under the head: "Moscow and Pyongyang" are two sources, "South Korean and
Ukrainian officials" one."""
_COORD_DETS = frozenset({"both", "either", "neither"})
"""Determiners of a coordination ("Both North Korea and Russia"): never part of a source's name
(closed-class English grammar words, not a lexicon)."""
_KEEP_PREPS = frozenset({"of", "in", "at", "for", "from", "with", "familiar", "close", "inside"})
_RELATIVE = frozenset({"who", "which", "that"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
DOCUMENT_WINDOW = 2
"""Sentences before a document noun ("the statement noted") in which its author may be named.  Not
swept: the seeds' "The Ukrainian statement noted" names its source two sentences back (a reporter's
sentence in between); further back a report is no longer tied to who spoke last."""
_PRONOUNS: dict[str, tuple[str, ...]] = {
    "he": ("person",), "she": ("person",), "him": ("person",), "her": ("person",),
    "it": ("organization", "outlet", "document"), "they": (), "we": (), "i": (), "them": (),
}
_GENDER = {"he": "m", "she": "f"}
"""Subject pronouns with a grammatical gender (closed-class English): resolved by centering."""
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
Quoted = Callable[[int], bool]
"""Whether a chunk character position lies inside a quotation."""


@dataclass(slots=True)
class _Known:
    id: str
    name: str
    kind: SourceKind
    affiliation: str | None
    country: str | None
    reliability: str
    aliases: set[str] = field(default_factory=set)
    head: str | None = None
    last: int = 0
    gender: str | None = None
    """"m" or "f" when the text marks it (a courtesy title: "Mr. Comey", "Mrs. Clinton")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A source mention resolved to a document source."""

    source_id: str
    kind: SourceKind
    mention: Span
    how: str
    """Which rule resolved it: pronoun, metonym, registry, person, short-name, anonymous, ..."""


def np_core(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the core of the noun phrase headed by ``head``: the head with
    its determiners, modifiers and compounds, without appositives, clauses, conjuncts, anything
    after a comma, or anything across a line break."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _CORE_DROP or (t is head and c.dep_ in _HEAD_DROP) or (
                    t is head and c.i > head.i and c.dep_ == "prep" and c.lower_ not in _KEEP_PREPS):
                continue
            keep.add(c.i)
            stack.append(c)
    doc = head.doc
    start = end = head.i
    while start - 1 in keep and "\n" not in doc[start - 1].text and doc[start - 1].text != ",":
        start -= 1
    while end + 1 in keep and "\n" not in doc[end + 1].text and doc[end + 1].text not in (",", "(", "\u2014"):
        end += 1
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _COORD_DETS):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return start, end + 1


def _names_agency(name: str, aliases: Iterable[str]) -> bool:
    """An outlet that is a news agency ("the agency" may name it): its name or an alias says so --
    for a source of the document or a registry entry not yet one."""
    return any("agency" in n.lower() or "agence" in n.lower() for n in (name, *aliases))


class SourceTracker:
    """Canonical sources of one document, built mention by mention in reading order."""

    def __init__(self, registry: SourceRegistry, persons: PersonIndex, outlet: str | None) -> None:
        self.registry = registry
        self.persons = persons
        self.outlet = outlet
        self._outlet_entry = registry.lookup(outlet) if outlet else None
        self._known: dict[str, _Known] = {}
        self._named_outlets: dict[str, tuple[RegistryEntry, int]] = {}
        self._genders: dict[str, str | None] = {}
        """translit_key of a full name -> "m"/"f" from courtesy titles in the text (None: both met)."""
        self._scanned: set[int] = set()
        """Chunk offsets whose courtesy titles are read."""
        self._full_names: list[tuple[int, str]] = []
        """(document offset, canonical name: the full name for a short one) of the PERSON entities of
        the chunks read, in order."""
        self._titled: dict[int, str] = {}
        """Document end offset of a titled surname shared by several full names -> the one its
        title's gender chose ("Mr. Clinton" -> Bill Clinton when Hillary Clinton is marked female)."""
        self._role_words: frozenset[str] | None = None
        self._pronoun_of: dict[int, _Known] = {}
        """Document offset of a resolved he/she -> whom it means (a subject pronoun continues a center)."""
        self._subject_of: dict[int, str | None] = {}
        """Document offset of a subject centering looked at -> its resolved source id."""
        """Outlets of the registry named inside a source's phrase but not speaking ("a reporter of
        the Iranian news agency, IRNA, said"): "the same agency" further on may mean them."""

    # ------------------------------------------------------------------ results
    def sources(self) -> dict[str, Source]:
        return {k.id: Source(id=k.id, name=k.name, kind=k.kind, affiliation=k.affiliation, country=k.country,
                             aliases=tuple(sorted(a for a in k.aliases if a != k.name)),
                             reliability=k.reliability)
                for k in self._known.values()}

    def kind_of(self, sid: str) -> SourceKind | None:
        k = self._known.get(sid)
        return k.kind if k else None

    def name_of(self, sid: str) -> str | None:
        k = self._known.get(sid)
        return k.name if k else None

    def is_publisher(self, sid: str) -> bool:
        """True when ``sid`` is the outlet publishing the document."""
        k = self._known.get(sid)
        if k is None or not self.outlet:
            return False
        if self._outlet_entry is not None and fold(self._outlet_entry.name) == fold(k.name):
            return True
        key = self.registry.alias_key(self.outlet)
        return any(self.registry.alias_key(a) == key for a in (k.name, *k.aliases))

    # ------------------------------------------------------------------ creation
    def _add(self, name: str, kind: SourceKind, *, mention: str, offset: int, affiliation: str | None = None,
             country: str | None = None, reliability: str = "F", head: str | None = None,
             aliases: tuple[str, ...] = ()) -> _Known:
        key_name = translit_key(name) if kind == "person" else name
        sid = source_id(kind, key_name)
        k = self._known.get(sid)
        if k is None:
            k = _Known(id=sid, name=name, kind=kind, affiliation=affiliation, country=country,
                       reliability=reliability, head=head)
            self._known[sid] = k
        k.affiliation = k.affiliation or affiliation
        k.country = k.country or country
        k.aliases.update(a for a in (mention, *aliases) if a)
        k.last = max(k.last, offset)
        return k

    def _from_entry(self, e: RegistryEntry, *, mention: str, offset: int) -> _Known:
        return self._add(e.name, e.kind, mention=mention, offset=offset, affiliation=e.affiliation,
                         country=e.country, reliability=e.reliability, aliases=e.aliases)

    def _recent(self, kinds: tuple[str, ...], offset: int, head: str | None = None,
                gender: str | None = None, *, or_named: bool = False) -> _Known | None:
        """The source of ``kinds`` named last at or before ``offset``; with ``head``, one described by
        that head noun (``or_named``: or a named one, which "the <head>" may mean: "the Defence
        Ministry ... the ministry", not "Police ... the ministry")."""
        best: _Known | None = None
        for k in self._known.values():
            if k.last > offset or (kinds and k.kind not in kinds):
                continue
            if head is not None and k.head != head and not (or_named and k.head is None):
                continue
            if gender is not None and self._gender_of(k) not in (None, gender):
                continue
            if best is None or k.last > best.last:
                best = k
        return best

    def touch(self, sid: str, pos: int) -> None:
        """``sid`` speaks again at document offset ``pos`` without being named (a quotation that
        continues its speaker): it stays the most recent source ("... / 'C2.' / The letter
        continues: ..." -- the letter is that speaker's)."""
        k = self._known.get(sid)
        if k is not None:
            k.last = max(k.last, pos)

    # ------------------------------------------------------------------ gender and centering
    def _read_titles(self, doc: Doc, offset: int) -> None:
        """Note the gender courtesy titles give full names in a chunk ("Mrs. Clinton" -> the
        Hillary Clinton named before it): the text's own evidence, no list of first names.  A
        titled surname shared by two full names met before it ("Mr. Clinton" after Hillary and Bill
        Clinton) means the one of the title's gender, or the only one not marked as of the other
        gender, when the chunk's unambiguous titles mark one of them ("Mrs. Hillary Clinton");
        otherwise it stays undecided (the latest full name, as for any short name)."""
        if offset in self._scanned:
            return
        self._scanned.add(offset)
        for ent in doc.ents:
            name = person_name(ent, self.registry) if ent.label_ == "PERSON" else ""
            if name:
                self._full_names.append((ent.start_char + offset, self.persons.resolve(name, ent.start_char + offset)))
        male, female = self.registry.words("male_honorifics"), self.registry.words("female_honorifics")
        shared: list[tuple[str, str, int, int]] = []
        for t in doc[:-1]:
            title = fold(t.text).rstrip(".")
            g = "m" if title in male else "f" if title in female else None
            if g is None:
                continue
            j = t.i + 1
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title:
                j += 1
            if j == t.i + 1:
                continue
            name = clean_name(doc[t.i + 1:j].text)
            if not name:
                continue
            if self.persons.ambiguous(name, t.idx + offset):
                # "Mrs. Clinton" after Hillary and Bill Clinton: decided below, once the chunk's
                # other titles are read
                shared.append((name, g, t.idx + offset, doc[j - 1].idx + len(doc[j - 1].text) + offset))
                continue
            self._note_gender(self.persons.resolve(name, t.idx + offset), g)
        for name, g, at, end in shared:
            full = self._by_gender(name, g, at)
            if full is not None:
                self._titled[end] = full
                self._note_gender(full, g)

    def _note_gender(self, full: str, g: str) -> None:
        key = translit_key(full)
        if self._genders.get(key, g) != g:
            self._genders[key] = None  # "Mr. Clinton" and "Mrs. Clinton" both resolve here: no evidence
        elif key not in self._genders:
            self._genders[key] = g

    def _by_gender(self, name: str, g: str, at: int) -> str | None:
        """Of the full names containing the surname ``name`` met before ``at`` (most recent first),
        the only one the text marks as of gender ``g``, else the only one it does not mark as of
        the other gender; None when the text does not decide."""
        key = translit_key(name)
        names = list(dict.fromkeys(n for o, n in reversed(self._full_names)
                                   if o < at and key in translit_key(n).split()))
        if len(names) < 2:
            return None  # the other full name is not a PERSON entity here: not decided
        genders = [self._genders.get(translit_key(n)) for n in names]
        same = [n for n, x in zip(names, genders, strict=True) if x == g]
        if len(same) == 1:
            return same[0]
        open_ = [n for n, x in zip(names, genders, strict=True) if x in (None, g)]
        return open_[0] if len(open_) == 1 else None

    def _full(self, name: str, at: int, end: int) -> str:
        """The full name a short ``name`` at document offset ``at`` (ending at ``end``) means: the one
        its courtesy title chose (``_read_titles``), else the latest full name containing it."""
        return self._titled.get(end) or self.persons.resolve(name, at)

    def _gender_of(self, k: _Known) -> str | None:
        if k.kind != "person":
            return None
        return k.gender or self._genders.get(translit_key(k.name))

    def _subject_person(self, sent: SpacySpan, before: int, offset: int, gender: str,
                        quoted: Quoted | None, cue: Token | None = None) -> _Known | None:
        """The person who is the subject of the main clause of ``sent`` (tokens before ``before``,
        outside quotations and outside what ``cue`` -- the pronoun's own verb -- reports: "Governor
        Reed is lying, she said" is about Reed, said by someone else): the shallowest subject in the
        parse; None when that subject is no single person or is of the other gender."""
        subjects = [t for t in sent if t.i < before and t.dep_ in _SUBJECT_DEPS
                    and not (quoted is not None and quoted(t.idx))
                    and not (cue is not None and any(a.i == cue.i for a in t.ancestors))]
        if not subjects:
            return None
        top = min(subjects, key=lambda t: sum(1 for _ in t.ancestors))
        if any(c.dep_ == "conj" for c in top.children):
            return None  # "Goodlatte and Gowdy": two people
        k: _Known | None
        if top.lower_ in _GENDER:
            k = self._pronoun_of.get(top.idx + offset)
        elif top.ent_type_ == "PERSON" or (top.i > 0 and fold(top.doc[top.i - 1].text).rstrip(".")
                                          in self.registry.words("honorifics")) or (
                top.pos_ == "PROPN" and not top.ent_type_
                and len(self.persons.resolve(top.text, top.idx + offset).split()) > 1):
            # a person's name, by the tagger, a courtesy title, or a surname of a full name met before
            # (resolved once per token: resolution reads the chunk's entities)
            at = top.idx + offset
            if at not in self._subject_of:
                res = self.resolve(top, offset=offset, quoted=quoted)
                self._subject_of[at] = res.source_id if res is not None else None
            sid = self._subject_of[at]
            k = self._known.get(sid) if sid is not None else None
        else:
            return None
        if k is None or k.kind != "person" or self._gender_of(k) not in (None, gender):
            return None
        return k

    def _centered(self, head: Token, offset: int, gender: str, quoted: Quoted | None) -> _Known | None:
        """Centering: a he/she speaking means the subject of its own sentence's main clause when
        that comes before it and is a person ("Lynch has the final say ..., and though she has said
        ..."), else the subject of the previous sentence ("Mr. Comey couched his concern ... /
        '...,' he said"), before the last person named or quoted."""
        sent = head.sent
        k = self._subject_person(sent, head.i, offset, gender, quoted, cue=head.head)
        if k is None and sent.start > 0:
            prev = head.doc[sent.start - 1].sent
            k = self._subject_person(prev, prev.end, offset, gender, quoted)
        return k

    # ------------------------------------------------------------------ resolution
    def resolve_recent_person(self, head: Token, *, offset: int = 0) -> Resolution | None:
        """A "he"/"she" no source resolves: the person named last before it in the document
        (none when the text marks that person as of the other gender)."""
        pos = head.idx + offset
        full = self.persons.latest(pos)
        if full is None:
            return None
        g = _GENDER.get(head.lower_)
        if g is not None and self._genders.get(translit_key(full)) not in (None, g):
            return None
        entry = self.registry.lookup_person(full)
        k = self._from_entry(entry, mention=full, offset=pos) if entry is not None else \
            self._add(full, "person", mention=full, offset=pos)
        mention = Span(start=pos, end=pos + len(head.text), text=head.text)
        return Resolution(source_id=k.id, kind=k.kind, mention=mention, how="pronoun-person")

    def resolve(self, head: Token, *, offset: int = 0, quoted: Quoted | None = None) -> Resolution | None:
        """Resolve the noun phrase headed by ``head`` (``offset``: chunk start in the document;
        ``quoted``: whether a chunk position is inside a quotation, for centering pronouns)."""
        doc = head.doc
        self._read_titles(doc, offset)
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.pos_ in ("PROPN", "NOUN"):
            # "Bay Financial, which said ...": the antecedent speaks; the mention stays the pronoun
            res = self.resolve(head.head.head, offset=offset)
            if res is None or head.lower_ == "that":  # "the group that said": the noun phrase is the mention
                return res
            pos = head.idx + offset
            return Resolution(source_id=res.source_id, kind=res.kind, how="relative",
                              mention=Span(start=pos, end=pos + len(head.text), text=head.text))
        start, end = np_core(head)
        span = doc[start:end]
        text = span.text
        pos = span.start_char + offset
        mention = Span(start=pos, end=span.end_char + offset, text=text)
        low = head.lower_
        k: _Known | None = None
        how = ""
        if head.pos_ == "PRON" or (low in _PRONOUNS and end - start == 1):
            gender = _GENDER.get(low)
            k = self._centered(head, offset, gender, quoted) if gender is not None else None
            if k is None:
                k = self._recent(_PRONOUNS.get(low, ()), pos, gender=gender)
            if k is None and low in ("they", "them", "we"):
                k = self._recent((), pos)
            how = "pronoun"
            if k is None:
                return None
            k.last = pos
            if gender is not None:
                self._pronoun_of[pos] = k
            return Resolution(source_id=k.id, kind=k.kind, mention=mention, how=how)
        name = clean_name(text)
        country = self.registry.metonym(name, agentive=True) or self.registry.country(name)
        if country is not None:
            e = country.government_entry()
            k, how = self._from_entry(e, mention=name, offset=pos), "metonym"
        if k is None:
            entry = self.registry.lookup(name)
            if entry is None and head.ent_type_ in ("ORG", "GPE", "PERSON"):
                ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
                entry = self.registry.lookup(ent.text) if ent is not None else None
            if entry is not None:
                k, how = self._from_entry(entry, mention=name, offset=pos), "registry"
        if k is None:
            k, how = self._person(span, head, pos)
        if k is None and head.pos_ != "PROPN":
            k, how = self._appositive_person(head, pos)
        if k is None:
            k, how = self._descriptive(span, head, pos)
        k.last = pos
        self._note_outlets(head, offset, k)
        return Resolution(source_id=k.id, kind=k.kind, mention=mention, how=how)

    def _phrase_bodies(self, head: Token) -> Iterator[tuple[SpacySpan, RegistryEntry]]:
        """The registry's bodies (ORG entities) named in the noun phrase of ``head`` itself, its
        appositives and its 'of'/'for'/'at' phrases -- not in a clause on it ("a witness who spoke to
        Reuters", "a diplomat, speaking to CNN": Reuters and CNN are no affiliation), walking the
        tokens (doc.ents is rebuilt on every access)."""
        doc = head.doc
        start, end = np_core(head)
        ranges = [(start, end - 1)] + [
            (c.left_edge.i, c.right_edge.i) for c in head.children
            if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "at"))]
        for lo, hi in ranges:
            yield from self._bodies_in(doc, lo, hi)

    def _bodies_in(self, doc: Doc, lo: int, hi: int) -> Iterator[tuple[SpacySpan, RegistryEntry]]:
        i = lo
        while i <= hi:
            if doc[i].ent_iob_ != "B" or doc[i].ent_type_ != "ORG":
                i += 1
                continue
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            ent = doc[i:j]
            i = j
            e = self.registry.lookup(ent.text) if ent.end - 1 <= hi else None
            if e is not None:
                yield ent, e

    def _note_outlets(self, head: Token, offset: int, speaker: _Known) -> None:
        """Remember the registry's outlets named inside the phrase of ``head`` other than the
        speaker itself."""
        for ent, e in self._phrase_bodies(head):
            if e.kind == "outlet" and fold(e.name) != fold(speaker.name):
                self._named_outlets[fold(e.name)] = (e, ent.start_char + offset)

    def _recent_agency(self, pos: int) -> _Known | None:
        """The news agency named last before ``pos``: an outlet source already, or one named inside
        another source's phrase (made a source only now, when it is the one meant)."""
        known = self._recent(("outlet",), pos)
        known = known if known is not None and _names_agency(known.name, known.aliases) else None
        named = max((v for v in self._named_outlets.values() if v[1] <= pos and _names_agency(v[0].name, v[0].aliases)),
                    key=lambda v: v[1], default=None)
        if named is not None and (known is None or named[1] > known.last):
            return self._from_entry(named[0], mention=named[0].name, offset=named[1])
        return known

    def _near(self, k: _Known, head: Token, offset: int) -> bool:
        """``k`` was last named in the sentence of ``head`` or in one of the ``DOCUMENT_WINDOW``
        sentences before it."""
        sent = head.sent
        for _ in range(DOCUMENT_WINDOW):
            if sent.start == 0:
                break
            sent = head.doc[sent.start - 1].sent
        return k.last >= sent.start_char + offset

    def _person(self, span: object, head: Token, pos: int) -> tuple[_Known | None, str]:
        from spacy.tokens import Span as SpacySpan

        assert isinstance(span, SpacySpan)
        off = pos - span.start_char  # the chunk's offset in the document: PersonIndex holds document offsets
        # a name after the head belongs to a phrase on it ("Attorneys for Clinton", "a lawyer for
        # Smith"): the head speaks, not the person named
        ents = [e for e in span.ents if e.label_ == "PERSON" and e.start <= head.i]
        if not ents:
            titled = self._titled_name(span, head, pos)
            if titled is not None:
                return titled, "person"
            # a surname NER missed ("Landsbergis remarked") that names a person met earlier
            if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "NORP"):
                return None, ""
            full = self._full(head.text, head.idx + off, head.idx + len(head.text) + off)
            if full == head.text or len(full.split()) < 2:
                return None, ""
            return self._add(full, "person", mention=head.text, offset=pos), "short-name"
        ent = ents[-1]
        name = person_name(ent, self.registry)
        if not name:
            return None, ""
        self.persons.add(ent.start_char + off, name)
        full = self._full(name, ent.start_char + off, ent.end_char + off)
        how = "short-name" if full != name and len(name.split()) == 1 else "person"
        entry = self.registry.lookup_person(full)
        title = span[: ent.start - span.start]
        affiliation, country = self._title_affiliation(title)
        app_aff, app_country = self._appositive_affiliation(head)
        affiliation = affiliation or app_aff
        country = country or app_country
        roles = self._roles()
        # a role before the name, or a bare speaking role as its appositive ("Mr. Miller, a spokesman,
        # said"; not "John Smith, an analyst": an analyst speaks for no one named before)
        speaking = self.registry.words("speaking_roles")
        appositive_role = any(c.dep_ == "appos" and fold(c.text) in speaking and c.ent_type_ == ""
                              for c in head.children)
        if affiliation is None and (any(fold(t.text) in roles for t in title) or fold(ent[0].text) in roles
                                    or appositive_role):
            # "Spokesperson Matthew Miller" after "The State Department said": a bare role speaks
            # for the organisation that spoke last (so fusion can group one government's officials)
            org = self._recent(("organization",), pos)
            if org is not None:
                affiliation, country = org.name, country or org.country
        if entry is not None:
            k = self._from_entry(entry, mention=name, offset=pos)
            if k.affiliation is None:
                k.affiliation = affiliation
            if k.country is None:
                k.country = country
            return k, how
        return self._add(full, "person", mention=name, offset=pos, affiliation=affiliation,
                         country=country), how

    def _roles(self) -> frozenset[str]:
        """Role words, less courtesy titles: "Mrs. Clinton" speaks for no organisation named before
        her, "Spokesperson Matthew Miller" does."""
        if self._role_words is None:
            honorifics = self.registry.words("honorifics")
            self._role_words = frozenset(r for r in self.registry.words("roles") if r.rstrip(".") not in honorifics)
        return self._role_words

    def _titled_name(self, span: SpacySpan, head: Token, pos: int) -> _Known | None:
        """'Island governor Farhad Rostami told AFP': a role word right before two to four
        capitalised proper nouns ending the phrase is a title and a personal name, even when NER
        tags the name as something else (foreign names are often tagged FAC, ORG or NORP); so are
        a courtesy title before a surname ("Mr Rostami") and a name whose appositive is a role
        ("Farhad Rostami, Governor of Kish island, said")."""
        if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "NORP") or head.i != span.end - 1:
            return None
        roles = self.registry.words("roles")
        honorifics = self.registry.words("honorifics")
        doc = span.doc
        k = head.i
        # the name: capitalised proper nouns back to a courtesy title or a role ("Governor" is
        # tagged PROPN too)
        while k - 1 >= span.start and doc[k - 1].pos_ == "PROPN" and doc[k - 1].is_title \
                and fold(doc[k - 1].text).rstrip(".") not in honorifics and fold(doc[k - 1].text) not in roles \
                and not (doc[k - 1].ent_type_ == "NORP" and doc[k].ent_iob_ != "I"):
            k -= 1  # (a NORP word of its own before the name is a party or nationality, a title)
        run = doc[k:head.i + 1]
        title = doc[k - 1] if k > span.start else None
        honorific = title is not None and fold(title.text).rstrip(".") in honorifics
        if not 1 <= len(run) <= 4 or not all(t.is_alpha and t.is_title for t in run):
            return None
        if honorific:
            pass  # "Mr Alishbandi", "Dr. Rahimi": a person, even by one name
        elif len(run) < 2:
            return None
        elif title is None:
            # "Heydar Alishbandi, Governor of Qeshm island, said": the name's appositive is a role
            if k != span.start or not any(c.dep_ == "appos" and fold(c.lemma_) in roles for c in head.children):
                return None
        elif title.pos_ not in ("NOUN", "PROPN") or (fold(title.text) not in roles and title.ent_type_ != "NORP"):
            return None  # (a party or nationality before a name is a title too: "Democrat Elijah Cummings")
        if any(fold(t.text) in roles for t in run) or self.registry.lookup(run.text) is not None:
            return None
        name = clean_name(run.text)
        if not name:
            return None
        at = run.start_char + pos - span.start_char  # a document offset (``pos``: the phrase's)
        self.persons.add(at, name)
        # "Mr Alishbandi" -> the full name met before
        name = self._full(name, at, run.end_char + pos - span.start_char)
        affiliation, country = self._title_affiliation(doc[span.start:k - 1 if honorific else k])
        if affiliation is None:
            affiliation, country = self._appositive_affiliation(head)
        return self._add(name, "person", mention=name, offset=pos, affiliation=affiliation, country=country)

    def _appositive_person(self, head: Token, pos: int) -> tuple[_Known | None, str]:
        """'The head of the free-trade zone, Ali Rezapour, said': a description whose appositive is
        a person's name speaks as that person; a capitalised "of X" in the description is the
        affiliation ("the head of Qeshm's Red Crescent, X" -> Red Crescent)."""
        # the parser hangs the name on the description's head or on its last noun ("the head of
        # the emergency service, Massoud Dalman": appositive of "service")
        reg = self.registry
        persons = (reg.words("roles") | reg.words("anonymous_heads") | reg.words("person_nouns")) \
            - reg.words("organisation_heads")
        nouns = [head]
        for _ in range(2):
            nxt = next((g for p in nouns[-1].children if p.dep_ == "prep" and p.lower_ in ("of", "for", "at")
                        for g in p.children if g.dep_ == "pobj"), None)
            if nxt is None:
                break
            if fold(nxt.text) in persons or nxt.lemma_.lower() in persons or nxt.ent_type_ == "PERSON":
                # "a lawyer for the suspect, X", "the spokesman for the president, X": X may be
                # either person; the description stays the source
                return None, ""
            nouns.append(nxt)
        for c in (c for n in nouns for c in n.rights):
            if c.dep_ != "appos" or c.ent_type_ != "PERSON" or head.doc[c.left_edge.i - 1].text != ",":
                continue
            ent = next((e for e in head.doc.ents if e.start <= c.i < e.end and e.label_ == "PERSON"), None)
            if ent is None:
                continue
            k = self._person(ent, c, pos)[0]
            if k is None:
                continue
            if k.affiliation is None:
                target = next((g for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "for", "at")
                               for g in p.children if g.dep_ == "pobj"), None)
                if target is not None:
                    s, e = np_core(target)
                    text = clean_name(head.doc[s:e].text)
                    entry = self.registry.lookup(text)
                    k.affiliation = entry.name if entry is not None else (text if text[:1].isupper() else None)
            return k, "appositive-person"
        return None, ""

    def _title_affiliation(self, title: object) -> tuple[str | None, str | None]:
        from spacy.tokens import Span as SpacySpan

        assert isinstance(title, SpacySpan)
        roles = self.registry.words("roles")
        words = [t.text for t in title if not t.is_punct and fold(t.text) not in roles]
        while words and fold(words[-1]) in ("defense", "defence", "foreign", "interior", "deputy", "prime"):
            words.pop()
        if not words:
            return None, None
        text = clean_name(" ".join(words))
        entry = self.registry.lookup(text)
        if entry is not None:
            return entry.name, entry.country
        country = self.registry.demonym_country(words)
        if country is not None and self.registry.country(text) is not None:
            return country.government, country.code
        return (text if text[:1].isupper() else None), (country.code if country else None)

    def _appositive_affiliation(self, head: Token) -> tuple[str | None, str | None]:
        for c in head.rights:
            if c.dep_ != "appos":
                continue
            target: Token | None = None
            for g in c.subtree:
                if g.dep_ == "pobj" and g.head.lower_ in ("of", "for", "at", "with") and g.head.head == c:
                    target = g
                    break
            if target is None:
                target = next((g for g in c.children if g.dep_ == "poss"), None)
            if target is None:
                continue
            s, e = np_core(target)
            text = clean_name(head.doc[s:e].text)
            entry = self.registry.lookup(text)
            if entry is not None:
                return entry.name, entry.country
            country = self.registry.demonym_country(text.split())
            return text, (country.code if country else None)
        return None, None

    def _descriptive(self, span: object, head: Token, pos: int) -> tuple[_Known, str]:
        from spacy.tokens import Span as SpacySpan

        assert isinstance(span, SpacySpan)
        reg = self.registry
        lemma = head.lemma_.lower()
        first = fold(span[0].text)
        definite = first in _DEFINITE
        has_proper = any(t.pos_ == "PROPN" and t.i != head.i for t in span) or head.pos_ == "PROPN"
        if lemma in reg.words("document_heads") and head.pos_ != "PROPN":
            # "the statement said" speaks for a source named in this sentence or the two before
            # (a person only for what a person issues); else it stays itself ("The report said"
            # after a rescuer was quoted is not the rescuer's)
            person = lemma in reg.words("person_document_heads")
            k = self._recent(("organization", "anonymous", "outlet", *(("person",) if person else ())), pos)
            if k is not None and self._near(k, head, pos - span.start_char):
                return k, "document"
        outlet_head = lemma in reg.words("outlet_heads") or head.lower_ in reg.words("outlet_heads")
        bare = all(t.i == head.i or t.dep_ == "det" for t in span)
        if outlet_head and bare and head.lower_ in reg.words("generic_outlet_heads"):
            outlet_head = False  # "informed the media": the press at large, no outlet
        if definite and bare and outlet_head:
            k = self._recent(("outlet",), pos)  # "the newspaper" after "The Times reported"
            if k is not None:
                return k, "definite-outlet"
        if definite and lemma in reg.words("organisation_heads") and not has_proper and head.tag_ != "NNS":
            # (plural: "the authorities say" are officials at large, not the body named last)
            # a body described by another head is another body ("Police said C, while the ministry
            # said D"); a named one may be it ("the Defence Ministry ... the ministry")
            k = self._recent(("organization",), pos, head=lemma, or_named=True)
            agency = self._recent_agency(pos) if lemma in reg.words("news_heads") else None
            if agency is not None and (k is None or agency.last > k.last):
                return agency, "definite-organization"  # "the agency" after "IRNA said"
            if k is not None:
                return k, "definite-organization"
        if outlet_head or (lemma in reg.words("news_heads") and any(fold(t.text) == "news" for t in span)):
            # "state television", "state-run media", "the student news agency": an outlet unnamed
            name = clean_name(span.text) or span.text
            country = reg.demonym_country(name.split())
            return self._add(name, "outlet", mention=span.text, offset=pos,
                             country=country.code if country else None, head=lemma), "outlet"
        if lemma in reg.words("anonymous_heads") and head.ent_type_ not in ("ORG", "GPE"):
            words = [t.text for t in span]
            if definite:
                k = self._recent(("anonymous",), pos, head=lemma)
                if k is not None:
                    return k, "anonymous-coreference"
            skip = reg.words("anonymity_words") | reg.words("roles")
            aff_toks = [t for t in span if t.i != head.i and fold(t.text) not in skip
                        and not t.like_num and not t.is_punct]
            while aff_toks and aff_toks[0].pos_ in ("ADP", "DET"):
                aff_toks.pop(0)  # "a reporter of the agency" -> "agency"; "of Defence" inside stays
            aff_words = [t.text for t in aff_toks]
            affiliation = clean_name(" ".join(aff_words)) or None
            country = reg.demonym_country(words)
            code = country.code if country else None
            named = next((e for _, e in self._phrase_bodies(head)), None)
            if named is not None and (affiliation is None or reg.lookup(affiliation) is None):
                # "a reporter of the Iranian news agency, IRNA": the body named in the phrase
                affiliation = named.name
                code = code or named.country
            kind: SourceKind = "organization" if lemma in reg.words("organisation_heads") else "anonymous"
            name = clean_name(span.text)
            if first in ("a", "an", "the", "some", "two", "several") or span[0].is_lower:
                name = span[0].text.lower() + span.text[len(span[0].text):]
            if affiliation is not None:
                entry = reg.lookup(affiliation)
                if entry is not None:
                    affiliation = entry.name
            return self._add(name.strip(), kind, mention=span.text, offset=pos, affiliation=affiliation,
                             country=code, head=lemma), "anonymous"
        name = clean_name(span.text) or span.text
        if head.ent_type_ == "ORG" or has_proper:
            kind = "outlet" if reg.is_outlet_name(name) else "organization"
            country = reg.demonym_country(name.split())
            return self._add(name, kind, mention=span.text, offset=pos,
                             country=country.code if country else None), kind
        return self._add(name, "unknown", mention=span.text, offset=pos, head=lemma), "unknown"

    def resolve_name(self, name: str, *, offset: int) -> Resolution:
        """Resolve a bare name (a headline source "Blinken: ..."), without a parse."""
        entry = self.registry.lookup(name) or self.registry.lookup_person(name)
        mention = Span(start=offset, end=offset + len(name), text=name)
        if entry is not None:
            k = self._from_entry(entry, mention=name, offset=offset)
            return Resolution(source_id=k.id, kind=k.kind, mention=mention, how="registry")
        full = self.persons.resolve(name, offset)
        if full != name:
            k = self._add(full, "person", mention=name, offset=offset)
            return Resolution(source_id=k.id, kind=k.kind, mention=mention, how="short-name")
        kind: SourceKind = "outlet" if self.registry.is_outlet_name(name) else "unknown"
        k = self._add(clean_name(name), kind, mention=name, offset=offset)
        return Resolution(source_id=k.id, kind=k.kind, mention=mention, how="headline")
