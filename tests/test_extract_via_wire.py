"""Wire-copy intermediaries (GUIDELINES.md "Via"): "as cited by", a "citing" participle the parser
hangs on the content, and a speaker the parser hangs as an appositive of a fronted phrase.  Every
sentence is invented."""

from __future__ import annotations

import pytest

from .extract_helpers import named as claims


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "via"), [
    ("The talks had stalled, Deputy Foreign Minister Sergei Ryabkov said, as cited by RIA Novosti.",
     "Sergei Ryabkov", "RIA Novosti"),
    ("Interfax news agency reported, citing a source in the ministry, that the talks had stalled.",
     "a source in the ministry", "Interfax"),
    ("In an interview published Sunday by Der Spiegel, Chancellor Olaf Scholz said the talks had stalled.",
     "Olaf Scholz", "Der Spiegel"),
    ("Deputy Foreign Minister Sergei Ryabkov said the talks had stalled, as cited by RIA Novosti.",
     "Sergei Ryabkov", "RIA Novosti"),
    ("Foreign Minister Sergei Lavrov said on Tuesday that the talks had stalled, as quoted by Tass.",
     "Sergei Lavrov", "TASS"),
    # a relaying clause the parser hangs on the speech verb, or each verb inside the other's content
    ("Police said the talks had stalled, the BBC reported.", "Police", "BBC"),
    ("The army said the talks had stalled, Interfax reported on Monday.", "The army", "Interfax"),
    # a common noun before the name it describes is that name
    ("The talks had stalled, a military spokesman told the state news agency IRNA.", "a military spokesman",
     "Islamic Republic News Agency"),
    ("A military spokesman told the news agency Kyodo News that the talks had stalled.", "a military spokesman",
     "Kyodo News"),
    # the intermediary named in a clause on the speaker
    ("The talks had stalled, according to the regional governor, who spoke to Reuters.", "the regional governor",
     "Reuters"),
    ("The talks had stalled, said Ahmed Ali, a spokesman for the ministry, speaking to The Associated Press.",
     "Ahmed Ali", "Associated Press"),
])
def test_wire_copy_intermediaries(text: str, source: str, via: str) -> None:
    assert [(s, v, t.lower()) for s, v, t in claims(text)] == [(source, [via], "the talks had stalled")]


@pytest.mark.model
def test_a_fronted_phrase_before_a_speaker_with_a_subject_of_its_own_is_left_alone() -> None:
    """'The report, compiled by analysts, said C': the report speaks (no appositive takes over)."""
    assert [(s, t) for s, _, t in claims("The report, compiled by analysts, said the talks had stalled.")] == [
        ("The report", "the talks had stalled")]


@pytest.mark.model
def test_reporters_are_no_intermediary() -> None:
    """'The governor, who spoke to reporters, said C': no outlet named, no intermediary."""
    assert claims("The governor, who spoke to reporters, said the talks had stalled.") == [
        ("The governor", [], "the talks had stalled")]


@pytest.mark.model
def test_each_verb_inside_the_others_content_is_untangled() -> None:
    """The parse of this sentence puts "Officials said" inside what the AP reported and "the AP
    reported" inside what the officials said (attribution._untangled): one claim, via the AP."""
    assert claims("Officials said three people were killed in the blast, the AP reported.") == [
        ("Officials", ["Associated Press"], "three people were killed in the blast")]


@pytest.mark.model
def test_as_reported_by_alone_names_the_source() -> None:
    """With no other speaker, "C, as reported by X" makes X the source (not an intermediary of no one)."""
    got = claims("A convoy of soldiers has been observed near the border, as reported by Ukraine's military "
                 "intelligence service on Thursday.")
    assert [(s, v) for s, v, _ in got] == [("Defence Intelligence of Ukraine", [])]
