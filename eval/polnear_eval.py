"""Score claimledger's attribution extraction against PolNeAR (brat Source/Cue/Content spans).

usage: python eval/polnear_eval.py [--split dev|train] [--every N --offset K] [--limit N] [--json OUT]
                                   [--dump OUT] [--no-attitudes]

PolNeAR (Newell, Margolin & Ruths, LREC 2018) lives in ../shared/eval/polnear (read its
PROVENANCE.md).  Use the dev split for reported figures; train is for development.  When an
article has several annotators, the first annotation file (sorted by name) is the gold.

A predicted attribution is a claim with a cue (outlet-voice claims and quotation continuations
carry no cue).  For each of source (the claim's source_mention), cue and content (the claim's
span) this prints P/R/F1, per document:
  spans    the distinct predicted spans of the role and the distinct gold spans (a gold source
           shared by two relations is one span), whitespace-trimmed;
  overlap  a predicted and a gold span match when they share a token (a non-whitespace
           character); predicted and gold spans are paired one-to-one (maximum matching):
           TP = size of the matching, P = TP / predicted, R = TP / gold;
  exact    the same with equal spans (a single predicted span may equal a discontinuous gold
           span's outer extent).
Attribution: predicted (source, content) pairs matched one-to-one to gold relations whose source
and content both overlap.  Every gold relation counts, nested or not.  The first version's
counting (any predicted span overlapping any gold span by one character, duplicates on both
sides, no pairing) is printed below as "legacy" for comparison; see eval/README.attribution.md.
--every N --offset K scores every Nth article (a sample across outlets, for train).

Extraction runs with ``attitudes=True`` (PolNeAR also annotates intention, desire, support,
perception and decision, which GUIDELINES.md does not treat as the actor's statements);
``--no-attitudes`` scores exactly what the ledger extracts.  See eval/README.attribution.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimledger.extract.document import ExtractInput, extract_documents
from claimledger.extract.nlp import load_nlp

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "polnear"

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Relation:
    source: Spans
    cue: Spans
    content: Spans


def _spans(field: str) -> Spans:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path) -> list[Relation]:
    spans: dict[str, tuple[str, Spans]] = {}
    rels: list[Relation] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if re.match(r"T\d+\t", line):
            tid, info, _text = [*line.split("\t"), "", ""][:3]
            label, rest = info.split(" ", 1)
            spans[tid] = (label, _spans(rest))
    for line in lines:
        if not line.startswith("E"):
            continue
        parts = dict(p.split(":") for p in line.split("\t")[1].split() if ":" in p)
        got = {k: spans[parts[k]][1] if k in parts and parts[k] in spans else () for k in ("Source", "Cue", "Content")}
        rels.append(Relation(source=got["Source"], cue=got["Cue"], content=got["Content"]))
    return rels


def _overlaps(a: Spans, b: Spans, text: str | None = None) -> bool:
    """Token overlap: the spans share a character that is not whitespace (a span edge that only
    touches the other's trailing space is no overlap).  Without ``text``: any shared character."""
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if lo < hi and (text is None or text[lo:hi].strip()):
                return True
    return False


def _norm(s: Spans, text: str) -> Spans:
    out = []
    for x, y in s:
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1].isspace():
            y -= 1
        if y > x:
            out.append((x, y))
    return tuple(out)


def _exact(a: Spans, b: Spans, text: str) -> bool:
    na, nb = _norm(a, text), _norm(b, text)
    return bool(na) and (na == nb or (len(na) == 1 and len(nb) >= 1 and na[0] == (nb[0][0], nb[-1][1])))


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; a document has < 300 spans)."""
    adj = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    return _matching(adj, n_right)


def _matching(adj: list[list[int]], n_right: int) -> int:
    match_r: list[int] = [-1] * n_right

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if not seen[j]:
                seen[j] = True
                if match_r[j] < 0 or augment(match_r[j], seen):
                    match_r[j] = i
                    return True
        return False

    return sum(augment(i, [False] * n_right) for i in range(len(adj)))


def _distinct(spans: Iterable[Spans], text: str) -> list[Spans]:
    return list(dict.fromkeys(n for n in (_norm(s, text) for s in spans) if n))


def score(pairs: Iterable[tuple[str, list[Relation], list[dict[str, Spans]]]],
          legacy: bool = False) -> dict[str, dict[str, float]]:
    """P/R/F1 per role and per attribution.

    Default (PARC/PolNeAR convention): per document, the distinct predicted spans of a role are
    matched one-to-one to the distinct gold spans (maximum matching; a pair matches on token
    overlap, or on equal spans for ``exact``); TP = matching size, P = TP / predicted,
    R = TP / gold.  Attributions: predicted (source, content) pairs matched one-to-one to gold
    relations whose source and content both overlap.
    ``legacy``: the first version's counting (kept to compare): a predicted span is right when
    it shares any character with any gold span and a gold span is found when any predicted span
    shares a character with it, duplicates counted on both sides.
    """
    counts: dict[str, list[int]] = {}

    def add(key: str, pred: Sequence[Spans], gold: Sequence[Spans], text: str) -> None:
        c = counts.setdefault(key, [0, 0, 0, 0, 0, 0, 0, 0])
        if legacy:
            c[1] += len(pred)
            c[3] += len(gold)
            c[0] += sum(any(_overlaps(p, g) for g in gold) for p in pred)
            c[2] += sum(any(_overlaps(p, g) for p in pred) for g in gold)
            c[4] += sum(any(_exact(p, g, text) for g in gold) for p in pred)
            c[6] += sum(any(_exact(p, g, text) for p in pred) for g in gold)
            c[5] += len(pred)
            c[7] += len(gold)
            return
        dp, dg = _distinct(pred, text), _distinct(gold, text)
        tp = max_matching(len(dp), len(dg), lambda i, j: _overlaps(dp[i], dg[j], text))
        tpe = max_matching(len(dp), len(dg), lambda i, j: _exact(dp[i], dg[j], text))
        c[0] += tp
        c[2] += tp
        c[4] += tpe
        c[6] += tpe
        c[1] += len(dp)
        c[5] += len(dp)
        c[3] += len(dg)
        c[7] += len(dg)

    att = [0, 0, 0, 0]
    for text, gold, pred in pairs:
        for role in ("source", "cue", "content"):
            add(role, [p[role] for p in pred if p[role]], [getattr(g, role) for g in gold if getattr(g, role)], text)
        if legacy:
            att[1] += len(pred)
            att[3] += len(gold)
            att[0] += sum(any(_overlaps(p["source"], g.source) and _overlaps(p["content"], g.content) for g in gold)
                          for p in pred)
            att[2] += sum(any(_overlaps(p["source"], g.source) and _overlaps(p["content"], g.content)
                              for p in pred) for g in gold)
            continue
        pp = list(dict.fromkeys((_norm(p["source"], text), _norm(p["content"], text)) for p in pred))
        adj = [[j for j, g in enumerate(gold) if _overlaps(src, g.source, text) and _overlaps(con, g.content, text)]
               for src, con in pp]
        tp = _matching(adj, len(gold))
        att[0] += tp
        att[2] += tp
        att[1] += len(pp)
        att[3] += len(gold)
    out: dict[str, dict[str, float]] = {}
    for role, c in counts.items():
        po, ro, fo = prf(c[0], c[1], c[2], c[3])
        pe, re_, fe = prf(c[4], c[5], c[6], c[7])
        out[role] = {"overlap_p": po, "overlap_r": ro, "overlap_f1": fo, "exact_p": pe, "exact_r": re_,
                     "exact_f1": fe, "predicted": c[1], "gold": c[3]}
    p, r, f = prf(*att)
    out["attribution"] = {"overlap_p": p, "overlap_r": r, "overlap_f1": f, "predicted": att[1], "gold": att[3]}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--every", type=int, default=1, help="every Nth article only (a sample across outlets)")
    ap.add_argument("--offset", type=int, default=0, help="with --every: start at this article")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    ap.add_argument("--dump", type=Path, help="write the predicted spans per article as JSON here")
    ap.add_argument("--no-attitudes", dest="attitudes", action="store_false",
                    help="score the ledger's own extraction (without PolNeAR's attributions of intention, "
                         "desire, support, perception and decision)")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    if not root.is_dir():
        print(f"PolNeAR not found at {root}", file=sys.stderr)
        return 2
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    anns: dict[str, Path] = {}
    for p in sorted((root / args.split / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    names = sorted(anns)
    if args.every > 1:
        names = names[args.offset:: args.every]
    if args.limit:
        names = names[: args.limit]
    texts = {n: (root / args.split / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names}
    items = []
    for n in names:
        m = meta.get(n, {})
        try:
            pub = datetime.date.fromisoformat(m.get("publication_date", ""))
        except ValueError:
            pub = None
        digest = hashlib.sha256(texts[n].encode()).hexdigest()
        items.append(ExtractInput(text=texts[n], document_id=n, content_hash=digest, published=pub,
                                  outlet=m.get("publisher")))
    nlp = load_nlp()
    t0 = time.perf_counter()
    results = list(extract_documents(items, nlp=nlp, batch_size=16, attitudes=args.attitudes))
    elapsed = time.perf_counter() - t0
    pairs: list[tuple[str, list[Relation], list[dict[str, Spans]]]] = []
    for n, ex in zip(names, results, strict=True):
        pred: list[dict[str, Spans]] = [
            {"source": ((c.source_mention.start, c.source_mention.end),) if c.source_mention else (),
             "cue": ((c.cue.start, c.cue.end),) if c.cue else (),
             "content": ((c.start, c.end),)} for c in ex.claims if c.cue is not None]
        pairs.append((texts[n], read_ann(anns[n]), pred))
    figures = score(pairs)
    legacy = score(pairs, legacy=True)
    print(f"PolNeAR {args.split}: {len(names)} articles, {sum(len(t) for t in texts.values())} chars, "
          f"extraction {elapsed:.1f}s, attitudes {'on' if args.attitudes else 'off'}")
    for title, figs in (("one-to-one matching, token overlap (reported)", figures),
                        ("legacy matching (any-to-any, character overlap; first version)", legacy)):
        print(title)
        print(f"{'':12} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   "
              f"{'pred':>6} {'gold':>6}")
        for role in ("source", "cue", "content", "attribution"):
            f = figs[role]
            ex_cols = (f"{f['exact_p']:8.3f} {f['exact_r']:6.3f} {f['exact_f1']:6.3f}" if "exact_p" in f
                       else f"{'':22}")
            print(f"{role:12} {ex_cols}   {f['overlap_p']:9.3f} {f['overlap_r']:6.3f} {f['overlap_f1']:6.3f}   "
                  f"{int(f['predicted']):6d} {int(f['gold']):6d}")
    if args.json:
        args.json.write_text(json.dumps({"split": args.split, "articles": len(names), "seconds": elapsed,
                                         "attitudes": args.attitudes, "figures": figures,
                                         "legacy_figures": legacy}, indent=1), encoding="utf-8")
    if args.dump:
        dump = [{"name": n, "pred": pr} for n, (_t, _g, pr) in zip(names, pairs, strict=True)]
        args.dump.write_text(json.dumps(dump), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
