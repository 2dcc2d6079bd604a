"""Attribution frames in one sentence: cue, source mention, content (and intermediaries).

Rules over the dependency parse (``extract.attribution.rules.v1``):

- a reporting verb (data/en/reporting_verbs.txt) with a subject and a clausal complement:
  "X said (that) C", "X told Y C", "X posted ... saying C", "X believes C";
- the same verb after a fronted content: "C, X said" (ccomp, parataxis or a content root);
- speech verbs with an object: "X denied C", "X dismissed C as a hoax", "X called C 'likely'";
- a passive agent: "C, as reported by X";  a participle on a noun: "with X claiming C";
- "according to X" (content = the rest of the sentence);
- "X cited Y as saying C" and "Citing Y, X reported C": source Y, via X;
- via: the object of "told"/"confirmed to" and "in an interview with" when it names an outlet
  (the caller keeps outlets only and drops the publishing outlet);
- headline style "Source: content" at the start of a line.

A frame whose cue lies inside another frame's content is dropped (the outer speaker owns it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sources import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Frame", "find_frames", "reporting_verbs"]

_SUBJ = ("nsubj", "csubj")
_OBJECT_CUES = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "rebut", "rebuff", "confirm", "downplay",
                          "describe", "call", "acknowledge", "admit", "announce", "reveal",
                          "debunk", "contradict", "label", "brand", "characterize", "characterise",
                          "criticize", "criticise", "praise", "blame", "accuse", "defend", "propose", "demand",
                          "discuss", "question", "decry", "condemn", "slam", "blast", "applaud",
                          "welcome", "recommend", "advocate", "mention", "urge"})
_DESCRIBE = frozenset({"describe", "call", "label", "brand", "characterize", "characterise", "dismiss", "deride"})
_VIA_VERBS = frozenset({"tell", "inform", "brief", "confirm", "say", "write", "explain", "reveal", "admit",
                        "acknowledge", "disclose", "describe", "state"})
_INHERIT_DEPS = frozenset({"advcl", "conj", "xcomp"})
MAX_CONJ_SOURCES = 3
"""'Moscow and Pyongyang deny ...': one claim per conjoined source, at most this many."""
MAX_QUOTE_BACK_TOKENS = 300
"""Longest quotation (in tokens) credited to a speaker named after it in the next sentence."""
_SPEECH = frozenset({"say", "add", "tell", "write", "state", "remark", "explain", "continue", "insist", "conclude",
                     "declare", "reply", "respond", "note", "argue", "warn", "recall", "joke", "quip"})
MIN_FRONTED_TOKENS = 3
"""Fewest tokens a fronted content ("C, X said") may have; shorter stretches are adverbials
("Previously, ..."). Checked by hand on the PolNeAR train split."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Frame:
    """One attribution in a sentence, in Doc token indices."""

    cue_first: int
    cue_last: int
    source: Token | None
    """Head of the source noun phrase (None for a headline source given as text)."""
    source_text: str | None = None
    """Headline source ("Blinken: ..."), when there is no parsed noun phrase."""
    content: tuple[int, int]
    """Token range [start, end) of the content."""
    via: tuple[Token, ...] = ()
    """Heads of intermediaries, nearest to the source first."""
    via_any_kind: bool = False
    """True when ``via`` comes from 'cited ... as saying' / 'citing' (not only outlets)."""
    verb: Token | None = None
    """The cue verb (for stance and negation)."""
    rule: str = "verb"


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas from data/en/reporting_verbs.txt."""
    lines = (DATA_DIR / "reporting_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _trim(doc_span: Span, a: int, b: int) -> tuple[int, int]:
    doc = doc_span.doc
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("that", "and", "but")):
        if doc[a].lower_ == "that" and doc[a].dep_ != "mark":
            break
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _subject(tok: Token) -> Token | None:
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
        return _subject(tok.head)
    return None


def _inverted(tok: Token) -> Token | None:
    """'C, reported Daily NK' / 'C, said the official': the source after the verb."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text not in (",", "\u201d", '"') or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    nxt = tok.i + 1
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubj", "attr") and c.left_edge.i == nxt and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


def _detached_subject(tok: Token, sent: Span) -> Token | None:
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


def _via(tok: Token) -> list[Token]:
    out: list[Token] = []
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("dative", "dobj") and lemma in ("tell", "inform", "brief") and c.pos_ in ("PROPN", "NOUN"):
            out.append(c)
        elif c.dep_ in ("prep", "dative") and c.lower_ == "to" and lemma in _VIA_VERBS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    for g in tok.subtree:  # "in/during an interview with CNN", wherever the parser attached it
        if g.dep_ == "pobj" and g.head.lower_ in ("in", "during", "on") and \
                g.lemma_.lower() in ("interview", "appearance", "conversation"):
            for p in g.children:
                if p.dep_ == "prep" and p.lower_ in ("with", "to", "on"):
                    out.extend(x for x in p.children if x.dep_ == "pobj")
            out.extend(x for x in g.children if x.dep_ in ("compound", "poss") and x.pos_ == "PROPN")
    return out


def _content_of(tok: Token, sent: Span, subj: Token | None) -> tuple[int, int] | None:
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and lemma in ("decline", "refuse")):
            a, b = _subtree_range(c)
            if subj is not None and b <= subj.left_edge.i and subj.i < tok.i and a - sent.start <= 2:
                return sent.start, subj.left_edge.i  # '"C1, C2," X said': the whole fronted quotation
            return a, b
    for c in tok.children:  # "posted on Telegram saying that C", "cited X as saying C"
        if c.dep_ in ("advcl", "xcomp", "prep", "pcomp") and c.lemma_.lower() in ("say", "as", "write", "state"):
            for g in c.subtree:
                if g.dep_ == "ccomp" and g.head.lemma_.lower() in reporting_verbs():
                    return _subtree_range(g)
    if lemma in _OBJECT_CUES:
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr", "xcomp", "pcomp")), None)
        if obj is not None:
            a, b = _subtree_range(obj)
            for c in tok.children:
                if c.i > obj.i and ((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "acomp")):
                    b = max(b, c.right_edge.i + 1)
            return a, b
    # "C, as reported by X": the clause the passive reporting verb modifies
    if tok.dep_ == "advcl" and any(c.dep_ == "agent" for c in tok.children) and (
            any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or tok.doc[tok.i - 1].lower_ == "as"):
        a, b = _subtree_range(tok)
        before, after = (sent.start, a), (b, sent.end)
        return before if before[1] - before[0] >= after[1] - after[0] else after
    # fronted content: "C, X said" -- the verb ends the sentence (or heads a parataxis)
    left = min(tok.i, subj.left_edge.i if subj is not None else tok.i)
    if tok.dep_ == "parataxis" or (tok.dep_ == "ROOT" and left - sent.start >= MIN_FRONTED_TOKENS):
        if tok.dep_ == "parataxis":
            a, b = sent.start, tok.left_edge.i
            if b - a < MIN_FRONTED_TOKENS:  # "X said: C" parsed as parataxis of C
                a, b = tok.right_edge.i + 1, sent.end
            return a, b
        fronted = [c for c in tok.children if c.i < left and c.dep_ in ("ccomp", "advcl", "dep", "parataxis")]
        if fronted or any(t.text in ",\u201d\"" for t in sent.doc[max(sent.start, left - 2):left]):
            return sent.start, left
    return None


def _preceding_quote(sent: Span) -> tuple[int, int] | None:
    """Token range of a quotation that closes just before ``sent`` ('"...," / Trump said.')."""
    doc = sent.doc
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text not in ("\u201d", '"'):
        return None
    for j in range(i - 1, max(-1, i - MAX_QUOTE_BACK_TOKENS), -1):
        if doc[j].text in ("\u201c", '"'):
            return j + 1, i
        if doc[j].text == "\u201d":
            return None
    return None


def _according(tok: Token, sent: Span) -> Frame | None:
    to = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if to is None or to.lower_ != "to":
        return None
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((g for g in tok.subtree if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    a, b = tok.left_edge.i, max(tok.right_edge.i, pobj.right_edge.i) + 1
    before, after = (sent.start, a), (b, sent.end)
    content = before if before[1] - before[0] >= after[1] - after[0] else after
    return Frame(cue_first=tok.i, cue_last=to.i, source=pobj, content=content, rule="according")


def _cite(tok: Token, sent: Span) -> Frame | None:
    """'X cited Y as saying C' (source Y, via X) and 'Citing Y, X reported C'."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    if obj is None:
        return None
    if tok.dep_ in ("advcl", "prep", "acl") and tok.tag_ == "VBG":  # "Citing Y, X reported C"
        head = tok.head
        via = _subject(head)
        content = _content_of(head, sent, via) or (tok.right_edge.i + 1, sent.end)
        if content[0] <= tok.i < content[1]:
            content = (tok.right_edge.i + 1, content[1])
        return Frame(cue_first=tok.i, cue_last=tok.i, source=obj, content=content,
                     via=(via,) if via is not None else (), via_any_kind=True, verb=head, rule="citing")
    via = _subject(tok)
    found = _content_of(tok, sent, via)
    if found is not None:
        content = found
    if found is None or (content[0] <= obj.i < content[1]):
        left = via.left_edge.i if via is not None else tok.i
        content = (sent.start, left) if left - sent.start >= MIN_FRONTED_TOKENS else (obj.right_edge.i + 1, sent.end)
    return Frame(cue_first=tok.i, cue_last=tok.i, source=obj, content=content,
                 via=(via,) if via is not None else (), via_any_kind=True, verb=tok, rule="cite")


def _headline(sent: Span) -> Frame | None:
    """'Blinken: US must halt ...' at the start of a line."""
    doc = sent.doc
    if sent.start > 0 and "\n" not in doc[sent.start - 1].text_with_ws:
        return None
    colon = next((t for t in sent[:6] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    left = doc[sent.start:colon.i]
    if not all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("of", "the", "'s", "\u2019s") for t in left):
        return None  # a name, in title case ("Blinken", "The NYT"), not a clause
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[colon.i + 1:sent.end]):
        return None
    return Frame(cue_first=colon.i, cue_last=colon.i, source=None, source_text=left.text,
                 content=(colon.i + 1, sent.end), rule="headline")


def find_frames(sent: Span) -> list[Frame]:
    """The attribution frames of one sentence, outermost first."""
    verbs = reporting_verbs()
    frames: list[Frame] = []
    head = _headline(sent)
    if head is not None:
        frames.append(head)
    cited_heads: set[int] = set()
    for tok in sent:
        low = tok.lower_
        if low == "according":
            f = _according(tok, sent)
            if f is not None:
                frames.append(f)
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or lemma not in verbs:
            continue
        if lemma == "cite":
            f = _cite(tok, sent)
            if f is not None:
                frames.append(f)
                if f.rule == "citing" and f.verb is not None:
                    cited_heads.add(f.verb.i)
            continue
        subj = _subject(tok)
        if subj is not None and not (sent.start <= subj.i < sent.end):  # subject in a heading above
            subj = _detached_subject(tok, sent)
        if subj is None and (subj := _inverted(tok)) is not None:
            content: tuple[int, int] | None = (sent.start, tok.i - 1)
        elif subj is None and (subj := _detached_subject(tok, sent)) is not None:
            content = _content_of(tok, sent, subj)
        elif subj is None:
            continue
        else:
            content = _content_of(tok, sent, subj)
        if content is None and lemma in _SPEECH:
            content = _preceding_quote(sent)  # '"C." / X said.'
        if content is None:
            continue
        via = tuple(_via(tok))
        conj = [c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        for s in (subj, *conj[:MAX_CONJ_SOURCES - 1]):
            frames.append(Frame(cue_first=tok.i, cue_last=tok.i, source=s, content=content, via=via, verb=tok))
    frames = [f for f in frames if not (f.rule == "verb" and f.verb is not None and f.verb.i in cited_heads)]
    out: list[Frame] = []
    for f in frames:
        a, b = _trim(sent, *f.content)
        if b <= a:
            continue
        out.append(Frame(cue_first=f.cue_first, cue_last=f.cue_last, source=f.source, source_text=f.source_text,
                         content=(a, b), via=f.via, via_any_kind=f.via_any_kind, verb=f.verb, rule=f.rule))
    return _outermost(out)


def _outermost(frames: list[Frame]) -> list[Frame]:
    """Drop frames nested in another frame's content; 'according to' inside a verb frame's
    sentence becomes that frame's intermediary instead (the caller checks it is an outlet)."""
    keep: list[Frame] = []
    for f in frames:
        inside = any(g is not f and g.rule != "according" and g.content[0] <= f.cue_first < g.content[1]
                     and not (g.content[0] <= g.cue_first < g.content[1]) for g in frames)
        if not inside:
            keep.append(f)
    verbs = [f for f in keep if f.rule != "according"]
    if verbs:
        acc = [f for f in keep if f.rule == "according" and f.source is not None]
        if acc:
            extra = tuple(a.source for a in acc if a.source is not None)
            keep = [Frame(cue_first=f.cue_first, cue_last=f.cue_last, source=f.source, source_text=f.source_text,
                          content=f.content, via=(*f.via, *extra), via_any_kind=f.via_any_kind, verb=f.verb,
                          rule=f.rule) for f in verbs]
    return sorted(keep, key=lambda f: f.cue_first)
