"""Probe (issue 4, not shipped): do event-trigger lemmas from the spaCy parse help topic grouping on ECB+?

usage (from the repo root):
  .venv/bin/python eval/ecbplus_triggers_probe.py --cache /tmp/stories_ecb_ents.json \
      --parse-cache /tmp/ecb_parse.json [--kinds roots,lemmas] [--alphas 0.2,0.5] [--splits A,B]

Each document gets a second, trigger-only vector (TF-IDF over its trigger lemmas, same construction
as ``topics_vectors``: sublinear tf, smoothed IDF over the split's documents, unit length) mixed into
the shipped name-free word vector: row = [sqrt(1 - alpha) words, sqrt(alpha) triggers], unit length,
so a document pair's word cosine becomes (1 - alpha) words + alpha triggers (documents without
triggers keep their word vector).  ``assign_topics`` is then run unchanged (its
``build_topic_vectors`` swapped for the mixed one) on the stories of ``group_stories`` at their
defaults, per split (each split its own IDF and stories).

Trigger kinds (tokens inside a named entity, and lemmas that are story / topic stop words, are never
triggers; lemmas go through the story-token folding ``stories_vectors._term``):

- ``roots``: lemmas of sentence-ROOT verbs;
- ``root_args``: those, plus the common-noun nsubj / nsubjpass / dobj / attr children of a ROOT verb;
- ``root_args_lead``: ``root_args``, plus every verb and every subject / object common noun of the
  first three sentences (ECB+ has no headline);
- ``verbs``: every verb lemma;
- ``lemmas``: every noun, verb and adjective lemma (a control: lemmatisation without trigger choice).

Per split and variant: story-pair separability of the exact story score (mean over document pairs of
0.9 x word + 0.1 x entity cosine, as ``topics``): AUC of same-topic against different-topic story
pairs, stories whose nearest story is of their ECB+ topic, different-topic pairs above the lowest
same-topic pair; then topic B3 F1 against ECB+ topics over a threshold grid.  Splits: A = topics
1-17 (choose), B = 18-35 (check), C = 1-35 (calibration), H = 36-45 (held out), ALL = 43 topics.
Figures and conclusions: eval/README.stories.md ("Third round").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from unittest import mock

import numpy as np
import scipy.sparse as sp
from scipy.stats import rankdata

from claimledger.fuse import topics as topics_module
from claimledger.fuse.records import FuseDocument
from claimledger.fuse.stories import StorySettings, group_stories
from claimledger.fuse.stories_vectors import _term
from claimledger.fuse.topics import TopicSettings, assign_topics
from claimledger.fuse.topics_vectors import TopicVectors, _unit_tfidf, build_topic_vectors, topic_stop_words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus_eval import EcbDoc, bcubed, cached_entities, fuse_docs, load_ecbplus

Token = tuple[str, str, str, int, str, int]
"""(lemma, coarse POS, dependency label, head index, entity type, sentence index)."""

SPLITS: dict[str, Callable[[int], bool]] = {
    "A": lambda t: t <= 17, "B": lambda t: 18 <= t <= 35, "C": lambda t: t <= 35,
    "H": lambda t: t >= 36, "ALL": lambda t: True}
KINDS = ("roots", "root_args", "root_args_lead", "verbs", "lemmas")
ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
LEAD_SENTENCES = 3
THRESHOLDS = (0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13)


def parsed(docs: Sequence[EcbDoc], cache: Path | None) -> dict[str, list[Token]]:
    """The tokens of every document, from the project's spaCy model (cached as JSON)."""
    if cache is not None and cache.exists():
        stored: dict[str, list[Token]] = json.loads(cache.read_text(encoding="utf-8"))
        if all(d.id in stored for d in docs):
            return stored
    from claimledger.extract.nlp import load_nlp

    out: dict[str, list[Token]] = {}
    for d, doc in zip(docs, load_nlp().pipe((d.text for d in docs), batch_size=32), strict=True):
        sentence = {s.start: k for k, s in enumerate(doc.sents)}
        k = -1
        toks: list[Token] = []
        for t in doc:
            k = sentence.get(t.i, k)
            toks.append((t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.ent_type_, k))
        out[d.id] = toks
    if cache is not None:
        cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def triggers(tokens: Sequence[Token], kind: str) -> Counter[str]:
    """Trigger lemmas of one document (see the module docstring)."""
    stops = topic_stop_words()
    roots = {i for i, t in enumerate(tokens) if t[2] == "ROOT" and t[1] == "VERB"}
    out: Counter[str] = Counter()
    for i, (lemma, pos, dep, head, ent, sent) in enumerate(tokens):
        term = _term(lemma)
        if ent or not term or term in stops:
            continue
        if kind == "lemmas":
            hit = pos in ("NOUN", "VERB", "ADJ")
        elif kind == "verbs":
            hit = pos == "VERB"
        else:
            hit = i in roots
            if kind != "roots":
                hit = hit or (pos == "NOUN" and dep in ARGS and head in roots)
            if kind == "root_args_lead" and sent < LEAD_SENTENCES:
                hit = hit or pos == "VERB" or (pos == "NOUN" and dep in ARGS)
        if hit:
            out[term] += 1
    return out


def mixed_builder(trig: Mapping[str, Counter[str]], alpha: float) -> Callable[..., TopicVectors]:
    """``build_topic_vectors`` with each document's trigger vector mixed in at weight ``alpha``."""

    def build(documents: Sequence[FuseDocument], story_of: Mapping[str, str], stories: Sequence[str]) -> TopicVectors:
        tv = build_topic_vectors(documents, story_of, stories)
        row = {s: i for i, s in enumerate(stories)}
        kept = [d for d in documents if story_of.get(d.id) in row]
        tm, tvocab = _unit_tfidf([trig[d.id] for d in kept])
        m = sp.csr_matrix(sp.hstack([math.sqrt(1.0 - alpha) * tv.documents, math.sqrt(alpha) * tm]))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0.0] = 1.0
        m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)
        m.sort_indices()
        means = sp.csr_matrix(_member(tv.story_of_row, len(stories)) @ m)
        means.sort_indices()
        df = np.bincount(means.indices, minlength=m.shape[1]).astype(np.float64)
        return TopicVectors(documents=m, story_of_row=tv.story_of_row, means=means, df=df,
                            vocabulary=tv.vocabulary + tuple("\x00" + v for v in tvocab), entities=tv.entities)

    return build


def _member(owner: np.ndarray, n: int) -> sp.csr_matrix:
    per = np.bincount(owner, minlength=n).astype(np.float64)
    per[per == 0.0] = 1.0
    return sp.csr_matrix((1.0 / per[owner], (owner, np.arange(owner.size))), shape=(n, owner.size))


def separability(build: Callable[..., TopicVectors], fdocs: Sequence[FuseDocument], stories: Mapping[str, str],
                 topic_of: Mapping[str, int], entity_weight: float = 0.1) -> tuple[float, int, int, int]:
    """(pair AUC, stories whose nearest story shares their topic, stories with a same-topic story,
    different-topic pairs above the lowest same-topic pair) of the exact story-pair score."""
    order = sorted(set(stories.values()))
    tv = build(fdocs, stories, order)
    member = _member(tv.story_of_row, len(order))
    em = member @ tv.entities
    score = (1 - entity_weight) * (tv.means @ tv.means.T).toarray() + entity_weight * (em @ em.T).toarray()
    gold = np.asarray([Counter(topic_of[d] for d, s in stories.items() if s == sid).most_common(1)[0][0]
                       for sid in order])
    iu = np.triu_indices(len(order), 1)
    same = gold[iu[0]] == gold[iu[1]]
    x = score[iu]
    ranks = rankdata(x)
    pos, neg = int(same.sum()), int((~same).sum())
    auc = (ranks[same].sum() - pos * (pos + 1) / 2) / (pos * neg)
    above = int((x[~same] > x[same].min()).sum())
    np.fill_diagonal(score, -np.inf)
    paired = [i for i in range(len(order)) if (gold == gold[i]).sum() > 1]
    hits = sum(int(gold[int(score[i].argmax())] == gold[i]) for i in paired)
    return float(auc), hits, len(paired), above


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="JSON file caching the ECB+ entities (as ecbplus_eval.py)")
    ap.add_argument("--parse-cache", type=Path, help="JSON file caching the ECB+ parse (~3 min to compute)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--alphas", default="0.2,0.5")
    ap.add_argument("--splits", default="A,B,C,H,ALL")
    args = ap.parse_args(argv)
    docs = load_ecbplus()
    fdocs = fuse_docs(docs, cached_entities([d.id for d in docs], [d.text for d in docs], args.cache))
    tokens = parsed(docs, args.parse_cache)
    topic_of = {d.id: d.topic for d in docs}
    variants: list[tuple[str, float]] = [("base", 0.0)] + [
        (k, float(a)) for k in args.kinds.split(",") for a in args.alphas.split(",")]
    trig = {k: {d.id: triggers(tokens[d.id], k) for d in docs} for k in {k for k, _ in variants if k != "base"}}
    print("split kind alpha | AUC nn-hits diff>min-same | topic B3 F1 at thresholds " +
          " ".join(f"{t:.2f}" for t in THRESHOLDS))
    for split in args.splits.split(","):
        rows = [i for i, d in enumerate(docs) if SPLITS[split](d.topic)]
        sf = [fdocs[i] for i in rows]
        gold = {fdocs[i].id: str(docs[i].topic) for i in rows}
        stories = group_stories(sf, settings=StorySettings())
        for kind, alpha in variants:
            build = build_topic_vectors if kind == "base" else mixed_builder(trig[kind], alpha)
            auc, hits, paired, above = separability(build, sf, stories, topic_of)
            f1s = []
            with mock.patch.object(topics_module, "build_topic_vectors", build):
                for t in THRESHOLDS:
                    of_story = assign_topics(sf, stories, settings=TopicSettings(threshold=t))
                    f1s.append(bcubed({d: of_story[s] for d, s in stories.items()}, gold)[2])
            print(f"{split} {kind} {alpha:.2f} | {auc:.4f} {hits}/{paired} {above} | "
                  + " ".join(f"{f:.3f}" for f in f1s) + f" | best {max(f1s):.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
