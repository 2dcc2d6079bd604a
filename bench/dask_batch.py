"""``claimledger batch --engine dask`` on a LocalCluster of 2 workers beside the single-process
``ingest`` (--workers 1), on the same articles, in the same run.

    .venv/bin/python bench/dask_batch.py --sizes 500,5000 [--workers 2] [--corpus DIR]

For each size: the single-process time, the Dask time (cluster start, model load on each worker,
Parquet shards, loading them into the store and fusion included), both in documents/s, and the
Dask overhead (Dask time x workers / single-process time - 1: 0 means perfect scaling).  Both
ledgers are compared (they must be equal).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus


def run(folder: Path, db: Path, engine: str, workers: int) -> tuple[float, dict[str, object]]:
    from claimledger.batch.engine import run_batch
    from claimledger.pipeline import ingest
    from claimledger.report.ledger import build_ledger
    from claimledger.settings import Settings
    from claimledger.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    settings = Settings(db=str(db))
    with Store.open(str(db)) as store:
        t = time.perf_counter()
        if engine == "ingest":
            ingest([str(folder)], store=store, settings=settings)
        else:
            run_batch([str(folder)], store=store, settings=settings, engine="dask", workers=workers)
        elapsed = time.perf_counter() - t
        return elapsed, build_ledger(store, generated_at="-")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,5000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "claimledger-bench")
    ap.add_argument("--single-seconds", type=float, default=None,
                    help="skip the single-process run and compare with this time (e.g. bench/throughput.py's "
                         "--workers 1 run on the same articles): no ledger comparison then")
    args = ap.parse_args()
    from claimledger.extract.nlp import load_nlp

    load_nlp()
    for n in (int(x) for x in args.sizes.split(",")):
        folder = corpus.build(args.corpus, n)
        if args.single_seconds is None:
            t1, ledger1 = run(folder, args.corpus / f"single-{n}.db", "ingest", 1)
        else:
            t1, ledger1 = args.single_seconds, None
        td, ledgerd = run(folder, args.corpus / f"dask-{n}.db", "dask", args.workers)
        out = {"articles": n, "single_s": round(t1, 1), "single_docs_per_s": round(n / t1, 1),
               "dask_s": round(td, 1), "dask_docs_per_s": round(n / td, 1), "dask_workers": args.workers,
               "speedup": round(t1 / td, 2), "overhead": round(td * args.workers / t1 - 1, 2),
               "same_ledger": ledger1 == ledgerd if ledger1 is not None else "not compared"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
