"""Sanity checker for the held-out gold set eval/gold/examples.json.

Checks that every sentence and anchor of the gold occurs in the text of its example file
(the raw .txt/.md, the "text" field of the .json, the entity-decoded .html), that each anchor sits
at offset_in_sentence, that boilerplate strings exist in the raw file but in no gold sentence,
that proposition keys have labels, and prints the counts.

usage: python eval/gold/check_gold.py [GOLD.json]     (exit 1 on any failure)
"""

from __future__ import annotations

import html
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[1] / "examples"


def example_text(name: str) -> str:
    """The text a gold sentence of this example file must be a substring of."""
    raw = (EXAMPLES / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        text: str = json.loads(raw)["text"]
        return text
    if name.endswith((".html", ".htm")):
        return html.unescape(raw)
    return raw


def check(gold: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    manifest = [json.loads(line) for line in (EXAMPLES / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    by_path = {m["path"]: m for m in manifest}
    texts: dict[str, str] = {}
    for name, meta in gold["docs"].items():
        if name not in by_path:
            errors.append(f"doc {name} not in manifest.jsonl")
            continue
        for field in ("outlet", "published"):
            if meta.get(field) != by_path[name][field]:
                errors.append(f"doc {name}: {field} {meta.get(field)!r} != manifest {by_path[name][field]!r}")
        texts[name] = example_text(name)
    ids: Counter[str] = Counter()
    labels = gold.get("proposition_labels", {})
    for s in gold["sentences"]:
        ids[s["id"]] += 1
        text = texts.get(s["doc"])
        if text is None:
            errors.append(f"{s['id']}: unknown doc {s['doc']}")
            continue
        if s["sentence"] not in text:
            errors.append(f"{s['id']}: sentence not in {s['doc']}")
        if s["anchor"] not in text:
            errors.append(f"{s['id']}: anchor not in {s['doc']}")
        off = s["offset_in_sentence"]
        if s["sentence"][off:off + len(s["anchor"])] != s["anchor"]:
            errors.append(f"{s['id']}: anchor not at offset_in_sentence {off}")
        keys = [s.get("proposition"), *s.get("also", []), *s.get("alt", {}).get("proposition", [])]
        errors += [f"{s['id']}: proposition {k} has no label" for k in keys if k and k not in labels]
    errors += [f"duplicate sentence id {i}" for i, n in ids.items() if n > 1]
    sentences_by_doc: dict[str, list[str]] = {}
    for s in gold["sentences"]:
        sentences_by_doc.setdefault(s["doc"], []).append(s["sentence"])
    for name, strings in gold.get("boilerplate_absent", {}).items():
        raw = texts.get(name, "")
        for b in strings:
            if b not in raw:
                errors.append(f"{name}: boilerplate string not in the raw file: {b!r}")
            if any(b in sent for sent in sentences_by_doc.get(name, [])):
                errors.append(f"{name}: boilerplate string inside a gold sentence: {b!r}")
    for name, strings in gold.get("dedup", {}).items():
        raw = texts.get(name, "")
        for d in strings:
            if raw.count(d) < 2:
                errors.append(f"{name}: dedup string is not repeated in the raw file: {d[:50]!r}")
    for key, p in gold.get("propositions", {}).items():
        if key not in labels:
            errors.append(f"proposition {key} has no label")
        if len(p["docs"]) < 2:
            errors.append(f"proposition {key} is not cross-document")
    for r in gold.get("relations", []):
        errors += [f"relation key {k} has no label" for k in (r["a"], r["b"]) if k not in labels]
    return errors


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else HERE / "examples.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    errors = check(gold)
    sents = gold["sentences"]
    required = [s for s in sents if s["is_claim"] and not s.get("optional")]
    optional = [s for s in sents if s.get("optional")]
    rels = gold.get("relations", [])
    print(f"documents:                {len(gold['docs'])}")
    print(f"sentences:                {len(sents)}")
    print(f"  required claims:        {len(required)}")
    print(f"  optional:               {len(optional)}")
    print(f"  non-claims:             {len(sents) - len(required) - len(optional)}")
    n_q = sum(1 for s in required for q in s.get("quantities", []) if not q.get("optional"))
    n_t = sum(1 for s in required for t in s.get("times", []) if not t.get("optional") and t["value"] is not None)
    n_high = sum(1 for r in rels if r.get("confidence") == "high")
    print(f"quantities (required):    {n_q}")
    print(f"times (required):         {n_t}")
    print(f"proposition keys:         {len(gold.get('proposition_labels', {}))}")
    print(f"cross-doc propositions:   {len(gold.get('propositions', {}))}")
    print(f"relations:                {len(rels)} ({n_high} high-confidence)")
    print(f"boilerplate strings:      {sum(len(v) for v in gold.get('boilerplate_absent', {}).values())}")
    print(f"dedup strings:            {sum(len(v) for v in gold.get('dedup', {}).values())}")
    for e in errors:
        print("FAIL: " + e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
