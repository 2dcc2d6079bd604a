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
- headline style "Source: content" at the start of a line;
- speech verbs with an infinitive or a prepositional object: "X promised to C", "X urged Y to C",
  "X called for C", "X talked about C";  "as X noted, C";  "X said:" closing a line before C;
- nominal cues (attribution_nouns.py): "X's claim that C", "a statement by X that C", "in X's view, C";
- who speaks (attribution_subjects.py): the verb's subject, or the subject of the verb that
  controls it ("X went on to say C"), or an inverted one ('C, says X, a consultant.');
- the speaker named between a closing quotation mark and the verb, read from the tokens when the
  parser hangs the name inside the quotation ('"C," X, 58, told AFP', '"C?" / he asked me';
  attribution_quotes.py), and passed to verbs hanging from the quotation ('"C," he said, adding D');
- "X cited Y": Y is the source only when Y can speak ("cited officials", "cited Y as saying C");
  "X cited the tax as a reason" is X's statement;
- "X seems/appears ..." frames only when what X seems to do is a cue ("X seemed to concede C");
- with ``attitudes=True`` only (the PolNeAR evaluation), verbs and nouns of intention, desire,
  support, perception and decision ("X plans to C", "X supports C", "X saw C"), the object of a
  speech verb in a relative clause ("the tax, which X called reckless"), opening 'In a poll, C' and
  'To many, C' (attribution_preps.py), and 'according to X' kept as X's own attribution;
  also with ``attitudes`` only, a learned model (attribution_learned.py, fitted on PolNeAR train)
  takes verbs outside the lexicons as cues ("X made the case that C") and drops rule frames it
  finds unlikely ("X continues to lead"); it also decides on an unquoted "I" (the writer of an
  opinion piece), predicate adjectives outside the list ("X is tired of C") and title verbs the
  parser takes for names ("Another GOP Figure Endorses Hillary Clinton");
- with ``attitudes``, a content opened by a relative word before the speaker starts after the verb
  ("a strike that executives said could spread").

- a content ends before another speaker's clause opened by while/whereas or after but/yet/';'
  ("A spokesman said C, while the ministry did not respond ...": ledger only), and a fronted
  content starts after the last ';' before its speaker ("X said C; Y did not respond ...").

A frame whose cue lies inside another frame's content is dropped (the outer speaker owns it).
The cue span is the verb group: the verb with its auxiliaries, negation and adverbs just before it,
and a particle or preposition just after it ("has not called for").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from .attribution_forms import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    Frame,
    according_frame,
    adjective_frames,
    as_relay,
    attitude_verbs,
    caption_end,
    coordinated,
    cue_lemma,
    headline_frame,
    interview_turn,
    preceding_quote,
    reporting_verbs,
    speaker_via,
    speech_event_content,
    title_frame,
    via_of,
)
from .attribution_learned import BARE, CANDIDATE, CANDIDATES, LEARNED_SUBJECTS, is_learned_cue
from .attribution_nouns import nominal_frames
from .attribution_preps import prepositional_frames
from .attribution_quotes import quote_tail
from .attribution_refusals import (
    asks_anonymity,
    bare_denial_content,
    decline_object_content,
    evasion_content,
    extra_cue,
    finding_content,
    gap_content,
    is_phrasal_denial,
    phrasal_content,
    question_refusal_content,
    refusal_content,
    relative_cut,
    second_actor,
    second_cue,
)
from .attribution_subjects import can_speak, cites_speaker, detached_subject, inverted_subject, subject_of, words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Frame", "attitude_verbs", "find_frames", "learned_candidates", "reporting_verbs"]

_OBJECT_CUES = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "rebut", "rebuff", "confirm", "downplay",
                          "describe", "call", "acknowledge", "admit", "announce", "reveal",
                          "debunk", "contradict", "label", "brand", "characterize", "characterise",
                          "criticize", "criticise", "praise", "blame", "accuse", "defend", "propose", "demand",
                          "discuss", "question", "decry", "condemn", "slam", "blast", "applaud",
                          "welcome", "recommend", "advocate", "mention", "urge"})
_DESCRIBE = frozenset({"describe", "call", "label", "brand", "characterize", "characterise", "dismiss", "deride"})
_OBJECT_MORE = frozenset({"endorse", "attack", "denounce", "highlight", "echo", "mock", "tout", "thank", "congratulate",
                          "quote", "assail", "lambast", "chide", "rebuke", "hail", "bemoan", "reaffirm", "clarify",
                          "articulate", "recount", "utter", "outline", "detail", "invoke", "reference", "credit",
                          "challenge", "tease", "taunt", "ridicule", "scold", "berate", "castigate", "deride",
                          "predict", "promise", "pledge", "vow", "threaten", "claim", "express", "voice", "stress",
                          "emphasize", "emphasise", "reiterate", "disavow", "allege", "concede", "portray", "liken",
                          "dub", "deem", "lament", "decry", "signal", "forecast", "estimate", "suggest"})
"""Speech verbs whose direct object is what is said ("X praised her effort"), with _OBJECT_CUES."""
_COMMIT = frozenset({"promise", "pledge", "vow", "threaten", "offer", "swear"})
"""Commitments: 'X pledged support', 'X promised to C' state what X will do (the outlet's statement
about X in GUIDELINES.md), so their object or infinitive is content only with ``attitudes``;
'X vowed that C' is a statement in either mode."""
_XCOMP_CUES = frozenset({"tell", "decline", "refuse", "promise", "pledge", "vow", "threaten", "agree", "offer",
                         "propose", "ask", "urge", "encourage", "warn", "advise", "persuade", "convince", "remind",
                         "instruct", "request", "demand", "call", "plead", "appeal", "swear", "claim"})
"""Verbs whose infinitive is what is said ("promised to end ...", "urged Congress to act")."""
_PREPS: dict[str, frozenset[str]] = {
    "about": frozenset(), "against": frozenset(),
    "of": frozenset({"speak", "talk", "think", "warn", "hear", "know", "learn", "complain", "boast", "approve",
                     "disapprove", "dream", "despair"}),
    "for": frozenset({"call", "ask", "push", "vote", "argue", "apologize", "apologise", "advocate", "plead",
                      "campaign", "pray", "appeal", "press", "lobby", "root", "cheer", "blame", "praise", "thank",
                      "criticize", "criticise", "congratulate"}),
    "on": frozenset({"comment", "focus", "reflect", "speculate", "elaborate", "weigh", "insist", "agree", "decide",
                     "vote", "remark", "report", "brief", "testify", "call", "rely"}),
    "at": frozenset({"hint", "lash", "scoff", "jab", "sneer", "rail", "hit", "swipe", "marvel", "laugh"}),
    "to": frozenset({"refer", "allude", "point", "respond", "react", "reply", "object", "admit", "confess",
                     "attest", "testify"}),
}
"""Prepositions whose object is what is said, and the verbs taking them (empty: any cue verb)."""
_GROUP_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
_WRITER = frozenset({"i", "you"})
"""Outside a quotation (``quoted`` known) "I think ..." is the writer and "you" the reader: the
outlet's voice, not a source."""
_WRITER_LEARNED = frozenset({"i"})
"""With the learned model (PolNeAR only) these writer pronouns are left to the model: PolNeAR marks
the writer's "I think C" of opinion pieces as an attribution (58% of unquoted "I" rule frames on
train are gold cues with that source, 28% of "you")."""
MAX_CONJ_SOURCES = 3
"""'Moscow and Pyongyang deny ...': one claim per conjoined source, at most this many."""
MIN_FRONTED_TOKENS = 3
"""Fewest tokens a fronted content ("C, X said") may have; shorter stretches are adverbials
("Previously, ..."). Checked by hand on the PolNeAR train split."""


def _trim(doc_span: Span, a: int, b: int) -> tuple[int, int]:
    doc = doc_span.doc
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("that", "and", "but")):
        if doc[a].lower_ == "that" and doc[a].dep_ != "mark":
            break
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or (doc[b - 1].dep_ == "cc" and b - 1 > a)):
        b -= 1  # and a conjunction the parser left on C ("said C but declined to comment on D")
    return a, b


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _prep_content(tok: Token, lemma: str, attitudes: bool = False) -> tuple[tuple[int, int], int] | None:
    """'X called for C', 'X talked about C': (content, last cue token).  With ``attitudes`` any
    cue verb takes any of these prepositions ("X is relying on C", "X pivoted to C")."""
    for c in tok.children:
        if c.dep_ != "prep" or c.i < tok.i:
            continue
        verbs = _PREPS.get(c.lower_)
        if verbs is None or (verbs and lemma not in verbs and not attitudes):
            continue
        pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
            continue
        between = tok.doc[tok.i + 1:c.i]
        last = c.i if all(t.dep_ in ("prt", "advmod") for t in between) else tok.i
        return (pobj.left_edge.i, pobj.right_edge.i + 1), last
    return None


_RELATIVE = frozenset({"which", "that", "whom", "who", "what"})


_FUTURE = frozenset({"will", "shall", "'ll", "\u2019ll"})


def _future(tok: Token) -> bool:
    """A cue verb in the future tense ("will testify", "is set to"... only the auxiliary here), not
    negated ("will not comment on D" is a refusal now)."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children) and not any(
        c.dep_ == "neg" for c in tok.children)


def _open_question(tok: Token) -> bool:
    """A cue verb in an embedded question ("deciding whether X could question Y", "asked if X had
    denied C"): whether X speaks is what is asked, so the clause reports no speech of X's."""
    return tok.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in tok.children)


def _thing_relative(tok: Token, subj: Token) -> bool:
    """A cue verb in a relative clause whose subject is the relative pronoun standing for a noun that
    cannot speak ("records that would respond to requests", "a plan which calls for cuts"): the
    clause describes the thing, it reports no speech."""
    return tok.dep_ == "relcl" and subj.head.i == tok.i and subj.lower_ in ("that", "which") \
        and tok.head.pos_ in ("NOUN", "PROPN") and not can_speak(tok.head) \
        and cue_lemma(tok) in words("thing_cues")  # "records that show / respond", not "a lawsuit that alleges"


def _gap_relative(tok: Token) -> bool:
    """A relative clause whose subject is its own ("a deal she once supported"), not the relative
    pronoun ("Kasich, who hopes for a miracle"), and which takes no clause or prepositional object."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ not in _RELATIVE and subj.i < tok.i and not any(
        c.dep_ in ("ccomp", "xcomp", "prep") and c.i > tok.i for c in tok.children)


def _object_content(tok: Token, lemma: str, attitudes: bool = False) -> tuple[int, int] | None:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr", "xcomp", "pcomp")), None)
    if attitudes and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN") and \
            (obj is None or obj.lower_ in _RELATIVE) and (lemma in _OBJECT_CUES or lemma in _OBJECT_MORE or (
                lemma in attitude_verbs() and _gap_relative(tok))):
        # "a clip that X called 'distasteful'", "a word X then repeated": the noun is the object (PolNeAR
        # only: in the ledger the sentence is the outlet's statement about the noun)
        a, b = tok.head.left_edge.i, tok.head.i + 1
        if obj is not None and obj.lower_ == "what":
            return None
        for c in tok.children:
            if c.i > tok.i and ((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "acomp", "ccomp")):
                a, b = c.left_edge.i, c.right_edge.i + 1  # "whom he described as peaceful"
        return a, b
    if obj is None:
        return None
    a, b = _subtree_range(obj)
    for c in tok.children:
        if c.i > obj.i and ((c.dep_ == "prep" and c.lower_ in ("as", "for", "of")) or c.dep_ in ("oprd", "acomp")):
            b = max(b, c.right_edge.i + 1)  # "dismissed C as a hoax", "thanked X for C"
    return a, b


def estimate_content(tok: Token) -> tuple[int, int] | None:
    """'X puts the death toll at 45': the object and its figure, when ``tok`` is a verb of
    estimating (attribution_words.toml ``estimates``) with a direct object and an 'at' phrase
    holding a number; None otherwise."""
    if cue_lemma(tok) not in words("estimates"):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    at = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i), None)
    if at is None:
        at = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "at"), None)
    if at is None or not any((t.like_num or t.pos_ == "NUM") and t.ent_type_ not in ("TIME", "DATE")
                             for t in at.subtree):
        return None
    return obj.left_edge.i, max(obj.right_edge.i, at.right_edge.i) + 1


def _content_of(tok: Token, sent: Span, subj: Token | None, attitudes: bool = False,
                learned: bool = False) -> tuple[int, int] | None:
    lemma = cue_lemma(tok)
    if (estimate := estimate_content(tok)) is not None:
        return estimate
    attitude = attitudes and (learned or lemma in attitude_verbs() or lemma in _COMMIT or lemma in reporting_verbs())
    committed = lemma in _COMMIT and not attitudes
    for c in tok.children:
        if not sent.start <= c.i < sent.end:
            continue  # a line above the parser ran into this sentence ('"C." / X said D')
        if c.dep_ == "ccomp" and c.i < tok.i and any(t.text == ";" for t in tok.doc[c.right_edge.i + 1:tok.i]):
            continue  # "X said C; Y has not confirmed it": the clause before ';' is no content of Y's
        if c.dep_ == "ccomp" and c.pos_ in ("PROPN", "NOUN") and not any(c.children):
            continue  # a bare name the parser hung as a clause ("... agency KCNA that C"): not what is said
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and (lemma in _XCOMP_CUES or attitude) and not committed):
            a, b = _subtree_range(c)
            if subj is not None and b <= subj.left_edge.i and subj.i < tok.i and a - sent.start <= 2:
                return sent.start, subj.left_edge.i  # '"C1, C2," X said': the whole fronted quotation
            return a, b
    for c in tok.children:  # "posted on Telegram saying that C", "cited X as saying C"
        if c.dep_ in ("advcl", "xcomp", "prep", "pcomp") and c.lemma_.lower() in ("say", "as", "write", "state"):
            for g in c.subtree:
                if g.dep_ == "ccomp" and g.head.lemma_.lower() in reporting_verbs():
                    return _subtree_range(g)
    if (lemma in _OBJECT_CUES or lemma in _OBJECT_MORE or attitude) and not committed:
        found = _object_content(tok, lemma, attitudes)
        if found is not None:
            return found
    if attitude and any(c.dep_ == "agent" for c in tok.children):  # "C is backed by X"
        patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is not None:
            return _subtree_range(patient)
    # "C, as reported by X", "As X noted, C": the clause the reporting verb modifies
    if tok.dep_ == "advcl" and not any(c.dep_ in ("dobj", "xcomp") for c in tok.children) \
            and _prep_content(tok, lemma, attitudes) is None and (
            any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or tok.doc[tok.i - 1].lower_ == "as"):
        a, b = _subtree_range(tok)
        before, after = (sent.start, a), (b, sent.end)
        return before if before[1] - before[0] >= after[1] - after[0] else after
    # fronted content: "C, X said" -- the verb ends the sentence (or heads a parataxis)
    left = min(tok.i, subj.left_edge.i if subj is not None else tok.i)
    start = _clause_start(sent, left)
    if tok.dep_ == "parataxis" or (tok.dep_ == "ROOT" and left - start >= MIN_FRONTED_TOKENS):
        if tok.dep_ == "parataxis":
            a, b = start, tok.left_edge.i
            if b - a < MIN_FRONTED_TOKENS:  # "X said: C" parsed as parataxis of C
                a, b = tok.right_edge.i + 1, sent.end
            return a, b
        fronted = [c for c in tok.children if start <= c.i < left and c.dep_ in ("ccomp", "advcl", "dep", "parataxis")]
        if (fronted or any(t.text == "," or t.text in CLOSE_QUOTES for t in sent.doc[max(start, left - 2):left])) \
                and _clause_like(sent.doc[start:left]):
            return start, left
    if lemma in words("speech") and subj is not None and left - start >= MIN_FRONTED_TOKENS \
            and _quote_before(sent.doc[start:left]) and _ends_clause(tok, sent):
        return start, left  # '"C," X said.' with the verb hung inside C by the parser
    return None


def _quote_before(span: Span) -> bool:
    """A fronted stretch that is a quotation closed right before the speaker ('"C," X said'), or
    one opening with a quotation the writer goes on paraphrasing ('"C" that would respond to D, X
    wrote'), ended by a comma."""
    last = span[-1].text
    return last in CLOSE_QUOTES or (last == "," and span[0].text in OPEN_QUOTES
                                    and any(t.text in CLOSE_QUOTES for t in span[1:-1]))


def _clause_start(sent: Span, left: int) -> int:
    """Where a content fronted before ``left`` (the speaker) may start: after the last semicolon
    before it ("A spokesman said C; the ministry did not respond to ...": the clause before ';' is
    another statement, no content of the ministry's)."""
    return max((t.i + 1 for t in sent.doc[sent.start:left] if t.text == ";"), default=sent.start)


def _clause_like(span: Span) -> bool:
    """A fronted stretch that can be what is said: it has a verb or a quotation mark, and is no
    'According to X' ("According to X, Y worried that C": Y's frame has its own content)."""
    if len(span) and span[0].lower_ == "according":
        return False
    return any(t.pos_ in ("VERB", "AUX") or t.text in CLOSE_QUOTES or t.text in OPEN_QUOTES for t in span)


def _ends_clause(tok: Token, sent: Span) -> bool:
    """Nothing but adverbials and punctuation follow ``tok`` in its sentence ("X said Friday in a
    statement.")."""
    return all(t.is_punct or t.is_space or (t.head.i == tok.i and t.dep_ in ("npadvmod", "advmod", "prep"))
               or (any(a.i == tok.i for a in t.ancestors) and t.dep_ != "ccomp")
               for t in sent.doc[tok.i + 1:sent.end])


_QUOTING = frozenset({"cite", "quote"})
"""Verbs that report what another said: "X cited/quoted Y as saying C" (source Y, via X)."""


def _quoted(tok: Token, sent: Span) -> Frame | None:
    """'Y was quoted (by X) as saying C', 'C, Y was quoted as saying': source Y, via X (when named:
    the outlet or agency that quoted Y)."""
    source = next(c for c in tok.children if c.dep_ == "nsubjpass")
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    via = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    content = _content_of(tok, sent, source)
    if content is None or content[0] <= source.i < content[1]:
        return None
    return Frame(cue_first=tok.i, cue_last=tok.i, source=source, content=content,
                 via=(via,) if via is not None else (), via_any_kind=True, verb=tok, rule="quoted")


def _cite(tok: Token, sent: Span) -> Frame | None:
    """'X cited Y as saying C' (source Y, via X) and 'Citing Y, X reported C'."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    if obj is None:
        return None
    if not cites_speaker(tok, obj):  # "X cited the tax as a reason": X is the source, the tax the content
        if tok.dep_ in ("advcl", "prep", "acl") and tok.tag_ == "VBG":
            return None  # "X said C, citing low growth": the head verb's frame stands
        subj = subject_of(tok)
        if subj is None or obj.i < tok.i:
            return None
        cited = _object_content(tok, "cite")
        if cited is None or cited[0] <= subj.i < cited[1]:
            return None
        return Frame(cue_first=tok.i, cue_last=tok.i, source=subj, content=cited, verb=tok, rule="cite-object")
    if tok.dep_ in ("advcl", "prep", "acl") and tok.tag_ == "VBG":  # "Citing Y, X reported C"
        head = tok.head
        mark = next((c for c in head.children if c.dep_ == "mark"), None)
        if head.dep_ == "ccomp" and tok.i < head.i and head.head.lemma_.lower() in reporting_verbs() \
                and (mark is None or tok.i < mark.i):
            head = head.head  # "Interfax reported, citing a source, that C": the parser hung it on C
        via = subject_of(head)
        content = _content_of(head, sent, via) or (tok.right_edge.i + 1, sent.end)
        if content[0] <= tok.i < content[1]:
            content = (tok.right_edge.i + 1, content[1])
        return Frame(cue_first=tok.i, cue_last=tok.i, source=obj, content=content,
                     via=(via,) if via is not None else (), via_any_kind=True, verb=head, rule="citing")
    via = subject_of(tok)
    found = _content_of(tok, sent, via)
    if found is not None:
        content = found
    if found is None or (content[0] <= obj.i < content[1]):
        left = via.left_edge.i if via is not None else tok.i
        content = (sent.start, left) if left - sent.start >= MIN_FRONTED_TOKENS else (obj.right_edge.i + 1, sent.end)
    return Frame(cue_first=tok.i, cue_last=tok.i, source=obj, content=content,
                 via=(via,) if via is not None else (), via_any_kind=True, verb=tok, rule="cite")


def _colon_next(tok: Token, sent: Span) -> tuple[int, int] | None:
    """'X said:' ending its line or sentence: the content is the next sentence."""
    doc = tok.doc
    rest = [t for t in doc[tok.i + 1:sent.end] if not t.is_space]
    if not rest or rest[0].text != ":" or any(not t.is_punct for t in rest):
        return None
    k = rest[0].i + 1
    while k < len(doc) and (doc[k].is_space or (doc[k].is_punct and doc[k].text not in OPEN_QUOTES)):
        k += 1
    if k >= len(doc):
        return None
    return k, doc[k].sent.end


def _relative_start(tok: Token) -> bool:
    """A relative or interrogative word opening a content that holds the speaker ("which critics
    said was unfair", "what he called 'our arguments'"): the word stands for the content's gap."""
    return tok.tag_ in ("WDT", "WP", "WRB") or (tok.lower_ == "that" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"))


def _cue_group(tok: Token, last: int) -> tuple[int, int]:
    """The verb group: auxiliaries, negation and adverbs just before the verb ("has not said")."""
    first = tok.i
    for c in sorted((c for c in tok.children if c.i < tok.i), key=lambda c: -c.i):
        if c.dep_ in _GROUP_LEFT and c.i == first - 1 and not c.is_punct:
            first = c.i
    return first, last


def find_frames(sent: Span, *, attitudes: bool = False, quoted: Callable[[int], bool] | None = None,
                learned: bool | None = None) -> list[Frame]:
    """The attribution frames of one sentence, outermost first.  ``attitudes``: also frames of
    intention, desire, support, perception and decision (PolNeAR's definition; evaluation only).
    ``quoted(char_offset)``: True inside a quotation; a cue there belongs to the quoted speaker and
    is dropped before nesting is resolved.  ``learned`` (default: ``attitudes``): verbs outside the
    lexicons and lexicon verbs without content become cues, and frames (also frames nested in
    another's content) are kept by the learned model (attribution_learned.py)."""
    if learned is None:
        learned = attitudes
    out = _frames(sent, attitudes=attitudes, quoted=quoted, learned=learned)
    if not learned:
        return _outermost(out, relay=not attitudes)
    top: list[Frame] = []
    nested: list[Frame] = []
    for f, outer in _nesting(out):
        if f.source is None or f.rule == "outlet":
            if outer is None:
                top.append(f)
            continue
        tok = f.verb if f.verb is not None else sent.doc[f.cue_first]
        if is_learned_cue(tok, f.source, f.rule, _outer_key(outer, sent), f, _other_rule_frame(f, out)):
            (top if outer is None else nested).append(f)
    return sorted([*_outermost(top, relay=False), *nested], key=lambda f: f.cue_first)


def learned_candidates(sent: Span, *, quoted: Callable[[int], bool] | None = None
                       ) -> list[tuple[Frame, tuple[Token, Token | None, str] | None, bool]]:
    """What the learned model scores in a sentence (PolNeAR's definition): every frame with a
    source, each with (cue, source, rule) of the frame whose content holds its cue, or None, and
    whether another rule frame is in the sentence.  eval/polnear_fit_cues.py fits the model on these."""
    out = _frames(sent, attitudes=True, quoted=quoted, learned=True)
    return [(f, _outer_key(o, sent), _other_rule_frame(f, out)) for f, o in _nesting(out)
            if f.source is not None and f.rule != "outlet"]


def _other_rule_frame(frame: Frame, frames: list[Frame]) -> bool:
    """True when a frame other than ``frame`` found by a rule (not a candidate or bare verb, with
    a source) is among ``frames`` (a feature of the learned model)."""
    return any(g is not frame and g.source is not None and g.rule != "outlet" and g.rule not in CANDIDATES
               for g in frames)


def _outer_key(outer: Frame | None, sent: Span) -> tuple[Token, Token | None, str] | None:
    if outer is None:
        return None
    return (outer.verb if outer.verb is not None else sent.doc[outer.cue_first]), outer.source, outer.rule


def _nesting(frames: list[Frame]) -> list[tuple[Frame, Frame | None]]:
    """Each frame with the rule frame whose content holds its cue (None for the outermost):
    nesting is resolved among the rule frames (as without the model); candidate and bare verbs
    inside a rule frame's content are nested in it."""
    rules = [f for f in frames if f.rule not in CANDIDATES]
    top = {id(f) for f in _outermost(rules, relay=False)}
    out: list[tuple[Frame, Frame | None]] = []
    for f in frames:
        outer = None if id(f) in top else next(
            (g for g in rules if g is not f and g.rule != "according" and g.content[0] <= f.cue_first < g.content[1]
             and not (g.content[0] <= g.cue_first < g.content[1])), None)
        out.append((f, outer))
    return out


def _frames(sent: Span, *, attitudes: bool, quoted: Callable[[int], bool] | None, learned: bool) -> list[Frame]:
    """Every frame the rules find in ``sent`` (with ``learned``: also candidate and bare verbs),
    nested ones included, contents trimmed."""
    verbs = reporting_verbs() | attitude_verbs() if attitudes else reporting_verbs()
    frames: list[Frame] = []
    head = headline_frame(sent)
    if head is not None:
        frames.append(head)
    frames.extend(nominal_frames(sent, attitudes=attitudes))
    if attitudes:
        frames.extend(adjective_frames(sent, learned))
        if (title := title_frame(sent, verbs)) is not None:
            frames.append(title)
        frames.extend(prepositional_frames(sent))
    cited_heads: set[int] = set()
    speaker: Token | None = None  # the last speaker named after a quotation in this sentence
    caption = caption_end(sent)
    for tok in sent:
        if tok.i < caption:
            continue  # "Map of Iran highlighting the epicentre: C": a picture's caption, no speech
        low = tok.lower_
        if low == "according":
            f = according_frame(tok, sent)
            if f is not None:
                frames.append(f)
            continue
        lemma = cue_lemma(tok)
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        candidate = False
        event = None if attitudes or lemma in verbs else speech_event_content(tok)
        if lemma not in verbs and estimate_content(tok) is None and (attitudes or not extra_cue(tok)) \
                and event is None:
            if not learned or tok.pos_ != "VERB" or (cand := subject_of(tok)) is None \
                    or cand.pos_ not in LEARNED_SUBJECTS:
                continue
            candidate = True  # a verb outside the lexicons, left to the learned model (PolNeAR only)
        if lemma in words("seem") and not any(c.dep_ == "xcomp" and cue_lemma(c) in verbs for c in tok.children):
            continue  # "he seems tired": the writer's impression; "he seemed to recognize C": his
        if lemma in _QUOTING:
            f = _quoted(tok, sent) if any(c.dep_ == "nsubjpass" for c in tok.children) else _cite(tok, sent)
            if f is not None:
                frames.append(f)
                if f.rule == "citing" and f.verb is not None:
                    cited_heads.add(f.verb.i)
                continue
            if lemma == "cite":
                continue
            # "C, as quoted by IRNA": no quoted speaker named; the verb's own frame stands
        subj = subject_of(tok)
        if subj is not None and not (sent.start <= subj.i < sent.end):  # subject in a heading above
            subj = detached_subject(tok, sent)
        if _open_question(tok):
            continue  # "the judge put off deciding whether X could question Y": no act of X's yet
        if subj is not None and not attitudes and _thing_relative(tok, subj):
            continue  # "records that would respond to C": the outlet describes a thing (PolNeAR: its own)
        last = tok.i
        relative = False
        tail = quote_tail(tok, sent)
        content: tuple[int, int] | None
        if tail is None and subj is not None and speaker is not None and speaker.i < tok.i and quoted is not None \
                and quoted(subj.idx) and not quoted(tok.idx):
            subj = speaker  # '"C," he said, adding D' with "adding" hung inside C: the speaker named after C
        if tail is not None:  # '"C," X, a top adviser, said', often with X hung inside C by the parser
            if subj is None or not tail[2] <= subj.i < tail[3]:
                subj = tail[0]
            content = tail[1]
            speaker = subj
        else:
            if subj is not None and tok.i > 0 and tok.doc[tok.i - 1].text in CLOSE_QUOTES \
                    and inverted_subject(tok) is not None:  # '"C," said X' parsed with a subject inside C
                subj = None
            if subj is None and (subj := inverted_subject(tok)) is not None:
                content = (sent.start, tok.i - 1)
            elif subj is None and (subj := detached_subject(tok, sent)) is not None:
                content = _content_of(tok, sent, subj, attitudes)
            elif subj is None:
                continue
            else:
                content = None if attitudes else gap_content(tok, sent)
                relative = content is not None
                if content is None:
                    content = _content_of(tok, sent, subj, attitudes, candidate)
        rule = "relative" if relative else CANDIDATE if candidate else "verb"
        if rule == "verb" and not attitudes and is_phrasal_denial(tok):
            rule = "phrasal-denial"  # "pushed back against those claims": a denial when they are statements
        if content is None and candidate and tok.right_edge.i > tok.i:
            content = tok.i + 1, tok.right_edge.i + 1  # "X made their cases to voters"
        if content is None and (lemma in words("speech") or lemma in _OBJECT_MORE):
            content = _colon_next(tok, sent)  # 'X said:' / C
        if content is None and lemma in words("speech"):
            content = preceding_quote(sent)  # '"C." / X said.'
        if content is None and (found := _prep_content(tok, lemma, attitudes)) is not None:
            if not attitudes and _future(tok):
                continue  # "X will testify about D": a speech still to come, the outlet's statement (PolNeAR: X's)
            content, last = found
        if content is None and event is not None and can_speak(subj):
            content = event  # "X backed her up in an interview", "X sent a letter to Y seeking C"
        if content is None and not attitudes:
            content, last, rule = _refusal_forms(tok, sent, subj, last, rule)
        if content is None and learned and tok.right_edge.i > tok.i and subj.i < tok.i:
            content, rule = (tok.i + 1, tok.right_edge.i + 1), BARE  # "Kelly responded pointedly, with a smile"
        if content is not None and attitudes and content[0] <= subj.i < tok.i < content[1] - 1 \
                and _relative_start(sent.doc[content[0]]):
            content = tok.i + 1, content[1]  # "a strike that executives said could spread": "could spread"
        if content is None or content[0] <= subj.i < content[1]:
            continue
        first, last = _cue_group(tok, last)
        if not attitudes:
            content = _speech_tail(content, sent, verbs, quoted)
        if not attitudes and (second := second_cue(tok, content, verbs)) is not None:
            cj, end = second  # "X insists C and refuses to answer questions": the refusal is X's too
            inner = _content_of(cj, sent, subj)
            if inner is None and (pc := _prep_content(cj, cue_lemma(cj))) is not None:
                inner = pc[0]
            if inner is None and (ref := _refusal_forms(cj, sent, subj, cj.i, "second")[0]) is not None:
                inner = ref  # "X said C but would not say when": the refusal is its own content
            if inner is not None and inner[0] >= _cue_group(cj, cj.i)[0] and end > content[0]:
                content = content[0], end
                own_group = any(c.dep_ == "aux" for c in cj.children)
                actor = second_actor(tok, content) if own_group else None
                frames.append(Frame(cue_first=_cue_group(cj, cj.i)[0], cue_last=cj.i, source=actor or subj,
                                    content=inner, verb=cj, rule="second"))
        content, outlet = coordinated(tok, content, verbs, extra_cue)
        frames.extend(outlet)
        own_via = via_of(tok)
        via = (*own_via, *(v for v in speaker_via(subj) if all(v.i != w.i for w in own_via)))
        conj = [c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                and (tail is None or c.i < tail[3])]
        for s in (subj, *conj[:MAX_CONJ_SOURCES - 1]):
            frames.append(Frame(cue_first=first, cue_last=last, source=s, content=content, via=via, verb=tok,
                                rule=rule))
    seconds = {f.verb.i for f in frames if f.rule == "second" and f.verb is not None}
    frames = [f for f in frames if not (f.rule in ("verb", BARE) and f.verb is not None and f.verb.i in cited_heads)
              and not (f.rule != "second" and f.verb is not None and f.verb.i in seconds)
              and not (not attitudes and f.verb is not None and asks_anonymity(f.verb))
              and not (quoted is not None and quoted(sent.doc[f.cue_first].idx))
              and not (quoted is not None and f.source is not None and f.source.lower_ in _WRITER
                       and not (attitudes and interview_turn(sent))
                       and not (learned and f.source.lower_ in _WRITER_LEARNED))]
    for r in [f for f in frames if f.rule == "relative" and f.verb is not None]:
        frames = [f if f is r or r.verb is None else dataclasses.replace(f, content=relative_cut(f.content, r.verb))
                  for f in frames]
        if r.verb is not None and r.content[0] < r.verb.i and not any(
                g.content[0] <= r.content[0] < g.content[1] for g in frames if g is not r):
            # "C, a claim both nations have denied": C is the outlet's statement, the denial theirs
            frames.append(Frame(cue_first=r.verb.i, cue_last=r.verb.i, source=None, content=r.content,
                                rule="outlet"))
    out: list[Frame] = []
    for f in frames:
        a, b = _trim(sent, *f.content)
        if b <= a:
            continue
        out.append(dataclasses.replace(f, content=(a, b)))
    return out


_TAIL_MARKS = frozenset({"while", "whereas"})
_TAIL_JOINS = frozenset({"but", "yet", ";"})


def _speech_tail(content: tuple[int, int], sent: Span, verbs: frozenset[str],
                 quoted: Callable[[int], bool] | None) -> tuple[int, int]:
    """A content that runs into another speaker's clause ("A spokesman said C, while the ministry did
    not respond to requests for comment", "X said C, but the ministry declined to comment", "X said
    C; Y said D" parsed with the second clause inside C): a clause opened by while/whereas, or
    after but/yet/';', whose verb is a cue (or a refusal) with a subject of its own that can speak
    is that subject's act, not part of C -- the content ends before it (ledger only)."""
    a, b = content
    doc = sent.doc
    for v in doc[a + 1:b]:
        if v.pos_ not in ("VERB", "AUX") or not (cue_lemma(v) in verbs or extra_cue(v)):
            continue
        if quoted is not None and quoted(v.idx):
            continue  # the speaker's own words
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i > v.i or not can_speak(subj):
            continue
        k = v.left_edge.i
        if doc[k].lower_ in _TAIL_MARKS and doc[k].head.i == v.i:
            cut = k
        elif doc[k - 1].lower_ in _TAIL_JOINS:
            cut = k - 1
        else:
            continue
        if cut - a >= MIN_FRONTED_TOKENS:
            return a, cut
    return content


def _refusal_forms(tok: Token, sent: Span, subj: Token, last: int, rule: str
                   ) -> tuple[tuple[int, int] | None, int, str]:
    """(content, last cue token, rule) of the denials and refusals of attribution_refusals.py, for a
    cue whose content the other rules did not find (the ledger's rules only)."""
    bare = bare_denial_content(tok, sent) or decline_object_content(tok) or finding_content(tok, subj)
    if bare is not None:
        return bare, last, rule
    if (phr := phrasal_content(tok)) is not None:
        return phr[0], phr[1], "phrasal-denial"
    if (ref := refusal_content(tok, _cue_group(tok, tok.i)[0], sent)) is not None:
        return ref, last, "refusal"
    first = _cue_group(tok, tok.i)[0]
    if (ref := evasion_content(tok, first, sent) or question_refusal_content(tok, first, sent)) is not None:
        return ref, last, "refusal"
    return None, last, rule


def _relayed(g: Frame, frames: list[Frame]) -> Frame | None:
    """'X said C, IRNA reported': a frame of a relaying verb (attribution_words.toml ``relays``)
    whose content is one speech frame gives that frame, with the relaying source as its
    intermediary (kept when it is an outlet, as 'according to' is)."""
    if g.verb is None or g.source is None or cue_lemma(g.verb) not in words("relays"):
        return None
    inner = [f for f in frames if f is not g and f.rule != "according" and f.verb is not None
             and g.content[0] <= f.cue_first < g.content[1] and g.content[0] <= f.content[0]
             and f.content[1] <= g.content[1] and cue_lemma(f.verb) in reporting_verbs()]
    if len(inner) != 1 or inner[0].source is None:
        return None
    f, src = inner[0], inner[0].source
    doc = src.doc
    rest = [t for t in doc[f.content[1]:g.content[1]] if not (t.is_punct or t.is_space)]
    if rest or any(not (t.is_punct or t.is_space) for t in doc[g.content[0]:src.left_edge.i]):
        return None  # the relayed clause holds more than "X said C" ("X welcomed A, and B")
    return dataclasses.replace(f, via=(*f.via, g.source))


def _as_relayed(frames: list[Frame]) -> list[Frame]:
    """'X said C, as quoted by Tass' (or cited, first reported by): when another speaker's content
    ends with the participle, its agent relays that speaker and C ends before it; the participle's
    own frame (Tass as a speaker) goes.  Alone ("C, as reported by Ukraine's intelligence service")
    the agent is the source and its frame stays."""
    used: set[int] = set()
    out: list[Frame] = []
    for f in frames:
        anchor = f.verb if f.verb is not None else f.source
        if anchor is None or (f.verb is not None and as_relay(f.verb) is not None):
            out.append(f)
            continue
        doc = anchor.doc
        for t in doc[f.content[0]:f.content[1]]:
            outlet = as_relay(t)
            if outlet is None or any(not (x.is_punct or x.is_space) for x in doc[t.right_edge.i + 1:f.content[1]]):
                continue
            end = t.left_edge.i
            while end > f.content[0] and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end - f.content[0] >= MIN_FRONTED_TOKENS:
                f = dataclasses.replace(f, content=(f.content[0], end), via=(*f.via, outlet))
                used.add(t.i)
            break
        out.append(f)
    return [f for f in out if f.verb is None or f.verb.i not in used]


def _untangled(frames: list[Frame]) -> list[Frame]:
    """'Police said C, the BBC reported' parsed with each verb inside the other's content (the
    relaying clause hung on C, and "Police said" taken as what the BBC reported): both would be
    dropped as nested.  The speech frame keeps C (up to the relaying clause) with the relaying
    source as its intermediary, and the relaying frame goes."""
    out = list(frames)
    for g in frames:
        if g.verb is None or g.source is None or cue_lemma(g.verb) not in words("relays"):
            continue
        for f in frames:
            if f is g or f.verb is None or f.source is None or cue_lemma(f.verb) not in reporting_verbs() \
                    or cue_lemma(f.verb) in words("relays"):
                continue
            if not (g.content[0] <= f.cue_first < g.content[1] and f.content[0] <= g.cue_first < f.content[1]):
                continue
            doc = g.source.doc
            end = g.source.left_edge.i
            if any(not (t.is_punct or t.is_space) for t in doc[g.cue_last + 1:f.content[1]]):
                continue  # the relaying clause is not the sentence's tail
            while end > f.content[0] and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end - f.content[0] < MIN_FRONTED_TOKENS or f not in out or g not in out:
                continue
            out = [dataclasses.replace(x, content=(f.content[0], end), via=(*f.via, g.source)) if x is f else x
                   for x in out if x is not g]
    return out


def _relay_tail(f: Frame, frames: list[Frame]) -> Frame | None:
    """'X said C, IRNA reported' parsed with "IRNA reported" inside X's content: X's content is C
    and the relaying source its intermediary."""
    if f.verb is None or f.source is None or cue_lemma(f.verb) not in reporting_verbs():
        return None
    for g in frames:
        if g is f or g.verb is None or g.source is None or cue_lemma(g.verb) not in words("relays"):
            continue
        if not (f.content[0] <= g.content[0] and g.content[1] <= g.cue_first < f.content[1]):
            continue
        tail = g.source.doc[g.content[1]:f.content[1]]  # what follows C: ", IRNA reported"
        if all(t.is_punct or t.is_space or t.i in range(g.source.left_edge.i, g.cue_last + 1) for t in tail):
            return dataclasses.replace(f, content=(f.content[0], g.content[1]), via=(*f.via, g.source))
    return None


def _according_tail(f: Frame, frames: list[Frame]) -> Frame:
    """'X said C, according to Reuters' parsed with "according to Reuters" inside X's content: X's
    content is C and Reuters its intermediary (the caller keeps it when it is an outlet)."""
    for a in frames:
        if a.rule != "according" or a.source is None or not f.content[0] < a.cue_first < f.content[1]:
            continue
        doc = a.source.doc
        if any(not (t.is_punct or t.is_space) for t in doc[a.source.right_edge.i + 1:f.content[1]]):
            continue  # something follows the phrase: it is not the sentence's tail
        end = a.cue_first
        while end > f.content[0] and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return dataclasses.replace(f, content=(f.content[0], end), via=(*f.via, a.source))
    return f


def _outermost(frames: list[Frame], relay: bool = True) -> list[Frame]:
    """Drop frames nested in another frame's content; 'according to' inside a verb frame's
    sentence becomes that frame's intermediary instead (the caller checks it is an outlet).
    ``relay`` False (PolNeAR): 'according to X' stays an attribution of its own as well."""
    if relay:
        frames = _untangled(_as_relayed(frames))
    keep: list[Frame] = []
    for f in frames:
        inside = any(g is not f and g.rule != "according" and g.content[0] <= f.cue_first < g.content[1]
                     and not (g.content[0] <= g.cue_first < g.content[1]) for g in frames)
        if not inside:
            keep.append(f)
    if relay:
        keep = [_relayed(g, frames) or _relay_tail(g, frames) or g for g in keep]
    verbs = [f for f in keep if f.rule != "according"]
    if relay and verbs and all(f.verb is None or cue_lemma(f.verb) in reporting_verbs() for f in verbs):
        keep = [_according_tail(f, frames) if f.rule != "according" else f for f in keep]
        verbs = [f for f in keep if f.rule != "according"]
    if verbs and all(f.verb is None or cue_lemma(f.verb) in reporting_verbs() for f in verbs):
        # "X said C, according to Reuters": Reuters relays X (not an attitude: "backed by ..., according to")
        acc = [f for f in keep if f.rule == "according" and f.source is not None]
        if acc and relay:
            extra = tuple(a.source for a in acc if a.source is not None)
            keep = [dataclasses.replace(f, via=(*f.via, *extra)) for f in verbs]
    return sorted(keep, key=lambda f: f.cue_first)
