"""Scaling benchmark of proposition building: time and peak memory at 10k, 100k and 1M claims.

Synthetic claims are made from real sentences of the development data (PolNeAR train texts,
../shared/eval/polnear/train/text): each claim template splices the first half of one real
sentence to the second half of another, and every template is used by ~8 claims in different
documents, each copy with ~15% of its words dropped (paraphrase-like near duplicates).  One
template per 8 claims at every size keeps the data's shape independent of the size, so the
timings compare like with like.  Sources (2,000 people/bodies in 20 countries), stances (90%
asserts, 7% denies, 3% declines), counted things (20% of claims) and event months are drawn from
a seeded generator: the same input at every run.  Predicates (the claim record's ``predicates``,
read by the negation contradictions): 65% of claims carry one made from their template (a verb-like
word of its second half and its last word as the theme, so the claims of one template share them),
8% of those negated; ``--no-predicates`` leaves them out (the input before the eighth session).

Each size runs in a fresh process (``--one N``) so its peak RSS is its own.  Usage::

    .venv/bin/python bench/fusion_scaling.py                 # 10k, 100k, 1M
    .venv/bin/python bench/fusion_scaling.py --sizes 10000   # one size
    .venv/bin/python bench/fusion_scaling.py --embedder hashing
    .venv/bin/python bench/fusion_scaling.py --sizes 300000 --stages   # CPU s and RSS per stage

Prints one JSON line per size: claims, seconds and CPU seconds (fusion only, input building
excluded; CPU time is the fairer figure on a shared machine),
peak RSS (MB, whole process), RSS before fusion, propositions, relations, the load average
(``os.getloadavg()``) at the end, with ``--stages`` each stage's CPU seconds, RSS at its start
and highest RSS during it (sampled every 20 ms), and a digest of the whole output (to check that
two trees give the same fusion; taken after the figures).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import claimledger.fuse as fuse_pkg  # noqa: E402
from claimledger.fuse import run  # noqa: E402
from claimledger.fuse.config import FusionSettings  # noqa: E402
from claimledger.fuse.records import FuseClaim, FuseDocument, FuseSource, Fusion  # noqa: E402
from claimledger.settings import Settings  # noqa: E402

TEXTS = ROOT / ".." / "shared" / "eval" / "polnear" / "train" / "text"
CLAIMS_PER_TEMPLATE = 8
CLAIMS_PER_DOC = 20
UNITS = ["troop", "soldier", "civilian", "vote", "dollar", "job", "delegate", "voter", "immigrant", "officer"]
COUNTRIES = ["US", "RU", "UA", "KP", "KR", "CN", "GB", "FR", "DE", "JP", "IN", "BR", "MX", "CA", "IL",
             "IR", "TR", "PL", "LT", "IT"]
_EMPTY: tuple[()] = ()


def real_sentences() -> list[str]:
    out = []
    for p in sorted(TEXTS.glob("*.txt")):
        for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8", errors="replace")):
            s = " ".join(s.split())
            if 40 <= len(s) <= 300:
                out.append(s)
    return out


def _template_predicate(words: list[str]) -> tuple[str, str] | None:
    """(lemma, theme) of a template: its first longer word of the second half, its last longer word."""
    longer = [w.lower().strip(".,;:'\"()") for w in words]
    longer = [w for w in longer if len(w) > 3 and w.isalpha()]
    if len(longer) < 2:
        return None
    half = longer[len(longer) // 2:]
    return half[0], longer[-1]


def make_input(n: int, seed: int = 7, predicates: bool = True
               ) -> tuple[list[FuseDocument], list[FuseSource], list[FuseClaim]]:
    rng = np.random.default_rng(seed)
    sents = real_sentences()
    n_templates = max(1, n // CLAIMS_PER_TEMPLATE)
    a = rng.integers(0, len(sents), n_templates)
    b = rng.integers(0, len(sents), n_templates)
    templates = []
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        wa, wb = sents[i].split(), sents[j].split()
        templates.append(wa[: max(3, len(wa) // 2)] + wb[len(wb) // 2:])
    n_docs = max(1, n // CLAIMS_PER_DOC)
    outlets = [f"Outlet {k}" for k in range(max(1, n_docs // 50))]
    docs = [FuseDocument(id=f"d_{k:08d}", outlet=outlets[k % len(outlets)],
                         published=f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}", title=None, text="",
                         duplicate_of=None, entities=()) for k in range(n_docs)]
    sources = [FuseSource(id=f"s_{k:06d}", name=f"Source {k}", kind="person" if k % 3 else "organization",
                          affiliation="Ministry of Defence" if k % 7 == 0 else None,
                          country=COUNTRIES[k % len(COUNTRIES)], aliases=(), reliability="ABCDEF"[k % 6])
               for k in range(2000)]
    tmpl = rng.permutation(np.arange(n) % n_templates)
    src = rng.integers(-1, len(sources), n)
    stance = rng.choice(np.array(["asserts", "denies", "declines"]), n, p=[0.9, 0.07, 0.03])
    has_q = rng.random(n) < 0.2
    qval = np.round(np.exp(rng.uniform(1, 11, n)))
    unit = rng.integers(0, len(UNITS), n)
    month = rng.integers(1, 13, n)
    has_t = rng.random(n) < 0.3
    # a generator of their own: the rest of the input is the one of earlier builds, predicates or not
    prng = np.random.default_rng(seed + 1)
    has_p = prng.random(n) < 0.65
    negated = prng.random(n) < 0.08
    frames = [_template_predicate(t) for t in templates]
    # one record list per template and polarity, shared by its claims (like ``_EMPTY``: the bench
    # measures fusion, not the caller's copies of identical records)
    shared: dict[tuple[int, bool], list[dict[str, object]]] = {}
    claims = []
    for i in range(n):
        words = templates[int(tmpl[i])]
        keep = rng.random(len(words)) > 0.15
        text = " ".join(w for w, k in zip(words, keep.tolist(), strict=True) if k) or words[0]
        qs = ({"text": f"{int(qval[i]):,}", "span": (0, 1), "value": float(qval[i]), "low": float(qval[i]),
               "high": float(qval[i]), "qualifier": "exact", "unit": UNITS[int(unit[i])]},) if has_q[i] else _EMPTY
        ts = ({"text": "in month", "value": f"2024-{int(month[i]):02d}", "role": "event"},) if has_t[i] else _EMPTY
        s = int(src[i])
        frame = frames[int(tmpl[i])] if predicates and has_p[i] else None
        ps: object = _EMPTY
        if frame:
            ps = shared.setdefault((int(tmpl[i]), bool(negated[i])), [
                {"lemmas": [frame[0]], "negated": bool(negated[i]), "agent": None, "themes": [frame[1]],
                 "obliques": [], "modal": None, "span": [0, 1]}])
        claims.append(FuseClaim(id=f"c_{i:010d}", document_id=docs[i % n_docs].id, start=(i // n_docs) * 400,
                                end=(i // n_docs) * 400 + len(text), text=text,
                                source_id=sources[s].id if s >= 0 else None, via=(), stance=str(stance[i]),
                                hedged=False, hedges=(), said_on=None,
                                record={"quantities": qs, "times": ts, "entities": _EMPTY, "predicates": ps}))
    return docs, sources, claims


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


STAGES = ("build_table", "candidate_pairs", "score_pairs", "find_copies", "cluster_claims", "corroborating_pairs",
          "build_propositions", "find_relations")
"""The stages of ``fuse.run`` timed by ``--stages`` (names looked up in ``claimledger.fuse``)."""


def _current_rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class StageTimer:
    """CPU seconds and highest RSS (sampled every 20 ms from /proc) of each stage of ``fuse.run``."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, float]] = {}
        self.high = 0.0
        threading.Thread(target=self._sample, daemon=True).start()
        for name in STAGES:
            setattr(fuse_pkg, name, self._wrap(name, getattr(fuse_pkg, name)))

    def _sample(self) -> None:
        while True:
            self.high = max(self.high, _current_rss_mb())
            time.sleep(0.02)

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = _current_rss_mb()
            self.high = start
            cpu = time.process_time()
            out = fn(*args, **kwargs)
            self.high = max(self.high, _current_rss_mb())
            self.rows[name] = {"cpu_s": round(time.process_time() - cpu, 1), "rss_start_mb": round(start),
                               "rss_high_mb": round(self.high)}
            return out
        return timed


def one(n: int, embedder: str, stages: bool = False, predicates: bool = True) -> dict[str, object]:
    docs, sources, claims = make_input(n, predicates=predicates)
    timer = StageTimer() if stages else None
    before = rss_mb()
    t = time.perf_counter()
    cpu = time.process_time()
    fusion = run(docs, sources, claims, settings=Settings(), fusion=FusionSettings(embedder=embedder),
                 stories={d.id: "st_bench" for d in docs})
    secs = time.perf_counter() - t
    cpu_secs = time.process_time() - cpu
    row = {"claims": n, "seconds": round(secs, 2), "cpu_seconds": round(cpu_secs, 2),
           "peak_rss_mb": round(rss_mb()), "rss_before_mb": round(before),
           "propositions": len(fusion.propositions), "relations": len(fusion.relations),
           "multi_claim_propositions": sum(1 for p in fusion.propositions if len(p.claim_ids) > 1),
           "loadavg": [round(x, 2) for x in os.getloadavg()],
           **({"stages": timer.rows} if timer else {})}
    return {**row, "digest": output_digest(fusion)}


def output_digest(fusion: Fusion) -> str:
    """SHA-256 of the fusion's output (every proposition, relation, timeline entry and extra source,
    by ``repr``), taken after the figures: two trees compare by it (the same output or not)."""
    h = hashlib.sha256()
    for part in (fusion.propositions, fusion.relations, fusion.timeline, fusion.extra_sources):
        for x in part:
            h.update(repr(x).encode())
        h.update(b"\x00")
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--embedder", default="minilm-m2v")
    ap.add_argument("--stages", action="store_true", help="also time each stage (CPU s, highest RSS)")
    ap.add_argument("--no-predicates", action="store_true", help="no predicates (earlier builds input)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.embedder, args.stages, not args.no_predicates)), flush=True)
        return
    rows = []
    print(json.dumps({"loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}), flush=True)
    for n in [int(x) for x in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(n), "--embedder", args.embedder]
        extra = (["--stages"] if args.stages else []) + (["--no-predicates"] if args.no_predicates else [])
        out = subprocess.run(cmd + extra, capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    for key in ("seconds", "cpu_seconds"):
        by = {int(str(r["claims"])): float(str(r[key])) for r in rows}
        if 100_000 in by and 1_000_000 in by:
            print(json.dumps({f"{key}_ratio_1M_over_100k": round(by[1_000_000] / by[100_000], 2)}))


if __name__ == "__main__":
    main()
