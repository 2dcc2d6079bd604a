"""Segment-level evaluation of claimledger's HTML cleaning against plain trafilatura.

Data: ``../shared/eval/trafilatura-eval-en`` (the English part of trafilatura's own evaluation set:
``evaldata_en.json`` maps url -> {file, with, without}; pages in ``html/<file>.gz``).

Scoring follows trafilatura's ``tests/eval_common.py``: output and segments are
whitespace-normalised, then a "with" segment found in the output is a true positive (else a false
negative) and a "without" segment found is a false positive (else a true negative); precision,
recall, accuracy and F1 are computed over all segments of all pages.  A page an extractor gives
nothing for (``None``, or ``InputError`` from our ingest) counts as empty output.

Systems, all run in the same process on the same bytes:

- ``claimledger`` -- exactly what ingest does: ``readers.read_html`` then ``clean.run`` -> text;
- ``trafilatura`` -- ``trafilatura.extract(html)`` with default options;
- ``trafilatura precision`` -- ``trafilatura.extract(html, favor_precision=True)``.

Run: ``.venv/bin/python eval/html_eval.py [--verbose] [--limit N]`` from the repo root.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "SYSTEMS",
    "Confusion",
    "Counts",
    "EvalItem",
    "PageResult",
    "count_item",
    "evaluate",
    "load_items",
    "main",
    "norm",
    "read_page",
    "run_claimledger",
    "run_trafilatura",
    "run_trafilatura_precision",
]

DATA_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "trafilatura-eval-en"

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalItem:
    """One annotated page: segments that must (``with_``) and must not (``without``) appear."""

    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Segment counts of one page (or a sum of pages)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0


@dataclass(slots=True)
class Confusion:
    """Accumulated counts of one system over the set, with derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    empty: int = 0
    """Pages with no output at all (rejected or nothing found)."""
    seconds: float = 0.0

    def add(self, c: Counts) -> None:
        self.tp += c.tp
        self.fp += c.fp
        self.fn += c.fn
        self.tn += c.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PageResult:
    """What each system did on one page: its counts and which segments it got wrong."""

    item: EvalItem
    counts: dict[str, Counts] = field(default_factory=dict)
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per system: "with" segments not found (false negatives)."""
    leaked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per system: "without" segments found (false positives)."""


def norm(text: str) -> str:
    """Whitespace-normalised text, as trafilatura's evaluation compares it."""
    return _SPACES.sub(" ", text).strip()


def count_item(item: EvalItem, output: str | None) -> Counts:
    """Counts of one page's segments against one output (``None`` = no output)."""
    found = norm(output) if output else ""
    tp = sum(1 for s in item.with_ if found and norm(s) in found)
    fp = sum(1 for s in item.without if found and norm(s) in found)
    return Counts(tp=tp, fp=fp, fn=len(item.with_) - tp, tn=len(item.without) - fp)


def _misses(item: EvalItem, output: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = norm(output) if output else ""
    missed = tuple(s for s in item.with_ if not (found and norm(s) in found))
    leaked = tuple(s for s in item.without if found and norm(s) in found)
    return missed, leaked


def load_items(data_dir: Path = DATA_DIR) -> list[EvalItem]:
    """The annotated pages, in the file's order."""
    raw = json.loads((data_dir / "evaldata_en.json").read_text(encoding="utf-8"))
    return [
        EvalItem(url=url, file=rec["file"], with_=tuple(rec["with"]), without=tuple(rec["without"]))
        for url, rec in raw.items()
    ]


def read_page(item: EvalItem, data_dir: Path = DATA_DIR) -> bytes:
    """The page's HTML bytes, as stored (gzip-compressed) in the set."""
    return gzip.decompress((data_dir / "html" / f"{item.file}.gz").read_bytes())


def run_claimledger(html: bytes, name: str) -> str | None:
    """Our cleaning, exactly as ingest does it; a rejected page gives no output."""
    from claimledger import clean
    from claimledger.errors import InputError
    from claimledger.ingest.meta import Metadata
    from claimledger.ingest.readers import read_html

    try:
        raw = read_html(html, name=name, key=name, meta=Metadata())
    except InputError:
        return None
    return clean.run(raw).text


def run_trafilatura(html: bytes, name: str) -> str | None:
    """Plain ``trafilatura.extract`` with its default options."""
    import trafilatura

    out: str | None = trafilatura.extract(html)
    return out


def run_trafilatura_precision(html: bytes, name: str) -> str | None:
    """``trafilatura.extract`` with ``favor_precision=True`` (second reference)."""
    import trafilatura

    out: str | None = trafilatura.extract(html, favor_precision=True)
    return out


Extractor = Callable[[bytes, str], "str | None"]

SYSTEMS: dict[str, Extractor] = {
    "claimledger": run_claimledger,
    "trafilatura": run_trafilatura,
    "trafilatura precision": run_trafilatura_precision,
}
"""System name -> extractor (html bytes, page name) -> text or None."""


def evaluate(
    items: Sequence[EvalItem],
    systems: dict[str, Extractor] | None = None,
    *,
    data_dir: Path = DATA_DIR,
) -> tuple[dict[str, Confusion], list[PageResult]]:
    """Run every system over ``items``; totals per system and per-page results."""
    systems = systems if systems is not None else SYSTEMS
    totals = {name: Confusion() for name in systems}
    pages: list[PageResult] = []
    for item in items:
        html = read_page(item, data_dir)
        page = PageResult(item=item)
        for name, fn in systems.items():
            start = time.perf_counter()
            output = fn(html, item.file)
            totals[name].seconds += time.perf_counter() - start
            if not output or not output.strip():
                totals[name].empty += 1
            c = count_item(item, output)
            totals[name].add(c)
            page.counts[name] = c
            page.missed[name], page.leaked[name] = _misses(item, output)
        pages.append(page)
    return totals, pages


def format_table(totals: dict[str, Confusion]) -> str:
    """A Markdown table of the totals."""
    lines = [
        "| system | precision | recall | F1 | accuracy | TP | FN | FP | TN | empty | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in totals.items():
        lines.append(
            f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.accuracy:.3f} "
            f"| {c.tp} | {c.fn} | {c.fp} | {c.tn} | {c.empty} | {c.seconds:.1f} |"
        )
    return "\n".join(lines)


def format_disagreements(pages: Sequence[PageResult], ours: str, other: str) -> str:
    """Pages where ``ours`` and ``other`` are not scored the same, with the segments concerned."""
    out: list[str] = []
    for p in pages:
        if p.counts[ours] == p.counts[other]:
            continue
        out.append(f"== {p.item.file}  ({p.item.url})")
        for name in (ours, other):
            c = p.counts[name]
            out.append(f"  {name}: TP {c.tp} FN {c.fn} FP {c.fp} TN {c.tn}")
            for s in p.missed[name]:
                out.append(f"    missed: {s!r}")
            for s in p.leaked[name]:
                out.append(f"    leaked: {s!r}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the evaluation set's folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0 = all)")
    parser.add_argument("--verbose", action="store_true", help="print per-page disagreements")
    args = parser.parse_args(argv)
    if not (args.data / "evaldata_en.json").is_file():
        print(f"evaluation set not found: {args.data}", file=sys.stderr)
        return 2
    items = load_items(args.data)
    if args.limit:
        items = items[: args.limit]
    totals, pages = evaluate(items, data_dir=args.data)
    n_with = sum(len(i.with_) for i in items)
    n_without = sum(len(i.without) for i in items)
    print(f"{len(items)} pages, {n_with} 'with' and {n_without} 'without' segments\n")
    print(format_table(totals))
    if args.verbose:
        print("\nPer-page disagreements, claimledger vs trafilatura:\n")
        print(format_disagreements(pages, "claimledger", "trafilatura"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
