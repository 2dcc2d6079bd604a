"""Word n-gram shingles as sorted int64 arrays, and their Jaccard overlap per pair (``find_copies``).

A shingle is a run of ``size`` words (``[a-z0-9]+`` of the lower-cased text, figures written one
way: :func:`shingle_words`), or the whole text
when it has fewer words.  Its hash is deterministic (the same in every process, unlike Python's
salted ``hash`` of a string): each distinct word gets a 64-bit BLAKE2b hash ``W``, and a shingle of
``k`` words ``w_0 .. w_{k-1}`` hashes to ``T[k] + sum_i M[i] * W[w_i]`` modulo 2**64, with odd
multipliers ``M`` and a tag ``T`` per length (both also from BLAKE2b).  Two different shingles
share a hash only if their words' hashes satisfy one linear equation modulo 2**64, a chance of
about 2**-64 per pair of distinct shingles compared (a million claims compare ~10**9 such pairs:
about 10**-10 for the whole run), which is as negligible as the collisions of the string hash it
replaces.  Sets are kept flat (one int64 array and offsets), built and compared in chunks, so no
Python object is made per shingle.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ShingleSets", "pair_jaccard", "shingle_sets", "shingle_words"]

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]

_WORD = re.compile(r"[a-z0-9]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ZERO_DECIMALS = re.compile(r"(?<=\d)\.0+\b")


def shingle_words(text: str) -> list[str]:
    """The shingled words of ``text``: lower case, numbers written one way ("120,000" = "120000",
    "6.0" = "6": wire copy rewritten by another outlet often changes only how a figure is written)."""
    return _WORD.findall(_ZERO_DECIMALS.sub("", _THOUSANDS.sub("", text.lower())))

CLAIMS_PER_STEP = 32_768
"""Claims tokenised and hashed per step (bounds the temporaries of the n-gram arithmetic)."""

SHINGLES_PER_STEP = 1 << 21
"""Shingles of pairs compared per step (a few tens of MB of temporaries at any size)."""


def _h64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


@functools.cache
def _coefficients(size: int) -> tuple[U64, U64]:
    """Odd multipliers ``M[i]`` per position and a tag ``T[k]`` per shingle length k (0..size)."""
    mult = np.array([_h64(b"claimledger shingle position %d" % i) | 1 for i in range(size)], np.uint64)
    tag = np.array([_h64(b"claimledger shingle length %d" % k) for k in range(size + 1)], np.uint64)
    return mult, tag


class _WordIds(dict[str, int]):
    """Word -> dense id, new words numbered as they come; ``hashes[id]`` is the word's BLAKE2b hash."""

    def __init__(self) -> None:
        super().__init__()
        self.hashes: list[int] = []

    def __missing__(self, word: str) -> int:
        i = self[word] = len(self.hashes)
        self.hashes.append(_h64(word.encode()))
        return i


class ShingleSets:
    """Per text ``k``: its distinct shingle hashes ``values[offsets[k]:offsets[k + 1]]``, ascending."""

    __slots__ = ("offsets", "values")

    def __init__(self, offsets: I64, values: I64) -> None:
        self.offsets = offsets
        self.values = values

    def of(self, k: int) -> I64:
        return self.values[self.offsets[k]:self.offsets[k + 1]]


def shingle_sets(texts: Sequence[str], size: int) -> ShingleSets:
    """The shingle sets of ``texts`` (see the module docstring), ``CLAIMS_PER_STEP`` texts at a time."""
    words = _WordIds()
    counts: list[I64] = []
    parts: list[I64] = []
    for s in range(0, len(texts), CLAIMS_PER_STEP):
        ids: list[int] = []
        n_words = np.empty(len(texts[s:s + CLAIMS_PER_STEP]), np.int64)
        for k, text in enumerate(texts[s:s + CLAIMS_PER_STEP]):
            ws = shingle_words(text)
            n_words[k] = len(ws)
            ids.extend(map(words.__getitem__, ws))
        word_hash = np.array(words.hashes, np.uint64)[np.array(ids, np.int64)]
        owner, vals = _chunk_shingles(word_hash, n_words, size)
        keep = _distinct_sorted(owner, vals)
        counts.append(np.bincount(owner[keep], minlength=n_words.size).astype(np.int64))
        parts.append(vals[keep])
    offsets = np.zeros(len(texts) + 1, np.int64)
    if counts:
        np.cumsum(np.concatenate(counts), out=offsets[1:])
    return ShingleSets(offsets, np.concatenate(parts) if parts else np.zeros(0, np.int64))


def _chunk_shingles(word_hash: U64, n_words: I64, size: int) -> tuple[I64, I64]:
    """(text, shingle hash) of every shingle of a chunk of texts, in text order (hashes as int64)."""
    mult, tag = _coefficients(size)
    n_sh = np.where(n_words >= size, n_words - size + 1, np.minimum(n_words, 1))
    total = int(n_sh.sum())
    owner = np.repeat(np.arange(n_words.size, dtype=np.int64), n_sh)
    first_word = np.zeros(n_words.size, np.int64)
    np.cumsum(n_words[:-1], out=first_word[1:])
    first_sh = np.zeros(n_words.size, np.int64)
    np.cumsum(n_sh[:-1], out=first_sh[1:])
    start = first_word[owner] + (np.arange(total, dtype=np.int64) - first_sh[owner])
    length = np.minimum(n_words, size)[owner]
    padded = np.concatenate([word_hash, np.zeros(size, np.uint64)])
    h = tag[length]
    for i in range(size):
        term = padded[start + i] * mult[i]  # uint64: wraps modulo 2**64
        term[length <= i] = 0
        h += term
    return owner, h.view(np.int64)


def _distinct_sorted(owner: I64, vals: I64) -> npt.NDArray[np.intp]:
    """Indices of ``vals`` ordered by (owner, value), each (owner, value) once.  One argsort of the
    values and one sort of (owner, value rank) keys: cheaper than a two-key lexsort."""
    order = np.argsort(vals)
    sv = vals[order]
    rank = np.zeros(sv.size, np.int64)
    if sv.size:
        np.cumsum(sv[1:] != sv[:-1], out=rank[1:])
    key = owner[order] << 32
    key |= rank
    pos = np.argsort(key)
    key = key[pos]
    first = np.ones(key.size, np.bool_)
    first[1:] = key[1:] != key[:-1]
    return order[pos[first]]


def pair_jaccard(sets: ShingleSets, a: npt.NDArray[np.signedinteger[Any]], b: npt.NDArray[np.signedinteger[Any]]
                 ) -> npt.NDArray[np.float64]:
    """|A & B| / |A | B| of the shingle sets of texts ``a[k]`` and ``b[k]``; NaN where either set is
    empty.  The counts are exact integers and the division one float64 division, as
    ``len(sa & sb) / len(sa | sb)`` of two Python sets."""
    la = sets.offsets[a + 1] - sets.offsets[a]
    lb = sets.offsets[b + 1] - sets.offsets[b]
    inter = np.zeros(a.size, np.int64)
    cost = np.cumsum(la + lb)
    s = 0
    while s < a.size:
        e = max(s + 1, int(np.searchsorted(cost, (cost[s - 1] if s else 0) + SHINGLES_PER_STEP, "right")))
        inter[s:e] = _intersections(sets, a[s:e], b[s:e], la[s:e], lb[s:e])
        s = e
    union = la + lb - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        jac: npt.NDArray[np.float64] = inter / union
    jac[(la == 0) | (lb == 0)] = np.nan
    return jac


def _intersections(sets: ShingleSets, a: npt.NDArray[np.signedinteger[Any]], b: npt.NDArray[np.signedinteger[Any]],
                   la: I64, lb: I64) -> I64:
    """Shared shingles per pair of a chunk: both sets side by side, sorted by (pair, value); each
    shared value is then two equal neighbours (a set holds a value once)."""
    n = a.size
    seg_start = np.concatenate([sets.offsets[a], sets.offsets[b]])
    seg_len = np.concatenate([la, lb])
    pair = np.concatenate([np.arange(n, dtype=np.int64)] * 2)
    total = int(seg_len.sum())
    seg = np.repeat(np.arange(2 * n, dtype=np.int64), seg_len)
    first = np.zeros(2 * n, np.int64)
    np.cumsum(seg_len[:-1], out=first[1:])
    vals = sets.values[seg_start[seg] + (np.arange(total, dtype=np.int64) - first[seg])]
    order = np.argsort(vals)
    sv = vals[order]
    rank = np.zeros(total, np.int64)
    if total:
        np.cumsum(sv[1:] != sv[:-1], out=rank[1:])
    key = pair[seg[order]] << 32
    key |= rank
    key.sort()
    dup = key[1:] == key[:-1]
    return np.bincount(key[1:][dup] >> 32, minlength=n).astype(np.int64)
