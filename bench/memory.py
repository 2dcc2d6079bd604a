"""Peak memory of one ``claimledger ingest`` process (--workers 1, extraction on) at two corpus
sizes: flat streaming means the peak at 5,000 articles is the peak at 500.

    .venv/bin/python bench/memory.py --sizes 500,5000 [--corpus DIR]

Each size runs in a fresh child process; the child reports its peak RSS (``ru_maxrss``) when the
per-document stages are done (before fusion) and at the end (fusion reads every stored document
and claim, so that part grows with the store — reported apart).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus


def child(folder: str, db: str) -> None:
    from claimledger import pipeline
    from claimledger.settings import Settings
    from claimledger.store import Store

    marks: dict[str, float] = {}
    fuse = pipeline.fuse_store

    def timed_fuse(store: Store, settings: Settings) -> None:
        marks["peak_before_fusion_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        fuse(store, settings)

    pipeline.fuse_store = timed_fuse  # type: ignore[assignment]
    t = time.perf_counter()
    with Store.open(db) as store:
        report = pipeline.ingest([folder], store=store, settings=Settings(db=db))
    marks["peak_total_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"documents": len(report.new), "failed": len(report.failures),
                      "seconds": round(time.perf_counter() - t, 1), **{k: round(v) for k, v in marks.items()}}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,5000")
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "claimledger-bench")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    for n in (int(x) for x in args.sizes.split(",")):
        folder = corpus.build(args.corpus, n)
        db = args.corpus / f"memory-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db)], capture_output=True,
                             text=True, check=True).stdout
        print(f"{n} articles: {out.strip()}", flush=True)


if __name__ == "__main__":
    main()
