"""One claim per statement: the statements of one content (GUIDELINES.md "one claim per statement
per source").

A content, or a sentence in the outlet's own voice, holds two statements when its root verb is
coordinated with a full clause of its own: a conjunct with its own subject joined by "and",
"but" or "yet" ("North Korean soldiers are supporting Russian troops, and some may have been
killed"; "said A and that B"), or a contrasting ", while ..." clause.  Each part must be at least
MIN_PART_WORDS words.  Not split: coordinated noun phrases and verb phrases sharing one subject
(no subject of their own), "including ..." lists (not clauses), short conjuncts ("it is a global
conflict, and it affects everybody"), a split point inside a quotation (a quoted sentence is its
speaker's wording, kept whole), and a content governed by a condition ("if A, B and C").

Everything here reads the parse; which claims the parts become is attribution_claims' business.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["MIN_FRAME_WORDS", "MIN_PART_WORDS", "SPLIT_CLAUSES", "SPLIT_FRAMES", "Part", "clause_parts", "is_statement",
           "split_keeps", "statement_context"]

SPLIT_FRAMES = False
"""Two frames of one source mention with separate statements ("X called A, adding that B") give
two claims (False: one claim per source mention and sentence, as before).  Off by default: on the
seeds it leaves pairing as it is (0.545 -> 0.546) and costs hedged (0.977 -> 0.970;
eval/README.pairing.md, "One claim per statement")."""
SPLIT_CLAUSES = False
"""A content (or outlet-voice sentence) of coordinated full clauses gives one claim per clause
(clause_parts).  Off by default: on the seeds pairing falls 0.545 -> 0.505 and relation recall
1.000 -> 0.800 (a later part, "some may have been killed", no longer says who)."""
MIN_PART_WORDS = 5
"""A conjunct with fewer words (alphabetic tokens) than this stays with its neighbour: "and it
affects everybody" is a coda, not a statement to check on its own."""
MIN_FRAME_WORDS = 3
"""Fewest words of a content that is a statement of its own (is_statement)."""
_PREDICATES = frozenset({"oprd", "acomp", "attr"})
_CC = frozenset({"and", "but", "yet"})
_CONTRAST_MARKS = frozenset({"while", "whereas"})
_CONDITION_MARKS = frozenset({"if", "unless"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_JOINERS = re.compile(r"(?:[\W_]|\b(?:and|but|yet|while|whereas|that)\b)*", re.IGNORECASE)
"""What lies between two statements of one clause: punctuation and connectives."""
_LEADING = frozenset({"that", "while", "whereas"})
"""Dropped from the start of a later part: the complementiser of "and that B", the contrast mark."""


@dataclass(frozen=True, slots=True)
class Part:
    """One statement of a content: the token range [start, end) and its root."""

    start: int
    end: int
    root: Token


def is_statement(content: Span) -> bool:
    """Whether a frame's content states something of its own: a clause (it has a verb) or a small
    clause ("called the reports highly likely"), at least MIN_FRAME_WORDS words.  A noun phrase
    ("downplayed the reports", "asked about the allegation", "to discuss a security matter") names
    what a statement is about; it joins the same source's other frame in the sentence."""
    if sum(1 for t in content if t.is_alpha) < MIN_FRAME_WORDS:
        return False
    return any(t.pos_ in ("VERB", "AUX") or t.dep_ in _PREDICATES for t in content)


def _words(doc: Doc, a: int, b: int) -> int:
    return sum(1 for t in doc[a:b] if t.is_alpha)


def _conjuncts(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ == "conj":
            yield c
            yield from _conjuncts(c)


def _full_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in tok.children)


def _connector(doc: Doc, first: int, i: int) -> Token | None:
    """The word before token ``i`` (punctuation skipped), not before ``first``."""
    j = i - 1
    while j >= first and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return doc[j] if j >= first else None


def _joined(c: Token, first: int) -> bool:
    """Whether conjunct ``c`` follows its neighbour after "and", "but" or "yet"."""
    link = _connector(c.doc, first, c.left_edge.i)
    return link is not None and link.dep_ == "cc" and link.lower_ in _CC


def _heads(root: Token, first: int, end: int) -> list[Token]:
    """Heads of the later clauses coordinated with ``root`` inside [first, end)."""
    doc = root.doc
    out: list[Token] = []
    for c in _conjuncts(root):
        if root.i < c.i < end and _full_clause(c) and _joined(c, first):
            out.append(c)
    for c in root.children:
        if c.dep_ != "advcl" or not (root.i < c.i < end) or not _full_clause(c):
            continue
        edge = c.left_edge
        if edge.lower_ in _CONTRAST_MARKS and edge.i > first and doc[edge.i - 1].text == ",":
            out.append(c)
    return sorted(out, key=lambda t: t.left_edge.i)


def _conditional(root: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
               for c in root.children) or any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS
                                             for m in root.children)


def _trim(doc: Doc, a: int, b: int, *, later: bool) -> tuple[int, int]:
    while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text in ",;:\u2013\u2014-")
                     or (later and doc[a].lower_ in _LEADING and doc[a].dep_ == "mark")):
        a += 1
    while b > a and (doc[b - 1].is_space or (doc[b - 1].is_punct and doc[b - 1].text in ",;:\u2013\u2014-")
                     or (doc[b - 1].dep_ == "cc" and doc[b - 1].lower_ in _CC)):
        b -= 1
    return a, b


def clause_parts(doc: Doc, first: int, end: int, quoted: Callable[[int], bool] | None = None) -> list[Part]:
    """The statements of the content doc[first:end] (token indices), in text order.

    One part (the whole range) when it does not split.  ``quoted(char_index)`` tells whether a
    character of the doc lies inside a quotation; a split point inside one is not used.
    """
    roots = [t for t in doc[first:end] if (t.head.i == t.i or not first <= t.head.i < end)
             and not (t.is_punct or t.is_space or t.dep_ == "cc")]
    if not roots:
        return []
    root = roots[0]
    whole = [Part(first, end, root)]
    if root.pos_ not in ("VERB", "AUX") or _conditional(root):
        return whole
    # the parser may hang the second clause on the cue verb ("said A, and B": B conj of said)
    later = [r for r in roots[1:] if r.dep_ == "conj" and _full_clause(r) and _joined(r, first)]
    if len(later) != len(roots) - 1:
        return whole
    heads = [h for h in sorted([*_heads(root, first, end), *later], key=lambda t: t.left_edge.i)
             if not (quoted is not None and quoted(h.left_edge.idx))]
    while heads:
        cuts = [h.left_edge.i for h in heads]
        bounds = list(zip([first, *cuts], [*cuts, end], strict=True))
        spans = [_trim(doc, a, b, later=k > 0) for k, (a, b) in enumerate(bounds)]
        short = next((k for k, (a, b) in enumerate(spans) if _words(doc, a, b) < MIN_PART_WORDS), None)
        if short is None:
            return [Part(a, b, r) for (a, b), r in zip(spans, [root, *heads], strict=True)]
        heads.pop(max(short - 1, 0))  # the cut that opens the short part (or closes the first one)
    return whole


def split_keeps(part: tuple[int, int], parts: Sequence[tuple[int, int]], first: bool, a: int, b: int) -> bool:
    """Whether an item (a quantity, time or entity) at [a, b) belongs to the claim of ``part``
    among ``parts`` (character ranges of one source's statements in one sentence): a later part
    takes what overlaps its content; the first takes the rest of the sentence (the cue's side),
    so every item of the sentence lands in some claim."""
    if first:
        return not any(p != part and p[0] <= a and b <= p[1] for p in parts)
    return a < part[1] and part[0] < b


def statement_context(own: tuple[int, int], parts: Sequence[tuple[int, int]], sentence: tuple[int, int],
                      text: str) -> tuple[int, int]:
    """The stretch of the sentence that states ``own`` (character ranges): the sentence cut at the
    nearest other statement on either side, and at the statement itself where only punctuation
    and connectives (", and that") separate them.  "Officials said A, and B": A's context is
    "Officials said A", B's is "B"; the speaker's side stays with the statement next to it."""
    lo, hi = sentence
    for a, b in parts:
        if (a, b) == own:
            continue
        if b <= own[0]:
            lo = max(lo, own[0] if _JOINERS.fullmatch(text[b:own[0]]) else b)
        elif a >= own[1]:
            hi = min(hi, own[1] if _JOINERS.fullmatch(text[own[1]:a]) else a)
    return lo, hi
