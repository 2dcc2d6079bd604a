"""Analyst overrides: the store API, their effect on fusion (inputs and output, with ratings computed by
fusion's own rules), their record in the ledger, and that they survive re-ingest and re-fusion."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from claimledger.errors import ConfigError
from claimledger.fuse import run as fuse_run
from claimledger.fuse.assemble import proposition_id
from claimledger.fuse.overrides import apply_overrides, apply_to_claims, apply_to_sources, effective
from claimledger.fuse.records import FuseClaim, FuseDocument, FuseSource, Fusion
from claimledger.report.overrides import annotate_ledger
from claimledger.settings import Settings
from claimledger.store import Store
from claimledger.store.overrides import Override, add_override, delete_override, list_overrides

from .conftest import need_shared

# --------------------------------------------------------------------------- store API


def test_add_list_delete_keep_who_and_when(store: Store) -> None:
    a = add_override(store, kind="source.reliability", target="s_abc", value={"reliability": "B"}, author="Ana",
                     note="state agency with a track record")
    b = add_override(store, kind="note", target="p_123", author="  Ben  ", note="check the date")
    got = list_overrides(store)
    assert [o.id for o in got] == [a.id, b.id]
    assert got[0].value == {"reliability": "B"} and got[0].author == "Ana" and got[0].created_at
    assert got[1].author == "Ben"
    assert list_overrides(store, target="p_123") == [got[1]]
    assert delete_override(store, a.id) and not delete_override(store, a.id)
    assert [o.id for o in list_overrides(store)] == [b.id]


@pytest.mark.parametrize(("kind", "target", "value", "note"), [
    ("claim.explode", "c_1", {}, ""),                                  # unknown kind
    ("claim.reject", "p_1", {}, ""),                                   # a proposition is not a claim
    ("source.reliability", "s_1", {"reliability": "G"}, ""),           # not A-F
    ("source.reliability", "s_1", {"reliability": "<script>"}, ""),
    ("note", "c_1", {}, "   "),                                        # an empty note
    ("proposition.split", "p_1", {"claim_ids": []}, ""),
    ("proposition.merge", "p_1", {"claim": "c_1", "with": "p_1", "with_claim": "c_2"}, ""),  # with itself
    ("claim.reject", "c_1\"><script>", {}, ""),                        # not an id
])
def test_bad_overrides_are_refused_with_a_reason(store: Store, kind: str, target: str, value: dict[str, Any],
                                                 note: str) -> None:
    with pytest.raises(ConfigError):
        add_override(store, kind=kind, target=target, value=value, author="Ana", note=note)
    assert list_overrides(store) == []


def test_an_author_is_required(store: Store) -> None:
    with pytest.raises(ConfigError, match="author"):
        add_override(store, kind="claim.confirm", target="c_1", author=" ")


# --------------------------------------------------------------------------- fusion


def _o(i: int, kind: str, target: str, value: dict[str, Any] | None = None, at: str = "") -> Override:
    return Override(id=i, kind=kind, target=target, value=value or {}, author="Ana", note="",
                    created_at=at or f"2024-11-0{i}T10:00:00+00:00")


def _claim(cid: str, doc: str, text: str, source: str | None, start: int = 0) -> FuseClaim:
    record = {"id": cid, "document_id": doc, "span": [start, start + len(text)], "text": text, "source_id": source,
              "via": [], "stance": "asserts", "hedged": False, "hedges": [], "quantities": [], "times": [],
              "entities": [], "source_mention": None, "cue": None}
    return FuseClaim(id=cid, document_id=doc, start=start, end=start + len(text), text=text, source_id=source, via=(),
                     stance="asserts", hedged=False, hedges=(), said_on=None, record=record)


def _src(sid: str, name: str, rel: str) -> FuseSource:
    return FuseSource(id=sid, name=name, kind="person", affiliation=None, country=None, aliases=(), reliability=rel)


def world() -> tuple[list[FuseDocument], list[FuseSource], list[FuseClaim]]:
    """Two outlets; two unrelated statements by two rated sources, and a third by an unrated one."""
    t1 = "The harbour bridge in Marrowport will reopen to traffic on Friday after repairs."
    t2 = "Fishing quotas for the northern coast were cut by a third for the coming season."
    t3 = "A museum of modern art opened in the capital, showing works by local painters."
    docs = [FuseDocument(id="d_a", outlet="Daily Planet", published="2024-10-10", title=None, text=t1 + "\n" + t3,
                         duplicate_of=None, entities=()),
            FuseDocument(id="d_b", outlet="Globe", published="2024-10-12", title=None, text=t2, duplicate_of=None,
                         entities=())]
    sources = [_src("s_varga", "Ilse Varga", "B"), _src("s_oduya", "Tomas Oduya", "C"), _src("s_x", "Lena Pohl", "F")]
    claims = [_claim("c_1", "d_a", t1, "s_varga"), _claim("c_2", "d_b", t2, "s_oduya"),
              _claim("c_3", "d_a", t3, "s_x", start=len(t1) + 1)]
    return docs, sources, claims


def _props(f: Fusion) -> dict[frozenset[str], Any]:
    return {frozenset(p.claim_ids): p for p in f.propositions}


@pytest.fixture(scope="module")
def settings_() -> Settings:
    return Settings(db=":memory:")


def test_without_overrides_it_is_fuse_run(settings_: Settings) -> None:
    docs, sources, claims = world()
    assert apply_overrides(docs, sources, claims, [], settings=settings_) == fuse_run(docs, sources, claims,
                                                                                      settings=settings_)


def test_inputs_rejected_claim_fixed_source_and_reliability() -> None:
    _docs, sources, claims = world()
    new = {"id": "s_new", "name": "Harbour Authority", "kind": "organization", "affiliation": None, "country": None,
           "aliases": [], "reliability": "F"}
    eff = effective([_o(1, "claim.reject", "c_2"), _o(2, "claim.source", "c_3", {"source": new}),
                     _o(3, "source.reliability", "s_varga", {"reliability": "A"}),
                     _o(4, "claim.confirm", "c_2")])  # a later confirmation undoes the rejection
    inputs, cls = apply_to_sources(sources, eff), apply_to_claims(claims, eff)
    srcs, added = inputs.sources, inputs.added
    assert [c.id for c in cls] == ["c_1", "c_2", "c_3"]
    eff2 = effective([_o(1, "claim.reject", "c_2")])
    assert [c.id for c in apply_to_claims(claims, eff2)] == ["c_1", "c_3"]
    c3 = next(c for c in cls if c.id == "c_3")
    assert c3.source_id == "s_new" and c3.record["source_id"] == "s_new"
    assert {s.id: s.reliability for s in srcs}["s_varga"] == "A"
    assert [s.id for s in added] == ["s_new"]


def test_merge_recounts_origins_and_credibility_by_fusions_rules(settings_: Settings) -> None:
    docs, sources, claims = world()
    before = _props(fuse_run(docs, sources, claims, settings=settings_))
    assert frozenset({"c_1"}) in before and frozenset({"c_2"}) in before  # fusion keeps them apart
    # a single origin rated B (or C), unhedged: credibility 3
    assert before[frozenset({"c_1"})].credibility == 3 and before[frozenset({"c_2"})].credibility == 3
    merge = _o(1, "proposition.merge", proposition_id("c_1"),
               {"claim": "c_1", "with": proposition_id("c_2"), "with_claim": "c_2"})
    fused = apply_overrides(docs, sources, claims, [merge], settings=settings_)
    after = _props(fused)
    merged = after[frozenset({"c_1", "c_2"})]
    assert merged.id == proposition_id("c_1")           # the earliest claim's id, as fusion would name it
    assert merged.independent_origins == 2 and merged.outlets == 2
    assert merged.credibility == 1                      # two independent origins, nothing against: confirmed
    assert "Merged" in merged.explanation and "Credibility 1" in merged.explanation
    assert merged.explanation.count("independent origins") == 1
    assert "merged by Ana" in merged.merge_reasons["c_2"]
    assert all(e.proposition_id in {p.id for p in fused.propositions} for e in fused.timeline)
    assert after[frozenset({"c_3"})] == before[frozenset({"c_3"})]  # untouched


def test_split_undoes_a_merge_and_reliability_flows_into_credibility(settings_: Settings) -> None:
    docs, sources, claims = world()
    merge = _o(1, "proposition.merge", proposition_id("c_1"),
               {"claim": "c_1", "with": proposition_id("c_2"), "with_claim": "c_2"})
    split = _o(2, "proposition.split", proposition_id("c_1"), {"claim_ids": ["c_2"]})
    rel = _o(3, "source.reliability", "s_x", {"reliability": "B"})
    after = _props(apply_overrides(docs, sources, claims, [merge, split, rel], settings=settings_))
    assert set(after) == {frozenset({"c_1"}), frozenset({"c_2"}), frozenset({"c_3"})}
    assert after[frozenset({"c_2"})].id == proposition_id("c_2")
    assert after[frozenset({"c_2"})].credibility == 3
    assert after[frozenset({"c_3"})].credibility == 3   # was 6 (unrated origin) before the analyst rated it B


def test_overrides_on_missing_claims_change_nothing(settings_: Settings) -> None:
    docs, sources, claims = world()
    stale = [_o(1, "proposition.merge", "p_gone", {"claim": "c_gone", "with": "p_x", "with_claim": "c_1"}),
             _o(2, "proposition.split", "p_gone", {"claim_ids": ["c_gone"]}), _o(3, "claim.reject", "c_gone")]
    assert apply_overrides(docs, sources, claims, stale, settings=settings_) == fuse_run(docs, sources, claims,
                                                                                         settings=settings_)


# --------------------------------------------------------------------------- the ledger


def _ledger() -> dict[str, Any]:
    from .test_report_model import small_ledger

    return small_ledger()


def test_annotate_ledger_records_who_and_when_and_is_idempotent() -> None:
    led = _ledger()
    c0, c1 = led["claims"][0]["id"], led["claims"][1]["id"]
    sid = led["sources"][0]["id"]
    new = {"id": "s_new", "name": "Harbour Authority", "kind": "organization", "affiliation": None,
           "country": None, "aliases": [], "reliability": "F"}
    ovs = [_o(1, "claim.reject", c0), _o(2, "claim.confirm", c1),
           _o(3, "source.reliability", sid, {"reliability": "A"}),
           _o(4, "claim.source", c1, {"source": new}), _o(5, "note", led["propositions"][0]["id"])]
    once = annotate_ledger(led, ovs)
    assert c0 not in {c["id"] for c in once["claims"]}
    assert [c["id"] for c in once["rejected_claims"]] == [c0]
    assert once["rejected_claims"][0]["review"]["status"] == "rejected"
    assert all(c0 not in p["claim_ids"] for p in once["propositions"])
    c = next(c for c in once["claims"] if c["id"] == c1)
    assert c["review"]["status"] == "confirmed" and c["review"]["author"] == "Ana"
    assert c["source_id"] == "s_new" and c["extracted_source_id"] == led["claims"][1]["source_id"]
    assert "s_new" in {s["id"] for s in once["sources"]}
    s = next(s for s in once["sources"] if s["id"] == sid)
    assert s["reliability"] == "A" and s["registry_reliability"] == led["sources"][0]["reliability"]
    assert [o["id"] for o in once["overrides"]] == [1, 2, 3, 4, 5]
    assert annotate_ledger(once, ovs) == once
    assert led == _ledger()  # the input is not changed


def test_annotated_ledger_still_validates() -> None:
    import json

    import jsonschema

    schema_path = need_shared("contracts", "ledger.schema.json")
    led = _ledger()
    out = annotate_ledger(led, [_o(1, "claim.reject", led["claims"][0]["id"]),
                                _o(2, "source.reliability", led["sources"][0]["id"], {"reliability": "B"})])
    jsonschema.validate(out, json.loads(schema_path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- re-ingest (the seeds)


@pytest.mark.model
def test_overrides_survive_reingest_and_refusion(tmp_path: Path) -> None:
    from claimledger.pipeline import ingest
    from claimledger.report.ledger import build_ledger
    from claimledger.serve.actions import anchor_claim, fuse_with_overrides

    manifest = need_shared("seeds", "manifest.jsonl")
    seeds = tmp_path / "seeds"
    shutil.copytree(manifest.parent, seeds)
    settings = Settings(db=str(tmp_path / "s.db"))
    with Store.open(settings.db) as store:
        ingest([str(seeds / "manifest.jsonl")], store=store, settings=settings)
        led = build_ledger(store)
        props = sorted(led["propositions"], key=lambda p: p["id"])
        a, b = props[0], props[1]
        sid = a["origin_source_ids"][0] if a["origin_source_ids"] else led["sources"][0]["id"]
        victim = led["claims"][-1]["id"]
        add_override(store, kind="proposition.merge", target=a["id"], author="Ana",
                     value={"claim": anchor_claim(a), "with": b["id"], "with_claim": anchor_claim(b)})
        add_override(store, kind="claim.reject", target=victim, author="Ana")
        add_override(store, kind="source.reliability", target=sid, value={"reliability": "A"}, author="Ana")
        fuse_with_overrides(store, settings)

        def check() -> None:
            ledger = annotate_ledger(build_ledger(store), list_overrides(store))
            holder = [p for p in ledger["propositions"] if anchor_claim(a) in p["claim_ids"]]
            assert len(holder) == 1 and anchor_claim(b) in holder[0]["claim_ids"]
            assert victim not in {c["id"] for c in ledger["claims"]}
            assert victim not in {c for p in ledger["propositions"] for c in p["claim_ids"]}
            assert next(s for s in ledger["sources"] if s["id"] == sid)["reliability"] == "A"

        check()
        # re-ingest: the same documents again and one changed copy; the pipeline re-fuses
        (seeds / "extra.txt").write_text((seeds / "000_26bdbc5028653810.txt").read_text(encoding="utf-8")[:1500],
                                         encoding="utf-8")
        ingest([str(seeds / "manifest.jsonl"), str(seeds / "extra.txt")], store=store, settings=settings)
        assert len(list_overrides(store)) == 3
        fuse_with_overrides(store, settings)  # what pipeline.fuse_store does once it applies the overrides
        check()
