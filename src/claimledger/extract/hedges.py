"""Hedge cues: words that mark a statement as uncertain, with ICD-203 bands where they have one.

Cues come from data/en/hedges.toml.  One cheap pass over a sentence's tokens finds candidates
(longest multi-word cue first); per-cue checks keep real hedges only: modal "may/could/might"
must be tagged MD ("May" the month is not), "appear/seem" need a complement after them ("appeared to
discuss", not "appeared at a rally"), "apparent" hedges only before a noun ("the apparent attack",
not "it was readily apparent").  A conditional ("if ..., it would ...") is a hedge (cue
"if").  Which hedges belong to which claim (scope) is decided by the caller.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Hedge
from .sources import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["HedgeLexicon", "HedgeMatch", "find_hedges"]

_MODALS = frozenset({"may", "might", "could"})
_NEEDS_COMPLEMENT = frozenset({"appear", "seem"})
_CONDITIONAL_MODALS = frozenset({"would", "could", "might"})


@dataclass(frozen=True, slots=True, kw_only=True)
class HedgeMatch:
    """A hedge found in a sentence: the record plus the token indices it covers."""

    hedge: Hedge
    first: int
    """Index of the first token (in the Doc)."""
    last: int
    """Index of the last token (in the Doc)."""
    outlet_voice_only: bool = False
    """The cue hedges only a statement in the outlet's own voice ("Reports of X surfaced")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HedgeLexicon:
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, str | None], ...]]
    """First word -> (words, cue, band), longest first."""
    lemmas: dict[str, tuple[str, str | None]]
    """Verb lemma -> (cue, band)."""
    outlet_voice_only: frozenset[str] = frozenset()
    perception: frozenset[str] = frozenset()
    """Verbs after which "could" with a personal subject is ability, not a hedge (hedges.toml)."""

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def load() -> HedgeLexicon:
        with (DATA_DIR / "hedges.toml").open("rb") as fh:
            d = tomllib.load(fh)
        phrases: dict[str, list[tuple[tuple[str, ...], str, str | None]]] = {}
        lemmas: dict[str, tuple[str, str | None]] = {}
        voice_only: set[str] = set()
        for raw in d["cue"]:
            if raw.get("outlet_voice_only"):
                voice_only.add(raw["cue"])
            cue, band = raw["cue"], raw.get("band")
            if raw.get("lemma"):
                lemmas[cue] = (cue, band)
            else:
                words = tuple(cue.lower().split())
                phrases.setdefault(words[0], []).append((words, cue, band))
        return HedgeLexicon(
            phrases={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in phrases.items()},
            lemmas=lemmas,
            outlet_voice_only=frozenset(voice_only),
            perception=frozenset(d.get("perception", ())),
        )


_PERSONAL = frozenset({"i", "you", "we", "he", "she", "they", "one"})


def _ability(tok: Token, lex: HedgeLexicon) -> bool:
    """'you could feel the floor moving': "could" before a verb of perception with a personal
    subject (a pronoun or a person) tells what was perceived."""
    verb = tok.head
    if tok.lower_ != "could" or tok.dep_ != "aux" or verb.lemma_.lower() not in lex.perception:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _PERSONAL or subj.ent_type_ == "PERSON")


def _accept(tok: Token, cue: str, lex: HedgeLexicon) -> bool:
    if cue in _MODALS:
        return tok.tag_ == "MD" and not _ability(tok, lex)
    if tok.lemma_.lower() in _NEEDS_COMPLEMENT:
        # the complement follows the verb: a clause the parser hung on it from the left is none
        # ("Obama endorsed her - they appeared together on the campaign trail")
        return any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i for c in tok.children)
    if cue == "apparent":
        # "the apparent attack" hedges its noun; "it was (readily) apparent" means evident
        return tok.dep_ == "amod" and tok.i < tok.head.i
    if cue in ("likely", "possible", "probable"):
        # "likely" as a hedge, not "the likely nominee" before a person's name
        return not (tok.dep_ == "amod" and tok.head.ent_type_ == "PERSON")
    return True


def _conditional(tok: Token) -> bool:
    """'if' marking a clause whose main clause carries would/could/might."""
    if tok.lower_ != "if" or tok.dep_ != "mark":
        return False
    main = tok.head.head if tok.head.dep_ == "advcl" else None
    return main is not None and any(c.lower_ in _CONDITIONAL_MODALS for c in main.children)


def find_hedges(tokens: Sequence[Token], lexicon: HedgeLexicon | None = None, *, offset: int = 0) -> list[HedgeMatch]:
    """Hedge cues among ``tokens`` (one sentence, in order); spans shifted by ``offset``."""
    lex = lexicon or HedgeLexicon.load()
    out: list[HedgeMatch] = []
    lowers = [t.lower_.replace("\u2019", "'") for t in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        found: tuple[int, str, str | None] | None = None
        for words, cue, band in lex.phrases.get(lowers[i], ()):
            k = len(words)
            if tuple(lowers[i:i + k]) == words and (k > 1 or _accept(tok, cue, lex)):
                found = (k, cue, band)
                break
        if found is None:
            hit = lex.lemmas.get(tok.lemma_.lower())
            if hit is not None and tok.pos_ in ("VERB", "AUX") and _accept(tok, hit[0], lex):
                found = (1, hit[0], hit[1])
            elif _conditional(tok):
                found = (1, "if", None)
        if found is None:
            i += 1
            continue
        k, cue, band = found
        last = tokens[i + k - 1]
        out.append(HedgeMatch(
            hedge=Hedge(start=tok.idx + offset, end=last.idx + len(last.text) + offset,
                        text=tok.doc[tok.i:last.i + 1].text, cue=cue, band=band),
            first=tok.i, last=last.i, outlet_voice_only=cue in lex.outlet_voice_only))
        i += k
    return out
