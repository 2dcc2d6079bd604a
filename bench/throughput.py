"""Throughput of the whole pipeline against bare spaCy, in the same run, on the same texts.

    .venv/bin/python bench/throughput.py --n 5000 [--workers 1,2] [--corpus DIR]

1. builds the corpus (bench/corpus.py: PolNeAR + ECB+ + trafilatura-eval HTML, extended with
   copies under distinct names);
2. reads and cleans every article once to get the cleaned texts (timed, reported apart);
3. bare spaCy: ``nlp.pipe`` over those cleaned texts (batch 16, the same model);
4. the whole pipeline (``claimledger.ingest``: read, clean, extract, store, fuse) into a fresh
   SQLite store, with each ``--workers`` value;
and prints documents/s, documents/s per core, the ratio pipeline/spaCy and the speed-up of N
workers over 1.  The model is loaded before any timing in this process; worker processes load
their own copy inside the timed run (that is part of what ``--workers`` costs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus


def cleaned_texts(folder: Path) -> tuple[list[str], float]:
    from claimledger import clean
    from claimledger.ingest.inputs import iter_documents
    from claimledger.models import RawDocument
    from claimledger.settings import Settings

    t = time.perf_counter()
    texts = [clean.run(r).text for r in iter_documents([str(folder)], settings=Settings())
             if isinstance(r, RawDocument)]
    return texts, time.perf_counter() - t


def bare_spacy(texts: list[str]) -> float:
    from claimledger.extract.nlp import load_nlp

    nlp = load_nlp()
    t = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    assert n == len(texts)
    return time.perf_counter() - t


def pipeline(folder: Path, workdir: Path, workers: int) -> tuple[float, dict[str, object]]:
    from claimledger.pipeline import ingest
    from claimledger.settings import Settings
    from claimledger.store import Store

    db = workdir / f"bench-w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store.open(str(db)) as store:
        t = time.perf_counter()
        report = ingest([str(folder)], store=store, settings=Settings(db=str(db)), workers=workers)
        elapsed = time.perf_counter() - t
        stats = {"new": len(report.new), "failed": len(report.failures), "claims": _count(store, "claims")}
    return elapsed, stats


def _count(store: object, table: str) -> int:
    from sqlalchemy import text

    with store.engine.connect() as c:  # type: ignore[attr-defined]
        return int(c.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "claimledger-bench")
    args = ap.parse_args()
    folder = corpus.build(args.corpus, args.n)
    from claimledger.extract.nlp import load_nlp

    load_nlp()
    texts, t_read = cleaned_texts(folder)
    n = len(texts)
    t_spacy = bare_spacy(texts)
    out: dict[str, object] = {"documents": n, "cores": os.cpu_count(), "loadavg_at_start": os.getloadavg()[0],
                              "read_clean_s": round(t_read, 1), "spacy_s": round(t_spacy, 1),
                              "spacy_docs_per_s": round(n / t_spacy, 1)}
    print(f"{n} documents; read+clean {t_read:.1f} s; bare spaCy nlp.pipe {t_spacy:.1f} s = {n / t_spacy:.1f} docs/s",
          flush=True)
    times: dict[int, float] = {}
    for w in (int(x) for x in args.workers.split(",")):
        elapsed, stats = pipeline(folder, args.corpus, w)
        times[w] = elapsed
        cores = min(w, os.cpu_count() or 1)
        out[f"pipeline_w{w}"] = {"s": round(elapsed, 1), "docs_per_s": round(n / elapsed, 1),
                                 "docs_per_s_per_core": round(n / elapsed / cores, 1),
                                 "ratio_to_spacy": round(elapsed / t_spacy, 2), **stats}
        print(f"pipeline --workers {w}: {elapsed:.1f} s = {n / elapsed:.1f} docs/s "
              f"({n / elapsed / cores:.1f} per core); {elapsed / t_spacy:.2f}x bare spaCy; {stats}", flush=True)
    if 1 in times:
        for w, t in times.items():
            if w > 1:
                out[f"speedup_w{w}"] = round(times[1] / t, 2)
                print(f"speed-up of --workers {w} over 1: {times[1] / t:.2f}x", flush=True)
    out["loadavg_at_end"] = os.getloadavg()[0]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
