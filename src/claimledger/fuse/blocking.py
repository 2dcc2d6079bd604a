"""Candidate pairs of claims, never all pairs: claims are compared only when they share a
blocking key, and within a large block only with their nearest neighbours in a fixed order.

Keys: each claim's rarest content words and entity names (document frequency >= 2 and at most
``max_token_block_share`` of the claims), random-hyperplane LSH buckets of its embedding, its
counted thing's class, its stance when it denies or declines (a denial joins only denials, and
denials of one allegation often share no rare word), its predicate and theme where one claim states
and another negates them (``relations_negation.Frames.block_pairs``: each negated one with the nearest
plain ones), and its place in its document (the previous
claim; claims of the same source in the same document).  Inside a block claims are sorted by a
random projection of their embedding (then by row) and each is paired with the next
``block_window`` claims: every pair of a small block, a sorted neighbourhood of a large one.
The number of pairs is at most (keys per claim) x window x claims: linear.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import ClaimTable
from .vectors import lsh_codes

__all__ = ["candidate_pairs"]

I64 = npt.NDArray[np.int64]
Rows = npt.NDArray[np.signedinteger[Any]]

MAX_LSH_BITS = 24
"""Upper bound of the bits per band (16M buckets: ~200M claims at 12 per bucket)."""

PAIR_CHUNK = 1 << 20
"""Codes split into (i, j) per step at the end (bounds the temporaries; any size works)."""


def _rank(values: npt.NDArray[np.float32]) -> I64:
    """Row -> its place in the order (value, row): sorting by the rank is sorting by value, then row."""
    order = np.lexsort((np.arange(values.size, dtype=np.int64), values))
    rank = np.empty(values.size, np.int64)
    rank[order] = np.arange(values.size, dtype=np.int64)
    return rank


def _sort_by(major: I64, minor: I64, minor_bound: int) -> I64:
    """Stable order by (major, minor) for non-negative ints, ``minor < minor_bound``: one int64
    sort of ``major * minor_bound + minor`` (a multi-key lexsort costs several passes)."""
    top = int(major.max()) if major.size else 0
    if major.size and (major.min() < 0 or (top + 1) * minor_bound >= 2 ** 62):
        return np.lexsort((minor, major))
    return np.argsort(major * minor_bound + minor, kind="stable")


def _token_keys(table: ClaimTable, settings: FusionSettings) -> tuple[I64, I64]:
    lex = table.lex
    n = lex.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(lex.indptr))
    cols = lex.indices.astype(np.int64)
    df = table.df[cols].astype(np.int64)
    cap = max(2, int(settings.max_token_block_share * n), min(n, 50))
    keep = (df >= 2) & (df <= cap)
    rows, cols, df = rows[keep], cols[keep], df[keep]
    del keep
    if rows.size == 0:
        return rows, cols
    # order by (row, df, col); a (row, col) pair occurs once, so (df, col) -> one int per entry
    width = int(cols.max()) + 1
    order = _sort_by(rows, df * width + cols, (cap + 1) * width)
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, rows, side="left")
    rank = np.arange(rows.size) - first
    keep = rank < settings.rare_tokens_per_claim
    return cols[keep], rows[keep]


def _pairs_in_blocks(keys: I64, rows: I64, rank: I64, window: int) -> I64:
    """Sorted unique codes ``i * n + j`` (i < j) of the pairs within ``window`` of each other in
    each block (key), the block sorted by ``rank`` (see ``_rank``)."""
    n = rank.size
    if keys.size < 2:
        return np.zeros(0, np.int64)
    order = _sort_by(keys, rank[rows], n)
    k, r = keys[order], rows[order]
    del order
    masks = []
    for off in range(1, min(window, k.size - 1) + 1):
        same = k[off:] == k[:-off]
        if not same.any():
            break
        masks.append(same)
    del k
    codes = np.empty(sum(int(m.sum()) for m in masks), np.int64)
    at = 0
    for off, same in enumerate(masks, start=1):
        a, b = r[:-off][same], r[off:][same]
        np.minimum(a, b, out=codes[at:at + a.size])
        codes[at:at + a.size] *= n
        codes[at:at + a.size] += np.maximum(a, b)
        at += a.size
    return _unique_sorted(codes)


def _unique_sorted(codes: I64) -> I64:
    """``np.unique`` without its copies: sorts ``codes`` in place."""
    if codes.size == 0:
        return codes
    codes.sort()
    new = np.empty(codes.size, np.bool_)
    new[0] = True
    np.not_equal(codes[1:], codes[:-1], out=new[1:])
    return codes[new]


def candidate_pairs(table: ClaimTable, *, settings: FusionSettings) -> Rows:
    """Unique (i, j) row pairs, i < j, sorted; int32 (half the memory) below 2**31 rows."""
    n = len(table.ids)
    row_type = np.int32 if n < 2**31 else np.int64
    if n < 2:
        return np.zeros((0, 2), row_type)
    rng = np.random.default_rng(settings.seed + 1)
    direction = rng.standard_normal((table.emb.shape[1],)).astype(np.float32)
    proj = np.asarray(table.emb.astype(np.float32) @ direction, np.float32)
    rank = _rank(proj)
    del proj
    # each key family's pairs as de-duplicated 1-D codes (i * n + j): the families overlap a lot
    parts: list[I64] = []
    w = settings.block_window

    tk, tr = _token_keys(table, settings)
    parts.append(_pairs_in_blocks(tk, tr, rank, w))
    del tk, tr

    bits = int(min(MAX_LSH_BITS, max(1, round(math.log2(max(2.0, n / settings.lsh_bucket))))))
    codes = lsh_codes(table.emb, bands=settings.lsh_bands, bits=bits, seed=settings.seed)
    codes += (np.arange(settings.lsh_bands, dtype=np.int64) << bits)[None, :]
    parts.append(_pairs_in_blocks(codes.ravel(), np.repeat(np.arange(n, dtype=np.int64), settings.lsh_bands),
                                  rank, w))
    del codes

    qc = table.q_cls
    qrows, qslot = np.nonzero(qc >= 0)
    parts.append(_pairs_in_blocks(qc[qrows, qslot].astype(np.int64), qrows.astype(np.int64), rank, w))

    # denials, and refusals to confirm or deny, each with their own kind: a denial joins only
    # denials, and one story's denials answer a few allegations in words that share little
    # ("dismissed the claims as a hoax" / "said it was a hoax"), so word keys miss them
    stance_rows = np.flatnonzero(table.polarity <= 0).astype(np.int64)
    parts.append(_pairs_in_blocks(table.polarity[stance_rows].astype(np.int64), stance_rows, rank, w))

    # a negated and a plain statement of one predicate about one thing (relations: contradicts)
    parts.append(table.frames.block_pairs(rank, w))

    # document neighbours and one source's claims within one document
    has_prev = table.prev >= 0
    rows = np.arange(n, dtype=np.int64)[has_prev]
    prev = table.prev[has_prev].astype(np.int64)
    parts.append(_unique_sorted(np.minimum(rows, prev) * n + np.maximum(rows, prev)))
    attributed = table.source >= 0
    ds = table.doc.astype(np.int64) * (len(table.source_ids) + 1) + table.source.astype(np.int64)
    arows = np.arange(n, dtype=np.int64)[attributed]
    parts.append(_pairs_in_blocks(ds[attributed], arows, _rank(table.start.astype(np.float32)), w))

    all_codes = np.concatenate(parts)
    parts.clear()
    all_codes = _unique_sorted(all_codes)
    all_codes = all_codes[all_codes % (n + 1) != 0]  # i * n + i: a claim paired with itself
    out = np.empty((all_codes.size, 2), row_type)
    for s in range(0, all_codes.size, PAIR_CHUNK):
        c = all_codes[s:s + PAIR_CHUNK]
        out[s:s + c.size, 0] = c // n
        out[s:s + c.size, 1] = c % n
    return out
