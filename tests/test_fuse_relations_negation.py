"""A negated and a plain assertion of one predicate contradict (fuse/relations_negation.py),
pinned on small hand-built ledgers; what must not contradict, too."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.records import FuseClaim, FuseDocument, Fusion, Proposition
from claimledger.fuse.relations_negation import Frames
from claimledger.settings import Settings

from .fuse_ledgers import HUR, KIRBY, PESKOV, SOURCES, UA_OFFICIAL, ZELENSKY, claim, doc, one_story

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
DOCS = (D1, D2)
NEG = "the minister neither sent nor received any emails marked classified on her private server"
PLAIN = "the minister did receive some emails marked classified on her private server"


def pred(lemmas: tuple[str, ...], negated: bool, *, themes: tuple[str, ...] = ("email",), agent: str | None = None,
         modal: str | None = None, obliques: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"lemmas": list(lemmas), "negated": negated, "agent": agent, "themes": list(themes), "modal": modal,
            "obliques": list(obliques), "span": [0, 4]}


def with_pred(c: FuseClaim, *preds: dict[str, Any]) -> FuseClaim:
    return dataclasses.replace(c, record={**c.record, "predicates": list(preds)})


def fuse(claims: list[FuseClaim]) -> Fusion:
    return run(DOCS, SOURCES, claims, settings=Settings(), fusion=FS, stories=one_story(*DOCS))


def prop_of(f: Fusion, cid: str) -> Proposition:
    return next(p for p in f.propositions if f"c_{cid}" in p.claim_ids)


def between(f: Fusion, a: str, b: str) -> list[tuple[str, str, str]]:
    """(kind, from, to) of the relations between the propositions of claims ``a`` and ``b``."""
    pa, pb = prop_of(f, a).id, prop_of(f, b).id
    names = {pa: a, pb: b}
    return [(r.kind, names[r.from_id], names[r.to_id]) for r in f.relations if {r.from_id, r.to_id} == {pa, pb}]


def test_a_negated_and_a_plain_statement_of_one_thing_contradict_from_the_negation() -> None:
    f = fuse([with_pred(claim("neg", D1, NEG, PESKOV), pred(("send", "receive"), True, agent="minister")),
              with_pred(claim("plain", D2, PLAIN, KIRBY), pred(("receive",), False, agent="minister"))])
    assert prop_of(f, "neg").id != prop_of(f, "plain").id
    assert between(f, "neg", "plain") == [("contradicts", "neg", "plain")]
    reason = next(r.reason for r in f.relations if r.kind == "contradicts")
    assert reason.startswith("Russian government says") and "not receive / receive (email)" in reason


def test_without_the_predicates_the_same_claims_do_not_contradict() -> None:
    f = fuse([claim("neg", D1, NEG, PESKOV), claim("plain", D2, PLAIN, KIRBY)])
    assert not [k for k, _, _ in between(f, "neg", "plain") if k == "contradicts"]


def test_one_origin_negating_and_stating_is_no_contradiction() -> None:
    f = fuse([with_pred(claim("neg", D1, NEG, KIRBY), pred(("receive",), True)),
              with_pred(claim("plain", D2, PLAIN, KIRBY), pred(("receive",), False))])
    assert "contradicts" not in {k for k, _, _ in between(f, "neg", "plain")} \
        or prop_of(f, "neg").id == prop_of(f, "plain").id


def test_a_modal_a_different_agent_or_a_different_theme_is_no_contradiction() -> None:
    cases = [
        (pred(("receive",), True, modal="could"), pred(("receive",), False)),
        (pred(("receive",), True, agent="minister"), pred(("receive",), False, agent="aide")),
        (pred(("receive",), True, themes=("letter",)), pred(("receive",), False)),
        (pred(("receive",), True, themes=(), agent="she"), pred(("receive",), False, themes=(), agent="she")),
        (pred(("send",), True), pred(("receive",), False)),
        # "did not receive them in 2020" / "received them in 2021": another time
        (pred(("receive",), True, obliques=("2020",)), pred(("receive",), False, obliques=("2021",))),
        (pred(("receive",), True, obliques=("2020",)), pred(("receive",), False)),
        # every place and time of the negation: "to Ukraine in 2022" / "to Ukraine in 2014" (a third review)
        (pred(("receive",), True, obliques=("server", "2022")), pred(("receive",), False, obliques=("server", "2014"))),
        # a plain passive without an agent does not meet a negation with one ("the army did not strike
        # the hospital" / "the hospital was struck")
        (pred(("receive",), True, agent="minister"), pred(("receive",), False)),
    ]
    for neg, plain in cases:
        f = fuse([with_pred(claim("neg", D1, NEG, PESKOV), neg), with_pred(claim("plain", D2, PLAIN, HUR), plain)])
        assert "contradicts" not in {k for k, _, _ in between(f, "neg", "plain")}, (neg, plain)


def test_synonyms_and_a_named_agent_without_themes_contradict() -> None:
    f = fuse([with_pred(claim("neg", D1, "the troops did not withdraw from the northern town", PESKOV),
                        pred(("withdraw",), True, themes=(), agent="troop")),
              with_pred(claim("plain", D2, "the troops retreated from the northern town on Friday", KIRBY),
                        pred(("retreat",), False, themes=(), agent="troop"))])
    assert between(f, "neg", "plain") == [("contradicts", "neg", "plain")]


def test_blocking_pairs_each_negated_predicate_with_a_few_plain_ones_of_its_key_only() -> None:
    plain = [with_pred(claim(f"p{k:02d}", D1, PLAIN, KIRBY), pred(("receive",), False)) for k in range(40)]
    other = [with_pred(claim(f"o{k:02d}", D2, PLAIN, HUR), pred(("sign",), False, themes=("pact",)))
             for k in range(10)]
    neg = with_pred(claim("neg", D2, NEG, PESKOV), pred(("receive",), True))
    claims = [*plain, *other, neg]
    frames = Frames(claims)
    n = len(claims)
    rank = np.arange(n, dtype=np.int64)[::-1].copy()
    codes = frames.block_pairs(rank, 6)
    pairs = {(int(c // n), int(c % n)) for c in codes}
    assert len(pairs) == 6  # the window, not the 40 plain claims of the key
    assert all(n - 1 in p for p in pairs)  # every pair holds the negated claim
    assert Frames(plain + other).block_pairs(rank[:50], 6).size == 0  # no negated predicate: no pairs


def test_a_statement_and_its_negation_never_meet_in_one_proposition_through_other_claims() -> None:
    # neutral paraphrases close to both used to carry the negated and the plain claim into one
    # group (the pair gate alone blocks only their own pair; a review found it)
    text = "the minister received emails marked classified on her private server in 2012"
    negated = "the minister did not receive emails marked classified on her private server in 2012"
    f = fuse([
        with_pred(claim("neg", D1, negated, PESKOV), pred(("receive",), True, agent="minister")),
        with_pred(claim("plain", D2, text, KIRBY), pred(("receive",), False, agent="minister")),
        claim("c1", D1, "the minister's emails marked classified on her private server in 2012", HUR),
        claim("c2", D2, "the minister's emails marked classified on her private server in 2012 were received",
              ZELENSKY),
        claim("c3", D2, "emails marked classified on the minister's private server in 2012", UA_OFFICIAL),
    ])
    assert prop_of(f, "neg").id != prop_of(f, "plain").id
    assert ("contradicts", "neg", "plain") in between(f, "neg", "plain")


def test_a_plain_statement_with_a_place_contradicts_a_negation_without_one() -> None:
    # "the minister received no classified emails" / "... received them on her private server"
    f = fuse([with_pred(claim("neg", D1, NEG, PESKOV), pred(("receive",), True)),
              with_pred(claim("plain", D2, PLAIN, KIRBY), pred(("receive",), False, obliques=("server",)))])
    assert between(f, "neg", "plain") == [("contradicts", "neg", "plain")]


def fuse_two(neg: tuple[str, str], plain: tuple[str, str], theme: str, *, neg_doc: FuseDocument = D1,
             plain_doc: FuseDocument = D2) -> list[tuple[str, str, str]]:
    """The relations between a negated claim (text, lemma) by Peskov and a plain one by Kirby on ``theme``."""
    f = fuse([with_pred(claim("neg", neg_doc, neg[0], PESKOV), pred((neg[1],), True, themes=(theme,))),
              with_pred(claim("plain", plain_doc, plain[0], KIRBY), pred((plain[1],), False, themes=(theme,)))])
    return between(f, "neg", "plain")


def test_an_adjective_and_its_verb_meet_after_the_stemmer() -> None:
    # "the suspect was not armed" (adjective "armed") / "the suspect was armed" (verb "arm")
    assert fuse_two(("the suspect in the shooting was not armed, the lawyer said", "armed"),
                    ("the suspect in the shooting was armed with a pistol", "arm"),
                    "suspect") == [("contradicts", "neg", "plain")]


def test_an_earlier_not_yet_and_a_later_plain_report_do_not_contradict() -> None:
    # "has not been arrested" (10 Oct) / "was arrested on Tuesday" (24 Oct): the state changed
    neg = ("the suspect in the bombing has not been arrested", "arrest")
    plain = ("the suspect in the bombing was arrested on Tuesday", "arrest")
    assert "contradicts" not in {k for k, _, _ in fuse_two(neg, plain, "suspect")}
    # the other order is a contradiction: a later "has not been" denies an earlier report
    assert fuse_two(neg, plain, "suspect", neg_doc=D2, plain_doc=D1) == [("contradicts", "neg", "plain")]


def test_a_participle_left_as_an_adjective_meets_its_verb_in_e() -> None:
    # "the dam was not damaged" (adjective "damaged") / "the flood damaged the dam" (verb "damage")
    assert fuse_two(("the dam on the river was not damaged, the governor said", "damaged"),
                    ("the flood on the river damaged the dam badly", "damage"),
                    "dam") == [("contradicts", "neg", "plain")]
