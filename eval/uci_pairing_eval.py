"""Proposition pairing on public headlines: UCI News Aggregator stories annotated by GUIDELINES.md.

usage (from the repo root):
  .venv/bin/python eval/uci_pairing_eval.py [--story STORY ...] [--json OUT] [--merge-threshold T]

Reads the headlines from ../shared/eval/uci-news-aggregator-sample (the CSV stays there) and the
labels from eval/gold/uci_propositions.jsonl (ids, proposition keys, a sha1 of each TITLE; see
eval/README.uci_pairing.md).  Each annotated headline becomes one document (title = the headline,
text = the headline as one sentence, outlet = PUBLISHER, published = the TIMESTAMP's UTC date),
ingested with claimledger's own pipeline into a temporary SQLite store (cleaning, extraction,
story grouping, fusion as ``claimledger ingest`` runs them), then fused again in process with the
gold STORY as the story grouping (``fuse.run(stories=...)``), so that a split story does not
confound the pairing figure.

Printed:
- claims: headlines that gave >= 1 claim, against ``is_claim`` (recall, and false alarms on
  headlines that are no claim);
- stories: how many annotated stories claimledger kept as one story (and predicted stories that
  mix annotated stories);
- pairs: pairwise precision / recall / F1 over the annotated claim headlines — a pair is
  gold-positive when the two share a proposition key (``also`` counted), predicted-positive when
  a claim of each shares a ledger proposition — per story and overall, with claimledger's story
  grouping (``auto``) and with the gold one (``gold``); ``extracted`` restricts to headlines that
  gave a claim (pairing alone, without extraction misses);
- pair score: ROC AUC of fusion's pair score (``pairs.score_pairs`` over all claim pairs of a
  gold story, as eval/pairing_eval.py does for a store), the best pair F1 of the gated score and
  the share of gold pairs blocking makes candidates.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
CSV_PATH = SHARED / "eval" / "uci-news-aggregator-sample" / "uci-news-aggregator.first6366.csv"
GOLD_PATH = REPO / "eval" / "gold" / "uci_propositions.jsonl"
STANCES = frozenset({"asserts", "denies", "declines"})
MIN_DOCUMENT_CHARS = 1
"""Settings.min_document_chars for these documents (the default rejects pages under 40 characters)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Headline:
    id: int
    story: str
    title: str
    publisher: str
    published: str


@dataclasses.dataclass(frozen=True, slots=True)
class Label:
    id: int
    story: str
    is_claim: bool
    keys: frozenset[str]
    """The proposition and its ``also`` keys (empty for a headline that is no claim)."""
    stance: str | None


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_headlines(path: Path = CSV_PATH) -> dict[int, Headline]:
    out: dict[int, Headline] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            day = dt.datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, tz=dt.UTC).date().isoformat()
            # the file escapes parentheses in publisher names ("Reuters UK \(blog\)")
            out[int(r["ID"])] = Headline(id=int(r["ID"]), story=r["STORY"], title=r["TITLE"],
                                         publisher=r["PUBLISHER"].replace("\\", ""), published=day)
    return out


def read_labels(path: Path, headlines: Mapping[int, Headline]) -> list[Label]:
    """The annotation, checked against the CSV (ids, stories, sha1 of each TITLE) and for form."""
    labels: list[Label] = []
    seen: set[int] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        o = json.loads(line)
        where = f"{path.name}:{n}"
        h = headlines.get(o["id"])
        if h is None:
            raise SystemExit(f"{where}: id {o['id']} is not in {CSV_PATH.name}")
        if o["id"] in seen:
            raise SystemExit(f"{where}: id {o['id']} annotated twice")
        seen.add(o["id"])
        if h.story != o["story"] or sha1(h.title) != o["sha1"]:
            raise SystemExit(f"{where}: id {o['id']}: story or TITLE differs from the CSV (changed file?)")
        keys = frozenset(k for k in [o["proposition"], *o["also"]] if k)
        if o["is_claim"] != bool(o["proposition"]) or (not o["is_claim"] and (o["also"] or o["stance"])):
            raise SystemExit(f"{where}: a claim needs a proposition (and a non-claim none, no also, no stance)")
        if o["is_claim"] and o["stance"] not in STANCES:
            raise SystemExit(f"{where}: stance {o['stance']!r}")
        labels.append(Label(id=o["id"], story=o["story"], is_claim=o["is_claim"], keys=keys, stance=o["stance"]))
    return labels


def as_sentence(title: str) -> str:
    """The headline as one sentence: a final full stop unless it ends in one already (or ?, !, …)."""
    t = title.strip()
    return t if t.endswith((".", "?", "!", "…")) else t + "."


# ----------------------------------------------------------------------------- running claimledger

@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    claims_of: Mapping[int, tuple[str, ...]]
    """headline id -> ids of the claims extracted from its document."""
    auto_prop: Mapping[str, str]
    """claim id -> proposition id, claimledger's story grouping."""
    gold_prop: Mapping[str, str]
    """claim id -> proposition id, the gold STORY as story grouping."""
    story_of_doc: Mapping[int, str]
    """headline id -> claimledger's story id."""
    auc: Mapping[str, Any]
    failed: int
    """headlines the pipeline rejected (no document stored)."""


def run_claimledger(headlines: Sequence[Headline], labels: Mapping[int, Label],
                    merge_threshold: float | None = None) -> Run:
    from claimledger import fuse
    from claimledger.fuse.config import FusionSettings
    from claimledger.pipeline import ingest
    from claimledger.settings import Settings
    from claimledger.store import Store
    from claimledger.store.fusion_io import load_fusion_input

    with tempfile.TemporaryDirectory(prefix="uci_pairing_") as tmp:
        records = Path(tmp) / "headlines.jsonl"
        with records.open("w", encoding="utf-8") as fh:
            for h in headlines:
                fh.write(json.dumps({"title": h.title, "text": as_sentence(h.title), "outlet": h.publisher,
                                     "published": h.published}) + "\n")
        # a headline is a document of 15-100 characters: below the default minimum page size
        settings = Settings(db=str(Path(tmp) / "uci.db"), min_document_chars=MIN_DOCUMENT_CHARS)
        store = Store.open(settings.db)
        try:
            report = ingest([str(records)], store=store, settings=settings)
            failed = len(report.failures)
            # the record's source key ends in "#<line>"; line n is headlines[n - 1]
            head_of_doc = {d.id: headlines[int(d.source_key.rsplit("#", 1)[1]) - 1].id for d in store.iter_documents()}
            documents, sources, claims = load_fusion_input(store)
        finally:
            store.close()
    doc_of_head = {h: d for d, h in head_of_doc.items()}
    claims_of: dict[int, list[str]] = {h.id: [] for h in headlines}
    for c in claims:
        claims_of[head_of_doc[c.document_id]].append(c.id)
    fs = FusionSettings() if merge_threshold is None else FusionSettings(merge_threshold=merge_threshold)
    auto = fuse.run(documents, sources, claims, settings=settings, fusion=fs)
    gold_stories = {d: labels[h].story for d, h in head_of_doc.items()}
    gold = fuse.run(documents, sources, claims, settings=settings, fusion=fs, stories=gold_stories)
    return Run(claims_of={k: tuple(sorted(v)) for k, v in claims_of.items()},
               auto_prop=_membership(auto.propositions), gold_prop=_membership(gold.propositions),
               story_of_doc={h.id: auto.stories.get(doc_of_head.get(h.id, ""), "") for h in headlines},
               auc=pair_scores(documents, sources, claims, head_of_doc, labels), failed=failed)


def _membership(props: Iterable[Any]) -> dict[str, str]:
    return {c: p.id for p in props for c in p.claim_ids}


def _pairing_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pairing_eval", REPO / "eval" / "pairing_eval.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load eval/pairing_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pair_scores(documents: Sequence[Any], sources: Sequence[Any], claims: Sequence[Any],
                head_of_doc: Mapping[str, int], labels: Mapping[int, Label]) -> dict[str, Any]:
    """AUC of fusion's pair score over every claim pair within each gold story (pairs of claims of
    one headline left out), pooled over the stories; best F1 of the gated score; candidate recall."""
    from claimledger.fuse.blocking import candidate_pairs
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import build_table
    from claimledger.fuse.origins import assign_origins
    from claimledger.fuse.pairs import score_pairs

    pe = _pairing_eval()
    fs = FusionSettings()
    scores: list[np.ndarray] = []
    gated: list[np.ndarray] = []
    labs: list[np.ndarray] = []
    cands: list[np.ndarray] = []
    by_story: dict[str, list[Any]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        by_story.setdefault(labels[head_of_doc[c.document_id]].story, []).append(c)
    for story in sorted(by_story):
        cs = by_story[story]
        docs = [d for d in documents if d.id in {c.document_id for c in cs}]
        n = len(cs)
        if n < 2:
            continue
        table = build_table(docs, cs, settings=fs)
        pairs = np.array([(i, j) for i in range(n) for j in range(i + 1, n)], np.int64).reshape(-1, 2)
        ps = score_pairs(table, pairs, assign_origins(table, docs, sources, {}).of_claim, settings=fs)
        lab = []
        for i, j in pairs:
            a, b = labels[head_of_doc[cs[i].document_id]], labels[head_of_doc[cs[j].document_id]]
            lab.append(0 if a.id == b.id or not (a.is_claim and b.is_claim) else (1 if a.keys & b.keys else -1))
        cand = candidate_pairs(table, settings=fs)
        cands.append(np.isin(pairs[:, 0] * n + pairs[:, 1], cand[:, 0] * n + cand[:, 1]))
        scores.append(np.asarray(ps.score, np.float64))
        gated.append(np.where(ps.blocked, -np.inf, np.asarray(ps.score, np.float64)))
        labs.append(np.asarray(lab, np.int8))
    if not labs:
        return {}
    lab_all = np.concatenate(labs)
    pos, neg = lab_all == 1, lab_all == -1
    return {"claim_pairs_positive": int(pos.sum()), "claim_pairs_negative": int(neg.sum()),
            "auc_score": pe.roc_auc(np.concatenate(scores), pos, neg),
            "auc_gated": pe.roc_auc(np.concatenate(gated), pos, neg),
            "candidate_recall": float(np.concatenate(cands)[pos].mean()) if pos.any() else float("nan"),
            "best": pe.best_f1(np.concatenate(gated), lab_all)}


# ----------------------------------------------------------------------------- scoring

def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold_pairs": tp + fn, "predicted_pairs": tp + fp, "tp": tp}


def pairing(labels: Sequence[Label], claims_of: Mapping[int, Sequence[str]], prop: Mapping[str, str],
            *, only_extracted: bool = False) -> dict[str, dict[str, float | int]]:
    """Pairwise P/R/F1 over the annotated claim headlines, per story (pairs within it) and overall
    (every pair, so that a proposition across two annotated stories counts as a false positive)."""
    heads = [lab for lab in labels if lab.is_claim and (claims_of[lab.id] or not only_extracted)]
    props = {lab.id: {prop[c] for c in claims_of[lab.id] if c in prop} for lab in heads}
    counts: dict[str, Counter[str]] = {}
    for a, b in itertools.combinations(heads, 2):
        g = bool(a.keys & b.keys)
        p = bool(props[a.id] & props[b.id])
        kind = "tp" if g and p else "fn" if g else "fp" if p else None
        if kind is None:
            continue
        counts.setdefault("overall", Counter())[kind] += 1
        if a.story == b.story:
            counts.setdefault(a.story, Counter())[kind] += 1
    out = {s: prf(cnt["tp"], cnt["fp"], cnt["fn"]) for s, cnt in counts.items()}
    for s in {lab.story for lab in labels} - out.keys():
        out[s] = prf(0, 0, 0)
    out.setdefault("overall", prf(0, 0, 0))
    return out


def story_split(labels: Sequence[Label], story_of_doc: Mapping[int, str]) -> dict[str, Any]:
    """Per gold story: how many claimledger stories its headlines fall in (and the largest share)."""
    per: dict[str, Any] = {}
    owners: dict[str, set[str]] = {}
    for s in sorted({lab.story for lab in labels}):
        got = Counter(story_of_doc[lab.id] for lab in labels if lab.story == s)
        per[s] = {"predicted_stories": len(got), "largest_share": max(got.values()) / sum(got.values())}
        for p in got:
            owners.setdefault(p, set()).add(s)
    return {"kept_whole": sum(v["predicted_stories"] == 1 for v in per.values()), "stories": len(per),
            "mixed_predicted_stories": sum(len(v) > 1 for v in owners.values()), "per_story": per}


def evaluate(labels: Sequence[Label], headlines: Mapping[int, Headline],
             merge_threshold: float | None = None) -> dict[str, Any]:
    by_id = {lab.id: lab for lab in labels}
    run = run_claimledger([headlines[lab.id] for lab in labels], by_id, merge_threshold)
    claim_heads = [lab for lab in labels if lab.is_claim]
    other = [lab for lab in labels if not lab.is_claim]
    out: dict[str, Any] = {
        "headlines": len(labels), "claim_headlines": len(claim_heads), "rejected_by_ingest": run.failed,
        "claims_extracted": sum(len(v) for v in run.claims_of.values()),
        "claim_recall": sum(bool(run.claims_of[lab.id]) for lab in claim_heads) / max(1, len(claim_heads)),
        "claim_false_alarms": f"{sum(bool(run.claims_of[lab.id]) for lab in other)}/{len(other)}",
        "stories": story_split(labels, run.story_of_doc),
        "pairs_auto": pairing(labels, run.claims_of, run.auto_prop),
        "pairs_gold": pairing(labels, run.claims_of, run.gold_prop),
        "pairs_gold_extracted": pairing(labels, run.claims_of, run.gold_prop, only_extracted=True),
        "pair_score": run.auc,
    }
    out["claim_recall_per_story"] = {
        s: sum(bool(run.claims_of[lab.id]) for lab in claim_heads if lab.story == s)
        / max(1, sum(lab.story == s for lab in claim_heads)) for s in sorted({lab.story for lab in labels})}
    return out


def _print(out: Mapping[str, Any]) -> None:
    print(f"headlines {out['headlines']}  claim headlines {out['claim_headlines']}  "
          f"rejected by ingest {out['rejected_by_ingest']}  claims extracted {out['claims_extracted']}")
    print(f"claim recall {out['claim_recall']:.3f}  false alarms (claims on non-claim headlines) "
          f"{out['claim_false_alarms']}")
    st = out["stories"]
    print(f"stories kept whole {st['kept_whole']}/{st['stories']}  predicted stories mixing annotated "
          f"stories {st['mixed_predicted_stories']}")
    names = [*sorted(k for k in out["pairs_gold"] if k != "overall"), "overall"]
    print(f"{'story':32s} {'recall':>6s} {'split':>5s} | {'auto P/R/F1':>17s} | {'gold-story P/R/F1':>17s} | "
          f"{'extracted only':>17s} | gold pairs")
    for s in names:
        a, g, e = out["pairs_auto"][s], out["pairs_gold"][s], out["pairs_gold_extracted"][s]
        rec = f"{out['claim_recall_per_story'][s]:.2f}" if s != "overall" else f"{out['claim_recall']:.2f}"
        split = str(st["per_story"][s]["predicted_stories"]) if s != "overall" else ""
        print(f"{s:32s} {rec:>6s} {split:>5s} | "
              + " | ".join(f"{x['precision']:.2f} {x['recall']:.2f} {x['f1']:.3f}".rjust(17) for x in (a, g, e))
              + f" | {g['gold_pairs']}")
    ps = out["pair_score"]
    if ps:
        b = ps["best"]
        print(f"pair score (claims within a gold story; {ps['claim_pairs_positive']} pos / "
              f"{ps['claim_pairs_negative']} neg): AUC {ps['auc_score']:.3f}, gated {ps['auc_gated']:.3f}; "
              f"candidate recall {ps['candidate_recall']:.3f}; best gated F1 {b['best_f1']:.3f} at {b['at']:.3f} "
              f"(P {b['precision']:.2f} R {b['recall']:.2f}); recall at P>=0.8 {b['recall_at_p80']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--story", action="append", help="only this STORY id (repeatable)")
    ap.add_argument("--csv", default=str(CSV_PATH), help="the UCI headlines CSV")
    ap.add_argument("--gold", default=str(GOLD_PATH), help="the annotation (JSONL)")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--merge-threshold", type=float,
                    help="FusionSettings.merge_threshold for this run (default: fusion's own)")
    args = ap.parse_args(argv)
    headlines = read_headlines(Path(args.csv))
    labels = read_labels(Path(args.gold), headlines)
    if args.story:
        labels = [lab for lab in labels if lab.story in set(args.story)]
        if not labels:
            raise SystemExit(f"no annotated headline in {args.story}")
    out = evaluate(labels, headlines, args.merge_threshold)
    _print(out)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
