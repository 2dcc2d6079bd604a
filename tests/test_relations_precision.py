"""Contradictions need the denial's matter (GUIDELINES.md, "Relations"): a thin denial answers the
claim of its document before it, the assertion must share what is denied, one sentence never
contradicts itself, and the reason names the claims.  Similarities are fixed so that the rule,
not the embedder, decides."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from claimledger.fuse import FusionSettings
from claimledger.fuse.features import build_table
from claimledger.fuse.origins import assign_origins
from claimledger.fuse.pairs import score_pairs
from claimledger.fuse.records import FuseClaim, Relation
from claimledger.fuse.relations import find_relations

from .fuse_ledgers import HUR, KIRBY, PESKOV, RU_GOV, SOURCES, US_GOV, ZELENSKY, claim, doc

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Washington Post", "2024-10-10")
D2 = doc("2", "Newsweek", "2024-10-24")
DOCS = (D1, D2)


def relations(claims: list[FuseClaim], similarity: float = 0.35,
              settings: FusionSettings = FS) -> tuple[list[Relation], list[FuseClaim]]:
    """Every pair a candidate at ``similarity``, each claim its own proposition ``p_<claim id>``."""
    claims = sorted(claims, key=lambda c: c.id)
    table = build_table(DOCS, claims, settings=settings)
    origins = assign_origins(table, DOCS, SOURCES, {})
    pairs = np.asarray(list(itertools.combinations(range(len(claims)), 2)), np.int64)
    ps = score_pairs(table, pairs, origins.of_claim, settings=settings)
    object.__setattr__(ps, "text", np.full(len(pairs), similarity, np.float32))
    label = np.arange(len(claims), dtype=np.int32)
    ids = [f"p_{c.id[2:]}" for c in claims]
    return find_relations(table, claims, ps, label, origins, ids, settings=settings), claims


def contradicted(rels: list[Relation], denial: str) -> set[str]:
    return {r.to_id[2:] for r in rels if r.kind == "contradicts" and r.from_id == f"p_{denial}"}


MUNITIONS = "North Korea has sent large amounts of munitions, including artillery shells, to Russia"
PACT = "the two countries signed a mutual defence pact in June that deepens their military ties"


def test_thin_denial_contradicts_the_claim_it_answers_not_the_whole_story() -> None:
    rels, _ = relations([
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("shells", D2, "Pyongyang shipped millions of artillery shells to Moscow", HUR, start=0),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ])
    assert contradicted(rels, "deny") == {"ammo", "shells"}
    why = next(r.reason for r in rels if r.kind == "contradicts" and r.to_id == "p_ammo")
    assert "answers that claim" in why and "North Korea has sent large amounts" in why


def test_a_denial_of_the_same_sentence_steps_back_to_the_claim_answered() -> None:
    """Two governments' denials in one sentence are two claims: the second answers what the first does."""
    rels, _ = relations([
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny1", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("deny2", D1, "the allegations", PESKOV, stance="denies", start=230),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ])
    assert contradicted(rels, "deny2") == {"ammo"}


def test_a_comment_on_the_previous_statement_is_stepped_over() -> None:
    rels, _ = relations([
        claim("fight", D1, "it was concerned by the reports of North Korean soldiers fighting for Russia", KIRBY,
              start=0),
        claim("if", D1, "If that's true, it would mark a significant increase in the relationship", KIRBY,
              start=100),
        claim("hoax", D1, "it was a hoax", PESKOV, stance="denies", start=200),
        claim("front", D2, "North Korean soldiers are fighting alongside Russian troops near Kursk", HUR),
    ])
    assert contradicted(rels, "hoax") == {"fight", "front"}


def test_one_topical_modifier_does_not_carry_a_contradiction() -> None:
    """"military" is shared, but the denial is about personnel sent to fight, the other about a treaty."""
    rels, _ = relations([
        claim("deny", D1, "claims of Pyongyang sending military personnel to fight in Ukraine as a hoax", PESKOV,
              stance="denies"),
        claim("ratify", D2, "Russian lawmakers ratified the military agreement with North Korea", US_GOV),
        claim("troops", D2, "North Korean troops are fighting in Ukraine", HUR, start=200),
    ])
    assert contradicted(rels, "deny") == {"troops"}


def test_claims_of_one_sentence_never_contradict_each_other() -> None:
    sentence = {"sentence_span": [0, 120]}

    def in_sentence(c: FuseClaim) -> FuseClaim:
        return dataclasses.replace(c, record={**c.record, **sentence})

    rels, _ = relations([
        in_sentence(claim("deny", D1, "any transfer of arms", RU_GOV, stance="denies", start=20)),
        in_sentence(claim("ties", D1, "committed to strengthening their military ties and arms cooperation", RU_GOV,
                          start=50)),
        claim("shells", D2, "Pyongyang transferred arms and artillery shells to Moscow", HUR),
    ])
    assert contradicted(rels, "deny") == {"shells"}


def test_a_denying_proposition_keeps_its_best_contradictions_only() -> None:
    claims = [claim("deny", D1, "claims that North Korean soldiers are in Russia are a hoax", PESKOV, stance="denies")]
    claims += [claim(f"say{i}", D2, f"North Korean soldiers are in Russia, report {i}", HUR, start=100 * i)
               for i in range(5)]
    rels, _ = relations(claims, settings=dataclasses.replace(FS, max_contradictions_per_denial=2))
    assert len(contradicted(rels, "deny")) == 2
    rels, _ = relations(claims)
    assert len(contradicted(rels, "deny")) == 5


def test_relations_do_not_depend_on_input_order() -> None:
    claims = [
        claim("ammo", D1, MUNITIONS, US_GOV, start=0),
        claim("deny", D1, "the allegations", RU_GOV, stance="denies", start=200),
        claim("shells", D2, "Pyongyang shipped millions of artillery shells to Moscow", HUR, start=0),
        claim("pact", D2, PACT, ZELENSKY, start=300),
    ]
    assert relations(claims)[0] == relations(claims[::-1])[0]
