"""Score claim stance (asserts / denies / declines) on a hand-labelled public sentence set.

usage: python eval/stance_eval.py [--half dev|check|fresh|dev2|all|both|three|four]
       [--gold eval/gold/stance_public.jsonl] [--fresh eval/gold/stance_fresh.jsonl]
       [--dev2 eval/gold/stance_dev2.jsonl] [-v]

The gold (eval/gold/stance_public.jsonl, labelling rules in eval/README.stance.md) holds one
attributed or outlet-voice sentence a line from public text: PolNeAR **train** articles
(../shared/eval/polnear/train/text) and UCI News Aggregator headlines
(../shared/eval/uci-news-aggregator-sample), each with its file and character offset, the actor
whose statement is labelled (null: whoever speaks in the sentence, often the outlet) and the
stance.  Odd lines (1st, 3rd, ...) are the development half, even lines the check half.  A third
set, eval/gold/stance_fresh.jsonl (same format, same labelling rules, PolNeAR train sentences not in
the public set), was labelled after the rules were written and is scored as 'fresh'; its errors are
not to be read (-v does not list them).  A fourth, eval/gold/stance_dev2.jsonl (third round, same
format and rules, weighted toward denials and refusals), is new development data, scored whole as
'dev2'.  The default (--half four) scores dev, check, fresh and dev2; 'three' the first three.

For each item the ledger's extraction (``extract_documents``, ``attitudes=False``: exactly what
the ledger extracts) runs on the sentence with up to ``CONTEXT`` characters of the article before
it (cut at a line break, so that pronouns and short names can resolve); headlines run alone.  The
predicted stance is that of the claim in the sentence whose source mention overlaps the actor
(else the sentence's first claim with a source, else its first claim), preferring a denial or
decline when the actor makes several statements there (the labelled one, README.stance.md; claims
with the same resolved source as the actor's mention count as the actor's: "X said C, although he
tweeted D", "said X, who declined to say ..."); with no actor it is the first stance other than
'asserts' among the sentence's claims, else 'asserts'.  A sentence with no claim at all is
predicted 'asserts'.

Prints per-class precision / recall / F1, balanced accuracy (the mean of the per-class recalls,
the way score_ledger.py averages stance over the gold classes) and a confusion table; -v lists
the errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.extract.document import ExtractInput, extract_documents
from claimledger.models import Claim

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "eval"
CORPORA = {"polnear/train": SHARED / "polnear" / "train",
           "uci-news-aggregator-sample": SHARED / "uci-news-aggregator-sample"}
CLASSES = ("asserts", "denies", "declines")
CONTEXT = 1500


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    corpus: str
    file: str
    offset: int
    length: int
    sha1: str
    """First 12 hex digits of the sentence's SHA-1: the file holds no third-party text, only where
    the sentence is; the check says the source still holds it there."""
    sentence: str
    actor: str | None
    stance: str
    kind: str


def _item(row: dict[str, Any]) -> Item:
    text = (CORPORA[row["corpus"]] / row["file"]).read_text(encoding="utf-8")
    sentence = text[row["offset"]:row["offset"] + row["length"]]
    if hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12] != row["sha1"]:
        raise SystemExit(f"{row['id']}: sentence not found at {row['file']}:{row['offset']}")
    if row["actor"] is not None and row["actor"] not in sentence:
        raise SystemExit(f"{row['id']}: actor {row['actor']!r} not in its sentence")
    return Item(sentence=sentence, **row)


def load_gold(path: Path, half: str) -> list[Item]:
    items = [_item(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half == "dev":
        return items[0::2]
    if half == "check":
        return items[1::2]
    return items  # 'all', and 'fresh' / 'dev2' (their own files)


def context_of(item: Item) -> tuple[str, int]:
    """(text to extract, offset of the sentence in it); checks the sentence against its source."""
    text = (CORPORA[item.corpus] / item.file).read_text(encoding="utf-8")
    end = item.offset + len(item.sentence)
    if text[item.offset:end] != item.sentence:
        raise SystemExit(f"{item.id}: sentence not found at {item.file}:{item.offset}")
    if item.corpus.startswith("uci"):
        return item.sentence, 0
    start = max(0, item.offset - CONTEXT)
    if start:
        nl = text.find("\n", start, item.offset)
        start = nl + 1 if nl >= 0 else item.offset
    return text[start:end], item.offset - start


def predict(item: Item, claims: Sequence[Claim], at: int) -> tuple[str, Claim | None]:
    a, b = at, at + len(item.sentence)
    # claims of the sentence: their cue in it (or no cue) and their content or sentence overlapping it
    inside = [c for c in claims if ((c.start < b and c.end > a) or (c.sentence_start < b and c.sentence_end > a))
              and (c.cue is None or a <= c.cue.start < b or a <= c.start < b)]
    if item.actor is not None:
        i = item.sentence.find(item.actor)
        xa, xb = a + i, a + i + len(item.actor)
        by_actor = [c for c in inside if c.source_mention is not None
                    and c.source_mention.start < xb and c.source_mention.end > xa]
        # the actor's other statements in the sentence, under a pronoun or relative mention ("X said C,
        # although he tweeted that he 'rejects D'", "said X, who declined to say ..."): same source
        ids = {c.source_id for c in by_actor if c.source_id is not None}
        by_actor += [c for c in inside if c.source_id in ids and c not in by_actor]
        pick = by_actor or [c for c in inside if c.source_id is not None] or inside
        pick = [c for c in pick if c.stance != "asserts"] or pick
        return (pick[0].stance, pick[0]) if pick else ("asserts", None)
    marked = [c for c in inside if c.stance != "asserts"]
    if marked:
        return marked[0].stance, marked[0]
    return "asserts", (inside[0] if inside else None)


def report(gold: Sequence[str], pred: Sequence[str], title: str) -> float:
    print(f"== {title}: {len(gold)} sentences")
    recalls = []
    for k in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == k and p == k)
        n_pred = sum(1 for p in pred if p == k)
        n_gold = sum(1 for g in gold if g == k)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if n_gold:
            recalls.append(rec)
        print(f"  {k:9s} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}  (gold {n_gold}, predicted {n_pred})")
    bal = sum(recalls) / len(recalls) if recalls else 0.0
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    print(f"  balanced accuracy {bal:.3f}   accuracy {acc:.3f}")
    print("  confusion (rows gold, columns predicted)")
    print("  " + " " * 10 + "".join(f"{k:>10s}" for k in CLASSES))
    for g in CLASSES:
        print(f"  {g:10s}" + "".join(f"{sum(1 for x, y in zip(gold, pred, strict=True) if x == g and y == p):10d}"
                                     for p in CLASSES))
    return bal


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "stance_public.jsonl")
    ap.add_argument("--fresh", type=Path, default=ROOT / "eval" / "gold" / "stance_fresh.jsonl")
    ap.add_argument("--dev2", type=Path, default=ROOT / "eval" / "gold" / "stance_dev2.jsonl")
    ap.add_argument("--half", choices=("dev", "check", "fresh", "dev2", "all", "both", "three", "four"),
                    default="four")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    halves = {"both": ("dev", "check"), "three": ("dev", "check", "fresh"),
              "four": ("dev", "check", "fresh", "dev2")}.get(args.half, (args.half,))
    files = {"fresh": args.fresh, "dev2": args.dev2}
    for half in halves:
        items = load_gold(files.get(half, args.gold), half)
        ctx = [context_of(it) for it in items]
        inputs = [ExtractInput(text=t, document_id=it.id, content_hash=it.id, published=None, outlet=None)
                  for it, (t, _) in zip(items, ctx, strict=True)]
        gold, pred = [], []
        for it, (_, at), ex in zip(items, ctx, extract_documents(inputs), strict=True):
            p, claim = predict(it, ex.claims, at)
            gold.append(it.stance)
            pred.append(p)
            if args.verbose and p != it.stance and half != "fresh":
                src = claim.source_mention.text if claim is not None and claim.source_mention else None
                print(f"  {it.id} gold {it.stance} pred {p} [{it.kind}] actor={it.actor!r} claim-source={src!r}"
                      f"\n      {it.sentence[:220]}", file=sys.stderr)
        report(gold, pred, half)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
