"""Copy detection from flat int64 shingle arrays (``fuse/copies.py``) finds what Python sets of
word 4-gram strings found: the same sets (sizes), the same Jaccard values bit for bit, the same
copies; and the shingle hashes are the same in every process (no salted ``hash``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import pytest

from claimledger.fuse import FusionSettings, copies
from claimledger.fuse.copies import pair_jaccard, shingle_sets
from claimledger.fuse.features import ClaimTable, build_table
from claimledger.fuse.origins import copy_roots, find_copies, shingles

from .fuse_ledgers import claim, doc

FS = FusionSettings(embedder="hashing")
BASE = ("North Korean troops are fighting in Ukraine alongside Russian forces near Kursk, officials said",
        "The ministry said 3,000 soldiers had crossed the border on Tuesday and more would follow",
        "Peskov called the reports of North Korean troops in Russia a hoax and a provocation",
        "Short text", "", "one two three", "a b c d a b c d a b c d", "Mixed CASE, punctuation! and 12,000 numbers.")


def _string_shingles(text: str, size: int = 4) -> frozenset[str]:
    """The sets the old code hashed: word ``size``-grams as strings (or the whole short text), over
    the same words (figures written one way)."""
    words = copies.shingle_words(text)
    if len(words) < size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def _texts(n: int, seed: int = 0) -> list[str]:
    """Near copies: each text one of ``BASE`` with ~15% of its words dropped (some left whole)."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        words = BASE[k % len(BASE)].split()
        keep = rng.random(len(words)) > (0.15 if k % 3 else 0.0)
        out.append(" ".join(w for w, x in zip(words, keep.tolist(), strict=True) if x))
    return out


@pytest.mark.parametrize(("per_step", "shingles_per_step"), [(100_000, 1 << 21), (7, 50)])
def test_shingle_sets_and_jaccard_equal_python_string_sets(monkeypatch: pytest.MonkeyPatch, per_step: int,
                                                           shingles_per_step: int) -> None:
    monkeypatch.setattr(copies, "CLAIMS_PER_STEP", per_step)
    monkeypatch.setattr(copies, "SHINGLES_PER_STEP", shingles_per_step)
    texts = _texts(64)
    sets = shingle_sets(texts, 4)
    ref = [_string_shingles(t) for t in texts]
    for k, t in enumerate(texts):
        got = sets.of(k)
        assert got.size == len(ref[k]), t
        assert (got[1:] > got[:-1]).all()  # ascending, distinct
        assert np.array_equal(got, shingles(t, 4))
    a, b = np.triu_indices(len(texts), 1)
    jac = pair_jaccard(sets, a, b)
    hits = 0
    for x, y, v in zip(a.tolist(), b.tolist(), jac.tolist(), strict=True):
        if ref[x] and ref[y]:
            assert v == len(ref[x] & ref[y]) / len(ref[x] | ref[y]), (texts[x], texts[y])
            hits += v >= 0.5
        else:
            assert np.isnan(v)
    assert 50 < hits < len(jac)


def _old_find_copies(table: ClaimTable, texts: Sequence[str], order_key: Sequence[tuple[str, str]],
                     pairs: np.ndarray, lexsim: np.ndarray, blocked: np.ndarray) -> dict[int, int]:
    """``find_copies`` as it was with Python sets (verbatim but for the string shingles; the chains
    of copies are resolved by the same ``copy_roots``)."""
    a, b = pairs[:, 0], pairs[:, 1]
    cand = ((lexsim >= FS.copy_jaccard) & (table.doc[a] != table.doc[b]) & (table.polarity[a] == table.polarity[b])
            & ~blocked)
    copied = []
    for x, y in pairs[cand]:
        sa, sb = _string_shingles(texts[x]), _string_shingles(texts[y])
        if sa and sb and len(sa & sb) / len(sa | sb) >= FS.copy_jaccard:
            copied.append((int(x), int(y)))
    return copy_roots(copied, order_key)


def test_find_copies_equals_the_python_set_version() -> None:
    docs = [doc(str(i), f"Outlet {i % 3}", f"2024-10-{10 + i % 5:02d}") for i in range(6)]
    texts = _texts(48, seed=3)
    claims = [claim(f"{k:02d}", docs[k % len(docs)], t or "x", None, stance="denies" if k % 11 == 0 else "asserts",
                    start=100 * k) for k, t in enumerate(texts)]
    table = build_table(docs, claims, settings=FS)
    texts = [c.text for c in claims]
    order_key = [(str(docs[k % len(docs)].published), docs[k % len(docs)].id) for k in range(len(claims))]
    a, b = np.triu_indices(len(claims), 1)
    pairs = np.stack([a, b], axis=1).astype(np.int32)
    rng = np.random.default_rng(1)
    lexsim = rng.choice(np.array([0.4, 0.9], np.float32), len(pairs), p=[0.2, 0.8])
    blocked = rng.random(len(pairs)) < 0.1
    want = _old_find_copies(table, texts, order_key, pairs, lexsim, blocked)
    got = find_copies(table, texts, order_key, pairs, lexsim, blocked, settings=FS)
    assert got == want and len(want) > 10


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    """Python's ``hash`` of a string changes per process (PYTHONHASHSEED); these must not."""
    text = BASE[0]
    here = shingles(text, 4).tolist()
    code = f"from claimledger.fuse.origins import shingles; print(shingles({text!r}, 4).tolist())"
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
        assert out.strip() == str(here)


def test_figures_written_another_way_are_the_same_words() -> None:
    """Wire copy rewritten by another outlet: "magnitude-6.0" = "magnitude 6", "120,000" = "120000";
    "3.50" and "1.05" keep their decimals."""
    assert copies.shingle_words("A magnitude-6.0 quake") == copies.shingle_words("A magnitude 6 quake")
    assert copies.shingle_words("home to 120,000 people") == ["home", "to", "120000", "people"]
    assert copies.shingle_words("3.50 and 1.05") == ["3", "50", "and", "1", "05"]
    a, b = "A magnitude-6.0 quake can cause severe damage.", "A magnitude 6 quake can cause severe damage."
    sets = shingle_sets([a, b], 4)
    assert float(pair_jaccard(sets, np.asarray([0]), np.asarray([1]))[0]) == 1.0
