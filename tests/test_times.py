"""Time expressions: normalise() rules (no model), find_times() on parsed sentences (model)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from claimledger.extract.times import find_times, normalise
from claimledger.extract.times_detect import candidates
from claimledger.extract.times_normalise import resolve

from .conftest import load_script

FRI = dt.date(2024, 10, 25)  # a Friday in ISO week 43
THU = dt.date(2024, 10, 10)  # a Thursday in ISO week 41
WED = dt.date(2024, 10, 16)  # a Wednesday in ISO week 42
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


# --------------------------------------------------------------------------- normalise(): one rule each


def test_weekday_past_is_most_recent_on_or_before() -> None:
    assert normalise("on Thursday", anchor=FRI) == ("2024-10-24", None)
    assert normalise("on Thursday", anchor=THU) == ("2024-10-10", None)
    assert normalise("Tuesday", anchor=WED) == ("2024-10-15", None)


def test_weekday_future_is_next_on_or_after() -> None:
    assert normalise("on Thursday", anchor=FRI, tense="future") == ("2024-10-31", None)
    assert normalise("on Thursday", anchor=THU, tense="future") == ("2024-10-10", None)


def test_last_week_is_iso_week_before_anchor() -> None:
    assert normalise("last week", anchor=WED) == ("2024-W41", None)


def test_this_week_month_summer() -> None:
    assert normalise("this week", anchor=WED) == ("2024-W42", None)
    assert normalise("this month", anchor=FRI) == ("2024-10", None)
    assert normalise("this summer", anchor=THU) == ("2024-SU", None)


def test_in_month_follows_tense() -> None:
    assert normalise("in June", anchor=FRI) == ("2024-06", None)
    assert normalise("in June", anchor=FRI, tense="future") == ("2025-06", None)


def test_early_year_is_year_with_start() -> None:
    assert normalise("in early 2024", anchor=THU) == ("2024", "START")


def test_day_of_month_without_year() -> None:
    assert normalise("on 3 October", anchor=THU) == ("2024-10-03", None)
    assert normalise("October 3", anchor=THU) == ("2024-10-03", None)
    assert normalise("Oct. 3, 2023", anchor=THU) == ("2023-10-03", None)


def test_since_early_month() -> None:
    assert normalise("since early August", anchor=FRI) == ("2024-08", "START")


def test_end_of_this_year() -> None:
    assert normalise("by the end of this year", anchor=THU) == ("2024", "END")
    assert normalise("by year’s end", anchor=THU) == ("2024", "END")


def test_later_this_year_and_earlier_this_month() -> None:
    assert normalise("later this year", anchor=THU) == ("2024", "END")
    assert normalise("earlier this month", anchor=THU) == ("2024-10", "START")


def test_deictic_days() -> None:
    assert normalise("yesterday", anchor=FRI) == ("2024-10-24", None)
    assert normalise("today", anchor=FRI) == ("2024-10-25", None)
    assert normalise("tonight", anchor=FRI) == ("2024-10-25TNI", None)


def test_ago_and_next_month() -> None:
    assert normalise("two days ago", anchor=FRI) == ("2024-10-23", None)
    assert normalise("next month", anchor=FRI) == ("2024-11", None)


def test_years() -> None:
    assert normalise("in 2022", anchor=THU) == ("2022", None)
    assert normalise("at the start of 2022", anchor=THU) == ("2022", "START")
    assert normalise("the 1990s", anchor=THU) == ("199", None)


def test_event_relative_without_event_is_none() -> None:
    assert normalise("a day after", anchor=FRI) == (None, None)
    assert normalise("the next day", anchor=FRI) == (None, None)
    assert resolve("the next day", anchor=FRI, reference=dt.date(2024, 10, 3)).value == "2024-10-04"
    assert resolve("a day after", anchor=FRI, reference=dt.date(2024, 10, 23)).value == "2024-10-24"


def test_durations() -> None:
    assert resolve("several weeks", anchor=FRI).value == "PXW"
    assert resolve("several weeks", anchor=FRI).type == "DURATION"
    assert normalise("three weeks", anchor=FRI) == ("P3W", None)
    assert normalise("two hours", anchor=FRI) == ("PT2H", None)
    assert normalise("two years", anchor=None) == ("P2Y", None)
    assert normalise("more than two weeks", anchor=FRI) == ("P2W", "MORE_THAN")


def test_later_on_weekday_is_that_weekday() -> None:
    assert normalise("later on Tuesday", anchor=THU) == ("2024-10-08", None)


def test_reference_values() -> None:
    assert normalise("now", anchor=FRI)[0] == "PRESENT_REF"
    assert normalise("currently", anchor=FRI)[0] == "PRESENT_REF"
    assert normalise("recently", anchor=FRI)[0] == "PAST_REF"
    assert normalise("previously", anchor=FRI)[0] == "PAST_REF"
    assert normalise("soon", anchor=FRI)[0] == "FUTURE_REF"


def test_quarters_halves_clock_times() -> None:
    assert normalise("the third quarter of 2024", anchor=FRI) == ("2024-Q3", None)
    assert normalise("the first half of 2024", anchor=FRI) == ("2024-H1", None)
    assert normalise("2 p.m. Thursday", anchor=FRI) == ("2024-10-24T14:00", None)
    assert resolve("14:30", anchor=FRI).type == "TIME"


def test_no_anchor_keeps_values_relative_or_null() -> None:
    """Without a publication date nothing may come from the machine's clock."""
    assert normalise("yesterday", anchor=None) == (None, None)
    assert normalise("last week", anchor=None) == (None, None)
    assert normalise("this month", anchor=None) == (None, None)
    assert normalise("in June", anchor=None) == ("XXXX-06", None)
    assert normalise("on Thursday", anchor=None) == ("XXXX-WXX-4", None)
    assert normalise("June 2024", anchor=None) == ("2024-06", None)
    this_year = str(dt.date.today().year)
    for text in ("today", "this year", "next month", "two days ago", "in March", "Tuesday", "this summer"):
        value = normalise(text, anchor=None)[0]
        assert value is None or this_year not in value, (text, value)


def test_malformed_input() -> None:
    assert normalise("", anchor=FRI) == (None, None)
    assert normalise("   ", anchor=FRI) == (None, None)
    assert normalise("the 1970s and 1980s", anchor=FRI) == (None, None)
    assert normalise("Febtember 45th", anchor=FRI) == (None, None)
    assert normalise("February 30, 2024", anchor=FRI) == (None, None)
    assert normalise("x" * 10_000, anchor=FRI) == (None, None)


@pytest.mark.slow
def test_one_megabyte_stays_linear() -> None:
    """No catastrophic backtracking: 4x the text takes about 4x the time, and 1 MB stays in seconds."""
    unit = "1 2 3 the the last several Tuesday on " + " " * 300 + "Thursday, "
    small = (unit * 3000)[:250_000]
    big = (unit * 12000)[:1_000_000]
    t0 = time.perf_counter()
    candidates(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    candidates(big)
    t_big = time.perf_counter() - t0
    assert t_big < 30.0
    assert t_big < 8 * max(t_small, 0.05)


@pytest.mark.slow
def test_find_times_without_parse_on_large_text() -> None:
    """find_times on a 1 MB tokenised (unparsed) document: linear and well-formed."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    text = ("Officials said on Thursday that troops arrived last week. " * 18_000)[:1_000_000]
    doc = nlp.make_doc(text)
    t0 = time.perf_counter()
    found = find_times(doc, anchor=FRI)
    assert time.perf_counter() - t0 < 30.0
    assert found[0].text == "Thursday" and found[0].value == "2024-10-24"
    assert all(t.text == text[t.start: t.end] for t in found[:50])


def test_empty_document() -> None:
    spacy = pytest.importorskip("spacy")
    assert find_times(spacy.blank("en")(""), anchor=FRI) == []


# --------------------------------------------------------------------------- find_times() with the model


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp

    return load_nlp()


@pytest.mark.model
def test_said_weekday_role_and_value(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The State Department said Tuesday that it was concerned by the reports.")
    (t,) = find_times(doc, anchor=WED)
    assert (t.text, t.value, t.role, t.anchor, t.method) == (
        "Tuesday", "2024-10-15", "said", "2024-10-16", "extract.times.rules.v1")


@pytest.mark.model
def test_told_reporters_and_posted_later_on(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The minister told reporters on Thursday that talks had failed. "
              "His deputy posted on Telegram later on Tuesday saying the troops had left.")
    times = find_times(doc, anchor=FRI)
    assert [(t.text, t.value, t.role) for t in times] == [
        ("Thursday", "2024-10-24", "said"), ("later on Tuesday", "2024-10-22", "said")]


@pytest.mark.model
def test_event_role_and_future_tense(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The troops were sighted in Kursk on Wednesday. The leaders will meet on Thursday.")
    times = find_times(doc, anchor=FRI)
    assert [(t.text, t.value, t.role) for t in times] == [
        ("Wednesday", "2024-10-23", "event"), ("Thursday", "2024-10-31", "event")]


@pytest.mark.model
def test_spans_sorted_and_match_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In early 2024, debris was identified. Since early August, forces have advanced, "
            "and several thousand soldiers could be deployed by the end of this year.")
    doc = nlp(text)
    times = find_times(doc, anchor=THU)
    assert [t.start for t in times] == sorted(t.start for t in times)
    assert all(text[t.start: t.end] == t.text for t in times)
    assert [(t.value, t.mod) for t in times] == [("2024", "START"), ("2024-08", "START"), ("2024", "END")]


@pytest.mark.model
def test_next_day_resolves_from_previous_date(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("A missile struck the depot on 3 October. The next day, officials confirmed the losses. "
              "The claim came a day after the U.S. assessed the numbers.")
    times = {t.text: t.value for t in find_times(doc, anchor=THU)}
    assert times["3 October"] == "2024-10-03"
    assert times["The next day"] == "2024-10-04"
    assert times["a day after"] is None  # the event it follows has no date


@pytest.mark.model
def test_no_anchor_in_document(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Officials said on Thursday that the pact was signed in June and troops left last week.")
    times = find_times(doc, anchor=None)
    assert [(t.value, t.anchor) for t in times] == [("XXXX-WXX-4", None), ("XXXX-06", None), (None, None)]


@pytest.mark.model
def test_ages_and_counts_are_not_times(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("A 52-year-old soldier, aged 52, was among 2000 troops; he is 37 years old.")
    assert find_times(doc, anchor=FRI) == []


@pytest.mark.model
def test_seed_gold_times_found(nlp) -> None:  # type: ignore[no-untyped-def]
    if not (SHARED / "gold" / "seeds.json").exists():
        pytest.skip("../shared/gold/seeds.json not available")
    module = load_script(Path(__file__).resolve().parents[1] / "eval" / "tempeval3_eval.py")
    found, total = module.seed_time_hits(nlp)
    assert total and found / total >= 0.9, f"{found}/{total}"
