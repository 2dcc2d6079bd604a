"""Fusion story by story (what ``pipeline.fuse_store`` does) beside fusion of every claim at once
(what it did before), on an existing store: peak RSS and seconds of each, each in a fresh process,
and how many propositions the all-at-once variant puts across two stories.

    .venv/bin/python bench/fusion_units.py --db STORE.db

Make a store first, e.g. ``bench/memory.py --sizes 5000`` (it leaves its store beside the corpus,
``/tmp/claimledger-bench/memory-5000.db`` by default) or
``claimledger ingest ../shared/seeds/manifest.jsonl examples/manifest.jsonl --db u.db``.
The story-by-story run writes its fusion back into a copy of the store; the other only computes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(mode: str, db: str) -> None:
    from claimledger import fuse
    from claimledger.pipeline import fuse_store
    from claimledger.settings import Settings
    from claimledger.store import Store
    from claimledger.store.fusion_io import load_fusion_input

    t = time.perf_counter()
    out: dict[str, object] = {"mode": mode}
    with Store.open(db) as store:
        if mode == "all_at_once":
            docs, sources, claims = load_fusion_input(store)
            stories, _, _ = fuse.group(docs)
            result = fuse.fuse_unit(docs, sources, claims, stories=stories)
            story_of_claim = {c.id: stories.get(c.document_id) for c in claims}
            out["propositions"] = len(result.propositions)
            out["cross_story_propositions"] = sum(
                len({story_of_claim[c] for c in p.claim_ids}) > 1 for p in result.propositions)
        else:
            fuse_store(store, Settings(db=db))
    out["seconds"] = round(time.perf_counter() - t, 1)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="an existing SQLite store")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "DB"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = str(Path(tmp) / "store.db")
        shutil.copyfile(a.db, copy)
        print(json.dumps({"db": a.db, "loadavg_at_start": os.getloadavg()}))
        for mode in ("all_at_once", "story_by_story"):
            subprocess.run([sys.executable, __file__, "--db", a.db, "--child", mode, copy], check=True)


if __name__ == "__main__":
    main()
