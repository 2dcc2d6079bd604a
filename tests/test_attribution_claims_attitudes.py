"""PolNeAR's attitudes mode in attribution_claims.py: frames in titles ending in a full stop and in
sentences the ledger judges 'not a claim' become claims there, and only there."""

from __future__ import annotations

import pytest

from claimledger.extract.document import ExtractInput, extract_documents


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp
    return load_nlp()


def attributed(nlp, text: str, attitudes: bool) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    item = ExtractInput(text=text, document_id="d", content_hash="h", published=None, outlet=None)
    ex = next(extract_documents([item], nlp=nlp, attitudes=attitudes))
    return [(c.source_mention.text, c.cue.text) for c in ex.claims if c.source_mention is not None and c.cue]


def test_a_verbless_title_with_a_full_stop_is_framed_for_polnear_only(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("France's Marine Le Pen Backs Trump And Denounces Clinton.\n"
            "The far-right leader spoke in Paris on Monday, the party said.\n")
    assert ("Marine Le Pen", "Backs") in attributed(nlp, text, True)
    assert attributed(nlp, text, False) == [("the party", "said")]


def test_a_not_a_claim_sentence_keeps_its_frame_for_polnear_only(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The campaign filed suit on Friday, the lawyers said.\n\n"
            "Elias has asked the Supreme Court to intervene.\n")
    assert ("Elias", "has asked") in attributed(nlp, text, True)
    assert attributed(nlp, text, False) == [("the lawyers", "said")]
