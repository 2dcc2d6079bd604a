"""The speaker named between a closing quotation mark and the cue verb, found over the tokens.

'"C," Gene Sperling, a top adviser, said ...', '"C?" he told me.', '"C," The Post reported.':
the parser often hangs the name inside the quotation (as an appositive of a word of C, or as
the subject of a verb of C) and leaves the cue verb without a subject, or takes a noun after the
verb as its subject ('"C," Ramos, 58, told AFP').  The surface is plain, so it is read from the
tokens: a closing quotation mark (the quotation itself closes with , ? ! . or is followed by a
comma), a noun phrase (a name, a pronoun, a noun phrase) with appositives set off by commas, and
the cue verb.  The quotation may close in the sentence before ('"C?" / he told me.').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution_forms import CLOSE_QUOTES, MAX_QUOTE_BACK_TOKENS, OPEN_QUOTES, cue_lemma
from .attribution_subjects import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["MAX_NAME_TOKENS", "MAX_TAIL_TOKENS", "quote_tail"]

MAX_NAME_TOKENS = 8
"""Longest name or noun phrase between the quotation and its appositives ("Sen. John Smith")."""
MAX_TAIL_TOKENS = 40
"""Longest stretch (name and appositives) between the closing quotation mark and the verb."""
_QUOTE_END = frozenset({",", "?", "!", ".", "...", "\u2026", "\u2014", "-", "--"})
_NAME_START = frozenset({"PROPN", "PRON", "DET", "NOUN", "ADJ", "NUM"})
_NOT_NAME = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "ADP", "PART", "INTJ", "X", "SYM", "ADV"})
_OWN_CONTENT = frozenset({"ccomp", "xcomp", "acomp", "oprd", "attr"})
_ADDRESSEE = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "email", "text", "urge"})
"""Verbs whose object after the verb is the addressee ('"C," Ramos told AFP'), not the content."""
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
"""Finite verbs, and VBN for the small model's "Tweeted" after a name."""


def _closes(doc_tok: Token) -> bool:
    """A quotation mark attached to the word before it (a closing mark)."""
    doc = doc_tok.doc
    i = doc_tok.i
    return doc_tok.text in CLOSE_QUOTES and i > 0 and doc[i - 1].whitespace_ == "" and not doc[i - 1].is_space


def _opening(doc: Doc, close: int) -> int | None:
    """Index of the quotation mark that opens the quotation closed at ``close`` (a mark attached
    to the word after it), None when another quotation closes first."""
    for j in range(close - 1, max(-1, close - MAX_QUOTE_BACK_TOKENS - 1), -1):
        t = doc[j]
        if t.text in OPEN_QUOTES and t.whitespace_ == "" and j + 1 < close and not doc[j + 1].is_space \
                and doc[j + 1].text not in _QUOTE_END:
            return j
        if t.text == "\u201d" or (t.text in CLOSE_QUOTES and _closes(t)):
            return None
    return None


def quote_tail(tok: Token, sent: Span) -> tuple[Token, tuple[int, int], int, int] | None:
    """'"C," X, a consultant, said': the head of X, the token range of C (from the start of the
    sentence, or the whole quotation when it closed in the sentence before: '"C?" / he asked.'),
    and the token range of the name X (without appositives); None when the tokens do not read so."""
    if tok.tag_ not in _VERB_TAGS or tok.i == 0:
        return None
    doc = tok.doc
    end = tok.i
    if doc[end - 1].text == ",":
        end -= 1  # the comma closing an appositive
    # the closing quotation mark: the nearest one before the verb, within the tail
    close = None
    for j in range(end - 1, max(sent.start - 3, tok.i - MAX_TAIL_TOKENS - 1, -1), -1):
        t = doc[j]
        if t.text in CLOSE_QUOTES or t.text in OPEN_QUOTES:
            close = j if _closes(t) else None
            break
        if j < sent.start and not t.is_space:
            break
    if close is None:
        return None
    gap = [t for t in doc[close + 1:sent.start] if not t.is_space]
    if gap:
        return None  # a sentence boundary with words between
    if not (doc[close - 1].text in _QUOTE_END or (close + 1 < len(doc) and doc[close + 1].text == ",")):
        return None  # a title ('"The Apprentice" host Donald Trump said')
    start = max(close + 1, sent.start)
    while start < end and (doc[start].is_space or doc[start].text == ","):
        start += 1
    if start >= end:
        return None
    # the name: up to the first comma; the rest must be appositives closed by a comma before the verb
    name_end = next((t.i for t in doc[start:end] if t.text in (",", "(")), end)
    name = doc[start:name_end]
    if not 0 < len(name) <= MAX_NAME_TOKENS or name[0].pos_ not in _NAME_START or \
            any(t.pos_ in _NOT_NAME or t.text in (".", "?", "!", ":", ";") or "\n" in t.text for t in name):
        return None
    if name_end < end and doc[tok.i - 1].text != ",":
        return None  # '"C," X, who D, said' needs the closing comma
    if any(t.text in (".", "?", "!", ";", ":") or t.text in CLOSE_QUOTES or t.text in OPEN_QUOTES
           or "\n" in t.text for t in doc[name_end:end]):
        return None
    if any(c.i > tok.i and (c.dep_ in _OWN_CONTENT or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")) or (
            c.dep_ == "dobj" and cue_lemma(tok) not in _ADDRESSEE)) for c in tok.children):
        return None  # 'X said that D', 'X called it "a mistake"': the verb's own content
    if tok.tag_ == "VBN" and any(c.dep_ in ("agent", "auxpass", "nsubjpass") for c in tok.children):
        return None  # 'X, pressed by Y to release C, ...'
    if close < sent.start and cue_lemma(tok) not in words("speech"):
        return None  # '"C." / X showed up ...': only a speech verb takes a quotation closed before
    head = name.root
    if head.pos_ not in ("PROPN", "PRON", "NOUN", "NUM"):
        head = next((t for t in reversed(name) if t.pos_ in ("PROPN", "PRON", "NOUN")), head)
    if head.pos_ == "PRON" and head.lower_ not in ("he", "she", "they", "i", "we", "it", "you"):
        return None
    if close >= sent.start:  # 'They want to "C," X said': all of it is X's (a quotation begun in an
        return head, (sent.start, close), start, name_end  # earlier sentence continues it: attribution_claims)
    opening = _opening(doc, close)
    if opening is None:
        return None
    return head, (opening + 1, close), start, name_end
