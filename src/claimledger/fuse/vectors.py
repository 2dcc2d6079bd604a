"""Sentence vectors for fusion, from the project's embedder (:mod:`claimledger.fuse.embed`): the
shipped static model, or its model-free hashing embedder when the model files are missing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError
from .config import FusionSettings
from .embed import Embedder, load_embedder

__all__ = ["embed_texts", "lsh_codes"]

EMBED_CHUNK = 8192
"""Texts encoded per call: bounds the embedder's working memory on large tables."""

FLOAT16_ABOVE = 200_000
"""Tables larger than this keep their vectors as float16 (half the memory; cosines change by
< 0.002, far below any threshold's margin)."""


def _embedder(name: str) -> Embedder:
    """The named embedder (cached per process by ``load_embedder``), else the hashing fallback."""
    try:
        return load_embedder(name)
    except ConfigError:  # model files absent or not installed: fusion still runs offline
        return load_embedder("hashing")


def embed_texts(texts: Sequence[str], *, settings: FusionSettings) -> npt.NDArray[np.floating[Any]]:
    emb = _embedder(settings.embedder)
    dtype = np.float16 if len(texts) > FLOAT16_ABOVE else np.float32
    out = np.empty((len(texts), emb.dim), dtype)  # filled chunk by chunk: no list of parts to join
    for s in range(0, len(texts), EMBED_CHUNK):
        v = np.asarray(emb.encode(list(texts[s:s + EMBED_CHUNK])), dtype=np.float32)
        out[s:s + v.shape[0]] = v
    return out


def lsh_codes(emb: npt.NDArray[np.floating[Any]], *, bands: int, bits: int, seed: int) -> npt.NDArray[np.int64]:
    """(n, bands) bucket codes: the signs of ``bits`` random hyperplanes per band."""
    rng = np.random.default_rng(seed)
    planes = rng.standard_normal((emb.shape[1], bands * bits)).astype(np.float32)
    weights = (1 << np.arange(bits, dtype=np.int64))
    out = np.empty((emb.shape[0], bands), np.int64)
    for s in range(0, emb.shape[0], EMBED_CHUNK):
        signs = (emb[s:s + EMBED_CHUNK].astype(np.float32) @ planes) > 0
        out[s:s + EMBED_CHUNK] = signs.reshape(-1, bands, bits).astype(np.int64) @ weights
    return out
