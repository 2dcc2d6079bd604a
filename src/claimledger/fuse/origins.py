"""Independent origins (GUIDELINES.md, "Propositions and origins").

A claim's origin is the root of its via-chain, i.e. its source, grouped by whom it speaks for:

* officials and bodies of one government speaking for it (a spokesman, a ministry, "U.S.
  officials", the Kremlin) are one origin, ``gov:<country>``;
* a body with assessments of its own (an intelligence service, an institute) is its own origin,
  and an anonymous or named member of it ("a Ukrainian military intelligence official") counts
  as that body; so does an outlet's reporter ("a reporter of the Iranian news agency, IRNA") count
  as the outlet;
* a claim in the outlet's own voice has the outlet as origin, one per outlet;
* a claim copied near-verbatim from an earlier document (shared word 4-grams, see
  ``find_copies``) is derived: it takes the origin of the claim it copies.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..datafiles import data_toml
from ..extract.ids import source_id
from .config import FusionSettings, lexicon
from .copies import pair_jaccard, shingle_sets
from .features import ClaimTable
from .records import FuseDocument, FuseSource

__all__ = ["Origins", "assign_origins", "copy_roots", "find_copies", "fold", "origin_inputs", "shingles"]

RELIABILITY_ORDER = "ABCDEF"


def fold(text: str | None) -> str:
    s = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"['\u2019]s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s.removeprefix("the ")


@functools.cache
def _countries() -> dict[str, tuple[str, frozenset[str]]]:
    """Country code -> (government source name, folded names that stand for the country)."""
    data = data_toml("metonyms.toml")
    out = {}
    for code, e in data.items():
        if isinstance(e, dict) and "government" in e:
            names = {fold(e["name"]), fold(e["government"])}
            for k in ("aliases", "demonyms", "capitals", "seats"):
                names |= {fold(a) for a in e.get(k, [])}
            out[code] = (str(e["government"]), frozenset(names))
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Origins:
    of_claim: npt.NDArray[np.int32]
    """Row -> origin index, after following copies."""
    keys: tuple[str, ...]
    source_ids: tuple[str, ...]
    """Per origin: the source that represents it (a government, a body, an outlet)."""
    names: tuple[str, ...]
    reliability: tuple[str, ...]
    """Per origin: the best rating among the sources grouped into it (A best, F unrated)."""
    copied_from: Mapping[int, int]
    """Row -> the row of the earlier claim it copies."""
    extra_sources: tuple[FuseSource, ...]


def _words(text: str | None) -> str:
    return " " + fold(text) + " "


def _has(text: str, padded_words: Sequence[str]) -> bool:
    """Does ``text`` (folded, padded with spaces) contain one of the padded folded words?"""
    return any(w in text for w in padded_words)


class _Resolver:
    def __init__(self, sources: Sequence[FuseSource]) -> None:
        self.by_id = {s.id: s for s in sources}
        self.by_name: dict[str, FuseSource] = {}
        for s in sorted(sources, key=lambda s: s.id):
            for n in (s.name, *s.aliases):
                self.by_name.setdefault(fold(n), s)
        # one name, one source: records that differ only in kind ("Paul Ryan" as a person, and as
        # an 'unknown' speaker of a headline "Paul Ryan: ...") are one origin; a known kind stands
        # for the name before 'unknown', then the lowest id
        self.named: dict[str, FuseSource] = {}
        for s in sorted(sources, key=lambda s: (s.kind == "unknown", s.id)):
            self.named.setdefault(fold(s.name), s)
        self.countries = dict(_countries())
        # countries the metonym table does not know: their government is the stored source named
        # "... government" with that country (its aliases stand for it)
        for src in sorted(sources, key=lambda s: s.id):
            if src.country and src.kind == "organization" and fold(src.name).endswith(" government"):
                gname, names = self.countries.get(src.country, (src.name, frozenset()))
                self.countries[src.country] = (gname, names | {fold(src.name)} | {fold(a) for a in src.aliases})
        self._memo: dict[str, str] = {}
        lex = lexicon()
        self.government_words = tuple(_words(w) for w in lex.government_words)
        self.separate_words = tuple(_words(w) for w in lex.separate_words)
        self.state_bodies = tuple(_words(w) for w in lex.state_bodies)
        self.known_names = frozenset(n for _, names in self.countries.values() for n in names)
        self.derived = self._derived_countries(sources)
        for code, name in self.derived.items():
            self.countries.setdefault(code, (f"{name} government", frozenset({code})))

    def _derived_countries(self, sources: Sequence[FuseSource]) -> dict[str, str]:
        """Countries the metonym table does not know, read off the sources themselves: a name or
        affiliation "X's <state body> ..." ("Sudan's foreign ministry"; relations.toml
        ``state_bodies``: bodies only a state has, so "Microsoft's president" makes no country)
        makes X a country with a government.  People are never read this way.  Folded name ->
        name as written."""
        out: dict[str, str] = {}
        for src in sorted(sources, key=lambda s: s.id):
            if src.kind in ("outlet", "person"):
                continue
            for text in (src.name, src.affiliation or ""):
                m = _POSSESSIVE.search(text.strip())
                if m is None:
                    continue
                name, rest = m.group(1), _words(m.group(2))
                code = fold(name)
                if code and code not in self.known_names and _has(rest, self.state_bodies) \
                        and not _has(rest, self.separate_words):
                    out.setdefault(code, name)
        return out

    def _derived_country(self, src: FuseSource) -> str | None:
        """The derived country (``_derived_countries``) a source speaks for: its name or affiliation
        holds "X's <government word> ...", its name is the country ("Sudan said"), or its
        affiliation is the country or its demonym ("Sudanese officials", affiliation "Sudanese")."""
        if not self.derived:
            return None
        for text in (src.name, src.affiliation or ""):
            m = _POSSESSIVE.search(text.strip())
            if m and fold(m.group(1)) in self.derived and _has(_words(m.group(2)), self.government_words):
                return fold(m.group(1))
        if fold(src.name) in self.derived:
            return fold(src.name)
        return _demonym_of(fold(src.affiliation), self.derived)

    def key(self, src: FuseSource, depth: int = 0) -> str:
        """The origin key of a source (see the module docstring), memoised per source."""
        if src.id not in self._memo:
            self._memo[src.id] = self._key(src, depth)
        return self._memo[src.id]

    def _key(self, src: FuseSource, depth: int) -> str:
        same = self.named.get(fold(src.name))
        if same is not None and same.id != src.id and depth < 2:
            return self._key(same, depth + 1)
        if src.kind == "outlet":
            return "src:" + src.id
        own = _words(src.name)
        aff = _words(src.affiliation)
        target = self.by_name.get(fold(src.affiliation)) if src.affiliation else None
        if target is not None and target.id != src.id and depth < 2:
            return self._key(target, depth + 1)
        if _has(own + aff, self.separate_words):
            return "src:" + src.id
        country = src.country
        if country and country in self.countries:
            names = self.countries[country][1]
            if (fold(src.name) in names or fold(src.affiliation) in names
                    or _has(own + aff, self.government_words)):
                return "gov:" + country
        else:
            derived = self._derived_country(src)
            if derived is not None:
                return "gov:" + derived
        return "src:" + src.id


_POSSESSIVE = re.compile(r"(?<![\w-])([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s*['\u2019]s\s+(.+)$")
"""A name followed by a possessive and what it owns: "Sudan's foreign ministry"."""

DEMONYM_SUFFIX_CHARS = 4
"""A demonym is its country's name with at most this many letters changed at the end, sharing
at least ``DEMONYM_STEM_CHARS`` letters with it: Sudan/Sudanese, Ethiopia/Ethiopian,
Yemen/Yemeni, Venezuela/Venezuelan (suffixes -n, -an, -ian, -ese, -i, -ish are 1-4 letters)."""

DEMONYM_STEM_CHARS = 4
"""Shared letters a demonym needs: short enough for Iraq/Iraqi, long enough that Iran/Iraqi
(3 shared) are not taken for each other."""


def _demonym_of(word: str, countries: Mapping[str, str]) -> str | None:
    """The country (folded) whose name ``word`` is or is the demonym of, else None; the country
    sharing the longest beginning wins (Nigerian -> Nigeria, not Niger).  A demonym is never
    shorter than its country's name, so "Niger" is not Nigeria's nor "Austrian" Australia's."""
    if not word or " " in word:
        return None
    best: tuple[int, str] | None = None
    for code in countries:
        if " " in code:
            if word == code:
                return code
            continue
        common = next((k for k, (x, y) in enumerate(zip(word, code, strict=False)) if x != y),
                      min(len(word), len(code)))
        close = (common >= DEMONYM_STEM_CHARS and len(word) >= len(code) and len(code) - common <= DEMONYM_SUFFIX_CHARS
                 and len(word) - common <= DEMONYM_SUFFIX_CHARS)
        if (word == code or close) and (best is None or (common, code) > best):
            best = (common, code)
    return best[1] if best else None


def shingles(text: str, size: int) -> npt.NDArray[np.int64]:
    """The distinct word ``size``-gram hashes of ``text``, ascending (``copies.py``: deterministic
    64-bit hashes; a text shorter than ``size`` words is one shingle, an empty one none)."""
    return shingle_sets([text], size).of(0)


def find_copies(table: ClaimTable, texts: Sequence[str], order_key: Sequence[tuple[str, str]],
                pairs: npt.NDArray[np.signedinteger[Any]], lexsim: npt.NDArray[np.float32],
                blocked: npt.NDArray[np.bool_], *, settings: FusionSettings) -> dict[int, int]:
    """Row -> row it copies: candidate pairs from two documents, with the same stance and no gate
    between them (``blocked``), whose word
    4-gram sets overlap by ``copy_jaccard`` or more; the later (publication date, document id)
    copies the earlier.  The sets are built only for the claims of such pairs, as flat sorted
    int64 arrays (``copies.py``), and compared a chunk of pairs at a time."""
    a, b = pairs[:, 0], pairs[:, 1]
    # a denial that repeats the words of what it denies is not a copy of it, nor is a sentence
    # that changes the figure
    cand = np.flatnonzero((lexsim >= settings.copy_jaccard) & (table.doc[a] != table.doc[b])
                          & (table.polarity[a] == table.polarity[b]) & ~blocked)
    a, b = a[cand].astype(np.int64), b[cand].astype(np.int64)
    rows = np.unique(np.concatenate([a, b]))
    sets = shingle_sets([texts[r] for r in rows.tolist()], settings.shingle_size)
    jac = pair_jaccard(sets, np.searchsorted(rows, a), np.searchsorted(rows, b))
    hit = np.flatnonzero(jac >= settings.copy_jaccard)  # NaN (an empty set) is never a copy
    return copy_roots(zip(a[hit].tolist(), b[hit].tolist(), strict=True), order_key)


def copy_roots(copied: Iterable[tuple[int, int]], order_key: Sequence[tuple[str, str]]) -> dict[int, int]:
    """Row -> the earliest row it copies, from pairs of rows found to be copies of each other: the
    later (by ``order_key``) copies the earlier, and a copy of a copy leads to the first."""
    out: dict[int, int] = {}
    links = []
    for x, y in copied:
        first, later = (x, y) if order_key[x] <= order_key[y] else (y, x)
        links.append((order_key[first], first, later))
    for _, first, later in sorted(links):
        root = first
        while root in out:
            root = out[root]
        if later not in out and later != root:
            out[later] = root
    return out


def _outlet_source(sid: str, name: str) -> FuseSource:
    """The source fusion adds for an outlet speaking in its own voice, unrated."""
    return FuseSource(id=sid, name=name, kind="outlet", affiliation=None, country=None, aliases=(), reliability="F")


@functools.lru_cache(maxsize=4)
def _resolver_of(sources: tuple[FuseSource, ...]) -> _Resolver:
    return _Resolver(sources)


_LAST: tuple[tuple[FuseSource, ...], _Resolver] | None = None
"""The last tuple of sources a resolver was built or found for (one assignment: thread-safe)."""


def _resolver(sources: Sequence[FuseSource]) -> _Resolver:
    """One resolver per set of sources: fusion runs story by story over the same stored sources,
    and building one (folding every name and alias, deriving countries) costs ~0.3 s at 20k sources.
    Only its per-source memo changes after construction, and that is a function of the sources.
    The tuple the pipeline passes to every unit is recognised by identity first (a tuple cannot
    change): hashing and comparing 20k records once per unit costs more than fusing a small story."""
    global _LAST
    last = _LAST
    if last is not None and isinstance(sources, tuple) and last[0] is sources:
        return last[1]
    key = sources if isinstance(sources, tuple) else tuple(sources)
    res = _resolver_of(key)
    _LAST = (key, res)
    return res


def assign_origins(table: ClaimTable, documents: Sequence[FuseDocument], sources: Sequence[FuseSource],
                   copied_from: Mapping[int, int]) -> Origins:
    res = _resolver(sources)
    outlets = {d.id: d.outlet for d in documents}
    key_of: list[str] = []
    src_of: dict[str, set[str]] = {}
    outlet_names: dict[str, str] = {}
    for i in range(len(table.ids)):
        s = int(table.source[i])
        src = res.by_id.get(table.source_ids[s]) if s >= 0 else None
        if src is not None:
            k = res.key(src)
            src_of.setdefault(k, set()).add(src.id)
        else:
            outlet = outlets.get(table.doc_ids[table.doc[i]]) or f"unknown outlet ({table.doc_ids[table.doc[i]]})"
            k = "outlet:" + fold(outlet)
            outlet_names.setdefault(k, outlet)
        key_of.append(k)
    for later, first in copied_from.items():
        key_of[later] = key_of[first]
    keys = tuple(sorted(set(key_of)))
    index = {k: i for i, k in enumerate(keys)}
    extra: dict[str, FuseSource] = {}
    rep, names, rel = [], [], []
    for k in keys:
        members = sorted(src_of.get(k, ()))
        ratings = [res.by_id[m].reliability for m in members if res.by_id[m].reliability in RELIABILITY_ORDER]
        best = min(ratings, key=RELIABILITY_ORDER.index) if ratings else "F"
        if k.startswith("outlet:"):
            name = outlet_names[k]
            sid = source_id("outlet", name)
            known = res.by_id.get(sid)
            if known is None:
                extra[sid] = _outlet_source(sid, name)
            else:
                best = known.reliability
            rep.append(sid)
            names.append(name)
        elif k.startswith("gov:"):
            gname = res.countries[k[4:]][0]
            gsrc = res.by_name.get(fold(gname))
            chosen = gsrc.id if gsrc is not None and gsrc.country == k[4:] else members[0]
            rep.append(chosen)
            names.append(gname)
            if gsrc is not None and gsrc.reliability in RELIABILITY_ORDER:
                best = min(best, gsrc.reliability, key=RELIABILITY_ORDER.index)
        else:
            rep.append(k[4:])
            names.append(res.by_id[k[4:]].name)
        rel.append(best)
    return Origins(of_claim=np.fromiter((index[k] for k in key_of), np.int32, len(key_of)), keys=keys,
                   source_ids=tuple(rep), names=tuple(names), reliability=tuple(rel),
                   copied_from=dict(copied_from), extra_sources=tuple(extra[k] for k in sorted(extra)))


def origin_inputs(sources: Sequence[FuseSource], source_ids: Sequence[str],
                  outlets: Sequence[str]) -> list[object]:
    """What :func:`assign_origins` reads from ``sources`` for a unit whose claims name
    ``source_ids`` (sources and via) and whose documents come from ``outlets``: each named
    source's record and origin key, the record a key stands for (an affiliation's body, a
    government), and each outlet's stored record.  Fusion of a unit is a function of its own
    documents and claims and of this list (``outlets`` named as :func:`assign_origins` names
    them, "unknown outlet (<document id>)" for a document without one) — the resolver looks across every stored source
    (affiliations, derived countries), so a unit whose list is unchanged needs no re-fusion
    (``fuse.fingerprint``)."""
    res = _resolver(sources)

    def rec(s: FuseSource | None) -> object:
        return None if s is None else [s.id, s.name, s.kind, s.affiliation, s.country, list(s.aliases), s.reliability]

    out: list[object] = []
    for sid in sorted(set(source_ids)):
        src = res.by_id.get(sid)
        if src is None:
            out.append([sid, None])
            continue
        k = res.key(src)
        if k.startswith("gov:"):
            gname = res.countries[k[4:]][0]
            stands_for = [gname, rec(res.by_name.get(fold(gname)))]
        else:
            stands_for = [rec(res.by_id.get(k[4:]))]
        out.append([sid, rec(src), k, stands_for])
    for outlet in sorted(set(outlets)):
        sid = source_id("outlet", outlet)
        # an outlet not stored yet is the record assign_origins adds (and fusion then stores)
        out.append(["outlet", rec(res.by_id.get(sid) or _outlet_source(sid, outlet))])
    return out
