"""The briefing model from small hand-built ledgers (no store, no model, no fusion output)."""

from __future__ import annotations

import copy
import random
from typing import Any

from claimledger.report.model import Briefing, build_briefing

Rec = dict[str, Any]


def _q(text: str, span: tuple[int, int], value: float | None, low: float | None, high: float | None,
       qualifier: str, unit: str | None) -> Rec:
    return {"text": text, "span": list(span), "value": value, "low": low, "high": high, "qualifier": qualifier,
            "unit": unit}


def _claim(cid: str, doc: str, text: str, *, source: str | None, prop: str, said_on: str | None,
           stance: str = "asserts", via: tuple[str, ...] = (), quantities: tuple[Rec, ...] = (),
           hedges: tuple[str, ...] = ()) -> Rec:
    return {"id": cid, "document_id": doc, "span": [0, len(text)], "text": text, "quote": None, "source_id": source,
            "via": list(via), "stance": stance, "hedged": bool(hedges), "hedges": list(hedges),
            "quantities": list(quantities), "times": [], "entities": [], "proposition_id": prop,
            "source_mention": None, "cue": None, "said_on": said_on}


def _prop(pid: str, claims: list[str], *, cred: int, origins: list[str], outlets: int, first: str, label: str,
          story: str = "st_1") -> Rec:
    return {"id": pid, "label": label, "claim_ids": claims, "story_id": story, "outlets": outlets,
            "independent_origins": len(origins), "origin_source_ids": origins, "credibility": cred,
            "first_reported": first, "explanation": f"because {pid}", "timeline": []}


def _src(sid: str, name: str, kind: str, rel: str) -> Rec:
    return {"id": sid, "name": name, "kind": kind, "affiliation": None, "country": None, "aliases": [],
            "reliability": rel}


def small_ledger() -> Rec:
    """Three outlets, five sources, the phenomena of the issue: differing figures, a relay, a derived
    total, a denial, a refusal, an outlet-voice vague figure, an update and a reported event."""
    zel = "two brigades of 6,000 personnel each"
    docs = [
        {"id": "d_1", "source_path": "a.txt", "url": "https://planet.example/a", "outlet": "Daily Planet",
         "title": "Troops reported", "published": "2024-10-10", "text": "", "story_id": "st_1", "times": [],
         "quantities": []},
        {"id": "d_2", "source_path": "b.txt", "url": None, "outlet": "Globe", "title": None,
         "published": "2024-10-24", "text": "", "story_id": "st_1", "times": [], "quantities": []},
        {"id": "d_3", "source_path": "c.txt", "url": None, "outlet": "Courier", "title": None,
         "published": "2024-10-25", "text": "", "story_id": "st_1", "times": [], "quantities": []},
        {"id": "d_9", "source_path": "z.txt", "url": None, "outlet": "Other Times", "title": "Elsewhere",
         "published": "2024-10-11", "text": "", "story_id": "st_2", "times": [], "quantities": []},
    ]
    sources = [_src("s_us", "U.S. government", "organization", "B"),
               _src("s_hur", "Defence Intelligence of Ukraine", "organization", "C"),
               _src("s_zel", "Volodymyr Zelensky", "person", "F"),
               _src("s_kr", "Russian government", "organization", "D"),
               _src("s_kyodo", "Kyodo News", "outlet", "F")]
    claims = [
        _claim("c_1", "d_2", "at least 3,000 troops are in Russia", source="s_us", prop="p_us", said_on="2024-10-23",
               quantities=(_q("at least 3,000", (0, 15), 3000, 3000, None, "at_least", "troop"),)),
        _claim("c_2", "d_2", "12,000 troops are in Russia", source="s_hur", via=("s_kyodo",), prop="p_hur",
               said_on="2024-10-24", quantities=(_q("12,000", (0, 6), 12000, 12000, 12000, "exact", "troop"),)),
        _claim("c_3", "d_3", "12,000 troops are in Russia", source="s_hur", prop="p_hur", said_on="2024-10-24",
               quantities=(_q("12,000", (0, 6), 12000, 12000, 12000, "exact", "troop"),)),
        _claim("c_4", "d_3", f"North Korea sent {zel}", source="s_zel", prop="p_zel", said_on="2024-10-22",
               quantities=(_q("two", (17, 20), 2, 2, 2, "exact", "brigade"),
                           _q("6,000", (33, 38), 6000, 6000, 6000, "exact", "troop"),
                           _q(zel, (17, 17 + len(zel)), 12000, 12000, 12000, "exact", "troop"))),
        _claim("c_5", "d_1", "it was a hoax", source="s_kr", stance="denies", prop="p_hoax", said_on="2024-10-10"),
        _claim("c_6", "d_3", "the specifics are our own concern", source="s_kr", stance="declines", prop="p_decl",
               said_on="2024-10-24"),
        _claim("c_7", "d_1", "several thousand soldiers are training", source=None, prop="p_train",
               said_on="2024-W41", hedges=("reportedly",),
               quantities=(_q("several thousand", (0, 16), 2000, 2000, 9999, "vague", "troop"),)),
        _claim("c_9", "d_9", "an unrelated 7 ships", source="s_us", prop="p_other", said_on="2024-10-11",
               quantities=(_q("7", (13, 14), 7, 7, 7, "exact", "ship"),)),
    ]
    props = [
        _prop("p_hur", ["c_2", "c_3"], cred=2, origins=["s_hur"], outlets=2, first="2024-10-24",
              label="12,000 North Korean troops are in Russia"),
        _prop("p_us", ["c_1"], cred=3, origins=["s_us"], outlets=1, first="2024-10-23",
              label="At least 3,000 troops are in Russia"),
        _prop("p_zel", ["c_4"], cred=3, origins=["s_zel"], outlets=1, first="2024-10-22",
              label="Two brigades of 6,000"),
        _prop("p_hoax", ["c_5"], cred=5, origins=["s_kr"], outlets=1, first="2024-10-10", label="It was a hoax"),
        _prop("p_decl", ["c_6"], cred=6, origins=["s_kr"], outlets=1, first="2024-10-24", label="Our own concern"),
        _prop("p_train", ["c_7"], cred=6, origins=[], outlets=1, first="2024-10-10",
              label="Several thousand soldiers are training"),
        _prop("p_other", ["c_9"], cred=1, origins=["s_us"], outlets=1, first="2024-10-11", label="Seven ships",
              story="st_2"),
    ]
    relations = [
        {"from": "p_hoax", "to": "p_hur", "kind": "contradicts", "reason": "denies what the other asserts"},
        {"from": "p_hur", "to": "p_us", "kind": "differs", "reason": "12,000 vs at least 3,000 troops"},
        {"from": "p_hur", "to": "p_train", "kind": "updates", "reason": "later figure"},
    ]
    timeline = [{"date": "2024-10-23", "proposition_id": "p_hur", "kind": "event", "summary": "troops arrive"}]
    return {"format": "claimledger/1", "generated_at": "2024-11-01T00:00:00+00:00", "documents": docs,
            "sources": sources, "claims": claims, "propositions": props, "relations": relations,
            "timeline": timeline}


def story() -> Briefing:
    return build_briefing(small_ledger(), story_id="st_1")


def test_story_selects_its_documents_only() -> None:
    b = story()
    assert [d.id for d in b.documents] == ["d_1", "d_2", "d_3"]
    assert b.counts.claims == 7 and b.counts.propositions == 6
    assert "p_other" not in {j.proposition_id for j in b.judgements}
    assert all(r.thing != "ships" for r in b.numbers)
    assert (b.period_start, b.period_end) == ("2024-10-10", "2024-10-25")
    everything = build_briefing(small_ledger(), story_id=None)
    assert everything.counts.documents == 4


def test_judgements_ranked_by_credibility_then_origins_with_admiralty_rating() -> None:
    b = story()
    ranked = [j.proposition_id for j in b.judgements]
    assert ranked[0] == "p_hur"
    creds = [j.credibility for j in b.judgements]
    assert creds == sorted(creds)
    hur = b.judgements[0]
    assert hur.rank == 1 and hur.rating == "C2" and hur.reliability_text and hur.credibility_text
    assert hur.origins == ("Defence Intelligence of Ukraine",) and hur.reason == "because p_hur"
    assert [e.outlet for e in hur.evidence] == ["Globe", "Courier"]
    assert hur.evidence[0].via == ("Kyodo News",)
    # same credibility 3: both have one origin, the U.S. (B) and Zelensky (F) keep a stable order
    assert {j.rating for j in b.judgements if j.credibility == 3} == {"B3", "F3"}
    assert b.key_judgements == b.judgements[: len(b.key_judgements)]
    kinds = {(r.kind, r.other_id) for r in hur.relations}
    assert ("contradicts", "p_hoax") in kinds and ("differs", "p_us") in kinds


def test_numbers_panel_groups_who_says_how_many_when() -> None:
    b = story()
    troops = next(r for r in b.numbers if r.thing == "troops")
    shown = {(e.display, e.source, e.date) for e in troops.entries}
    assert ("≥3,000", "U.S. government", "2024-10-23") in shown
    assert ("12,000", "Defence Intelligence of Ukraine", "2024-10-24") in shown
    assert ("2×6,000", "Volodymyr Zelensky", "2024-10-22") in shown
    assert ("several thousand", "Daily Planet (own reporting)", "2024-W41") in shown
    assert all(e.display != "6,000" for e in troops.entries)  # the per-unit figure is inside 2×6,000
    hur = next(e for e in troops.entries if e.display == "12,000")
    assert hur.outlets == ("Courier", "Globe") and hur.via == ("Kyodo News",) and hur.claim_ids == ("c_2", "c_3")
    assert troops.differs  # p_hur differs p_us
    assert [e.date for e in troops.entries] == sorted(e.date or "" for e in troops.entries)
    assert b.numbers[0] is troops  # most sources first
    assert any(r.thing == "brigades" for r in b.numbers)


def test_contested_pairs_put_the_assertion_left_and_unpaired_denials_apart() -> None:
    b = story()
    kinds = [(p.kind, p.left.proposition_id, p.right.proposition_id) for p in b.contested]
    assert kinds[0] == ("contradicts", "p_hur", "p_hoax")
    assert ("differs", "p_us", "p_hur") in kinds  # differs: earlier first
    assert [j.proposition_id for j in b.denials] == ["p_decl"]


def test_changes_run_from_the_earlier_report_to_the_later() -> None:
    (ch,) = story().changes
    assert (ch.earlier.proposition_id, ch.later.proposition_id) == ("p_train", "p_hur")
    assert (ch.earlier_date, ch.later_date) == ("2024-10-10", "2024-10-24")


def test_timeline_points_have_dates_lanes_and_events() -> None:
    pts = story().timeline
    assert [p.start for p in pts] == sorted(p.start for p in pts)
    week = next(p for p in pts if p.date == "2024-W41")
    assert (week.start, week.end, week.precision) == ("2024-10-07", "2024-10-13", "week")
    event = next(p for p in pts if p.kind == "event")
    assert event.lane == "reported events" and event.summary == "troops arrive" and event.start == "2024-10-23"
    denial = next(p for p in pts if p.kind == "denies")
    assert denial.lane == "Russian government" and denial.start == "2024-10-10"


def test_source_graph_runs_origins_through_relays_to_outlets() -> None:
    g = story().graph
    edges = {(e.source, e.target): e.claims for e in g.edges}
    assert edges[("origin:s_hur", "relay:s_kyodo")] == 1
    assert edges[("relay:s_kyodo", "outlet:Globe")] == 1
    assert edges[("origin:s_hur", "outlet:Courier")] == 1
    roles = {n.id: n.role for n in g.nodes}
    assert roles["origin:s_hur"] == "origin" and roles["relay:s_kyodo"] == "relay"
    assert {n.label for n in g.nodes if n.role == "outlet"} == {"Daily Planet", "Globe", "Courier"}
    assert g.folded == 0


def test_sources_carry_reliability_and_contributions() -> None:
    rows = {s.name: s for s in story().sources}
    assert rows["U.S. government"].reliability == "B"
    assert rows["Kyodo News"].relayed == 1 and rows["Kyodo News"].claims == 0
    assert rows["Russian government"].claims == 2
    assert rows["Defence Intelligence of Ukraine"].outlets == ("Courier", "Globe")


def test_same_ledger_in_any_order_gives_the_same_briefing() -> None:
    a = story()
    ledger = copy.deepcopy(small_ledger())
    rng = random.Random(7)
    for key in ("documents", "sources", "claims", "propositions", "relations"):
        rng.shuffle(ledger[key])
    assert build_briefing(ledger, story_id="st_1") == a


def test_empty_ledger_gives_an_empty_briefing() -> None:
    b = build_briefing({"format": "claimledger/1", "documents": [], "sources": [], "claims": [], "propositions": [],
                        "relations": []}, story_id=None)
    assert b.judgements == () and b.numbers == () and b.timeline == () and b.graph.nodes == ()
    assert b.period_start is None
