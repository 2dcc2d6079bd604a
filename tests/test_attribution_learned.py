"""The learned cue model (extract/attribution_learned.py): used for the PolNeAR evaluation only."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp
    return load_nlp()


def frames(nlp, text: str, **kw: bool):  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution import find_frames
    from claimledger.extract.attribution_claims import units
    doc = nlp(text)
    return [f for u in units(doc) for f in find_frames(u, quoted=lambda pos: False, **kw)]


def test_model_file_has_bias_thresholds_and_weights() -> None:
    from claimledger.extract.attribution_learned import _model
    bias, (keep, take, nested), weights = _model()
    assert 0.0 < keep < 1.0 and 0.0 < take < 1.0 and 0.0 < nested < 1.0
    assert len(weights) > 1000 and bias != 0.0


def test_features_describe_the_verb_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_learned import frame_features
    doc = nlp("The senator made the case that taxes must fall.")
    verb = next(t for t in doc if t.lemma_ == "make")
    subj = next(t for t in doc if t.dep_ == "nsubj" and t.head.i == verb.i)
    feats = frame_features(verb, subj, "candidate")
    assert "l=make" in feats and "l=make|dobj=case" in feats and "r=candidate" in feats


def test_a_verb_outside_the_lexicons_becomes_a_cue_for_polnear_only(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator made the case that taxes must fall."
    found = frames(nlp, text, attitudes=True)
    assert [(f.source.text if f.source else None, f.rule) for f in found] == [("senator", "candidate")]
    assert frames(nlp, text, attitudes=True, learned=False) == []
    assert frames(nlp, text) == []  # the ledger: "make" is no verb of saying


def test_the_model_drops_an_unlikely_rule_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Despite the loss, the mayor continues to build up her lead in the council."
    assert [f.source.text for f in frames(nlp, text, attitudes=True, learned=False) if f.source] == ["mayor"]
    assert frames(nlp, text, attitudes=True) == []


def test_the_ledger_ignores_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said that the port had closed."
    assert [f.source.text for f in frames(nlp, text) if f.source] == ["minister"]
    assert [f.source.text for f in frames(nlp, text, attitudes=True) if f.source] == ["minister"]


def test_passive_agent_rule_frame_is_left_to_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Governor Ames is backed by 520 delegates from the northern states."
    assert [f.source.text for f in frames(nlp, text, attitudes=True, learned=False) if f.source] == ["delegates"]
    from claimledger.extract.attribution import learned_candidates
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_learned import _model, cue_probability

    def prob(doc_text: str) -> float:
        doc = nlp(doc_text)
        (f, outer, others), = [c for u in units(doc) for c in learned_candidates(u, quoted=lambda pos: False)]
        return cue_probability(f.verb, f.source, f.rule, outer, f, others)

    p = prob(text)
    kept = [f.source.text for f in frames(nlp, text, attitudes=True) if f.source]
    assert kept == (["delegates"] if p >= _model()[1][0] else [])  # the model decides
    assert p < prob("The minister said that the port had closed.") - 0.3  # agents of "back" are seldom sources


def test_a_lexicon_verb_without_content_is_left_to_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kelly responded pointedly, with a smile."
    found = frames(nlp, text, attitudes=True)
    assert [(f.source.text if f.source else None, f.rule) for f in found] == [("Kelly", "bare")]
    assert frames(nlp, text, attitudes=True, learned=False) == []  # the rules find no content
    assert frames(nlp, text) == []


def test_a_frame_nested_in_another_is_kept_by_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR keeps a relation inside another frame's content as its own; the rules drop it
    text = "The Latest: Sanders tells supporters he will stay in the race."
    learned = [f.source.text for f in frames(nlp, text, attitudes=True) if f.source]
    assert "Sanders" in learned
    assert "Sanders" not in [f.source.text for f in frames(nlp, text, attitudes=True, learned=False) if f.source]
    text = "The group continues to tell its members that the vote is rigged."
    assert [f.source.text for f in frames(nlp, text, attitudes=True) if f.source] == ["group"]


def test_an_unquoted_first_person_source_is_left_to_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR marks the writer's "I think C" of opinion pieces; the ledger drops it (the outlet's voice)
    text = "I believe the plan will fail."
    assert [f.source.text for f in frames(nlp, text, attitudes=True) if f.source] == ["I"]
    assert frames(nlp, text, attitudes=True, learned=False) == []
    assert frames(nlp, text) == []
    assert frames(nlp, "You think the plan will fail.", attitudes=True) == []  # the reader stays out


def test_a_relative_word_before_the_speaker_opens_no_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The workers ended a strike that company executives said could ultimately affect production."
    doc = nlp(text)
    from claimledger.extract.attribution import find_frames
    from claimledger.extract.attribution_claims import units
    found = [f for u in units(doc) for f in find_frames(u, attitudes=True, quoted=lambda pos: False)]
    assert [(f.source.text if f.source else None, doc[f.content[0]:f.content[1]].text) for f in found] == [
        ("executives", "could ultimately affect production")]
    assert frames(nlp, text) == []  # the ledger's rules are unchanged


def test_a_predicate_adjective_outside_the_list_is_a_candidate(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution import learned_candidates
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_learned import CANDIDATE_ADJECTIVE
    doc = nlp("The board members were far more leery about depending on the collapsing business.")
    cands = [(f.source.text if f.source else None, f.rule) for u in units(doc)
             for f, _outer, _others in learned_candidates(u, quoted=lambda pos: False)]
    assert cands == [("members", CANDIDATE_ADJECTIVE)]
    assert frames(nlp, doc.text, attitudes=True, learned=False) == []  # "leery" is in no list
    assert frames(nlp, doc.text) == []


def test_a_title_verb_parsed_as_a_name_is_framed_for_polnear_only(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_forms import attitude_verbs, reporting_verbs, title_frame
    text = "Another GOP Figure Endorses Hillary Clinton.\nThe senator spoke in Ohio on Monday."
    doc = nlp(text)
    verbs = reporting_verbs() | attitude_verbs()
    sents = list(doc.sents)
    f = title_frame(sents[0], verbs)
    assert f is not None and f.source is not None and f.source.text == "Figure"
    assert doc[f.cue_first].text == "Endorses" and doc[f.content[0]:f.content[1]].text == "Hillary Clinton."
    assert title_frame(sents[-1], verbs) is None  # the first line only
    assert "title" in [g.rule for g in frames(nlp, text, attitudes=True, learned=False)]
    assert all(g.rule != "title" for g in frames(nlp, text))  # the ledger makes no claims of headlines


def test_context_features_see_quotation_marks_content_and_other_frames(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution import learned_candidates
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_learned import frame_features

    def feats(text: str) -> dict[str, list[str]]:
        doc = nlp(text)
        out = {}
        for u in units(doc):
            for f, outer, others in learned_candidates(u, quoted=lambda pos: False):
                tok = f.verb if f.verb is not None else doc[f.cue_first]
                out[tok.text] = frame_features(tok, f.source, f.rule, outer, f, others)
        return out

    quoted = feats('"Taxes must fall," the senator said.')["said"]
    assert "q=10" in quoted and "cd=before:4+" in quoted and "inv=0" in quoted and "rs=0" in quoted
    both = feats("The senator said taxes must fall, and the mayor made the case for cuts.")
    assert "q=00" in both["said"] and "cd=after:0" in both["said"] and "rs=0" in both["said"]
    assert "rs=1" in both["made"] and "r=candidate|rs=1" in both["made"]  # "said" is a rule frame beside it
    assert not any(f.startswith(("q=", "cd=", "rs=")) for f in frame_features(
        nlp("The senator made the case.")[2], nlp("The senator made the case.")[1], "candidate"))


def test_an_unresolved_source_keeps_its_frame_for_polnear_only(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.document import ExtractInput, extract_documents
    item = ExtractInput(text="It said the port had closed on Friday after the storm.\n", document_id="d",
                        content_hash="h", published=None, outlet=None)
    polnear = next(extract_documents([item], nlp=nlp, attitudes=True)).claims
    assert [(c.source_id, c.source_mention.text if c.source_mention else None) for c in polnear] == [
        ("unresolved:it", "It")]
    ledger = next(extract_documents([item], nlp=nlp, attitudes=False)).claims
    assert all(c.source_id is None and c.cue is None for c in ledger)  # the ledger names no source it cannot resolve
