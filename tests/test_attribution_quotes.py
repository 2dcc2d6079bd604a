"""The speaker named after a quotation ('"C," X, a top adviser, said'), read from the tokens when the
parser hangs the name inside the quotation (extract/attribution_quotes.py), and the smaller fixes
that came with it: 'Name:' labels, fronted stretches that are no content, 'as he called for C',
relative clauses of attitude verbs."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp
    return load_nlp()


def frames(nlp, text: str, attitudes: bool = False) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(rule, source, cue, content) of every frame of ``text``."""
    from claimledger.extract.attribution import find_frames
    from claimledger.extract.attribution_claims import _in_quote, quote_regions, units
    doc = nlp(text)
    regions = quote_regions(doc.text)
    out = []
    for u in units(doc):
        for f in find_frames(u, attitudes=attitudes, quoted=lambda pos: _in_quote(pos, regions)):
            source = f.source.text if f.source is not None else (f.source_text or "")
            out.append((f.rule, source, doc[f.cue_first:f.cue_last + 1].text, doc[f.content[0]:f.content[1]].text))
    return out


@pytest.mark.parametrize("attitudes", [False, True])
def test_name_with_an_age_before_told(nlp, attitudes: bool) -> None:  # type: ignore[no-untyped-def]
    # the parser makes "AFP" the subject of "told" and hangs "Ramos" inside the quotation
    text = ('"We were badly wrong not to have confronted him from the start," Ramos, 58, told AFP in an '
            'interview in Lima on Monday.')
    assert frames(nlp, text, attitudes) == [
        ("verb", "Ramos", "told", "We were badly wrong not to have confronted him from the start")]


def test_name_with_a_long_appositive_before_said(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('"Great question, great question from this guy," Trump, the party\'s frontrunner nationally and the '
            'polling leader in Iowa by a wide margin, said when Boyle asked him a question.')
    assert frames(nlp, text)[0] == ("verb", "Trump", "said", "Great question, great question from this guy")


def test_capitalised_verb_after_a_name_and_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"Not us but can\'t argue with it!" Murphy, the head of the super PAC, Tweeted on Friday with a photo.'
    assert [(s, c) for _r, s, c, _t in frames(nlp, text)] == [("Murphy", "Tweeted")]


def test_quotation_of_two_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    # the content is the sentence holding the closing mark; the sentence before is the same
    # speaker's quotation continued (attribution_claims: one claim per sentence, with its hedges)
    text = ('"I met the minister. He will see you at the lunch," Jane Verveer, a diplomat then working for the '
            'State Department, wrote in a 2012 email to the secretary.')
    assert frames(nlp, text) == [("verb", "Verveer", "wrote", "He will see you at the lunch")]


def test_quotation_closed_in_the_sentence_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'He came back to teach in 1998. "Was I going to remain an academic, sitting in an ivory tower?" he told me.'
    # PolNeAR mode takes any speech verb's object as its content ("me"); the quotation comes first
    assert frames(nlp, text, attitudes=True) == [
        ("verb", "he", "told", "Was I going to remain an academic, sitting in an ivory tower")]


def test_a_title_in_quotation_marks_is_no_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_quotes import quote_tail
    doc = nlp('"The Apprentice" host Donald Trump said that taxes would fall.')
    said = next(t for t in doc if t.text == "said")
    assert quote_tail(said, doc[:]) is None
    assert [s for _r, s, _c, t in frames(nlp, doc.text)] == ["host"]


def test_own_content_after_the_verb_wins(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_quotes import quote_tail
    doc = nlp('Voters want "change, and now," and Smith said that the party would listen.')
    said = next(t for t in doc if t.text == "said")
    assert quote_tail(said, doc[:]) is None


def test_according_to_is_no_fronted_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to the documents, the first lady had referred to the intern as a loony."
    assert all(content != "According to the documents" for _r, _s, _c, content in frames(nlp, text))
    found = frames(nlp, text, attitudes=True)
    assert ("according", "documents", "According to",
            "the first lady had referred to the intern as a loony") in found


def test_as_clause_with_its_own_prepositional_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The pope spoke to workers in Juarez, as he called for greater ethics in business."
    assert ("verb", "he", "called for", "greater ethics in business") in frames(nlp, text)


def test_object_of_an_attitude_verb_in_a_relative_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The pact is a deal she once supported."
    assert frames(nlp, text) == []  # the ledger: the outlet's statement about the pact
    assert [(s, t) for _r, s, _c, t in frames(nlp, text, attitudes=True)] == [("she", "a deal")]


def test_label_before_a_colon_cut_into_its_own_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_forms import label_frame
    doc = nlp("AP: Trump chair routed Ukrainian money to D.C. lobbyists.\n\nThe money went to two firms.")
    us = units(doc)
    label = us[0]
    if label.text.strip() != "AP:":
        pytest.skip("the parser kept the label in the sentence")
    f = label_frame(label)
    assert f is not None and f.source_text == "AP"
    assert doc[f.content[0]:f.content[1]].text == "Trump chair routed Ukrainian money to D.C. lobbyists."
    assert label_frame(us[-1]) is None


@pytest.mark.parametrize("line", ["Q: What did you find?", "So: what now for the party?"])
def test_turn_labels_and_connectives_are_no_names(nlp, line: str) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_forms import headline_frame
    doc = nlp(line)
    assert headline_frame(doc[:]) is None


@pytest.mark.parametrize(("line", "name"), [
    ("Clinton camp: Trump's rhetoric threatens national security.", "Clinton camp"),
    ("Clinton to Planned Parenthood: Trump will reverse the ruling.", "Clinton")])
def test_headline_name_with_a_lowercase_noun_or_an_addressee(nlp, line: str, name: str) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_forms import headline_frame, label_frame
    first = units(nlp(line))[0]
    f = headline_frame(first) or label_frame(first)  # the parser may cut the line after the colon
    assert f is not None and f.source_text == name


@pytest.mark.parametrize("line", ["UPDATE: Twitter service is restored after the outage hits users.",
                                  "Poll: The governor leads the race by five points in Ohio.",  # no one source
                                  "He Says: The bridge will reopen on Monday.",
                                  "BREAKING: The central bank raises its main rate to 4.5%.",
                                  "Twitter Goes Down: Something Is Technically Wrong, users say."])
def test_kickers_and_title_case_clauses_are_no_sources(nlp, line: str) -> None:  # type: ignore[no-untyped-def]
    """A kicker ("UPDATE:") labels the item and a title-case clause ("Twitter Goes Down:") is the
    headline's own statement: neither is who says what follows the colon."""
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_forms import headline_frame, label_frame
    first = units(nlp(line))[0]
    assert headline_frame(first) is None and label_frame(first) is None


@pytest.mark.parametrize(("line", "name"), [
    ("White House Spokesman: The president will veto the bill.", "White House Spokesman"),
    ("Putin Says: The West is provoking a war.", "Putin"),  # a speech verb after the name
    ("Kremlin Warns: Any strike on the bridge will be answered.", "Kremlin")])
def test_a_title_case_name_still_labels_a_headline(nlp, line: str, name: str) -> None:  # type: ignore[no-untyped-def]
    from claimledger.extract.attribution_claims import units
    from claimledger.extract.attribution_forms import headline_frame, label_frame
    first = units(nlp(line))[0]
    f = headline_frame(first) or label_frame(first)
    assert f is not None and f.source_text == name
