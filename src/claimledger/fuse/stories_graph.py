"""Candidate pairs by blocking, and their similarity (text, entities, time).

Blocking: each document is indexed under its most distinctive words (the highest TF-IDF
weights among words no more frequent than a document-frequency cap) and under its entity names
(same cap).  Two documents are a candidate pair when they share enough index keys.  The cap
bounds every posting list, so the number of pairs grows linearly with the number of documents;
pairs are counted with a sparse product done a block of rows at a time, and each document keeps
only its best-scoring pairs, so memory is bounded by (neighbours x documents).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .stories_vectors import StoryVectors

__all__ = ["Edges", "GraphParams", "similarity_edges", "time_factor"]

ROW_BLOCK = 512
"""Rows per sparse product when counting shared keys (memory bound, not a quality setting)."""

PAIR_BLOCK = 200_000
"""Pairs scored at once (memory bound, not a quality setting)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphParams:
    block_terms: int
    block_df_cap_min: int
    block_df_cap_fraction: float
    block_df_cap_max: int
    min_shared_keys: int
    entity_weight: float
    time_grace_days: float
    time_scale_days: float
    edge_floor: float
    neighbours: int
    candidates_per_document: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Edges:
    """The graph's edges, ``left < right`` (row numbers in canonical order)."""

    left: np.ndarray
    right: np.ndarray
    weight: np.ndarray
    candidates: int
    """Candidate pairs scored (each pair counted from both ends)."""


def time_factor(gap_days: np.ndarray, grace: float, scale: float) -> np.ndarray:
    """1 within ``grace`` days, then ``exp(-(gap - grace) / scale)``; a gap < 0 means unknown (1)."""
    over = np.maximum(gap_days - grace, 0.0)
    f = np.exp(-over / scale)
    return np.where(gap_days < 0, 1.0, f)


def _df_cap(n: int, p: GraphParams) -> int:
    return int(min(p.block_df_cap_max, max(p.block_df_cap_min, p.block_df_cap_fraction * n)))


def _top_columns(m: sp.csr_matrix, allowed: np.ndarray, k: int) -> sp.csr_matrix:
    """A binary matrix keeping, per row, the ``k`` heaviest allowed columns (ties by column)."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        idx = m.indices[lo:hi]
        val = m.data[lo:hi]
        keep = allowed[idx]
        idx, val = idx[keep], val[keep]
        if idx.size > k:
            order = np.lexsort((idx, -val))[:k]
            idx = idx[order]
        rows.append(np.full(idx.size, r, dtype=np.int64))
        cols.append(idx.astype(np.int64))
    r_all = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c_all = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sp.csr_matrix((np.ones(r_all.size), (r_all, c_all)), shape=m.shape)


def _keys(v: StoryVectors, p: GraphParams) -> sp.csr_matrix:
    n = len(v.ids)
    cap = _df_cap(n, p)
    words = _top_columns(v.text, (v.text_df >= 2) & (v.text_df <= cap), p.block_terms)
    ent_allowed = (v.entity_df >= 2) & (v.entity_df <= cap)
    ents = sp.csr_matrix(v.entities[:, np.flatnonzero(ent_allowed)])
    ents.data[:] = 1.0
    return sp.csr_matrix(sp.hstack([words, ents], format="csr"))


def _pair_scores(v: StoryVectors, p: GraphParams, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    text = _rowwise_dot(v.text, left, right)
    ent = _rowwise_dot(v.entities, left, right)
    has_ent = np.diff(v.entities.indptr) > 0
    both = has_ent[left] & has_ent[right]
    w = p.entity_weight
    sim = np.where(both, (1.0 - w) * text + w * ent, text)
    dl, dr = v.days[left], v.days[right]
    gap = np.where((dl < 0) | (dr < 0), -1.0, np.abs(dl - dr).astype(np.float64))
    return np.asarray(sim * time_factor(gap, p.time_grace_days, p.time_scale_days), dtype=np.float64)


def _rowwise_dot(m: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    out = np.zeros(left.size, dtype=np.float64)
    for s in range(0, left.size, PAIR_BLOCK):
        a = m[left[s:s + PAIR_BLOCK]]
        b = m[right[s:s + PAIR_BLOCK]]
        out[s:s + PAIR_BLOCK] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _top_k(rows: np.ndarray, cols: np.ndarray, sim: np.ndarray, k: int) -> np.ndarray:
    """Mask of each row's ``k`` best pairs (ties: lower column first)."""
    order = np.lexsort((cols, -sim, rows))
    r = rows[order]
    first = np.searchsorted(r, r, side="left")
    rank = np.arange(r.size) - first
    mask = np.zeros(rows.size, dtype=bool)
    mask[order[rank < k]] = True
    return mask


def similarity_edges(v: StoryVectors, p: GraphParams) -> Edges:
    """The graph: each document's ``p.neighbours`` best candidate pairs reaching ``p.edge_floor``
    (an edge kept by either end is kept), as ``left < right`` with its similarity.

    similarity = ((1 - w) * text cosine + w * entity cosine) * time factor, where the entity
    term is used only when both documents have entities (otherwise text alone: neutral).
    """
    keys = _keys(v, p)
    kt = sp.csr_matrix(keys.T)
    n = keys.shape[0]
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    candidates = 0
    for start in range(0, n, ROW_BLOCK):
        block = sp.coo_matrix(keys[start:start + ROW_BLOCK] @ kt)
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        keep = (cols != rows) & (block.data >= p.min_shared_keys)
        rows, cols, shared = rows[keep], cols[keep], block.data[keep]
        first = _top_k(rows, cols, shared, p.candidates_per_document)
        rows, cols = rows[first], cols[first]
        candidates += int(rows.size)
        sim = _pair_scores(v, p, rows, cols)
        ok = sim >= p.edge_floor
        rows, cols, sim = rows[ok], cols[ok], sim[ok]
        best = _top_k(rows, cols, sim, p.neighbours)
        rows, cols, sim = rows[best], cols[best], sim[best]
        lefts.append(np.minimum(rows, cols))
        rights.append(np.maximum(rows, cols))
        weights.append(sim)
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return Edges(left=empty, right=empty, weight=np.zeros(0), candidates=0)
    left, right, weight = np.concatenate(lefts), np.concatenate(rights), np.concatenate(weights)
    _, first = np.unique(left * n + right, return_index=True)
    return Edges(left=left[first], right=right[first], weight=weight[first], candidates=candidates)
