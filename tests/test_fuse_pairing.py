"""Pairing cues of proposition building: a source named again by a short name continues its
statement (unless an additive connective says it states more), one source's denial (or refusal)
reported twice in one document is one statement, and a vague amount worded alike is one count."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.blocking import candidate_pairs
from claimledger.fuse.features import _short_name, build_table
from claimledger.fuse.pairs import QTY_MATCH, QTY_NONE, compare_counts
from claimledger.fuse.records import FuseClaim, FuseSource
from claimledger.settings import Settings

from .fuse_ledgers import claim, doc

FS = FusionSettings(embedder="hashing")
PUTIN = FuseSource(id="s_putin", name="Vladimir Putin", kind="person", affiliation="Kremlin", country="RU",
                   aliases=(), reliability="F")
D1 = doc("1", "The Kyiv Independent", "2024-10-25")


def said(c: FuseClaim, mention: str | None) -> FuseClaim:
    """``c`` with the source mention the extractor found (None: no mention, e.g. a quotation)."""
    rec = dict(c.record)
    if mention is not None:
        rec["source_mention"] = {"text": mention, "span": [max(0, c.start - 40), max(0, c.start - 40) + len(mention)]}
    return dataclasses.replace(c, record=rec)


def test_a_short_name_is_one_capitalised_word_of_an_earlier_mention() -> None:
    earlier = ["Russian President Vladimir Putin", "The President of Russia"]
    assert _short_name("Putin", earlier)
    assert not _short_name("Putin", ["The President of Russia"])  # never named in full before
    assert not _short_name("the official", ["the official", "a senior official"])  # a description, not a name
    assert not _short_name("Vladimir Putin", earlier)  # two words: a name given again in full
    assert not _short_name("Vladimir", ["Vladimir"])  # the same mention is not a shorter one


def test_the_next_claim_naming_the_source_by_surname_continues_its_statement() -> None:
    first = said(claim("a", D1, "the reports regarding the presence of troops", PUTIN, stance="declines", start=100),
                 "Russian President Vladimir Putin")
    second = said(claim("b", D1, "his nation is in contact with Pyongyang", PUTIN, start=300), "Putin")
    third = said(claim("c", D1, "some troops arrived in Kursk", None, start=500), None)
    table = build_table([D1], [first, second, third], settings=FS)
    row = {cid: i for i, cid in enumerate(table.ids)}
    assert bool(table.continues[row["c_b"]])
    assert not bool(table.continues[row["c_a"]])
    assert not bool(table.continues[row["c_c"]])  # outlet voice: no source to continue


def test_one_sources_refusal_reported_twice_in_one_document_is_one_proposition() -> None:
    lead = said(claim("a", D1, "did not refute the assertion that soldiers were sent", PUTIN, stance="declines",
                      start=100), "Russian President Vladimir Putin")
    other = said(claim("b", D1, "a missile strike near Donetsk killed twenty soldiers", None, start=600), None)
    body = said(claim("c", D1, "the specifics of our actions are our own concern", PUTIN, stance="declines",
                      start=1200), "Putin")
    f = run([D1], [PUTIN], [lead, other, body], settings=Settings(), fusion=FS)
    by_claim = {c: p.id for p in f.propositions for c in p.claim_ids}
    assert by_claim["c_a"] == by_claim["c_c"]
    assert by_claim["c_b"] != by_claim["c_a"]


def test_two_assertions_of_one_source_in_one_document_do_not_get_the_restated_bonus() -> None:
    a = said(claim("a", D1, "the troops are training near the border", PUTIN, start=100), "Vladimir Putin")
    filler = said(claim("f", D1, "analysts expect more sanctions next year", None, start=600), None)
    b = said(claim("b", D1, "the economy will grow by three percent", PUTIN, start=1200), "Vladimir Putin")
    f = run([D1], [PUTIN], [a, filler, b], settings=Settings(), fusion=FS)
    by_claim = {c: p.id for p in f.propositions for c in p.claim_ids}
    assert by_claim["c_a"] != by_claim["c_b"]


def test_denials_of_one_source_with_another_source_between_them_stay_apart() -> None:
    peskov = FuseSource(id="s_peskov", name="Dmitry Peskov", kind="person", affiliation="Kremlin", country="RU",
                        aliases=(), reliability="F")
    troops = said(claim("a", D1, "North Korean troops are not in Russia", PUTIN, stance="denies", start=100),
                  "Vladimir Putin")
    between = said(claim("b", D1, "the talks with Pyongyang were productive", peskov, start=600), "Dmitry Peskov")
    rates = said(claim("c", D1, "the central bank will not raise interest rates", PUTIN, stance="denies",
                       start=1200), "Vladimir Putin")
    f = run([D1], [PUTIN, peskov], [troops, between, rates], settings=Settings(), fusion=FS)
    by_claim = {c: p.id for p in f.propositions for c in p.claim_ids}
    assert by_claim["c_a"] != by_claim["c_c"]


def test_a_sentence_with_an_additive_connective_does_not_continue_the_statement() -> None:
    # "The ferry service will resume on Monday, the minister said." then the quotation goes on with
    # "The crews are also being trained ...": a further statement, not the same one
    texts = {"a": "the ferry service would resume on Monday after the storm",
             "b": "The crews are also being trained for crossings at night",
             "c": "It is actually about keeping the island supplied",
             "d": "Not only the ferries but also the cargo barges will sail again",
             "e": "The ferries as well as the barges will be inspected first"}
    claims = [said(claim(k, D1, t, PUTIN, start=100 + 200 * i), "Vladimir Putin" if k == "a" else None)
              for i, (k, t) in enumerate(texts.items())]
    table = build_table([D1], claims, settings=FS)
    row = {cid: i for i, cid in enumerate(table.ids)}
    assert not bool(table.continues[row["c_b"]])  # "also": something more
    assert bool(table.continues[row["c_c"]])  # no connective: the quotation goes on
    assert bool(table.continues[row["c_d"]])  # "not only ... but also" joins two parts of one statement
    assert bool(table.continues[row["c_e"]])  # "as well as" joins two things


def test_one_vague_amount_worded_alike_is_the_same_count() -> None:
    def several_thousand(cid: str, text: str, start: int, high: float | None = 9999) -> FuseClaim:
        q = {"text": "several thousand", "value": 2000, "low": 2000, "high": high, "qualifier": "vague",
             "unit": "soldier", "span": [start, start + 16]}
        return claim(cid, D1, text, None, start=start, quantities=(q,))

    a = several_thousand("a", "several thousand soldiers are training in Russia", 100)
    b = several_thousand("b", "several thousand soldiers were being trained in the Far East", 300)
    c = several_thousand("c", "thousands of soldiers were being trained in the Far East", 500, high=None)
    table = build_table([D1], [a, b, c], settings=FS)
    pairs = np.array([[0, 1], [0, 2]], np.int32)
    qty = compare_counts(table, pairs[:, 0], pairs[:, 1], FS.differs_ratio)
    assert qty.tolist() == [QTY_MATCH, QTY_NONE]  # "thousands" only bounds: compatible, not the same figure


def test_denials_far_apart_in_a_large_story_are_still_compared() -> None:
    # a denial joins only denials; many claims between two denials (all sharing no rare word with
    # them) must not keep the pair from being a candidate
    kremlin = FuseSource(id="s_kremlin", name="Kremlin", kind="organization", affiliation=None, country="RU",
                         aliases=(), reliability="F")
    docs = [doc(str(k), f"Outlet {k}", "2024-10-25") for k in range(2)]
    words = ["harvest", "bridge", "election", "river", "festival", "tariff", "vaccine", "satellite", "museum",
             "pipeline", "strike", "flood", "budget", "stadium", "airport", "factory", "court", "school"]
    filler = [claim(f"f{k}", docs[k % 2], f"the {words[k % 18]} {words[(k // 18) % 18]} report number {k}", None,
                    start=1000 + 100 * k) for k in range(400)]
    hoax = claim("h", docs[0], "dismissed the reports outright", kremlin, stance="denies", start=50)
    again = claim("g", docs[1], "Peskov called it fabricated", kremlin, stance="denies", start=50)
    table = build_table(docs, [hoax, again, *filler], settings=FS)
    row = {cid: i for i, cid in enumerate(table.ids)}
    pairs = {tuple(p) for p in candidate_pairs(table, settings=FS).tolist()}
    assert tuple(sorted((row["c_h"], row["c_g"]))) in pairs
