"""The main predicate of a claim's content, its arguments and whether it is negated.

Read from spaCy's dependency parse of the content span (the parse is not stored, so this runs at
extraction and the result is part of the claim record, ``predicates``: one per coordinated full
clause, at most ``MAX_CLAUSES``).  Fusion compares two asserted claims by it: one predicate, the
same argument, one side negated -> they contradict (``fuse/relations_negation.py``).  GUIDELINES:
a statement and its negation by another source are a contradiction, whatever the stance words.

* the predicate is the content's highest word (its head outside the content), its lemma with a
  particle ("turn over"), plus verbs coordinated with it ("neither sent nor received" -> send,
  receive); for a copula it is the adjective ("her actions were not criminal" -> criminal); a
  judgement frame is looked through ("it is clear / true that X" -> X; "it is possible / likely that
  hostile actors gained access" -> gain under the modal "possible"), and so is a neutral reporting
  verb the content kept ("He said the company has ...");
* arguments: the agent (the subject of an active verb or a passive's "by" phrase; a personal
  pronoun kept as such: "she") and the themes (object, passive subject, the subject of an
  adjective, "of" after a quantifier: "thousands of emails" -> email; pronouns are no theme), and
  the obliques: prepositional objects and dates ("to Ukraine", "in 2020", "last year");
* not read: light and attitude verbs ("had a hard time", "does not believe that ..."), a noun
  after a copula ("X is not a Y", "there is no evidence"), a generalisation with a negative subject
  ("nobody has won"), a question ("whether X had not ...", "did X not ...?"), "it is not clear that
  X", a negation whose scope is elsewhere ("no longer lives", "did not explode until Tuesday", "not
  by Hamas but by Islamic Jihad", "not yet", "still not", "because of the storm"), an approximate
  negator ("hardly any aid", "few soldiers", "barely"); a modal ("couldn't win") is recorded and
  fusion skips it;
* negated: a "neg" child ("not", "n't", "never"; not "not only"), a "neither" coordination of
  verbs or arguments ("neither sent nor received", "sent neither troops nor weapons"), "no" or "not"
  on an argument ("no evidence"); "it is false that X" negates X and "it is not true that X" too.

Word lists: ``data/en/predicates.toml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..datafiles import data_toml
from ..models import Predicate

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["MAX_CLAUSES", "predicates_of"]

_AGENT = frozenset({"nsubj"})
_THEME = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_COMPLEMENT = frozenset({"acomp", "attr"})


@dataclass(frozen=True, slots=True)
class _Words:
    negating: frozenset[str]
    be: frozenset[str]
    neg_not_before: frozenset[str]
    preconj: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    quantifiers: frozenset[str]
    frames: frozenset[str]
    truth: frozenset[str]
    falsity: frozenset[str]
    personal: frozenset[str]
    modals: frozenset[str]
    light: frozenset[str]
    reporting: frozenset[str]
    drop_before: frozenset[str]
    drop_preps: frozenset[str]
    drop_conjunctions: frozenset[str]
    questions: frozenset[str]
    drop_adverbs: frozenset[str]
    approximate: frozenset[str]
    possibility: frozenset[str]


@functools.cache
def _words() -> _Words:
    d = data_toml("predicates.toml")

    def w(key: str) -> frozenset[str]:
        return frozenset(str(x) for x in d[key])

    return _Words(w("negating_words"), w("be_forms"), w("neg_not_before"), w("negating_preconj"),
                  w("negating_determiners"), w("negating_pronouns"),
                  w("quantifier_heads"), w("frame_adjectives"), w("truth_adjectives"), w("falsity_adjectives"),
                  w("personal_pronouns"), w("modals"), w("light_verbs"),
                  w("reported_through"), w("neg_drop_before"), w("neg_drop_preps"), w("neg_drop_conjunctions"),
                  w("question_marks"), w("neg_drop_adverbs"), w("approximate_negators"),
                  w("possibility_adjectives"))


def _top(span: SpacySpan) -> Token | None:
    """The content's highest word: the first whose head lies outside the content (or the root),
    the least deep when several do; None for an empty span or one with no verb or adjective."""
    best: tuple[int, int] | None = None
    top: Token | None = None
    for t in span:
        if t.is_punct or not (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i):
            continue
        depth, h = 0, t
        while h.head.i != h.i and depth < 64:
            h, depth = h.head, depth + 1
        if best is None or (depth, t.i) < best:
            best, top = (depth, t.i), t
    if top is None or top.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    return top


def _lemma(t: Token) -> str:
    base = t.text.lower() if t.pos_ == "PROPN" else t.lemma_.lower()
    prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
    return f"{base} {prt}" if prt else base


def _norm(t: Token) -> str:
    return t.lower_.replace("\u2019", "'")


def _is_be(t: Token, w: _Words) -> bool:
    return t.pos_ in ("AUX", "VERB") and (t.lemma_ == "be" or _norm(t) in w.be)


def _after(c: Token) -> str:
    return _norm(c.doc[c.i + 1]) if c.i + 1 < len(c.doc) else ""


def _not(c: Token, w: _Words) -> bool:
    """``c`` is "not", "n't" or "never" negating its head (not "not only")."""
    return (c.dep_ == "neg" or _norm(c) in w.negating) and _after(c) not in w.neg_not_before


def _negator(c: Token, w: _Words) -> bool:
    """``c`` negates its head: ``_not``, or "neither" of a coordination."""
    return _not(c, w) or (c.dep_ == "preconj" and c.lower_ in w.preconj)


def _negated_by_child(t: Token, w: _Words) -> bool:
    return any(_negator(c, w) for c in t.children)


def _approximate(t: Token, w: _Words) -> bool:
    """An approximate negator on the predicate or one of its arguments ("hardly any aid reached",
    "few soldiers survived", "barely damaged")."""
    def near(x: Token) -> bool:  # within three steps below ``t`` ("hardly" -> "any" -> "aid" -> verb)
        h, steps = x, 0
        while h.i != t.i and h.head.i != h.i and steps < 3:
            h, steps = h.head, steps + 1
        return h.i == t.i

    return any(_norm(x) in w.approximate and near(x) for x in t.subtree)


def _asks(t: Token, w: _Words) -> bool:
    """A clause that asks ("whether X had not ...") or a question ("did X not ...?")."""
    return any(c.dep_ == "mark" and c.lower_ in w.questions for c in t.children) \
        or any(x.text == "?" for x in t.subtree)


def _out_of_scope(t: Token, w: _Words) -> bool:
    """A negation of ``t`` whose scope is something else: "no longer", "not ... until Tuesday",
    "not by Hamas but by Islamic Jihad" (a "but" in the clause)."""
    if any(_norm(c) in w.drop_before and c.i > 0 and _norm(c.doc[c.i - 1]) in ("no", "not") for c in t.children) \
            or any(_after(c) in w.drop_before for c in t.children if c.dep_ in ("neg", "det", "advmod")):
        return True  # "no longer" (the parser hangs "no" on "longer", or on the verb)
    if not any(_not(c, w) for c in t.children):
        return False
    if any((c.dep_ == "prep" and c.lower_ in w.drop_preps)
           or (c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in w.drop_preps for g in c.children))
           or (c.dep_ == "advmod" and c.lower_ in w.drop_adverbs) for c in t.children):
        return True  # "not ... until Tuesday", "not ... because of the storm", "not yet", "still not"
    return any(x.dep_ == "cc" and x.lower_ in w.drop_conjunctions for x in t.subtree
               if x.head.i == t.i or x.head.head.i == t.i)


def _argument(t: Token, w: _Words, *, pronoun: bool = False) -> tuple[str | None, bool]:
    """(lemma, negates) of an argument head: None for a pronoun (a personal pronoun itself with
    ``pronoun``: agents); the noun after "of" for a quantifier ("thousands of emails"); negates for
    "no one", "nothing"."""
    if t.lower_ in w.pronouns or (t.lemma_.lower() == "one" and any(c.dep_ == "det" and c.lower_ in w.determiners
                                                                     for c in t.children)):
        return None, True
    # "no evidence", "not a single shot", "neither troops nor weapons" (not "not only the town")
    neg = any((c.dep_ == "det" and c.lower_ in w.determiners) or _negator(c, w) for c in t.children)
    if t.pos_ == "PRON":
        return (_norm(t) if pronoun and _norm(t) in w.personal else None), neg
    if t.lemma_.lower() in w.quantifiers or t.pos_ == "NUM":
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            inner, neg2 = _argument(obj, w)
            return inner, neg or neg2
    return (t.text.lower() if t.pos_ == "PROPN" else t.lemma_.lower()), neg


MAX_CLAUSES = 2
"""Predicates read per claim: the main clause's and those of clauses coordinated with it."""


def predicates_of(span: SpacySpan, offset: int = 0) -> tuple[Predicate, ...]:
    """The predicates of a content span (see the module docstring): the main clause's, then those
    of full clauses coordinated with it ("she neither sent nor received X, and that she turned over
    Y"), at most ``MAX_CLAUSES``; () when it has none.  ``offset``: added to the predicate words'
    character spans (the chunk's place in the document)."""
    w = _words()
    top = _top(span)
    if top is None:
        return ()
    heads = [top]
    k = 0
    while k < len(heads) and len(heads) < MAX_CLAUSES:
        heads += [c for c in heads[k].children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                  and span.start <= c.i < span.end and _own_clause(c)][:MAX_CLAUSES - len(heads)]
        k += 1
    found = (_predicate(h, w, offset) for h in heads)
    return tuple(p for p in found if p is not None)


def _own_clause(t: Token) -> bool:
    """A coordinated verb with its own subject or "that" is a clause of its own."""
    return any(g.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for g in t.children)


def _predicate(top: Token, w: _Words, offset: int) -> Predicate | None:
    flip = False
    possibility: str | None = None
    head = top
    report = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if report is not None and head.lemma_.lower() in w.reporting and not _negated_by_child(head, w):
        head = report  # a content that kept its cue ("He said the company has ..."): the reported clause
    if _is_be(head, w):
        comp = next((c for c in head.children if c.dep_ in _COMPLEMENT), None)
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "expl")), None)
        clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
        adj = comp.lemma_.lower() if comp is not None else ""
        if comp is not None and comp.pos_ == "ADJ" and subj is not None and subj.lower_ == "it" \
                and clause is not None and adj in w.frames | w.falsity | w.possibility:
            # "it is (not) true / false / clear / possible that X": the statement is X
            framed = _negated_by_child(head, w)
            truth = adj in w.truth | w.falsity
            if framed and not truth:
                return None  # "it is not clear / not possible that X": no statement of X
            flip = truth and ((adj in w.falsity) != framed)
            possibility = adj if adj in w.possibility else None
            head = clause
    if _asks(head, w) or _out_of_scope(head, w) or _approximate(head, w):
        return None
    negated = _negated_by_child(head, w)
    agent: str | None = None
    themes: list[str] = []
    obliques: list[str] = []
    if _is_be(head, w):
        comp = next((c for c in head.children if c.dep_ in _COMPLEMENT), None)
        if comp is None or not (comp.pos_ == "ADJ" or comp.dep_ == "acomp"):
            return None  # "X is not a Y": a class of nouns, compared poorly by its head word
        negated = negated or _negated_by_child(comp, w)
        lemmas = [comp.lemma_.lower()]
        subj = next((c for c in head.children if c.dep_ in _AGENT), None)
        if subj is not None:
            arg, neg = _argument(subj, w, pronoun=True)
            if neg:
                return None  # "nothing is certain": a generalisation
            if subj.pos_ == "PRON":
                agent = arg  # "she was not careless": compared as an agent
            elif arg is not None:
                themes.append(arg)
        word = comp
    else:
        if _norm(head) in w.modals or head.lemma_.lower() in w.modals:
            return None  # a parse that made the modal the verb ("I cannot and will not support")
        if head.lemma_.lower() in w.light:
            return None  # "had a hard time", "does not believe X": little or no statement of its own
        lemmas = [_lemma(head)]
        joined = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _own_clause(c)]
        lemmas += [_lemma(c) for c in joined]
        for c in head.children:
            if c.dep_ in _AGENT or c.dep_ == "agent":
                # the subject, or a passive's "by" phrase ("was attacked by drones")
                by = c if c.dep_ in _AGENT else next((g for g in c.children if g.dep_ == "pobj"), None)
                if by is None:
                    continue
                agent, neg = _argument(by, w, pronoun=True)
                if any(g.dep_ == "preconj" and g.lower_ in w.preconj for g in by.children):
                    negated = True  # "neither the police nor the army fired"
                elif neg:
                    return None  # "nobody has won ...", "nothing would make a difference": a generalisation
            elif c.dep_ in _THEME:
                arg, neg = _argument(c, w)
                if neg and c.dep_ == "nsubjpass":
                    return None  # "no one has been charged", or a misparse of "nobody's ever won"
                negated = negated or neg
                if arg is not None:
                    themes.append(arg)
        for conj in joined:
            themes += [a for a, _ in (_argument(c, w) for c in conj.children if c.dep_ in _THEME) if a is not None]
        # where, when, from what ("to Ukraine", "at Heathrow", "in 2020", "from Kherson"): a negation
        # of the predicate often is one of these ("did not send troops to Ukraine")
        # (the parser often hangs them on the object: "sent [troops to Ukraine]")
        holders = [head, *(c for c in head.children if c.dep_ == "dobj")]
        objects = [g for h in holders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ != "of"
                   for g in c.children if g.dep_ == "pobj"]
        objects += [x for g in objects for x in g.children if x.dep_ == "conj"]  # "the email and ... accounts"
        # a date without a preposition ("last year", "Tuesday")
        objects += [c for c in head.children if c.dep_ in ("npadvmod", "tmod") and c.ent_type_ in ("DATE", "TIME")]
        obliques = [a for a in (_argument(g, w)[0] for g in objects) if a is not None]
        word = head
    modal = next((_norm(c) for c in head.children if c.dep_ == "aux" and _norm(c) in w.modals), possibility)
    return Predicate(lemmas=tuple(dict.fromkeys(lemmas)), negated=negated != flip, agent=agent,
                     themes=tuple(dict.fromkeys(themes)), obliques=tuple(dict.fromkeys(obliques)), modal=modal,
                     start=word.idx + offset,
                     end=word.idx + len(word.text) + offset)

