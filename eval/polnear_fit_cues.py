"""Fit the learned cue model (src/claimledger/data/en/cue_model.tsv) on the PolNeAR train split.

usage: python eval/polnear_fit_cues.py [--exclude-every N --exclude-offset K] [--threshold P]
                                       [--candidate-threshold P] [--nested-threshold P] [--c C]
                                       [--min-count M] [--min-weight W] [--docs CACHE] [--out PATH]

Candidates (attribution.learned_candidates, the same frames the model scores at run time): the
frames the rules find, every verb outside the lexicons (reporting_verbs.txt, both lists) with a
subject, every lexicon verb with a subject but no content (rule "bare"), and the frames nested in
another rule frame's content, each with the frame it sits in.  Label: the cue overlaps a gold cue
whose source overlaps the source's noun phrase (np_core).  Model: L2-regularised logistic
regression over attribution_learned.frame_features (the cue, its complements and subject, and the
frame in its sentence: quotation marks next to it, where its content lies, other rule frames;
features seen at least --min-count times),
fitted with scipy's L-BFGS; weights written as a TSV (feature, weight) with the bias and three
thresholds: top-level rule frames below --threshold are dropped, candidate and bare verbs at
--candidate-threshold or above become cues, and nested frames at --nested-threshold or above are
kept beside the frame they sit in (0.25 and 0.35 were chosen on the train sample
--exclude-every 5 --exclude-offset 4, 0.5 on --exclude-offset 3, each with a model fitted without
the sample).  Only the train split is read; --exclude-every/--exclude-offset leave a train sample
out (to measure on it with eval/polnear_eval.py --split train --every N --offset K).  --docs keeps
the parsed split as a spaCy DocBin (about 9 MB) so that refits skip the 2-3 minutes of parsing.
A 5-fold cross-validation on the fitted articles (grouped by article) prints the log loss and
precision and recall per kind of candidate (rule, candidate/bare, nested) at several thresholds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import optimize, sparse

from claimledger.extract.attribution import learned_candidates
from claimledger.extract.attribution_claims import _in_quote, quote_regions, units
from claimledger.extract.attribution_learned import CANDIDATES, MODEL_FILE, frame_features
from claimledger.extract.attribution_mentions import np_core
from claimledger.extract.nlp import load_nlp
from claimledger.extract.sources import DATA_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_eval import DEFAULT_ROOT, read_ann

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from claimledger.extract.attribution_forms import Frame


def candidates(doc: Doc) -> list[tuple[Token, Token, Frame, tuple[Token, Token | None, str] | None, bool, int, int]]:
    """(cue token, source head, frame, outer frame, another rule frame in the sentence, cue start,
    cue end) of every frame the learned model scores (attribution.learned_candidates: rule frames,
    verbs outside the lexicons and lexicon verbs without content, nested ones with the frame they
    sit in)."""
    out = []
    regions = quote_regions(doc.text)
    for u in units(doc):
        for f, outer, others in learned_candidates(u, quoted=lambda pos: _in_quote(pos, regions)):
            if f.source is None:
                continue
            tok = f.verb if f.verb is not None else doc[f.cue_first]
            last = doc[f.cue_last]
            out.append((tok, f.source, f, outer, others, doc[f.cue_first].idx, last.idx + len(last.text)))
    return out


def _docs(nlp: Language, texts: list[str], cache: Path | None) -> list[Doc]:
    """The parsed articles, read from (or written to) the DocBin ``cache`` when given.  The cache
    is used only when it holds these texts parsed by this model: its name, version and components are kept
    beside it (``<cache>.model``), so a parse by another model version is made again."""
    from spacy.tokens import DocBin

    model = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')} {'+'.join(nlp.pipe_names)}"
    stamp = cache.with_name(cache.name + ".model") if cache is not None else None
    if cache is not None and stamp is not None and cache.exists() and stamp.exists() \
            and stamp.read_text(encoding="utf-8").strip() == model:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None and stamp is not None:
        bin_ = DocBin()
        for d in docs:
            bin_.add(d)
        bin_.to_disk(cache)
        stamp.write_text(model + "\n", encoding="utf-8")
    return docs


def _fit(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[float, np.ndarray]:
    d = x.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[1:] + w[0]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        g = p - y
        grad = np.concatenate([[g.sum()], x.T @ g + w[1:] / c])
        return float(ll + 0.5 * np.dot(w[1:], w[1:]) / c), grad

    res = optimize.minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return float(res.x[0]), res.x[1:]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--exclude-every", type=int, default=0)
    ap.add_argument("--exclude-offset", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=0.25, help="keep a rule frame at this probability")
    ap.add_argument("--candidate-threshold", type=float, default=0.35,
                    help="take a verb outside the lexicons as a cue at this probability")
    ap.add_argument("--nested-threshold", type=float, default=0.5,
                    help="keep a frame nested in another frame's content at this probability")
    ap.add_argument("--docs", type=Path, help="DocBin cache of the parsed train split (written if missing)")
    ap.add_argument("--min-weight", type=float, default=0.02, help="write weights at least this large")
    ap.add_argument("--c", type=float, default=0.3,
                    help="inverse L2 strength (0.3: best cross-validated log loss on train, tenth pass)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=DATA_DIR / MODEL_FILE)
    args = ap.parse_args(argv)
    root = args.root.resolve()
    anns: dict[str, Path] = {}
    for p in sorted((root / "train" / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    names = sorted(anns)
    all_names = names
    if args.exclude_every:
        left_out = set(names[args.exclude_offset:: args.exclude_every])
        names = [n for n in names if n not in left_out]
    nlp = load_nlp()
    texts = [(root / "train" / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in all_names]
    parsed = dict(zip(all_names, _docs(nlp, texts, args.docs), strict=True))
    rows: list[list[str]] = []
    labels: list[int] = []
    groups: list[int] = []
    kinds: list[str] = []
    for k, n in enumerate(names):
        doc = parsed[n]
        gold = read_ann(anns[n])
        for tok, subj, frame, outer, others, c0, c1 in candidates(doc):
            rule = frame.rule
            s0, s1 = np_core(subj)
            a, b = doc[s0].idx, doc[s1 - 1].idx + len(doc[s1 - 1].text)
            hit = any(any(x < c1 and c0 < y for x, y in r.cue) and any(x < b and a < y for x, y in r.source)
                      for r in gold)
            rows.append(frame_features(tok, subj, rule, outer, frame, others))
            kinds.append("nested" if outer is not None else "candidate" if rule in CANDIDATES else "rule")
            labels.append(int(hit))
            groups.append(k)
    counts = Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= args.min_count))}
    ind, ptr = [], [0]
    for r in rows:
        ind.extend(sorted({vocab[f] for f in r if f in vocab}))
        ptr.append(len(ind))
    x = sparse.csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab)))
    y = np.array(labels, dtype=float)
    g = np.array(groups)
    print(f"{len(names)} articles, {len(rows)} candidates, {int(y.sum())} cues, {len(vocab)} features")
    scores = np.zeros(len(rows))
    for fold in range(5):
        test = g % 5 == fold
        b0, w = _fit(x[~test], y[~test], args.c)
        scores[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b0)))
    eps = 1e-12
    print(f"cv log loss {-np.mean(y * np.log(scores + eps) + (1 - y) * np.log(1 - scores + eps)):.4f} (C={args.c})")
    kind = np.array(kinds)
    for name in ("rule", "candidate", "nested"):
        of = kind == name
        print(f"{name}: {int(of.sum())} scored, {int(y[of].sum())} cues")
        for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
            sel = of & (scores >= t)
            tp = float(y[sel].sum())
            print(f"  cv threshold {t:.2f}: selected {int(sel.sum())}, precision {tp / max(1, sel.sum()):.3f}, "
                  f"recall {tp / max(1.0, y[of].sum()):.3f}")
    b0, w = _fit(x, y, args.c)
    inv = {i: f for f, i in vocab.items()}
    lines = ["# Learned cue model (extract/attribution_learned.py), fitted by eval/polnear_fit_cues.py",
             f"# on PolNeAR train ({len(names)} articles, {len(rows)} rule frames and candidate verbs,"
             f" {int(y.sum())} cues); C={args.c}, min count {args.min_count}; feature<TAB>weight",
             f"__bias__\t{b0:.3f}", f"__threshold__\t{args.threshold:.3f}",
             f"__threshold_candidate__\t{args.candidate_threshold:.3f}",
             f"__threshold_nested__\t{args.nested_threshold:.3f}"]
    lines += [f"{inv[i]}\t{w[i]:.3f}" for i in np.argsort(-np.abs(w), kind="stable") if abs(w[i]) >= args.min_weight]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lines) - 6} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
