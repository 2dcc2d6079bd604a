"""Evaluate claimledger's time finder and normaliser on TempEval-3 (TBAQ-cleaned) and friends.

Run from the repository root::

    PYTHONPATH=src .venv/bin/python eval/tempeval3_eval.py

(a) value accuracy on gold DATE TIMEX3s: each gold DATE's text is normalised with ``normalise()``
    anchored on the document creation time (DCT); the tense passed is that of the verb governing
    the gold span in spaCy's parse (``times_syntax.tense_for_span``), as ``find_times`` does; the
    figure with the tense fixed to "unmarked" (what a sentence without a verb gets) is printed
    beside it.  Figures are also printed for the even-index (development) and odd-index (check)
    halves of the sorted documents; ``--dump FILE`` writes the (b) value misses of the even half.
(b) detection: ``find_times`` spans against all gold TIMEX3 spans (DCT excluded), strict (same
    offsets) and relaxed (any overlap, one-to-one) precision / recall / F1, and value accuracy on
    the relaxed matches.
(c) Recognizers-Text DateTimeModel cases with a reference date (selection printed).
(d) the seeds: gold time values (seeds.json) found by ``find_times`` in the same sentence.

Values are compared after a light canonicalisation of TimeML spellings that mean the same thing:
ISO week numbers zero-padded (``2000-W7`` = ``2000-W07``), decade / century X padding dropped
(``196X`` = ``196``) and all-X finer parts dropped (``1949-XX`` = ``1949``).  Data is read from
``../shared`` next to the repository; nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
TEMPEVAL = SHARED / "eval" / "tempeval3" / "TBAQ-cleaned"
RECOGNIZERS = SHARED / "eval" / "recognizers-text-specs" / "DateTime" / "English" / "DateTimeModel.json"
BATCH_SIZE = 16

sys.path.insert(0, str(ROOT / "src"))

from claimledger.extract.nlp import load_nlp  # noqa: E402
from claimledger.extract.times import find_times, normalise  # noqa: E402
from claimledger.extract.times_syntax import tense_for_span  # noqa: E402


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TmlDoc:
    name: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]


_PIECE = re.compile(r"<(/?)(\w+)([^>]*)>|([^<]+)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> TmlDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    if dct_m is None:
        raise ValueError(f"{path}: no DCT")
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    for m in _PIECE.finditer(body):
        if m.group(4) is not None:
            piece = html.unescape(m.group(4))
            out.append(piece)
            pos += len(piece)
        elif m.group(2) == "TIMEX3":
            if m.group(1):
                if open_timex is not None:
                    s, attrs = open_timex
                    timexes.append(Timex(s, pos, "".join(out)[s:pos], attrs.get("type", ""), attrs.get("value", "")))
                open_timex = None
            else:
                open_timex = (pos, dict(_ATTR.findall(m.group(3))))
    return TmlDoc(path.stem, dt.date.fromisoformat(dct_m.group(1)), "".join(out), tuple(timexes))


def canon(value: str | None) -> str | None:
    if value is None:
        return None
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value.strip())
    v = re.sub(r"^(\d{4}(?:-\d{2})?)(?:-XX)+$", r"\1", v)  # 1949-XX = 1949, 1998-10-XX = 1998-10
    return re.sub(r"^(\d{2,3})X+$", r"\1", v)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class Half:
    """Counts of one half of the documents (even or odd index in sorted order)."""

    date_ok: int = 0
    date_n: int = 0
    value_ok: int = 0
    value_n: int = 0


def evaluate_tempeval(limit: int | None, args_top: int = 15, dump: Path | None = None) -> None:
    paths = sorted(TEMPEVAL.glob("*/*.tml"))[:limit]
    docs = [read_tml(p) for p in paths]
    nlp = load_nlp()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=BATCH_SIZE))
    t_parse = time.perf_counter() - t0
    date_ok = date_ok_past = date_n = 0
    strict_tp = relaxed_tp = n_pred = n_gold = value_ok = value_n = 0
    misses: dict[str, int] = {}
    t_find = 0.0
    halves = (Half(), Half())
    dev_misses: list[str] = []
    for index, (d, doc) in enumerate(zip(docs, parsed, strict=True)):
        half = halves[index % 2]
        for g in d.timexes:
            if g.type != "DATE":
                continue
            date_n += 1
            tense = tense_for_span(doc, g.start, g.end)
            got = normalise(g.text, anchor=d.dct, tense=tense)[0]
            ok = canon(got) == canon(g.value)
            date_ok += ok
            half.date_n += 1
            half.date_ok += ok
            date_ok_past += canon(normalise(g.text, anchor=d.dct, tense="unmarked")[0]) == canon(g.value)
            if not ok:
                key = f"{g.text!r} gold={g.value} got={got}"
                misses[key] = misses.get(key, 0) + 1
        t1 = time.perf_counter()
        found = find_times(doc, anchor=d.dct)
        t_find += time.perf_counter() - t1
        n_pred += len(found)
        n_gold += len(d.timexes)
        gold_spans = {(g.start, g.end) for g in d.timexes}
        strict_tp += sum((t.start, t.end) in gold_spans for t in found)
        used: set[int] = set()
        for t in found:
            for j, g in enumerate(d.timexes):
                if j not in used and t.start < g.end and g.start < t.end:
                    used.add(j)
                    relaxed_tp += 1
                    value_n += 1
                    good = canon(t.value) == canon(g.value)
                    value_ok += good
                    half.value_n += 1
                    half.value_ok += good
                    if not good and index % 2 == 0:
                        sent = doc.char_span(t.start, t.end, alignment_mode="expand")
                        context = sent.sent.text if sent is not None else ""
                        dev_misses.append(f"{d.name}\tdct={d.dct}\t{t.text!r}\tgold={g.text!r}/{g.type}/"
                                          f"{g.value}\tgot={t.value}\t{' '.join(context.split())}")
                    break
    print(f"TempEval-3 TBAQ-cleaned: {len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded)")
    print(f"  spaCy parse {t_parse:.1f}s; find_times {t_find:.2f}s ({100 * t_find / max(t_parse, 1e-9):.1f}% of parse)")
    print(f"(a) DATE value accuracy (normalise on gold spans, tense from parse): "
          f"{date_ok}/{date_n} = {date_ok / max(date_n, 1):.3f}")
    print(f"    same with tense fixed to 'unmarked' (no verb): "
          f"{date_ok_past}/{date_n} = {date_ok_past / max(date_n, 1):.3f}")
    for label, tp in (("strict", strict_tp), ("relaxed", relaxed_tp)):
        p, r, f = prf(tp, n_pred, n_gold)
        print(f"(b) detection {label:<7}: P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp}, predicted={n_pred})")
    print(f"    value accuracy on relaxed matches (all types): {value_ok}/{value_n} = {value_ok / max(value_n, 1):.3f}")
    for name, h in (("even (dev)", halves[0]), ("odd (check)", halves[1])):
        print(f"    {name:<11}: (a) {h.date_ok}/{h.date_n} = {h.date_ok / max(h.date_n, 1):.3f}; "
              f"(b) value {h.value_ok}/{h.value_n} = {h.value_ok / max(h.value_n, 1):.3f}")
    if dump is not None:
        dump.write_text("\n".join(dev_misses) + "\n", encoding="utf-8")
        print(f"    (b) value misses of the even (dev) documents written to {dump}")
    print("    most frequent DATE misses:")
    for k, v in sorted(misses.items(), key=lambda kv: -kv[1])[:args_top]:
        print(f"      {v:3d}  {k}")


def _recognizer_cases() -> Iterator[tuple[str, dt.date, str, int, int, set[str]]]:
    cases = json.loads(RECOGNIZERS.read_text(encoding="utf-8-sig"))
    for case in cases:
        results = case.get("Results") or []
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        if ref is None or len(results) != 1 or "python" in case.get("NotSupported", "").lower():
            continue
        r = results[0]
        if r.get("TypeName") not in ("datetimeV2.date", "datetimeV2.daterange"):
            continue
        values = r["Resolution"]["values"]
        if any("(" in v.get("timex", "") for v in values):
            continue  # ranges "from ... to ..." have no single TIMEX3 value
        accept: set[str] = set()
        for v in values:
            timex = v.get("timex", "")
            if "X" not in timex:
                accept.add(timex)
            elif v.get("type") == "date" and v.get("value"):
                accept.add(v["value"])
            elif re.fullmatch(r"XXXX-\d{2}", timex) and v.get("start"):
                accept.add(v["start"][:7])
        if accept:
            yield case["Input"], dt.date.fromisoformat(ref[:10]), r["Text"], r["Start"], r["End"] + 1, accept


def evaluate_recognizers() -> None:
    if not RECOGNIZERS.exists():
        print("(c) Recognizers-Text specs not found: skipped")
        return
    cases = list(_recognizer_cases())
    nlp = load_nlp()
    ok = 0
    for (_inp, ref, text, s, e, accept), doc in zip(cases, nlp.pipe((c[0] for c in cases), batch_size=64),
                                                  strict=True):
        value = normalise(text, anchor=ref, tense=tense_for_span(doc, s, e))[0]
        ok += canon(value) in {canon(a) for a in accept}
    print(f"(c) Recognizers-Text DateTimeModel.json, single date/daterange results with a reference date, "
          f"supported by the Python port, not from-to ranges: {ok}/{len(cases)} = {ok / max(len(cases), 1):.3f}")


def seed_time_hits(nlp: Any) -> tuple[int, int]:
    """(found, total): required gold time values of the seeds found by find_times in the same sentence."""
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    found = total = 0
    for name, meta in gold["docs"].items():
        text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
        times = find_times(nlp(text), anchor=dt.date.fromisoformat(meta["published"]))
        for s in gold["sentences"]:
            if s["doc"] != name:
                continue
            a, b = s["raw_span"]
            mine = {(t.value or "").split("T")[0] for t in times if a <= t.start < b}
            for g in s.get("times", []):
                if g.get("optional") or g.get("value") is None:
                    continue
                total += 1
                found += bool(mine & {g["value"], *g.get("alt_values", [])})
    return found, total


def evaluate_seeds() -> None:
    if not (SHARED / "gold" / "seeds.json").exists():
        print("(d) seeds gold not found: skipped")
        return
    found, total = seed_time_hits(load_nlp())
    print(f"(d) seeds: gold time values found by find_times in the same sentence: {found}/{total}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N TempEval documents")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write (b) value misses of the even-index (development) documents to this file")
    args = ap.parse_args()
    if not TEMPEVAL.exists():
        print(f"TempEval-3 data not found at {TEMPEVAL}: nothing to do")
        return
    t0 = time.perf_counter()
    evaluate_tempeval(args.limit, dump=args.dump)
    evaluate_recognizers()
    evaluate_seeds()
    print(f"total {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
