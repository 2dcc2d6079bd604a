"""Does a proposition's best cross-document pair of two origins tell whether its origins state the
same thing?  (The evidence behind credibility 1 and 2: ``fuse/corroboration.py``.)

usage (from the repo root; a store made by ``claimledger ingest``, its gold as for the scorer):
  .venv/bin/python eval/corroboration_eval.py --db STORE.db --gold GOLD.json [--threshold 0.40]
  .venv/bin/python eval/corroboration_eval.py --db STORE.db            # no gold: counts and samples

The store is copied and fused again in-process (its own file is not touched); fusion's proposition
builder is wrapped to read, per proposition of two or more origins, the best score of a candidate
pair of claims of two of its origins in two documents (``none``: no such pair).  With ``--gold``,
each such proposition is *same* when a pair of its claims of two origins shares a required gold
proposition key (``pairing_eval.gold_labels``), *different* when every such pair is labelled
different, else unknown.  Printed: one line per proposition, then the counts below and at or above
the threshold.  Without gold (``--sample K``): the best pair of K random propositions at or above
the threshold, for reading.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pairing_eval  # the eval folder's own module


def capture(db: str) -> list[dict[str, Any]]:
    """Fuse a copy of the store; per unit, the claims, labels, origins and cross-origin pairs inside."""
    import claimledger.fuse as fuse
    from claimledger import pipeline
    from claimledger.settings import Settings
    from claimledger.store import Store

    units: list[dict[str, Any]] = []
    build = fuse.build_propositions

    def wrapped(table: Any, ordered: Any, clusters: Any, ps: Any, origins: Any, *args: Any) -> Any:
        lab, org = clusters.label, origins.of_claim
        a, b = ps.pairs[:, 0], ps.pairs[:, 1]
        inside = (lab[a] == lab[b]) & (org[a] != org[b]) & (table.doc[a] != table.doc[b]) & ~ps.blocked
        units.append({"ids": [c.id for c in ordered], "label": lab.tolist(), "origin": org.tolist(),
                      "pairs": [(int(a[k]), int(b[k]), float(ps.score[k])) for k in np.flatnonzero(inside)]})
        return build(table, ordered, clusters, ps, origins, *args)

    with tempfile.TemporaryDirectory() as tmp:
        copy = str(Path(tmp) / "store.db")
        shutil.copy(db, copy)
        fuse.build_propositions = wrapped  # type: ignore[assignment]
        try:
            store = Store.open(copy)
            try:
                pipeline.fuse_store(store, Settings(), full=True)
            finally:
                store.close()
        finally:
            fuse.build_propositions = build  # type: ignore[assignment]
    return units


def rows(units: list[dict[str, Any]]) -> list[tuple[float | None, list[str], list[int], tuple[int, int] | None]]:
    """Per proposition of two or more origins: (best cross-document pair score, claim ids, origins, best pair)."""
    out = []
    for u in units:
        members: dict[int, list[int]] = {}
        for i, lab in enumerate(u["label"]):
            members.setdefault(lab, []).append(i)
        best: dict[int, tuple[float, tuple[int, int]]] = {}
        for a, b, score in u["pairs"]:
            lab = u["label"][a]
            if lab not in best or score > best[lab][0]:
                best[lab] = (score, (a, b))
        for lab, m in sorted(members.items()):
            if len({u["origin"][i] for i in m}) < 2:
                continue
            s = best.get(lab)
            out.append((s[0] if s else None, [u["ids"][i] for i in m], [u["origin"][i] for i in m],
                        (u["ids"][s[1][0]], u["ids"][s[1][1]]) if s else None))  # type: ignore[arg-type]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--gold")
    ap.add_argument("--threshold", type=float, default=0.40)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    found = rows(capture(args.db))
    counts = {"below": {"same": 0, "different": 0, "unknown": 0}, "at_or_above": {"same": 0, "different": 0,
                                                                                  "unknown": 0}}
    if args.gold:
        ledger, *_ = pairing_eval.load_store(args.db)
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        for score, ids, origins, _pair in sorted(found, key=lambda r: -1.0 if r[0] is None else r[0]):
            lab = pairing_eval.gold_labels(ledger, gold, ids)
            pairs = [x for x, (i, j) in zip(lab.tolist(), itertools.combinations(range(len(ids)), 2), strict=True)
                     if origins[i] != origins[j]]
            verdict = "same" if 1 in pairs else ("different" if pairs and all(x == -1 for x in pairs) else "unknown")
            side = "below" if score is None or score < args.threshold else "at_or_above"
            counts[side][verdict] += 1
            print(f"{'none' if score is None else f'{score:.3f}':>5}  {verdict:<9} {len(ids)} claims")
    else:
        con = sqlite3.connect(args.db)
        text = {r[0]: (r[1], json.loads(r[2])["text"]) for r in con.execute(
            "select c.id, s.name, c.payload from claims c left join sources s on s.id = c.source_id")}
        for score, _ids, _origins, _pair in found:
            side = "below" if score is None or score < args.threshold else "at_or_above"
            counts[side]["unknown"] += 1
        strong = [r for r in found if r[0] is not None and r[0] >= args.threshold]
        for score, _ids, _origins, pair in random.Random(args.seed).sample(strong, min(args.sample, len(strong))):
            print(f"== {score:.2f}")
            for cid in pair or ():
                print(f"   {text[cid][0]} | {text[cid][1][:150]}")
    print(json.dumps({"threshold": args.threshold, "propositions_of_several_origins": len(found), **counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
