"""Score claimledger on a third development story built from public data: six PolNeAR (train split) articles on
the end of the FBI's Clinton email investigation, 5-13 July 2016 (Comey's statement, Lynch closing the case, the
perjury referral, the FBI handing emails to the State Department).

usage (from the repo root):
  .venv/bin/python eval/polnear_story.py [--keep DIR] [-v]

The documents are materialised at run time from ../shared/eval/polnear/train/text (nothing third-party is stored in
the repository: PolNeAR is research-use, see its PROVENANCE.md) into a temporary folder as ``pNN_<polnear
name>.txt``.  Long articles are truncated to their first N paragraphs (``DocSpec.paragraphs``): the materialised
text is a prefix of the PolNeAR file ending with the N-th non-empty line, and every sentence of it is annotated
(the scorer counts unrecorded sentences as non-claims, so truncation is how the rest is put out of scope).
``manifest.jsonl`` gives each file's outlet, publication date and title from metadata.tsv.  The folder is
ingested with claimledger into a temporary store, the ledger exported and scored by
../shared/tools/score_ledger.py against eval/gold/polnear_story.json (annotated by hand by
../shared/gold/GUIDELINES.md; see eval/README.polnear_story.md).

The gold stores no sentence: each record has an anchor, its offset in the sentence and the sentence's span in the
materialised text.  The scorer is given a copy in which each record's ``sentence`` is restored from that span.

``--keep DIR`` keeps the materialised documents, the store, the ledger and the gold copy in DIR;
``-v`` is passed to the scorer (per-sentence diagnostics).  Exit status: the scorer's.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
POLNEAR = SHARED / "eval" / "polnear"
TEXT_DIR = POLNEAR / "train" / "text"
METADATA = POLNEAR / "metadata.tsv"
SCORER = SHARED / "tools" / "score_ledger.py"
SCHEMA = SHARED / "contracts" / "ledger.schema.json"
GOLD = REPO / "eval" / "gold" / "polnear_story.json"
CLAIMLEDGER = Path(sys.executable).parent / "claimledger"

OUTLETS: dict[str, str] = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}
"""metadata.tsv's publisher slugs -> the outlet names written to the manifest."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DocSpec:
    """One PolNeAR train article of the story."""

    key: str
    """Short id used in gold record ids (``p01``); the first three characters of the materialised name."""
    polnear: str
    """PolNeAR file stem (metadata.tsv's ``filename``)."""
    paragraphs: int | None
    """Keep only the first N paragraphs (non-empty lines); None = the whole article."""

    @property
    def name(self) -> str:
        """File name of the materialised text (its first three characters are the scorer's doc prefix)."""
        return f"{self.key}_{self.polnear}.txt"


SPECS: tuple[DocSpec, ...] = (
    DocSpec(key="p01", polnear="breitbart_2016-07-05_paul-ryan-fbi-decision-not-to-in", paragraphs=None),
    DocSpec(key="p02", polnear="politico_2016-07-05_criminal-charges-against-clinton", paragraphs=12),
    DocSpec(key="p03", polnear="west-journal_2016-07-06_lynch-closes-the-door-on-clinton", paragraphs=None),
    DocSpec(key="p04", polnear="nyt_2016-07-07_in-criticizing-clinton-hints-tha", paragraphs=12),
    DocSpec(key="p05", polnear="politico_2016-07-11_republicans-ask-doj-to-investiga", paragraphs=None),
    DocSpec(key="p06", polnear="wash-post_2016-07-13_after-review-clinton-s-emails-mi", paragraphs=None),
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoryDoc:
    """A story document with its metadata from metadata.tsv."""

    key: str
    polnear: str
    name: str
    paragraphs: int | None
    outlet: str
    published: str
    title: str


def read_metadata(path: Path = METADATA) -> dict[str, dict[str, str]]:
    """metadata.tsv rows of the train split, keyed by file stem."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["filename"]: r for r in rows if r["compartment"] == "train"}


def story_docs(metadata: dict[str, dict[str, str]] | None = None) -> tuple[StoryDoc, ...]:
    """The story's documents with outlet, publication date and title read from metadata.tsv."""
    meta = read_metadata() if metadata is None else metadata
    out = []
    for s in SPECS:
        row = meta[s.polnear]
        out.append(StoryDoc(key=s.key, polnear=s.polnear, name=s.name, paragraphs=s.paragraphs,
                            outlet=OUTLETS[row["publisher"]], published=row["publication_date"], title=row["title"]))
    return tuple(out)


def truncate(text: str, paragraphs: int | None) -> str:
    """The prefix of ``text`` that ends with its N-th non-empty line (the whole text, right-stripped, if None)."""
    if paragraphs is None:
        return text.rstrip()
    seen = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if line.strip():
            seen += 1
            if seen == paragraphs:
                return text[:end].rstrip()
        pos = end
    raise ValueError(f"text has fewer than {paragraphs} paragraphs")


def materialise_texts(text_dir: Path = TEXT_DIR) -> dict[str, str]:
    """{materialised file name: text} for the story's documents."""
    return {s.name: truncate((text_dir / f"{s.polnear}.txt").read_text(encoding="utf-8"), s.paragraphs)
            for s in SPECS}


def materialise(dest: Path) -> dict[str, str]:
    """Write the story's documents and manifest.jsonl into ``dest``; return {file name: text}."""
    dest.mkdir(parents=True, exist_ok=True)
    texts = materialise_texts()
    lines = []
    for d in story_docs():
        (dest / d.name).write_text(texts[d.name], encoding="utf-8")
        lines.append(json.dumps({"path": d.name, "outlet": d.outlet, "published": d.published, "title": d.title},
                                ensure_ascii=False))
    (dest / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def gold_with_sentences(gold: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """A copy of the gold whose records carry their sentence, cut from the materialised text by raw_span."""
    out = dict(gold)
    sents = []
    for s in gold["sentences"]:
        start, end = s["raw_span"]
        sents.append({**s, "sentence": texts[s["doc"]][start:end]})
    out["sentences"] = sents
    return out


def _claimledger(args: list[str], env: dict[str, str], cwd: Path) -> None:
    proc = subprocess.run([str(CLAIMLEDGER), *args], env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"claimledger {args[0]} failed with exit status {proc.returncode}")


def run(work: Path, *, verbose: bool) -> int:
    """Materialise, ingest, export and score in ``work``; return the scorer's exit status."""
    docs_dir = work / "docs"
    texts = materialise(docs_dir)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gold_copy = work / "gold_with_sentences.json"
    gold_copy.write_text(json.dumps(gold_with_sentences(gold, texts), ensure_ascii=False), encoding="utf-8")
    store = work / "store.db"
    ledger = work / "ledger.json"
    env = {**os.environ, "CLAIMLEDGER_DB": str(store), "CLAIMLEDGER_EXTRACTION": "1"}
    # cwd = the work folder, so that no ./claimledger.toml of the caller's folder is read
    _claimledger(["-q", "ingest", str(docs_dir / "manifest.jsonl")], env, work)
    _claimledger(["-q", "export", "-o", str(ledger)], env, work)
    cmd = [sys.executable, str(SCORER), str(ledger), str(gold_copy), "--schema", str(SCHEMA)]
    if verbose:
        cmd.append("-v")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--keep", metavar="DIR", help="keep documents, store, ledger and gold copy in DIR")
    ap.add_argument("-v", "--verbose", action="store_true", help="pass -v to the scorer")
    args = ap.parse_args(argv)
    if args.keep:
        work = Path(args.keep).resolve()
        if (work / "store.db").exists():
            raise SystemExit(f"{work / 'store.db'} exists: choose an empty folder")
        work.mkdir(parents=True, exist_ok=True)
        return run(work, verbose=args.verbose)
    with tempfile.TemporaryDirectory(prefix="polnear_story_") as tmp:
        return run(Path(tmp), verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
