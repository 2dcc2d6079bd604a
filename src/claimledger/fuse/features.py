"""What fusion compares, per claim, held column-wise (numpy arrays, one sparse matrix) so that a
million claims fit in memory.

Row ``i`` of every array describes ``ClaimTable.ids[i]``; claims are in id order, so the table
does not depend on the order the claims arrived in.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ..datafiles import data_toml
from .config import FusionSettings, lexicon
from .records import FuseClaim, FuseDocument
from .relations_negation import Frames
from .vectors import embed_texts

__all__ = ["POLARITY", "ClaimTable", "build_table", "content_tokens", "month_index", "quantity_best"]

POLARITY = {"asserts": 1, "denies": -1, "declines": 0}
"""A denial never joins an assertion; a refusal to confirm or deny (0) conflicts with neither."""

QUANTITY_SLOTS = 3
"""Counted things kept per claim for gates and relations (the first three with a value; the
seeds' longest claim counts three things: officers, generals, troops)."""

QUANTITY_ENTITY_CHARS = 30
"""An entity starting this close after a number qualifies the counted thing ("20 Russian
soldiers" vs "12,000 North Korean troops"): different entities, different things."""

NO_UNIT = -2
"""Class of a quantity without a counted thing ("the figure of 12,000"): matches by value only."""

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
_MONTH = re.compile(r"^(\d{4})-(\d{2})")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SHORT_NAME = re.compile(r"[A-Z][\w'\u2019-]+")
_NAME_WORD = re.compile(r"[\w'\u2019-]+")
_CORRELATIVE = re.compile(r"\bbut\s+also\b")
"""'not only A but also B' (one statement of two parts): its "also" adds nothing to the previous sentence."""
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing)\b|n['\u2019]t\b")

PRONOUNS = frozenset({"", "he", "she", "they", "we", "i", "it", "him", "her", "them"})
"""Source mentions (lower case; "" = none) that continue the previous claim's speaker."""

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimTable:
    ids: tuple[str, ...]
    doc: I32
    """Index into ``doc_ids``."""
    doc_ids: tuple[str, ...]
    start: I32
    source: I32
    """Index into ``source_ids``; -1 = the outlet's own voice."""
    source_ids: tuple[str, ...]
    polarity: npt.NDArray[np.int8]
    hedged: npt.NDArray[np.bool_]
    q_cls: I32
    """(n, QUANTITY_SLOTS) counted-thing class index (-1 none, NO_UNIT unknown)."""
    q_low: F64
    q_high: F64
    q_best: F64
    """Best estimate; NaN for vague amounts ("several thousand"), which only bound."""
    q_ent: I32
    """The entity qualifying each counted thing (index into ``entity_names``), -1 none."""
    months: I32
    """(n, 2) months of the stated event times (year * 12 + month - 1), -1 none."""
    said: I32
    """Day the claim was made (days since 1970-01-01), -1 unknown."""
    pending: npt.NDArray[np.bool_]
    """States something has not happened yet ("hasn't seen units fighting yet")."""
    arrived: npt.NDArray[np.bool_]
    """Reports that something has now happened ("the first units had already reached")."""
    prev: I32
    """The previous claim of the same document (by position), -1 for the first."""
    continues: npt.NDArray[np.bool_]
    """Continues the previous claim's statement: same source, named only by a pronoun or not at
    all (the next sentence of a quotation, "he said"), and no additive connective ("also")."""
    answers: I32
    """For a denial (or refusal) that says little ("denied the allegations"), the row of the claim
    of its document it answers (``answered_claims``); -1 otherwise.  Its text and words join the
    denial's for the similarities, and relations read its words as the denial's matter."""
    lex: sparse.csr_matrix
    """L2-normalised TF-IDF rows over content words and entity names.  Emptied (zero rows) by
    ``fuse.run`` once the copies and the origins have read it: stages after those must not."""
    df: I32
    """Document frequency (in claims) of each column of ``lex`` (emptied with it)."""
    emb: npt.NDArray[np.floating[Any]]
    """L2-normalised sentence embeddings (float16 for large tables)."""
    unit_names: tuple[str, ...]
    entity_names: tuple[str, ...]
    frames: Frames
    """Each claim's main predicate (lemma, theme, agent ids; negated or not), from its record."""


def stem(word: str) -> str:
    """A light English suffix stripper: plural, -ing, -ed (training/trained -> train)."""
    w = word.replace("\u2019", "'").removesuffix("'s")
    if len(w) <= 3:
        return w
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith("ss")):
            w = w[: len(w) - len(suf)] + rep
            if suf in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    return w


@functools.cache
def _places() -> dict[str, str]:
    """Demonyms, capitals and seats -> the country's name (metonyms.toml)."""
    data = data_toml("metonyms.toml")
    out: dict[str, str] = {}
    for entry in data.values():
        if not isinstance(entry, dict) or "name" not in entry:
            continue
        name = str(entry["name"]).lower()
        for k in ("aliases", "demonyms", "capitals", "seats"):
            for a in entry.get(k, []):
                a = str(a).lower().removeprefix("the ")
                out[a] = name
                if k == "demonyms":
                    out[a + "s"] = name
        out[name] = name
    return out


@functools.cache
def _synonym_class() -> dict[str, str]:
    """Stemmed word -> stemmed name of its synonym class (relations.toml ``synonyms``)."""
    out: dict[str, str] = {}
    for cls in lexicon().synonyms:
        for w in cls:
            out.setdefault(stem(w), stem(cls[0]))
    return out


def entity_spans(text: str, entities: Sequence[Mapping[str, Any]], offset: int) -> tuple[list[tuple[int, int]],
                                                                                          list[str]]:
    """The spans (relative to ``text``) of the entities inside it, and one token per entity
    ("@north korea": a demonym, capital or seat counts as its country)."""
    places = _places()
    spans: list[tuple[int, int]] = []
    ents: list[str] = []
    for e in entities:
        s, t = e.get("span", (0, 0))
        s, t = int(s) - offset, int(t) - offset
        if 0 <= s < t <= len(text):
            spans.append((s, t))
            canon = str(e.get("canonical") or e.get("text") or "").lower().removeprefix("the ")
            ents.append("@" + places.get(canon, canon))
    return spans, ents


def content_tokens(text: str, entities: Sequence[Mapping[str, Any]] = (), offset: int = 0) -> list[str]:
    """Stemmed content words of ``text`` outside entity spans (a word of a synonym class as the
    class's name), then one token per entity
    ("@north korea": a demonym, capital or seat counts as its country)."""
    spans, ents = entity_spans(text, entities, offset)
    out = []
    for m in _WORD.finditer(text.lower()):
        if spans and any(s <= m.start() < t for s, t in spans):
            continue
        tok = word_token(m.group())
        if tok:
            out.append(tok)
    return out + ents


@functools.lru_cache(maxsize=1 << 18)
def word_token(word: str) -> str:
    """What ``content_tokens`` makes of one lower-case word: its stem, or its synonym class's name;
    "" for a stopword, a number or a single letter.  Cached: a story repeats its words."""
    lex = lexicon()
    if word in lex.stopwords or word.isdigit() or len(word) < 2:
        return ""
    st = stem(word)
    return "" if st in lex.stopwords else _synonym_class().get(st, st)


def quantity_best(q: Mapping[str, Any]) -> float:
    """The best single estimate of a quantity, NaN when vague."""
    qual = q.get("qualifier")
    low, high, value = q.get("low"), q.get("high"), q.get("value")
    if qual == "vague":
        return math.nan
    if qual == "at_least" and low is not None:
        return float(low)
    if qual == "at_most" and high is not None:
        return float(high)
    if qual == "range" and low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return float(value) if value is not None else math.nan


def month_index(value: str | None) -> int:
    m = _MONTH.match(value or "")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1 if m else -1


def _day(value: str | None) -> int:
    m = _DAY.match(value or "")
    if not m:
        return -1
    return int(np.datetime64(m.group(0), "D").astype(np.int64))


@functools.cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                      + r")(?![a-z])")


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    return bool(_cue_pattern(cues).search(text))


def _pending(low: str) -> bool:
    lex = lexicon()
    return bool(_NEGATION.search(low)) and _has_cue(low, lex.pending)


def build_table(documents: Sequence[FuseDocument], claims: Sequence[FuseClaim], *,
                settings: FusionSettings) -> ClaimTable:
    lex = lexicon()
    measures = frozenset(lex.unit_class.get(m, m) for m in lex.measures)  # amounts: no predicate
    claims = sorted(claims, key=lambda c: c.id)
    n = len(claims)
    doc_ids = tuple(sorted({d.id for d in documents} | {c.document_id for c in claims}))
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    published = {d.id: d.published for d in documents}
    doc_text = {d.id: d.text for d in documents}
    source_ids = tuple(sorted({c.source_id for c in claims if c.source_id}))
    source_index = {s: i for i, s in enumerate(source_ids)}
    unit_names: dict[str, int] = {}

    doc = np.fromiter((doc_index[c.document_id] for c in claims), np.int32, n)
    start = np.fromiter((c.start for c in claims), np.int32, n)
    source = np.fromiter((source_index[c.source_id] if c.source_id else -1 for c in claims), np.int32, n)
    polarity = np.fromiter((POLARITY.get(c.stance, 1) for c in claims), np.int8, n)
    hedged = np.fromiter((c.hedged for c in claims), np.bool_, n)
    q_cls = np.full((n, QUANTITY_SLOTS), -1, np.int32)
    q_low = np.full((n, QUANTITY_SLOTS), np.nan)
    q_high = np.full((n, QUANTITY_SLOTS), np.nan)
    q_best = np.full((n, QUANTITY_SLOTS), np.nan)
    q_ent = np.full((n, QUANTITY_SLOTS), -1, np.int32)
    entity_names: dict[str, int] = {}
    months = np.full((n, 2), -1, np.int32)
    said = np.full(n, -1, np.int32)
    pending = np.zeros(n, np.bool_)
    arrived = np.zeros(n, np.bool_)
    additive = np.zeros(n, np.bool_)  # the sentence adds a statement ("These units are also ...")

    # previous claim in the same document, by position
    order = np.lexsort((np.arange(n), start, doc))
    prev = np.full(n, -1, np.int32)
    same = doc[order][1:] == doc[order][:-1]
    prev[order[1:][same]] = order[:-1][same]

    continues = np.zeros(n, np.bool_)
    # statements of one sentence exist only among claims split by extract/claim_parts (their
    # method says "+split-..."): without such claims the search is skipped (no cost at scale)
    split = any("+split" in str(c.record.get("method") or "") for c in claims)
    lead = _statement_parts(claims, doc_text) if split else np.full(n, -1, np.int32)
    texts = [_text(c, doc_text.get(c.document_id), bool(lead[i] >= 0)) for i, c in enumerate(claims)]
    named: dict[tuple[int, str], list[str]] = {}  # (document, source) -> its mentions so far, in text order
    tokens: list[list[str]] = []
    for i, c in enumerate(claims):
        rec = c.record
        k = 0
        for q in rec.get("quantities") or ():
            if k >= QUANTITY_SLOTS or q.get("value") is None:
                continue
            unit = q.get("unit")
            if unit:
                cls = lex.unit_class.get(str(unit).lower(), str(unit).lower())
                if cls == lex.unit_class.get("resident") and _states_size(q, c):
                    cls = "inhabitant"  # "has 200,000 residents": the place's population
                pred = None if cls in measures else _predicate(q, c, lex.predicate_class)
                if pred:
                    cls = f"{cls} {pred}"  # "person killed", "person injured": different things
                q_cls[i, k] = unit_names.setdefault(cls, len(unit_names))
            else:
                q_cls[i, k] = NO_UNIT
            q_low[i, k] = -math.inf if q.get("low") is None else float(q["low"])
            q_high[i, k] = math.inf if q.get("high") is None else float(q["high"])
            q_best[i, k] = quantity_best(q)
            ent = _qualifier(q, rec.get("entities") or (), doc_text.get(c.document_id))
            if ent:
                q_ent[i, k] = entity_names.setdefault(ent, len(entity_names))
            k += 1
        k = 0
        for t in rec.get("times") or ():
            mi = month_index(t.get("value"))
            if t.get("role") != "said" and mi >= 0 and k < 2:
                months[i, k] = mi
                k += 1
        said[i] = _day(c.said_on) if _day(c.said_on) >= 0 else _day(published.get(c.document_id))
        low = texts[i].lower()
        pending[i] = _pending(low)
        arrived[i] = _has_cue(low, lex.arrived) and not pending[i]
        additive[i] = bool(lex.additive) and _has_cue(_CORRELATIVE.sub(" ", low), lex.additive)
        tokens.append(content_tokens(c.text, rec.get("entities") or (), c.start))
    # a claim continues the previous claim's statement when the same source is named only by a
    # pronoun, not at all, or by a short name given in full earlier in the document ("Putin"),
    # unless an additive connective says it states something more ("It also mentioned that ...")
    for i in order.tolist():
        c = claims[i]
        p = int(prev[i])
        mention = str((c.record.get("source_mention") or {}).get("text") or "")
        if p >= 0 and c.source_id is not None and claims[p].source_id == c.source_id:
            earlier = named.get((int(doc[i]), c.source_id), ())
            continues[i] = (mention.lower() in PRONOUNS or _short_name(mention, earlier)) and not additive[i] \
                and lead[i] in (-1, i)  # a later statement of one sentence states something else
        if c.source_id is not None and mention:
            named.setdefault((int(doc[i]), c.source_id), []).append(mention)

    # a denial that says little ("denied the allegations") answers a claim before it
    answers = answered_claims(claims, tokens, polarity, prev, settings)
    for i in np.flatnonzero(answers >= 0).tolist():
        if len([t for t in tokens[i] if not t.startswith("@")]) >= settings.thin_content_tokens:
            continue  # thin only without its statement words ("rejected claims regarding the
            # deployment"): its own words still carry its similarity (seeds pairing 0.555 with this
            # rule, 0.502 joining the answered claim's text to every such denial)
        p = int(answers[i])
        tokens[i] = tokens[i] + tokens[p]
        texts[i] = texts[p] + " " + texts[i]

    lexm, df = _tfidf(tokens)
    emb = _centred(embed_texts(texts, settings=settings))
    return ClaimTable(ids=tuple(c.id for c in claims), doc=doc, doc_ids=doc_ids, start=start, source=source,
                      source_ids=source_ids, polarity=polarity, hedged=hedged, q_cls=q_cls, q_low=q_low,
                      q_high=q_high, q_best=q_best, q_ent=q_ent, months=months, said=said, pending=pending,
                      arrived=arrived, prev=prev, continues=continues, answers=answers, lex=lexm, df=df, emb=emb,
                      unit_names=tuple(sorted(unit_names, key=lambda u: unit_names[u])),
                      entity_names=tuple(sorted(entity_names, key=lambda u: entity_names[u])),
                      frames=Frames(claims))


@functools.cache
def denial_words() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """(words naming a statement, as ``content_tokens`` writes them; the pattern of a claim that only
    comments on the statement before it): relations.toml ``[contradicts]`` statement_words and
    refers_back ("the allegations", "a hoax"; "if that's true")."""
    lex = lexicon()
    statement = frozenset(t for w in lex.statement_words for t in content_tokens(w))
    cues = sorted(lex.refers_back, key=len, reverse=True)
    back = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![a-z])") if cues else None
    return statement, back


def answered_claims(claims: Sequence[FuseClaim], tokens: Sequence[Sequence[str]], polarity: npt.NDArray[np.int8],
                    prev: I32, settings: FusionSettings) -> I32:
    """Per claim, the row of the claim a thin denial or refusal answers, else -1.  Thin: fewer than
    ``thin_content_tokens`` words of its own beyond entities and words naming a statement ("denied
    the allegations", "said it was a hoax"; relations read the answered claim's words as the
    denial's matter, and ``build_table`` joins its text only to denials thin even with their
    statement words).  It answers the nearest assertion among the
    ``denial_lookback`` claims before it in its document, stepping over other denials (two
    governments' denials in one sentence are two claims) and comments on the statement before
    ("If that's true, ..."); one with some words of its own answers it only if they share one."""
    statement, back = denial_words()
    out = np.full(len(claims), -1, np.int32)

    def own(i: int) -> set[str]:
        return {t for t in tokens[i] if not t.startswith("@") and t not in statement}

    for i in np.flatnonzero(polarity <= 0).tolist():
        mine = own(i)
        if len(mine) >= settings.thin_content_tokens:
            continue
        p, steps, target = int(prev[i]), 0, -1
        while p >= 0 and steps < settings.denial_lookback:
            if polarity[p] > 0 and not (back and back.search(claims[p].text.lower().replace("’", "'"))):
                target = p
                break
            p, steps = int(prev[p]), steps + 1
        if target >= 0 and (not mine or mine & own(target)):
            out[i] = target
    return out


def _short_name(mention: str, earlier: Sequence[str]) -> bool:
    """Is ``mention`` one capitalised word that is part of a longer earlier mention of the same
    source ("Putin" after "Russian President Vladimir Putin")?  GUIDELINES.md: pronouns and short
    names resolve to the full source, so such a mention continues like a pronoun."""
    word = mention.strip()
    if not _SHORT_NAME.fullmatch(word):
        return False
    return any(m != word and word in _NAME_WORD.findall(m) for m in earlier)


PREDICATE_WORDS_BEFORE = 4
PREDICATE_WORDS_AFTER = 5
"""Words on each side of a figure read for what happened to the counted ("killing at least 10
people", "10 people were killed", "at least 50 injured"): a short clause around a number.  Not
swept; the reading stops earlier at a clause boundary (``_PRED_STOP``)."""
PREDICATE_CHARS = 60
"""Characters on each side read for those words (bounds the work per figure)."""

_PRED_WORD = re.compile(r"[a-z]+")
_PRED_STOP = re.compile(r"[,;:.()\[\]\u2014\u2013]|\b(?:and|but|while|whereas)\b|\d")
"""Where the words of another figure's clause begin: punctuation, a coordinating conjunction or
another number ("Five people died and 12 were hurt": "died" is not the 12's)."""


_SIZE_WORDS = re.compile(r"\b(?:has|have|had|having|home to|population of)\s+(?:(?:about|around|some|nearly|almost|"
                         r"roughly|approximately|more than|over|at least|just|only|fewer than|less than)\s+)*$")


def _states_size(q: Mapping[str, Any], c: FuseClaim) -> bool:
    """A count of residents that gives a place's population ("the island, which has about 200,000
    residents", "home to 60,000 residents"), not a part of it ("110,000 residents lack power"):
    "has" / "home to" right before the figure (over an approximator).  Such a count is a population
    ("inhabitant": quantities.toml counts "a population of N" so) and compares with one."""
    span = q.get("span") or (c.start, c.start)
    s = int(span[0]) - c.start
    if not 0 <= s <= len(c.text):
        return False
    return bool(_SIZE_WORDS.search(c.text[max(0, s - PREDICATE_CHARS):s].lower()))


def _predicate(q: Mapping[str, Any], c: FuseClaim, predicates: Mapping[str, str]) -> str | None:
    """What happened to what a figure counts (relations.toml ``[units] predicates``): the predicate
    word nearest to the figure within its own clause of the claim's text (the word after on a
    tie: "killing 10 people" / "12 people were hurt"), None when there is none."""
    if not predicates:
        return None
    span = q.get("span") or (c.start, c.start)
    s, e = int(span[0]) - c.start, int(span[1]) - c.start
    if not (0 <= s <= e <= len(c.text)):
        return None
    before = c.text[max(0, s - PREDICATE_CHARS):s].lower()
    stops = list(_PRED_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end():]
    after = c.text[e:e + PREDICATE_CHARS].lower()
    stop = _PRED_STOP.search(after)
    if stop:
        after = after[:stop.start()]
    near_before = next(((d, predicates[w]) for d, w in enumerate(reversed(_PRED_WORD.findall(before)))
                        if d < PREDICATE_WORDS_BEFORE and w in predicates), None)
    near_after = next(((d, predicates[w]) for d, w in enumerate(_PRED_WORD.findall(after))
                       if d < PREDICATE_WORDS_AFTER and w in predicates), None)
    if near_after is not None and (near_before is None or near_after[0] <= near_before[0]):
        return near_after[1]
    return near_before[1] if near_before is not None else None


_QUALIFIER_BREAK = re.compile(r"[,;:.()\u2014\u2013\[\]]")
"""Punctuation between a number and an entity: the entity belongs to another phrase ("home to
120,000 people, the U.S. Geological Survey said": the survey does not qualify the people)."""


def _qualifier(q: Mapping[str, Any], entities: Sequence[Mapping[str, Any]], text: str | None = None) -> str | None:
    span = q.get("span") or (0, 0)
    end = int(span[1])
    places = _places()
    for e in entities:
        s = int((e.get("span") or (0, 0))[0])
        if end <= s <= end + QUANTITY_ENTITY_CHARS:
            if text is not None and _QUALIFIER_BREAK.search(text, end, s):
                return None
            canon = str(e.get("canonical") or e.get("text") or "").lower().removeprefix("the ")
            return places.get(canon, canon)
    return None


def _sentence(c: FuseClaim, text: str | None) -> str:
    """The claim's whole sentence (speaker and cue included) for the embedding: who says it is
    part of what is said.  On the seeds: ROC AUC 0.77 vs 0.73 for the content span alone."""
    span = c.record.get("sentence_span")
    if text and span and 0 <= int(span[0]) <= c.start and c.end <= int(span[1]) <= len(text):
        return text[int(span[0]):int(span[1])]
    return c.text


_JOINERS = re.compile(r"(?:[^\w.!?]|\b(?:and|but|yet|while|whereas|that)\b)*", re.IGNORECASE)
_JOINED = re.compile(r"[,;]|\b(?:and|but|yet|while|whereas)\b", re.IGNORECASE)
"""What lies between two statements of one sentence without a source mention: punctuation (no
sentence end) and connectives, at least a comma or a conjunction (two sentences have only space
between them: the first one's span keeps its full stop)."""


def _joined(gap: str) -> bool:
    return bool(_JOINERS.fullmatch(gap) and _JOINED.search(gap))


def _mark(m: object) -> tuple[str, int] | None:
    """(text, start) of a record's source mention or cue; None without a span."""
    if not isinstance(m, Mapping) or not m.get("span"):
        return None
    return str(m.get("text") or ""), int(m["span"][0])


def _statement_parts(claims: Sequence[FuseClaim], doc_text: Mapping[str, str]) -> I32:
    """Per claim, the row of the first statement of its sentence when its source states several
    there (extract/claim_parts: "Officials said A, and B" gives the claims A and B), else -1.
    Statements of one sentence share their source mention; in the outlet's own voice (no
    mention) they follow each other with only punctuation and connectives in between."""
    n = len(claims)
    lead = np.full(n, -1, np.int32)
    groups: dict[tuple[str, str | None, int], list[int]] = {}
    order = sorted(range(n), key=lambda i: (claims[i].document_id, claims[i].start, claims[i].id))
    last: dict[str, int] = {}
    for i in order:
        c = claims[i]
        mention = _mark(c.record.get("source_mention"))
        if mention is not None:
            groups.setdefault((c.document_id, c.source_id, mention[1]), []).append(i)
        else:
            p = last.get(c.document_id)
            text = doc_text.get(c.document_id, "")
            if p is not None and claims[p].source_id == c.source_id \
                    and _mark(claims[p].record.get("source_mention")) is None \
                    and claims[p].end <= c.start and _joined(text[claims[p].end:c.start]):
                lead[i] = lead[p] if lead[p] >= 0 else p
                lead[p] = lead[i]
        last[c.document_id] = i
    for rows in groups.values():
        if len(rows) > 1:
            lead[rows] = rows[0]
    return lead


def _text(c: FuseClaim, text: str | None, parts: bool) -> str:
    """What the embedding reads for a claim: its sentence (``_sentence``); for one of several
    statements of one sentence (``parts``), the speaker mention, the cue and its own content
    ("Officials said B" for "Officials said A, and B"): not the other statement's words, which
    made the parts of a sentence alike, and not a sentence cut at the other statement, which
    loses the speaker ("B, officials said" keeps it, "Officials said A, and B" does not).  Pair
    level on the seeds, both splits on (eval/README.pairing.md): ROC AUC 0.817 -> 0.831."""
    mention = _mark(c.record.get("source_mention"))
    if not parts or mention is None:
        return _sentence(c, text)
    return " ".join(m[0] for m in (mention, _mark(c.record.get("cue")), (c.text, c.start)) if m and m[0])


CENTRE_PRIOR = 20
"""The mean removed is shrunk by n / (n + 20): a small table's mean is mostly its own claims
(two claims centred on their exact mean would always have cosine -1)."""


CENTRE_CHUNK = 65_536
"""Rows converted to float32 at a time while centring (no full float32 copy of the vectors)."""


def _centred(emb: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.floating[Any]]:
    """Remove the mean vector of the table and re-normalise: claims of one story share a large
    common component (its vocabulary); without it, cosines measure what differs.  On the seeds
    this raises the separation (ROC AUC) of same- vs different-proposition pairs from 0.67 to 0.73.
    Works in place (callers pass the embedder's fresh array) and returns ``emb``."""
    n = emb.shape[0]
    if n < 2:
        return emb
    mean = _column_mean(emb) * (n / (n + CENTRE_PRIOR))
    for s in range(0, n, CENTRE_CHUNK):
        v = emb[s:s + CENTRE_CHUNK].astype(np.float32) - mean
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        emb[s:s + CENTRE_CHUNK] = (v / norms).astype(emb.dtype)
    return emb


def _column_mean(emb: npt.NDArray[np.floating[Any]]) -> F32:
    """``emb.astype(np.float32).mean(axis=0)`` without the float32 copy: numpy sums the rows of a
    C-ordered array along axis 0 one after another in float32, so carrying the running total as
    the first row of the next chunk gives the same sums, bit for bit."""
    n, d = emb.shape
    buf = np.empty((min(n, CENTRE_CHUNK) + 1, d), np.float32)
    total = np.zeros(d, np.float32)
    for s in range(0, n, CENTRE_CHUNK):
        k = min(CENTRE_CHUNK, n - s)
        buf[0] = total
        buf[1:k + 1] = emb[s:s + k]
        total = buf[:k + 1].sum(axis=0) if s else buf[1:k + 1].sum(axis=0)
    return np.asarray(total / n, np.float32)


def _tfidf(tokens: list[list[str]]) -> tuple[sparse.csr_matrix, I32]:
    vocab: dict[str, int] = {}
    indptr = [0]
    cols: list[int] = []
    vals: list[float] = []
    for toks in tokens:
        counts: dict[int, int] = {}
        for t in toks:
            j = vocab.setdefault(t, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j in sorted(counts):
            cols.append(j)
            vals.append(1.0 + math.log(counts[j]))
        indptr.append(len(cols))
    n = len(tokens)
    m = sparse.csr_matrix((np.asarray(vals, np.float32), np.asarray(cols, np.int32), np.asarray(indptr, np.int64)),
                          shape=(n, max(1, len(vocab))))
    df = np.bincount(np.asarray(cols, np.int32), minlength=m.shape[1]).astype(np.int32)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    m = m.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel()).astype(np.float32)
    norms[norms == 0] = 1.0
    m = sparse.diags(1.0 / norms).dot(m).tocsr().astype(np.float32)
    return m, df
