"""The source registry: well-known bodies, outlets and people, their aliases, kind and country.

``SourceRegistry.load()`` reads ``data/en/sources.toml`` and ``data/en/metonyms.toml`` (countries,
demonyms, capitals and seats of government), plus an optional user TOML file whose ``[[source]]``
entries extend the registry or override an entry of the same name.  Lookups fold case, accents,
a leading "the", possessives and demonyms, so "Ukraine's defense intelligence agency",
"the Ukrainian defence intelligence" and "Defense Intelligence of Ukraine" meet on one key.
Unknown sources are not an error: callers fall back to the NER label and heuristics.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..errors import ConfigError
from ..models import SourceKind

__all__ = [
    "DATA_DIR",
    "Country",
    "RegistryEntry",
    "SourceRegistry",
    "fold",
    "translit_key",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "en"
_KINDS: frozenset[str] = frozenset(
    {"person", "organization", "outlet", "anonymous", "social_media", "document", "unknown"}
)
_SPELLING = {"defence": "defense", "centre": "center", "programme": "program", "organisation": "organization",
             "armour": "armor", "kiev": "kyiv"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryEntry:
    """One known source."""

    name: str
    """Canonical name."""
    kind: SourceKind
    country: str | None = None
    """ISO 3166-1 alpha-2 of the side it speaks for."""
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    reliability: str = "F"


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """A country with the names that stand for it or for its government."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    government: str
    """Canonical source name of its government ('Russian government')."""
    capitals: tuple[str, ...]
    """Speak for the government only as an agent ('Moscow said'); a dateline is a place."""
    seats: tuple[str, ...]
    """Always speak for the government ('the Kremlin', 'the White House')."""

    def government_entry(self) -> RegistryEntry:
        return RegistryEntry(
            name=self.government,
            kind="organization",
            country=self.code,
            aliases=(self.name, *self.aliases, *self.capitals, *self.seats),
        )


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes straightened, spaces collapsed."""
    s = text.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(s.split())


_TRANSLIT_END = re.compile(r"(?:yy|iy|ij|ii|yi|i)$")


def translit_key(name: str) -> str:
    """A key under which transliteration variants of a person's name meet.

    'Zelenskyy', 'Zelenskiy' and 'Zelensky' give 'zelensky'; 'Andrii' and 'Andriy' give
    'andry'; 'Yong-hyun' and 'Yong hyun' give 'yong hyun'.
    """
    s = fold(name).replace("-", " ")
    words = re.findall(r"[a-z0-9]+", s)
    return " ".join(_TRANSLIT_END.sub("y", w) if len(w) > 3 else w for w in words)


def _as_str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: registry file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _entries(data: Mapping[str, Any], where: str) -> list[RegistryEntry]:
    out: list[RegistryEntry] = []
    for i, raw in enumerate(data.get("source", [])):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise ConfigError(f"{where}: source #{i + 1} needs a name")
        kind = raw.get("kind", "organization")
        if kind not in _KINDS:
            raise ConfigError(f"{where}: source {raw['name']!r} has unknown kind {kind!r}")
        rel = raw.get("reliability", "F")
        if rel not in ("A", "B", "C", "D", "E", "F"):
            raise ConfigError(f"{where}: source {raw['name']!r} has reliability {rel!r}, expected A-F")
        out.append(RegistryEntry(
            name=raw["name"], kind=cast(SourceKind, kind), country=raw.get("country"),
            aliases=_as_str_tuple(raw.get("aliases"), f"{where}: {raw['name']}"),
            affiliation=raw.get("affiliation"), reliability=rel,
        ))
    return out


def _countries(data: Mapping[str, Any]) -> list[Country]:
    out: list[Country] = []
    for code, raw in data.items():
        if not isinstance(raw, dict):
            continue
        out.append(Country(
            code=code, name=raw["name"], aliases=_as_str_tuple(raw.get("aliases"), code),
            demonyms=_as_str_tuple(raw.get("demonyms"), code), government=raw["government"],
            capitals=_as_str_tuple(raw.get("capitals"), code), seats=_as_str_tuple(raw.get("seats"), code),
        ))
    return out


class SourceRegistry:
    """Known sources and countries, looked up by any alias."""

    def __init__(self, entries: Iterable[RegistryEntry], countries: Iterable[Country],
                 vocabulary: Mapping[str, Iterable[str]]) -> None:
        self.countries: dict[str, Country] = {c.code: c for c in countries}
        self.vocabulary: dict[str, frozenset[str]] = {k: frozenset(fold(w) for w in v) for k, v in vocabulary.items()}
        self._country_tokens: dict[tuple[str, ...], str] = {}
        self._country_by_word: dict[str, Country] = {}
        self._metonym: dict[str, tuple[Country, bool]] = {}
        for c in self.countries.values():
            demonym = fold(c.demonyms[0]) if c.demonyms else fold(c.name)
            for n in (c.name, *c.aliases):
                self._country_tokens[tuple(self._words(n))] = demonym
                self._country_by_word[self._plain(n)] = c
            for d in c.demonyms:
                self._country_by_word.setdefault(self._plain(d), c)
            for s in c.seats:
                self._metonym[self._plain(s)] = (c, True)
            for s in c.capitals:
                self._metonym.setdefault(self._plain(s), (c, False))
        self.entries: dict[str, RegistryEntry] = {}
        for e in entries:  # later entries (a user file) override earlier ones of the same name
            self.entries[fold(e.name)] = e
        self._by_alias: dict[str, RegistryEntry] = {}
        self._person_keys: dict[str, RegistryEntry] = {}
        self._surnames: dict[str, list[RegistryEntry]] = {}
        for e in self.entries.values():
            for a in (e.name, *e.aliases):
                self._by_alias.setdefault(self.alias_key(a), e)
            if e.kind == "person":
                self._person_keys[translit_key(e.name)] = e
                for a in e.aliases:
                    if len(a.split()) >= 2 and a[:1].isupper() and not any(
                            fold(w) in self.vocabulary.get("roles", ()) for w in a.split()):
                        self._person_keys.setdefault(translit_key(a), e)
                self._surnames.setdefault(translit_key(e.name).split()[-1], []).append(e)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, user_path: str | Path | None = None) -> SourceRegistry:
        """The packaged registry, extended (or overridden by name) by ``user_path`` when given."""
        if user_path is None:
            return _default_registry()
        base = _default_registry()
        user = _read_toml(Path(user_path))
        extra = _entries(user, str(user_path))
        return cls([*base.entries.values(), *extra], base.countries.values(), base.vocabulary)

    # ------------------------------------------------------------------ keys
    @staticmethod
    def _words(text: str) -> list[str]:
        s = fold(text).replace(".", "")
        s = re.sub(r"'s\b", " 's", s)
        return [_SPELLING.get(w, w) for w in re.findall(r"[a-z0-9']+|&", s) if w != "'"]

    def _plain(self, text: str) -> str:
        words = self._words(text)
        if words and words[0] == "the":
            words = words[1:]
        return " ".join(words)

    def alias_key(self, text: str) -> str:
        """The folded key aliases are matched on ('Ukraine's defence intelligence agency' ->
        'ukrainian defense intelligence')."""
        words = self._words(text)
        if words and words[0] == "the":
            words = words[1:]
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in (4, 3, 2, 1):
                name = tuple(words[i:i + n])
                if len(name) == n and name in self._country_tokens and i + n < len(words) and words[i + n] == "'s":
                    out.extend(self._country_tokens[name].split())
                    i += n + 1
                    break
            else:
                out.append(words[i])
                i += 1
        # "X of Ukraine" -> "ukrainian X"
        for n in (4, 3, 2, 1):
            if len(out) > n + 1 and out[-n - 1] == "of" and tuple(out[-n:]) in self._country_tokens:
                out = [*self._country_tokens[tuple(out[-n:])].split(), *out[: -n - 1]]
                break
        out = [w for w in out if w != "'s"]
        tail = self.vocabulary.get("generic_tail", frozenset())
        outlet_words = self.vocabulary.get("outlet_words", frozenset())
        while len(out) > 1 and out[-1] in tail and out[-2] not in outlet_words:
            out.pop()  # not "Saudi Press Agency" -> "saudi press": "the Saudi press said" is no agency
        return " ".join(out)

    # ------------------------------------------------------------------ lookups
    def lookup(self, mention: str) -> RegistryEntry | None:
        """The registry entry an alias names, or None.  A leading demonym of the entry's own
        country may be dropped ("Japan's Kyodo News" -> Kyodo News)."""
        key = self.alias_key(mention)
        hit = self._by_alias.get(key)
        if hit is not None or " " not in key:
            return hit
        first, rest = key.split(" ", 1)
        country = self._country_by_word.get(first)
        hit = self._by_alias.get(rest)
        if hit is not None and country is not None and hit.country == country.code:
            return hit
        return self._outlet_in_description(key)

    def _outlet_in_description(self, key: str) -> RegistryEntry | None:
        """A registered outlet named inside words that only describe it: "the AFP news agency",
        "the student news agency ISNA", "state-run television IRIB" (``outlet_descriptors``)."""
        words = key.split()
        descriptors = self.vocabulary.get("outlet_descriptors", frozenset())
        outlet_words = self.vocabulary.get("outlet_words", frozenset())
        named = [i for i, w in enumerate(words) if w not in descriptors]
        if not named:
            return None
        first, last = named[0], named[-1]
        # windows covering every word that is no descriptor (linear in practice: only the edges vary)
        for n in range(len(words) - 1, last - first, -1):  # the longest name first, then leftmost
            for i in range(max(0, last - n + 1), min(first, len(words) - n) + 1):
                name = words[i:i + n]
                if n == 1 and name[0] in outlet_words:
                    continue  # "The Daily Times" is not "Times" (The New York Times)
                hit = self._by_alias.get(" ".join(name))
                if hit is not None and hit.kind == "outlet":
                    return hit
        return None

    def lookup_person(self, name: str) -> RegistryEntry | None:
        """A known person by full name or transliteration variant; a lone surname must be unique."""
        key = translit_key(name)
        if not key:
            return None
        hit = self._person_keys.get(key)
        if hit is not None:
            return hit
        entry = self._by_alias.get(self.alias_key(name))
        if entry is not None and entry.kind == "person":
            return entry
        words = key.split()
        cands = self._surnames.get(words[-1], [])
        if len(cands) == 1 and (len(words) == 1 or translit_key(cands[0].name).split()[0] == words[0]):
            return cands[0]
        return None

    def country(self, text: str) -> Country | None:
        """The country a name, alias or demonym denotes ('Ukrainian', 'the U.S.', 'Russia')."""
        return self._country_by_word.get(self._plain(text))

    def metonym(self, text: str, *, agentive: bool) -> Country | None:
        """The country whose government a seat ('the Kremlin') or, as an agent, a capital
        ('Moscow said') stands for."""
        hit = self._metonym.get(self._plain(text))
        if hit is None:
            return None
        country, always = hit
        return country if (always or agentive) else None

    def demonym_country(self, words: Iterable[str]) -> Country | None:
        """The first country named by a demonym or country name among ``words``."""
        ws = list(words)
        for i in range(len(ws)):
            for n in (3, 2, 1):
                if i + n <= len(ws):
                    c = self._country_by_word.get(" ".join(fold(w) for w in ws[i:i + n]).replace(".", ""))
                    if c is not None:
                        return c
        return None

    def is_outlet_name(self, name: str) -> bool:
        """True when ``name`` is a registered outlet or looks like one ('the Daily Planet')."""
        entry = self.lookup(name)
        if entry is not None:
            return entry.kind == "outlet"
        words = self._words(name)
        return bool(words) and words[-1] in self.vocabulary.get("outlet_words", frozenset())

    def words(self, category: str) -> frozenset[str]:
        """A vocabulary list from sources.toml ('roles', 'anonymous_heads', ...)."""
        return self.vocabulary.get(category, frozenset())


@functools.lru_cache(maxsize=1)
def _default_registry() -> SourceRegistry:
    data = _read_toml(DATA_DIR / "sources.toml")
    met = _read_toml(DATA_DIR / "metonyms.toml")
    vocab = data.get("vocabulary", {})
    return SourceRegistry(_entries(data, "sources.toml"), _countries(met), vocab)
