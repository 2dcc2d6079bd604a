"""Incremental fusion beside a full re-fusion, on one store, in one process, side by side.

    .venv/bin/python bench/incremental_fusion.py --db STORE.db --add N

Takes N articles of the benchmark corpus (``bench/corpus.py``) that the store does not hold yet and
ingests them into two copies of the store: one as ``claimledger ingest`` does (re-fusing only the
stories the new articles touch), one re-fusing every story (``fuse_store(full=True)``, what every
ingest did before).  Extraction is the same work in both; the fusion step is timed apart.  Then
both ledgers are compared (they must be identical) and a no-change fusion is timed too.

Make a store first, e.g. ``claimledger ingest DIR --db STORE.db`` over ``bench/corpus.py``'s folder,
or ``bench/memory.py --sizes 1000`` (it leaves ``/tmp/claimledger-bench/memory-1000.db``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed_fusion(db: Path, paths: list[str], *, full: bool) -> tuple[float, float, dict[str, Any]]:
    """Ingest ``paths`` into ``db``; (seconds in all, seconds of fusion, fusion stats)."""
    from claimledger import pipeline
    from claimledger.settings import Settings
    from claimledger.store import Store

    spent: list[float] = []
    real = pipeline.fuse_store

    def fuse(store: Any, settings: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        out = real(store, settings, full=full)
        spent.append(time.perf_counter() - t)
        return out

    settings = Settings(db=str(db))
    pipeline.fuse_store = fuse
    try:
        with Store.open(str(db)) as store:
            t0 = time.perf_counter()
            report = pipeline.ingest(paths, store=store, settings=settings)
            total = time.perf_counter() - t0
    finally:
        pipeline.fuse_store = real
    assert not report.failures, report.failures
    stats = report.fusion
    return total, spent[0], dataclasses.asdict(stats) if stats else {}


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of an SQLite store (its write-ahead log included)."""
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)


def _ledger(db: Path) -> dict[str, Any]:
    from claimledger.report.ledger import build_ledger
    from claimledger.store import Store

    with Store.open(str(db)) as store:
        return build_ledger(store, generated_at="-")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="an existing store (SQLite file); it is copied, never changed")
    ap.add_argument("--add", type=int, default=10, help="articles to add (default 10)")
    args = ap.parse_args()

    import corpus

    from claimledger.pipeline import fuse_store
    from claimledger.settings import Settings
    from claimledger.store import Store

    with Store.open(args.db) as store:
        held = store.count_documents()
    texts = [(name, content) for name, suffix, content in corpus.originals() if suffix == ".txt"]
    stride = max(1, len(texts) // args.add)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # new reports on stories the store may already hold: real articles under a new first line
        add_dir = work / "add"
        add_dir.mkdir()
        for k, (name, content) in enumerate(texts[::stride][: args.add]):
            (add_dir / f"update-{k:04d}-{name}.txt").write_text(f"Update {k}.\n{content}", encoding="utf-8")
        a, b = work / "incremental.db", work / "full.db"
        _copy(Path(args.db), a)
        # the stored fusion must be current (its fingerprints stored) before the new articles come
        with Store.open(str(a)) as store:
            t = time.perf_counter()
            first = fuse_store(store, Settings(db=str(a)))
            settle = time.perf_counter() - t
        _copy(a, b)
        with Store.open(str(a)) as store:
            t = time.perf_counter()
            noop = fuse_store(store, Settings(db=str(a)))
            noop_s = time.perf_counter() - t
            t = time.perf_counter()
            fuse_store(store, Settings(db=str(a)), full=True)
            full_s = time.perf_counter() - t
        paths = [str(add_dir / n) for n in sorted(os.listdir(add_dir))][: args.add]
        if len(paths) < args.add:
            raise SystemExit(f"only {len(paths)} articles to add (is ../shared/eval beside the repository?)")
        inc_total, inc_fuse, inc_stats = _timed_fusion(a, paths, full=False)
        full_total, full_fuse, full_stats = _timed_fusion(b, paths, full=True)
        same = _ledger(a) == _ledger(b)
    print(json.dumps({
        "store_documents": held, "added": len(paths), "loadavg": os.getloadavg(),
        "settle_fusion_s": round(settle, 2), "settle_stats": dataclasses.asdict(first),
        "unchanged_store": {"incremental_s": round(noop_s, 2), "full_s": round(full_s, 2),
                            "stats": dataclasses.asdict(noop)},
        "after_adding": {"incremental_fusion_s": round(inc_fuse, 2), "full_fusion_s": round(full_fuse, 2),
                         "ratio_full_over_incremental": round(full_fuse / inc_fuse, 2) if inc_fuse else None,
                         "incremental_ingest_s": round(inc_total, 2), "full_ingest_s": round(full_total, 2),
                         "incremental_stats": inc_stats, "full_stats": full_stats},
        "identical_ledgers": same,
    }, indent=1))


if __name__ == "__main__":
    main()
