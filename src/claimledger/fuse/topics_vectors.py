"""Topic vectors: what a story is *about*, not *who* it is about.

Two stories of one topic (two celebrities entering rehab, two earthquakes) share their kind of
event, not their participants, places or dates.  So a document's topic vector keeps its common
words and drops its names:

- words are the story tokens (``stories_vectors.tokens``: lower-cased, plural-folded, stop words
  and short words removed; numbers never match) minus the topic stop words
  (``data/en/topics_stopwords.txt``: months, weekdays, generic news and time words);
- **names** are found without a tagger, from capitalisation over the whole collection: a word
  that is capitalised in the middle of a sentence in at least ``NAME_SHARE`` of its occurrences
  outside sentence starts and titles is a proper noun ("Reid", "Lohan", "Indonesia") and is
  dropped everywhere; words that only ever start sentences are kept (no evidence);
- each document's bag is sublinear (``1 + ln tf``) times a smoothed IDF computed over the
  *documents* being grouped (a word in most documents says nothing about a topic), scaled to unit
  length: two stories are then compared by the **mean cosine over all their document pairs**
  (``topics``), which is the dot product of the stories' mean document vectors;
- the same construction over the documents' canonical entity names gives each document an entity
  vector (its subject: a company, a country), used with a small weight by ``topics``.

Document rows follow the caller's (canonical) document order, story rows the caller's story order,
and columns the sorted vocabulary, so nothing depends on the order in which documents arrived.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..datafiles import data_words
from .records import FuseDocument
from .stories_vectors import _term, entity_key

__all__ = ["TopicVectors", "build_topic_vectors", "name_words", "topic_stop_words"]

TOPIC_STOPWORDS_FILE = "topics_stopwords.txt"
"""Words that never describe a topic (see data/en/README.topics.md)."""

NAME_SHARE = 0.5
"""A word capitalised mid-sentence in at least this share of its mid-sentence occurrences is a
name.  Not tuned: the natural cut (a common noun is capitalised mid-sentence only in titles and
headlines set in title case, a proper noun almost always).  On ECB+ (982 documents) 0.3-0.7 flag
the same words but for a handful of title-case headline words."""

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_MID_SENTENCE = re.compile(r"(?<=[^\s.!?:;\"“”'‘’()\[\]\-–—|•*#>])[ \t]+([^\W\d_]+(?:['’\-][^\W\d_]+)*)")
"""A word after spaces that follow neither a line start nor sentence punctuation."""


def topic_stop_words() -> frozenset[str]:
    """The words of ``data/en/topics_stopwords.txt`` (read once)."""
    return data_words(TOPIC_STOPWORDS_FILE)


def _scan(text: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(all terms, terms capitalised mid-sentence, terms in lower case) of ``text``.  Counted per
    distinct word form (the regular expressions do the per-token work)."""
    bag: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for form, count in Counter(_WORD.findall(text)).items():
        term = _term(form.lower())
        if term:
            bag[term] += count
            if not form[0].isupper():
                lower[term] += count
    for form, count in Counter(_MID_SENTENCE.findall(text)).items():
        if form[0].isupper():
            term = _term(form.lower())
            if term:
                capital[term] += count
    return bag, capital, lower


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicVectors:
    """Unit document vectors and the mean document vector of each story."""

    documents: sp.csr_matrix
    """Name-free TF-IDF rows of the documents, L2-normalised (documents x vocabulary)."""
    story_of_row: np.ndarray
    """Story row (the caller's story order) of each document row."""
    means: sp.csr_matrix
    """Mean of each story's document rows (stories x vocabulary): ``means[a] . means[b]`` is the
    mean cosine over the document pairs of stories a and b."""
    df: np.ndarray
    """Number of stories holding each column's word."""
    vocabulary: tuple[str, ...]
    entities: sp.csr_matrix
    """Rarity-weighted entity names of each document (same construction), L2-normalised."""


def name_words(capital: Mapping[str, int], lower: Mapping[str, int]) -> frozenset[str]:
    """Words capitalised mid-sentence in at least ``NAME_SHARE`` of their mid-sentence uses."""
    return frozenset(t for t, c in capital.items() if c >= NAME_SHARE * (c + lower.get(t, 0)))


def build_topic_vectors(documents: Sequence[FuseDocument], story_of: Mapping[str, str],
                        stories: Sequence[str]) -> TopicVectors:
    """Topic vectors of the ``documents`` (canonical order) of ``stories`` (story rows in that order);
    documents of other stories are left out."""
    row = {s: i for i, s in enumerate(stories)}
    kept = [d for d in documents if story_of.get(d.id) in row]
    bags: list[Counter[str]] = []
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for d in kept:
        bag, cap, low = _scan(d.text)
        if d.title:
            bag.update(_scan(d.title)[0])  # titles are often in title case: words, not name evidence
        capital.update(cap)
        lower.update(low)
        bags.append(bag)
    owner = np.asarray([row[story_of[d.id]] for d in kept], dtype=np.int64)
    drop = name_words(capital, lower) | topic_stop_words()
    words, vocab = _unit_tfidf([Counter({t: c for t, c in b.items() if t not in drop}) for b in bags])
    ents, _ = _unit_tfidf([Counter(entity_key(e) for e in d.entities if e.strip()) for d in kept])
    n = len(stories)
    per_story = np.bincount(owner, minlength=n).astype(np.float64)
    per_story[per_story == 0.0] = 1.0
    member = sp.csr_matrix((1.0 / per_story[owner], (owner, np.arange(owner.size))), shape=(n, owner.size))
    means = sp.csr_matrix(member @ words)
    means.sort_indices()
    df = np.bincount(means.indices, minlength=len(vocab)).astype(np.float64)
    return TopicVectors(documents=words, story_of_row=owner, means=means, df=df, vocabulary=vocab,
                        entities=ents)


def _unit_tfidf(bags: Sequence[Counter[str]]) -> tuple[sp.csr_matrix, tuple[str, ...]]:
    """One row per bag: ``1 + ln tf`` times smoothed IDF over the bags, L2-normalised; and the
    sorted vocabulary (the columns)."""
    vocab = sorted({t for bag in bags for t in bag})
    col = {t: j for j, t in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, bag in enumerate(bags):
        for t, c in bag.items():
            rows.append(r)
            cols.append(col[t])
            vals.append(1.0 + math.log(c))
    m = sp.csr_matrix((np.asarray(vals, dtype=np.float64), (np.asarray(rows, dtype=np.int64),
                                                            np.asarray(cols, dtype=np.int64))),
                      shape=(len(bags), len(vocab)))
    m.sum_duplicates()
    df = np.bincount(m.indices, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + len(bags)) / (1.0 + df)) + 1.0
    m = sp.csr_matrix(m @ sp.diags(idf))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)
    m.sort_indices()
    return m, tuple(vocab)
