"""Stance of an attributed statement: asserts, denies or declines (to confirm or deny).

Rules (cue lists in data/en/stance.toml):
- a denial verb as the cue ("denied", "dismissed", "rejected") -> denies; negated ("did not
  refute", "did not deny") -> declines;
- "called / described / dismissed ... as <hoax|fake|lie ...>" -> denies;
- "declined / refused to <comment|confirm ...>", "downplayed" -> declines;
- a negated confirmation ("did not confirm") -> declines;
- a decline phrase in the sentence ("would neither confirm nor deny", "our own concern") ->
  declines; a denial phrase in an attributed content ("no boots on the ground") -> denies.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Stance
from .sources import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["StanceLexicon", "is_not_claim", "phrase_in", "stance_of"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceLexicon:
    deny_verbs: frozenset[str]
    deny_as_nouns: frozenset[str]
    deny_phrases: tuple[tuple[str, ...], ...]
    decline_verbs: frozenset[str]
    decline_complements: frozenset[str]
    decline_phrases: tuple[tuple[str, ...], ...]
    negated_decline_verbs: frozenset[str]
    not_claim_phrases: tuple[tuple[str, ...], ...]

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def load() -> StanceLexicon:
        with (DATA_DIR / "stance.toml").open("rb") as fh:
            d = tomllib.load(fh)

        def phrases(xs: list[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(x.lower().split()) for x in xs)

        return StanceLexicon(
            deny_verbs=frozenset(d["denies"]["verbs"]),
            deny_as_nouns=frozenset(d["denies"]["as_nouns"]),
            deny_phrases=phrases(d["denies"]["phrases"]),
            decline_verbs=frozenset(d["declines"]["verbs"]),
            decline_complements=frozenset(d["declines"]["complements"]),
            decline_phrases=phrases(d["declines"]["phrases"]),
            negated_decline_verbs=frozenset(d["declines"]["negated_verbs"]),
            not_claim_phrases=phrases(d["not_claims"]["phrases"]),
        )


def _norm(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def phrase_in(words: Sequence[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when one of ``phrases`` occurs as a token sequence in ``words`` (lower case)."""
    if not phrases:
        return False
    n = len(words)
    for p in phrases:
        k = len(p)
        first = p[0]
        for i in range(n - k + 1):
            if words[i] == first and tuple(words[i:i + k]) == p:
                return True
    return False


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    # "would neither confirm nor deny": preconj/neg on the first conjunct
    head = tok.head if tok.dep_ == "conj" else None
    return head is not None and any(c.dep_ == "neg" for c in head.children)


def _as_object_nouns(tok: Token) -> list[str]:
    """Words of the 'as ...' / object-predicate phrase of a cue ('dismissed X as a hoax')."""
    out: list[str] = []
    for c in tok.children:
        if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "attr"):
            out.extend(_norm(t.text) for t in c.subtree)
        if c.dep_ == "dobj":  # "called it a hoax" parses 'hoax' as a second object or its modifier
            for g in c.children:
                if g.dep_ in ("oprd", "attr", "appos", "acl"):
                    out.extend(_norm(t.text) for t in g.subtree)
    return out


def stance_of(cue: Token | None, sentence_words: Sequence[str], content_words: Sequence[str], *,
              attributed: bool, lexicon: StanceLexicon | None = None, content_root: Token | None = None) -> Stance:
    """The stance of a statement whose cue verb is ``cue`` (None for outlet voice, 'according to')."""
    lex = lexicon or StanceLexicon.load()
    if phrase_in(sentence_words, lex.decline_phrases) and attributed:
        return "declines"
    if cue is not None and cue.pos_ in ("VERB", "AUX"):
        lemma = cue.lemma_.lower()
        negated = _negated(cue)
        if lemma in lex.deny_verbs:
            return "declines" if negated else "denies"
        if negated and lemma in lex.negated_decline_verbs:
            return "declines"
        if lemma in lex.decline_verbs:
            if lemma in ("decline", "refuse"):
                comps = [c for c in cue.children if c.dep_ in ("xcomp", "ccomp")]
                if any(c.lemma_.lower() in lex.decline_complements for c in comps):
                    return "declines"
            else:
                return "declines"
        as_words = _as_object_nouns(cue)
        if any(w in lex.deny_as_nouns for w in as_words):
            return "denies"
    if attributed and phrase_in(content_words, lex.deny_phrases):
        return "denies"
    if attributed and content_root is not None and _predicate_denies(content_root, lex):
        return "denies"
    return "asserts"


def _predicate_denies(root: Token, lex: StanceLexicon) -> bool:
    """'it was a hoax', 'the reports are false': a copular content whose predicate is a denial noun."""
    if root.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in root.children):
        return False
    for c in root.children:
        if c.dep_ in ("attr", "acomp") and (c.lower_ in lex.deny_as_nouns
                                             or any(g.lower_ in lex.deny_as_nouns and g.dep_ in ("amod", "compound")
                                                    for g in c.children)):
            return True
    return False


def is_not_claim(sentence_words: Sequence[str], lexicon: StanceLexicon | None = None) -> bool:
    """True for a sentence about the reporting itself (a request for comment)."""
    lex = lexicon or StanceLexicon.load()
    return phrase_in(sentence_words, lex.not_claim_phrases)
