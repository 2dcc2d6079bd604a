"""What a time expression modifies, read from spaCy's dependency parse: its governing verb, that
verb's tense (the direction of "on Thursday") and the expression's role ("said Tuesday")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from claimledger.extract.times_calendar import Tense
from claimledger.extract.times_lexicon import TimeLexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Role", "direct", "governor", "preposition", "role_of", "span_tense", "tense_for_span", "tense_of"]

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


def direct(span: Span, verb: Token) -> bool:
    """Whether the expression modifies ``verb`` itself ("stepped down in March") rather than a noun
    of its clause ("told of a cutback in September", "the slated visit in September")."""
    tok = span.root
    while tok.head.i != verb.i:
        if tok.head.i == tok.i or tok.head.pos_ != "ADP":
            return False
        tok = tok.head
    return True


def span_tense(span: Span, verb: Token | None, lex: TimeLexicon | None = None) -> Tense:
    """:func:`tense_of` for an expression: a past verb reached through a noun only says that the
    noun's event was spoken of in the past (the cutback may still be ahead): unmarked; one with a
    limit ("gave them until mid-November", "has given them until Tuesday") sets a deadline that may
    still be ahead: the nearer occurrence.  A possessive time under a present verb ("a premium
    over Thursday's closing price") names a reported day: unmarked too."""
    prep = preposition(span)
    tense = tense_of(verb, lex, prep=prep)
    limits = (lex or load_lexicon()).limit_prepositions
    if tense == "past" and verb is not None and prep in limits:
        return "present"  # a deadline set in the past may still be ahead: the nearer occurrence
    if tense == "past" and verb is not None and not direct(span, verb):
        return "unmarked"
    if tense == "present" and verb is not None and span.root.dep_ == "poss" and not direct(span, verb):
        return "unmarked"  # "a premium over Thursday's closing price": the day's event is reported
    return tense


def preposition(span: Span) -> str | None:
    """The preposition the expression is the object of ("until" in "postponed until Tuesday"), or
    the one just before it when the parse attaches it elsewhere; None when there is none."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return None  # "depressed by overnight losses": the passive's agent, not a limit
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return str(root.head.lower_)
    if span.start > 0 and (before := span.doc[span.start - 1]).pos_ == "ADP":
        return str(before.lower_)
    return None


def _aux_words(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _is_past(verb: Token) -> bool:
    """Past tense, also of the copula an adjective hangs from ("had been due to expire")."""
    if verb.pos_ in ("ADJ", "NOUN") and verb.dep_ in ("acomp", "attr") and verb.head.i != verb.i:
        verb = verb.head
    return verb.tag_ == "VBD" or any(a in ("was", "were", "had") for a in _aux_words(verb))


def _clause_is_past(participle: Token) -> bool:
    """Whether the clause of the noun a bare participle modifies is past ("a service planned for
    Saturday was canceled")."""
    tok = participle.head
    for _ in range(MAX_CLIMB):
        if tok.pos_ in _VERBAL:
            return _is_past(tok) or (tok.tag_ == "VBN" and not _aux_words(tok))
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def tense_of(verb: Token | None, lex: TimeLexicon | None = None, *, prep: str | None = None) -> Tense:
    """past / present / future for the verb an expression modifies; unmarked when there is none
    (news reports past events, and headlines drop their verbs) or it carries no tense.

    ``prep`` is the preposition before the expression: "postponed until Tuesday" looks forward,
    "postponed the vote on Tuesday" does not."""
    if verb is None:
        return "unmarked"
    lex = lex or load_lexicon()
    v: Token = verb
    for _ in range(MAX_CLIMB):
        aux = _aux_words(v)
        if any(a in lex.future_aux for a in aux):
            return "future"
        if any(a in lex.modal_aux for a in aux):
            if "have" in aux:
                return "past"
            return "present" if any(a in lex.near_modals for a in aux) else "future"
        lemma = v.lemma_.lower()
        if (lemma in lex.future_verbs or (lemma in lex.future_verbs_with_prep and prep in lex.until_prepositions)
                or (lemma in lex.future_verbs_with_for and prep == "for")):
            if v.tag_ == "VBN" and not aux and v.dep_ == "acl" and _clause_is_past(v):
                return "present"  # planned then, maybe over by now: the nearer occurrence
            return "future"
        if "to" in aux:  # an infinitive: "plans to meet on Thursday", "an agreement to buy in June"
            head = v.head
            if "have" in aux:
                return "past"
            if head.lemma_.lower() in lex.future_governors or head.pos_ in ("NOUN", "ADJ"):
                # "was due to expire Friday", "planned to vote on Monday": ahead of the plan, which
                # may itself be past by now: the nearer occurrence
                return "present" if _is_past(head) else "future"
            if head.i == v.i:
                return "future"
            v = head  # "declined to comment on Thursday": the head's tense
            continue
        if v.tag_ == "VBN" and any(a in ("is", "are", "am", "'s", "'re") for a in aux) and not any(
                a in ("has", "have", "had", "'ve", "been") for a in aux):
            return "present"  # "when the case is heard in May": a present passive
        if v.tag_ in _PAST_TAGS or any(a in ("did", "was", "were", "had") for a in aux):
            return "past"
        if v.tag_ in _PRESENT_TAGS or any(a in ("is", "are", "am", "do", "does", "'s", "'re") for a in aux):
            return "past" if v.lemma_.lower() in lex.said_verbs else "present"
        if v.dep_ in ("xcomp", "advcl", "conj", "acl") and v.head.i != v.i:
            v = v.head
            continue
        break
    return "unmarked"


def role_of(verb: Token | None, lex: TimeLexicon | None = None) -> Role | None:
    """said when the verb is a reporting or speech-act verb, event for any other verb, else None."""
    if verb is None:
        return None
    lex = lex or load_lexicon()
    return "said" if verb.lemma_.lower() in lex.said_verbs else "event"


def tense_for_span(doc: Doc, start: int, end: int) -> Tense:
    """Tense of the verb governing the characters ``[start, end)`` of ``doc`` (unmarked if unparsed)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unmarked"
    return span_tense(span, governor(span))
