"""The memory work of bench/README.fusion.md's seventh build changes no result: the linkage's heap
entries packed in one int order exactly as the (-mean, group, group, edge) tuples they replace
(also when the fields are too wide for numpy's uint64), the first means come out as those
packed tuples in heap order, the medoids summed a step of pairs at a time equal one
``np.bincount`` over all pairs, and a large component giving back its pages merges alike."""

from __future__ import annotations

import heapq
import itertools

import numpy as np
import numpy.typing as npt
import pytest

from claimledger.fuse import assemble, linkage
from claimledger.fuse.linkage import _first_means, _Keys, group_means, link_component, mean_of
from claimledger.fuse.pairs import PairScores

from .test_fuse_linkage_arrays import _run


def _tuples(rng: np.random.Generator, n_nodes: int, n_edges: int, k: int) -> list[tuple[float, int, int, int]]:
    """Entries with many ties on every field: a coarse grid of means of both signs, and zeros of
    both signs (a heap of tuples compares -0.0 and 0.0 as equal)."""
    neg = [*(rng.integers(-40, 3, k) / 16).tolist(), 0.0, -0.0, 0.0, -0.0]
    a = rng.integers(0, n_nodes, len(neg)).tolist()
    b = rng.integers(0, n_nodes, len(neg)).tolist()
    e = rng.integers(0, n_edges, len(neg)).tolist()
    # the exact float of a real mean too (many bits set)
    neg[0] = -mean_of(complex(1.7300000190734863, 3.0), 2, 3)
    return list(zip(neg, a, b, e, strict=True))


@pytest.mark.parametrize(("n_nodes", "n_edges"), [(2, 1), (80, 300), (785_790, 4_029_335), (1 << 40, 1 << 45)])
def test_packed_keys_order_as_the_tuples(n_nodes: int, n_edges: int) -> None:
    rng = np.random.default_rng(n_nodes)
    keys = _Keys(n_nodes, n_edges)
    tuples = _tuples(rng, n_nodes, n_edges, 3000)
    packed = [keys.pack(*t) for t in tuples]
    by_tuple = sorted(range(len(tuples)), key=lambda i: tuples[i])
    by_key = sorted(range(len(tuples)), key=lambda i: packed[i])
    # equal tuples (ties on every field, -0.0 == 0.0) have equal keys, so both sorts agree
    assert [tuples[i] for i in by_key] == [tuples[i] for i in by_tuple]
    assert all((packed[i] == packed[j]) == (tuples[i] == tuples[j]) for i, j in itertools.pairwise(by_key))
    assert [keys.unpack(k) for k in packed] == [(t[0] + 0.0, *t[1:]) for t in tuples]
    # a heap of keys pops in the order a heap of tuples does
    heap_t, heap_k = list(tuples), list(packed)
    heapq.heapify(heap_t)
    heapq.heapify(heap_k)
    popped_t = [heapq.heappop(heap_t) for _ in range(len(tuples))]
    assert [keys.unpack(heapq.heappop(heap_k)) for _ in range(len(tuples))] == [(t[0] + 0.0, *t[1:])
                                                                               for t in popped_t]


@pytest.mark.parametrize("low_bits", [64, 0])  # 0: the fields packed in Python (wider than a uint64)
def test_first_means_are_the_packed_tuples_in_heap_order(monkeypatch: pytest.MonkeyPatch, low_bits: int) -> None:
    monkeypatch.setattr(linkage, "LOW_IN_NUMPY_BITS", low_bits)
    rng = np.random.default_rng(5)
    n = 300
    ra, rb = rng.integers(0, n, 2000), rng.integers(0, n, 2000)
    lo, hi, tot, cnt = group_means(ra, rb, (rng.integers(6, 19, 2000) / 20).astype(np.float32))
    size = rng.integers(1, 4, n)
    na, nb = size[lo].astype(np.int64), size[hi].astype(np.int64)
    keys = _Keys(n, lo.size)
    got = list(_first_means(lo, hi, tot, cnt, na, nb, 0.3, keys))
    want = sorted((-mean_of(complex(t, c), int(x), int(y)), int(a), int(b), e)
                  for e, (a, b, t, c, x, y) in enumerate(zip(lo, hi, tot, cnt, na, nb, strict=True))
                  if mean_of(complex(t, c), int(x), int(y)) >= 0.3)
    assert len(want) > 100
    assert got == [keys.pack(*w) for w in want]


@pytest.mark.parametrize("seed", range(0, 150, 7))
def test_linkage_with_fields_packed_in_python_merges_like_the_dict_algorithm(monkeypatch: pytest.MonkeyPatch,
                                                                            seed: int) -> None:
    monkeypatch.setattr(linkage, "LOW_IN_NUMPY_BITS", 0)
    assert _run(seed, "arrays") == _run(seed, "plain")


def test_group_means_gives_int32_rows() -> None:
    lo, hi, _, _ = group_means(np.asarray([3, 0, 5], np.int64), np.asarray([0, 3, 1], np.int64),
                               np.asarray([0.5, 0.5, 0.5], np.float32))
    assert lo.dtype == np.int32 and hi.dtype == np.int32 and lo.tolist() == [0, 1] and hi.tolist() == [3, 5]
    sizes, parent = [1] * 6, list(range(6))
    log: list[tuple[int, int]] = []
    link_component(lo, hi, np.asarray([1.0, 0.5]), np.asarray([2.0, 1.0]), sizes, parent, lambda a, b: None,
                   lambda a, b: log.append((a, b)), {}, tuple("abcdef"), 0.4)
    assert log == [(0, 3), (1, 5)] and sizes[0] == 2 and sizes[1] == 2
    # no pair between distinct groups: empty columns of the same dtypes
    lo, hi, tot, cnt = group_means(np.asarray([2], np.int64), np.asarray([2], np.int64), np.asarray([0.5], np.float32))
    assert lo.size == hi.size == tot.size == cnt.size == 0
    assert lo.dtype == np.int32 and hi.dtype == np.int32 and tot.dtype == np.float64


def _totals_in_one_pass(label: npt.NDArray[np.int32], ps: PairScores, n: int) -> npt.NDArray[np.float64]:
    """The similarity totals as the sixth build computed them (one ``np.bincount`` per end)."""
    a, b = ps.pairs[:, 0], ps.pairs[:, 1]
    inside = label[a] == label[b]
    total = np.bincount(a[inside], weights=ps.text[inside], minlength=n).astype(np.float64)
    total += np.bincount(b[inside], weights=ps.text[inside], minlength=n)
    return total


@pytest.mark.parametrize("step", [1, 7, 1000, 1 << 22])
def test_medoids_in_steps_equal_one_pass(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    rng = np.random.default_rng(step)
    n, m = 400, 6000
    pairs = np.sort(rng.integers(0, n, (m, 2)), axis=1).astype(np.int32)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    label = np.unique(rng.integers(0, 60, n), return_inverse=True)[1].astype(np.int32)
    # similarities of many magnitudes, so the summation order shows in the last bits
    text = (rng.random(len(pairs)) ** 6).astype(np.float32)
    empty = np.zeros(len(pairs), np.bool_)
    ps = PairScores(pairs=pairs, text=text, lex=text, score=text, polarity_conflict=empty,
                    quantity=np.zeros(len(pairs), np.int8), time_conflict=empty, same_origin=empty, adjacent=empty,
                    blocked=empty)
    monkeypatch.setattr(assemble, "MEDOID_STEP", step)
    got, want = assemble._similarity_totals(label, ps, n), _totals_in_one_pass(label, ps, n)
    assert got.tobytes() == want.tobytes()  # bit for bit
    stepped = assemble._medoids(label, ps, n).tolist()
    monkeypatch.setattr(assemble, "MEDOID_STEP", len(pairs) + 1)  # one step: every pair at once
    assert stepped == assemble._medoids(label, ps, n).tolist()


def test_a_large_component_gives_back_its_pages_and_merges_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(linkage, "TRIM_AT_GROUP_PAIRS", 1)
    monkeypatch.setattr(linkage, "give_back_freed_memory", lambda: calls.append(1))
    assert _run(3, "arrays") == _run(3, "plain")
    assert calls == [1]
