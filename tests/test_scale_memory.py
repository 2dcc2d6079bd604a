"""Extraction leaves the shared spaCy vocabulary as it found it: each batch runs in a memory zone,
so a long ingest does not grow with the number of distinct words it has read, and the results are
those of a run without the zone."""

from __future__ import annotations

import pytest

from claimledger.batch.work import stages_for
from claimledger.extract.document import ExtractInput, extract_documents
from claimledger.settings import Settings


def _item(i: int, text: str) -> ExtractInput:
    return ExtractInput(text=text, document_id=f"d_{i}", content_hash=f"h_{i}", published=None, outlet=None)


@pytest.mark.model
def test_batches_do_not_grow_the_vocabulary_nor_change_results() -> None:
    stages = stages_for(Settings(db=":memory:"))
    stages.extract([_item(0, "The minister said on Monday that 3,000 troops had arrived.")])
    nlp = stages._nlp
    before = len(nlp.vocab.strings)
    item = _item(1, "Ilse Quexlorvanova, the harbour master of Brindlemoor, said the Zarvic bridge would reopen on "
                    "Friday. About 1,200 Tervashi workers had repaired it, according to the Brindlemoor council.")
    zoned = stages.extract([item])
    assert len(nlp.vocab.strings) == before
    plain = list(extract_documents([item], registry=stages._registry, nlp=nlp))
    assert len(nlp.vocab.strings) > before  # without the zone the new words stay
    assert zoned == plain and plain[0].claims
