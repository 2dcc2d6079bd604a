"""Frames whose cue is a noun: "X's claim that C", "a statement by X that C", "in X's view, C".

With ``attitudes=True`` (the PolNeAR evaluation only) also nouns of intention, desire, support
and judgment with a prepositional content ("her push for C", "Y's attacks on C"), an infinitive
after a noun of saying ("his promise to C"), and groups measured by a poll ("Clinton's support
among X").  Lists: data/en/cue_nouns.toml.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..datafiles import data_toml
from .attribution_forms import Frame
from .attribution_subjects import SPEAKER_ENTS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["attitude_nouns", "cue_nouns", "nominal_frames"]

_SOURCE_POS = frozenset({"PROPN", "NOUN", "PRON"})
_CONTENT_PREPS = frozenset({"of", "about", "on"})
"""Prepositions right after a cue noun that introduce its content ("criticism of the plan")."""
_ATTITUDE_PREPS = frozenset({"for", "against", "over", "toward", "towards", "with", "to"})
"""More of them for PolNeAR's nouns ("push for C", "attacks against C", "passion for C")."""


@functools.lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    data = data_toml("cue_nouns.toml")
    return {k: frozenset(str(w).lower() for w in v) for k, v in data.items()}


def cue_nouns() -> frozenset[str]:
    """Nouns of saying or believing (the ledger's nominal cues)."""
    return _lists()["speech"]


def attitude_nouns() -> frozenset[str]:
    """Nouns of intention, desire, support and effort (PolNeAR only)."""
    return _lists()["attitude"]


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)


def _speaker(tok: Token) -> bool:
    """A noun phrase that can hold a view: a name, a body, a group of people, a share of voters."""
    return tok.ent_type_ in SPEAKER_ENTS or tok.pos_ == "PROPN" or tok.tag_ == "NNS" or any(
        c.like_num or c.lower_ == "%" for c in tok.children)


def _noun_source(noun: Token, attitudes: bool) -> tuple[Token, str] | None:
    """(source head, the preposition or 'poss' that introduces it)."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ in _SOURCE_POS:
            return c, "poss"
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in _SOURCE_POS and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj, c.lower_
    if not attitudes:
        return None
    for c in noun.children:
        if c.dep_ != "prep" or c.i < noun.i:
            continue
        pobj = _pobj(c)
        if pobj is None or pobj.pos_ not in _SOURCE_POS:
            continue
        if c.lower_ == "among" and noun.lemma_.lower() in _lists()["group"] and _speaker(pobj):
            return pobj, "among"  # "her support among black voters"
    return None


def _noun_content(noun: Token, sent: Span, attitudes: bool, taken: str) -> tuple[tuple[int, int], int] | None:
    """(content, last cue token) of a cue noun; ``taken``: how its source is attached."""
    for c in noun.children:  # "the claim that C"
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return (c.left_edge.i, c.right_edge.i + 1), noun.i
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be":  # "His concern is that C", "her advice was to ..."
        for c in head.children:
            if c.dep_ in ("ccomp", "xcomp", "attr") and c.i > head.i:
                return (c.left_edge.i, c.right_edge.i + 1), noun.i
    if noun.dep_ == "pobj" and head.lower_ == "in" and noun.lower_ in _lists()["in_view"]:  # "in X's view, C"
        a, b = head.i, noun.right_edge.i + 1
        before, after = (sent.start, a), (b, sent.end)
        return (before if before[1] - before[0] >= after[1] - after[0] else after), noun.i
    preps = _CONTENT_PREPS | _ATTITUDE_PREPS if attitudes else _CONTENT_PREPS
    for c in noun.children:  # "declarations of victory", "criticism of the plan", "her push for C"
        if c.dep_ == "prep" and c.lower_ in preps and c.lower_ != taken and c.i == noun.i + 1:
            pobj = _pobj(c)
            if pobj is not None:
                return (pobj.left_edge.i, pobj.right_edge.i + 1), c.i
    if not attitudes:
        return None
    if noun.lemma_.lower() in cue_nouns():
        for c in noun.children:  # "his promise to build a wall", "their call to act"
            if c.dep_ == "acl" and c.i > noun.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return (c.left_edge.i, c.right_edge.i + 1), noun.i
    if taken == "among":  # "Clinton's support among X": the supported (or the support itself)
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            return (poss.left_edge.i, poss.right_edge.i + 1), noun.i
        return (noun.left_edge.i, noun.i + 1), noun.i
    return None


def nominal_frames(sent: Span, *, attitudes: bool = False) -> list[Frame]:
    """Frames whose cue is a noun: "X's claim that C", "a statement by X that C", "in X's view, C"."""
    out: list[Frame] = []
    speech, attitude = cue_nouns(), attitude_nouns()
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        if lemma not in speech and not (attitudes and lemma in attitude):
            continue
        found_source = _noun_source(tok, attitudes)
        if found_source is None:
            continue
        source, taken = found_source
        found = _noun_content(tok, sent, attitudes, taken)
        if found is None:
            continue
        content, last = found
        if content[1] <= content[0] or content[0] <= source.i < content[1]:
            continue
        out.append(Frame(cue_first=tok.i, cue_last=last, source=source, content=content, rule="noun"))
    return out
