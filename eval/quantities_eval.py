"""Measure ``claimledger.extract.quantities.find_quantities`` on third-party quantity test sets.

Run from the repository root::

    PYTHONPATH=src .venv/bin/python eval/quantities_eval.py [--verbose]

Data is read from ``../shared`` relative to the repository root (never copied into the repo).

1. quantulum3 (``eval/quantulum3/quantities.json``: 101 sentences, 148 gold quantities with value,
   unit, surface).  quantulum3 extracts every number with a physical unit; claimledger extracts
   counts of things, so only part of it is in scope:

   - tier A (mechanical): gold quantities whose unit is ``dimensionless`` (quantulum3's unit for a
     bare count) with a whole, non-negative value, minus four-digit years (surface of four digits
     in [1000, 2100], which GUIDELINES.md says are not quantities);
   - tier B ("counts of things"): tier A minus the hand-listed surfaces in ``NOT_COUNTS`` below,
     which GUIDELINES.md also rules out (labels such as "English 101", "Voyager 2", a processor
     model number, an age, a number talked about as a number); each is printed with its reason;
   - years: the gold four-digit years (1979, 2013, ...) that must NOT come out as quantities;
   - info only: all other gold quantities (measures, money, durations): is a quantity with the
     same value found over the same surface.

   A gold quantity is matched by a predicted quantity whose character span overlaps the gold
   surface (its first occurrence in the sentence).  value: the predicted value equals the gold
   value within 1%.  bounds: low/high equal the expected interval within 1% ([v, v]; for a range
   surface "a to b" or "a-b", [a, b]).

2. Microsoft Recognizers-Text number ranges (``Number/English/NumberRangeModel.json`` and
   ``NumberRangeModelExperimentalMode.json``, united by input sentence; 87 + 76 cases).  In scope:
   gold results whose interval endpoints are whole non-negative numbers, whose text has no
   comparison symbols (<, >, =), no ordinal ("the tenth") and no fraction, in a sentence that is
   not about an age ("years old", "age") — GUIDELINES.md rules out ordinals and ages, and our
   intervals are counts.  Open/closed ends are ignored (``(20,`` and ``[20,`` both mean low 20):
   claimledger's at_least/at_most do not distinguish "more than" from "at least".  value: the
   finite numbers of the predicted interval equal the gold endpoints; bounds: low and high both
   equal (an open end must be open).  Sentences with no gold result are negatives: counted when
   we extract nothing from them.

3. Seeds gold (``gold/seeds.json``): for every required gold quantity, is there a predicted
   quantity anywhere in the same sentence with the same qualifier and low/high within 1% (alt
   forms accepted), as ``tools/score_ledger.py`` counts them.  Run on the raw seed files (cleaning
   is another stage), spans compared with the gold ``raw_span``.

Also printed: the time spaCy takes on the seeds and the time ``find_quantities`` adds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimledger.extract.nlp import load_nlp
from claimledger.extract.quantities import find_quantities
from claimledger.models import Quantity

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()

REL_TOL = 0.01
"""Values within 1% count as equal (the tolerance of tools/score_ledger.py)."""

NOT_COUNTS: list[tuple[str, str, str]] = [
    ("Voyager 2", "2", "a name: 'Voyager 2'"),
    ('"English 101"', "101", "a label: 'English 101'"),
    ("South 32", "32", "a company name: 'South 32 Ltd'"),
    ("Core i7 860", "860", "a processor model: 'Intel Core i7 860'"),
    ("6.0-sigma", "6.0", "a statistic: '6.0-sigma'"),
    ("He will be 30", "30", "an age: 'He will be 30'"),
    ("The answer is 42", "42", "a number talked about as a number: 'The answer is 42'"),
    ("42 is the answer", "42", "a number talked about as a number: '42 is the answer'"),
    ("Zero is a small number", "Zero", "a number talked about as a number: 'Zero is a small number'"),
    ("hardiness zones", "7 to 10", "labels: USDA hardiness zones 7 to 10"),
]
"""Tier-B exclusions: (text in the sentence, gold surface, reason)."""

_ORDINAL = re.compile(r"\b(?:first|second|third|\w+th|\d+(?:st|nd|rd|th))\b", re.I)
_FRACTION = re.compile(r"\d/\d|\bhalf\b|\bquarter\b|\bfourth\b")
_RANGE_SURFACE = re.compile(r"^(\d[\d,.]*)\s*(?:to|-|–)\s*(\d[\d,.]*)$")


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def overlapping(qs: Iterable[Quantity], start: int, end: int) -> list[Quantity]:
    return [q for q in qs if q.start < end and start < q.end]


def _num(s: str) -> float:
    return float(s.replace(",", ""))


# ------------------------------------------------------------------ quantulum3


def _is_year(g: dict[str, Any]) -> bool:
    s = str(g["surface"])
    return len(s) == 4 and s.isdigit() and 1000 <= int(s) <= 2100


def _tier_a(g: dict[str, Any]) -> bool:
    v = float(g["value"])
    return g["unit"] == "dimensionless" and v >= 0 and v == int(v) and not _is_year(g)


def _not_count(sentence: str, g: dict[str, Any]) -> str | None:
    for needle, surface, reason in NOT_COUNTS:
        if needle in sentence and g["surface"] == surface:
            return reason
    return None


def _expected_bounds(g: dict[str, Any]) -> tuple[float, float]:
    m = _RANGE_SURFACE.match(str(g["surface"]))
    if m:
        return _num(m.group(1)), _num(m.group(2))
    v = float(g["value"])
    return v, v


def eval_quantulum(verbose: bool) -> dict[str, Any]:
    path = SHARED / "eval" / "quantulum3" / "quantities.json"
    cases = json.loads(path.read_text(encoding="utf-8"))
    nlp = load_nlp()
    tiers: dict[str, list[bool]] = {"A_value": [], "A_bounds": [], "B_value": [], "B_bounds": []}
    years_leaked: list[str] = []
    info: list[bool] = []
    excluded: list[str] = []
    for case in cases:
        sentence = case["req"]
        qs = find_quantities(nlp(sentence))
        for g in case["res"]:
            surface = str(g["surface"])
            start = sentence.find(surface)
            hits = overlapping(qs, start, start + len(surface)) if start >= 0 else []
            value_ok = any(close(q.value, float(g["value"])) for q in hits)
            if _is_year(g):
                if hits:
                    years_leaked.append(f"{surface!r} in {sentence[:60]!r}")
                continue
            if not _tier_a(g):
                info.append(value_ok)
                continue
            lo, hi = _expected_bounds(g)
            bounds_ok = any(close(q.low, lo) and close(q.high, hi) for q in hits)
            tiers["A_value"].append(value_ok)
            tiers["A_bounds"].append(bounds_ok)
            reason = _not_count(sentence, g)
            if reason is not None:
                excluded.append(f"{surface!r}: {reason}")
                continue
            tiers["B_value"].append(value_ok)
            tiers["B_bounds"].append(bounds_ok)
            if verbose and not bounds_ok:
                got = [(q.text, q.low, q.high, q.qualifier) for q in qs]
                print(f"    miss {surface!r} ({lo}..{hi}) in {sentence[:70]!r}: got {got}")
    print("quantulum3 (eval/quantulum3/quantities.json)")
    print("  tier B excluded from tier A (labels, ages, numbers as numbers):")
    for e in excluded:
        print(f"    - {e}")
    labels = (("A", "tier A, dimensionless whole numbers minus years"), ("B", "tier B, counts of things"))
    for tier, label in labels:
        v, b = tiers[f"{tier}_value"], tiers[f"{tier}_bounds"]
        print(f"  {label}: n={len(v)}  value {sum(v)}/{len(v)} = {_pct(v)}"
              f"  bounds {sum(b)}/{len(b)} = {_pct(b)}")
    n_years = sum(1 for c in cases for g in c["res"] if _is_year(g))
    print(f"  gold years wrongly extracted: {len(years_leaked)}/{n_years}")
    for y in years_leaked:
        print(f"    - {y}")
    print(f"  info, out of scope (measures, money, durations, fractions): value found {sum(info)}/{len(info)}"
          f" = {_pct(info)}")
    return {k: _ratio(v) for k, v in tiers.items()}


# ------------------------------------------------------------------ Recognizers-Text ranges


def _interval(res: str) -> tuple[float | None, float | None]:
    inner = res.strip()[1:-1]
    a, _, b = inner.partition(",")
    return (float(a) if a.strip() else None), (float(b) if b.strip() else None)


def _range_in_scope(sentence: str, text: str, lo: float | None, hi: float | None) -> bool:
    ends = [v for v in (lo, hi) if v is not None]
    if not ends or any(v < 0 or v != int(v) for v in ends):
        return False
    if any(c in text for c in "<>=") or _ORDINAL.search(text) or _FRACTION.search(text):
        return False
    return not re.search(r"years old|\bage\b", sentence, re.I)


def eval_ranges(verbose: bool) -> dict[str, Any]:
    folder = SHARED / "eval" / "recognizers-text-specs" / "Number" / "English"
    cases: dict[str, list[dict[str, Any]]] = {}
    for name in ("NumberRangeModel.json", "NumberRangeModelExperimentalMode.json"):
        for case in json.loads((folder / name).read_text(encoding="utf-8-sig")):
            if not cases.get(case["Input"]):
                cases[case["Input"]] = case["Results"]  # a file that resolves the sentence wins
    nlp = load_nlp()
    value: list[bool] = []
    bounds: list[bool] = []
    negatives: list[bool] = []
    out_of_scope = 0
    for sentence, results in cases.items():
        qs = find_quantities(nlp(sentence))
        if not results:
            negatives.append(not qs)
            if verbose and qs:
                print(f"    negative {sentence!r}: got {[q.text for q in qs]}")
            continue
        for r in results:
            lo, hi = _interval(r["Resolution"]["value"])
            if not _range_in_scope(sentence, r["Text"], lo, hi):
                out_of_scope += 1
                continue
            start = sentence.lower().find(r["Text"].lower())
            hits = overlapping(qs, start, start + len(r["Text"])) if start >= 0 else []
            want = sorted(v for v in (lo, hi) if v is not None)
            v_ok = any(sorted(v for v in (q.low, q.high) if v is not None) == want for q in hits)
            b_ok = any(close(q.low, lo) and close(q.high, hi) for q in hits)
            value.append(v_ok)
            bounds.append(b_ok)
            if verbose and not b_ok:
                print(f"    miss {r['Text']!r} [{lo}, {hi}] in {sentence!r}: got "
                      f"{[(q.text, q.low, q.high) for q in qs]}")
    print("Recognizers-Text NumberRangeModel (+ExperimentalMode), united by sentence")
    print(f"  sentences {len(cases)}; gold results out of scope (symbols, ordinals, fractions, negatives,"
          f" ages): {out_of_scope}")
    print(f"  in scope: n={len(value)}  value {sum(value)}/{len(value)} = {_pct(value)}"
          f"  bounds {sum(bounds)}/{len(bounds)} = {_pct(bounds)}")
    print(f"  negatives (no gold result) with nothing extracted: {sum(negatives)}/{len(negatives)}")
    return {"value": _ratio(value), "bounds": _ratio(bounds)}


# ------------------------------------------------------------------ seeds gold


def eval_seeds(verbose: bool) -> dict[str, Any]:
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    nlp = load_nlp()
    texts = {name: (SHARED / "seeds" / name).read_text(encoding="utf-8") for name in gold["docs"]}
    t0 = time.perf_counter()
    docs = {name: nlp(text) for name, text in texts.items()}
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = {name: find_quantities(doc) for name, doc in docs.items()}
    t_ours = time.perf_counter() - t0
    total = hit = opt_total = opt_hit = 0
    for s in gold["sentences"]:
        a, b = s["raw_span"]
        preds = [q for q in found[s["doc"]] if a <= q.start and q.end <= b]
        for g in s.get("quantities", []):
            forms = [g, *g.get("alt", [])]
            ok = any(q.qualifier == f["qualifier"] and close(q.low, f["low"]) and close(q.high, f["high"])
                     for q in preds for f in forms)
            if g.get("optional"):
                opt_total += 1
                opt_hit += ok
                continue
            total += 1
            hit += ok
            if verbose and not ok:
                print(f"    miss {s['id']} {g['text']!r} {g['qualifier']} {g['low']}..{g['high']}: got "
                      f"{[(q.text, q.qualifier, q.low, q.high) for q in preds]}")
    n_pred = sum(len(v) for v in found.values())
    print("Seeds gold (gold/seeds.json, sentences[].quantities)")
    print(f"  required gold quantities found (same qualifier, low/high within 1%, same sentence):"
          f" {hit}/{total} = {hit / total:.1%}")
    print(f"  optional gold quantities (durations, vague amounts) found: {opt_hit}/{opt_total}")
    print(f"  quantities extracted from the 5 seeds: {n_pred}")
    print(f"  time: spaCy {t_spacy * 1000:.0f} ms, find_quantities {t_ours * 1000:.1f} ms"
          f" ({t_ours / t_spacy:.1%} of spaCy)")
    return {"found": hit, "total": total}


def precision_sample(n: int, seed: int) -> None:
    """Print ``n`` random extractions from 30 random PolNeAR dev articles, for judging by hand."""
    import random

    files = sorted((SHARED / "eval" / "polnear" / "dev" / "text").glob("*.txt"))
    rng = random.Random(seed)
    nlp = load_nlp()
    found: list[tuple[str, Quantity]] = []
    for path in rng.sample(files, min(30, len(files))):
        text = path.read_text(encoding="utf-8")
        found.extend((text, q) for q in find_quantities(nlp(text)))
    print(f"PolNeAR dev: {len(found)} quantities from 30 articles; a sample of {n} to judge by hand")
    for k, (text, q) in enumerate(rng.sample(found, min(n, len(found)))):
        ctx = text[max(0, q.start - 60) : q.end + 40].replace("\n", " ")
        print(f"{k:3} {q.text!r} {q.qualifier} {q.low}..{q.high} unit={q.unit} | {ctx}")


def _ratio(xs: list[bool]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _pct(xs: list[bool]) -> str:
    r = _ratio(xs)
    return "n/a" if r is None else f"{r:.1%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--precision-sample", type=int, metavar="N", default=0,
                        help="instead, print N random extractions from PolNeAR dev to judge by hand")
    parser.add_argument("--seed", type=int, default=1, help="random seed for --precision-sample")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2
    if args.precision_sample:
        precision_sample(args.precision_sample, args.seed)
        return 0
    eval_quantulum(args.verbose)
    print()
    eval_ranges(args.verbose)
    print()
    eval_seeds(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
