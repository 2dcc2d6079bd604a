"""Near-duplicate documents (syndicated copies): MinHash signatures (datasketch) and LSH bands.

The bands are stored in the database (``document_bands``), so finding candidates for a new
document is an indexed lookup, never a scan over the store; the candidates' Jaccard similarity is
then estimated from their stored signatures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

__all__ = ["BANDS", "NUM_PERM", "ROWS", "Signature", "estimate_jaccard", "signature"]

NUM_PERM = 128
"""MinHash permutations: standard error of the Jaccard estimate ≈ 1/sqrt(128) ≈ 0.09."""
BANDS, ROWS = 16, 8
"""16 bands of 8 rows: two documents become candidates with probability 1-(1-J^8)^16, i.e. 0.94
at J=0.8 and 0.003 at J=0.3 — the threshold (1/16)^(1/8) ≈ 0.71 sits below neardup_threshold."""
SHINGLE_WORDS = 5
"""Word 5-grams: long enough that two different articles on one story share few of them."""
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash signature and its LSH band keys."""

    hashvalues: bytes
    bands: tuple[str, ...]


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> Signature:
    """MinHash of the text's word 5-gram shingles, and one key per LSH band."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    sh = _shingles(text)
    if sh:
        mh.update_batch(sorted(sh))
    hv = np.asarray(mh.hashvalues, dtype=np.uint64)
    bands = tuple(
        f"{b}:" + hashlib.blake2b(hv[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for b in range(BANDS)
    )
    return Signature(hashvalues=hv.tobytes(), bands=bands)


def estimate_jaccard(a: bytes, b: bytes) -> float:
    """Share of equal MinHash values: an unbiased estimate of the shingle sets' Jaccard similarity."""
    x = np.frombuffer(a, dtype=np.uint64)
    y = np.frombuffer(b, dtype=np.uint64)
    if len(x) != len(y) or len(x) == 0:
        return 0.0
    return float(np.count_nonzero(x == y)) / len(x)
