"""Who a "he"/"she" speaking means, and who speaks in quotations without a cue: centering on the
subject, gender only from the text's courtesy titles, quotations that continue their speaker.
Invented sentences of the shapes met in political copy."""

from __future__ import annotations

import datetime

import pytest

from claimledger.extract.document import Extraction, extract_document
from claimledger.models import Source

pytestmark = pytest.mark.model

PUB = datetime.date(2016, 7, 7)


def run(text: str) -> Extraction:
    return extract_document(text, document_id="d1", content_hash="h1", published=PUB, outlet="The Daily Planet")


def speaker(ex: Extraction, words: str) -> Source | None:
    claim = next(c for c in ex.claims if words in c.text)
    return next((s for s in ex.sources if s.id == claim.source_id), None)


def test_he_said_means_the_previous_sentences_subject_not_the_previous_speaker() -> None:
    ex = run("''The breach is more likely than not,'' said Adam Brown, who studies cyber issues at the institute.\n\n"
             "Mr. Green couched his concern by repeating the phrase four times, but reached no conclusion. "
             "''We assess it is possible that hostile actors gained access to the account,'' he said.")
    s = speaker(ex, "hostile actors gained access")
    assert s is not None and s.name.endswith("Green"), s


def test_she_means_the_main_subject_of_her_own_sentence_before_a_person_named_earlier() -> None:
    ex = run("Senator Tom Hale said the vote was fair. Anna Lee met the senator on Monday. "
             "Lee still has the final say on whether Ross faces a vote, and though she has said she will accept "
             "the result of the review, critics are angry.")
    s = speaker(ex, "accept the result")
    assert s is not None and s.name == "Anna Lee", s


def test_she_said_after_a_quotation_naming_someone_else_is_the_actor_of_the_sentence_before() -> None:
    ex = run("Attorney General Anna Lee took the last step Wednesday of announcing that the department would not "
             "prosecute Dana Reed.\n\n"
             "\u201cLate this afternoon, I met with the agents who investigated Secretary Dana Reed\u2019s use of "
             "a private server,\u201d she said in a statement.")
    s = speaker(ex, "Late this afternoon")
    assert s is not None and s.name == "Anna Lee", s


def test_he_never_means_a_person_the_text_calls_mrs() -> None:
    ex = run("Senator Mark Stone said the audit was late.\n\n"
             "Mrs. Dana Reed has always maintained that the server was secure. "
             "''It posed no national security problem,'' he said.")
    s = speaker(ex, "national security problem")
    assert s is not None and s.name == "Mark Stone", s


def test_typewriter_quotation_continues_its_speaker() -> None:
    ex = run("''Reading between the lines, the breach is more likely than not,'' said Adam Brown, a researcher. "
             "''Sophisticated attackers would have known of the account and would not have been seen.''")
    s = speaker(ex, "Sophisticated attackers")
    assert s is not None and s.name == "Adam Brown", s


def test_third_sentence_of_a_quotation_keeps_its_speaker() -> None:
    ex = run("\u201cThe basic problem is that the laws are a patchwork,\u201d Vladeck said, a law professor named "
             "Steve Vladeck earlier. \u201cIndeed, there is no clear rule on unsecured messages. So I think there "
             "is a wide gap between what people assume is illegal and what is illegal.\u201d")
    s = speaker(ex, "wide gap")
    assert s is not None and "Vladeck" in s.name, s


def test_participle_in_a_title_before_an_inverted_speaker() -> None:
    ex = run("Democrats blasted the committee on Monday.\n\n"
             "\u201cThe majority is so frustrated that it is unloading on the nominee with everything it has,\u201d "
             "said Oversight ranking Democrat Elijah Stone (D-Md.).")
    s = speaker(ex, "unloading on the nominee")
    assert s is not None and s.name == "Elijah Stone" and s.kind == "person", s


def test_attorneys_for_a_person_are_not_that_person() -> None:
    ex = run("Dana Reed testified last year. Attorneys for Reed argued in court files that her account was "
             "private and has never been the property of the department.")
    s = speaker(ex, "never been the property")
    assert s is not None and s.name.lower().startswith("attorneys"), s


def test_the_letter_after_a_continued_quotation_is_its_authors() -> None:
    ex = run("The two lawmakers argue that \u201cthere is precedent for prosecution.\u201d\n\n"
             "\u201cYou seem to have picked a new standard out of thin air to describe the conduct,\u201d the two "
             "write. \u201cWe do not understand the need to cite any lack of intent when the law is clear.\u201d\n\n"
             "The letter continues: \u201cAs a former prosecutor, please explain your understanding of the legal "
             "difference between actions performed with gross negligence and those done carelessly.\u201d")
    s = speaker(ex, "legal difference")
    assert s is not None and "lawmakers" in s.name, s
