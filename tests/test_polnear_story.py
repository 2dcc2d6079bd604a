"""The third development story (eval/polnear_story.py, eval/gold/polnear_story.json): six PolNeAR train articles on
the end of the FBI's Clinton email investigation (July 2016), materialised from ../shared at run time (possibly
truncated to their first paragraphs) and scored by ../shared/tools/score_ledger.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, load_script, need_shared

GOLD_PATH = REPO / "eval" / "gold" / "polnear_story.json"
STANCES = {"asserts", "denies", "declines"}
KINDS = {"person", "organization", "outlet", "anonymous", "social_media"}
QUALIFIERS = {"exact", "approximate", "at_least", "at_most", "range", "vague"}

ps = load_script(REPO / "eval" / "polnear_story.py", "polnear_story")
GOLD: dict[str, Any] = json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    need_shared("eval", "polnear", "train", "text")
    out: dict[str, str] = ps.materialise_texts()
    return out


def _keys(s: dict[str, Any]) -> list[str]:
    return [s["proposition"], *s["also"], *s.get("alt", {}).get("proposition", [])]


def test_gold_is_well_formed() -> None:
    docs = GOLD["docs"]
    assert GOLD["format"] == "claimledger-gold/1"
    assert set(docs) == {s.name for s in ps.SPECS}
    assert len({d[:3] for d in docs}) == len(docs), "the scorer tells documents apart by their first 3 characters"
    assert all(docs[s.name]["paragraphs_kept"] == s.paragraphs for s in ps.SPECS)
    labels = GOLD["proposition_labels"]
    ids = [s["id"] for s in GOLD["sentences"]]
    assert len(ids) == len(set(ids))
    for s in GOLD["sentences"]:
        assert "sentence" not in s, f"{s['id']}: third-party sentences are not stored"
        assert s["doc"] in docs
        assert 25 <= len(s["anchor"]) <= 60, s["id"]
        assert s["stance"] in STANCES and s["speaker_kind"] in KINDS, s["id"]
        assert isinstance(s["is_claim"], bool) and isinstance(s["hedged"], bool) and isinstance(s["optional"], bool)
        assert all(isinstance(a, str) and a == a.lower() for a in s["speaker"]), s["id"]
        assert (s["speaker_kind"] == "outlet") == (not s["speaker"]), s["id"]
        assert all(isinstance(v, list) and v for v in s["via"]), s["id"]
        for q in s["quantities"]:
            assert q["qualifier"] in QUALIFIERS and q["unit"], (s["id"], q)
            if q["qualifier"] in ("exact", "approximate"):
                assert q["low"] == q["high"], (s["id"], q)
            if q["qualifier"] == "at_least":
                assert q["high"] is None, (s["id"], q)
        for k in _keys(s):
            assert k in labels, (s["id"], k)
        assert s["proposition"], s["id"]
    by_id = {s["id"]: s for s in GOLD["sentences"]}
    for key, p in GOLD["propositions"].items():
        assert key in labels
        members = [by_id[m] for m in p["members"]]
        assert all(key in [m["proposition"], *m["also"]] and not m["optional"] for m in members), key
        assert sorted({m["doc"][:3] for m in members}) == p["docs"] and len(p["docs"]) >= 2, key
        assert p["outlets"] == len({docs[m["doc"]]["outlet"] for m in members}), key
        assert p["independent_origins"] >= 1 and p["confidence"] in ("high", "low"), key
        assert p["origins_reasoning"], key
    # every required key held by two or more documents is a cross-document proposition with its origins
    held: dict[str, set[str]] = {}
    for s in GOLD["sentences"]:
        if not s["optional"]:
            for k in (s["proposition"], *s["also"]):
                held.setdefault(k, set()).add(s["doc"])
    assert {k for k, d in held.items() if len(d) >= 2} == set(GOLD["propositions"])
    for r in GOLD["relations"]:
        assert r["a"] in labels and r["b"] in labels and r["a"] != r["b"], r
        assert r["kind"] in ("contradicts", "differs", "updates", "supports") and r["confidence"] in ("high", "low")
        assert set(r.get("alt_kinds", [])) <= {"contradicts", "differs", "updates", "supports"}


def test_every_anchor_is_found_once_where_its_record_says(texts: dict[str, str]) -> None:
    scorer = load_script(need_shared("tools", "score_ledger.py"), "score_ledger")
    last_end: dict[str, int] = {}
    for s in GOLD["sentences"]:
        text = texts[s["doc"]]
        start, end = s["raw_span"]
        assert last_end.get(s["doc"], 0) <= start < end <= len(text), s["id"]  # in order, not overlapping
        last_end[s["doc"]] = end
        sentence = text[start:end]
        assert "\n" not in sentence and sentence.strip() == sentence, s["id"]
        assert start == 0 or text[start - 1] in " \u00a0\n>", s["id"]  # a sentence (or a tweet's text) starts here
        assert end == len(text) or text[end] in " \u00a0\n<", s["id"]
        assert text.count(s["anchor"]) == 1, s["id"]
        assert scorer.DocText(text).count(s["anchor"]) == 1, s["id"]  # as the scorer normalises
        assert sentence[s["offset_in_sentence"]:].startswith(s["anchor"]), s["id"]
        for item in (*s["quantities"], *s["times"], *({"text": c} for c in s["hedge_cues"])):
            assert item["text"] in sentence, (s["id"], item["text"])


def test_materialised_texts_are_prefixes_of_polnear(texts: dict[str, str], tmp_path: Path) -> None:
    """Truncation keeps the first N paragraphs exactly (so gold offsets are offsets into the PolNeAR file too), and
    the manifest carries metadata.tsv's date and title and the mapped outlet name."""
    for spec in ps.SPECS:
        full = (ps.TEXT_DIR / f"{spec.polnear}.txt").read_text(encoding="utf-8")
        text = texts[spec.name]
        assert full.startswith(text)
        paragraphs = [line for line in text.splitlines() if line.strip()]
        assert len(paragraphs) == (spec.paragraphs or len([ln for ln in full.splitlines() if ln.strip()]))
    assert ps.truncate("a\n\nb\n\nc\n", 2) == "a\n\nb"
    with pytest.raises(ValueError):
        ps.truncate("a\n\nb\n", 3)
    written = ps.materialise(tmp_path)
    assert written == texts
    manifest = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [m["path"] for m in manifest] == [s.name for s in ps.SPECS]
    for m in manifest:
        assert m["published"] == GOLD["docs"][m["path"]]["published"]
        assert m["outlet"] == GOLD["docs"][m["path"]]["outlet"]
        assert m["title"] and (tmp_path / m["path"]).read_text(encoding="utf-8").startswith(m["title"][:20])


def test_scorer_accepts_the_gold_and_gets_the_sentences_back(texts: dict[str, str]) -> None:
    copy = ps.gold_with_sentences(GOLD, texts)
    assert all(s["sentence"] and s["anchor"] in s["sentence"] for s in copy["sentences"])
    assert "sentence" not in GOLD["sentences"][0]


@pytest.mark.model
def test_the_story_is_ingested_and_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_shared("tools", "score_ledger.py")
    need_shared("eval", "polnear", "train", "text")
    assert ps.main(["--keep", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    assert "claim_recall" in out and "score: " in out
    ledger = json.loads((tmp_path / "run" / "ledger.json").read_text(encoding="utf-8"))
    assert {Path(d["source_path"]).name for d in ledger["documents"]} == {s.name for s in ps.SPECS}
