"""Score claimledger on a second development story built from public data: eight reports of the
Qeshm island earthquake (southern Iran, Sunday 27 November 2005) from ECB+ topic 20 ("ecbplus" half).

usage (from the repo root):
  .venv/bin/python eval/ecb_story.py [--keep DIR] [-v]

The eight documents are materialised at run time from ../shared/eval/ecbplus (nothing third-party is
stored in the repository) into a temporary folder as ``eNN_ecb_20_<n>ecbplus.txt``, with the text
rebuilt from the tokens as natural news text by ``detokenise`` ('120,000 people', 'U.S. Geological Survey',
'1:53 p.m.', 'mud-brick'; eval/ecbplus_eval.py joins the tokens with spaces instead), one line per ECB+
sentence; sentence 0 is the page's URL.  ``manifest.jsonl`` gives each file's outlet and
publication date.  ECB+ has no metadata fields: the outlet is read from the URL in sentence 0 and the
date from the document's own dateline (both by hand, in ``DOCS`` below).  The folder is ingested with
claimledger into a temporary store, the ledger exported and scored by ../shared/tools/score_ledger.py
against eval/gold/ecb_story.json (annotated by hand by ../shared/gold/GUIDELINES.md; see
eval/README.ecb_story.md).

The gold file stores no third-party sentence: each record has an anchor, its offset in the sentence
and the sentence's span in the materialised text.  The scorer is given a copy in which each record's
``sentence`` is restored from that span, so that it finds whole sentences and its ``-v`` listing of
missed claims (which prints the sentence) works.

``--keep DIR`` keeps the materialised documents, the store, the ledger and the gold copy in DIR;
``-v`` is passed to the scorer (per-sentence diagnostics).  Exit status: the scorer's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
ECB_TOPIC = SHARED / "eval" / "ecbplus" / "ECBplus_corpus" / "20"
SCORER = SHARED / "tools" / "score_ledger.py"
SCHEMA = SHARED / "contracts" / "ledger.schema.json"
GOLD = REPO / "eval" / "gold" / "ecb_story.json"
CLAIMLEDGER = Path(sys.executable).parent / "claimledger"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoryDoc:
    """One ECB+ document of the story and the metadata read from its own text."""

    ecb_id: str
    """ECB+ file stem, e.g. ``20_1ecbplus``."""
    name: str
    """File name of the materialised text (its first three characters are the scorer's doc prefix)."""
    outlet: str
    """From the URL in sentence 0."""
    published: str
    """From the document's dateline (its first lines), ISO date."""


DOCS: tuple[StoryDoc, ...] = (
    StoryDoc(ecb_id="20_1ecbplus", name="e01_ecb_20_1ecbplus.txt", outlet="BBC News", published="2005-11-28"),
    StoryDoc(ecb_id="20_3ecbplus", name="e03_ecb_20_3ecbplus.txt", outlet="USA Today", published="2005-11-27"),
    StoryDoc(ecb_id="20_4ecbplus", name="e04_ecb_20_4ecbplus.txt", outlet="TerraDaily", published="2005-11-28"),
    StoryDoc(ecb_id="20_5ecbplus", name="e05_ecb_20_5ecbplus.txt", outlet="Softpedia", published="2005-11-28"),
    StoryDoc(ecb_id="20_6ecbplus", name="e06_ecb_20_6ecbplus.txt", outlet="Democratic Underground",
             published="2005-11-27"),
    StoryDoc(ecb_id="20_7ecbplus", name="e07_ecb_20_7ecbplus.txt", outlet="CBC News", published="2005-11-27"),
    StoryDoc(ecb_id="20_8ecbplus", name="e08_ecb_20_8ecbplus.txt", outlet="The New York Times",
             published="2005-11-28"),
    StoryDoc(ecb_id="20_11ecbplus", name="e11_ecb_20_11ecbplus.txt", outlet="Los Angeles Times",
             published="2005-11-28"),
)


QUOTES = frozenset({'"', "''", "``", "\u201c", "\u201d"})
"""Quotation-mark tokens; a standalone straight one opens or closes by the document's running quote state."""
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", ")", "]", "%", "'s", "'S", "n't", "'", "'re", "'ve",
                             "'ll", "'d", "'m"})
NO_SPACE_AFTER = frozenset({"(", "["})
DIGIT_JOINERS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    ",": (re.compile(r"\d{1,3}"), re.compile(r"\d{3}")),
    ".": (re.compile(r"\d+"), re.compile(r"\d+")),
    ":": (re.compile(r"\d{1,2}"), re.compile(r"\d{2}")),
    "/": (re.compile(r"\d+"), re.compile(r"\d+")),
}
"""Separator -> (left, right) digit groups it joins: 120 , 000 / 5 . 9 / 1 : 53 / 11 / 27.  A comma joins only a
thousands group (three digits on its right), so 'Nov 28 , 2005' becomes 'Nov 28, 2005'."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Detokenised:
    """Natural text rebuilt from ECB+ tokens, with the map from the space-joined text to it."""

    text: str
    """One line per sentence, as in the space-joined text."""
    offsets: tuple[int, ...]
    """For each position of the space-joined text, and its end, the position in ``text``.  A separator (space
    or newline) maps to the end of the token before it, so a span [start, end) of whole tokens maps to
    [offsets[start], offsets[end])."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` that the span [start, end) of the space-joined text became."""
        return self.offsets[start], self.offsets[end]


def _joins_digits(toks: Sequence[str], i: int) -> bool:
    """Whether toks[i] separates two digit groups (the ',' of '120 , 000')."""
    pats = DIGIT_JOINERS.get(toks[i])
    return (pats is not None and 0 < i < len(toks) - 1 and pats[0].fullmatch(toks[i - 1]) is not None
            and pats[1].fullmatch(toks[i + 1]) is not None)


def _initialism_inner(toks: Sequence[str]) -> set[int]:
    """Indices of the tokens after the first of an initialism spelt letter by letter ('U . S .', 'p . m .')."""
    inner: set[int] = set()
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and len(toks[j]) == 1 and toks[j].isalpha() and toks[j + 1] == ".":
            j += 2
        if j - i >= 4:  # two letters at least
            inner.update(range(i + 1, j))
        i = max(j, i + 1)
    return inner


def _opening_quotes(toks: Sequence[str], quote_open: bool) -> tuple[list[bool], bool]:
    """For each token, whether it is a standalone opening quotation mark; and the quote state after the sentence.
    A quote glued to a word ('"We', "''The") opens; a standalone straight quote closes an open quotation and opens
    otherwise, or always at the start of a line.  The state runs over the document: ECB+ splits quotations over
    sentences ('"We were panicked .' / 'I saw ... , " one woman ...')."""
    opening = []
    for i, tok in enumerate(toks):
        is_open = False
        if tok in QUOTES:
            is_open = tok == "\u201c" or (tok != "\u201d" and (i == 0 or not quote_open))
            quote_open = is_open
        elif tok[:1] in ('"', "\u201c") or tok[:2] in ("''", "``"):
            quote_open = True
        elif tok[-1:] in ('"', "\u201d"):
            quote_open = False
        opening.append(is_open)
    return opening, quote_open


def _glued(toks: Sequence[str], i: int, opening: Sequence[bool], inner: set[int]) -> bool:
    """Whether toks[i] follows toks[i - 1] without a space."""
    tok, prev = toks[i], toks[i - 1]
    hyphen_run = tok == "-" and prev == "-"  # '- -' -> '--', spaced on its outer sides
    lone_hyphen = tok == "-" and toks[i + 1 : i + 2] != ["-"] and prev != "-"
    after_lone_hyphen = prev == "-" and tok != "-" and (i < 2 or toks[i - 2] != "-")
    return (i in inner or hyphen_run or lone_hyphen or after_lone_hyphen
            or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
            or (tok in QUOTES and not opening[i]) or (prev in QUOTES and opening[i - 1])
            or _joins_digits(toks, i) or _joins_digits(toks, i - 1))


def detokenise(sentences: Sequence[Sequence[str]]) -> Detokenised:
    """Natural text from tokenised sentences, one line each: no space before , . ; : ? ! ) % 's n't, none after
    ( or an opening quote; digit groups joined (120,000 5.9 1:53 11/27/2005); initialisms joined (U.S. p.m.);
    a single hyphen joined (mud-brick, magnitude-5.9), a '- -' pair kept as a spaced '--'; standalone quotation
    marks paired over the document; a page address (a line starting 'http :') closed up.  Tokens are never
    changed, only the spaces between them go."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    quote_open = False
    for n, toks in enumerate(sentences):
        if n:
            offsets.append(pos)  # the newline, kept
            parts.append("\n")
            pos += 1
        url = len(toks) > 1 and toks[0] in ("http", "https") and toks[1] == ":"
        inner = _initialism_inner(toks)
        opening, quote_open = _opening_quotes(toks, quote_open)
        for i, tok in enumerate(toks):
            if i:
                offsets.append(pos)  # the separating space, kept or not
                if not (url or _glued(toks, i, opening, inner)):
                    parts.append(" ")
                    pos += 1
            offsets.extend(range(pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
    offsets.append(pos)
    return Detokenised(text="".join(parts), offsets=tuple(offsets))


def ecb_sentences(path: Path) -> list[list[str]]:
    """The document's tokens, one list per ECB+ sentence, in sentence order."""
    sentences: dict[int, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    return [sentences[k] for k in sorted(sentences)]


def spaced_text(sentences: Sequence[Sequence[str]]) -> str:
    """The text as eval/ecbplus_eval.py rebuilds it: tokens joined by spaces, one line per sentence."""
    return "\n".join(" ".join(s) for s in sentences)


def ecb_text(path: Path) -> str:
    """The document's text as the story uses it: detokenised, one line per ECB+ sentence."""
    return detokenise(ecb_sentences(path)).text


def materialise(dest: Path, topic_dir: Path = ECB_TOPIC) -> dict[str, str]:
    """Write the story's documents and manifest.jsonl into ``dest``; return {file name: text}."""
    dest.mkdir(parents=True, exist_ok=True)
    texts: dict[str, str] = {}
    lines = []
    for d in DOCS:
        text = ecb_text(topic_dir / f"{d.ecb_id}.xml")
        (dest / d.name).write_text(text, encoding="utf-8")
        texts[d.name] = text
        lines.append(json.dumps({"path": d.name, "outlet": d.outlet, "published": d.published}))
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


def run_story(work: Path, materialise_docs: Callable[[Path], dict[str, str]], gold_path: Path, *,
              verbose: bool) -> int:
    """Materialise (``materialise_docs`` writes the documents and manifest.jsonl into a folder and
    returns {file name: text}), ingest, export and score in ``work``; return the scorer's exit status.
    Shared by the development stories (eval/polnear_story.py)."""
    docs_dir = work / "docs"
    texts = materialise_docs(docs_dir)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
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


def run(work: Path, *, verbose: bool) -> int:
    """Materialise, ingest, export and score in ``work``; return the scorer's exit status."""
    return run_story(work, materialise, GOLD, verbose=verbose)


def story_main(argv: list[str] | None, run_in: Callable[..., int], prefix: str, doc: str | None) -> int:
    """The command line of a development story script: ``--keep DIR`` and ``-v``."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    ap.add_argument("--keep", metavar="DIR", help="keep documents, store, ledger and gold copy in DIR")
    ap.add_argument("-v", "--verbose", action="store_true", help="pass -v to the scorer")
    args = ap.parse_args(argv)
    if args.keep:
        work = Path(args.keep).resolve()
        if (work / "store.db").exists():
            raise SystemExit(f"{work / 'store.db'} exists: choose an empty folder")
        work.mkdir(parents=True, exist_ok=True)
        return run_in(work, verbose=args.verbose)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        return run_in(Path(tmp), verbose=args.verbose)


def main(argv: list[str] | None = None) -> int:
    return story_main(argv, run, "ecb_story_", __doc__)


if __name__ == "__main__":
    sys.exit(main())
