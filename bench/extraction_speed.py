"""Extraction speed against bare spaCy parsing, side by side in one run.

usage: PYTHONPATH=src python bench/extraction_speed.py [--repeat N] [--limit N]

For each corpus (the five seeds; the PolNeAR dev split) this times ``nlp.pipe`` alone over the
same chunks ``extract_documents`` parses, then ``extract_documents`` (parse + attribution,
sources, stance, hedges, entities, quantities, times), alternating the two ``--repeat`` times and
keeping the best time of each (the machine is shared).  It prints words/s for both and the
ratio extraction time / parse time (the budget is 1.5).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from claimledger.extract.document import ExtractInput, chunk_text, extract_documents
from claimledger.extract.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BATCH_SIZE = 16
"""The batch size extract_documents uses by default."""


def _seeds() -> list[ExtractInput]:
    root = SHARED / "seeds"
    items = []
    for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (root / row["path"]).read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        items.append(ExtractInput(text=text, document_id=row["path"], content_hash=digest,
                                  published=datetime.date.fromisoformat(row["published"]), outlet=row["outlet"]))
    return items


def _polnear_dev(limit: int) -> list[ExtractInput]:
    paths = sorted((SHARED / "eval" / "polnear" / "dev" / "text").glob("*.txt"))
    if limit:
        paths = paths[:limit]
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        out.append(ExtractInput(text=text, document_id=p.stem, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                published=None, outlet=None))
    return out


def _best(fn: Callable[[], object], times: list[float]) -> None:
    t0 = time.perf_counter()
    fn()
    times.append(time.perf_counter() - t0)


def measure(name: str, items: Sequence[ExtractInput], repeat: int) -> float:
    nlp = load_nlp()
    pieces = [piece for it in items for _, piece in chunk_text(it.text)]
    words = sum(len(it.text.split()) for it in items)
    bare: list[float] = []
    full: list[float] = []
    for _ in range(repeat):
        _best(lambda: list(nlp.pipe(pieces, batch_size=BATCH_SIZE)), bare)
        _best(lambda: list(extract_documents(items, nlp=nlp, batch_size=BATCH_SIZE)), full)
    b, f = min(bare), min(full)
    print(f"{name:12} {len(items):4d} docs {words:8d} words   nlp.pipe {words / b:8.0f} words/s ({b:6.2f} s)   "
          f"extract_documents {words / f:8.0f} words/s ({f:6.2f} s)   ratio {f / b:.2f}")
    return f / b


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=2, help="alternate runs per corpus; the best time counts")
    ap.add_argument("--limit", type=int, default=0, help="first N PolNeAR dev articles only (0 = all)")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED.resolve()}", file=sys.stderr)
        return 2
    load_nlp()(" warm up the model ")
    measure("seeds", _seeds(), args.repeat)
    measure("polnear-dev", _polnear_dev(args.limit), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
