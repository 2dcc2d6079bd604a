"""Sentence vectors for fusion: the project's embedder (``fuse.embed``) when it is installed, else
a small model-free hashing embedder, so fusion always runs offline."""

from __future__ import annotations

import hashlib
import importlib
import itertools
import re
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ..errors import ClaimLedgerError
from .config import FusionSettings

__all__ = ["HASH_DIM", "embed_texts", "embedder_name", "lsh_codes"]

HASH_DIM = 256
"""Width of the fallback hashing vectors (word unigrams and bigrams, signed hashing)."""

EMBED_CHUNK = 8192
"""Texts encoded per call: bounds the embedder's working memory on large tables."""

FLOAT16_ABOVE = 200_000
"""Tables larger than this keep their vectors as float16 (half the memory; cosines change by
< 0.002, far below any threshold's margin)."""

_WORD = re.compile(r"[a-z0-9]+")


class _Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class _Hashing:
    """Signed feature hashing of lower-cased words and word pairs, L2-normalised."""

    name = "fallback-hashing"

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), HASH_DIM), np.float32)
        for i, t in enumerate(texts):
            words = _WORD.findall(t.lower())
            for f in words + [a + " " + b for a, b in itertools.pairwise(words)]:
                h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
                out[i, h % HASH_DIM] += 1.0 if (h >> 32) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return np.asarray(out / norms, np.float32)


def _load(name: str) -> Any:
    if name != "fallback-hashing":
        try:
            mod = importlib.import_module("claimledger.fuse.embed")
        except ImportError:  # the embedding module is optional: fall back below
            mod = None
        if mod is not None:
            try:
                return mod.load_embedder(name)
            except (ClaimLedgerError, OSError, ValueError):  # model files absent: the module's own fallback
                return mod.load_embedder("hashing")
    return _Hashing()


_CACHE: dict[str, Any] = {}


def _embedder(name: str) -> Any:
    if name not in _CACHE:
        _CACHE[name] = _load(name)
    return _CACHE[name]


def embedder_name(settings: FusionSettings) -> str:
    e = _embedder(settings.embedder)
    return str(getattr(e, "name", type(e).__name__))


def embed_texts(texts: Sequence[str], *, settings: FusionSettings) -> npt.NDArray[np.floating[Any]]:
    emb = _embedder(settings.embedder)
    dtype = np.float16 if len(texts) > FLOAT16_ABOVE else np.float32
    parts = []
    for s in range(0, len(texts), EMBED_CHUNK):
        v = np.asarray(emb.encode(list(texts[s:s + EMBED_CHUNK])), dtype=np.float32)
        parts.append(v.astype(dtype))
    if not parts:
        return np.zeros((0, HASH_DIM), dtype)
    return np.concatenate(parts)


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
