"""Denials and refusals the clause-and-object rules miss (rules.v1, GUIDELINES.md "Stance": speech
acts are credited to the actor):

- a denial verb whose object is the relative gap: "a charge that X has always denied", "C, which
  X denied" -- what is denied is the antecedent (a noun, or the clause before a ", which");
- a bare denial verb coordinated with a clause: "C, but Moscow strongly denies." -- C;
- a negated verb of telling with nothing said: "He did not elaborate.", "X wouldn't comment for
  this story." -- the refusal is the content;
- "declined a question", "declined comment": a refusing verb whose object asks for information;
- phrasal denials: "pushed back on/against C", "hit back at C" (``phrasal_denials`` verbs + 'back');
- a second cue the parser coordinated into the content: "X insists C and refuses to answer
  questions" ("refuses" hung on C's verb, whose subject, "the deal", cannot speak) -- X's;
- findings: "A report found 'no evidence that ...'" -- 'find' with an object, when its subject is a
  report, study or investigation (``findings`` nouns).

Word lists: data/en/attribution_words.toml (``refusals``, ``phrasal_denials``, ``findings``) and
stance.toml (denial verbs, statement nouns and pronouns; read, not duplicated).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .attribution_subjects import can_speak, words
from .stance import StanceLexicon, asks_information, shares_head

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "asks_anonymity",
    "bare_denial_content",
    "decline_object_content",
    "evasion_content",
    "extra_cue",
    "finding_content",
    "gap_content",
    "is_phrasal_denial",
    "phrasal_content",
    "question_refusal_content",
    "refusal_content",
    "relative_cut",
    "second_actor",
    "second_cue",
    "states_object",
]

_RELATIVE_SUBJECTS = frozenset({"who", "that", "which"})
"""A relative pronoun as the speaker ("X, who declined to comment, ...") stays the source mention:
the tracker resolves it to its antecedent (attribution_mentions.py, how "relative")."""
_RELATIVE_OBJECTS = frozenset({"that", "which", "whom", "what"})
_REFUSING = frozenset({"decline", "refuse"})
_MAIN = frozenset({"ROOT", "conj", "parataxis"})
_THINGS = frozenset({"it", "this", "that"})


@functools.cache
def _lex() -> StanceLexicon:
    return StanceLexicon.load()


def _relative_clause(tok: Token) -> Token | None:
    """The relative clause verb ``tok`` heads or is coordinated into ("has faced ... and has
    always denied")."""
    if tok.dep_ == "relcl":
        return tok
    if tok.dep_ == "conj" and tok.head.dep_ == "relcl":
        return tok.head
    return None


def gap_content(tok: Token, sent: Span) -> tuple[int, int] | None:
    """A denial verb in a relative clause whose object is the relative word or the gap ('a charge
    that X has always denied', 'C, which X denied'): the antecedent noun phrase when it names a
    statement (stance.toml ``claim_nouns``: not "an offer X rebuffed"), or after a comma before
    'which' the clause the relative clause closes."""
    rel = _relative_clause(tok)
    if rel is None or tok.lemma_.lower() not in _lex().deny_verbs:
        return None
    objs = [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    if any(o.lower_ not in _RELATIVE_OBJECTS for o in objs):
        return None
    subj = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _RELATIVE_SUBJECTS:
        return None  # 'officials who denied' -- the antecedent speaks, nothing is its object
    ante = rel.head
    start = rel.left_edge.i
    doc = tok.doc
    if start > sent.start and doc[start - 1].text == "," and doc[start].lower_ == "which":
        clause = next((a for a in ante.ancestors if a.pos_ in ("VERB", "AUX")), None)
        a = clause.left_edge.i if clause is not None else sent.start
        return max(a, sent.start), start
    lex = _lex()
    if ante.lemma_.lower() not in lex.claim_nouns or ante.lemma_.lower() in lex.clause_only_nouns:
        return None  # "an offer the leadership rebuffed": no statement denied
    if ante.dep_ == "appos" and start > sent.start:  # ', a charge that X denied': what the charge restates
        return sent.start, ante.left_edge.i
    return ante.left_edge.i, ante.i + 1


def relative_cut(content: tuple[int, int], cue: Token) -> tuple[int, int]:
    """The content of another frame cut before a ', which X denied' closing it (the denial is X's)."""
    rel = _relative_clause(cue)
    if rel is None:
        return content
    a, b = content
    start = rel.left_edge.i
    if a < start <= cue.i < b and rel.right_edge.i + 2 >= b:
        return a, start
    return content


def bare_denial_content(tok: Token, sent: Span) -> tuple[int, int] | None:
    """'Officials say C, but Moscow strongly denies.': a denial verb with no object or complement,
    coordinated with a clause before it -- that clause (its clausal complement when it has one)."""
    if tok.dep_ != "conj" or tok.lemma_.lower() not in _lex().deny_verbs:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "attr", "oprd") for c in tok.children):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None  # 'X denied A and rejected B': the subject's own, handled as a cue of X
    head = tok.head
    comp = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i), None)
    if comp is not None:
        return comp.left_edge.i, comp.right_edge.i + 1
    end = min((c.i for c in head.children if c.dep_ == "cc" and c.i < tok.i), default=tok.left_edge.i)
    return max(head.left_edge.i, sent.start), end


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def refusal_content(tok: Token, first: int, sent: Span) -> tuple[int, int] | None:
    """'He did not elaborate.', 'X wouldn't comment for this story.': a negated verb of telling
    (``refusals``) that says nothing -- the content is the refusal itself (the verb group to the
    end of the sentence); its stance is that of the negated verb."""
    if tok.lemma_.lower() not in words("refusals") or not _negated(tok) or tok.dep_ not in _MAIN:
        return None  # "a vulnerability she did not reveal": the gap is the object, no refusal
    if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not asks_information(c, _lex()))
           for c in tok.children):
        return None  # ("did not answer questions about C": an object asking for information refuses)
    return first, _clause_end(tok, first, sent)


def decline_object_content(tok: Token) -> tuple[int, int] | None:
    """'X declined a question about C', 'X declined comment': the object of a refusing verb that
    asks for information (stance.toml ``[declines] objects``)."""
    if tok.lemma_.lower() not in _REFUSING:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or not asks_information(obj, _lex()):
        return None  # 'declined an interview request' asks; 'declined the offer' does not
    return obj.left_edge.i, obj.right_edge.i + 1


def evasion_content(tok: Token, first: int, sent: Span) -> tuple[int, int] | None:
    """'Asked whether ..., Johnson demurred.', 'X deflected numerous questions about C', 'she did her
    best to evade the question': a verb of evading (``evasions``) with no object, or with one that
    asks for information -- the object, or the verb group to the end of its phrase."""
    if tok.lemma_.lower() not in words("evasions") or _negated(tok):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None:
        if not asks_information(obj, _lex()):
            return None  # 'dodge taxes', 'sidestep federal efforts', 'deflect attention'
        return obj.left_edge.i, obj.right_edge.i + 1
    if tok.lemma_.lower() not in words("objectless_evasions") or any(
            c.dep_ in ("ccomp", "xcomp", "prep", "conj") for c in tok.children):
        return None  # "Residents ducked for cover", "The boxer parried and struck back": acts
    return first, _clause_end(tok, first, sent)


def _clause_end(tok: Token, first: int, sent: Span) -> int:
    """End of a refusal's own clause: the verb group to the end of its phrase, stopping before a
    coordinated clause ("did not answer questions about C, but her deputy said D") and trailing
    punctuation."""
    end = max(tok.right_edge.i + 1, first + 1)
    for k in range(tok.i + 1, end):
        t = sent.doc[k]
        if t.lower_ in ("but", ";", "while", "whereas") or (t.dep_ == "conj" and t.head.i == tok.i and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
            end = k
            break
    while end > tok.i + 1 and (sent.doc[end - 1].is_punct or sent.doc[end - 1].lower_ in ("and", "but")):
        end -= 1
    return min(end, sent.end)


def question_refusal_content(tok: Token, first: int, sent: Span) -> tuple[int, int] | None:
    """'X did not respond to emailed questions about C': a negated verb of answering
    (``question_refusals``) whose 'to' object asks for information -- the verb group to the end."""
    if tok.lemma_.lower() not in words("question_refusals") or not _negated(tok) or tok.dep_ not in _MAIN:
        return None
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if obj is None or not asks_information(obj, _lex()):
        return None
    return first, _clause_end(tok, first, sent)


def extra_cue(tok: Token) -> bool:
    """A verb outside reporting_verbs.txt that is a cue here: a phrasal denial ("pushed back") or a
    negated refusal verb ("did not elaborate")."""
    if tok.lemma_.lower() in words("evasions"):
        return evasion_content(tok, tok.i, tok.sent) is not None
    if tok.lemma_.lower() in words("question_refusals"):
        return question_refusal_content(tok, tok.i, tok.sent) is not None
    return phrasal_content(tok) is not None or (tok.lemma_.lower() in words("refusals") and _negated(tok)
                                      and tok.dep_ in _MAIN)


def is_phrasal_denial(tok: Token) -> bool:
    """'pushed back', 'hit back', 'fired back': a verb of ``phrasal_denials`` with 'back'."""
    return _back(tok) is not None or _off(tok) is not None


def _back(tok: Token) -> Token | None:
    if tok.lemma_.lower() not in words("phrasal_denials"):
        return None
    return next((c for c in tok.children if c.lower_ == "back" and c.dep_ in ("advmod", "prt") and c.i == tok.i + 1),
                None)


def _off(tok: Token) -> Token | None:
    """'brushed off', 'shrugged aside', 'waved away' (``dismissals``)."""
    if tok.lemma_.lower() not in words("dismissals"):
        return None
    return next((c for c in tok.children if c.lower_ in ("off", "aside", "away") and c.dep_ in ("advmod", "prt")
                 and tok.i < c.i <= tok.i + 3), None)


def phrasal_content(tok: Token) -> tuple[tuple[int, int], int, Token] | None:
    """'pushed back on/against C', 'hit back at C' when C is a statement (``states_object``):
    (content, last cue token, object head)."""
    if (off := _off(tok)) is not None:  # 'brushed off these concerns', 'shrugged off the report's findings'
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or not states_object(obj):
            return None
        return (obj.left_edge.i, obj.right_edge.i + 1), off.i, obj
    back = _back(tok)
    if back is None:
        return None
    for c in (*tok.children, *back.children):  # 'back against' is often parsed under 'back'
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at") and c.i > tok.i:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or not states_object(pobj):
                continue  # "pushed back on the plan", "hit back at Trump": no statement denied
            return (pobj.left_edge.i, pobj.right_edge.i + 1), c.i, pobj
    return None


def states_object(obj: Token) -> bool:
    """The object of a phrasal denial is a statement ('claims that C', 'those reports', 'it',
    'critics'), not a person or a plan ('pushed back on Trump', 'on the proposal')."""
    lex = _lex()
    if obj.lower_ in lex.person_pronouns:
        return False
    if obj.pos_ == "PRON" or obj.lower_ in lex.statement_pronouns:
        return True
    if obj.lemma_.lower() in lex.claim_nouns and obj.lemma_.lower() not in lex.clause_only_nouns:
        return True
    return any(c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
               for c in obj.children)


def finding_content(tok: Token, subj: Token) -> tuple[int, int] | None:
    """'A report found "no evidence that C"', 'The study found no link': 'find' with a direct
    object when its subject is a report, study or investigation (``findings``)."""
    if tok.lemma_.lower() != "find" or subj.lemma_.lower() not in words("findings"):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i < tok.i:
        return None
    return obj.left_edge.i, obj.right_edge.i + 1


def _finite_tag(tok: Token) -> str | None:
    """The tag of the finite verb of ``tok``'s verb chain ("continues to insist" -> VBZ)."""
    for t in (tok, *tok.ancestors):
        if t.tag_ in ("VBZ", "VBD", "VBP"):
            return t.tag_
        if t.dep_ != "xcomp":
            return None
    return None


def asks_anonymity(tok: Token) -> bool:
    """'X, who declined to be identified': a refusing verb with a passive complement (except
    stance.toml's ``passive_complements``, "declined to be interviewed") asks for anonymity and
    says nothing -- no claim of its own."""
    if tok.lemma_.lower() not in _REFUSING:
        return False
    return any(c.dep_ == "xcomp" and any(g.dep_ == "auxpass" for g in c.children)
               and c.lemma_.lower() not in _lex().passive_complements for c in tok.children)


def second_actor(tok: Token, content: tuple[int, int]) -> Token | None:
    """Who refuses in "X said Y would do C but would not comment on D" (``second_cue``'s refusal with a
    verb group of its own): Y, the subject the two verbs share, when Y can speak and is no pronoun
    ("Diplomats said Iran would attend the talks but would not comment on its missile programme":
    Iran declines; speech acts are credited to the actor); None when the speaker refuses ("the
    bridge would reopen in June but would not say when": the mayor)."""
    root = next((c for c in tok.children if c.dep_ == "ccomp" and c.left_edge.i == content[0]), None)
    subj = None if root is None else next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or not can_speak(subj):
        return None
    return subj


def second_cue(tok: Token, content: tuple[int, int], verbs: frozenset[str]) -> tuple[Token, int] | None:
    """'X insists the deal is legal and refuses to answer questions': a cue verb (in ``verbs``, or a
    refusal) coordinated with the root of ``tok``'s clausal content, without a subject of its own,
    when the content's subject cannot speak or its verb has an auxiliary the cue does not share --
    (the coordinated verb, the content's new end: before its conjunction).  With an auxiliary of its
    own the coordinated verb must be a negated refusal ("X said the budget would be balanced but
    would not say when")."""
    root = next((c for c in tok.children if c.dep_ == "ccomp" and c.left_edge.i == content[0]), None)
    if root is None:
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    # a negated content root would pass its negation to a cue that shares it (stance.shares_head:
    # "neither ... nor"), not to one after "but" ("taxes would not rise but declined to say ...")
    negated_root = any(c.dep_ == "neg" for c in root.children)
    # only a thing that is something ("the deal is legal") cannot also refuse; a finite verb cannot
    # share the content's auxiliary ("that he will fight on ... and refuses to answer")
    thing = not can_speak(subj) and (root.lemma_.lower() == "be" or subj.lower_ in _THINGS)
    modal = any(c.dep_ == "aux" for c in root.children)
    finite = _finite_tag(tok)
    for cj in root.children:
        if cj.dep_ != "conj" or cj.pos_ != "VERB" or cj.i >= content[1] or not (thing or modal):
            continue
        if negated_root and shares_head(cj):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in cj.children):
            continue
        if any(c.dep_ == "aux" for c in cj.children):
            # a verb group of its own ("... but would not say when"): only a refusal, which says nothing
            if _negated(cj) and extra_cue(cj):
                cc = next((c.i for c in root.children if c.dep_ == "cc" and c.i < cj.i), cj.left_edge.i)
                return cj, cc
            continue
        if cj.tag_ != finite:
            continue
        if cj.lemma_.lower() in verbs or extra_cue(cj):
            cc = next((c.i for c in root.children if c.dep_ == "cc" and c.i < cj.i), cj.left_edge.i)
            return cj, cc
    return None
