"""From a parsed chunk of a document to Claim records.

For each sentence (spaCy's sentences, also cut at line breaks): skip what is not a claim
(headings, requests for comment, verbless lines), find attribution frames, resolve sources,
via, stance and hedges, and build one claim per frame.  A sentence without a frame is:
- a quotation continuing the previous speaker (it opens with a quotation mark, or lies inside
  a quotation that spans sentences: the speaker named after the closing mark owns it);
- otherwise a statement in the outlet's own voice (source None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from ..models import Claim, Entity, Hedge, Quantity, Span, Stance, TimeExpr
from . import claim_parts
from .attribution import Frame, find_frames
from .attribution_forms import dash_frame, label_frame, venue_candidate
from .attribution_mentions import Resolution, SourceTracker, np_core
from .attribution_refusals import states_object
from .attribution_subjects import coordinated_verb
from .claim_parts import clause_parts, is_statement, split_keeps, statement_context
from .hedges import HedgeLexicon, HedgeMatch, find_hedges
from .ids import claim_id
from .nlp import ends_line_sentence, wrap_width
from .predicates import predicates_of
from .stance import StanceLexicon, is_not_claim, phrase_in, shares_head, stance_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["METHOD", "ChunkContext", "claims_for_chunk", "quote_regions", "units"]

METHOD = "extract.attribution.rules.v1"
MIN_CLAIM_CHARS = 8
"""A content shorter than this is replaced by its sentence: the scorer's overlap unit (8 code
points, tools/score_ledger.py MIN_OVERLAP)."""
MIN_SENTENCE_WORDS = 4
"""Fewer words than this is a fragment (a dateline, a caption, 'Related:'), not a claim."""
MAX_HEADING_WORDS = 14
"""A line without final punctuation, mostly capitalised and at most this long is a heading.
Set from headings in the seeds' and PolNeAR train articles (2-11 words)."""
MAX_QUOTE_CHARS = 2_000
"""A "quotation" longer than this is an unbalanced quotation mark, not a quotation; reporting
verbs inside a real quotation belong to the quoted speaker ("I think ...") and are not frames."""
QUOTE_CARRY_UNITS = 3
"""A quotation without a cue continues a speaker named at most this many sentences before."""
_OPEN = "\u201c\u00ab"
_CLOSE = "\u201d\u00bb"
_QUOTE_RE = re.compile("''|[\u201c\u201d\u00ab\u00bb\"]")
"""Quotation marks; a typewriter pair '' (NYT archive style) counts as a straight double quote."""
_CLAUSE_MODIFIERS = frozenset({"relcl", "acl"})
_CALENDAR_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")
"""A TIMEX3 calendar date (year, month or day): the only values Claim.said_on takes; durations
("P1D"), weeks, seasons and *_REF fall back to the publication date."""
Keep = Callable[[int, int], bool]
"""Whether a quantity, time or entity at [start, end) (document offsets) belongs to a claim."""
_ACT_RULES = frozenset({"relative"})
"""A denial read off a relative clause (attribution_refusals.py, "a claim both nations have
denied") is kept only when its source resolves to a known kind of source: the subject of such a
clause is often a vague back-reference ("both nations"), no actor to credit; the sentence stays
the outlet's."""
_TERMINAL = frozenset(".!?\u201d\"'\u2019:;)")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """[open, close) character ranges of quotations (curly or straight marks, one regex pass)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _QUOTE_RE.finditer(text):
        ch, i = m.group(), m.start()
        straight = ch in ('"', "''")
        opening = ch in _OPEN or (straight and (i == 0 or text[i - 1] in " \n\t([\u2014-"))
        if start is None:
            if opening:
                start = i
        elif not opening or straight:
            out.append((start, i + len(ch)))
            start = None
    return out


def _in_quote(pos: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(a < pos < b and b - a <= MAX_QUOTE_CHARS for a, b in regions)


def units(doc: Doc) -> list[SpacySpan]:
    """Sentences, also cut at line breaks (a heading never runs into the next paragraph); in
    hard-wrapped text only where ``nlp.ends_line_sentence`` says a sentence ends."""
    out: list[SpacySpan] = []
    width = wrap_width(doc.text)
    for sent in doc.sents:
        a = sent.start
        for t in sent:
            if t.is_space and ends_line_sentence(t, width=width):
                if t.i > a:
                    out.append(doc[a:t.i])
                a = t.i + 1
        if sent.end > a:
            out.append(doc[a:sent.end])
    return [u for u in out if not all(t.is_space or t.is_punct for t in u)]


def _continues_quote(u: SpacySpan, regions: Sequence[tuple[int, int]]) -> bool:
    """A sentence with no frame that is a quotation: it opens with a quotation mark (curly,
    straight or the typewriter pair '') or begins inside a quotation opened in a sentence before
    it ('"C1. C2. C3," X said' cut after C2 by the parser, or '... X said. "C1. C2."')."""
    lead = u.text.lstrip()
    return lead[:1] in _OPEN + '"' or lead.startswith("''") or _in_quote(u.start_char, regions)


def _is_heading(u: SpacySpan) -> bool:
    text = u.text.strip()
    words = [t for t in u if t.is_alpha]
    if not text or text[-1] in _TERMINAL or len(words) > MAX_HEADING_WORDS:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps * 2 >= len(words)


def _frame_words(f: Frame, doc: Doc) -> list[str]:
    """The words of a frame's cue (with its auxiliaries, negation and coordination) and content."""
    lo, hi = min(f.cue_first, f.content[0], *_verb_group(f.verb)), max(f.cue_last + 1, f.content[1])
    return [t.lower_.replace("\u2019", "'") for t in doc[lo:hi]]


_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "preconj", "cc", "advmod"})


def _verb_group(verb: Token | None) -> list[int]:
    """Token indices of a cue verb's auxiliaries, negation and coordination, and of the verb it is
    coordinated with when it shares its negation ("would neither confirm nor deny", stance.shares_head):
    the words of its refusal phrases."""
    if verb is None:
        return []
    heads = [verb, verb.head] if shares_head(verb) else [verb]
    return [t.i for h in heads for t in (h, *h.children) if t is h or t.dep_ in _VERB_GROUP_DEPS]


_CLAUSE_BREAKS = frozenset({"but", "while", "whereas", ";"})
"""Words that begin another clause of a sentence ("X did not respond to a request for comment, but
a spokesman said C")."""


def _beside_request(u: SpacySpan, slex: StanceLexicon) -> tuple[list[Frame], list[str]]:
    """The frames of a sentence that reports a request for comment (``is_not_claim``) in one clause
    and a statement in another, after "but", "while" or ";": that statement is a claim.  Also the
    words of the sentence outside the request's clause."""
    if _is_heading(u) or sum(1 for t in u if t.is_alpha) < MIN_SENTENCE_WORDS:
        return [], []
    toks = [t for t in u if not t.is_space]
    words = [t.lower_.replace("\u2019", "'") for t in toks]
    found = next(((i, i + len(p)) for p in slex.not_claim_phrases for i in range(len(words) - len(p) + 1)
                  if tuple(words[i:i + len(p)]) == p), None)
    if found is None:
        return [], []
    a, b = toks[found[0]].i, toks[found[1] - 1].i  # the request's phrase, as document token indices
    breaks = [t.i for t in toks if t.lower_ in _CLAUSE_BREAKS]
    before = max((k for k in breaks if k < a), default=u.start - 1)  # the request's clause: (before, after)
    after = min((k for k in breaks if k > b), default=u.end)
    out = []
    for f in find_frames(u):
        lo, hi = min(f.cue_first, f.content[0]), max(f.cue_last, f.content[1] - 1)
        if lo > after or hi < before:
            out.append(f)  # wholly in another clause than the request's
    outside = [w for t, w in zip(toks, words, strict=True) if not before < t.i < after]
    return out, outside


_CLOSERS = " \t\n\"'\u201d\u2019)]"
"""Closing quotation marks and brackets after a sentence's or a quotation's last word."""


def _is_question(text: str) -> bool:
    """Does ``text`` end as a question ("Do you support Ted Cruz?", '"Is he really so ignorant ...?"')?
    A question states nothing checkable (GUIDELINES.md, "Claim"): the ledger makes no claim of it."""
    return text.rstrip(_CLOSERS).endswith("?")


def _names_a_topic(f: Frame, doc: Doc) -> bool:
    """A noun cue whose content is a bare noun phrase ("Mr. Trump's views on immigration", "his criticism
    of Hillary Clinton", "Clinton's remarks on Thursday") names what was spoken about, not what was said:
    no claim.  "X's claim that C" keeps its clause; verb cues keep a phrase ("put the magnitude at 6.1")."""
    return f.rule == "noun" and not any(t.pos_ in ("VERB", "AUX") for t in doc[f.content[0]:f.content[1]])


def _asks(d: _Draft, text: str) -> bool:
    """Is the content of ``d`` a quoted question (its "?" may lie just after the content's span)?
    An indirect one stays a claim: "Judicial Watch has questioned whether the server thwarted the
    law" doubts a statement (the PolNeAR story's gold counts it)."""
    a, b = d.content
    return _is_question(text[a:b]) or text[b:b + 1] == "?"


def _not_claim(u: SpacySpan, words: Sequence[str], slex: StanceLexicon, *, ledger: bool = True) -> bool:
    if sum(1 for t in u if t.is_alpha) < MIN_SENTENCE_WORDS:
        return True
    if ledger and _is_question(u.text):
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in u):
        return True
    if u.text.lstrip()[:1] in "-\u2022*" or _is_heading(u):
        return True
    return is_not_claim(words, slex)


@dataclass(slots=True)
class ChunkContext:
    """What carries over from one chunk (and sentence) of a document to the next."""

    document_id: str
    content_hash: str
    published: str | None
    tracker: SourceTracker
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attitudes: bool = False
    """Also frame attitudes (intention, desire, support, perception): PolNeAR's definition, for
    its evaluation only (see attribution.find_frames)."""
    last_speaker: tuple[str, int] | None = None
    """(source id, unit number) of the most recent attributed claim."""
    unit_no: int = 0


@dataclass(frozen=True, slots=True)
class _Draft:
    source_id: str | None
    mention: Span | None
    cue: Span | None
    via: tuple[str, ...]
    content: tuple[int, int]
    """Character range in the chunk."""
    stance: Stance
    hedges: tuple[Hedge, ...]
    how: str
    coordinated: bool = False
    """The cue verb is coordinated with another ("denied C but agreed to D"): a second statement."""


def _in_range(items: Sequence[Quantity | TimeExpr | Entity], a: int, b: int) -> tuple[object, ...]:
    return tuple(x for x in items if a <= x.start and x.end <= b)


def _hedges_for(frame: Frame | None, frames: Sequence[Frame], hedges: Sequence[HedgeMatch],
                u: SpacySpan) -> tuple[Hedge, ...]:
    """The hedges that govern a frame's statement (``frame`` None: the whole sentence, outlet voice).

    Inside the content, on the cue ("believes", "reportedly said"), or outside every frame (a
    sentence-level "reportedly") count; a modal or verb cue inside a relative or participle
    clause describes something else and does not, unless that clause is the content itself;
    evidential adverbs (reportedly, allegedly) count wherever they are.
    """
    out: list[Hedge] = []
    for h in hedges:
        tok = u.doc[h.first]
        if h.outlet_voice_only and frame is not None:
            continue
        if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl", "relcl"):  # "..., first alleged by X"
            continue
        if tok.pos_ != "ADV" and any(a.dep_ in _CLAUSE_MODIFIERS and a.i >= u.start for a in (tok, *tok.ancestors)) \
                and (frame is None or not any(a.dep_ in _CLAUSE_MODIFIERS and a.left_edge.i == frame.content[0]
                                              for a in (tok, *tok.ancestors))):
            continue
        if frame is None:
            out.append(h.hedge)
            continue
        in_content = frame.content[0] <= h.first < frame.content[1]
        is_cue = frame.cue_first <= h.first <= frame.cue_last or (frame.verb is not None and tok.head.i == frame.verb.i
                                                                  and tok.dep_ == "advmod")
        elsewhere = not any(g.content[0] <= h.first < g.content[1] or g.cue_first <= h.first <= g.cue_last
                            for g in frames)
        if in_content or is_cue or elsewhere:
            out.append(h.hedge)
    return tuple(out)


def claims_for_chunk(doc: Doc, ctx: ChunkContext, *, offset: int, hlex: HedgeLexicon | None = None,
                     slex: StanceLexicon | None = None) -> None:
    """Append the claims of ``doc`` (a chunk starting at ``offset`` in the document) to ``ctx``."""
    hlex = hlex or HedgeLexicon.load()
    slex = slex or StanceLexicon.load()
    text = doc.text
    regions = quote_regions(text)
    us = units(doc)
    # speakers of quotations that span sentences: the frame in the unit holding the closing mark
    per_unit: list[tuple[SpacySpan, list[Frame], list[str]]] = []
    for u in us:
        words = [t.lower_.replace("\u2019", "'") for t in u if not t.is_space]
        if ctx.attitudes and _is_heading(u) and sum(1 for t in u if t.is_alpha) >= MIN_SENTENCE_WORDS:
            # PolNeAR annotates attributions in titles ("Obama Says Trump Is Unfit"); the ledger
            # does not make headlines claims (GUIDELINES.md), so only its evaluation frames them
            frames = find_frames(u, attitudes=True, quoted=lambda pos: _in_quote(pos, regions))
            per_unit.append((u, frames, words if frames else []))
            continue
        if _not_claim(u, words, slex, ledger=not ctx.attitudes):
            if ctx.attitudes:
                # PolNeAR annotates attributions in short, verbless (titles) and 'not a claim'
                # sentences too ('"C," Bozell explains.', 'Le Pen Backs Trump.'): every frame
                # the rules and the learned model keep makes a claim
                frames = find_frames(u, attitudes=True, quoted=lambda pos: _in_quote(pos, regions))
            else:
                # the ledger: only a short attribution line around a quotation ('"..." / Trump
                # said.', 'He said: / "..."'), whose content lies outside it
                frames = find_frames(u) if any(t.pos_ == "VERB" for t in u) and len(words) < 8 else []
            if not frames and (signed := dash_frame(u) or label_frame(u)) is not None:
                frames = [signed]
            if not ctx.attitudes:
                frames = [f for f in frames if f.content[0] < u.start or f.content[0] >= u.end]
                if not frames and len(words) >= 8:
                    frames, outside = _beside_request(u, slex)  # "X did not respond ..., but Y said C"
                    words = outside if frames else words  # (the request's words are no refusal of Y's)
            per_unit.append((u, frames, words if frames else []))
            continue
        frames = find_frames(u, attitudes=ctx.attitudes, quoted=lambda pos: _in_quote(pos, regions))
        if not ctx.attitudes:
            frames = [f for f in frames if not _names_a_topic(f, doc)]
        per_unit.append((u, frames, words))
    # a quotation closed before a sentence that names its speaker ('"C." / X said.') is that
    # sentence's claim: the quotation's own sentences make no claim of their own (nor do the
    # sentences announced by 'X said:')
    covered: set[int] = set()
    for j, (u, frames, _) in enumerate(per_unit):
        for f in frames:
            if f.content[0] < u.start:
                covered.update(i for i in range(j) if per_unit[i][0].start >= f.content[0] - 1)
            elif f.content[0] >= u.end:
                covered.update(i for i in range(j + 1, len(per_unit)) if per_unit[i][0].start < f.content[1])
    owner: dict[int, int] = {}
    for ra, rb in regions:
        # a unit holding only the opening mark (the parser ends a sentence after it) is no member
        members = [i for i, (u, _, w) in enumerate(per_unit) if w and u.start_char < rb and u.end_char > ra + 2]
        if len(members) > 1:
            for i in members[:-1]:
                owner[i] = members[-1]
    # sources are resolved in reading order, interleaved with the quotations that continue a
    # speaker (SourceTracker.touch): "... / '...' / The letter continues" reads the letter as that
    # speaker's; a quotation's owner further on is resolved when the quotation needs it
    drafts_by_unit: dict[int, list[_Draft]] = {}

    def unit_drafts(j: int) -> list[_Draft]:
        if j not in drafts_by_unit:
            uj, fj, wj = per_unit[j]
            drafts_by_unit[j] = _unit_drafts(uj, fj, wj, ctx, offset, hlex, slex, regions) if wj else []
        return drafts_by_unit[j]

    for i, (u, frames, words) in enumerate(per_unit):
        ctx.unit_no += 1
        drafts = unit_drafts(i)
        if not words or i in covered:
            continue
        if drafts and drafts[0].source_id is not None:
            ctx.last_speaker = (drafts[0].source_id, ctx.unit_no)
        if not frames:
            sid: str | None = None
            via: tuple[str, ...] = ()
            owner_unit = owner.get(i)
            if owner_unit is not None and unit_drafts(owner_unit) and \
                    unit_drafts(owner_unit)[0].source_id is not None:
                # one quotation over several sentences: its attribution ('..." X told state TV')
                # is every sentence's, intermediary included
                sid, via = unit_drafts(owner_unit)[0].source_id, unit_drafts(owner_unit)[0].via
            elif _continues_quote(u, regions) and ctx.last_speaker is not None \
                    and ctx.unit_no - ctx.last_speaker[1] <= QUOTE_CARRY_UNITS:
                sid = ctx.last_speaker[0]
            if sid is not None:
                d = drafts[0]
                stance = stance_of(None, words, words, attributed=True, lexicon=slex)
                drafts = [_Draft(source_id=sid, mention=None, cue=None, via=via, content=d.content, stance=stance,
                                 hedges=d.hedges, how="quote-continuation")]
                ctx.last_speaker = (sid, ctx.unit_no)
                ctx.tracker.touch(sid, u.start_char + offset)
        for d, keep, context in _statements(drafts, u, words, regions, offset, slex, text):
            if not ctx.attitudes and _asks(d, text):
                continue  # a quoted question ('"Is he really so ignorant ...?" Scarborough said')
            _emit(d, u, ctx, offset, text, keep, context)


def _unit_drafts(u: SpacySpan, frames: list[Frame], words: list[str], ctx: ChunkContext, offset: int,
                 hlex: HedgeLexicon, slex: StanceLexicon, regions: Sequence[tuple[int, int]] = ()) -> list[_Draft]:
    doc = u.doc
    quoted = partial(_in_quote, regions=regions)
    hedges = find_hedges(list(u), hlex, offset=offset)
    if not frames:
        return [_Draft(source_id=None, mention=None, cue=None, via=(), content=(u.start_char, u.end_char),
                       stance="asserts", hedges=_hedges_for(None, frames, hedges, u), how="outlet-voice")]
    out: list[_Draft] = []
    tracker = ctx.tracker
    for f in frames:
        if f.rule == "outlet":  # "X denied C but committed to D": D in the outlet's voice
            if any(g.rule == "relative" and g.content == f.content for g in frames):
                continue  # "C, a claim X denied": C is the outlet's only beside X's denial (below)
            ca, cb = doc[f.content[0]].idx, doc[f.content[1] - 1].idx + len(doc[f.content[1] - 1].text)
            out.append(_Draft(source_id=None, mention=None, cue=None, via=(), content=(ca, cb), stance="asserts",
                              hedges=_hedges_for(f, frames, hedges, u), how="outlet-voice"))
            continue
        if f.source is not None:
            res = tracker.resolve(f.source, offset=offset, quoted=quoted)
            if res is None and f.source.lower_ in ("he", "she"):
                res = tracker.resolve_recent_person(f.source, offset=offset)
        elif f.source_text:
            res = tracker.resolve_name(f.source_text, offset=doc[u.start].idx + offset)
        else:
            res = None
        if res is not None and res.kind == "unknown" and f.rule in _ACT_RULES:
            res = None  # "a claim both nations have denied": the act is credited to an identified actor only
        if res is None and ctx.attitudes and f.source is not None:
            # PolNeAR marks the mention whether or not it names anyone ("It said ...", "a message
            # that said ..."): the evaluation keeps the frame under an id of its own
            res = _unresolved(f.source, offset)
        if res is None:
            continue
        via: list[str] = []
        for v in f.via:
            if venue_candidate(v) and not tracker.registry.is_outlet_name(v.doc[slice(*np_core(v))].text):
                continue  # "said in Geneva", "wrote in his memoir": no outlet, and no source made of it
            if not f.via_any_kind and v.ent_type_ == "PERSON" \
                    and not tracker.registry.is_outlet_name(v.doc[slice(*np_core(v))].text):
                continue  # "who spoke to Judge Ann Lee": no outlet, and resolving would register a person
            vr = tracker.resolve(v, offset=offset)
            if vr is None or vr.source_id == res.source_id or tracker.is_publisher(vr.source_id):
                continue
            if f.via_any_kind or vr.kind == "outlet":
                via.append(vr.source_id)
        if tracker.is_publisher(res.source_id) and via:  # "Newsweek cited X" -> source X
            via = [v for v in via if not tracker.is_publisher(v)]
        ca, cb = doc[f.content[0]].idx, doc[f.content[1] - 1].idx + len(doc[f.content[1] - 1].text)
        cw = [t.lower_.replace("\u2019", "'") for t in doc[f.content[0]:f.content[1]]]
        croot = next((t for t in doc[f.content[0]:f.content[1]]
                      if t.head.i < f.content[0] or t.head.i >= f.content[1] or t.head.i == t.i), None)
        # a refusal phrase elsewhere in the sentence is another statement's ("X, who declined to
        # comment on D, said C", "Y did not respond to a request for comment, but X said C"): a
        # frame reads the phrases of its own cue and content
        sw = words
        if phrase_in(words, slex.decline_phrases) and len(frames) > 1:
            own = _frame_words(f, doc)
            if not phrase_in(own, slex.decline_phrases) and any(
                    phrase_in(_frame_words(g, doc), slex.decline_phrases) for g in frames if g is not f):
                sw = own
        stance = stance_of(f.verb, sw, cw, attributed=True, lexicon=slex, content_root=croot)
        if f.rule == "phrasal-denial" and stance == "asserts" and croot is not None and states_object(croot):
            # "pushed back on claims that C": a denial of a statement ("pushed back on the plan" acts)
            stance = "declines" if f.verb is not None and any(c.dep_ == "neg" for c in f.verb.children) else "denies"
        cue_tok_a, cue_tok_b = doc[f.cue_first], doc[f.cue_last]
        cue = Span(start=cue_tok_a.idx + offset, end=cue_tok_b.idx + len(cue_tok_b.text) + offset,
                   text=doc[f.cue_first:f.cue_last + 1].text)
        out.append(_Draft(source_id=res.source_id, mention=res.mention, cue=cue, via=tuple(dict.fromkeys(via)),
                          content=(ca, cb), stance=stance, hedges=_hedges_for(f, frames, hedges, u), how=res.how,
                          coordinated=f.verb is not None and coordinated_verb(f.verb)))
    for f in frames:
        if f.rule == "outlet" and any(g.rule == "relative" and g.content == f.content and g.verb is not None
                                      and d.cue is not None and d.cue.start <= g.verb.idx + offset < d.cue.end
                                      for d in out
                                      for g in frames):
            ca, cb = doc[f.content[0]].idx, doc[f.content[1] - 1].idx + len(doc[f.content[1] - 1].text)
            out.append(_Draft(source_id=None, mention=None, cue=None, via=(), content=(ca, cb), stance="asserts",
                              hedges=_hedges_for(f, frames, hedges, u), how="outlet-voice"))
    return _merge(out, doc) or [_Draft(source_id=None, mention=None, cue=None, via=(),
                                            content=(u.start_char, u.end_char), stance="asserts",
                                            hedges=_hedges_for(None, [], hedges, u), how="outlet-voice")]


def _merge(drafts: list[_Draft], doc: Doc | None = None) -> list[_Draft]:
    """One draft per statement: drafts of one source join when their contents overlap, or when
    one source mention has them and they are not two statements (claim_parts.SPLIT_FRAMES
    off, one cue, or a content that is no statement of its own, claim_parts.is_statement:
    "X called A, adding that B" gives two, "downplayed the reports, emphasizing that ..." and
    "asked about the allegation, X said ..." one).  In a join a denial or decline outweighs an
    assertion of the same source."""
    def statement(d: _Draft) -> bool:
        span = doc.char_span(d.content[0], d.content[1], alignment_mode="expand") if doc is not None else None
        return span is not None and is_statement(span)

    def apart(o: _Draft, d: _Draft) -> bool:
        return claim_parts.SPLIT_FRAMES and o.cue != d.cue and statement(o) and statement(d)

    out: list[_Draft] = []
    for d in drafts:
        same = next((o for o in out if o.source_id == d.source_id and not (d.coordinated and d.stance != o.stance) and (
            (o.mention == d.mention and not apart(o, d))
            or (o.content[0] < d.content[1] and d.content[0] < o.content[1]))), None)
        if same is None:
            out.append(d)
            continue
        i = out.index(same)
        hedges = tuple({(h.start, h.end): h for h in (*same.hedges, *d.hedges)}.values())
        out[i] = _Draft(source_id=same.source_id, mention=same.mention, cue=same.cue,
                        via=tuple(dict.fromkeys((*same.via, *d.via))),
                        content=(min(same.content[0], d.content[0]), max(same.content[1], d.content[1])),
                        stance=same.stance if same.stance != "asserts" else d.stance, hedges=hedges, how=same.how)
    return out


def _cue_verb(d: _Draft, doc: Doc, offset: int) -> Token | None:
    """The head verb of a draft's cue ("did not refute" -> refute), None for "according to"."""
    if d.cue is None:
        return None
    toks = [t for t in doc if d.cue.start <= t.idx + offset < d.cue.end]
    ids = {t.i for t in toks}
    return next((t for t in toks if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in ids)), None)


def _statements(drafts: list[_Draft], u: SpacySpan, words: list[str], regions: Sequence[tuple[int, int]],
                offset: int, slex: StanceLexicon, text: str
                ) -> list[tuple[_Draft, Keep | None, tuple[int, int] | None]]:
    """The drafts of a sentence, one per statement (claim_parts.clause_parts cuts a content at a
    coordination of full clauses), each with the rule choosing its quantities, times and entities
    when its source has several statements in the sentence (None: the whole sentence's).  A part
    keeps the draft's source, via and cue; its stance is computed on its own content and its
    hedges are those in its content or outside every part (on the cue, sentence-level).  The
    third member is the claim's sentence span when it is one of several statements of its
    source in the sentence (claim_parts.statement_context), else None (the sentence).  ``text``:
    the chunk's text (``Doc.text`` is rebuilt on every access)."""
    if not (claim_parts.SPLIT_FRAMES or claim_parts.SPLIT_CLAUSES):
        if len({d.source_id for d in drafts}) < 2:
            return [(d, None, None) for d in drafts]
        # several speakers in one sentence ("Police said 12 were killed, while witnesses said the toll
        # was higher"): a claim takes no figure, time or name from another speaker's content
        contents = [(d.content[0] + offset, d.content[1] + offset) for d in drafts]
        return [(d, partial(split_keeps, own, contents, True), None) for d, own in zip(drafts, contents, strict=True)]
    doc = u.doc
    pieces: list[_Draft] = []
    for d in drafts:
        span = doc.char_span(d.content[0], d.content[1], alignment_mode="expand")
        parts = clause_parts(doc, span.start, span.end, lambda pos: _in_quote(pos, regions)) \
            if span is not None and claim_parts.SPLIT_CLAUSES else []
        if len(parts) < 2:
            pieces.append(d)
            continue
        verb = _cue_verb(d, doc, offset)
        bounds = [(doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)) for p in parts]
        for p, (a, b) in zip(parts, bounds, strict=True):
            hedges = tuple(h for h in d.hedges if a <= h.start - offset < b
                           or not any(x <= h.start - offset < y for x, y in bounds))
            stance: Stance = "asserts"
            if d.source_id is not None:
                pw = [t.lower_.replace("\u2019", "'") for t in doc[p.start:p.end]]
                stance = stance_of(verb, words, pw, attributed=True, lexicon=slex, content_root=p.root)
            pieces.append(replace(d, content=(a, b), stance=stance, hedges=hedges))
    out: list[tuple[_Draft, Keep | None, tuple[int, int] | None]] = []
    for d in pieces:
        group = sorted(x.content for x in pieces if x.source_id == d.source_id)
        if len(group) < 2:
            out.append((d, None, None))
            continue
        local = [(a + offset, b + offset) for a, b in group]
        own, first = (d.content[0] + offset, d.content[1] + offset), d.content == group[0]
        context = statement_context(d.content, group, (min(u.start_char, d.content[0]),
                                                       max(u.end_char, d.content[1])), text)
        out.append((d, partial(split_keeps, own, local, first), context))
    return out


def _method() -> str:
    """METHOD, with the claim splits that are on (claim_parts.SPLIT_FRAMES / SPLIT_CLAUSES): a
    ledger made with them says so, since its claims and ids differ."""
    on = [name for name, flag in (("split-frames", claim_parts.SPLIT_FRAMES),
                                  ("split-clauses", claim_parts.SPLIT_CLAUSES)) if flag]
    return "+".join((METHOD, *on))


def _emit(d: _Draft, u: SpacySpan, ctx: ChunkContext, offset: int, text: str,
          keep: Keep | None = None, context: tuple[int, int] | None = None) -> None:
    sa, sb = min(u.start_char, d.content[0]), max(u.end_char, d.content[1])
    while sb > sa and text[sb - 1].isspace():
        sb -= 1
    ca, cb = context or (sa, sb)
    while cb > ca and text[cb - 1].isspace():
        cb -= 1
    a, b = d.content
    while a < b and (text[a].isspace() or text[a] in ",;:\u201c\u201d\"'\u2018\u2019"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:\u201c\u201d\"'\u2018\u2019"):
        b -= 1
    if b - a < MIN_CLAIM_CHARS:
        a, b = sa, sb
    A, B, SA, SB = a + offset, b + offset, sa + offset, sb + offset
    all_times = tuple(t for t in _in_range(ctx.times, SA, SB) if isinstance(t, TimeExpr))
    said = next((t.value for t in all_times if t.role == "said" and t.value and _CALENDAR_DATE.fullmatch(t.value)),
                None)
    times = tuple(t for t in all_times if keep is None or keep(t.start, t.end))
    quote = None
    for ra, rb in quote_regions(text[a:b]):
        inner = text[a + ra:a + rb]
        quote = inner[2 if inner.startswith("''") else 1:-2 if inner.endswith("''") else -1]
        break
    key = d.source_id or ""
    cid = claim_id(ctx.document_id, A, B, key)
    if any(c.id == cid for c in ctx.claims):
        return
    content = u.doc.char_span(a, b, alignment_mode="expand")
    ctx.claims.append(Claim(
        id=cid, document_id=ctx.document_id, start=A, end=B, text=text[a:b], source_id=d.source_id,
        source_mention=d.mention, cue=d.cue, via=d.via, stance=d.stance, hedges=d.hedges, quote=quote,
        quantities=tuple(q for q in _in_range(ctx.quantities, SA, SB)
                         if isinstance(q, Quantity) and (keep is None or keep(q.start, q.end))),
        times=times, entities=tuple(e for e in _in_range(ctx.entities, SA, SB)
                                    if isinstance(e, Entity) and (keep is None or keep(e.start, e.end))),
        said_on=said or ctx.published, method=_method(), sentence_start=ca + offset, sentence_end=cb + offset,
        predicates=predicates_of(content, offset) if content is not None else (),
        extra={"source_resolution": d.how},
    ))


def _unresolved(head: Token, offset: int) -> Resolution:
    """A source mention the tracker could not resolve (attitudes mode only): its noun phrase."""
    doc = head.doc
    a, b = np_core(head)
    span = doc[a:b]
    mention = Span(start=span.start_char + offset, end=span.end_char + offset, text=span.text)
    return Resolution(source_id=f"unresolved:{span.text.lower()}", kind="unknown", mention=mention, how="unresolved")
