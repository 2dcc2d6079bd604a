"""Who speaks: the subject of a cue verb, found through the parse and its usual slips.

- the verb's own subject (the nearest one), or a passive agent ("C was reported by X");
- a participle on a noun ("with a mercenary claiming C");
- a verb inheriting its subject from a cue verb it is coordinated with or hangs from ("X said
  C, adding that D"), from the verb controlling it ("X went on to say C", "X was quick to point
  out C", "X followed up by asking C", "X took the stage to acknowledge C"), but not from a verb
  of seeming ("X appeared to discuss C" is the writer's impression);
- a figure the parser did not make the subject ("About 4 in 10 say C");
- an inverted subject after the verb ('"C," said X', 'C, says X, a consultant.');
- a subject detached across a line break (a heading run into the next line);
- whether the object of "cite" can speak ("citing officials") or is a thing ("citing low growth").
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..datafiles import data_toml
from .attribution_forms import CLOSE_QUOTES, cue_lemma, reporting_verbs
from .sources import SourceRegistry

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["SPEAKER_ENTS", "can_speak", "cites_speaker", "controller", "coordinated_verb", "detached_subject",
           "inverted_subject", "subject_of", "words"]

_SUBJ = ("nsubj", "csubj")
_INHERIT_DEPS = frozenset({"advcl", "conj", "xcomp"})
_GERUND_PREPS = frozenset({"by", "after", "before", "without", "while", "in", "since", "upon", "on"})
"""Prepositions before a gerund whose subject is the main clause's ("after arguing C")."""


@functools.cache
def words(kind: str) -> frozenset[str]:
    """A list of data/en/attribution_words.toml, read on first use: ``speech`` (verbs of speech that
    frame a quotation around them: '"C," said X', '"C." / X asked.'), ``seem`` ("X seems Y" is the
    writer's impression of X unless what X seems to do is itself a cue), ``raising`` (verbs of
    seeming and raising together: "X appeared to discuss C" describes X), ``surveys``, ``viewers``."""
    data = data_toml("attribution_words.toml")
    if kind == "raising":
        return frozenset(data["seem"]) | frozenset(data["raising"])
    return frozenset(data[kind])


MAX_INVERTED_TOKENS = 12
"""Longest source noun phrase taken after a verb that follows a closing quotation mark without
the parse ('"...," said Sen. John Smith of Ohio.'); longer tails are clauses."""


def subject_of(tok: Token) -> Token | None:
    subj = [c for c in tok.children if c.dep_ in _SUBJ]
    if subj:
        best = min(subj, key=lambda c: abs(c.i - tok.i))  # "'That kind of ... is', Flynn said"
        return best.head if best.dep_ == "appos" else best
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "with a mercenary claiming ..."
        head = tok.head
        return head.head if head.dep_ == "appos" else head
    if tok.dep_ in _INHERIT_DEPS and (tok.head.lemma_.lower() in reporting_verbs() or (
            tok.tag_ == "VBG" and tok.dep_ == "advcl")):  # "..., adding that", "X smiled, telling the crowd"
        return subject_of(tok.head)
    if second_complement(tok):  # "X said C but declined to comment on D": X declined
        return subject_of(tok.head)
    if (ctl := controller(tok)) is not None:  # "X went on to say C", "X was quick to point out C"
        return subject_of(ctl)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and \
            tok.doc[tok.i - 1].text not in (",", *CLOSE_QUOTES):  # "X caucused ... and says C" (not "C, said X")
        if (own := _stranded_subject(tok)) is not None:
            return own
        return subject_of(tok.head)
    for c in tok.children:  # "About 4 in 10 say C", "42% say C": a figure the parser did not make the subject
        if c.i < tok.i and c.right_edge.i == tok.i - 1 and c.dep_ in ("nummod", "npadvmod", "dep") and \
                any(t.pos_ == "NUM" for t in c.subtree):
            return c
    if (hung := _hung_appositive(tok)) is not None:
        return hung
    return None


def _hung_appositive(tok: Token) -> Token | None:
    """'In an interview published by Der Spiegel, Chancellor Olaf Scholz said C': the parser made
    the speaker an appositive of the noun before the comma; a reporting verb without a subject takes
    the name that ends right before it, when it can speak."""
    if tok.i == 0 or tok.lemma_.lower() not in reporting_verbs():
        return None
    prev = tok.doc[tok.i - 1]
    cand = prev if prev.dep_ == "appos" else None
    if cand is None and prev.dep_ == "compound" and prev.head.dep_ == "appos" and prev.head.i == tok.i - 1:
        cand = prev.head
    if cand is None or cand.head.i >= cand.i or not any(t.text == "," for t in tok.doc[cand.head.i:cand.left_edge.i]):
        return None
    return cand if can_speak(cand) else None


_JOINING = frozenset({"and", "but", "yet"})


def second_complement(tok: Token) -> bool:
    """'X said C but declined to comment on D' parsed with "declined" as a second clausal complement
    of "said" (the "but" hung on C): a verb without a subject of its own, right after a conjunction
    that closes an earlier complement of the same verb, is coordinated with that verb."""
    if tok.dep_ != "ccomp" or tok.pos_ not in ("VERB", "AUX") or tok.left_edge.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in tok.children):
        return False
    cc = tok.doc[tok.left_edge.i - 1]
    if cc.dep_ != "cc" or cc.lower_ not in _JOINING:
        return False
    return any(c.dep_ == "ccomp" and c.i < cc.i <= c.right_edge.i + 1 for c in tok.head.children)


def coordinated_verb(tok: Token) -> bool:
    """A verb coordinated with the one it hangs from: a conjunct, or a second complement the
    parser made of one (``second_complement``)."""
    return tok.dep_ == "conj" or second_complement(tok)


def _stranded_subject(tok: Token) -> Token | None:
    """'The town has power and water and officials say C': the parser made "officials" one more
    object of "has" and left "say" without a subject.  A plural noun or a name right before the
    verb, after "and"/"but", hung as a conjunct of a noun, is the verb's own subject."""
    doc = tok.doc
    if tok.i < 2:
        return None
    prev = doc[tok.i - 1]
    if prev.dep_ != "conj" or prev.tag_ not in ("NNS", "NNPS", "NNP") or prev.head.pos_ not in ("NOUN", "PROPN"):
        return None
    first = prev.left_edge
    if first.i < 1 or doc[first.i - 1].lower_ not in ("and", "but"):
        return None
    return prev


def controller(tok: Token) -> Token | None:
    """The verb whose subject is the unexpressed subject of ``tok``: an infinitive complement of
    a verb without an object ("X went on to say", "X managed to underscore"), or of an adjective
    ("X was quick to point out"); a gerund after "by" ("X followed up by asking").  A verb with an
    object passes the infinitive to the object ("X urged Y to say"), and a verb of seeming is the
    writer's ("X appeared to discuss"): None."""
    head = tok.head
    if tok.dep_ == "xcomp" and tok.tag_ == "VB" and head.i != tok.i and cue_lemma(head) not in words("raising"):
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and \
                not any(c.dep_ in ("dobj", "dative", "ccomp") for c in head.children):
            return head
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head.lower_ in _GERUND_PREPS and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "X followed up by asking C", "X left without mentioning C"
    if tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and head.pos_ in ("VERB", "AUX") and cue_lemma(head) not in words("raising"):
        return head  # "X took the stage to acknowledge C"
    return None


def inverted_subject(tok: Token) -> Token | None:
    """'C, reported Daily NK' / 'C, said the official': the source after the verb."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text not in (",", *CLOSE_QUOTES) or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    nxt = tok.i + 1
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubj", "attr") and c.left_edge.i == nxt and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    # the parser hung the verb elsewhere ('"...," said Pavone.', 'C, says Evan Tracey, a consultant.'):
    # a noun phrase ending the sentence or closed by a comma
    if tok.lemma_.lower() in words("speech") and (doc[tok.i - 1].text in CLOSE_QUOTES or tok.i - tok.sent.start > 2):
        end = next((t.i for t in doc[nxt:tok.sent.end] if t.text in (",", "(", "\u2014")), tok.sent.end)
        while end > nxt and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        span = doc[nxt:end]
        if 0 < len(span) <= MAX_INVERTED_TOKENS and span[0].pos_ in ("PROPN", "DET", "NOUN", "ADJ") and \
                not any(t.pos_ in ("VERB", "AUX") and not _attributive(t, span) for t in span):
            root = span.root
            return root if root.pos_ not in ("VERB", "AUX") else span[-1]
    return None


def _attributive(tok: Token, span: Span) -> bool:
    """A participle inside a title before a name ('said Oversight ranking Democrat Elijah
    Cummings', 'said acting director John Smith'), which the parser makes the clause's verb: a
    gerund form followed by a noun of the phrase, the phrase ending with a proper noun."""
    return tok.tag_ == "VBG" and tok.i + 1 < span.end and tok.doc[tok.i + 1].pos_ in ("PROPN", "NOUN") \
        and span[-1].pos_ == "PROPN"


def detached_subject(tok: Token, sent: Span) -> Token | None:
    """A subject the parser attached across a line break (a heading run into the next line):
    the first noun of the sentence whose head lies outside it."""
    if tok.dep_ != "ROOT" or any(c.dep_ in ("nsubjpass", "auxpass", "expl") for c in tok.children):
        return None
    for t in sent:
        if t.i >= tok.i:
            return None
        if t.pos_ in ("NOUN", "PROPN", "PRON") and not (sent.start <= t.head.i < sent.end):
            return t
    return None


SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity types that can speak."""


@functools.lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    """Heads of noun phrases that can speak: people and bodies (also common nouns of bodies: "the
    union", "rights groups"), and documents that speak for their authors (sources.toml vocabulary)."""
    reg = SourceRegistry.load()
    return reg.words("anonymous_heads") | reg.words("document_heads") | reg.words("organisation_heads") \
        | reg.words("organisation_nouns")


def can_speak(tok: Token) -> bool:
    """A noun phrase head that can speak: a personal pronoun, a person, body or place, a name, or a
    speaker noun ("officials", "the report"); not "the deal", "prices"."""
    if tok.pos_ == "PRON":
        return tok.lower_ in _PERSONAL
    return tok.ent_type_ in SPEAKER_ENTS or tok.pos_ == "PROPN" or tok.lemma_.lower() in _people()


@functools.lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    """One-word heads of noun phrases that can speak: _speaker_nouns with roles and person nouns."""
    reg = SourceRegistry.load()
    return _speaker_nouns() | {w for w in reg.words("roles") | reg.words("person_nouns") if " " not in w}


_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "who"})


def cites_speaker(tok: Token, obj: Token) -> bool:
    """'cited Y as saying C', 'citing officials', 'citing Reuters': Y speaks; 'cited the tax as a
    reason', 'citing low growth' cite a thing (the citer is the source)."""
    if any(g.dep_ == "ccomp" and g.head.lemma_.lower() in reporting_verbs() and g.head.i > obj.i
           for c in tok.children if c.dep_ in ("advcl", "xcomp", "prep", "pcomp") for g in c.subtree):
        return True  # "as saying C"
    if obj.pos_ == "PRON":
        return obj.lower_ in ("him", "her", "them")
    return obj.ent_type_ in SPEAKER_ENTS or obj.pos_ == "PROPN" or obj.lemma_.lower() in _speaker_nouns()
