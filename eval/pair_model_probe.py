"""A learned pair score for proposition pairing (issue 4): logistic regression over the parts of the
hand-set pair score, fitted on public development gold only, and what it does end to end.

usage (from the repo root; runs against the committed fusion code: the model's score replaces
``pairs._score_chunk``'s score only while the probe runs, nothing in src/ changes):
  .venv/bin/python eval/ecb_story.py --keep /tmp/pm_ecb     # the ECB+ story's store and gold copy
  .venv/bin/python eval/pair_model_probe.py --ecb-db /tmp/pm_ecb/store.db \\
        --ecb-gold /tmp/pm_ecb/gold_with_sentences.json --seeds-db SEEDS.db --work /tmp/pm \\
        [--end-to-end] [--held-out EXAMPLES.db]

Training sets (never the seeds, never the held-out story): the ECB+ earthquake story
(eval/gold/ecb_story.json) and the UCI headline propositions (eval/gold/uci_propositions.jsonl, one
store made here with ``ingest`` as eval/uci_pairing_eval.py does, pairs within a gold story).  Pair
labels as eval/pairing_eval.py (``gold_labels``: 1 same proposition, -1 none shared, 0 left out).
Fitted on the candidate pairs (blocking's pairs; the model scores only those) that no gate keeps
apart and that have a label: L2-regularised logistic regression by Newton steps (IRLS), one
intercept per training set (dropped when scoring), in the variants of ``VARIANTS``: plain (every
part learned, the score is the probability), hybrid (parts the development gold has almost no
pairs for -- a continued quotation, a restated denial, adjacency -- keep their hand-set bonus as a
fixed offset; the score is the learned log-odds without intercept / 10, on the hand-set scale)
and prior (weights shrunk toward the hand-set ones instead of toward 0).

Printed: the weights; per set (seeds = test, ECB+ and UCI = training) the ROC AUC and best pair F1
of the gated hand-set score and of the model over all labelled pairs (pairing_eval style); a
cross-fit (ECB+ -> UCI, UCI -> ECB+, both -> seeds); then end to end (re-fused copies of the
stores, ``score_ledger.py`` aggregate lines; UCI: overall pairwise F1 with the gold stories) for
the hand-set score and the model at each merge threshold.  ``--held-out`` adds the held-out story
(aggregate lines only: pairing, origins, relation recall); run it once, at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SCORER = SHARED / "tools" / "score_ledger.py"
SCHEMA = SHARED / "contracts" / "ledger.schema.json"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
EXAMPLES_GOLD = REPO / "eval" / "gold" / "examples.json"
TEMPERATURE = 10.0
"""Log-odds per unit of the linear score: the hand-set score fitted alone gets weight 9.8."""

F64 = npt.NDArray[np.float64]
Parts = dict[str, npt.NDArray[Any]]

FEATURES: tuple[str, ...] = (
    "lex", "emb", "same_origin", "adjacent", "continued", "restated", "qty_match", "figure_match",
    "same_doc", "same_source", "both_voice", "one_voice", "hedged_both", "hedged_one", "qty_one_side",
    "qty_none_both", "months_meet", "said_gap", "short", "lex_same_doc", "emb_same_doc", "lex_emb",
)
HAND = {"lex": 0.5, "emb": 0.5, "same_origin": 0.10, "adjacent": 0.05, "continued": 0.40, "restated": 0.25,
        "qty_match": 0.15, "figure_match": 0.15}
"""The committed score's weights (fuse/config.py: EMBED_WEIGHT and the bonuses)."""
FIXED = {"continued": 0.40, "adjacent": 0.05, "restated": 0.25}
"""Hybrid variants: parts with (almost) no training pairs keep the hand-set bonus."""
UNSUPPORTED = ("continued", "restated", "adjacent", "hedged_both")
BASIC = ("lex", "emb", "same_origin", "qty_match", "figure_match", "same_doc", "lex_emb")


@dataclasses.dataclass(frozen=True, slots=True)
class Variant:
    name: str
    features: tuple[str, ...]
    train: tuple[str, ...]
    mode: str
    """"plain" (probability), "hybrid" (linear + FIXED), "prior" (linear, shrunk toward HAND)."""
    l2: float = 1.0
    thresholds: tuple[float, ...] = (0.20, 0.24, 0.28, 0.32)


VARIANTS = (
    Variant("plain_all", FEATURES, ("ecb", "uci"), "plain", thresholds=(0.10, 0.15, 0.20, 0.25)),
    Variant("plain_all_ecb", FEATURES, ("ecb",), "plain", thresholds=(0.10, 0.15, 0.20, 0.25)),
    Variant("hybrid_basic", BASIC, ("ecb", "uci"), "hybrid"),
    Variant("hybrid_all", tuple(f for f in FEATURES if f not in UNSUPPORTED), ("ecb", "uci"), "hybrid"),
    Variant("hybrid_all_ecb", tuple(f for f in FEATURES if f not in UNSUPPORTED), ("ecb",), "hybrid"),
    Variant("hybrid_all_uci", tuple(f for f in FEATURES if f not in UNSUPPORTED), ("uci",), "hybrid",
            thresholds=(0.16, 0.20, 0.24, 0.28)),
    Variant("prior_all_ecb", FEATURES, ("ecb",), "prior", l2=1.0, thresholds=(0.26, 0.28, 0.30, 0.32)),
    Variant("prior_all_ecb_l3", FEATURES, ("ecb",), "prior", l2=3.0, thresholds=(0.26, 0.28, 0.30, 0.32)),
)


def _module(path: Path, name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def pairing_eval() -> ModuleType:
    return _module(REPO / "eval" / "pairing_eval.py", "pairing_eval")


def uci_eval() -> ModuleType:
    return _module(REPO / "eval" / "uci_pairing_eval.py", "uci_pairing_eval")


# ----------------------------------------------------------------------------- pair parts

def pair_parts(table: Any, a: npt.NDArray[Any], b: npt.NDArray[Any], base_origin: npt.NDArray[np.int32],
               settings: Any) -> Parts:
    """The named parts of the pairs (a, b): the hand-set score's terms as fuse/pairs.py computes them,
    and cheap extra ones from the claim table; element-wise over the pairs (no per-pair Python)."""
    from claimledger.fuse import pairs as fp

    run = fp.source_runs(table)
    specific = fp.specific_figures(table, settings.figure_floor)
    lex = fp._lexdot(table, a, b)
    emb = fp._rowdot(table.emb, a, b)
    text = (settings.embed_weight * emb + (1 - settings.embed_weight) * lex).astype(np.float32)
    qty = fp.compare_counts(table, a, b, settings.differs_ratio)
    same_doc = table.doc[a] == table.doc[b]
    same_src = (table.source[a] == table.source[b]) & (table.source[a] >= 0)
    adjacent = same_src & ((table.prev[b] == a) | (table.prev[a] == b))
    continued = adjacent & ((table.continues[b] & (table.prev[b] == a)) | (table.continues[a] & (table.prev[a] == b)))
    restated = (same_src & same_doc & (table.polarity[a] == table.polarity[b]) & (table.polarity[a] <= 0)
                & ((run[a] == run[b]) | (text >= settings.restated_text_floor)))
    has_qa, has_qb = (table.q_cls[a] != -1).any(axis=1), (table.q_cls[b] != -1).any(axis=1)
    has_ma, has_mb = (table.months[a] >= 0).any(axis=1), (table.months[b] >= 0).any(axis=1)
    sa, sb = table.said[a], table.said[b]
    ntok = np.diff(table.lex.indptr)
    voice_a, voice_b = table.source[a] < 0, table.source[b] < 0
    parts: Parts = {
        "lex": lex, "emb": emb, "same_origin": base_origin[a] == base_origin[b], "adjacent": adjacent,
        "continued": continued, "restated": restated, "qty_match": qty == fp.QTY_MATCH,
        "figure_match": (qty == fp.QTY_MATCH) & fp.same_figure(table, specific, a, b), "same_doc": same_doc,
        "same_source": same_src, "both_voice": voice_a & voice_b, "one_voice": voice_a ^ voice_b,
        "hedged_both": table.hedged[a] & table.hedged[b], "hedged_one": table.hedged[a] ^ table.hedged[b],
        "qty_one_side": has_qa ^ has_qb, "qty_none_both": has_qa & has_qb & (qty == fp.QTY_NONE),
        "months_meet": has_ma & has_mb & ~fp._months_conflict(table, a, b),
        "said_gap": np.where((sa >= 0) & (sb >= 0), np.log1p(np.abs(sa - sb).astype(np.float64)), 0.0),
        "short": np.minimum(ntok[a], ntok[b]) < 4,
    }
    lex64, emb64, doc = lex.astype(np.float64), emb.astype(np.float64), same_doc.astype(np.float64)
    parts.update({"lex_same_doc": lex64 * doc, "emb_same_doc": emb64 * doc, "lex_emb": lex64 * emb64})
    return parts


def design(parts: Parts, names: Sequence[str]) -> F64:
    return np.stack([np.asarray(parts[n], np.float64) for n in names], axis=1)


# ----------------------------------------------------------------------------- the model

@dataclasses.dataclass(frozen=True, slots=True)
class Model:
    variant: Variant
    weights: F64
    """Raw-feature weights (log-odds per unit of each feature)."""
    intercepts: F64
    """One per training set (not used for the linear scores)."""

    def score(self, parts: Parts) -> F64:
        z = design(parts, self.variant.features) @ self.weights
        if self.variant.mode == "plain":
            return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z + self.intercepts[0], -30, 30))), np.float64)
        out = z / TEMPERATURE
        if self.variant.mode == "hybrid":
            out = out + offset(parts)
        return np.asarray(out, np.float64)


def offset(parts: Parts) -> F64:
    return np.asarray(sum(w * np.asarray(parts[k], np.float64) for k, w in FIXED.items()), np.float64)


def fit(v: Variant, xs: Sequence[F64], ys: Sequence[npt.NDArray[np.bool_]], offs: Sequence[F64]) -> Model:
    """Newton steps on the log-likelihood with an L2 penalty: standardised columns toward 0
    (plain, hybrid), or raw weights toward the hand-set ones x TEMPERATURE (prior); one intercept
    per training set; hybrid fits with the FIXED parts as a known offset (x TEMPERATURE)."""
    x, y = np.vstack(xs), np.concatenate(ys).astype(np.float64)
    off = TEMPERATURE * np.concatenate(offs) if v.mode == "hybrid" else np.zeros(x.shape[0])
    k = x.shape[1]
    sets = np.zeros((x.shape[0], len(xs)))
    at = 0
    for i, xi in enumerate(xs):
        sets[at:at + len(xi), i] = 1.0
        at += len(xi)
    if v.mode == "prior":
        mean, scale = np.zeros(k), np.ones(k)
        prior = np.array([TEMPERATURE * HAND.get(n, 0.0) for n in v.features])
    else:
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        prior = np.zeros(k)
    z = np.hstack([(x - mean) / scale, sets])
    # the prior's raw weights start at the hand-set ones: from intercepts of 0 their first Newton
    # step overshoots (no step control); the standardised fits start at 0
    w = np.concatenate([prior, np.full(len(xs), -3.0 if v.mode == "prior" else 0.0)])
    target = w.copy()
    reg = np.concatenate([np.full(k, v.l2), np.zeros(len(xs))])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + off, -30, 30)))
        grad = z.T @ (p - y) + reg * (w - target)
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(z.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = w[:k] / scale
    return Model(v, raw, w[k:] - float(raw @ mean))


# ----------------------------------------------------------------------------- pair sets

@dataclasses.dataclass(frozen=True, slots=True)
class PairSet:
    """Every pair of claims of a set (within a story), with parts, gold label, gate and candidacy."""

    name: str
    parts: Parts
    label: npt.NDArray[np.int8]
    blocked: npt.NDArray[np.bool_]
    candidate: npt.NDArray[np.bool_]
    hand: F64

    def train_rows(self) -> npt.NDArray[np.bool_]:
        """Labelled candidate pairs no gate keeps apart (what the model is fitted on)."""
        return np.asarray(self.candidate & ~self.blocked & (self.label != 0), np.bool_)


def _unit_pairs(documents: Sequence[Any], sources: Sequence[Any], claims: Sequence[Any]
                ) -> tuple[Parts, npt.NDArray[np.bool_], npt.NDArray[np.bool_], F64]:
    from claimledger.fuse.blocking import candidate_pairs
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import build_table
    from claimledger.fuse.origins import assign_origins
    from claimledger.fuse.pairs import score_pairs

    fs = FusionSettings()
    table = build_table(documents, claims, settings=fs)
    n = len(claims)
    pairs = np.array([(i, j) for i in range(n) for j in range(i + 1, n)], np.int64).reshape(-1, 2)
    origin = assign_origins(table, documents, sources, {}).of_claim
    ps = score_pairs(table, pairs, origin, settings=fs)
    parts = pair_parts(table, pairs[:, 0], pairs[:, 1], origin, fs)
    cand = candidate_pairs(table, settings=fs)
    is_cand = np.isin(pairs[:, 0] * n + pairs[:, 1], cand[:, 0].astype(np.int64) * n + cand[:, 1])
    return parts, np.asarray(ps.blocked), is_cand, np.asarray(ps.score, np.float64)


def store_set(name: str, db: str, gold_path: str) -> PairSet:
    """All claim pairs of a store (one table: the seeds and the ECB+ story are one story each)."""
    ledger, documents, sources, claims = pairing_eval().load_store(db)
    parts, blocked, cand, hand = _unit_pairs(documents, sources, claims)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    label = pairing_eval().gold_labels(ledger, gold, [c.id for c in claims])
    return PairSet(name, parts, label, blocked, cand, hand)


def uci_store(work: Path) -> tuple[Path, dict[int, Any], dict[str, int]]:
    """The annotated UCI headlines ingested into ``work/uci.db`` (made once), the labels by headline
    id, and headline id by document id (as eval/uci_pairing_eval.py builds its temporary store)."""
    from claimledger.pipeline import ingest
    from claimledger.settings import Settings
    from claimledger.store import Store

    ue = uci_eval()
    headlines = ue.read_headlines()
    labels = {lab.id: lab for lab in ue.read_labels(ue.GOLD_PATH, headlines)}
    heads = [headlines[i] for i in labels]
    db = work / "uci.db"
    if not db.exists():
        records = work / "uci_headlines.jsonl"
        with records.open("w", encoding="utf-8") as fh:
            for h in heads:
                fh.write(json.dumps({"title": h.title, "text": ue.as_sentence(h.title), "outlet": h.publisher,
                                     "published": h.published}) + "\n")
        store = Store.open(str(db))
        try:
            ingest([str(records)], store=store,
                   settings=Settings(db=str(db), min_document_chars=ue.MIN_DOCUMENT_CHARS))
        finally:
            store.close()
    store = Store.open(str(db))
    try:
        head_of_doc = {d.id: heads[int(d.source_key.rsplit("#", 1)[1]) - 1].id for d in store.iter_documents()}
    finally:
        store.close()
    return db, labels, head_of_doc


def uci_set(work: Path) -> PairSet:
    """Claim pairs within each gold story of the UCI headlines (labels as uci_pairing_eval.py)."""
    from claimledger.store import Store
    from claimledger.store.fusion_io import load_fusion_input

    db, labels, head_of_doc = uci_store(work)
    store = Store.open(str(db))
    try:
        documents, sources, claims = load_fusion_input(store)
    finally:
        store.close()
    by_story: dict[str, list[Any]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        by_story.setdefault(labels[head_of_doc[c.document_id]].story, []).append(c)
    chunks = []
    for story in sorted(by_story):
        cs = by_story[story]
        if len(cs) < 2:
            continue
        docs = [d for d in documents if d.id in {c.document_id for c in cs}]
        parts, blocked, cand, hand = _unit_pairs(docs, sources, cs)
        lab = []
        for i in range(len(cs)):
            for j in range(i + 1, len(cs)):
                a, b = labels[head_of_doc[cs[i].document_id]], labels[head_of_doc[cs[j].document_id]]
                lab.append(0 if a.id == b.id or not (a.is_claim and b.is_claim) else (1 if a.keys & b.keys else -1))
        chunks.append((parts, blocked, cand, hand, np.asarray(lab, np.int8)))
    parts = {k: np.concatenate([c[0][k] for c in chunks]) for k in chunks[0][0]}
    return PairSet("uci", parts, np.concatenate([c[4] for c in chunks]), np.concatenate([c[1] for c in chunks]),
                   np.concatenate([c[2] for c in chunks]), np.concatenate([c[3] for c in chunks]))


def fit_variant(v: Variant, sets: Mapping[str, PairSet]) -> Model:
    rows = {k: sets[k].train_rows() for k in v.train}
    return fit(v, [design(sets[k].parts, v.features)[rows[k]] for k in v.train],
               [sets[k].label[rows[k]] == 1 for k in v.train], [offset(sets[k].parts)[rows[k]] for k in v.train])


def pair_figures(ps: PairSet, score: F64) -> dict[str, float]:
    """pairing_eval style over every labelled pair: AUC of the score, best F1 of the gated score."""
    pe = pairing_eval()
    pos, neg = ps.label == 1, ps.label == -1
    best = pe.best_f1(np.where(ps.blocked, -np.inf, score), ps.label)
    return {"auc": pe.roc_auc(score, pos, neg), "auc_cand": pe.roc_auc(score, pos & ps.candidate, neg & ps.candidate),
            "best_f1": best["best_f1"], "P": best["precision"], "R": best["recall"], "r@p80": best["recall_at_p80"]}


# ----------------------------------------------------------------------------- end to end

@contextmanager
def fusion_with(model: Model | None, threshold: float) -> Iterator[None]:
    """Fusion with ``model``'s pair score (None: the hand-set one) and this merge threshold while the
    block runs: ``FusionSettings()`` gets the threshold as its default, and ``pairs._score_chunk``'s
    score is replaced (its gates are kept)."""
    from claimledger.fuse import config, pairs

    original = pairs._score_chunk

    def scored(table: Any, chunk: Any, base_origin: Any, run: Any, specific: Any, settings: Any) -> Any:
        ps = original(table, chunk, base_origin, run, specific, settings)
        if model is None:
            return ps
        parts = pair_parts(table, chunk[:, 0], chunk[:, 1], base_origin, settings)
        return dataclasses.replace(ps, score=model.score(parts).astype(np.float32))

    with mock.patch.object(config, "FusionSettings", functools.partial(config.FusionSettings,
                                                                       merge_threshold=threshold)), \
            mock.patch.object(pairs, "_score_chunk", scored):
        yield


def refuse_store(db: str, gold: str, tmp: Path, tag: str) -> str:
    """Re-fuse a copy of ``db`` (every unit), export, score: the aggregate lines."""
    from claimledger import pipeline
    from claimledger.cli.main import main as cli
    from claimledger.settings import Settings
    from claimledger.store import Store

    copy = tmp / f"{tag}.db"
    shutil.copy(db, copy)
    store = Store.open(str(copy))
    try:
        pipeline.fuse_store(store, Settings(), full=True)
    finally:
        store.close()
    out = tmp / f"{tag}.json"
    with suppress(SystemExit):
        cli(["export", "--db", str(copy), "-o", str(out)])
    extra = ["--schema", str(SCHEMA)] if Path(gold).resolve() == EXAMPLES_GOLD.resolve() else []
    text = subprocess.run([sys.executable, str(SCORER), str(out), gold, *extra], capture_output=True, text=True,
                          check=False).stdout
    keep = ("proposition_pairing", "origins", "relation_recall")
    return " | ".join(" ".join(line.split()[:4]) for line in text.splitlines()
                      if line.split() and line.split()[0] in keep)


def uci_end_to_end(threshold: float) -> str:
    ue = uci_eval()
    headlines = ue.read_headlines()
    out = ue.evaluate(ue.read_labels(ue.GOLD_PATH, headlines), headlines, threshold)
    o = out["pairs_gold"]["overall"]
    return f"pairing {o['f1']:.3f} P={o['precision']:.3f} R={o['recall']:.3f}"


def end_to_end(stores: Sequence[tuple[str, str, str]], runs: Sequence[tuple[str, Model | None, float]],
               echo: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory(prefix="pair_model_") as d:
        for tag, model, t in runs:
            with fusion_with(model, t):
                for name, db, gold in stores:
                    echo(f"{tag:24s} {name:8s} {refuse_store(db, gold, Path(d), name)}")
                echo(f"{tag:24s} {'uci':8s} {uci_end_to_end(t)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--ecb-db", required=True)
    ap.add_argument("--ecb-gold", required=True, help="gold_with_sentences.json of eval/ecb_story.py --keep")
    ap.add_argument("--seeds-db", required=True)
    ap.add_argument("--work", default="/tmp/pair_model_probe", help="folder for the UCI store")
    ap.add_argument("--end-to-end", action="store_true", help="re-fuse and score every variant and threshold")
    ap.add_argument("--variant", action="append", help="only these variants (repeatable)")
    ap.add_argument("--held-out", help="store of the held-out story: scored once with CHOSEN (aggregate lines)")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sets = {"seeds": store_set("seeds", args.seeds_db, str(SEEDS_GOLD)),
            "ecb": store_set("ecb", args.ecb_db, args.ecb_gold), "uci": uci_set(work)}
    for k, s in sets.items():
        r = s.train_rows()
        print(f"{k:6s} pairs {s.label.size}  labelled +{int((s.label == 1).sum())} -{int((s.label == -1).sum())}"
              f"  candidates not gated +{int((s.label[r] == 1).sum())} -{int((s.label[r] == -1).sum())}")
    variants = [v for v in VARIANTS if not args.variant or v.name in args.variant]
    models = {v.name: fit_variant(v, sets) for v in variants}
    print("\npair level (all labelled pairs; best F1 of the gated score)")
    for k, s in sets.items():
        print(f"  {k:6s} {'hand':18s} " + "  ".join(f"{a} {b:.3f}" for a, b in pair_figures(s, s.hand).items()))
        for name, m in models.items():
            f = pair_figures(s, m.score(s.parts))
            print(f"  {k:6s} {name:18s} " + "  ".join(f"{a} {b:.3f}" for a, b in f.items()))
    for name, m in models.items():
        unit = "log-odds" if m.variant.mode == "plain" else "score units"
        print(f"\n{name} ({m.variant.mode}, trained on {'+'.join(m.variant.train)}; {unit}):")
        scale = 1.0 if m.variant.mode == "plain" else TEMPERATURE
        fixed = " + fixed " + " ".join(f"{k}={w:+.2f}" for k, w in FIXED.items()) if m.variant.mode == "hybrid" else ""
        print("  " + " ".join(f"{n}={w / scale:+.3f}" for n, w in zip(m.variant.features, m.weights, strict=True))
              + fixed)
    stores = [("seeds", args.seeds_db, str(SEEDS_GOLD)), ("ecb", args.ecb_db, args.ecb_gold)]
    if args.end_to_end:
        print("\nend to end (scorer aggregate lines; UCI: overall pairwise F1, gold stories)")
        runs: list[tuple[str, Model | None, float]] = [("hand t=0.28", None, 0.28)]
        runs += [(f"{n} t={t:.2f}", m, t) for n, m in models.items() for t in m.variant.thresholds]
        end_to_end(stores, runs, print)
    if args.held_out:
        name, t = CHOSEN
        with tempfile.TemporaryDirectory(prefix="pair_model_") as d:
            for tag, model, th in (("hand t=0.28", None, 0.28), (f"{name} t={t:.2f}", models[name], t)):
                with fusion_with(model, th):
                    print(f"{tag:24s} held-out {refuse_store(args.held_out, str(EXAMPLES_GOLD), Path(d), 'ex')}")
    return 0


CHOSEN = ("hybrid_all_ecb", 0.20)
"""The variant and threshold with the best mean pairing over the two training sets (ECB+ story,
UCI) end to end; the one run on the held-out story."""


if __name__ == "__main__":
    sys.exit(main())
