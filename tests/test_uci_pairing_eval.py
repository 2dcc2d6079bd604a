"""The public pairing set (eval/gold/uci_propositions.jsonl) and its evaluation (eval/uci_pairing_eval.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from .conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / ".." / "shared" / "eval" / "uci-news-aggregator-sample" / "uci-news-aggregator.first6366.csv"
GOLD = ROOT / "eval" / "gold" / "uci_propositions.jsonl"
ECB_STORY = "dPhGU51DcrolUIMxbRm0InaHGA2XM"


ue = load_script(ROOT / "eval" / "uci_pairing_eval.py")
needs_csv = pytest.mark.skipif(not CSV.is_file(), reason="../shared/eval/uci-news-aggregator-sample is absent")


@needs_csv
def test_annotation_is_well_formed_complete_and_matches_the_csv() -> None:
    heads = ue.read_headlines(CSV)
    labels = ue.read_labels(GOLD, heads)  # exits on a bad row, a changed TITLE (sha1) or a wrong story
    stories = Counter(lab.story for lab in labels)
    assert len(stories) == 5 and all(15 <= n <= 40 for n in stories.values())
    for story, n in stories.items():  # every headline of a chosen story is annotated
        assert n == sum(h.story == story for h in heads.values())
    keys_of: dict[str, set[str]] = {}
    for lab in labels:
        for k in lab.keys:
            assert k.startswith("P_")
            keys_of.setdefault(k, set()).add(lab.story)
    assert all(len(s) == 1 for s in keys_of.values()), "a proposition key spans two stories"
    rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert all(r["proposition"] not in r["also"] for r in rows)
    assert (len(labels), sum(lab.is_claim for lab in labels)) == (176, 156)


@needs_csv
def test_a_changed_title_is_detected(tmp_path: Path) -> None:
    heads = dict(ue.read_headlines(CSV))
    first = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    h = heads[first["id"]]
    heads[h.id] = ue.Headline(id=h.id, story=h.story, title=h.title + "!", publisher=h.publisher,
                              published=h.published)
    with pytest.raises(SystemExit, match="differs from the CSV"):
        ue.read_labels(GOLD, heads)


def test_pairs_count_also_keys_and_headlines_without_claims() -> None:
    lab = [ue.Label(id=1, story="s", is_claim=True, keys=frozenset({"P_a"}), stance="asserts"),
           ue.Label(id=2, story="s", is_claim=True, keys=frozenset({"P_b", "P_a"}), stance="asserts"),
           ue.Label(id=3, story="s", is_claim=True, keys=frozenset({"P_b"}), stance="asserts"),
           ue.Label(id=4, story="s", is_claim=False, keys=frozenset(), stance=None)]
    claims_of = {1: ("c1",), 2: ("c2",), 3: (), 4: ("c4",)}
    prop = {"c1": "p1", "c2": "p1", "c4": "p1"}
    out = ue.pairing(lab, claims_of, prop)["overall"]
    # gold pairs: 1-2 (P_a), 2-3 (P_b); predicted: 1-2 only (3 gave no claim, 4 is no claim)
    assert (out["gold_pairs"], out["predicted_pairs"], out["tp"]) == (2, 1, 1)
    assert out["precision"] == 1.0 and out["recall"] == 0.5
    only = ue.pairing(lab, claims_of, prop, only_extracted=True)["overall"]
    assert (only["gold_pairs"], only["recall"]) == (1, 1.0)


@needs_csv
@pytest.mark.model
def test_script_runs_on_one_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json = tmp_path / "out.json"
    assert ue.main(["--story", ECB_STORY, "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    assert "claim recall" in printed and "overall" in printed and "pair score" in printed
    out = json.loads(out_json.read_text(encoding="utf-8"))
    assert out["headlines"] == 37 and out["claim_headlines"] == 32
    assert out["pairs_gold"]["overall"]["gold_pairs"] == 32
    assert out["claims_extracted"] > 0 and 0.0 < out["claim_recall"] <= 1.0
    assert 0.0 <= out["pair_score"]["auc_score"] <= 1.0
