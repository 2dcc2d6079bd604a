"""Frames whose cue is a preposition (PolNeAR only, ``attitudes=True``).

- "In a CBS News poll, she led 56 to 32": a poll, survey or study named in an 'in' phrase is the
  source of the clause it modifies;
- "To many, Santilli is a provocateur": a sentence opening with 'to', a person or group and a
  comma gives the view of that person or group.

Both only open the sentence: "leads in the polls" and "For Trump, the contest is ..." (tried on
the PolNeAR train sample) are mostly not annotated.

GUIDELINES.md does not make either a statement of the source (the ledger keeps the outlet's voice),
so find_frames calls this only for the PolNeAR evaluation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution_forms import Frame
from .attribution_subjects import words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["prepositional_frames"]

_PEOPLE_ENTS = frozenset({"PERSON", "NORP", "ORG"})
MIN_CLAUSE_TOKENS = 4
"""Fewest tokens after the opening phrase for it to frame a clause (not "For now, ...")."""


def _clause_after(prep: Token, sent: Span) -> tuple[int, int] | None:
    """The rest of the sentence after an opening 'prep NP,'."""
    a, b = prep.i, prep.right_edge.i + 1
    doc = sent.doc
    if a == sent.start or (a == sent.start + 1 and doc[sent.start].is_punct):
        k = b
        while k < sent.end and (doc[k].is_punct or doc[k].is_space):
            k += 1
        return (k, sent.end) if sent.end - k >= MIN_CLAUSE_TOKENS else None
    return None


def _viewer(pobj: Token) -> bool:
    return pobj.ent_type_ in _PEOPLE_ENTS or pobj.lower_ in words("viewers") or (
        pobj.pos_ == "PRON" and pobj.lower_ in ("him", "her", "them"))


def prepositional_frames(sent: Span) -> list[Frame]:
    """'In a poll, C' and 'To X, C' frames of one sentence (each opening it)."""
    out: list[Frame] = []
    for tok in sent:
        if tok.dep_ != "prep" or tok.lower_ not in ("in", "to", "for"):
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if tok.lower_ == "in" and pobj.lemma_.lower() in words("surveys"):
            content = _clause_after(tok, sent)  # opening the sentence only: "leads in the polls" is no source
        elif tok.lower_ == "to" and _viewer(pobj) and tok.head.pos_ in ("VERB", "AUX") \
                and tok.right_edge.i + 1 < sent.end and sent.doc[tok.right_edge.i + 1].text == ",":
            content = _clause_after(tok, sent)
        else:
            continue
        if content is None or content[0] <= pobj.i < content[1]:
            continue
        out.append(Frame(cue_first=tok.i, cue_last=tok.i, source=pobj, content=content, rule="preposition"))
    return out

