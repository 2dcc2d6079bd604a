"""Per-claim features of fusion: content words, synonym classes (no model)."""

from __future__ import annotations

import numpy as np

from claimledger.fuse.config import lexicon
from claimledger.fuse.features import content_tokens, stem


def test_paraphrased_predicates_share_their_synonym_class() -> None:
    a = content_tokens("Pyongyang is sending soldiers to Russia")
    b = content_tokens("Pyongyang is transferring troops to Russia")
    assert set(a) == set(b)


def test_the_class_name_is_the_stem_of_the_first_word() -> None:
    assert content_tokens("the treaty was ratified") == content_tokens("the pact was signed")
    assert stem("pact") in content_tokens("they signed an agreement")


def test_words_outside_any_class_are_kept_as_stems() -> None:
    assert content_tokens("the harvest was poor") == ["harvest", "poor"]


def test_no_word_is_in_two_synonym_classes() -> None:
    seen: dict[str, int] = {}
    for k, cls in enumerate(lexicon().synonyms):
        for w in cls:
            assert seen.setdefault(stem(w), k) == k, w


def test_an_entity_after_punctuation_does_not_qualify_a_count() -> None:
    """"home to 120,000 people, the Geological Survey said": the survey names who speaks, not which
    people; '12,000 North Korean troops': the entity right after the number qualifies them."""
    from claimledger.fuse.features import _qualifier

    def q_of(text: str, number: str) -> dict[str, object]:
        at = text.index(number)
        return {"text": number, "span": [at, at + len(number)], "value": 1.0}

    def ent_of(text: str, name: str) -> dict[str, object]:
        at = text.index(name)
        return {"text": name, "span": [at, at + len(name)], "canonical": name}

    said = "The quake hit the island, home to 120,000 people, the Geological Survey said."
    ents = [ent_of(said, "the Geological Survey")]
    assert _qualifier(q_of(said, "120,000"), ents, said) is None
    assert _qualifier(q_of(said, "120,000"), ents) == "geological survey"  # (no text: the old reading)
    troops = "Some 12,000 North Korean troops are in Russia."
    assert _qualifier(q_of(troops, "12,000"), [ent_of(troops, "North Korean")], troops) == "north korea"


def test_what_happened_to_the_counted_splits_a_counted_thing() -> None:
    """'10 people were killed' and '50 people were injured' count different things (no conflict, no
    match); 'killing 10 people' and '10 people died' count one (relations.toml [units] predicates)."""
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import build_table
    from claimledger.fuse.pairs import QTY_CONFLICT, QTY_MATCH, QTY_NONE, compare_counts
    from tests.fuse_ledgers import claim, doc, qty

    d1, d2 = doc("a", "Outlet A", "2024-01-02"), doc("b", "Outlet B", "2024-01-02")
    texts = ["The quake hit the coast, killing 10 people.", "At least 50 people were injured in the quake.",
             "Officials said 10 people died when the quake hit.", "The storm left 30 people homeless."]
    rows = []
    for i, (t, d) in enumerate(zip(texts, (d1, d2, d2, d1), strict=True)):
        number = t.split("people")[0].split()[-1]
        rows.append(claim(f"p{i}", d, t, None, quantities=(qty(number, float(number), float(number),
                                                                 None if i == 1 else float(number),
                                                                 "at_least" if i == 1 else "exact", "people",
                                                                 at=t.index(number)),)))
    table = build_table([d1, d2], rows, settings=FusionSettings())
    names = [table.unit_names[int(table.q_cls[i, 0])] for i in range(4)]
    assert names == ["people killed", "people injured", "people killed", "people displaced"]
    a, b = np.asarray([0, 0, 0]), np.asarray([1, 2, 3])
    got = compare_counts(table, a, b, 1.25).tolist()
    assert got == [QTY_NONE, QTY_MATCH, QTY_NONE]
    assert QTY_CONFLICT not in got


def test_a_predicate_is_read_in_the_figures_own_clause() -> None:
    """The nearest predicate word within the figure's clause (stopping at punctuation, "and"/"but"
    and other numbers), the word after on a tie; money takes none."""
    from claimledger.fuse.config import FusionSettings
    from claimledger.fuse.features import _predicate, build_table
    from claimledger.fuse.records import FuseClaim
    from tests.fuse_ledgers import claim, doc, qty

    predicates = lexicon().predicate_class

    def pred(text: str, figure: str) -> str | None:
        c = FuseClaim(id="c", document_id="d", start=0, end=len(text), text=text, source_id=None, via=(),
                      stance="asserts", hedged=False, hedges=(), said_on=None, record={})
        at = text.index(figure)
        return _predicate({"span": [at, at + len(figure)]}, c, predicates)

    died = "Five people died and 12 people were hurt"
    assert (pred(died, "Five"), pred(died, "12")) == ("killed", "injured")
    left = "left 5 dead, 12 injured"
    assert (pred(left, "5"), pred(left, "12")) == ("killed", "injured")
    found = "20 survivors were found, and 3 people were missing"
    assert (pred(found, "20"), pred(found, "3")) == (None, "missing")
    lead = "killing at least 10 people, injuring dozens more"
    assert (pred(lead, "10"), pred(lead, "dozens")) == ("killed", "injured")
    # money is an amount: no predicate, so it stays a measure for the relations
    d = doc("m", "Outlet", "2024-01-02")
    text = "The flood, which killed 10 people, caused $5 million in damage."
    at = text.index("$5 million")
    c = claim("m", d, text, None, quantities=(qty("$5 million", 5e6, 5e6, 5e6, "exact", "dollar", at=at),))
    table = build_table([d], [c], settings=FusionSettings())
    assert table.unit_names[int(table.q_cls[0, 0])] == "dollar"
