"""Cleaning: boilerplate lines and repeated passages out, every removal recorded.

The cleaned text is the raw text's kept lines joined by ``\\n``; ``segments`` map every kept line
back to its raw offset, so evidence can always be shown in the original too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..models import CleanDocument, RawDocument, Removal, Segment
from .boilerplate import BoilerplateRules, load_rules

__all__ = ["content_hash", "run"]

MIN_REPEAT_WORDS = 4
"""A line repeated verbatim (after folding case, quotes and spaces) is removed as a duplicate
passage when it has at least this many words: seed 001 repeats 17 whole paragraphs, the shortest
7 words; shorter repeats ("Yes.", "Why?") are more often real prose than scraping artefacts."""

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def content_hash(raw_text: str) -> str:
    """sha256 of the raw text: the same article gives the same hash, whatever encoding it came in."""
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def _fold(line: str) -> str:
    s = unicodedata.normalize("NFKC", line).translate(_FOLD).casefold()
    return _SPACES.sub(" ", s).strip()


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def run(raw: RawDocument, *, rules: BoilerplateRules | None = None) -> CleanDocument:
    """Clean one document."""
    rules = rules or load_rules()
    removed: list[Removal] = [Removal(kind="other", rule="outside_main_text", text=t, raw_start=-1)
                              for t in raw.dropped]
    kept: list[tuple[int, str]] = []
    seen: set[str] = set()
    in_block: str | None = None
    for raw_pos, line in _lines(raw.text):
        stripped = line.strip()
        if not stripped:
            in_block = None
            continue
        lead = len(line) - len(line.lstrip())
        start = raw_pos + lead
        if in_block and rules.is_block_item(stripped):
            removed.append(Removal(kind="boilerplate", rule=in_block, text=stripped, raw_start=start))
            continue
        in_block = None
        block = rules.block_rule(stripped)
        if block:
            in_block = block
            removed.append(Removal(kind="boilerplate", rule=block, text=stripped, raw_start=start))
            continue
        rule = rules.line_rule(stripped)
        if rule:
            removed.append(Removal(kind="boilerplate", rule=rule, text=stripped, raw_start=start))
            continue
        key = _fold(stripped)
        if key in seen and len(key.split()) >= MIN_REPEAT_WORDS:
            removed.append(Removal(kind="duplicate_passage", rule="repeated_line", text=stripped, raw_start=start))
            continue
        seen.add(key)
        kept.append((start, stripped))
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for raw_start, text in kept:
        segments.append(Segment(clean_start=pos, raw_start=raw_start, length=len(text)))
        parts.append(text)
        pos += len(text) + 1
    return CleanDocument(
        raw=raw,
        text="\n".join(parts),
        removed=tuple(removed),
        segments=tuple(segments),
        content_hash=content_hash(raw.text),
    )
