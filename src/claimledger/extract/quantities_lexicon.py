"""The word lists of the quantity extractor, read once from ``data/en/quantities.toml``.

Multi-word entries are stored as tuples of lower-cased tokens so that matching them against a
spaCy ``Doc`` is a tuple comparison, never a regular expression over the text.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from claimledger.errors import ConfigError

__all__ = ["DATA_FILE", "Lexicon", "load_lexicon"]

DATA_FILE = "data/en/quantities.toml"
"""The data file, relative to the ``claimledger`` package."""

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Everything the extractor knows about English number expressions."""

    number_words: dict[str, float]
    scale_words: dict[str, float]
    scale_suffixes: dict[str, float]
    currency_scale_suffixes: dict[str, float]
    plural_scales: dict[str, float]
    plural_only_before_of_scale: frozenset[str]
    plural_min_multiplier: float
    vague_multipliers: dict[Phrase, tuple[float, float]]
    article_numbers: dict[Phrase, float]
    prefix_cues: dict[Phrase, str]
    """cue tokens -> qualifier (at_least, at_most, approximate, exact)."""
    postfix_cues: dict[Phrase, str]
    range_connectors: frozenset[str]
    range_and_needs: frozenset[str]
    range_openers: frozenset[str]
    token_dashes: tuple[str, ...]
    change_verbs: frozenset[str]
    bound_joiners: frozenset[str]
    percent_words: dict[Phrase, str]
    clock_words: frozenset[str]
    non_count_heads: frozenset[str]
    age_before: dict[Phrase, str]
    age_after: frozenset[str]
    months: frozenset[str]
    identifier_before: frozenset[str]
    identifier_labels: frozenset[str]
    anaphoric_before: frozenset[str]
    enumerator_after: frozenset[str]
    ratio_words: dict[Phrase, str]
    multiplier_after: frozenset[str]
    street_words: frozenset[str]
    currency_symbols: dict[str, str]
    lemma_overrides: dict[str, str]
    standalone_heads: frozenset[str]
    collective_heads: dict[str, str]
    """Group noun -> its members ("a population of 120,000" counts persons)."""
    multiword_units: frozenset[str]
    duration_units: frozenset[str]
    max_prefix_len: int
    """Longest prefix cue, in tokens."""
    max_postfix_len: int
    max_multiplier_len: int
    starters: frozenset[str]
    """Lower-cased tokens that can open a quantity (besides tokens starting with a digit)."""


def _phrase(s: str) -> Phrase:
    return tuple(s.lower().split())


def _cue_map(section: dict[str, list[str]]) -> dict[Phrase, str]:
    out: dict[Phrase, str] = {}
    for qualifier, cues in section.items():
        for cue in cues:
            out[_phrase(cue)] = qualifier
    return out


def _floats(section: dict[str, Any]) -> dict[str, float]:
    return {k.lower(): float(v) for k, v in section.items()}


def _build(raw: dict[str, Any]) -> Lexicon:
    ex = raw["exclusions"]
    units = raw["units"]
    rng = raw["ranges"]
    prefix = _cue_map(raw["prefix_cues"])
    postfix = _cue_map(raw["postfix_cues"])
    vague = {_phrase(k): (float(v[0]), float(v[1])) for k, v in raw["vague_multipliers"].items()}
    articles = {_phrase(k): float(v) for k, v in raw["article_numbers"].items()}
    number_words = _floats(raw["number_words"])
    scale_words = _floats(raw["scale_words"])
    plural = _floats(raw["plural_scales"])
    currency = {k.lower(): str(v) for k, v in units["currency_symbols"].items()}
    starters = (
        set(number_words)
        | set(scale_words)
        | set(plural)
        | set(currency)
        | {p[0] for p in vague}
        | {p[0] for p in articles}
    )
    return Lexicon(
        number_words=number_words,
        scale_words=scale_words,
        scale_suffixes=_floats(raw["scale_suffixes"]),
        currency_scale_suffixes=_floats(raw["currency_scale_suffixes"]),
        plural_scales=plural,
        plural_only_before_of_scale=frozenset(raw["plural_scale_rules"]["only_before_of_scale"]),
        plural_min_multiplier=float(raw["plural_scale_rules"]["plural_min_multiplier"]),
        vague_multipliers=vague,
        article_numbers=articles,
        prefix_cues=prefix,
        postfix_cues=postfix,
        range_connectors=frozenset(rng["connectors"]),
        range_and_needs=frozenset(rng["and_needs"]),
        range_openers=frozenset(rng["openers"]),
        token_dashes=tuple(rng["token_dashes"]),
        change_verbs=frozenset(rng["change_verbs"]),
        bound_joiners=frozenset(rng["bound_joiners"]),
        percent_words={_phrase(w): "percent" for w in ex["percent_words"]},
        clock_words=frozenset(ex["clock_words"]),
        non_count_heads=frozenset(ex["non_count_heads"]),
        age_before={_phrase(w): "age" for w in ex["age_before"]},
        age_after=frozenset(ex["age_after"]),
        months=frozenset(ex["months"]),
        identifier_before=frozenset(ex["identifier_before"]),
        identifier_labels=frozenset(ex["identifier_labels"]),
        anaphoric_before=frozenset(ex["anaphoric_before"]),
        enumerator_after=frozenset(ex["enumerator_after"]),
        ratio_words={_phrase(w): "ratio" for w in ex["ratio_words"]},
        multiplier_after=frozenset(ex["multiplier_after"]),
        street_words=frozenset(ex["street_words"]),
        currency_symbols=currency,
        lemma_overrides={k.lower(): str(v) for k, v in units["lemma_overrides"].items()},
        standalone_heads=frozenset(units["standalone_heads"]),
        collective_heads={k.lower(): str(v) for k, v in units.get("collective_heads", {}).items()},
        multiword_units=frozenset(units["multiword_units"]),
        duration_units=frozenset(units["duration_units"]),
        max_prefix_len=max(len(p) for p in prefix),
        max_postfix_len=max(len(p) for p in postfix),
        max_multiplier_len=max(len(p) for p in vague),
        starters=frozenset(starters),
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check the packaged data file (once per process)."""
    path = resources.files("claimledger").joinpath(DATA_FILE)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return _build(raw)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ConfigError(f"{DATA_FILE}: unusable quantity word list ({exc!r})") from exc
