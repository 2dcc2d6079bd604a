"""Precision and recall of fusion's relations between propositions (GUIDELINES.md, "Relations").

usage (from the repo root; a ledger exported from a store made by ``claimledger ingest``):
  .venv/bin/python eval/relations_eval.py /tmp/hb_s.json ../shared/gold/seeds.json [--json OUT] [-v]
  .venv/bin/python eval/relations_eval.py --db /tmp/hb_s.db ../shared/gold/seeds.json   (exports first)

The scorer (``../shared/tools/score_ledger.py``) scores only the recall of high-confidence gold
relations.  This script also counts what an analyst reads: every ledger relation.  Ledger
propositions are mapped to gold proposition keys the way the scorer maps them for relations
(re-implemented here): gold sentences are located in the ledger documents (normalised text, or
the anchor), a claim matches a sentence it overlaps by >= 8 characters (or its whole length), and
a key is held by the ledger propositions with at least half the votes of the top one, a vote
being a required gold sentence of the key matched by a claim of the proposition.

Per kind, printed: ``relations`` (in the ledger), ``keyed`` (linking two propositions that both
hold gold keys, so that the gold can judge them), ``gold`` (of the keyed, those that are a gold
relation of any confidence: the two hold the two keys of a gold relation whose kind or alt kind is
the ledger kind, differs <-> contradicts on quantity pairs, direction ignored), ``same_key``
(keyed, but both propositions hold one key: a relation inside one gold proposition, always wrong)
and ``precision`` = gold / keyed.  Then the gold relations found, per confidence (the scorer's
``relation_recall`` and ``relations_low_conf``).  ``-v`` lists the keyed relations that are not
gold (for the development seeds only: never read the held-out story's errors).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MIN_OVERLAP = 8
KEY_FRACTION = 0.5
"""A key is held by the propositions with at least this share of the top one's votes (the scorer's
``key_props(key, 0.5)`` for relations)."""
KINDS = ("contradicts", "differs", "updates", "supports")

_CHARMAP: dict[str, str] = {}
for _c in "\u2018\u2019\u201a\u201b\u2032`\u00b4":
    _CHARMAP[_c] = "'"
for _c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    _CHARMAP[_c] = '"'
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    _CHARMAP[_c] = "-"
for _c in "\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000":
    _CHARMAP[_c] = " "
_CHARMAP["\u2026"] = "..."
_DROP = frozenset({"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"})


def _norm_map(s: str) -> tuple[str, list[int]]:
    """Quotes, dashes and spaces normalised, lower case; with the index of each character in ``s``
    (the scorer's ``norm_map``)."""
    out: list[str] = []
    idx: list[int] = []
    prev_space = False
    for i, ch in enumerate(s):
        if ch in _DROP:
            continue
        rep = _CHARMAP.get(ch, ch)
        if rep.isspace():
            if not prev_space:
                out.append(" ")
                idx.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in rep.lower():
            out.append(c)
            idx.append(i)
    return "".join(out), idx


@dataclass(frozen=True, slots=True)
class _Doc:
    norm: str
    idx: list[int]
    length: int

    def find(self, needle: str) -> tuple[int, int] | None:
        nn = _norm_map(needle)[0].strip()
        p = self.norm.find(nn) if nn else -1
        return None if p < 0 else (self.idx[p], self.idx[p + len(nn) - 1] + 1)


def _locate(sent: Mapping[str, Any], doc: _Doc) -> tuple[int, int] | None:
    if "sentence" in sent:
        return doc.find(str(sent["sentence"]))
    a = doc.find(str(sent["anchor"]))
    if a is None:
        return None
    st = max(0, a[0] - int(sent["offset_in_sentence"]))
    length = int(sent["raw_span"][1]) - int(sent["raw_span"][0])
    return st, max(min(doc.length, st + length), a[1])


def _req(s: Mapping[str, Any]) -> bool:
    return bool(s["is_claim"]) and not s.get("optional")


def _req_keys(s: Mapping[str, Any]) -> set[str]:
    return {k for k in [s.get("proposition"), *s.get("also", [])] if k}


def key_holders(ledger: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, set[str]]:
    """Gold key -> the ledger propositions holding it (see the module docstring)."""
    docs: dict[str, Mapping[str, Any]] = {}
    for d in ledger["documents"]:
        sp = d.get("source_path")
        if sp:
            docs.setdefault(os.path.basename(str(sp).split("?")[0].rstrip("/")), d)
    gdocs = set(gold["docs"])
    texts = {g: _Doc(*_norm_map(str(docs[g]["text"])), len(str(docs[g]["text"]))) for g in gdocs if g in docs}
    ldoc2g = {str(docs[g]["id"]): g for g in gdocs if g in docs}
    spans: dict[str, list[tuple[Mapping[str, Any], tuple[int, int]]]] = defaultdict(list)
    for s in gold["sentences"]:
        if s["doc"] in texts:
            at = _locate(s, texts[s["doc"]])
            if at is not None:
                spans[s["doc"]].append((s, at))
    held_by_claim: dict[str, set[str]] = defaultdict(set)
    for p in ledger["propositions"]:
        for cid in p["claim_ids"]:
            held_by_claim[cid].add(p["id"])
    matched: dict[str, set[str]] = defaultdict(set)  # gold sentence id -> ledger propositions
    for c in ledger["claims"]:
        g = ldoc2g.get(c["document_id"])
        if g is None:
            continue
        cs, ce = c["span"]
        for s, (ss, se) in spans[g]:
            ov = min(ce, se) - max(cs, ss)
            if ov > 0 and ov >= min(MIN_OVERLAP, ce - cs, se - ss):
                matched[s["id"]] |= {c["proposition_id"]} | held_by_claim[c["id"]]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s in gold["sentences"]:
        if _req(s):
            for key in _req_keys(s):
                votes[key].update(matched.get(s["id"], set()))
                votes.setdefault(key, Counter())
    out: dict[str, set[str]] = {}
    for key, v in votes.items():
        top = max(v.values(), default=0)
        out[key] = {p for p, n in v.items() if n >= max(1, KEY_FRACTION * top)}
    return out


def _gold_kinds(r: Mapping[str, Any]) -> set[str]:
    kinds = {str(r["kind"]), *r.get("alt_kinds", [])}
    if r.get("quantity_pair") and kinds & {"differs", "contradicts"}:
        kinds |= {"differs", "contradicts"}
    return kinds


def evaluate(ledger: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Any]:
    holders = key_holders(ledger, gold)
    keys_of: dict[str, set[str]] = defaultdict(set)
    for key, ps in holders.items():
        for p in ps:
            keys_of[p].add(key)
    present = set(holders)
    gold_rel = [r for r in gold.get("relations", []) if r["a"] in present and r["b"] in present]
    accepted: dict[frozenset[str], set[str]] = defaultdict(set)  # pair of keys -> accepted kinds
    for r in gold_rel:
        accepted[frozenset((r["a"], r["b"]))] |= _gold_kinds(r)
    rows: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    wrong: list[dict[str, Any]] = []
    label = {p["id"]: p["label"] for p in ledger["propositions"]}
    for rel in ledger["relations"]:
        kind, a, b = rel["kind"], rel["from"], rel["to"]
        row = rows.setdefault(kind, Counter())
        row["relations"] += 1
        ka, kb = keys_of.get(a, set()), keys_of.get(b, set())
        if not ka or not kb:
            continue
        row["keyed"] += 1
        pairs = {frozenset((x, y)) for x in ka for y in kb if x != y}
        if any(kind in accepted.get(pk, set()) for pk in pairs):
            row["gold"] += 1
            continue
        if not pairs:
            row["same_key"] += 1
        elif any(pk in accepted for pk in pairs):
            row["gold_pair_other_kind"] += 1
        wrong.append({"kind": kind, "from_keys": sorted(ka), "to_keys": sorted(kb), "from": label.get(a, a),
                      "to": label.get(b, b), "reason": rel["reason"]})
    lrel: dict[frozenset[str], set[str]] = defaultdict(set)
    for rel in ledger["relations"]:
        lrel[frozenset((rel["from"], rel["to"]))].add(rel["kind"])
    found: dict[str, Counter[str]] = {"high": Counter(), "low": Counter()}
    for r in gold_rel:
        conf = "high" if r.get("confidence", "high") == "high" else "low"
        kinds = _gold_kinds(r)
        hit = any(la != lb and lrel.get(frozenset((la, lb)), set()) & kinds
                  for la in holders[r["a"]] for lb in holders[r["b"]])
        found[conf]["total"] += 1
        found[conf]["found"] += int(hit)
        found[conf][f"{r['kind']}_total"] += 1
        found[conf][f"{r['kind']}_found"] += int(hit)
    per_kind = {k: {"relations": v["relations"], "keyed": v["keyed"], "gold": v["gold"], "same_key": v["same_key"],
                    "gold_pair_other_kind": v["gold_pair_other_kind"],
                    "precision": round(v["gold"] / v["keyed"], 3) if v["keyed"] else None}
                for k, v in rows.items()}
    total = Counter[str]()
    for v in rows.values():
        total.update(v)
    per_kind["all"] = {"relations": total["relations"], "keyed": total["keyed"], "gold": total["gold"],
                       "same_key": total["same_key"], "gold_pair_other_kind": total["gold_pair_other_kind"],
                       "precision": round(total["gold"] / total["keyed"], 3) if total["keyed"] else None}
    recall = {conf: dict(sorted(c.items())) for conf, c in found.items()}
    return {"per_kind": per_kind, "recall": recall, "gold_relations": len(gold_rel), "wrong": wrong}


def _export(db: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ledger.json"
        exe = REPO / ".venv" / "bin" / "claimledger"
        subprocess.run([str(exe), "export", "--db", db, "-o", str(out)], check=True)
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data


def _print(res: Mapping[str, Any], verbose: bool) -> None:
    cols = ("relations", "keyed", "gold", "same_key", "gold_pair_other_kind", "precision")
    print(f"{'kind':<12}" + "".join(f"{c:>22}" for c in cols))
    for kind, row in res["per_kind"].items():
        print(f"{kind:<12}" + "".join(f"{'-' if row[c] is None else row[c]!s:>22}" for c in cols))
    for conf in ("high", "low"):
        c = res["recall"][conf]
        parts = ", ".join(f"{k[:-6]} {c[k[:-6] + '_found']}/{c[k]}" for k in c if k.endswith("_total") and k != "total")
        print(f"gold relations found, {conf} confidence: {c.get('found', 0)}/{c.get('total', 0)} ({parts})")
    if verbose:
        print("keyed relations that are not gold:")
        for w in res["wrong"]:
            print(f"  {w['kind']:<11} {w['from_keys']} -> {w['to_keys']}: {w['reason']}")
            print(f"      {w['from'][:90]!r}\n      -> {w['to'][:90]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("ledger", nargs="?", help="ledger JSON (claimledger export)")
    ap.add_argument("gold", help="gold JSON (sentences, propositions, relations)")
    ap.add_argument("--db", help="a store: export it first instead of reading LEDGER")
    ap.add_argument("--json", help="write the counts (without the error list) to this path")
    ap.add_argument("-v", "--verbose", action="store_true", help="list keyed relations that are not gold")
    args = ap.parse_args(argv)
    if args.db:
        ledger = _export(args.db)
    elif args.ledger:
        ledger = json.loads(Path(args.ledger).read_text(encoding="utf-8"))
    else:
        ap.error("give a LEDGER or --db")
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    res = evaluate(ledger, gold)
    _print(res, args.verbose)
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, v in res.items() if k != "wrong"}, indent=2) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
