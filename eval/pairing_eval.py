"""Pair-level evaluation of proposition building: how well fusion's pair scores separate claims
that state the same proposition (GUIDELINES.md, "Propositions") from claims that do not.

usage (from the repo root; a store made by ``claimledger ingest``):
  .venv/bin/python eval/pairing_eval.py --db /tmp/pp_s.db --gold ../shared/gold/seeds.json
        [--dump-texts OUT.json] [--vectors VEC.npz] [--ecb] [--json OUT]

For every pair of claims of the store (all pairs: this is an evaluation on a few hundred claims,
not the pipeline, which only scores blocked candidates) the claims are mapped to gold sentences
the way ``../shared/tools/score_ledger.py`` does (spans overlapping by >= 8 characters).  A pair
is *positive* when its sentences share a required proposition key, *negative* when they share
no acceptable key (required, ``also`` or ``alt``), otherwise left out.  Printed: ROC AUC of the
combined score and of its parts (embedding cosine, TF-IDF cosine, their mix), for all pairs and
for pairs from two documents; the share of positive pairs that blocking makes candidates; the
best pair-level F1 of the score and the recall reachable at precision >= 0.8.

``--dump-texts`` writes the texts fusion embeds (one per claim) so that another embedder can be
run on them elsewhere (e.g. the full MiniLM transformer in the throwaway venv of
scripts/README.md, which has torch); ``--vectors`` reads them back (an ``.npz`` with ``texts``
and ``vectors``) and replaces fusion's embedder, so the same figures show what that model would
give — without adding a dependency.  ``--ecb`` adds the public calibration set: ECB+
cross-document event-coreference sentence pairs (../shared/eval/ecbplus; see
bench/README.embeddings.md for the pairs), AUC of ``w x embedding + (1 - w) x TF-IDF`` over the
fusion tokens for a grid of ``w`` (``EMBED_WEIGHT``).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.stats import rankdata

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SCORER = SHARED / "tools" / "score_ledger.py"
MIN_OVERLAP = 8
PRECISION_TARGET = 0.8
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses of the module look themselves up there
    spec.loader.exec_module(mod)
    return mod


def roc_auc(x: npt.NDArray[np.float64], pos: npt.NDArray[np.bool_], neg: npt.NDArray[np.bool_]) -> float:
    p, q = x[pos], x[neg]
    if p.size == 0 or q.size == 0:
        return float("nan")
    ranks = rankdata(np.concatenate([p, q]))  # ties share their mean rank
    return float((ranks[:p.size].sum() - p.size * (p.size + 1) / 2) / (p.size * q.size))


def best_f1(x: npt.NDArray[np.float64], lab: npt.NDArray[np.int8]) -> dict[str, float]:
    keep = lab != 0
    xs, ls = x[keep], lab[keep]
    order = np.argsort(-xs, kind="stable")
    xs, ls = xs[order], ls[order]
    tp = np.cumsum(ls == 1)
    prec = tp / np.arange(1, ls.size + 1)
    rec = tp / max(1, int((ls == 1).sum()))
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
    b = int(f1.argmax()) if f1.size else 0
    ok = prec >= PRECISION_TARGET
    return {"best_f1": float(f1[b]) if f1.size else 0.0, "at": float(xs[b]) if xs.size else 0.0,
            "precision": float(prec[b]) if f1.size else 0.0, "recall": float(rec[b]) if f1.size else 0.0,
            "recall_at_p80": float(rec[ok].max()) if ok.any() else 0.0}


def gold_labels(ledger: dict[str, Any], gold: dict[str, Any], claim_ids: Sequence[str]) -> npt.NDArray[np.int8]:
    """Label of every pair (i < j, row-major) of ``claim_ids``: 1 same, -1 different, 0 left out."""
    sl = _module(SCORER, "score_ledger")
    by_base = {os.path.basename(d["source_path"].split("?")[0].rstrip("/")): d
               for d in ledger["documents"] if d.get("source_path")}
    ldoc2g = {by_base[s["doc"]]["id"]: s["doc"] for s in gold["sentences"] if s["doc"] in by_base}
    texts = {g: sl.DocText(by_base[g]["text"]) for g in set(ldoc2g.values())}
    loc: dict[str, tuple[int, int]] = {}
    for s in gold["sentences"]:
        dt = texts.get(s["doc"])
        if dt is None:
            continue
        length = len(s["sentence"]) if "sentence" in s else s["raw_span"][1] - s["raw_span"][0]
        span = dt.find(s["sentence"]) if "sentence" in s else None
        if span is None:
            a = dt.find(s["anchor"])
            if a is None:
                continue
            st = max(0, a[0] - s["offset_in_sentence"])
            span = (st, max(min(len(dt.text), st + length), a[1]))
        loc[s["id"]] = span
    sents: dict[str, list[dict[str, Any]]] = {}
    for c in ledger["claims"]:
        g = ldoc2g.get(c["document_id"])
        cs, ce = c["span"]
        for s in gold["sentences"]:
            if s["doc"] != g or s["id"] not in loc:
                continue
            ss, se = loc[s["id"]]
            ov = min(ce, se) - max(cs, ss)
            if ov > 0 and ov >= min(MIN_OVERLAP, ce - cs, se - ss):
                sents.setdefault(c["id"], []).append(s)

    def req(s: dict[str, Any]) -> set[str]:
        return {k for k in [s.get("proposition"), *s.get("also", [])] if k} if s["is_claim"] and not s.get(
            "optional") else set()

    def ok(s: dict[str, Any]) -> set[str]:
        return {k for k in [s.get("proposition"), *s.get("also", []), *s.get("alt", {}).get("proposition", [])] if k}

    lab = []
    for x, y in itertools.combinations(claim_ids, 2):
        a, b = sents.get(x, []), sents.get(y, [])
        if not a or not b or {s["id"] for s in a} & {s["id"] for s in b}:
            lab.append(0)
        elif any(req(s) & req(t) for s in a for t in b):
            lab.append(1)
        else:
            lab.append(0 if any(ok(s) & ok(t) for s in a for t in b) else -1)
    return np.asarray(lab, np.int8)


def _use_vectors(path: str) -> None:
    """Replace fusion's embedder by vectors computed elsewhere (texts -> vectors)."""
    from claimledger.fuse import features

    data = np.load(path, allow_pickle=False)
    lut = dict(zip([str(t) for t in data["texts"]], np.asarray(data["vectors"], np.float32), strict=True))

    def embed(texts: Sequence[str], *, settings: object) -> npt.NDArray[np.float32]:
        missing = [t for t in texts if t not in lut]
        if missing:
            raise SystemExit(f"{len(missing)} texts have no vector in {path} (re-run --dump-texts)")
        return np.stack([lut[t] for t in texts])

    setattr(features, "embed_texts", embed)  # noqa: B010  (replaces the module's embedder for this run)


def load_store(db: str) -> tuple[dict[str, Any], list[Any], list[Any], list[Any]]:
    """A store's ledger (as exported) and its fusion input (documents, sources, claims sorted by id)."""
    from claimledger.report.ledger import build_ledger
    from claimledger.store import Store
    from claimledger.store.fusion_io import load_fusion_input

    store = Store.open(db)
    try:
        ledger = build_ledger(store, story=None)
        documents, sources, claims = load_fusion_input(store)
    finally:
        store.close()
    return ledger, list(documents), list(sources), sorted(claims, key=lambda c: c.id)


def store_report(db: str, gold_path: str, dump: str | None) -> dict[str, Any]:
    from claimledger.fuse.blocking import candidate_pairs
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import build_table
    from claimledger.fuse.origins import assign_origins
    from claimledger.fuse.pairs import score_pairs
    ledger, documents, sources, claims = load_store(db)
    fs = FusionSettings()
    if dump:
        from claimledger.fuse import features

        seen: list[str] = []

        def record(texts: Sequence[str], *, settings: object) -> npt.NDArray[np.float32]:
            seen.extend(texts)
            return np.zeros((len(texts), 8), np.float32)

        original = getattr(features, "embed_texts")  # noqa: B009
        setattr(features, "embed_texts", record)  # noqa: B010
        build_table(documents, claims, settings=fs)
        setattr(features, "embed_texts", original)  # noqa: B010
        Path(dump).write_text(json.dumps(seen, ensure_ascii=False), encoding="utf-8")
    table = build_table(documents, claims, settings=fs)
    n = len(claims)
    pairs = np.array([(i, j) for i in range(n) for j in range(i + 1, n)], np.int64).reshape(-1, 2)
    ps = score_pairs(table, pairs, assign_origins(table, documents, sources, {}).of_claim, settings=fs)
    emb = np.einsum("ij,ij->i", table.emb[pairs[:, 0]].astype(np.float32), table.emb[pairs[:, 1]].astype(np.float32))
    lab = gold_labels(ledger, json.loads(Path(gold_path).read_text(encoding="utf-8")), [c.id for c in claims])
    xdoc = table.doc[pairs[:, 0]] != table.doc[pairs[:, 1]]
    cand = candidate_pairs(table, settings=fs)
    is_cand = np.isin(pairs[:, 0] * n + pairs[:, 1], cand[:, 0] * n + cand[:, 1])
    pos, neg = lab == 1, lab == -1
    out: dict[str, Any] = {"claims": n, "positive_pairs": int(pos.sum()), "negative_pairs": int(neg.sum()),
                           "positive_cross_document": int((pos & xdoc).sum()),
                           "candidate_recall": float(is_cand[pos].mean()) if pos.any() else 0.0}
    for name, values in (("score", ps.score), ("text", ps.text), ("lex", ps.lex), ("emb", emb)):
        x = np.asarray(values, np.float64)
        out[f"auc_{name}"] = roc_auc(x, pos, neg)
        out[f"auc_{name}_cross_document"] = roc_auc(x, pos & xdoc, neg & xdoc)
    gated = np.where(ps.blocked, -np.inf, np.asarray(ps.score, np.float64))
    out["pairs"] = best_f1(gated, lab)
    return out


def ecb_report() -> dict[str, float]:
    """AUC of ``w x embedding + (1 - w) x TF-IDF`` on ECB+ event-coreference pairs."""
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import _centred, _tfidf, content_tokens
    from claimledger.fuse.vectors import embed_texts

    bench = _module(REPO / "bench" / "embeddings.py", "bench_embeddings")
    data = bench.ecb_pairs()
    lex, _ = _tfidf([content_tokens(t) for t in data.texts])
    emb = _centred(embed_texts(data.texts, settings=FusionSettings()))
    i = np.array([p[0] for p in data.pairs])
    j = np.array([p[1] for p in data.pairs])
    same = np.array([p[2] for p in data.pairs])
    lx = np.asarray(lex[i].multiply(lex[j]).sum(axis=1)).ravel()
    em = np.einsum("ij,ij->i", emb[i].astype(np.float32), emb[j].astype(np.float32))
    return {f"ecb_auc_w{w:.2f}": roc_auc(np.asarray(w * em + (1 - w) * lx, np.float64), same, ~same)
            for w in WEIGHTS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store made by `claimledger ingest`")
    ap.add_argument("--gold", help="gold file scored like score_ledger.py")
    ap.add_argument("--dump-texts", help="write the texts fusion embeds to this JSON file")
    ap.add_argument("--vectors", help=".npz with `texts` and `vectors`: use instead of fusion's embedder")
    ap.add_argument("--ecb", action="store_true", help="also the ECB+ calibration of EMBED_WEIGHT")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"missing {SCORER}", file=sys.stderr)
        return 2
    if args.vectors:
        _use_vectors(args.vectors)
    out: dict[str, Any] = {}
    if args.db and args.gold:
        out.update(store_report(args.db, args.gold, args.dump_texts))
    if args.ecb:
        out.update(ecb_report())
    for k, v in out.items():
        if isinstance(v, dict):
            print(f"{k:28s} " + "  ".join(f"{a} {b:.3f}" for a, b in v.items()))
        else:
            print(f"{k:28s} {v:.3f}" if isinstance(v, float) else f"{k:28s} {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
