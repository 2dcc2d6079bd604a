"""Topic vectors: what a story is *about*, not *who* it is about.

Two stories of one topic (two celebrities entering rehab, two earthquakes) share their kind of
event, not their participants, places or dates.  So a topic vector keeps the common words of a
story and drops its names:

- words are the story tokens (``stories_vectors.tokens``: lower-cased, plural-folded, stop words
  and short words removed; numbers never match) minus the topic stop words
  (``data/en/topics_stopwords.txt``: months, weekdays, generic news and time words);
- **names** are found without a tagger, from capitalisation over the whole collection: a word
  that is capitalised in the middle of a sentence in at least ``NAME_SHARE`` of its occurrences
  outside sentence starts and titles is a proper noun ("Reid", "Lohan", "Indonesia") and is
  dropped everywhere; words that only ever start sentences are kept (no evidence);
- each document's bag is sublinear (``1 + ln tf``); a story's bag is the sum of its documents'
  bags, each document's scaled to unit length first so that a long article does not speak for
  the whole story, times the share of the story's documents holding the word
  (``CONSENSUS_POWER``); weights are then multiplied by a smoothed IDF computed over *stories*
  (a word found in every story says nothing about its topic), and rows are L2-normalised.
- the same construction over the documents' canonical entity names gives each story an entity
  vector (its subject: a company, a country), used with a small weight by ``topics``.

Rows follow the caller's story order and columns the sorted vocabulary, so the matrix does not
depend on the order in which documents arrived.
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

CONSENSUS_POWER = 1.0
"""A story's weight for a word is multiplied by (share of the story's documents holding it) to
this power, so the words its documents agree on (the event: "earthquake", "rehab") outweigh what
one article mentions in passing.  ECB+ calibration (topics 1-35, best threshold of each): topic
B3-F1 0.914 with 1.0 (entity weight 0.2 or 0.3) against 0.905 with 0 (no consensus weighting,
entity weight 0.1-0.3) and 0.905 with 0.5 (entity weight 0)."""

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
    """One row per story (the caller's order)."""

    matrix: sp.csr_matrix
    """Name-free TF-IDF rows, L2-normalised (stories x vocabulary)."""
    df: np.ndarray
    """Number of stories holding each column's word."""
    vocabulary: tuple[str, ...]
    entities: sp.csr_matrix
    """Rarity-weighted entity names of each story (same construction), L2-normalised."""
    entity_df: np.ndarray


def name_words(capital: Mapping[str, int], lower: Mapping[str, int]) -> frozenset[str]:
    """Words capitalised mid-sentence in at least ``NAME_SHARE`` of their mid-sentence uses."""
    return frozenset(t for t, c in capital.items() if c >= NAME_SHARE * (c + lower.get(t, 0)))


def build_topic_vectors(documents: Sequence[FuseDocument], story_of: Mapping[str, str],
                        stories: Sequence[str]) -> TopicVectors:
    """Topic vectors of ``stories`` (rows in that order) from ``documents`` (canonical order)."""
    row = {s: i for i, s in enumerate(stories)}
    bags: list[Counter[str]] = []
    owner: list[int] = []
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for d in documents:
        if story_of.get(d.id) not in row:
            continue
        bag, cap, low = _scan(d.text)
        if d.title:
            bag.update(_scan(d.title)[0])  # titles are often in title case: words, not name evidence
        capital.update(cap)
        lower.update(low)
        bags.append(bag)
        owner.append(row[story_of[d.id]])
    drop = name_words(capital, lower) | topic_stop_words()
    words = _story_matrix([Counter({t: c for t, c in b.items() if t not in drop}) for b in bags], owner, len(stories))
    ent_bags = [Counter(entity_key(e) for e in d.entities if e.strip()) for d in documents if story_of.get(d.id) in row]
    ents = _story_matrix(ent_bags, owner, len(stories))
    return TopicVectors(matrix=words[0], df=words[1], vocabulary=words[2], entities=ents[0],
                        entity_df=ents[1])


def _story_matrix(bags: Sequence[Counter[str]], owner: Sequence[int], n: int
                  ) -> tuple[sp.csr_matrix, np.ndarray, tuple[str, ...]]:
    """Rows of ``n`` stories: the sum of their documents' unit sublinear bags, times IDF over
    stories, L2-normalised; with the story frequency of each column and the vocabulary."""
    vocab = sorted({t for bag in bags for t in bag})
    col = {t: j for j, t in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, bag in zip(owner, bags, strict=True):
        terms = [(col[t], 1.0 + math.log(c)) for t, c in bag.items() if t in col]
        norm = float(np.sqrt(sum(v * v for _, v in terms))) or 1.0
        for j, v in terms:
            rows.append(r)
            cols.append(j)
            vals.append(v / norm)
    r_idx, c_idx = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    m = sp.csr_matrix((np.asarray(vals, dtype=np.float64), (r_idx, c_idx)), shape=(n, len(vocab)))
    ones = sp.csr_matrix((np.ones(r_idx.size), (r_idx, c_idx)), shape=(n, len(vocab)))
    m.sort_indices()
    ones.sort_indices()  # same sparsity pattern as m: the documents of each story holding each word
    per_story = np.bincount(np.asarray(owner, dtype=np.int64), minlength=n).astype(np.float64)
    share = ones.data / np.repeat(per_story, np.diff(ones.indptr))
    m.data *= share ** CONSENSUS_POWER
    df = np.bincount(m.indices, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m = sp.csr_matrix(m @ sp.diags(idf))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)
    m.sort_indices()
    return m, df, tuple(vocab)
