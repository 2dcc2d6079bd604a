"""The word lists of the time finder, read once from ``data/en/times.toml``."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Any

from ..datafiles import data_text

__all__ = ["ShiftWord", "TimeLexicon", "load_lexicon"]

DATA_FILE = "times.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class ShiftWord:
    """A word after "<n> <unit>" that moves a date: "ago" (-1 from the anchor), "later" (+1 from the
    last dated event)."""

    sign: int
    base: str
    """"anchor" (the publication date) or "reference" (the last dated event mentioned)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeLexicon:
    """Every word list the finder and normaliser use (see ``data/en/README.times.md``)."""

    weekdays: dict[str, int]
    months: dict[str, int]
    month_abbreviations: frozenset[str]
    seasons: dict[str, str]
    season_months: dict[str, int]
    parts_of_day: dict[str, str]
    units: dict[str, str]
    numbers: dict[str, float]
    phrase_numbers: tuple[tuple[tuple[str, ...], float], ...]
    """Multi-word counts ("a couple of" = 2) as (token tuple, value), longest first."""
    vague_numbers: tuple[tuple[str, ...], ...]
    """Multi-word vague amounts as token tuples, longest first."""
    ordinals: dict[str, int]
    references: dict[str, str]
    """Phrase -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    deictic_days: dict[str, int]
    relative: dict[str, int]
    reference_relative: dict[str, int]
    shift_words: dict[str, ShiftWord]
    reference_days: dict[str, int]
    modifiers: tuple[tuple[tuple[str, ...], str], ...]
    """(phrase tokens, TimeML mod), longest phrase first."""
    prepositions: tuple[tuple[str, ...], ...]
    fiscal: frozenset[str]
    decade_words: dict[str, int]
    year_shift_words: frozenset[str]
    year_shift_periods: frozenset[str]
    """Nouns after "year-earlier" that name the period compared ("the year-ago period")."""
    hedges: tuple[tuple[str, ...], ...]
    """Leading words that leave the value unchanged ("only six months", "sometime next year")."""
    holidays_fixed: dict[str, tuple[int, int]]
    holidays_nth: dict[str, tuple[int, int, int]]
    time_zones: frozenset[str]
    clock_words: dict[str, int]
    sets: dict[str, str]
    future_aux: frozenset[str]
    modal_aux: frozenset[str]
    future_governors: frozenset[str]
    future_verbs: frozenset[str]
    future_verbs_with_prep: frozenset[str]
    future_verbs_with_for: frozenset[str]
    until_prepositions: frozenset[str]
    limit_prepositions: frozenset[str]
    near_modals: frozenset[str]
    said_verbs: frozenset[str]


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(w.split()) for w in words}, key=lambda t: (-len(t), t)))


def _build(raw: dict[str, Any]) -> TimeLexicon:
    references = {
        phrase: value for value, phrases in raw["references"].items() for phrase in phrases
    }
    modifiers = tuple(
        sorted(
            ((tuple(k.split()), str(v)) for k, v in raw["modifiers"].items()),
            key=lambda kv: (-len(kv[0]), kv[0]),
        )
    )
    tense = raw["tense"]
    return TimeLexicon(
        weekdays={k: int(v) for k, v in raw["weekdays"].items()},
        months={k: int(v) for k, v in raw["months"].items()},
        month_abbreviations=frozenset(raw["month_abbreviations"]["words"]),
        seasons={k: str(v) for k, v in raw["seasons"].items()},
        season_months={k: int(v) for k, v in raw["season_months"].items()},
        parts_of_day={k: str(v) for k, v in raw["parts_of_day"].items()},
        units={k: str(v) for k, v in raw["units"].items()},
        numbers={k: float(v) for k, v in raw["numbers"].items()},
        phrase_numbers=tuple(sorted(((tuple(k.split()), float(v)) for k, v in raw["phrase_numbers"].items()),
                                    key=lambda kv: (-len(kv[0]), kv[0]))),
        vague_numbers=_phrases(raw["vague_numbers"]["words"]),
        ordinals={k: int(v) for k, v in raw["ordinals"].items()},
        references=references,
        deictic_days={k: int(v) for k, v in raw["deictic_days"].items()},
        relative={k: int(v) for k, v in raw["relative"].items()},
        reference_relative={k: int(v) for k, v in raw["reference_relative"].items()},
        shift_words={
            k: ShiftWord(sign=int(v["sign"]), base=str(v["base"])) for k, v in raw["shift_words"].items()
        },
        reference_days={k: int(v) for k, v in raw["reference_days"].items()},
        modifiers=modifiers,
        prepositions=_phrases(raw["prepositions"]["words"]),
        fiscal=frozenset(raw["fiscal"]["words"]),
        decade_words={k: int(v) for k, v in raw["decade_words"].items()},
        year_shift_words=frozenset(raw["year_shift_words"]["words"]),
        year_shift_periods=frozenset(raw["year_shift_words"]["periods"]),
        hedges=_phrases(raw["hedges"]["words"]),
        holidays_fixed={k: (int(v[0]), int(v[1])) for k, v in raw["holidays_fixed"].items()},
        holidays_nth={k: (int(v[0]), int(v[1]), int(v[2])) for k, v in raw["holidays_nth"].items()},
        time_zones=frozenset(raw["time_zones"]["words"]),
        clock_words={k: int(v) for k, v in raw["clock_words"].items()},
        sets={k: str(v) for k, v in raw["sets"].items()},
        future_aux=frozenset(tense["future_aux"]),
        modal_aux=frozenset(tense["modal_aux"]),
        future_governors=frozenset(tense["future_governors"]),
        future_verbs=frozenset(tense["future_verbs"]),
        future_verbs_with_prep=frozenset(tense["future_verbs_with_prep"]),
        future_verbs_with_for=frozenset(tense["future_verbs_with_for"]),
        until_prepositions=frozenset(tense["until_prepositions"]),
        limit_prepositions=frozenset(tense["limit_prepositions"]),
        near_modals=frozenset(tense["near_modals"]),
        said_verbs=frozenset(raw["role"]["said_verbs"]),
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> TimeLexicon:
    """Read ``claimledger/data/en/times.toml`` (once per process)."""
    text = data_text(DATA_FILE)
    return _build(tomllib.loads(text))
