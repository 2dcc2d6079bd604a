"""The attribution frame record, the cue lexicons, and the frames that are not a verb with its
subject: "according to X", "Source: content" headlines, a quotation closed before "X said.",
nominal cues ("X's claim that C", "a statement by X", "in X's view, C") and intermediaries.

Lexicons (data/en/reporting_verbs.txt): the first list holds verbs of saying and believing;
the ``[attitude]`` list holds verbs of intention, desire, support, perception and decision,
which PolNeAR annotates as attributions but GUIDELINES.md does not treat as statements of the
actor ("X plans to ..." is the outlet's statement about X).  Those are used only when the caller
asks for them (``attitudes=True``: the PolNeAR evaluation).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..datafiles import data_toml
from .attribution_learned import CANDIDATE_ADJECTIVE
from .sources import DATA_DIR

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

__all__ = ["CLOSE_QUOTES", "OPEN_QUOTES", "Frame", "according_frame", "adjective_frames", "as_relay",
           "attitude_adjectives", "attitude_verbs", "coordinated", "cue_lemma", "dash_frame", "headline_frame",
           "interview_turn", "label_frame", "preceding_quote", "reporting_verbs", "speaker_via",
           "speech_event_content", "venue_candidate", "via_of"]

CLOSE_QUOTES = frozenset({"\u201d", '"', "''"})
"""Tokens that close a quotation ("''" is the typewriter pair some archives, e.g. the NYT's, use)."""
OPEN_QUOTES = frozenset({"\u201c", '"', "``", "''"})
MAX_QUOTE_BACK_TOKENS = 300
"""Longest quotation (in tokens) credited to a speaker named after it in the next sentence."""
MAX_SIGNATURE_TOKENS = 12
"""Longest '- Name, title' line taken as the signature of the quotation above it."""
_VIA_VERBS = frozenset({"tell", "inform", "brief", "confirm", "say", "write", "explain", "reveal", "admit",
                        "acknowledge", "disclose", "describe", "state"})


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


_SECTIONS = {"[attitude]": 1, "[adjective]": 2}


@functools.lru_cache(maxsize=1)
def _verb_lists() -> tuple[frozenset[str], ...]:
    lines = (DATA_DIR / "reporting_verbs.txt").read_text(encoding="utf-8").splitlines()
    lists: tuple[set[str], ...] = (set(), set(), set())
    part = 0
    for line in lines:
        w = line.strip().lower()
        if w in _SECTIONS:
            part = _SECTIONS[w]
        elif w and not w.startswith("#"):
            lists[part].add(w)
    return tuple(frozenset(x) for x in lists)


def attitude_adjectives() -> frozenset[str]:
    """Adjectives of attitude ('[adjective]' list): "X is optimistic that C" (PolNeAR only)."""
    return _verb_lists()[2]


def cue_lemma(tok: Token) -> str:
    """The token's lemma, with a final 'e' the small model's lemmatiser drops ("hoping" -> "hop")."""
    lemma = tok.lemma_.lower()
    if tok.lower_ != lemma and tok.lower_.startswith(lemma) and lemma + "e" in reporting_verbs() | attitude_verbs():
        return lemma + "e"
    return lemma


def adjective_frames(sent: Span, learned: bool = False) -> list[Frame]:
    """"X is optimistic that C", "X is eager to C", "X was skeptical of C" (``attitudes`` only).
    ``learned``: also predicate adjectives outside the list with such a complement ("X is tired of
    C", "X was leery about C"), as rule ``CANDIDATE_ADJECTIVE`` for the learned model to decide."""
    out: list[Frame] = []
    for tok in sent:
        if tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "attr"):
            continue
        listed = tok.lemma_.lower() in attitude_adjectives()
        if not listed and not (learned and tok.dep_ == "acomp"):
            continue
        cop = tok.head
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("it", "there") or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        content: tuple[int, int] | None = None
        last = tok.i
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ in ("ccomp", "xcomp"):
                content = (c.left_edge.i, c.right_edge.i + 1)
            elif c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "to", "with", "that", "in"):
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content, last = (pobj.left_edge.i, pobj.right_edge.i + 1), c.i
            if content is not None:
                break
        if content is None or content[0] <= subj.i < content[1]:
            continue
        first = cop.i if cop.i < tok.i else tok.i
        out.append(Frame(cue_first=first, cue_last=last, source=subj, content=content, verb=cop,
                         rule="adjective" if listed else CANDIDATE_ADJECTIVE))
    return out


def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs of saying and believing (data/en/reporting_verbs.txt, first list)."""
    return _verb_lists()[0]


def attitude_verbs() -> frozenset[str]:
    """Lemmas of verbs of intention, desire, support, perception and decision (the '[attitude]'
    list): attributions for PolNeAR, not statements of the actor for GUIDELINES.md."""
    return _verb_lists()[1]


_VENUE_PREPS = frozenset({"on", "in"})
"""'said on Fox News', 'wrote in The Washington Post': the outlet a statement was made on or in (kept by
the caller only when the name is an outlet's)."""
_NOT_VENUES = frozenset({"DATE", "TIME", "GPE", "NORP", "PERSON", "EVENT", "CARDINAL", "ORDINAL"})
_CARRYING = frozenset({"carry", "broadcast", "air", "publish", "run", "release", "televise"})
"""Verbs whose agent is the outlet that relayed a statement ('a statement carried by KCNA', 'an
interview broadcast by CBS')."""
_SPEAKING = frozenset({"speak", "talk"})
_AS_CITED = frozenset({"cite", "quote", "report", "carry"})
"""Participles of relaying after "as" ("as cited by", "as quoted by", "as reported by")."""


def as_relay(t: Token) -> Token | None:
    """The agent of an "as cited by X" / "as quoted by X" / "as first reported by X" participle
    (the outlet that relayed what its head clause reports), else None."""
    if t.dep_ != "advcl" or t.lemma_.lower() not in _AS_CITED or not any(
            m.dep_ == "mark" and m.lower_ == "as" for m in t.children):
        return None
    return next((g for a in t.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)


def via_of(tok: Token) -> list[Token]:
    """Intermediaries of a cue verb: the object of "told"/"confirmed to", "in an interview with",
    the outlet spoken on or written in ("said on Fox News", "wrote in The Washington Post"), the one
    spoken to in a participle clause ("Speaking to Al Jazeera, X said"), and the agent that carried
    or broadcast the statement ("in a statement carried by KCNA")."""
    out: list[Token] = []
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("dative", "dobj") and lemma in ("tell", "inform", "brief") and c.pos_ in ("PROPN", "NOUN"):
            out.append(c)
        elif c.dep_ in ("prep", "dative") and c.lower_ == "to" and lemma in _VIA_VERBS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in _VENUE_PREPS and lemma in _VIA_VERBS:
            out.extend(g for g in c.children
                       if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ not in _NOT_VENUES)
        elif c.dep_ == "ccomp" and c.i > tok.i and c.lemma_.lower() in _word_list("relays") and c.left_edge.i > 0 \
                and "," in (c.left_edge.text, tok.doc[c.left_edge.i - 1].text) \
                and not any(g.dep_ in ("ccomp", "dobj") for g in c.children):
            # "X said C, Interfax reported on Monday" with "reported" hung on "said": the reporter relayed it
            out.extend(g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("PROPN", "NOUN"))
        elif (relayer := as_relay(c)) is not None:
            out.append(relayer)  # "X said C, as cited by RIA Novosti" / "as quoted by Tass": the agent relayed it
        elif c.dep_ == "advcl" and c.lemma_.lower() in _SPEAKING and c.tag_ == "VBG":
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                       for g in p.children if g.dep_ == "pobj")
    for g in tok.subtree:  # "in/during an interview with CNN", wherever the parser attached it
        if g.dep_ == "pobj" and g.head.lower_ in ("in", "during", "on") and \
                g.lemma_.lower() in ("interview", "appearance", "conversation"):
            for p in g.children:
                if p.dep_ == "prep" and p.lower_ in ("with", "to", "on"):
                    out.extend(x for x in p.children if x.dep_ == "pobj")
            out.extend(x for x in g.children if x.dep_ in ("compound", "poss") and x.pos_ == "PROPN")
        if g.dep_ == "pobj" and g.head.lower_ == "by" and g.head.head.lemma_.lower() in _CARRYING \
                and _carries_statement(g.head.head):
            out.append(g)  # "in a statement carried by KCNA", "in an interview broadcast by CBS"
    return _named(out)


def speaker_via(subj: Token | None) -> list[Token]:
    """Intermediaries named in a clause on the speaker: "the governor, who spoke to Reuters",
    "Ahmed Ali, a spokesman ..., speaking to The Associated Press", "an official who told CNN"."""
    if subj is None:
        return []
    out: list[Token] = []
    heads = [subj, *(a for a in subj.children if a.dep_ == "appos")]
    for c in (c for h in heads for c in h.children):
        if c.dep_ not in ("acl", "relcl", "advcl") or c.pos_ != "VERB":
            continue
        if any(g.dep_ in ("ccomp", "xcomp") for g in c.children):
            continue  # "who told the Times that the plan was dead": a statement of its own
        own = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if own is not None and own.lower_ not in ("who", "that"):
            continue  # "whose aide spoke to Fox News": someone else spoke
        lemma = c.lemma_.lower()
        if lemma in _SPEAKING:
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                       for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
        elif lemma == "tell":
            out.extend(g for g in c.children if g.dep_ in ("dative", "dobj") and g.pos_ == "PROPN")
    return _named(out)


def _named(vias: list[Token]) -> list[Token]:
    """A common noun followed by the name it describes is that name ("told the state news agency
    IRNA", which the parser splits into two objects or hangs the name elsewhere): one intermediary,
    the named one."""
    out: list[Token] = []
    for v in vias:
        doc = v.doc
        named = next((c for c in v.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > v.i), None)
        k = v.right_edge.i + 1
        if v.pos_ == "NOUN" and named is not None:
            v = named  # "told the news agency Kyodo News"
        elif v.pos_ == "NOUN" and k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("ORG", ""):
            while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN":
                k += 1
            v = doc[k]
        if all(v.i != o.i for o in out):
            out.append(v)
    return out


@functools.cache
def _word_list(kind: str) -> frozenset[str]:
    """A list of attribution_words.toml (this module cannot use ``attribution_subjects.words``: that
    module imports this one)."""
    return frozenset(data_toml("attribution_words.toml")[kind])


def speech_event_content(tok: Token) -> tuple[int, int] | None:
    """A verb outside the ledger's lexicon that is a speech act by the occasion it names: a verb of
    support or opposition (the ``[attitude]`` list) done "in an interview", "in a speech", "in a
    letter" ("Obama backed her up in an interview on CBS"; "X supports C" alone stays the outlet's
    statement about X), or the sending of a statement ("X sent a letter to Y seeking answers", "X issued a statement")
    (attribution_words.toml ``speech_events``, ``statement_senders``, ``sent_statements``).  The
    content is what follows the verb in its phrase; None when the verb is no such act."""
    if tok.pos_ != "VERB" or tok.right_edge.i <= tok.i:
        return None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "dobj" and lemma in _word_list("statement_senders") and \
                c.lemma_.lower() in _word_list("sent_statements"):
            # only a statement that says something here ("a letter ... seeking answers"), not one
            # that is merely issued ("issued a statement on Monday", "a statement from the family")
            # nor one with a speech verb of its own ("a statement saying C": that verb's frame)
            clause = [g for g in (*c.subtree, *(x for x in tok.children if x.i > c.i))
                      if g.pos_ == "VERB" and g.dep_ in ("acl", "relcl", "advcl")
                      and g.lemma_.lower() not in reporting_verbs()]
            said = [g for g in c.subtree if g.pos_ == "VERB" and g.lemma_.lower() in reporting_verbs()]
            if clause and not said:
                return tok.i + 1, tok.right_edge.i + 1
            return None
        if c.dep_ == "prep" and c.lower_ in ("in", "during") and lemma in attitude_verbs() and any(
                g.dep_ == "pobj" and _event_noun(g) for g in c.children):
            # what is supported, without the occasion ("supported the plan during a press conference")
            end = c.left_edge.i if c.left_edge.i > tok.i + 1 else tok.right_edge.i + 1
            return tok.i + 1, end
    return None


def _event_noun(noun: Token) -> bool:
    """"interview", "press conference": a noun of ``speech_events``, alone or with its compounds."""
    events = _word_list("speech_events")
    comp = [t.lower_ for t in noun.children if t.dep_ == "compound" and t.i < noun.i]
    return noun.lemma_.lower() in events or " ".join([*comp, noun.lemma_.lower()]) in events


def _carries_statement(carrier: Token) -> bool:
    """The carrying verb modifies a statement noun ("a statement carried by"), or the parser made
    it a noun with one ("an interview broadcast by") -- attribution_words.toml ``carried_statements``."""
    nouns = _word_list("carried_statements")
    if carrier.pos_ == "VERB":  # (the noun's lemma or its form: "remarks" is a statement, "remark" not listed)
        return carrier.dep_ == "acl" and (carrier.head.lemma_.lower() in nouns or carrier.head.lower_ in nouns)
    return any(c.dep_ == "compound" and c.lemma_.lower() in nouns for c in carrier.children)


def venue_candidate(v: Token) -> bool:
    """A via candidate found only by its preposition ("on Fox News", "in The Atlantic"): the caller
    keeps it only when the name is an outlet's, without making other names sources."""
    return v.head.lower_ in _VENUE_PREPS and v.dep_ == "pobj" and v.head.head.lemma_.lower() in _VIA_VERBS


def preceding_quote(sent: Span) -> tuple[int, int] | None:
    """Token range of a quotation that closes just before ``sent`` ('"...," / Trump said.')."""
    doc = sent.doc
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text not in CLOSE_QUOTES:
        return None
    for j in range(i - 1, max(-1, i - MAX_QUOTE_BACK_TOKENS), -1):
        if doc[j].text in OPEN_QUOTES:
            return j + 1, i
        if doc[j].text == "\u201d":
            return None
    return None


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "ADP", "PUNCT", "NUM", "CCONJ", "PART"})


def dash_frame(u: Span) -> Frame | None:
    """A quotation signed on its own line: '"C." / - Bernie Sanders.' (source: the name)."""
    toks = [t for t in u if not t.is_space]
    if len(toks) < 2 or toks[0].text not in _DASHES or len(toks) > MAX_SIGNATURE_TOKENS:
        return None
    name = [t for t in toks[1:] if not t.is_punct]
    if not name or not name[0].text[:1].isupper() or any(t.pos_ not in _NAME_POS for t in name):
        return None
    content = preceding_quote(u)
    if content is None:
        return None
    head = u.doc[name[0].i:name[-1].i + 1].root
    return Frame(cue_first=toks[0].i, cue_last=toks[0].i, source=head, content=content, rule="dash")


def according_frame(tok: Token, sent: Span) -> Frame | None:
    """'according to X' (content: the longer side of the sentence)."""
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
    return Frame(cue_first=tok.i, cue_last=to.i, source=pobj, content=content, via=tuple(speaker_via(pobj)),
                 rule="according")


_TURN_LABELS = frozenset({"Q", "A"})
"""Speaker labels of an interview transcript ("Q: ..." / "A: ..."): turns, not sources."""


_CONNECTIVE_POS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ", "PART", "DET"})
"""A line opening "So:" or "But:" opens with a connective, not a name."""


def interview_turn(sent: Span) -> bool:
    """True when ``sent`` lies in a 'Q:' or 'A:' turn of an interview transcript: its "I" and
    "you" are the interviewee and the interviewer, not the writer and the reader."""
    doc = sent.doc
    k = sent.start
    while k > 0 and "\n" not in doc[k - 1].text_with_ws:
        k -= 1
    while k < sent.end and doc[k].is_space:
        k += 1
    return k + 1 < len(doc) and doc[k].text in _TURN_LABELS and doc[k + 1].text == ":"


_LABEL_LINKS = frozenset({"to", "on"})
"""'Clinton to Planned Parenthood: C', 'Carson on C': the name before these is the source."""


@functools.cache
def _kickers() -> frozenset[str]:
    """attribution_words.toml ``kickers``: "UPDATE", "BREAKING", "WATCH" before a headline's colon."""
    return frozenset(data_toml("attribution_words.toml")["kickers"])


_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
"""A finite verb after the first word of a title-case label makes it a clause ("Twitter Goes Down:
..."), not a name."""


def _label_name(left: Span) -> str | None:
    """The name in a 'Name: C' label, or None when ``left`` is no name: title case ("Blinken",
    "The NYT"), a noun compound ("Clinton camp"), or a name before 'to'/'on' ("Clinton to X").
    Not names: a kicker ("UPDATE: ...", "BREAKING: ...": attribution_words.toml ``kickers``) and a
    clause in title case ("Twitter Goes Down: ...")."""
    if left.text in _TURN_LABELS or all(t.pos_ in _CONNECTIVE_POS or t.is_punct for t in left):
        return None  # "Q: ...", "So: ...": a turn label or a connective, not a name
    if " ".join(left.text.lower().split()) in _kickers():
        return None
    last = left[-1]
    says = len(left) > 1 and last.lower_.endswith("s") and (
        cue_lemma(last) in reporting_verbs() or last.lower_[:-1] in reporting_verbs())
    if says:  # "Putin Says: ...", "Kremlin Warns: ..." (the tagger may call "Warns" a name)
        name = left[:-1]
        if any(t.pos_ == "PRON" for t in name) or not all(t.text[:1].isupper() or t.is_punct for t in name):
            return None  # "He Says:": no name
        return _label_name(name)
    if len(left) > 1 and any(t.tag_ in _FINITE_TAGS for t in left[1:]):
        return None
    if all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("of", "the", "'s", "\u2019s") for t in left):
        return left.text
    if left[0].text[:1].isupper() and all(t.pos_ in ("PROPN", "NOUN") for t in left):
        return left.text
    link = next((t for t in left if t.lower_ in _LABEL_LINKS), None)
    if link is not None and link.i > left.start and all(t.text[:1].isupper() for t in left.doc[left.start:link.i]):
        return left.doc[left.start:link.i].text
    return None


CAPTION_TOKENS = 12
"""Longest caption label before its colon ("Map of Iran highlighting the epicentre:" is 7).  Not
swept."""


def caption_end(sent: Span) -> int:
    """Where a caption label ends: 'Map of Iran highlighting the epicentre: C', 'Photos of the
    damage: C' -- a line opening with a kicker noun and a colon describes a picture, so no verb
    before the colon is a cue ("highlighting" is no speech of the map).  ``sent.start`` when the
    sentence has no such label."""
    doc = sent.doc
    if sent.start > 0 and "\n" not in doc[sent.start - 1].text_with_ws:
        return sent.start
    if len(sent) < 3 or sent[0].lower_ not in _kickers() or sent[1].lower_ not in ("of", "from", "showing", ":"):
        return sent.start
    colon = next((t for t in sent[:CAPTION_TOKENS] if t.text == ":"), None)
    return colon.i if colon is not None else sent.start


def headline_frame(sent: Span) -> Frame | None:
    """'Blinken: US must halt ...', 'Clinton camp: C', 'Clinton to Planned Parenthood: C' at the
    start of a line."""
    doc = sent.doc
    if sent.start > 0 and "\n" not in doc[sent.start - 1].text_with_ws:
        return None
    colon = next((t for t in sent[:6] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    left = doc[sent.start:colon.i]
    name = _label_name(left)
    if name is None:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[colon.i + 1:sent.end]):
        return None
    return Frame(cue_first=colon.i, cue_last=colon.i, source=None, source_text=name,
                 content=(colon.i + 1, sent.end), rule="headline")


def label_frame(u: Span) -> Frame | None:
    """'AP: Trump chair routed ...', 'TAPPER: And ...' cut into two sentences after the colon:
    the name labels the rest of its line."""
    doc = u.doc
    toks = [t for t in u if not t.is_space]
    if len(toks) < 2 or toks[-1].text != ":" or len(toks) > MAX_SIGNATURE_TOKENS:
        return None
    if u.start > 0 and "\n" not in doc[u.start - 1].text_with_ws:
        return None
    colon = toks[-1]
    name = _label_name(doc[toks[0].i:colon.i])
    if name is None or "\n" in colon.whitespace_:
        return None
    k = colon.i + 1
    if k >= len(doc) or (doc[k].is_space and "\n" in doc[k].text):
        return None
    end = k
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[k:end]):
        return None
    return Frame(cue_first=colon.i, cue_last=colon.i, source=None, source_text=name, content=(k, end),
                 rule="headline")


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_SPEAKER_PRONOUNS = frozenset({"he", "she"})
"""A coordinated clause whose subject is one of these most likely goes on about the speaker
("X said C, and he left"): the outlet's narration, not reported content."""


def coordinated(tok: Token, content: tuple[int, int], verbs: frozenset[str],
                cue: Callable[[Token], bool] | None = None) -> tuple[tuple[int, int], list[Frame]]:
    """Clauses coordinated with the cue verb ``tok`` after its content (rules.v1, GUIDELINES "Unit"):

    - with a subject of their own, after a clausal content ("The official said C1, but Kyiv hasn't
      seen C2"): the speaker said both -- the content is extended over the coordinated clause;
    - without a subject ("X denied C but committed to D"): a second statement about X in the
      outlet's voice -- an ``outlet`` frame (no source) whose content is the coordinated predicate.

    A coordinated verb that is itself a cue (in ``verbs``, or ``cue``: a refusal, "..., but the
    ministry did not elaborate") makes its own frame and is left alone.
    Returns the (possibly extended) content and the outlet frames."""
    a, b = content
    outlet: list[Frame] = []
    for cj in tok.children:
        if cj.dep_ != "conj" or cj.pos_ not in ("VERB", "AUX") or cj.left_edge.i < b or cue_lemma(cj) in verbs \
                or (cue is not None and cue(cj)):
            continue
        if _stray_participle(tok, cj):
            continue
        subj = next((c for c in cj.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is None and a > tok.i and _that_clause_follows(cj):
            b = max(b, cj.right_edge.i + 1)  # "X announced that C1 and would face D, but that C2": all X's
            continue
        if subj is not None:
            if a > tok.i and subj.lower_ not in _SPEAKER_PRONOUNS and any(
                    c.dep_ == "ccomp" and c.left_edge.i == a for c in tok.children):
                b = max(b, cj.right_edge.i + 1)
            continue
        outlet.append(Frame(cue_first=cj.i, cue_last=cj.i, source=None, content=(cj.i, cj.right_edge.i + 1),
                            rule="outlet"))
    return (a, b), outlet


def _that_clause_follows(cj: Token) -> bool:
    """'X announced that C1 and would face D, but that C2': a conjunct of the cue verb followed by a
    clause coordinated with it and opened by 'that' is one more complement of the cue (the parser
    hung the second clause on the cue verb), not the outlet's statement about X."""
    return any(g.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
               for g in cj.children)


def _stray_participle(tok: Token, cj: Token) -> bool:
    """'X wrote in a letter dated Tuesday and filed in court': a bare past participle (no auxiliary,
    no subject) cannot be coordinated with a finite verb -- it goes on the participle before 'and'
    that modifies a noun ("dated ... and filed"), so it is no second statement about X."""
    if cj.tag_ != "VBN" or tok.tag_ not in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") for c in cj.children):
        return False
    k = cj.left_edge.i - 1
    while k > tok.i and tok.doc[k].dep_ == "cc":
        k -= 1
    return any(t.dep_ == "acl" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN")
               for t in tok.doc[tok.i + 1:k + 1])


_TITLE_BREAKS = frozenset({":", ";", ",", "-", "\u2013", "\u2014"})
MAX_TITLE_NAME = 6
"""Most tokens of the name before a title's verb ('France's Marine Le Pen Backs Trump')."""


def _verb_form(low: str, verbs: frozenset[str]) -> str | None:
    """The lexicon lemma of an inflected verb form ('demands', 'pushes', 'denies', 'announced')."""
    forms: list[str] = []
    if low.endswith("s"):
        forms += [low[:-1], low[:-2]] + ([low[:-3] + "y"] if low.endswith("ies") else [])
    elif low.endswith("ed"):
        forms += [low[:-1], low[:-2]] + ([low[:-3] + "y"] if low.endswith("ied") else [])
    return next((f for f in forms if len(f) > 2 and f in verbs), None)


def title_frame(sent: Span, verbs: frozenset[str]) -> Frame | None:
    """A verb of the document's first line (its title) that the parser takes for a noun or a name
    ('Trump demands Ginsburg resign', 'Another GOP Figure Endorses Hillary Clinton', 'Amid
    discord, Trump claims nomination'): an inflected lexicon verb form after a name of at most
    MAX_TITLE_NAME tokens; the source is the name's last noun, the content the rest of the title.
    PolNeAR annotates titles (``attitudes`` only; the ledger makes no claims of headlines)."""
    doc = sent.doc
    if any(t.is_space and "\n" in t.text for t in doc[:sent.start]):
        return None  # (a line break before the sentence; Doc.text is rebuilt on every access)
    toks = [t for t in sent if not t.is_space]
    start = 0
    for k, t in enumerate(toks):
        if t.text in _TITLE_BREAKS:
            start = k + 1
            continue
        if k == start or k - start > MAX_TITLE_NAME or k + 1 >= len(toks) or t.pos_ in ("VERB", "AUX"):
            continue
        if _verb_form(t.lower_, verbs) is None:
            continue
        name = toks[start:k]
        if not any(x.pos_ in ("PROPN", "NOUN") for x in name) or not all(
                x.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "CCONJ") or x.tag_ == "POS" for x in name):
            return None
        head = next(x for x in reversed(name) if x.pos_ in ("PROPN", "NOUN"))
        return Frame(cue_first=t.i, cue_last=t.i, source=head, content=(t.i + 1, toks[-1].i + 1), rule="title")
    return None
