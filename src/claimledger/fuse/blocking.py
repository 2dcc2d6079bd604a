"""Candidate pairs of claims, never all pairs: claims are compared only when they share a
blocking key, and within a large block only with their nearest neighbours in a fixed order.

Keys: each claim's rarest content words and entity names (document frequency >= 2 and at most
``max_token_block_share`` of the claims), random-hyperplane LSH buckets of its embedding, its
counted thing's class, and its place in its document (the previous claim; claims of the same
source in the same document).  Inside a block claims are sorted by a random projection of their
embedding (then by row) and each is paired with the next ``block_window`` claims: every pair of a
small block, a sorted neighbourhood of a large one.  The number of pairs is at most
(keys per claim) x window x claims: linear.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from .config import FusionSettings
from .features import ClaimTable
from .vectors import lsh_codes

__all__ = ["candidate_pairs"]

I64 = npt.NDArray[np.int64]

MAX_LSH_BITS = 24
"""Upper bound of the bits per band (16M buckets: ~200M claims at 12 per bucket)."""


def _token_keys(table: ClaimTable, settings: FusionSettings) -> tuple[I64, I64]:
    lex = table.lex
    n = lex.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(lex.indptr))
    cols = lex.indices.astype(np.int64)
    df = table.df[cols]
    cap = max(2, int(settings.max_token_block_share * n), min(n, 50))
    keep = (df >= 2) & (df <= cap)
    rows, cols, df = rows[keep], cols[keep], df[keep]
    order = np.lexsort((cols, df, rows))
    rows, cols = rows[order], cols[order]
    if rows.size == 0:
        return rows, cols
    first = np.searchsorted(rows, rows, side="left")
    rank = np.arange(rows.size) - first
    keep = rank < settings.rare_tokens_per_claim
    return cols[keep], rows[keep]


def _pairs_in_blocks(keys: I64, rows: I64, proj: npt.NDArray[np.float32], window: int) -> I64:
    if keys.size < 2:
        return np.zeros((0, 2), np.int64)
    order = np.lexsort((rows, proj[rows], keys))
    k, r = keys[order], rows[order]
    out = []
    for off in range(1, window + 1):
        if off >= k.size:
            break
        same = k[off:] == k[:-off]
        if not same.any():
            break
        a, b = r[:-off][same], r[off:][same]
        out.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), np.int64)


def candidate_pairs(table: ClaimTable, *, settings: FusionSettings) -> I64:
    """Unique (i, j) row pairs, i < j, sorted."""
    n = len(table.ids)
    if n < 2:
        return np.zeros((0, 2), np.int64)
    rng = np.random.default_rng(settings.seed + 1)
    direction = rng.standard_normal((table.emb.shape[1],)).astype(np.float32)
    proj = np.asarray(table.emb.astype(np.float32) @ direction, np.float32)
    parts: list[I64] = []

    def add(p: I64) -> None:
        """Keep each key family's pairs as de-duplicated 1-D codes (i * n + j): the families
        overlap a lot, and two int64 columns of every raw pair were the peak of blocking."""
        if p.size:
            parts.append(np.unique(p[:, 0] * n + p[:, 1]))

    w = settings.block_window

    tk, tr = _token_keys(table, settings)
    add(_pairs_in_blocks(tk, tr, proj, w))

    bits = int(min(MAX_LSH_BITS, max(1, round(math.log2(max(2.0, n / settings.lsh_bucket))))))
    codes = lsh_codes(table.emb, bands=settings.lsh_bands, bits=bits, seed=settings.seed)
    band_keys = codes + (np.arange(settings.lsh_bands, dtype=np.int64) << bits)[None, :]
    add(_pairs_in_blocks(band_keys.ravel(), np.repeat(np.arange(n, dtype=np.int64), settings.lsh_bands),
                         proj, w))

    qc = table.q_cls
    qrows, qslot = np.nonzero(qc >= 0)
    add(_pairs_in_blocks(qc[qrows, qslot].astype(np.int64), qrows.astype(np.int64), proj, w))

    # document neighbours and one source's claims within one document
    has_prev = table.prev >= 0
    rows = np.arange(n, dtype=np.int64)[has_prev]
    prev = table.prev[has_prev].astype(np.int64)
    add(np.stack([np.minimum(rows, prev), np.maximum(rows, prev)], axis=1))
    attributed = table.source >= 0
    ds = table.doc.astype(np.int64) * (len(table.source_ids) + 1) + table.source.astype(np.int64)
    arows = np.arange(n, dtype=np.int64)[attributed]
    add(_pairs_in_blocks(ds[attributed], arows, table.start.astype(np.float32), w))

    codes1d = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int64)
    parts.clear()
    codes1d = codes1d[codes1d // n != codes1d % n]
    return np.stack([codes1d // n, codes1d % n], axis=1)
