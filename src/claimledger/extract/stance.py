"""Stance of an attributed statement: asserts, denies or declines (to confirm or deny).

Rules (cue lists in data/en/stance.toml):
- a denial verb as the cue ("denied", "dismissed", "rejected") -> denies; negated ("did not
  refute", "did not deny") -> declines; only when what it rejects is a statement: "deny" unless it
  withholds ("denied him a hearing", "denied entry"), the other verbs when their object is a claim
  noun, a pronoun, a clause or "any ..." ("rejected the allegation", "dismissed claims that ...")
  and not an act ("rejected the offer", "dismissed the PM") -> asserts;
- "called / described / dismissed ... as <hoax|fake|lie ...>" -> denies;
- "declined / refused to <comment|confirm ...>" (active; "declined to be named" asks for
  anonymity), "declined to give details", "declined a question", "downplayed" -> declines;
- a negated confirmation ("did not confirm") -> declines;
- a decline phrase in the sentence ("would neither confirm nor deny", "our own concern") ->
  declines; a denial phrase in an attributed content ("no boots on the ground") -> denies;
- a copular content denying a claim ("the report is misleading", "the claims are wrong") -> denies;
- a denial or refusal verb as a gerund under "by"/"for"/... of a verb that is no speech act ("helped
  bring on the investigation by publicly denying that ...") is the outlet's description: asserts
  ("responded by denying that ..." still denies);
- a denial verb whose object is a pronoun or a bare "idea" after a proposal in the sentence or the
  one before ("Clinton proposed a debate ..., but Sanders rejected that") rejects the proposal:
  asserts.
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
    claim_predicates: frozenset[str]
    claim_nouns: frozenset[str]
    clause_only_nouns: frozenset[str]
    withhold_objects: frozenset[str]
    statement_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    decline_verbs: frozenset[str]
    decline_complements: frozenset[str]
    giving_verbs: frozenset[str]
    information_nouns: frozenset[str]
    decline_objects: frozenset[str]
    passive_complements: frozenset[str]
    decline_phrases: tuple[tuple[str, ...], ...]
    negated_decline_verbs: frozenset[str]
    not_claim_phrases: tuple[tuple[str, ...], ...]
    gerund_preps: frozenset[str]
    response_verbs: frozenset[str]
    proposal_words: frozenset[str]

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
            claim_predicates=frozenset(d["denies"]["claim_predicates"]),
            claim_nouns=frozenset(d["denies"]["claim_nouns"]),
            clause_only_nouns=frozenset(d["denies"]["clause_only_nouns"]),
            withhold_objects=frozenset(d["denies"]["withhold_objects"]),
            statement_pronouns=frozenset(d["denies"]["statement_pronouns"]),
            person_pronouns=frozenset(d["denies"]["person_pronouns"]),
            decline_verbs=frozenset(d["declines"]["verbs"]),
            decline_complements=frozenset(d["declines"]["complements"]),
            giving_verbs=frozenset(d["declines"]["giving_verbs"]),
            information_nouns=frozenset(d["declines"]["information_nouns"]),
            decline_objects=frozenset(d["declines"]["objects"]),
            passive_complements=frozenset(d["declines"]["passive_complements"]),
            decline_phrases=phrases(d["declines"]["phrases"]),
            negated_decline_verbs=frozenset(d["declines"]["negated_verbs"]),
            not_claim_phrases=phrases(d["not_claims"]["phrases"]),
            gerund_preps=frozenset(d["embedded"]["gerund_preps"]),
            response_verbs=frozenset(d["embedded"]["response_verbs"]),
            proposal_words=frozenset(d["denies"]["proposal_words"]),
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
        if (lemma in lex.deny_verbs or lemma in lex.decline_verbs) and _embedded_gerund(cue, lex):
            return "asserts"
        if lemma in lex.deny_verbs and lemma != "deny" and _rejects_proposal(cue, lex):
            return "asserts"
        negated = _negated(cue)
        as_words = _as_object_nouns(cue)
        if lemma in lex.deny_verbs and _rejects_statement(cue, lemma, as_words, lex):
            return "declines" if negated else "denies"
        if negated and lemma in lex.negated_decline_verbs and lemma not in lex.deny_verbs:
            return "declines"
        if lemma in lex.decline_verbs:
            if lemma in ("decline", "refuse"):
                if _declines_to_say(cue, lex):
                    return "declines"
            else:
                return "declines"
        if any(w in lex.deny_as_nouns for w in as_words):
            return "denies"
    if attributed and phrase_in(content_words, lex.deny_phrases):
        return "denies"
    if attributed and content_root is not None and _predicate_denies(content_root, lex):
        return "denies"
    return "asserts"


def _embedded_gerund(cue: Token, lex: StanceLexicon) -> bool:
    """'helped bring on the investigation by publicly denying that ...', 'criticised for refusing
    to comment': a gerund under a preposition of a verb that is not itself a response."""
    if cue.tag_ != "VBG" or cue.dep_ != "pcomp" or cue.head.lower_ not in lex.gerund_preps:
        return False
    governor = cue.head.head
    return governor.lemma_.lower() not in lex.response_verbs


def _rejects_proposal(cue: Token, lex: StanceLexicon) -> bool:
    """'Clinton proposed a debate on April 15, but Sanders rejected that' / '... rejected the idea
    as "ludicrous"': the object is a pronoun or a bare idea/suggestion (no that-clause), and a
    proposal word comes before the cue in its sentence or in the sentence before."""
    objs = [c for c in cue.children if c.dep_ in ("dobj", "obj")]
    if not objs or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return False
    o = objs[0]
    bare = o.lemma_.lower() in lex.clause_only_nouns and not _has_that_clause(o) and \
        not any(c.dep_ in ("poss", "compound", "amod", "prep") for c in o.children)
    if o.lower_ in lex.person_pronouns or not (o.pos_ == "PRON" or o.lower_ in lex.statement_pronouns or bare):
        return False
    sent = cue.sent
    start = sent.start
    if start > 0:
        start = cue.doc[start - 1].sent.start
    return any(t.lemma_.lower() in lex.proposal_words for t in cue.doc[start:cue.i])


def _predicate_denies(root: Token, lex: StanceLexicon) -> bool:
    """'it was a hoax', 'the reports are false', 'the claims are wrong': a copular content whose
    predicate is a denial noun (or, with a claim noun as subject, a claim predicate)."""
    if root.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lemma_.lower() in lex.clause_only_nouns and _proposes(s) for s in subjects):
        return False  # 'the idea of a second bridge is absurd' judges a proposal
    claim_subject = any(s.lemma_.lower() in lex.claim_nouns for s in subjects)
    for c in root.children:
        if c.dep_ not in ("attr", "acomp"):
            continue
        if _extraposed(root, c, subjects):
            continue  # 'it is absurd that ...', 'it was ridiculous to expect ...': an evaluation
        if c.lower_ in lex.deny_as_nouns:
            return True
        # 'a false claim', 'a baseless smear' deny; 'a false choice', 'a false equivalency' judge
        if c.lemma_.lower() in lex.claim_nouns and any(g.lower_ in lex.deny_as_nouns and g.dep_ in ("amod", "compound")
                                                        for g in c.children):
            return True
        if claim_subject and c.lower_ in lex.claim_predicates:
            return True
    return False


def _extraposed(root: Token, pred: Token, subjects: Sequence[Token]) -> bool:
    """'it is absurd that they waited', 'it was ridiculous to expect ...': expletive 'it' with a
    clause after the predicate -- the predicate judges that clause, not a statement."""
    if not any(s.lower_ == "it" for s in subjects):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > pred.i
               for c in (*root.children, *pred.children))


def _object_head(o: Token) -> Token:
    """'several of Trump's comments', 'most of the accusations': the noun after a partitive 'of'."""
    if o.pos_ in ("ADJ", "NUM", "DET", "PRON") or o.lower_ in ("several", "some", "many", "most", "both", "each",
                                                                  "none", "one", "two", "three", "all", "any"):
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return o


def _has_that_clause(noun: Token) -> bool:
    """'the notion that ...', 'rumors that ...': a clausal complement introduced by 'that'."""
    return any(c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
               for c in noun.children)


def _proposes(noun: Token) -> bool:
    """'the idea of a debate', 'the suggestion to meet', 'the idea for a summit': a proposal."""
    return any((c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
               or (c.dep_ == "prep" and c.lower_ in ("of", "for")) for c in noun.children)


def _rejects_statement(cue: Token, lemma: str, as_words: Sequence[str], lex: StanceLexicon) -> bool:
    """Whether a denial verb rejects a statement ('denied the allegation', 'rejected claims that
    ...', 'a claim both nations denied') rather than acting on something ('denied him a hearing',
    'rejected the offer', 'dismissed the prime minister')."""
    kids = list(cue.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if any(c.dep_ in ("ccomp", "xcomp") for c in kids):  # 'denied that ...', 'denied having ...'
        return True
    if lemma == "deny":
        if any(c.dep_ == "dative" for c in kids) or len([c for c in kids if c.dep_ == "dobj"]) > 1:
            return False  # 'denied him a hearing'
        return not any(o.lemma_.lower() in lex.withhold_objects for o in objs)
    if any(w in lex.deny_as_nouns for w in as_words):
        return True
    if not objs:  # 'a claim that X disputes', 'X dismissed.'
        return True
    for o in map(_object_head, objs):
        head = o.lemma_.lower()
        if o.lower_ in lex.person_pronouns:  # 'voters are rejecting him', 'dismissed her as ...'
            continue
        if o.pos_ == "PRON" or o.lower_ in lex.statement_pronouns or _has_that_clause(o):
            return True
        if any(c.dep_ == "det" and c.lower_ == "any" for c in o.children):
            return True
        if head in lex.claim_nouns:
            return not (head in lex.clause_only_nouns and _proposes(o))
        if any(c.dep_ == "compound" and c.lemma_.lower() in lex.claim_nouns for c in o.children):
            return True  # 'the fraud claims' parses 'claims' as head; 'claim' compounds
    return False


def _declines_to_say(cue: Token, lex: StanceLexicon) -> bool:
    """'declined to comment', 'refused to say whether', 'declined to give details', 'declined a
    question' -- not 'declined to be named', 'refused to endorse', 'declined by 5%'."""
    for c in cue.children:
        if c.dep_ in ("xcomp", "ccomp"):
            verbs = [c, *(g for g in c.children if g.dep_ == "conj")]
            for v in verbs:
                vl = v.lemma_.lower()
                passive = any(g.dep_ == "auxpass" for g in v.children)
                if passive:
                    if vl in lex.passive_complements:
                        return True
                    continue
                if vl in lex.decline_complements:
                    return True
                if vl in lex.giving_verbs and any(
                        g.dep_ in ("dobj", "obj") and g.lemma_.lower() in lex.information_nouns for g in v.children):
                    return True
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lex.decline_objects:
            return True
    return False


def is_not_claim(sentence_words: Sequence[str], lexicon: StanceLexicon | None = None) -> bool:
    """True for a sentence about the reporting itself (a request for comment)."""
    lex = lexicon or StanceLexicon.load()
    return phrase_in(sentence_words, lex.not_claim_phrases)
