"""The memory and time work of bench/README.fusion.md changes no result: chunked pair scoring
equals scoring in one chunk, int32 pairs score like int64 ones, the vectorised relation choice
equals the pair-by-pair loop it replaced, and the chunked centring mean equals numpy's."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from claimledger.fuse import FusionSettings, pairs, propositions, relations
from claimledger.fuse.blocking import candidate_pairs
from claimledger.fuse.features import ClaimTable, _column_mean, build_table
from claimledger.fuse.origins import Origins, assign_origins
from claimledger.fuse.pairs import QTY_CONFLICT, QTY_NONE, PairScores, compare_counts, score_pairs
from claimledger.fuse.records import FuseClaim, Relation

from .fuse_ledgers import HUR, KIRBY, PESKOV, SOURCES, UA_OFFICIAL, US_GOV, ZELENSKY, claim, doc, qty

FS = FusionSettings(embedder="hashing")
DOCS = (doc("1", "The Washington Post", "2024-10-10"), doc("2", "Newsweek", "2024-10-24"),
        doc("3", "NBC News", "2024-10-16"))
TEXTS = ("North Korean troops are fighting in Ukraine alongside Russian forces",
         "no North Korean troops have reached Kursk yet",
         "North Korean troops have already reached Kursk",
         "{} North Korean soldiers are in Russia",
         "reports of North Korean troops in Russia are a hoax")
FIGURES = ((None, None), ("3,000", 3000.0), ("12,000", 12000.0), ("about 11,500", 11500.0))
STANCES = ("asserts", "asserts", "denies", "declines")
WHO = (HUR, KIRBY, PESKOV, UA_OFFICIAL, US_GOV, ZELENSKY, None)


def _ledger() -> list[FuseClaim]:
    """36 claims: every text with changing sources, stances, figures and documents (all relation
    kinds occur among them, and many pairs tie)."""
    out = []
    for k, (t, d) in enumerate(itertools.product(range(len(TEXTS)), range(len(DOCS) * 3))):
        if k >= 36:
            break
        fig, value = FIGURES[k % len(FIGURES)]
        text = TEXTS[t].format(fig or "many")
        qs = (qty(fig, value, value, value, "exact", "troop"),) if fig and value else ()
        out.append(claim(f"{k:02d}", DOCS[d % len(DOCS)], text, WHO[k % len(WHO)], stance=STANCES[k % len(STANCES)],
                         start=100 * k, quantities=qs))
    return out


def _all_pairs(n: int, dtype: type[np.signedinteger[Any]]) -> npt.NDArray[np.signedinteger[Any]]:
    return np.asarray([(i, j) for i in range(n) for j in range(i + 1, n)], dtype)


def _scored(claims: list[FuseClaim]) -> tuple[list[FuseClaim], ClaimTable, Origins, PairScores]:
    """The claims, their table, origins and the scores of all their pairs (int32 rows)."""
    table = build_table(DOCS, claims, settings=FS)
    origins = assign_origins(table, DOCS, SOURCES, {})
    return claims, table, origins, score_pairs(table, _all_pairs(len(claims), np.int32), origins.of_claim,
                                               settings=FS)


def _scored_ledger() -> tuple[list[FuseClaim], ClaimTable, Origins, PairScores]:
    """The hand-built ledger, its table, origins and the scores of all its pairs (int32 rows)."""
    return _scored(_ledger())


def _columns(ps: PairScores) -> dict[str, npt.NDArray[Any]]:
    return {name: np.asarray(getattr(ps, name)) for name in PairScores.__dataclass_fields__}


def test_scores_in_tiny_chunks_equal_one_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _ledger()
    table = build_table(DOCS, claims, settings=FS)
    origins = assign_origins(table, DOCS, SOURCES, {})
    ab = _all_pairs(len(claims), np.int64)
    whole = score_pairs(table, ab, origins.of_claim, settings=FS)
    assert (whole.quantity == QTY_CONFLICT).any() and whole.polarity_conflict.any() and whole.blocked.any()
    monkeypatch.setattr(pairs, "CHUNK", 7)  # 630 pairs: 90 chunks, the last one full
    chunked = _columns(score_pairs(table, ab.astype(np.int32), origins.of_claim, settings=FS))
    monkeypatch.setattr(pairs, "CHUNK", 11)  # a short last chunk
    uneven = _columns(score_pairs(table, ab, origins.of_claim, settings=FS))
    for name, col in _columns(whole).items():
        assert np.array_equal(col, chunked[name]), name
        assert np.array_equal(col, uneven[name]), name
    assert chunked["pairs"].dtype == np.int32 and chunked["text"].dtype == np.float32
    empty = score_pairs(table, np.zeros((0, 2), np.int32), origins.of_claim, settings=FS)
    assert empty.score.size == 0 and empty.score.dtype == np.float32 and empty.quantity.dtype == np.int8


def test_count_comparison_of_counted_pairs_only_equals_every_pair() -> None:
    claims = _ledger()
    table = build_table(DOCS, claims, settings=FS)
    ab = _all_pairs(len(claims), np.int64)
    a, b = ab[:, 0], ab[:, 1]
    for strict in (False, True):
        got = compare_counts(table, a, b, FS.differs_ratio, strict=strict)
        assert np.array_equal(got, pairs._compare_slots(table, a, b, FS.differs_ratio, strict))
        assert (got == QTY_CONFLICT).any()


def test_candidate_pairs_are_int32_rows_i_below_j() -> None:
    table = build_table(DOCS, _ledger(), settings=FS)
    got = candidate_pairs(table, settings=FS)
    assert got.dtype == np.int32 and got.shape[1] == 2 and len(got)
    assert (got[:, 0] < got[:, 1]).all()


def _loop_relations(table: ClaimTable, claims: Sequence[FuseClaim], ps: PairScores, label: npt.NDArray[np.int32],
                    origins: Origins, prop_ids: Sequence[str], settings: FusionSettings) -> list[Relation]:
    """The pair-by-pair loop ``find_relations`` had before (verbatim but for names): the reference.

    It calls the same per-pair rules as the code under test (``_Matters.shared``, ``_Counts.differ``,
    ``agree``, ``assesses``; ``find_relations`` counts the contradictions' shared words with numpy,
    ``_Matters.shares``): what it checks is the vectorised gating, the choice of one relation per
    pair of propositions, the direction and the cap, not the rules themselves — those are pinned by
    tests/test_relations_precision.py."""
    a_all, b_all = ps.pairs[:, 0], ps.pairs[:, 1]
    org = origins.of_claim
    matters = relations._Matters(table, claims, settings)
    counts = relations._Counts(table, claims, matters, settings)
    blocked = ps.blocked
    topical = ps.text >= settings.relation_threshold
    pa_all, pb_all = table.polarity[a_all], table.polarity[b_all]
    maybe = topical & (ps.polarity_conflict | ((org[a_all] == org[b_all]) & (pa_all != pb_all))
                       | table.pending[a_all] | table.pending[b_all] | (ps.quantity == QTY_CONFLICT))
    asserted = (pa_all > 0) & (pb_all > 0) & ~blocked & (org[a_all] != org[b_all])
    maybe |= asserted & ((topical & (ps.quantity != QTY_NONE))
                         | ((ps.text >= settings.support_threshold)
                            & relations._assessing(counts.assessed, a_all.astype(np.int64), b_all.astype(np.int64))))
    frames = table.frames
    plain = (pa_all > 0) & (pb_all > 0) & (org[a_all] != org[b_all])
    maybe |= plain & topical & frames.opposes(a_all.astype(np.int64), b_all.astype(np.int64))
    cross = np.flatnonzero(maybe & (label[a_all] != label[b_all]))
    best: dict[tuple[int, int], relations._Cand] = {}
    strict_counts = np.zeros(len(a_all), np.int8)
    if cross.size == 0:
        return []
    strict_counts[cross] = compare_counts(table, a_all[cross], b_all[cross], settings.differs_ratio, strict=True)
    names = origins.names
    day, stance, cand = relations._day, relations._STANCE, relations._Cand
    for k in cross[np.argsort(-ps.score[cross], kind="stable")].tolist():
        a, b = int(a_all[k]), int(b_all[k])
        pa, pb = int(label[a]), int(label[b])
        topic = float(ps.text[k])
        cands: list[relations._Cand] = []
        pol_a, pol_b = int(table.polarity[a]), int(table.polarity[b])
        early, late = (a, b) if (table.said[a], a) <= (table.said[b], b) else (b, a)
        if topic >= settings.relation_threshold:
            if org[a] == org[b] and pol_a != pol_b and table.said[a] != table.said[b] and table.said[early] >= 0:
                cands.append(cand("updates", topic, int(label[late]), int(label[early]),
                                  f"{names[org[a]]} changed position on the matter: "
                                  f"{stance[int(table.polarity[early])]} ({day(table.said[early])}), then "
                                  f"{stance[int(table.polarity[late])]} ({day(table.said[late])})"))
            elif (table.pending[early] and table.arrived[late] and table.said[late] > table.said[early]
                  and min(pol_a, pol_b) >= 0):
                cands.append(cand("updates", topic, int(label[late]), int(label[early]),
                                  f"a later report ({day(table.said[late])}, {names[org[late]]}) says has now "
                                  f"happened what an earlier one ({day(table.said[early])}, {names[org[early]]}) "
                                  f"said had not happened yet"))
            d, s = (a, b) if pol_a < 0 else (b, a)
            if pol_a * pol_b < 0 and matters.shared(d, s) is not None:  # the denial's matter shared
                cands.append(cand("contradicts", topic, int(label[d]), int(label[s]),
                                  matters.reason(names, org, d, s, topic)))
        if (ps.quantity[k] == QTY_CONFLICT and topic >= settings.relation_threshold
                and strict_counts[k] == QTY_CONFLICT and (org[a] != org[b] or table.said[a] != table.said[b])):
            why = counts.differ(a, b, topic)
            if why is not None:
                cands.append(cand("differs", topic, int(label[late]), int(label[early]),
                                  f"{names[org[late]]} and {names[org[early]]} count differently: {why} "
                                  f"(similarity {topic:.2f})"))
        one = np.asarray([a], np.int64), np.asarray([b], np.int64)
        if (pol_a > 0 and pol_b > 0 and ps.quantity[k] != QTY_CONFLICT and org[a] != org[b]
                and topic >= settings.relation_threshold and frames.opposes(*one)[0]
                and not matters.one_sentence(*one)[0] and not pairs.time_conflicts(table, *one)[0]):
            n, p, what = frames.reason(claims, a, b)
            quote = relations._quote
            if not (table.pending[n] and 0 <= table.said[n] < table.said[p]):
                cands.append(cand("contradicts", topic, int(label[n]), int(label[p]),
                                  f"{names[org[n]]} says {quote(claims[n].text)}, negating what "
                                  f"{names[org[p]]} states: {quote(claims[p].text)}; predicate: {what} "
                                  f"(similarity {topic:.2f})"))
        if pol_a > 0 and pol_b > 0 and not blocked[k] and org[a] != org[b]:
            agree = (counts.agree(a, b, topic) if topic >= settings.relation_threshold and ps.quantity[k] != QTY_NONE
                     else None)
            if agree is not None:
                cands.append(cand("supports", topic, int(label[late]), int(label[early]),
                                  f"{names[org[late]]} and {names[org[early]]} give figures that agree, in "
                                  f"statements kept apart: {agree} (similarity {topic:.2f})"))
            assess = counts.assesses(a, b) if topic >= settings.support_threshold else None
            if assess is not None:
                h, p, both = assess
                cues = ", ".join(str(x) for x in (claims[h].record.get("hedges") or ())) or "hedged"
                quote = relations._quote
                cands.append(cand("supports", topic, int(label[h]), int(label[p]),
                                  f"{names[org[h]]}'s assessment {quote(claims[h].text)} ({cues}) makes "
                                  f"{names[org[p]]}'s claim {quote(claims[p].text)} more likely; shared: "
                                  f"{', '.join(both)} (similarity {topic:.2f})"))
        for c in cands:
            key = (min(pa, pb), max(pa, pb))
            old = best.get(key)
            if old is None or (relations._PRIORITY[c.kind], -c.score) < (relations._PRIORITY[old.kind], -old.score):
                best[key] = c
    return _loop_cap(list(best.values()), prop_ids, settings.max_relations_per_proposition,
                     settings.max_contradictions_per_denial)


def _loop_cap(best: Sequence[relations._Cand], prop_ids: Sequence[str], limit: int, per_denial: int) -> list[Relation]:
    """The cap as it was: every winner with its reason, then read best first (a denying
    proposition keeps at most ``per_denial`` contradictions)."""
    used: dict[tuple[int, str], int] = {}
    denied: dict[int, int] = {}
    out = []
    for c in sorted(best, key=lambda c: (-c.score, relations._PRIORITY[c.kind], prop_ids[c.src], prop_ids[c.dst])):
        if used.get((c.src, c.kind), 0) >= limit or used.get((c.dst, c.kind), 0) >= limit:
            continue
        if c.kind == "contradicts":
            if denied.get(c.src, 0) >= per_denial:
                continue
            denied[c.src] = denied.get(c.src, 0) + 1
        used[(c.src, c.kind)] = used.get((c.src, c.kind), 0) + 1
        used[(c.dst, c.kind)] = used.get((c.dst, c.kind), 0) + 1
        out.append(Relation(from_id=prop_ids[c.src], to_id=prop_ids[c.dst], kind=c.kind, reason=c.reason))
    return sorted(out, key=lambda r: (r.from_id, r.to_id, r.kind))


def test_vectorised_relations_equal_the_pair_by_pair_loop() -> None:
    """Random groupings of the ledger into propositions and similarities on a coarse grid (many
    ties of similarity and score between candidates of one pair of propositions)."""
    claims, table, origins, base = _scored_ledger()
    kinds: set[str] = set()
    for seed in range(12):
        rng = np.random.default_rng(seed)
        text = (rng.integers(2, 12, base.text.size) / 20).astype(np.float32)
        score = (text + rng.integers(0, 2, text.size) * np.float32(0.05)).astype(np.float32)
        ps = PairScores(**{**_columns(base), "text": text, "score": score})
        drawn = rng.integers(0, 4 + 3 * seed, len(claims))
        label = np.unique(drawn, return_inverse=True)[1].astype(np.int32)
        # ids in an order unlike the labels' (the cap reads ties by id)
        prop_ids = [f"p_{int(v):02d}" for v in rng.permutation(int(label.max()) + 1)]
        settings = FusionSettings(embedder="hashing", max_relations_per_proposition=1 + seed % 4,
                                  max_contradictions_per_denial=1 + seed % 3)
        want = _loop_relations(table, claims, ps, label, origins, prop_ids, settings)
        got = relations.find_relations(table, claims, ps, label, origins, prop_ids, settings=settings)
        assert got == want, seed
        kinds |= {r.kind for r in want}
    assert kinds == {"updates", "contradicts", "differs", "supports"}


def _predicate(negated: bool, agent: str | None = "troop") -> dict[str, Any]:
    return {"lemmas": ["reach"], "negated": negated, "agent": agent, "themes": ["kursk"], "modal": None,
            "span": [0, 5]}


def test_vectorised_negation_contradictions_equal_the_loop() -> None:
    """A negated and a plain predicate of one thing (relations_negation): the vectorised choice, its
    direction (from the negating claim) and the cap equal the loop's."""
    claims, table, origins, base = _scored([
        dataclasses.replace(c, record={**c.record, "predicates": [_predicate(k % 3 == 1)]}) if k % 3 < 2 else c
        for k, c in enumerate(_ledger())])
    assert _six_groupings_equal_the_loop(
        claims, table, origins, base, first_seed=200, lowest=2, marker="negating",
        label_of=lambda rng, seed: np.unique(rng.integers(0, 6 + 3 * seed, len(claims)),
                                             return_inverse=True)[1].astype(np.int32),
        settings_of=lambda seed: FusionSettings(embedder="hashing", max_relations_per_proposition=1 + seed % 3,
                                                max_contradictions_per_denial=1 + seed % 2))


def test_vectorised_supports_of_assessments_equal_the_loop() -> None:
    """Claims judging their statement likely (hedge cues) support plain claims of their matter: the
    vectorised choice, its direction (from the assessment) and the cap equal the loop's."""
    claims, table, origins, base = _scored([
        dataclasses.replace(c, hedged=True, hedges=("highly likely",),
                            record={**c.record, "hedges": ["highly likely"]}) if k % 5 == 1 else c
        for k, c in enumerate(_ledger())])
    assert _six_groupings_equal_the_loop(
        claims, table, origins, base, first_seed=100, lowest=4, marker="assessment",
        label_of=lambda rng, seed: np.arange(len(claims), dtype=np.int32) // (1 + seed % 2),
        settings_of=lambda seed: FusionSettings(embedder="hashing", max_relations_per_proposition=2 + seed % 3))


def _six_groupings_equal_the_loop(claims: list[FuseClaim], table: ClaimTable, origins: Origins, base: PairScores, *,
                                  first_seed: int, lowest: int, marker: str,
                                  label_of: Callable[[np.random.Generator, int], npt.NDArray[np.int32]],
                                  settings_of: Callable[[int], FusionSettings]) -> int:
    """Six random similarity grids (``lowest`` / 20 to 11 / 20) and groupings: the vectorised relations
    equal the loop's; returns how many relations' reasons name ``marker`` (the rule under test)."""
    seen = 0
    for seed in range(6):
        rng = np.random.default_rng(first_seed + seed)
        text = (rng.integers(lowest, 12, base.text.size) / 20).astype(np.float32)
        ps = PairScores(**{**_columns(base), "text": text, "score": text})
        label = label_of(rng, seed)
        prop_ids = [f"p_{int(v):02d}" for v in rng.permutation(int(label.max()) + 1)]
        settings = settings_of(seed)
        want = _loop_relations(table, claims, ps, label, origins, prop_ids, settings)
        assert relations.find_relations(table, claims, ps, label, origins, prop_ids, settings=settings) == want, seed
        seen += sum(marker in r.reason for r in want)
    return seen


@pytest.mark.parametrize(("n", "dtype"), [(2, np.float32), (70_001, np.float32), (140_000, np.float16)])
def test_chunked_column_mean_is_numpys_bit_for_bit(n: int, dtype: type[np.floating[Any]]) -> None:
    rng = np.random.default_rng(n)
    emb = (rng.standard_normal((n, 32)).astype(np.float32) + 0.3).astype(dtype)
    want = emb.astype(np.float32).mean(axis=0)
    got = _column_mean(emb)
    assert got.dtype == np.float32 and np.array_equal(got.view(np.uint32), want.view(np.uint32))


def _reference_order(ps: PairScores, idx: npt.NDArray[np.int64]) -> tuple[list[int], list[int]]:
    node = ps.pairs[idx].T.ravel()
    edge = np.concatenate([idx, idx])
    order = np.lexsort((edge, -ps.score[edge], node))
    return node[order].tolist(), edge[order].tolist()


@pytest.mark.parametrize("first_ordered", [True, False])
def test_best_first_order_in_node_ranges_equals_one_sort(monkeypatch: pytest.MonkeyPatch, first_ordered: bool) -> None:
    """``_node_steps`` sorts one range of nodes at a time (and scans the pairs in steps): the pieces
    make the one (node, best score first, pair) order, and the best pairs per claim are unchanged."""
    rng = np.random.default_rng(5)
    n = 40
    ab = np.sort(rng.integers(0, n, (300, 2)), axis=1)
    ab = ab[ab[:, 0] < ab[:, 1]]
    ab = ab[np.lexsort((ab[:, 1], ab[:, 0]))] if first_ordered else ab
    score = rng.choice(np.asarray([0.5, -0.0, 0.0, 0.25, -0.25, 0.75], np.float32), len(ab))
    no = np.zeros(len(ab), np.bool_)
    ps = PairScores(pairs=ab.astype(np.int32), text=score, lex=score, score=score, polarity_conflict=no,
                    quantity=np.zeros(len(ab), np.int8), time_conflict=no, same_origin=no, adjacent=no, blocked=no)
    idx = np.flatnonzero(rng.random(len(ab)) < 0.7)
    want = _reference_order(ps, idx)
    whole_best = propositions._best_pair_of_rows(ps, idx)
    keep = np.zeros(len(ab), np.bool_)
    keep[idx] = True
    whole_top = propositions._top_edges(ps, keep, n)
    monkeypatch.setattr(propositions, "ENTRIES_PER_STEP", 16)
    monkeypatch.setattr(propositions, "SCAN_STEP", 7)
    assert len(list(propositions._node_steps(ps, keep))) > 10
    node, edge = propositions._by_node_best_first(ps, idx)
    assert (node.tolist(), edge.tolist()) == want
    assert propositions._best_pair_of_rows(ps, idx) == whole_best
    assert np.array_equal(propositions._top_edges(ps, keep, n), whole_top)


def test_relations_screened_in_steps_equal_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    claims, table, origins, base = _scored_ledger()
    kinds: set[str] = set()
    for seed in range(6):
        rng = np.random.default_rng(seed)
        text = (rng.integers(2, 12, base.text.size) / 20).astype(np.float32)
        ps = PairScores(**{**_columns(base), "text": text, "score": text})
        label = np.unique(rng.integers(0, 4 + 3 * seed, len(claims)), return_inverse=True)[1].astype(np.int32)
        prop_ids = [f"p_{i:02d}" for i in range(int(label.max()) + 1)]
        monkeypatch.setattr(relations, "PAIRS_PER_STEP", 1 << 22)
        whole = relations.find_relations(table, claims, ps, label, origins, prop_ids, settings=FS)
        monkeypatch.setattr(relations, "PAIRS_PER_STEP", 7)
        assert relations.find_relations(table, claims, ps, label, origins, prop_ids, settings=FS) == whole
        kinds |= {r.kind for r in whole}
    assert kinds == {"updates", "contradicts", "differs", "supports"}


def test_dot_products_of_runs_equal_row_by_row_float32() -> None:
    """``_rowdot`` converts each run of one first row once and works in small steps: the same
    float32 values as converting every gathered row (float16 vectors, the path above 200k claims)."""
    rng = np.random.default_rng(3)
    m = (rng.standard_normal((500, 64)) * 0.1).astype(np.float16)
    a = np.sort(rng.integers(0, 500, 20_000)).astype(np.int32)
    b = rng.integers(0, 500, 20_000).astype(np.int32)
    want = np.einsum("ij,ij->i", m[a].astype(np.float32), m[b].astype(np.float32))
    assert np.array_equal(pairs._rowdot(m, a, b).view(np.uint32), want.view(np.uint32))
    shuffled = rng.permutation(a.size)
    want = np.einsum("ij,ij->i", m[a[shuffled]].astype(np.float32), m[b].astype(np.float32))
    assert np.array_equal(pairs._rowdot(m, a[shuffled], b).view(np.uint32), want.view(np.uint32))


def test_reasons_are_written_only_for_the_relations_the_cap_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap reads the winners as arrays; a reason (and a Python object) is made only for a
    relation kept, and the result is the loop's."""
    claims, table, origins, base = _scored_ledger()
    rng = np.random.default_rng(3)
    text = (rng.integers(8, 12, base.text.size) / 20).astype(np.float32)
    ps = PairScores(**{**_columns(base), "text": text, "score": text})
    label = np.arange(len(claims), dtype=np.int32)  # every claim its own proposition: many winners
    prop_ids = [f"p_{int(v):02d}" for v in rng.permutation(len(claims))]
    settings = FusionSettings(embedder="hashing", max_relations_per_proposition=1)
    want = _loop_relations(table, claims, ps, label, origins, prop_ids, settings)
    made: list[int] = []
    real = relations._relation

    def counted(*args: Any) -> relations._Cand:
        made.append(1)
        return real(*args)

    monkeypatch.setattr(relations, "_relation", counted)
    got = relations.find_relations(table, claims, ps, label, origins, prop_ids, settings=settings)
    assert got == want
    uncapped = _loop_relations(table, claims, ps, label, origins, prop_ids,
                               FusionSettings(embedder="hashing", max_relations_per_proposition=10**6))
    assert len(made) == len(got) < len(uncapped) // 4
