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

__all__ = ["StanceLexicon", "asks_information", "is_not_claim", "phrase_in", "shares_head", "stance_of"]


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
    proposal_for_nouns: frozenset[str]
    belief_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    with_denials: frozenset[str]
    fabrication_verbs: tuple[tuple[str, ...], ...]
    accusation_verbs: frozenset[str]
    saying_verbs: frozenset[str]
    request_nouns: frozenset[str]

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
            proposal_for_nouns=frozenset(d["denies"]["proposal_for_nouns"]),
            belief_verbs=frozenset(d["denies"]["belief_verbs"]),
            speaker_pronouns=frozenset(d["denies"]["speaker_pronouns"]),
            with_denials=frozenset(d["denies"]["with_denials"]),
            fabrication_verbs=phrases(d["denies"]["fabrication_verbs"]),
            accusation_verbs=frozenset(d["denies"]["accusation_verbs"]),
            saying_verbs=frozenset(d["denies"]["saying_verbs"]),
            request_nouns=frozenset(d["declines"]["request_nouns"]),
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


_CONTRAST_CC = frozenset({"but", "yet"})


def shares_head(tok: Token) -> bool:
    """A verb coordinated with another, without a subject of its own, shares that verb's negation
    and auxiliaries ("would neither confirm nor deny") -- not a verb of its own subject ("X did not
    respond ..., but a spokesman said C") nor one after a contrasting "but"/"yet" ("declined to
    comment on D but said C", "did not confirm D but said C": a second statement)."""
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    cc = [t for t in tok.doc[tok.head.i + 1:tok.i] if t.dep_ == "cc" and t.head.i in (tok.head.i, tok.i)]
    return not (cc and cc[-1].lower_ in _CONTRAST_CC)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    # "would neither confirm nor deny": preconj/neg on the first conjunct (shares_head)
    return shares_head(tok) and any(c.dep_ == "neg" for c in tok.head.children)


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
        if lemma in lex.deny_verbs and not negated and any(
                c.dep_ in ("dobj", "obj") and asks_information(c, lex) for c in cue.children):
            return "declines"  # 'rebuffed several requests for interviews'

        if negated and lemma in lex.negated_decline_verbs and lemma not in lex.deny_verbs:
            return "declines"
        if negated and lemma in ("respond", "reply") and any(
                c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and asks_information(g, lex)
                                                              for g in c.children) for c in cue.children):
            return "declines"  # 'did not respond to emailed questions about C'
        if lemma in lex.decline_verbs:
            if lemma in ("decline", "refuse"):
                if _declines_to_say(cue, lex):
                    return "declines"
            else:
                return "declines"
        if any(w in lex.deny_as_nouns for w in as_words):
            return "asserts" if _rejects_proposal(cue, lex) else "denies"  # 'calling it "absurd"' after a proposal
    if attributed and phrase_in(content_words, lex.deny_phrases):
        return "denies"
    if attributed and content_root is not None:
        inner = _inner_root(content_root, lex)
        if _predicate_denies(content_root, lex) or (inner is not content_root and _predicate_denies(inner, lex)):
            return "denies"
        if _content_denies(inner, lex):
            return "denies"
        if _content_declines(inner, lex):
            return "declines"
    return "asserts"


def _inner_root(root: Token, lex: StanceLexicon) -> Token:
    """'he thought Fields had made up the story': the clause under a verb of belief (``belief_verbs``)
    whose subject is a speaker pronoun, at most two levels down."""
    r = root
    for _ in range(2):
        subj = next((c for c in r.children if c.dep_ == "nsubj"), None)
        if r.lemma_.lower() not in lex.belief_verbs or _negated(r) or subj is None \
                or subj.lower_ not in lex.speaker_pronouns:
            break  # ("voters believe the candidate made up the story": the voters' belief, not the source's)
        comp = next((c for c in r.children if c.dep_ == "ccomp"), None)
        if comp is None:
            break
        r = comp
    return r


def _main_verbs(root: Token) -> list[Token]:
    """The content's main verb and the verbs coordinated with it ('has no plans ... and would not
    identify ...')."""
    return [root, *(c for c in root.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ == "conj" or (c.dep_ == "ccomp" and c.i < root.i)))]  # '"I disavow these comments - I regret ..."'



def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:  # '"This was, in my view, made up"': the subject hung on the auxiliary
        subj = next((g for c in verb.children if c.dep_ in ("aux", "auxpass")
                     for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    return subj


def _fabricates(verb: Token, lex: StanceLexicon) -> bool:
    """'made up the story', 'fabricated the quote', 'This was made up': a verb of fabrication with a
    statement as object, or passive with a statement (or a pronoun standing for one) as subject."""
    words = [verb.lemma_.lower(), *(c.lower_ for c in verb.children if c.dep_ == "prt")]
    if not any(tuple(words[:len(p)]) == p for p in lex.fabrication_verbs):
        return False
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and _object_head(c).lemma_.lower() in lex.claim_nouns:
            return True
        if c.dep_ == "nsubjpass" and (c.lower_ in lex.statement_pronouns or c.lemma_.lower() in lex.claim_nouns):
            return True
    subj = _subject(verb)  # '"This was, in my opinion, made up"': 'was' as its auxiliary or coordinated
    passive = verb.dep_ == "conj" or any(c.dep_ == "auxpass" for c in verb.children)
    return verb.tag_ == "VBN" and passive and subj is not None and (
        subj.lower_ in lex.statement_pronouns or subj.lemma_.lower() in lex.claim_nouns)


def _false_statement_noun(root: Token, lex: StanceLexicon) -> bool:
    """'looking for publicity using categorically false claims', 'to create a false narrative': a
    statement noun (``claim_nouns``) with a denial adjective, not under a verb of accusing ('charged
    with filing a false report')."""
    for t in root.subtree:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in lex.claim_nouns or t.lemma_.lower() in lex.clause_only_nouns:
            continue
        adjectives = [g for a in t.children if a.dep_ == "amod" for g in (a, *a.conjuncts)]
        if not any(g.lower_ in lex.deny_as_nouns for g in adjectives):
            continue  # 'many inflammatory, insulting and false stories': a conjoined adjective too
        if any(a.lemma_.lower() in lex.accusation_verbs for a in t.ancestors if a.pos_ == "VERB"):
            continue
        if any(a.dep_ == "relcl" for a in _path(t, root)):
            continue  # 'a statute which pertains to "materially false" statements': another clause's
        if t.dep_ in ("nsubj", "nsubjpass") and not any(d.lower_ in _DEICTIC for d in t.children):
            continue  # 'false claims spread faster than true ones': a statement about such claims
        return True
    return False


_DEICTIC = frozenset({"these", "those", "this", "that", "such"})
"""Determiners by which a subject points at statements already made ("these false claims")."""


def _path(tok: Token, root: Token) -> list[Token]:
    """The tokens from ``tok`` up to (not including) ``root``."""
    out: list[Token] = []
    while tok.i != root.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _content_denies(root: Token, lex: StanceLexicon) -> bool:
    """Denials inside what the source says (the rules above the belief verbs in stance.toml)."""
    for v in _main_verbs(root):
        if _negated(v):
            continue
        lemma = v.lemma_.lower()
        subj = _subject(v)
        own = subj is not None and subj.lower_ in lex.speaker_pronouns
        if own and lemma in lex.deny_verbs and v.tag_ != "VBN" and \
                any(c.dep_ in ("dobj", "obj", "ccomp") for c in v.children) and \
                _rejects_statement(v, lemma, _as_object_nouns(v), lex) and not _rejects_proposal(v, lex):
            return True  # '"I disavow these comments," X said'
        if own and lemma in lex.with_denials:
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.lower_ not in lex.person_pronouns and (
                            obj.lower_ in lex.statement_pronouns or _has_that_clause(obj)
                            or _object_head(obj).lemma_.lower() in lex.claim_nouns):
                        return True  # '"We disagree strongly with those claims"'
        if lemma in lex.deny_verbs and lemma != "deny" and any(c.dep_ == "auxpass" for c in v.children) and \
                subj is not None and _object_head(subj).lemma_.lower() in lex.claim_nouns:
            return True  # 'their best arguments are easily refuted, they say'
        if _fabricates(v, lex):
            return True
        if lemma in ("call", "describe", "label", "brand") and any(w in lex.deny_as_nouns for w in _as_object_nouns(v)):
            return True  # '"... they call that a lie," he said'
    return _false_statement_noun(root, lex)


def _content_declines(root: Token, lex: StanceLexicon) -> bool:
    """'She said she ... would not identify any single issue': the source's own negated verb of
    telling with a modal, inside what the source says."""
    for v in _main_verbs(root):
        if not _negated(v) or v.lemma_.lower() in lex.deny_verbs:
            continue
        if v.lemma_.lower() not in lex.negated_decline_verbs or v.lemma_.lower() == "say":
            continue
        subj = _subject(v)
        if subj is None or subj.lower_ not in lex.speaker_pronouns:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("would", "will", "wo", "'d", "can", "ca", "could") for c in v.children):
            return True
    return False


def asks_information(obj: Token, lex: StanceLexicon) -> bool:
    """'a question', 'an interview', 'an interview request', 'requests for interviews': an object of
    refusing that asks the subject for information (``[declines] objects`` / ``request_nouns``)."""
    head = obj.lemma_.lower()
    if head in lex.decline_objects:
        return True
    if head not in lex.request_nouns:
        return False
    for c in obj.children:
        if c.dep_ == "compound" and c.lemma_.lower() in lex.decline_objects:
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and g.lemma_.lower() in lex.decline_objects for g in c.children):
            return True
    return False


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
    return any(_proposal_word(t, lex) for t in cue.doc[start:cue.i])


def _proposal_word(t: Token, lex: StanceLexicon) -> bool:
    """'proposed', 'an offer', or a noun that proposes with 'for' ("Trump's call for a ban")."""
    lemma = t.lemma_.lower()
    return lemma in lex.proposal_words or (lemma in lex.proposal_for_nouns and t.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in t.children))


def _predicate_denies(root: Token, lex: StanceLexicon) -> bool:
    """'it was a hoax', 'the reports are false', 'the claims are wrong': a copular content whose
    predicate is a denial noun (or, with a claim noun as subject, a claim predicate)."""
    if (root.lemma_.lower() != "be" and _norm(root.text) != "'s") or any(c.dep_ == "neg" for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if any(s.lemma_.lower() in lex.clause_only_nouns and _proposes(s) for s in subjects):
        return False  # 'the idea of a second bridge is absurd' judges a proposal
    claim_subject = any(_states(s, lex) for s in subjects)
    for c in root.children:
        if c.dep_ not in ("attr", "acomp"):
            continue
        if (c.lower_ in lex.claim_predicates or c.lower_ in lex.deny_as_nouns) and _judges_saying(c, root, lex):
            return True  # 'X was wrong to say C', 'wrong in their recollections that C', 'misleading to imply C'
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


def _states(subj: Token, lex: StanceLexicon) -> bool:
    """A subject that is a statement: a claim noun ('the claims are wrong'), a free relative of
    hearing or saying ('what you're hearing from Trump is wrong'), or people by what they say or
    think ('candidates who think C are wrong')."""
    if subj.lemma_.lower() in lex.claim_nouns:
        return True
    if (subj.dep_ == "csubj" and subj.lemma_.lower() in lex.saying_verbs) or \
            (subj.left_edge.lower_ == "what" and subj.pos_ in ("VERB", "AUX")):
        return True  # ("closing the plant would be wrong" judges an act, not a statement)
    return any(c.dep_ == "relcl" and c.lemma_.lower() in lex.saying_verbs and
               any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in c.children) for c in subj.children)


def _judges_saying(pred: Token, root: Token, lex: StanceLexicon) -> bool:
    """'wrong to say C', 'misleading to imply C', 'wrong in their recollections that C': the
    predicate judges a saying (an infinitive of ``saying_verbs``) or a statement ('in' + a claim noun)."""
    for c in (*pred.children, *root.children):
        if c.dep_ in ("xcomp", "ccomp") and c.i > pred.i and c.lemma_.lower() in lex.saying_verbs and \
                any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "about") and c.i > pred.i and any(
                g.dep_ == "pobj" and g.lemma_.lower() in lex.claim_nouns for g in c.children):
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
            return not _speaks(o)  # 'rejected any implication'; 'rebuff any nominee' rejects a person
        if head in lex.claim_nouns:
            return not (head in lex.clause_only_nouns and _proposes(o))
        if any(c.dep_ == "compound" and c.lemma_.lower() in lex.claim_nouns for c in o.children):
            return True  # 'the fraud claims' parses 'claims' as head; 'claim' compounds
    return False


def _speaks(noun: Token) -> bool:
    from .attribution_subjects import can_speak  # late: attribution_subjects loads the source registry

    return can_speak(noun)


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
        if c.dep_ in ("dobj", "obj") and asks_information(c, lex):
            return True
    return False


def is_not_claim(sentence_words: Sequence[str], lexicon: StanceLexicon | None = None) -> bool:
    """True for a sentence about the reporting itself (a request for comment)."""
    lex = lexicon or StanceLexicon.load()
    return phrase_in(sentence_words, lex.not_claim_phrases)
