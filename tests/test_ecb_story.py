"""The second development story (eval/ecb_story.py, eval/gold/ecb_story.json): eight ECB+ reports of the
2005 Qeshm earthquake, materialised from ../shared at run time and scored by ../shared/tools/score_ledger.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import REPO, need_shared

GOLD_PATH = REPO / "eval" / "gold" / "ecb_story.json"
STANCES = {"asserts", "denies", "declines"}
KINDS = {"person", "organization", "outlet", "anonymous", "social_media"}
QUALIFIERS = {"exact", "approximate", "at_least", "at_most", "range", "vague"}


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses resolve their module by name
    spec.loader.exec_module(mod)
    return mod


es = _load("ecb_story", REPO / "eval" / "ecb_story.py")
GOLD: dict[str, Any] = json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    need_shared("eval", "ecbplus", "ECBplus_corpus", "20")
    out: dict[str, str] = es.materialise(tmp_path_factory.mktemp("ecb_story"))
    return out


def test_gold_is_well_formed() -> None:
    docs = GOLD["docs"]
    assert set(docs) == {d.name for d in es.DOCS}
    assert len({d[:3] for d in docs}) == len(docs), "the scorer tells documents apart by their first 3 characters"
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
        assert all(isinstance(v, list) and v for v in s["via"]), s["id"]
        for q in s["quantities"]:
            assert q["qualifier"] in QUALIFIERS and q["unit"], (s["id"], q)
            if q["qualifier"] in ("exact", "approximate"):
                assert q["low"] == q["high"], (s["id"], q)
            if q["qualifier"] == "at_least":
                assert q["high"] is None, (s["id"], q)
        for k in [s["proposition"], *s["also"], *s.get("alt", {}).get("proposition", [])]:
            assert k is None or k in labels, (s["id"], k)
        if s["is_claim"] and not s["optional"]:
            assert s["proposition"], s["id"]
    by_id = {s["id"]: s for s in GOLD["sentences"]}
    for key, p in GOLD["propositions"].items():
        members = [by_id[m] for m in p["members"]]
        assert all(key in [m["proposition"], *m["also"]] for m in members), key
        assert sorted({m["doc"][:3] for m in members}) == p["docs"] and len(p["docs"]) >= 2, key
        assert p["outlets"] == len({docs[m["doc"]]["outlet"] for m in members}), key
        assert p["independent_origins"] >= 1
    for r in GOLD["relations"]:
        assert r["a"] in labels and r["b"] in labels and r["confidence"] in ("high", "low")


def test_every_anchor_is_found_once_where_its_record_says(texts: dict[str, str]) -> None:
    scorer = _load("score_ledger", need_shared("tools", "score_ledger.py"))
    for s in GOLD["sentences"]:
        text = texts[s["doc"]]
        start, end = s["raw_span"]
        sentence = text[start:end]
        assert "\n" not in sentence and sentence.strip() == sentence, s["id"]
        assert text.count(s["anchor"]) == 1, s["id"]
        assert scorer.DocText(text).count(s["anchor"]) == 1, s["id"]  # as the scorer normalises
        assert sentence[s["offset_in_sentence"]:].startswith(s["anchor"]), s["id"]
        for item in (*s["quantities"], *s["times"]):
            assert item["text"] in sentence, (s["id"], item["text"])


def test_text_is_rebuilt_as_ecbplus_eval_does(texts: dict[str, str], tmp_path: Path) -> None:
    ecb_eval = _load("ecbplus_eval", REPO / "eval" / "ecbplus_eval.py")
    (tmp_path / "20").symlink_to(es.ECB_TOPIC.resolve(), target_is_directory=True)
    theirs = {d.id: d.text for d in ecb_eval.load_ecbplus(tmp_path)}
    for d in es.DOCS:
        assert texts[d.name] == theirs[d.ecb_id]
    es.materialise(tmp_path / "m")
    manifest = [json.loads(line) for line in (tmp_path / "m" / "manifest.jsonl").read_text().splitlines()]
    assert [m["path"] for m in manifest] == [d.name for d in es.DOCS]
    assert all(m["published"] == GOLD["docs"][m["path"]]["published"] for m in manifest)


def test_scorer_gets_the_sentences_back(texts: dict[str, str]) -> None:
    copy = es.gold_with_sentences(GOLD, texts)
    assert all(s["sentence"] and s["anchor"] in s["sentence"] for s in copy["sentences"])
    assert "sentence" not in GOLD["sentences"][0]


@pytest.mark.model
def test_the_story_is_ingested_and_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_shared("tools", "score_ledger.py")
    need_shared("eval", "ecbplus", "ECBplus_corpus", "20")
    assert es.main(["--keep", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    assert "claim_recall" in out and "score: " in out
    ledger = json.loads((tmp_path / "run" / "ledger.json").read_text(encoding="utf-8"))
    assert {Path(d["source_path"]).name for d in ledger["documents"]} == {d.name for d in es.DOCS}
