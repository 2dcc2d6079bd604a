"""The second development story (eval/ecb_story.py, eval/gold/ecb_story.json): eight ECB+ reports of the
2005 Qeshm earthquake, materialised from ../shared at run time and scored by ../shared/tools/score_ledger.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, load_script, need_shared

GOLD_PATH = REPO / "eval" / "gold" / "ecb_story.json"
STANCES = {"asserts", "denies", "declines"}
KINDS = {"person", "organization", "outlet", "anonymous", "social_media"}
QUALIFIERS = {"exact", "approximate", "at_least", "at_most", "range", "vague"}


es = load_script(REPO / "eval" / "ecb_story.py", "ecb_story")
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
    scorer = load_script(need_shared("tools", "score_ledger.py"), "score_ledger")
    for s in GOLD["sentences"]:
        text = texts[s["doc"]]
        start, end = s["raw_span"]
        sentence = text[start:end]
        assert "\n" not in sentence and sentence.strip() == sentence, s["id"]
        assert text.count(s["anchor"]) == 1, s["id"]
        assert scorer.DocText(text).count(s["anchor"]) == 1, s["id"]  # as the scorer normalises
        assert sentence[s["offset_in_sentence"]:].startswith(s["anchor"]), s["id"]
        assert (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n"), s["id"]
        for item in (*s["quantities"], *s["times"], *({"text": c} for c in s["hedge_cues"])):
            assert item["text"] in sentence, (s["id"], item["text"])
            assert not re.search(r"\d [,.:] \d| - |\( | \)", item["text"]), (s["id"], item["text"])  # detokenised


def _detok(line: str) -> str:
    return str(es.detokenise([line.split(" ")]).text)


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("home to 120 , 000 people , and", "home to 120,000 people, and"),
        ("The 6 . 1 - magnitude quake", "The 6.1-magnitude quake"),
        ("the U . S . Geological Survey in Colo . , said", "the U.S. Geological Survey in Colo., said"),
        ("It hit at 1 : 53 p . m . local time", "It hit at 1:53 p.m. local time"),
        ("about 58km ( 36 miles ) south - west of", "about 58km (36 miles) south-west of"),
        ("razed mud - brick villages off Iran 's coast", "razed mud-brick villages off Iran's coast"),
        ("it is n't 40 % ; no !", "it isn't 40%; no!"),
        ("Posted : Nov 27 , 2005 8 : 20 AM", "Posted: Nov 27, 2005 8:20 AM"),  # a year is no thousands group
        ("Posted 11 / 27 / 2005 7 : 21 AM", "Posted 11/27/2005 7:21 AM"),
        ("the city of Bam - - situated 300 kilometers", "the city of Bam -- situated 300 kilometers"),
        ('It \'s " full of wounded , " the agency reported .', 'It\'s "full of wounded," the agency reported.'),
        ("http : / / www . cbc . ca / news / strong - quake - 1 . 563290", "http://www.cbc.ca/news/strong-quake-1.563290"),
    ],
)
def test_detokenise_rebuilds_news_text(tokens: str, text: str) -> None:
    assert _detok(tokens) == text


def test_detokenise_pairs_quotes_over_sentences_and_maps_offsets() -> None:
    sents = [['"We', "were", "panicked", "."], ["I", "saw", "it", ",", '"', "one", "woman", "said", "."],
             ['"', "Yes", ",", '"', "he", "said", "."]]
    det = es.detokenise(sents)
    assert det.text == '"We were panicked.\nI saw it," one woman said.\n"Yes," he said.'
    spaced = es.spaced_text(sents)
    assert len(det.offsets) == len(spaced) + 1
    # a span of whole tokens maps to the same tokens in the new text; a separator maps to the end of the token before
    assert det.text[slice(*det.span(spaced.index("saw"), spaced.index(" one")))] == 'saw it,"'
    assert det.text[slice(*det.span(spaced.index("one"), spaced.index("said") + 6))] == "one woman said."
    assert det.span(spaced.index("Yes"), len(spaced)) == (det.text.index("Yes"), len(det.text))
    assert det.span(0, 3) == (0, 3)


def test_text_is_ecbplus_evals_detokenised(texts: dict[str, str], tmp_path: Path) -> None:
    """The tokens are those eval/ecbplus_eval.py joins with spaces; detokenising only takes spaces away and keeps
    every line, and the offset map sends each character of the spaced text to the same character."""
    ecb_eval = load_script(REPO / "eval" / "ecbplus_eval.py", "ecbplus_eval")
    (tmp_path / "20").symlink_to(es.ECB_TOPIC.resolve(), target_is_directory=True)
    theirs = {d.id: d.text for d in ecb_eval.load_ecbplus(tmp_path)}
    for d in es.DOCS:
        sentences = es.ecb_sentences(es.ECB_TOPIC / f"{d.ecb_id}.xml")
        spaced = es.spaced_text(sentences)
        assert spaced == theirs[d.ecb_id]
        det = es.detokenise(sentences)
        assert texts[d.name] == det.text
        assert det.text.replace(" ", "") == spaced.replace(" ", "")
        assert det.text.count("\n") == spaced.count("\n")
        assert all(det.text[det.offsets[i]] == ch for i, ch in enumerate(spaced) if ch != " ")
        assert not any(t in det.text for t in (" , ", " . ", "U . S", "( ", " )", " 's", "0 , 0"))
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
    # every member of a proposition of several claims says why it joined (a claim whose best pair led to
    # another proposition joined through a lesser one and once fell back to "stands alone")
    for p in ledger["propositions"]:
        if len(p["claim_ids"]) > 1:
            assert all(p["merge_reasons"][c].startswith(("joined: ", "copies ")) for c in p["claim_ids"]), p["id"]
    # the evidence behind credibility 1 (fuse/corroboration.py, eval/corroboration_eval.py): on this story every
    # proposition whose best cross-document pair of two origins reaches the threshold has origins stating the same
    # thing by the gold; below it, some do not
    ce = load_script(REPO / "eval" / "corroboration_eval.py", "corroboration_eval")
    assert ce.main(["--db", str(tmp_path / "run" / "store.db"),
                    "--gold", str(tmp_path / "run" / "gold_with_sentences.json")]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["at_or_above"]["different"] == 0 and summary["at_or_above"]["same"] >= 10
    assert summary["below"]["different"] >= 3
    confirmed = [p for p in ledger["propositions"] if p["credibility"] == 1]
    assert confirmed and all(p["corroboration"] for p in confirmed)
