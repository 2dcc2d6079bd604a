"""Document vectors for story grouping: TF-IDF over words, rarity-weighted entities, dates.

Both vector spaces are built from the documents being grouped (no background corpus), with
sublinear term frequency (``1 + ln tf``) and smoothed inverse document frequency
(``ln((1 + N) / (1 + df)) + 1``), rows L2-normalised so that a dot product is a cosine.
Column order is the sorted vocabulary and rows follow the caller's (canonical) order, so the
matrices do not depend on the order in which documents arrived.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..datafiles import data_words
from .records import FuseDocument

__all__ = ["StoryVectors", "build_vectors", "day_number", "stop_words", "tokens"]

STOPWORDS_FILE = "stories_stopwords.txt"
"""Stop-word list (see data/en/README.stories.md)."""

MIN_TOKEN_CHARS = 3
"""Shorter words carry little topical signal (and include most OCR/tokeniser debris)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PLURAL_KEEP = ("ss", "us", "is", "ous")


def stop_words() -> frozenset[str]:
    """The stop words of ``data/en/stories_stopwords.txt`` (read once)."""
    return data_words(STOPWORDS_FILE)


def _stem(word: str) -> str:
    """A light plural folding ("soldiers" -> "soldier", "countries" -> "country")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_PLURAL_KEEP):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 18)
def _term(word: str) -> str:
    """The index term of a lower-cased word, or '' when it is not indexed."""
    stops = stop_words()
    if len(word) < MIN_TOKEN_CHARS or word in stops:
        return ""
    w = _stem(word)
    return w if len(w) >= MIN_TOKEN_CHARS and w not in stops else ""


def tokens(text: str) -> list[str]:
    """Lower-cased, plural-folded content words of ``text`` (stop words and short words removed)."""
    return [t for t in map(_term, _WORD.findall(text.lower())) if t]


def entity_key(name: str) -> str:
    """The comparison key of a canonical entity name (case and spacing folded)."""
    return " ".join(name.casefold().split())


def day_number(published: str | None) -> int | None:
    """Days since 0001-01-01 of a ``YYYY-MM-DD`` date (a ``YYYY-MM`` or ``YYYY`` prefix is
    read as its first day); None when absent or unreadable."""
    if not published:
        return None
    parts = published.strip()[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        d = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return dt.date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryVectors:
    """The vectors of documents in canonical order (row i = ``ids[i]``)."""

    ids: tuple[str, ...]
    text: sp.csr_matrix
    """TF-IDF over words, rows L2-normalised (documents x vocabulary)."""
    text_df: np.ndarray
    """Document frequency of each word column."""
    entities: sp.csr_matrix
    """Rarity-weighted entity vectors, rows L2-normalised (documents x entity names)."""
    entity_df: np.ndarray
    days: np.ndarray
    """Day number of each document's publication date, -1 when unknown."""


def _tfidf(bags: Iterable[Counter[str]], n: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """TF-IDF rows of ``n`` bags, consumed one at a time (only the sparse triples are kept)."""
    first_seen: dict[str, int] = {}
    rows = array("l")
    cols = array("l")
    counts = array("l")
    for r, bag in enumerate(bags):
        for term, count in bag.items():
            cols.append(first_seen.setdefault(term, len(first_seen)))
            counts.append(count)
        rows.extend([r] * len(bag))
    vocab = sorted(first_seen)  # columns follow the sorted vocabulary, not the order terms were met
    remap = np.empty(len(vocab), dtype=np.int64)
    remap[np.asarray([first_seen[t] for t in vocab], dtype=np.int64)] = np.arange(len(vocab), dtype=np.int64)
    col_idx = remap[np.asarray(cols, dtype=np.int64)]
    tf = 1.0 + np.log(np.asarray(counts, dtype=np.float64))
    df = np.bincount(col_idx, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    weights = tf * idf[col_idx]
    row_idx = np.asarray(rows, dtype=np.int64)
    norms = np.sqrt(np.bincount(row_idx, weights=weights * weights, minlength=n))
    norms[norms == 0.0] = 1.0
    m = sp.csr_matrix((weights / norms[row_idx], (row_idx, col_idx)), shape=(n, len(vocab)))
    m.sort_indices()
    return m, df


def _bag(words: Iterable[str]) -> Counter[str]:
    return Counter(words)


def build_vectors(documents: Sequence[FuseDocument]) -> StoryVectors:
    """Vectors of ``documents`` (taken in the order given: callers pass canonical order)."""
    text_bags = (_bag(tokens(f"{d.title or ''}\n{d.text}")) for d in documents)
    entity_bags = (_bag(entity_key(e) for e in d.entities if e.strip()) for d in documents)
    text, text_df = _tfidf(text_bags, len(documents))
    ents, ent_df = _tfidf(entity_bags, len(documents))
    days = np.asarray([day_number(d.published) or -1 for d in documents], dtype=np.int64)
    return StoryVectors(ids=tuple(d.id for d in documents), text=text, text_df=text_df,
                        entities=ents, entity_df=ent_df, days=days)
