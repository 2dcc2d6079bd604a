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

import csv
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecb_story import gold_with_sentences as gold_with_sentences  # re-exported for the tests
from ecb_story import run_story, story_main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
POLNEAR = SHARED / "eval" / "polnear"
TEXT_DIR = POLNEAR / "train" / "text"
METADATA = POLNEAR / "metadata.tsv"
GOLD = REPO / "eval" / "gold" / "polnear_story.json"

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


def run(work: Path, *, verbose: bool) -> int:
    """Materialise, ingest, export and score in ``work``; return the scorer's exit status."""
    return run_story(work, materialise, GOLD, verbose=verbose)


def main(argv: list[str] | None = None) -> int:
    return story_main(argv, run, "polnear_story_", __doc__)


if __name__ == "__main__":
    sys.exit(main())
