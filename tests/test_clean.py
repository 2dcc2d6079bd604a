"""Cleaning: boilerplate and repeated passages out, every removal recorded, offsets honest."""

from __future__ import annotations

import json

import pytest

from claimledger import clean
from claimledger.clean.boilerplate import load_rules
from claimledger.models import RawDocument

from .conftest import need_shared


def _clean(text: str) -> clean.CleanDocument:  # type: ignore[name-defined]
    return clean.run(RawDocument(source_key="t.txt", text=text))


@pytest.mark.parametrize(("line", "rule"), [
    ("Follow World news", "social_prompt"),
    ("Share this article", "social_prompt"),
    ("Subscribe to get the latest posts sent to your email.", "subscribe_prompt"),
    ("Sign up for our daily newsletter", "subscribe_prompt"),
    ("Want the day's top stories in your inbox? Sign up here.", "newsletter_prompt"),
    ("Discover more from Defence Talks | Defense News Military Pictures", "discover_more"),
    ("Anastasiia Parafeniuk reported from Kyiv, Ukraine, and Mithil Aggarwal reported from Hong Kong.",
     "credit_reporting"),
    ("Reporting by Jane Doe; Editing by John Roe", "credit_byline"),
    ("A soldier at a checkpoint near the border. (Photo by J. Smith/Getty Images)", "photo_credit"),
    ("ADVERTISEMENT", "advertisement"),
    ("🌎", "symbols_only"),
    ("© 2024 The Outlet. All rights reserved.", "copyright"),
    ("Related: Ministers meet in Brussels", "related_inline"),
])
def test_boilerplate_line_rules(line: str, rule: str) -> None:
    assert load_rules().line_rule(line) == rule


@pytest.mark.parametrize("line", [
    "Kremlin spokesman Dmitry Peskov on Thursday dismissed claims as a hoax.",
    "Reuters reported from Moscow that the talks had stalled.",
    "The ministry said it would follow the situation closely and share updates with allies.",
    "Subscribers to the service said prices had doubled.",
    "Moscow Maintains Communication with Pyongyang",
])
def test_prose_is_kept(line: str) -> None:
    assert load_rules().line_rule(line) is None


def test_related_block_and_repeats_are_removed_and_recorded() -> None:
    text = ("First paragraph with enough words to count.\nSecond paragraph, also real prose here.\n"
            "🌎\nFollow World news\nFirst paragraph with enough words to count.\n"
            "Third paragraph keeps going.\nRelated:\n- A headline about something\n- Another headline\n")
    doc = _clean(text)
    assert doc.text == ("First paragraph with enough words to count.\nSecond paragraph, also real prose here.\n"
                        "Third paragraph keeps going.")
    kinds = [(r.kind, r.rule) for r in doc.removed]
    assert ("duplicate_passage", "repeated_line") in kinds
    assert kinds.count(("boilerplate", "related_list")) == 3
    assert {r.text for r in doc.removed} >= {"🌎", "Follow World news", "- Another headline"}


def test_offsets_map_back_to_the_raw_text() -> None:
    raw = "  Lead paragraph here, indented.\nFollow World news\n\nThe minister said forty trucks crossed.\n"
    doc = _clean(raw)
    for seg in doc.segments:
        assert doc.text[seg.clean_start:seg.clean_start + seg.length] == raw[seg.raw_start:seg.raw_start + seg.length]
    for r in doc.removed:
        assert raw[r.raw_start:r.raw_start + len(r.text)] == r.text


def test_same_content_same_hash_whatever_the_encoding() -> None:
    from claimledger.ingest.decode import decode_bytes

    text = "Zelenskyy said “two brigades of 6,000 personnel each”.\n"
    a, _ = decode_bytes(text.encode("utf-8"), "a")
    b, _ = decode_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "b")
    assert clean.content_hash(a) == clean.content_hash(b)


def test_seeds_clean_as_the_gold_expects() -> None:
    """Every boilerplate string of the gold is gone, every dedup string appears exactly once."""
    gold = json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))
    seeds = need_shared("seeds")
    for name in gold["docs"]:
        text = (seeds / name).read_text(encoding="utf-8")
        doc = _clean(text)
        for s in gold["boilerplate_absent"].get(name, []):
            assert s not in doc.text, (name, s)
        for s in gold["dedup"].get(name, []):
            assert doc.text.count(s) == 1, (name, s)
        assert len(doc.text) > 0.4 * len(text)
