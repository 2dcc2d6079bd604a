"""The float16 -> float32 widening of the pair scores (``pairs._widen_half``): the values numpy's
conversion gives, bit for bit, so the embedding cosines above 200k claims do not change."""

from __future__ import annotations

import numpy as np

from claimledger.fuse import pairs


def test_every_finite_half_widens_to_numpys_float32() -> None:
    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    h = bits[(bits & 0x7C00) != 0x7C00].view(np.float16)  # zeros, subnormals, normals of both signs
    got = pairs._widen_half(h, np.empty(h.size, np.int32))
    assert np.array_equal(got.view(np.uint32), h.astype(np.float32).view(np.uint32))
    assert pairs._half_widening_exact()


def test_dot_products_with_subnormal_and_signed_zero_halves_equal_numpys() -> None:
    rng = np.random.default_rng(11)
    m = (rng.standard_normal((300, 48)) * 0.1).astype(np.float16)
    m[:40] = (rng.standard_normal((40, 48)) * 3e-6).astype(np.float16)  # float16 subnormals
    m[40:60, ::3] = np.float16(-0.0)
    a = np.sort(rng.integers(0, 300, 9_000)).astype(np.int32)
    b = rng.integers(0, 300, 9_000).astype(np.int32)
    want = np.einsum("ij,ij->i", m[a].astype(np.float32), m[b].astype(np.float32))
    assert np.array_equal(pairs._rowdot(m, a, b).view(np.uint32), want.view(np.uint32))


def test_vectors_with_an_infinity_or_nan_take_numpys_conversion() -> None:
    """The bit widening maps exponent-31 halves to finite numbers: such tables are converted by numpy."""
    rng = np.random.default_rng(12)
    m = (rng.standard_normal((50, 16)) * 0.1).astype(np.float16)
    m[7, 3], m[9, 0] = np.float16(np.inf), np.float16(np.nan)
    assert not pairs._all_finite_half(m)
    a = np.sort(rng.integers(0, 50, 500)).astype(np.int32)
    b = rng.integers(0, 50, 500).astype(np.int32)
    want = np.einsum("ij,ij->i", m[a].astype(np.float32), m[b].astype(np.float32))
    got = pairs._rowdot(m, a, b)
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.array_equal(got[~np.isnan(got)].view(np.uint32), want[~np.isnan(want)].view(np.uint32))
