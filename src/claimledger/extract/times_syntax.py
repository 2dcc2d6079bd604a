"""What a time expression modifies, read from spaCy's dependency parse: its governing verb, that
verb's tense (the direction of "on Thursday") and the expression's role ("said Tuesday")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from claimledger.extract.times_calendar import Tense
from claimledger.extract.times_lexicon import TimeLexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Role", "governor", "role_of", "tense_for_span", "tense_of"]

Role = Literal["said", "event"]

MAX_CLIMB = 6
"""Heads followed up from a time expression to find its verb: "on [a National Assembly meeting on]
Tuesday" needs four; six covers every seed sentence without leaving the clause in practice."""

_VERBAL = frozenset({"VERB", "AUX"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def governor(span: Span) -> Token | None:
    """The verb the expression hangs from (climbing through prepositions and nouns), or None."""
    tok = span.root
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ in _VERBAL and not (span.start <= head.i < span.end):
            return head
        tok = head
    return None


def _aux_words(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def tense_of(verb: Token | None, lex: TimeLexicon | None = None) -> Tense:
    """past / present / future for the verb an expression modifies (past when there is none:
    news reports past events, and headlines drop their verbs)."""
    if verb is None:
        return "past"
    lex = lex or load_lexicon()
    v: Token = verb
    for _ in range(MAX_CLIMB):
        aux = _aux_words(v)
        if any(a in lex.future_aux for a in aux):
            return "future"
        if any(a in lex.modal_aux for a in aux):
            return "past" if "have" in aux else "future"
        if v.lemma_.lower() in lex.future_verbs:
            return "future"
        if "to" in aux:  # an infinitive: "plans to meet on Thursday", "an agreement to buy in June"
            head = v.head
            if "have" in aux:
                return "past"
            if head.lemma_.lower() in lex.future_governors or head.pos_ in ("NOUN", "ADJ"):
                return "future"
            if head.i == v.i:
                return "future"
            v = head  # "declined to comment on Thursday": the head's tense
            continue
        if v.tag_ in _PAST_TAGS or any(a in ("did", "was", "were", "had") for a in aux):
            return "past"
        if v.tag_ in _PRESENT_TAGS or any(a in ("is", "are", "am", "do", "does", "'s", "'re") for a in aux):
            return "past" if v.lemma_.lower() in lex.said_verbs else "present"
        if v.dep_ in ("xcomp", "advcl", "conj", "acl") and v.head.i != v.i:
            v = v.head
            continue
        break
    return "past"


def role_of(verb: Token | None, lex: TimeLexicon | None = None) -> Role | None:
    """said when the verb is a reporting or speech-act verb, event for any other verb, else None."""
    if verb is None:
        return None
    lex = lex or load_lexicon()
    return "said" if verb.lemma_.lower() in lex.said_verbs else "event"


def tense_for_span(doc: Doc, start: int, end: int) -> Tense:
    """Tense of the verb governing the characters ``[start, end)`` of ``doc`` (past if unparsed)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    return tense_of(governor(span))
