"""Pairing with a perfect pair judgement: how far would propositions get if fusion knew, for each
candidate pair, whether the two claims state the same thing?

usage (from the repo root; a store made by ``claimledger ingest``):
  .venv/bin/python eval/pairing_oracle.py --db STORE --gold GOLD [--thresholds 0.28,0.5,0.75,0.99] [--all-pairs]

The gold labels of ``eval/pairing_eval.py`` (claims mapped to gold sentences as the scorer maps
them; 1 when the sentences share a required proposition key, else 0) replace fusion's pair score
on the candidate pairs blocking gives (``--all-pairs``: on every pair, gates off).  Everything
else is the shipped pipeline: the stance and count gates, average linkage, one proposition per
claim, origins, relations.  Each threshold re-fuses a copy of the store in-process, exports it and
scores it with ``../shared/tools/score_ledger.py``; printed: pairing (P / R), origins and relation
recall per threshold.  The store itself is not changed.  Results: eval/README.pairing.md
(seventh session).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent / ".." / "shared" / "tools" / "score_ledger.py"
METRICS = ("proposition_pairing", "origins", "relation_recall")


def oracle_labels(db: Path, gold: dict[str, Any]) -> dict[tuple[str, str], int]:
    """(claim id, claim id) sorted -> 1 same proposition, 0 otherwise."""
    sys.path.insert(0, str(HERE))
    from pairing_eval import gold_labels, load_store

    ledger = load_store(str(db))[0]
    ids = sorted(c["id"] for c in ledger["claims"])
    lab = gold_labels(ledger, gold, ids)
    return {(a, b): int(v == 1) for (a, b), v in zip(itertools.combinations(ids, 2), lab.tolist(), strict=True)}


def run(db: Path, gold_path: Path, threshold: float, labels: dict[tuple[str, str], int], all_pairs: bool,
        work: Path) -> dict[str, str]:
    import claimledger.fuse as fuse
    from claimledger import pipeline
    from claimledger.cli.main import main as cli
    from claimledger.settings import Settings
    from claimledger.store import Store

    original = getattr(fuse, "cluster_claims")  # noqa: B009 (patched below)

    def oracle(table: Any, ps: Any, copies: Any, *, settings: Any) -> Any:
        ids = table.ids
        if all_pairs:
            i, j = np.triu_indices(len(ids), 1)
            pairs = np.stack([i, j], 1).astype(ps.pairs.dtype)
            off = np.zeros(len(pairs), np.bool_)
            ps = dataclasses.replace(ps, pairs=pairs, text=np.zeros(len(pairs), np.float32),
                                     polarity_conflict=off, quantity=np.zeros(len(pairs), np.int8),
                                     time_conflict=off, same_origin=off, adjacent=off, blocked=off)
        score = np.fromiter((labels.get((min(ids[a], ids[b]), max(ids[a], ids[b])), 0)
                             for a, b in ps.pairs.tolist()), np.float32, len(ps.pairs))
        ps = dataclasses.replace(ps, score=score)
        return original(table, ps, copies, settings=dataclasses.replace(settings, merge_threshold=threshold))

    copy = work / f"oracle_{threshold}.db"
    shutil.copy(db, copy)
    setattr(fuse, "cluster_claims", oracle)  # noqa: B010 (the probe's patch)
    try:
        store = Store.open(str(copy))
        try:
            pipeline.fuse_store(store, Settings(), full=True)
        finally:
            store.close()
    finally:
        setattr(fuse, "cluster_claims", original)  # noqa: B010
    out = work / f"oracle_{threshold}.json"
    with contextlib.suppress(SystemExit):
        cli(["export", "--db", str(copy), "-o", str(out)])
    text = subprocess.run([sys.executable, str(SCORER), str(out), str(gold_path)], capture_output=True,
                          text=True, check=False).stdout
    found: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] in METRICS:
            found[parts[0]] = " ".join(parts[1:4])
    return found


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--thresholds", default="0.28,0.5,0.75,0.99")
    ap.add_argument("--all-pairs", action="store_true", help="the oracle on every pair, not only candidates")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    labels = oracle_labels(args.db, gold)
    print(f"labelled pairs {len(labels)}, same {sum(labels.values())}")
    with tempfile.TemporaryDirectory() as tmp:
        for t in (float(x) for x in args.thresholds.split(",")):
            got = run(args.db, args.gold, t, labels, args.all_pairs, Path(tmp))
            print(f"threshold {t:.2f}: " + " | ".join(f"{k} {v}" for k, v in got.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
