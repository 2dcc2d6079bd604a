"""The counted thing of a number: its head noun in the parse, as a singular lemma.

"12,000 North Korean troops" -> troop; "over 1.5 million artillery shells" -> artillery shell;
"thousands of metric tons of munitions" -> metric ton; "several thousand infantry soldiers" ->
soldier (a noun that names people on its own drops its noun compounds; see
``standalone_heads`` in data/en/quantities.toml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimledger.extract.quantities_lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["MAX_UNIT_GAP", "collective_unit", "counted_noun", "unit_of"]

MAX_UNIT_GAP = 6
"""Most tokens between the end of a number and its counted noun ("20 Russian soldiers" is 1,
"12,000 North Korean troops" 2, '"several thousand" North Korean infantry soldiers' 4).  Set
with one token to spare over the longest gap in the seeds; a longer stretch is not a noun phrase
the number modifies."""

_SKIPPABLE_POS = frozenset({"ADJ", "PROPN", "NUM", "ADV"})
_SKIPPABLE_PUNCT = frozenset({"-", "–", '"', "“", "”", "'", "‘", "’"})


def _climb_compounds(tok: Token, limit: int) -> Token:
    """From a compound modifier to the noun it modifies ("artillery" -> "shells")."""
    while tok.dep_ == "compound" and tok.i < tok.head.i <= limit and tok.head.pos_ == "NOUN":
        tok = tok.head
    return tok


def _linear(doc: Doc, start: int) -> Token | None:
    """The first noun after ``start`` across adjectives, nationalities and hyphens."""
    end = min(len(doc), start + MAX_UNIT_GAP)
    for k in range(start, end):
        tok = doc[k]
        if tok.pos_ == "NOUN" and tok.dep_ == "npadvmod" and tok.head.i > tok.i and tok.head.pos_ in ("ADJ", "VERB"):
            continue  # a noun inside a modifier ("work-related messages", "battle-hardened troops")
        if tok.pos_ == "NOUN":
            return _climb_compounds(tok, end)
        if tok.pos_ in _SKIPPABLE_POS or tok.text in _SKIPPABLE_PUNCT or tok.tag_ == "VBN":
            continue
        return None
    return None


def counted_noun(doc: Doc, run_end: int, last: int) -> Token | None:
    """The noun counted by the number ending with token ``last`` (the run ends at ``run_end``)."""
    n = len(doc)
    noun: Token | None
    if run_end < n and doc[run_end].lower_ == "of":
        # partitive: "thousands of soldiers", "2,000 of the troops"
        k = run_end + 1
        while k < n and (doc[k].pos_ == "DET" or doc[k].tag_ == "PRP$"):
            k += 1
        noun = _linear(doc, k)
    else:
        head = doc[last].head
        near = head.i >= run_end and head.i - run_end < MAX_UNIT_GAP and head.pos_ == "NOUN"
        noun = head if near else _linear(doc, run_end)
    if noun is not None and not any(c.isalpha() for c in noun.text):
        return None  # a tagging slip on punctuation or digits
    return noun


def unit_of(doc: Doc, noun: Token, lex: Lexicon) -> str:
    """The counted thing as a singular lemma, with the noun compounds that name it."""
    lower = noun.lower_
    lemma = lex.lemma_overrides.get(lower) or noun.lemma_.lower() or lower
    if lemma in lex.standalone_heads:
        return lemma
    if noun.i > 0:
        pair = f"{doc[noun.i - 1].lower_} {lemma}"
        if pair in lex.multiword_units:
            return pair
    parts: list[str] = []
    k = noun.i - 1
    while k >= 0:
        tok = doc[k]
        if tok.dep_ != "compound" or tok.pos_ != "NOUN" or tok.ent_type_ or tok.head.i not in (noun.i, k + 1):
            break
        parts.append(tok.lower_)
        k -= 1
    parts.reverse()
    parts.append(lemma)
    return " ".join(parts)


def collective_unit(doc: Doc, last: int, lex: Lexicon) -> str | None:
    """'a population of 120,000', 'a crowd of more than 5,000': the members of the group noun whose
    "of" the number ending with token ``last`` depends on (quantities.toml ``collective_heads``)."""
    tok = doc[last]
    while tok.dep_ in ("compound", "quantmod", "nummod", "advmod") and tok.head.i != tok.i and tok.head.pos_ == "NUM":
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
        return None
    return lex.collective_heads.get(prep.head.lemma_.lower())
