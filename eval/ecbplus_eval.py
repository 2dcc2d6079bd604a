"""Score story grouping (claimledger.fuse.stories) and topic grouping (claimledger.fuse.topics)
on ECB+ and check them on the seeds and examples.

usage (from the repo root):
  .venv/bin/python eval/ecbplus_eval.py [--cache FILE] [--sweep] [--topic-sweep] [--timing] [--json OUT]

Two levels: **stories** (one developing thread: ``group_stories``) are scored against ECB+'s
events (86); **topics** (stories about the same kind of event or subject: ``assign_topics`` over
those stories) against ECB+'s topics (43).  The topic-level score of the stories themselves is
printed too (``topic_on_stories``) for comparison.

ECB+ (Cybulska & Vossen, LREC 2014) lives in ../shared/eval/ecbplus (read its PROVENANCE.md):
982 documents, 43 topics, each with two real-world events (the ``ecb`` and ``ecbplus`` halves),
so 43 topic clusters and 86 event clusters.  Text is rebuilt from the tokens (one line per
sentence); ECB+ has no titles and no publication dates, so every date is None and the time
factor is neutral.  Entities: spaCy NER (en_core_web_sm via claimledger.extract.nlp.load_nlp,
nlp.pipe) with the project's canonical names (claimledger.extract.entities.canonical_entities),
as the pipeline gives FuseDocument.entities.  ``--cache`` stores them to skip spaCy next time.

Splits: thresholds were calibrated on topics 1-35 ("calibration"); topics 36-45 (the usual ECB+
test topics) are held out.  Each split is grouped on its own (IDF from that split); "all" groups
all 982 documents at once.  Scores: B-cubed precision / recall / F1 and adjusted Rand index:
``topic`` = the topic grouping against ECB+ topics, ``event`` = the story grouping against ECB+
events, ``topic_on_stories`` = the story grouping against ECB+ topics.

Then: the five seeds (../shared/seeds, manifest dates) must be one story; seeds + the example
corpus (examples/manifest.jsonl: 01-06 one invented story, 07 unrelated) must give three
stories with no seed beside an example, and the regatta (07) must not share the seeds' topic.
``--sweep`` prints the stories' calibration grid, ``--topic-sweep`` the topics' (stories at their
defaults); ``--timing`` groups 1k and 10k documents (ECB+ replicated with distinct ids) into
stories and topics and prints seconds.
Last, out of domain: the UCI News Aggregator sample (6,366 dated headlines, no bodies, no
entities, 87 gold stories over 3 days), B-cubed and ARI against its STORY ids.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from claimledger.fuse.records import FuseDocument
from claimledger.fuse.stories import StorySettings, group_stories, story_titles
from claimledger.fuse.topics import TopicSettings, assign_topics

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
ECB_ROOT = SHARED / "eval" / "ecbplus" / "ECBplus_corpus"
HELD_OUT_TOPICS = frozenset(range(36, 46))
"""The usual ECB+ test topics; everything below is the calibration split."""

_NAME = re.compile(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclasses.dataclass(frozen=True, slots=True)
class EcbDoc:
    id: str
    topic: int
    event: str
    text: str


def load_ecbplus(root: Path = ECB_ROOT) -> list[EcbDoc]:
    docs: list[EcbDoc] = []
    for path in sorted(root.glob("*/*.xml")):
        m = _NAME.search(path.name)
        if m is None:
            continue
        sentences: dict[int, list[str]] = {}
        for tok in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        text = "\n".join(" ".join(sentences[k]) for k in sorted(sentences))
        topic = int(m.group(1))
        docs.append(EcbDoc(id=path.stem, topic=topic, event=f"{topic}{m.group(3)}", text=text))
    return docs


def spacy_entities(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Canonical entity names per text, as the pipeline computes FuseDocument.entities."""
    from claimledger.extract.entities import PersonIndex, canonical_entities
    from claimledger.extract.nlp import load_nlp
    from claimledger.extract.sources import SourceRegistry

    nlp = load_nlp()
    registry = SourceRegistry.load()
    out: list[tuple[str, ...]] = []
    for doc in nlp.pipe(texts, batch_size=32):
        ents = canonical_entities(doc, registry, PersonIndex(registry))
        out.append(tuple(e.canonical for e in ents))
    return out


def cached_entities(ids: Sequence[str], texts: Sequence[str], cache: Path | None) -> list[tuple[str, ...]]:
    if cache is not None and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if all(i in stored for i in ids):
            return [tuple(stored[i]) for i in ids]
    ents = spacy_entities(texts)
    if cache is not None:
        cache.write_text(json.dumps(dict(zip(ids, ents, strict=True))), encoding="utf-8")
    return ents


# --- metrics ---

def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    pair = Counter((pred[i], gold[i]) for i in gold)
    psize = Counter(pred[i] for i in gold)
    gsize = Counter(gold.values())
    p = sum(pair[(pred[i], gold[i])] / psize[pred[i]] for i in gold) / len(gold)
    r = sum(pair[(pred[i], gold[i])] / gsize[gold[i]] for i in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(pred: Mapping[str, str], gold: Mapping[str, str]) -> float:
    def c2(x: int) -> float:
        return x * (x - 1) / 2

    n = len(gold)
    index = sum(c2(v) for v in Counter((pred[i], gold[i]) for i in gold).values())
    a = sum(c2(v) for v in Counter(pred[i] for i in gold).values())
    b = sum(c2(v) for v in Counter(gold.values()).values())
    expected = a * b / c2(n) if n > 1 else 0.0
    top = (a + b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def _score(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    p, r, f = bcubed(pred, gold)
    return {"b3_p": round(p, 4), "b3_r": round(r, 4), "b3_f1": round(f, 4), "ari": round(ari(pred, gold), 4)}


def scores(docs: Sequence[EcbDoc], fdocs: Sequence[FuseDocument], settings: StorySettings,
           topic_settings: TopicSettings | None = None, stories: Mapping[str, str] | None = None
           ) -> dict[str, object]:
    """Stories (against events) and topics (against topics) of ``docs``; ``stories`` skips grouping."""
    start = time.perf_counter()
    pred = dict(stories) if stories is not None else group_stories(fdocs, settings=settings)
    secs = time.perf_counter() - start
    start = time.perf_counter()
    of_story = assign_topics(fdocs, pred, settings=topic_settings)
    topic_secs = time.perf_counter() - start
    topics = {d: of_story[s] for d, s in pred.items()}
    topic = {d.id: str(d.topic) for d in docs}
    event = {d.id: d.event for d in docs}
    return {"documents": len(docs), "stories": len(set(pred.values())), "topics_found": len(set(topics.values())),
            "gold_topics": len(set(topic.values())), "gold_events": len(set(event.values())),
            "stories_seconds": round(secs, 2), "topics_seconds": round(topic_secs, 2),
            "topic": _score(topics, topic), "event": _score(pred, event), "topic_on_stories": _score(pred, topic)}


def fuse_docs(docs: Sequence[EcbDoc], ents: Sequence[tuple[str, ...]]) -> list[FuseDocument]:
    return [FuseDocument(id=d.id, outlet=None, published=None, title=None, text=d.text, duplicate_of=None,
                         entities=e) for d, e in zip(docs, ents, strict=True)]


# --- seeds and examples ---

def manifest_docs(manifest: Path, prefix: str) -> list[FuseDocument]:
    from claimledger.ingest.inputs import iter_documents
    from claimledger.models import RawDocument
    from claimledger.settings import Settings

    raws = [r for r in iter_documents([str(manifest)], settings=Settings()) if isinstance(r, RawDocument)]
    ents = spacy_entities([r.text for r in raws])
    return [FuseDocument(id=prefix + Path(r.source_key).stem, outlet=r.outlet, published=r.published,
                         title=r.title, text=r.text, duplicate_of=None, entities=e)
            for r, e in zip(raws, ents, strict=True)]


def check_seeds(settings: StorySettings) -> dict[str, object]:
    seeds = manifest_docs(SHARED / "seeds" / "manifest.jsonl", "seed_")
    examples = manifest_docs(REPO / "examples" / "manifest.jsonl", "ex_")
    alone = group_stories(seeds, settings=settings)
    both = group_stories(seeds + examples, settings=settings)
    seed_stories = {both[d.id] for d in seeds}
    ex_main = {both[d.id] for d in examples if not d.id.startswith("ex_07")}
    unrelated = {both[d.id] for d in examples if d.id.startswith("ex_07")}
    titles = story_titles(seeds + examples, both)
    topics = assign_topics(seeds + examples, both)
    seed_topics = {topics[s] for s in seed_stories}
    return {
        "seeds_alone_stories": len(set(alone.values())),
        "seeds_plus_examples_stories": len(set(both.values())),
        "seeds_one_story": len(seed_stories) == 1,
        "examples_01_06_one_story": len(ex_main) == 1,
        "seeds_apart_from_examples": not (seed_stories & (ex_main | unrelated)),
        "example_07_apart": not (unrelated & (ex_main | seed_stories)),
        "seeds_one_topic": len(seed_topics) == 1,
        "example_07_apart_from_seeds_topic": not ({topics[s] for s in unrelated} & seed_topics),
        "examples_01_06_in_seeds_topic": {topics[s] for s in ex_main} == seed_topics,
        "topics": len(set(topics.values())),
        "titles": {sid: titles[sid] for sid in sorted(set(both.values()))},
        "mapping": dict(sorted(both.items())),
    }


# --- UCI News Aggregator sample: dated headlines with gold story ids (out of domain: no bodies) ---

UCI_CSV = SHARED / "eval" / "uci-news-aggregator-sample" / "uci-news-aggregator.first6366.csv"


def uci_scores(settings: StorySettings) -> dict[str, object]:
    import csv
    import datetime

    docs: list[FuseDocument] = []
    gold: dict[str, str] = {}
    with UCI_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row.get("TIMESTAMP") or not row.get("STORY"):
                continue
            day = datetime.datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, datetime.UTC).date().isoformat()
            docs.append(FuseDocument(id="uci" + row["ID"], outlet=row["PUBLISHER"], published=day,
                                     title=row["TITLE"], text="", duplicate_of=None, entities=()))
            gold["uci" + row["ID"]] = row["STORY"]
    start = time.perf_counter()
    pred = group_stories(docs, settings=settings)
    secs = time.perf_counter() - start
    p, r, f = bcubed(pred, gold)
    return {"documents": len(docs), "gold_stories": len(set(gold.values())), "stories": len(set(pred.values())),
            "b3_p": round(p, 4), "b3_r": round(r, 4), "b3_f1": round(f, 4), "ari": round(ari(pred, gold), 4),
            "seconds": round(secs, 2)}


# --- calibration grid and timing ---

def sweep(docs: Sequence[EcbDoc], fdocs: Sequence[FuseDocument]) -> None:
    print("merge_threshold entity_weight | topic B3-F1 ARI | event B3-F1 ARI | mean B3-F1 | stories")
    for w in (0.0, 0.3, 0.4, 0.5, 0.6):
        for t in (0.04, 0.06, 0.07, 0.08, 0.09, 0.10, 0.12, 0.15, 0.20, 0.25):
            s = scores(docs, fdocs, StorySettings(merge_threshold=t, entity_weight=w))
            tp, ev = s["topic_on_stories"], s["event"]
            assert isinstance(tp, dict) and isinstance(ev, dict)
            mean = (float(tp["b3_f1"]) + float(ev["b3_f1"])) / 2
            print(f"{t:.2f} {w:.1f} | {tp['b3_f1']:.4f} {tp['ari']:.4f} | {ev['b3_f1']:.4f} {ev['ari']:.4f}"
                  f" | {mean:.4f} | {s['stories']}")


def topic_sweep(docs: Sequence[EcbDoc], fdocs: Sequence[FuseDocument]) -> None:
    stories = group_stories(fdocs)
    print("topic_threshold entity_weight | topic B3-P B3-R B3-F1 ARI | topics")
    for w in (0.0, 0.1, 0.2, 0.3):
        for t in (0.08, 0.085, 0.09, 0.095, 0.10, 0.105, 0.11, 0.115, 0.12, 0.125, 0.13, 0.14, 0.15, 0.16):
            s = scores(docs, fdocs, StorySettings(), TopicSettings(threshold=t, entity_weight=w), stories)
            tp = s["topic"]
            assert isinstance(tp, dict)
            print(f"{t:.3f} {w:.1f} | {tp['b3_p']:.4f} {tp['b3_r']:.4f} {tp['b3_f1']:.4f} {tp['ari']:.4f}"
                  f" | {s['topics_found']}")


def timing(fdocs: Sequence[FuseDocument], settings: StorySettings) -> dict[str, float]:
    out: dict[str, float] = {}
    for n in (1_000, 10_000):
        docs = [dataclasses.replace(fdocs[i % len(fdocs)], id=f"{fdocs[i % len(fdocs)].id}#{i // len(fdocs)}")
                for i in range(n)]
        start = time.perf_counter()
        stories = group_stories(docs, settings=settings)
        out[f"{n}_docs_stories_seconds"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        topics = assign_topics(docs, stories)
        out[f"{n}_docs_topics_seconds"] = round(time.perf_counter() - start, 2)
        out[f"{n}_docs_stories"] = len(set(stories.values()))
        out[f"{n}_docs_topics"] = len(set(topics.values()))
    return out


def summary(results: Mapping[str, object]) -> str:
    """The headline figures as a table (topic level on topics, event level on stories)."""
    lines = ["split | docs stories topics | topic B3 P R F1 ARI | event B3 P R F1 ARI | topic-on-stories F1 ARI"]
    for name in ("calibration_topics_1-35", "held_out_topics_36-45", "all_43_topics"):
        r = results[name]
        assert isinstance(r, dict)
        tp, ev, ts = r["topic"], r["event"], r["topic_on_stories"]
        lines.append(f"{name} | {r['documents']} {r['stories']} {r['topics_found']} | "
                     f"{tp['b3_p']:.3f} {tp['b3_r']:.3f} {tp['b3_f1']:.3f} {tp['ari']:.3f} | "
                     f"{ev['b3_p']:.3f} {ev['b3_r']:.3f} {ev['b3_f1']:.3f} {ev['ari']:.3f} | "
                     f"{ts['b3_f1']:.3f} {ts['ari']:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="JSON file caching the ECB+ entities (read if present)")
    ap.add_argument("--sweep", action="store_true", help="print the calibration grid (calibration topics)")
    ap.add_argument("--topic-sweep", action="store_true", help="print the topics' grid (calibration topics)")
    ap.add_argument("--timing", action="store_true", help="time 1k and 10k documents")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    if not ECB_ROOT.is_dir():
        print(f"ECB+ not found at {ECB_ROOT}", file=sys.stderr)
        return 2
    docs = load_ecbplus()
    ents = cached_entities([d.id for d in docs], [d.text for d in docs], args.cache)
    fdocs = fuse_docs(docs, ents)
    calib = [i for i, d in enumerate(docs) if d.topic not in HELD_OUT_TOPICS]
    held = [i for i, d in enumerate(docs) if d.topic in HELD_OUT_TOPICS]
    if args.sweep:
        sweep([docs[i] for i in calib], [fdocs[i] for i in calib])
        return 0
    if args.topic_sweep:
        topic_sweep([docs[i] for i in calib], [fdocs[i] for i in calib])
        return 0
    settings = StorySettings()
    results: dict[str, object] = {"settings": dataclasses.asdict(settings),
                                  "topic_settings": dataclasses.asdict(TopicSettings())}
    for name, rows in (("calibration_topics_1-35", calib), ("held_out_topics_36-45", held),
                       ("all_43_topics", list(range(len(docs))))):
        results[name] = scores([docs[i] for i in rows], [fdocs[i] for i in rows], settings)
    results["seeds"] = check_seeds(settings)
    if UCI_CSV.exists():
        results["uci_headlines"] = uci_scores(settings)
    if args.timing:
        results["timing"] = timing(fdocs, settings)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    print(summary(results), file=sys.stderr)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
