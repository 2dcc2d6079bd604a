"""A learned cue test for verbs outside the lexicons (PolNeAR evaluation only, ``attitudes``).

PolNeAR annotates many verbs outside data/en/reporting_verbs.txt as cues in some of their uses
and not in others ("X released a statement" / "X released his tax returns", "X made the case
that C" / "X made a stop in Iowa").  A logistic model over the verb's lemma and its frame (which
complements it takes, what its object is, what kind of subject it has) says whether such a verb
with a subject is a cue.  The same model decides on a lexicon verb whose content the rules do
not find ("Kelly responded pointedly, with a smile"; rule "bare"), on the frames the rules find
(dropping unlikely ones: "X continues to lead"), and on a frame nested in another frame's content,
which PolNeAR keeps as a relation of its own ("The Latest: Sanders tells supporters C", "X
continues to tell Y C").  The weights (data/en/cue_model.tsv) were fitted on the PolNeAR *train*
split by eval/polnear_fit_cues.py; the dev split was not used.  Scoring is a sum of weights (no
numpy at run time).

The ledger never uses it: GUIDELINES.md takes reported statements only from the verbs of saying
and believing in the lexicon.
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import TYPE_CHECKING

from .sources import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .attribution_forms import Frame

__all__ = ["BARE", "CANDIDATE", "CANDIDATES", "CANDIDATE_ADJECTIVE", "LEARNED_SUBJECTS", "MODEL_FILE", "Outer",
           "context_features", "cue_features", "cue_probability", "frame_features", "is_learned_cue"]

MODEL_FILE = "cue_model.tsv"
CANDIDATE = "candidate"
"""The rule name of a verb outside the lexicons (no rule framed it)."""
BARE = "bare"
"""The rule name of a verb in the lexicons with a subject but no content the rules find ("Kelly
responded pointedly, with a smile", "X spoke over boos"): its content is the rest of its phrase."""
CANDIDATE_ADJECTIVE = "candidate-adjective"
"""The rule name of a predicate adjective outside the attitude list with a complement ("X is tired
of C"; attribution_forms.adjective_frames): a candidate like a verb outside the lexicons."""
CANDIDATES = frozenset({CANDIDATE, BARE, CANDIDATE_ADJECTIVE})
"""Rules whose frames are kept only at the candidate threshold (not found by a rule of their own)."""
LEARNED_SUBJECTS = frozenset({"PROPN", "NOUN", "PRON", "NUM"})
"""Parts of speech of the subjects of the verbs the model scores (and was fitted on)."""
_PRONOUN_KINDS = {"he": "person", "she": "person", "i": "first", "we": "first", "you": "second",
                  "they": "they", "it": "it", "who": "rel", "which": "rel", "that": "rel"}
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "prep", "advcl", "prt", "acomp", "oprd", "attr",
                          "agent", "neg", "npadvmod"})


def _subject_kind(subj: Token) -> str:
    low = subj.lower_
    if subj.pos_ == "PRON":
        return _PRONOUN_KINDS.get(low, "pron")
    if subj.ent_type_:
        return subj.ent_type_
    return subj.pos_


def cue_features(tok: Token, subj: Token) -> list[str]:
    """Feature names of a verb ``tok`` with the subject ``subj`` (shared by fitting and scoring)."""
    lemma = tok.lemma_.lower()
    kind = _subject_kind(subj)
    feats = [f"l={lemma}", f"s={kind}", f"t={tok.tag_}", f"d={tok.dep_}", f"l={lemma}|s={kind}",
             f"l={lemma}|t={tok.tag_}", f"sd={subj.dep_}"]
    deps: list[str] = []
    for c in tok.children:
        if c.dep_ not in _CLAUSE_DEPS or (c.i < tok.i and c.dep_ != "neg"):
            continue
        if c.dep_ == "prep":
            dep = f"prep:{c.lower_}"
        elif c.dep_ == "prt":
            dep = f"prt:{c.lower_}"
        else:
            dep = c.dep_
        deps.append(dep)
        if c.dep_ in ("dobj", "xcomp", "prep", "prt", "attr", "acomp"):
            head = c.lemma_.lower()
            if c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                head = f"{c.lower_}:{pobj.lemma_.lower() if pobj is not None else ''}"
            feats.append(f"l={lemma}|{c.dep_}={head}")
            feats.append(f"{c.dep_}={head}")
    for dep in dict.fromkeys(deps):
        feats.append(f"c={dep}")
        feats.append(f"l={lemma}|c={dep}")
        feats.append(f"s={kind}|c={dep}")
    if not deps:
        feats.append(f"l={lemma}|c=none")
    return feats


@functools.lru_cache(maxsize=1)
def _model() -> tuple[float, tuple[float, float, float], dict[str, float]]:
    """(bias, (threshold of rule frames, of candidate and bare verbs, of nested frames), weights)
    from data/en/cue_model.tsv.  A model file without a nested threshold keeps no nested frame."""
    bias = threshold = candidate = 0.5
    nested = 1.01
    weights: dict[str, float] = {}
    for line in (DATA_DIR / MODEL_FILE).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, value = line.rsplit("\t", 1)
        if name == "__bias__":
            bias = float(value)
        elif name == "__threshold__":
            threshold = float(value)
        elif name == "__threshold_candidate__":
            candidate = float(value)
        elif name == "__threshold_nested__":
            nested = float(value)
        else:
            weights[name] = float(value)
    return bias, (threshold, candidate, nested), weights


def _same_source(subj: Token, outer: Token | None) -> str:
    if outer is None:
        return "none"
    if outer.i == subj.i or outer.lower_ == subj.lower_:
        return "same"
    return "pron" if subj.pos_ == "PRON" else "other"


Outer = tuple["Token", "Token | None", str]
"""(cue, source, rule) of the frame whose content holds another frame's cue."""


_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "\u2018", "\u2019", "'"})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for lo, hi in itertools.pairwise(edges):
        if n < hi:
            return f"{lo}-{hi - 1}" if hi - 1 > lo else str(lo)
    return f"{edges[-1]}+"


def context_features(tok: Token, subj: Token, rule: str, frame: Frame, others: bool) -> list[str]:
    """Features of a frame in its sentence: a quotation mark next to the source-and-cue stretch
    (two tokens either side: '"C," he said' / 'he said: "C"'), where the content lies and how far
    from the cue and how long it is, whether the source follows the cue ('said X'), and whether
    another rule frame (not a candidate) is in the sentence (``others``)."""
    doc = tok.doc
    sent = tok.sent
    lo, hi = min(subj.left_edge.i, tok.i), max(tok.i, subj.right_edge.i)
    before = any(t.text in _QUOTE_MARKS for t in doc[max(sent.start, lo - 2):lo])
    after = any(t.text in _QUOTE_MARKS for t in doc[hi + 1:min(sent.end, hi + 3)])
    quote = f"{int(before)}{int(after)}"
    c0, c1 = frame.content
    if c0 > frame.cue_last:
        side, gap = "after", c0 - frame.cue_last - 1
    elif c1 <= frame.cue_first:
        side, gap = "before", frame.cue_first - c1
    else:
        side, gap = "in", 0
    where = f"{side}:{_bucket(gap, (0, 1, 2, 4))}"
    length = _bucket(c1 - c0, (0, 3, 7, 16))
    rs = int(others)
    return [f"q={quote}", f"r={rule}|q={quote}", f"l={tok.lemma_.lower()}|q={quote}", f"cd={where}", f"cl={length}",
            f"r={rule}|cd={where}", f"r={rule}|cl={length}", f"inv={int(subj.i > tok.i)}", f"rs={rs}",
            f"r={rule}|rs={rs}"]


def frame_features(tok: Token, subj: Token, rule: str, outer: Outer | None = None,
                   frame: Frame | None = None, others: bool = False) -> list[str]:
    """Features of a frame found by a rule (``rule``), of a candidate verb (rule "candidate") or
    of a lexicon verb without content (rule "bare").  ``outer``: (cue, source, rule) of the frame
    whose content holds this one's cue ("X said Y backed C"; PolNeAR keeps both relations).
    ``frame`` and ``others``: the frame itself and whether its sentence has another rule frame
    (context_features)."""
    feats = cue_features(tok, subj)
    feats += [f"r={rule}", f"r={rule}|l={tok.lemma_.lower()}", f"r={rule}|{feats[1]}", f"sl={subj.lemma_.lower()}"]
    if frame is not None:
        feats += context_features(tok, subj, rule, frame, others)
    if outer is not None:
        otok, osubj, orule = outer
        direct = "head" if tok.head.i == otok.i else "deep"
        feats += ["n=1", f"n|r={rule}", f"n|d={tok.dep_}", f"n|d={tok.dep_}|{direct}", f"n|l={tok.lemma_.lower()}",
                  f"n|ol={otok.lemma_.lower()}", f"n|or={orule}", f"n|same={_same_source(subj, osubj)}",
                  f"n|{feats[1]}", f"n|t={tok.tag_}"]
    return feats


def cue_probability(tok: Token, subj: Token, rule: str = CANDIDATE, outer: Outer | None = None,
                    frame: Frame | None = None, others: bool = False) -> float:
    bias, _thresholds, weights = _model()
    z = bias + sum(weights.get(f, 0.0) for f in frame_features(tok, subj, rule, outer, frame, others))
    return 1.0 / (1.0 + math.exp(-z))


def is_learned_cue(tok: Token, subj: Token, rule: str = CANDIDATE, outer: Outer | None = None,
                   frame: Frame | None = None, others: bool = False) -> bool:
    """True when the model puts the probability that ``subj`` is the source of a cue ``tok``
    (framed by ``rule``, a candidate verb outside the lexicons or a bare lexicon verb; inside the
    content of the frame ``outer``; ``frame`` and ``others`` as for frame_features) at or above the
    threshold of its kind."""
    _bias, thresholds, _weights = _model()
    kind = 2 if outer is not None else 1 if rule in CANDIDATES else 0
    return cue_probability(tok, subj, rule, outer, frame, others) >= thresholds[kind]
