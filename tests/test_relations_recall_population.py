"""A population counts a place's inhabitants (quantities.toml ``collective_heads``), so its size is
one counted thing with "N residents" (relations.toml ``[units] classes``): two reports that give a
town's size as "a population of 60,000" and "about 110,000 residents" differ.  Before, the
population counted "person", a class of its own, and the two figures were never compared.  The
figures come from the quantity extractor (the spaCy model); similarities are fixed so that the rule,
not the embedder, decides."""

from __future__ import annotations

import dataclasses
import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from claimledger.extract.quantities import find_quantities
from claimledger.fuse import FusionSettings
from claimledger.fuse.features import build_table
from claimledger.fuse.origins import assign_origins
from claimledger.fuse.pairs import score_pairs
from claimledger.fuse.records import FuseClaim, Relation
from claimledger.fuse.relations import find_relations

from .fuse_ledgers import HUR, SOURCES, US_GOV, claim, doc

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

FS = FusionSettings(embedder="hashing")
D1 = doc("1", "The Harbour Gazette", "2024-03-02")
D2 = doc("2", "Coastal Wire", "2024-03-03")
DOCS = (D1, D2)


@pytest.fixture(scope="module")
def nlp() -> Language:
    from claimledger.extract.nlp import load_nlp
    return load_nlp()


def extracted(nlp: Language, cid: str, d: Any, text: str, who: Any) -> FuseClaim:
    """A claim whose figures (spans, units) are the quantity extractor's, and whose entity is the town."""
    qs = [{"text": q.text, "span": [q.start, q.end], "value": q.value, "low": q.low, "high": q.high,
           "qualifier": q.qualifier, "unit": q.unit} for q in find_quantities(nlp(text))]
    c = claim(cid, d, text, who, quantities=tuple(qs))
    at = text.index("Marrowport")
    ents = [{"text": "Marrowport", "span": [at, at + len("Marrowport")]}]
    return dataclasses.replace(c, record={**c.record, "entities": ents})


def relations(claims: list[FuseClaim], similarity: float = 0.35) -> list[Relation]:
    """Every pair a candidate at ``similarity``, each claim its own proposition ``p_<claim id>``."""
    claims = sorted(claims, key=lambda c: c.id)
    table = build_table(DOCS, claims, settings=FS)
    origins = assign_origins(table, DOCS, SOURCES, {})
    pairs = np.asarray(list(itertools.combinations(range(len(claims)), 2)), np.int64)
    ps = score_pairs(table, pairs, origins.of_claim, settings=FS)
    object.__setattr__(ps, "text", np.full(len(pairs), similarity, np.float32))
    label = np.arange(len(claims), dtype=np.int32)
    ids = [f"p_{c.id[2:]}" for c in claims]
    return find_relations(table, claims, ps, label, origins, ids, settings=FS)


@pytest.mark.parametrize("text", [
    "Marrowport, the largest town on the coast, has a population of 60,000.",
    "Marrowport, a town with a populace of 60,000, lies on the coast.",
])
def test_a_population_counts_inhabitants(nlp: Language, text: str) -> None:
    got = [(q.text, q.unit) for q in find_quantities(nlp(text))]
    assert got == [("60,000", "inhabitant")]


def test_a_population_and_a_count_of_residents_of_one_town_differ(nlp: Language) -> None:
    rels = relations([
        extracted(nlp, "pop", D1, "Marrowport, the largest town on the coast, has a population of 60,000.", US_GOV),
        extracted(nlp, "res", D2, "Marrowport, the largest town on the coast, has about 110,000 residents.", HUR),
    ])
    assert [(r.kind, {r.from_id, r.to_id}) for r in rels] == [("differs", {"p_pop", "p_res"})]
    # a population is no count of civilians: the class is the place's inhabitants
    assert "inhabitant: '60,000' vs 'about 110,000'" in rels[0].reason


@pytest.mark.parametrize("text", [
    "In Marrowport, the largest town on the coast, about 110,000 residents lack power.",
    "Marrowport, the largest town on the coast, now holds about 110,000 civilians after the fighting.",
])
def test_a_count_of_some_residents_is_no_population(nlp: Language, text: str) -> None:
    """Only a count that gives the place's size ("has about 110,000 residents") is a population: the
    residents who lack power are a part of it (review of the seventh session)."""
    rels = relations([
        extracted(nlp, "pop", D1, "Marrowport, the largest town on the coast, has a population of 60,000.", US_GOV),
        extracted(nlp, "part", D2, text, HUR),
    ])
    assert not [r for r in rels if r.kind in {"differs", "supports"}]


def test_a_crowd_is_still_no_count_of_residents(nlp: Language) -> None:
    """Only a population counts inhabitants: a crowd's members are people gathered, not the town."""
    rels = relations([
        extracted(nlp, "crowd", D1, "In Marrowport, the largest town on the coast, a crowd of 6,000 gathered.",
                  US_GOV),
        extracted(nlp, "res", D2, "Marrowport, the largest town on the coast, has about 110,000 residents.", HUR),
    ])
    assert not [r for r in rels if r.kind in {"differs", "supports"}]
