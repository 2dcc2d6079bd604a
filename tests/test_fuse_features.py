"""Per-claim features of fusion: content words, synonym classes (no model)."""

from __future__ import annotations

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
