"""Incremental fusion: an ingest re-fuses only the units (stories) whose inputs changed, and the
ledger is the same as a full re-fusion (``fuse/fingerprint.py``, ``pipeline.fuse_store``)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from claimledger.fuse import FusionSettings
from claimledger.fuse.fingerprint import method_digest, structure_overrides, unit_fingerprint
from claimledger.settings import Settings
from claimledger.store.overrides import Override

from .conftest import REPO, need_shared
from .fuse_ledgers import HUR, KIRBY, PESKOV, RU_GOV, SOURCES, claim, doc

D1, D2 = doc("1", "NBC News", "2024-10-16"), doc("2", "Newsweek", "2024-10-17")
STORIES = {"d_1": "st_a", "d_2": "st_a"}
CLAIMS = (claim("a", D1, "12,000 North Korean troops are in Russia", HUR),
          claim("b", D2, "claims of North Korean troops in Russia are a hoax", PESKOV, stance="denies"))


def _fp(*, sources: Any = SOURCES, claims: Any = CLAIMS, stories: Any = STORIES, structure: Any = (),
        fusion: FusionSettings | None = None, documents: Any = (D1, D2)) -> str:
    return unit_fingerprint(documents=documents, claims=claims, sources=sources, stories=stories,
                            structure=structure, fusion=fusion or FusionSettings())


def _override(oid: int, kind: str, value: dict[str, Any]) -> Override:
    return Override(id=oid, kind=kind, target="p_x", value=value, author="Ana", note="", created_at="2026-12-07")


def test_fingerprint_follows_exactly_what_the_unit_reads() -> None:
    base = _fp()
    assert _fp(claims=tuple(reversed(CLAIMS)), documents=(D2, D1), sources=tuple(reversed(SOURCES))) == base
    # a source no claim of the unit names, reached by no key of its sources: not an input
    assert _fp(sources=tuple(dataclasses.replace(s, reliability="B") if s is KIRBY else s for s in SOURCES)) == base
    # a cited source's rating, and the record a cited source's key stands for (Peskov speaks for
    # the Kremlin's government, whose record rates him), are inputs
    assert _fp(sources=tuple(dataclasses.replace(s, reliability="B") if s is HUR else s for s in SOURCES)) != base
    assert _fp(sources=tuple(dataclasses.replace(s, reliability="C") if s is RU_GOV else s for s in SOURCES)) != base
    # the claims, the documents' stories, the settings
    assert _fp(claims=(CLAIMS[0], dataclasses.replace(CLAIMS[1], stance="asserts"))) != base
    assert _fp(stories={"d_1": "st_a", "d_2": "st_b"}) != base
    assert _fp(fusion=FusionSettings(merge_threshold=0.5)) != base
    assert _fp(documents=(D1, dataclasses.replace(D2, published="2024-10-18"))) != base
    assert len(method_digest()) == 64 and method_digest("hashing") != method_digest()


def test_only_merges_and_splits_naming_the_units_claims_count() -> None:
    ids = frozenset(c.id for c in CLAIMS)
    mine = _override(1, "proposition.merge", {"claim": "c_a", "with": "p_y", "with_claim": "c_b"})
    other = _override(2, "proposition.split", {"claim_ids": ["c_zz"]})
    note = _override(3, "note", {})
    assert structure_overrides([other, note], ids) == []
    assert [o[0] for o in structure_overrides([other, mine, note], ids)] == [1]
    assert _fp(structure=structure_overrides([other, note], ids)) == _fp()
    assert _fp(structure=structure_overrides([mine], ids)) != _fp()


def _ledger(store: Any) -> dict[str, Any]:
    from claimledger.report.ledger import build_ledger

    return build_ledger(store, generated_at="-")


@pytest.mark.model
@pytest.mark.slow
def test_ingest_in_steps_refuses_only_touched_stories_and_equals_a_full_fusion(tmp_path: Path) -> None:
    from claimledger.pipeline import fuse_store, ingest
    from claimledger.store import Store
    from claimledger.store.overrides import add_override

    seeds = str(need_shared("seeds", "manifest.jsonl"))
    examples = str(REPO / "examples" / "manifest.jsonl")
    one = Settings(db=str(tmp_path / "one.db"))
    with Store.open(one.db) as store:
        ingest([seeds, examples], store=store, settings=one)
        whole = _ledger(store)
    steps = Settings(db=str(tmp_path / "steps.db"))
    with Store.open(steps.db) as store:
        first = ingest([seeds], store=store, settings=steps).fusion
        assert first is not None and first.kept == 0 and first.fused == first.units == 1
        second = ingest([examples], store=store, settings=steps).fusion
        assert second is not None and second.kept == 1 and second.fused >= 1  # the seeds' story is kept
        assert _ledger(store) == whole
        again = ingest([examples], store=store, settings=steps).fusion
        assert again is not None and (again.fused, again.kept) == (0, again.units)
        assert _ledger(store) == whole

        # an analyst's decision re-fuses the story it touches, and only it
        story_of = {d["id"]: d["story_id"] for d in whole["documents"]}
        sizes = {s: list(story_of.values()).count(s) for s in set(story_of.values())}
        seed_story = next(s for s, n in sizes.items() if n == 5)  # the five seeds are one story
        target = next(c for c in whole["claims"] if story_of[c["document_id"]] == seed_story)
        add_override(store, kind="claim.reject", target=target["id"], author="Ana")
        after_reject = fuse_store(store, steps)
        assert after_reject.fused == 1 and after_reject.kept == again.kept - 1
        incremental = _ledger(store)
        assert incremental != whole
        full = fuse_store(store, steps, full=True)
        assert full.kept == 0 and full.fused == again.kept
        assert _ledger(store) == incremental
        assert json.dumps(incremental)


def test_sources_under_overrides_are_one_tuple_and_the_resolver_is_never_stale() -> None:
    from claimledger.fuse.origins import _resolver
    from claimledger.fuse.overrides import apply_to_sources, effective

    sources = list(SOURCES)
    plain = apply_to_sources(sources, effective([])).sources
    assert plain == SOURCES and isinstance(plain, tuple)
    assert _resolver(plain) is _resolver(plain)  # found by identity: one resolver per fusion run
    rated = Override(id=1, kind="source.reliability", target="s_hur", value={"reliability": "B"}, author="Ana",
                     note="", created_at="2026-12-07")
    out = apply_to_sources(sources, effective([rated]))
    assert {s.id: s.reliability for s in out.sources}["s_hur"] == "B"
    assert [s.reliability for s in sources if s.id == "s_hur"] == ["F"]  # the stored records are not changed
    # a list changed in place (same object, same length) is never answered from the identity cache
    first = _resolver(sources)
    sources[0] = dataclasses.replace(sources[0], reliability="A")
    assert _resolver(sources).by_id["s_hur"].reliability == "A" and _resolver(sources) is not first


@pytest.mark.model
def test_a_document_stored_again_for_its_metadata_alone_refuses_its_story(tmp_path: Path) -> None:
    """A new URL stores the document again with the same claims (same fingerprint), but its claims
    rows are rewritten: the story must be fused again, or its claims would lose their propositions."""
    import shutil

    from sqlalchemy import select

    from claimledger.pipeline import ingest
    from claimledger.store import Store
    from claimledger.store import schema as t

    folder = tmp_path / "ex"
    shutil.copytree(REPO / "examples", folder)
    manifest = folder / "manifest.jsonl"
    settings = Settings(db=str(tmp_path / "a.db"))
    with Store.open(settings.db) as store:
        ingest([str(manifest)], store=store, settings=settings)
        before = _ledger(store)
        lines = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
        lines[0]["url"] += "?utm=changed"
        manifest.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        report = ingest([str(manifest)], store=store, settings=settings)
        assert len(report.updated) == 1 and report.fusion is not None and report.fusion.fused >= 1
        with store.engine.connect() as c:
            linked = {r.proposition_id for r in c.execute(select(t.claims.c.proposition_id))}
            stored = {r.id for r in c.execute(select(t.propositions.c.id))}
        assert linked <= stored
        after = _ledger(store)
    assert [c["proposition_id"] for c in after["claims"]] == [c["proposition_id"] for c in before["claims"]]
    assert after["propositions"] == before["propositions"]


@pytest.mark.model
def test_ingest_json_reports_what_fusion_fused_and_kept(tmp_path: Path, cli: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import article

    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(2, topic="the old quay"), encoding="utf-8")
    first = cli("ingest", str(tmp_path / "a.txt"), "--json")
    assert first.code == 0, first.err
    assert first.json()["fusion"] == {"units": 1, "fused": 1, "kept": 0}  # type: ignore[index]
    second = cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json")
    report = second.json()
    assert report["new"] == 1 and report["unchanged"] == 1  # type: ignore[index]
    fusion = report["fusion"]  # type: ignore[index]
    assert fusion["units"] == fusion["fused"] + fusion["kept"] and fusion["fused"] >= 1
