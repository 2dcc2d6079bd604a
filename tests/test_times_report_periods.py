"""Time rules of the second TempEval-3 error-analysis round (eval/README.times.md): comparisons with
the reported quarter ("a year earlier"), hedge words before a time ("only six months"), "a"/"an"
before a date or count, "last Oct. 23", "the last half of 1989", fractions of units, "a couple of",
clock times on the day last mentioned or with a month date, "<n> <unit> on <noun phrase>", verbs of
planning in a past clause, "is to <verb>", deadlines ("until Tuesday") and possessive weekdays.
All sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.extract.times import find_times
from claimledger.extract.times_normalise import normalise, resolve

NOV89 = dt.date(1989, 11, 2)  # a Thursday
MON = dt.date(2000, 4, 3)  # a Monday


# --------------------------------------------------------------------------- normalise(): no model


def test_a_year_earlier_next_to_a_reported_quarter_is_that_quarter_a_year_before() -> None:
    q3 = "1989-Q3"
    assert resolve("a year earlier", anchor=NOV89, reference_period=q3).value == "1988-Q3"
    assert resolve("a year ago", anchor=NOV89, reference_period=q3).value == "1988-Q3"
    assert resolve("two years earlier", anchor=NOV89, reference_period=q3).value == "1987-Q3"
    assert resolve("year-earlier", anchor=NOV89, reference_period=q3).value == "1988-Q3"
    assert resolve("the year-ago period", anchor=NOV89, reference_period="1989-H1").value == "1988-H1"
    # without a reported period: "a year ago" from the publication date, "a year earlier" unresolved
    assert resolve("a year ago", anchor=NOV89).value == "1988"
    assert resolve("a year earlier", anchor=NOV89).value is None
    # a month or a week is not compared at the quarter's granularity
    assert resolve("a week ago", anchor=NOV89, reference_period=q3).value == "1989-W43"


def test_hedge_words_leave_the_value_unchanged() -> None:
    assert resolve("only six months", anchor=NOV89).value == "P6M"
    assert resolve("barely a month", anchor=NOV89).value == "P1M"
    assert resolve("sometime next year", anchor=NOV89).value == "1990"
    assert resolve("each of the past three years", anchor=NOV89).value == "P3Y"
    assert resolve("an additional year", anchor=NOV89).value == "P1Y"
    assert resolve("as soon as possible", anchor=NOV89).value == "FUTURE_REF"  # a whole reference phrase


def test_at_least_is_a_modifier_not_the_preposition_at() -> None:
    assert normalise("at least 30 days", anchor=NOV89) == ("P30D", "EQUAL_OR_MORE")
    assert normalise("at least several years", anchor=NOV89) == ("PXY", "EQUAL_OR_MORE")


def test_article_before_a_date_or_a_count() -> None:
    assert resolve("an Aug. 10, 1988", anchor=NOV89).value == "1988-08-10"
    assert resolve("a two day", anchor=NOV89).value == "P2D"
    assert resolve("a year", anchor=NOV89).value == "P1Y"  # "a" is the count here


def test_last_and_next_with_a_month_and_day() -> None:
    apr99 = dt.date(1999, 4, 19)
    assert resolve("last Oct. 23", anchor=apr99).value == "1998-10-23"
    assert resolve("next June 5", anchor=apr99, tense="past").value == "1999-06-05"
    assert resolve("last April 25", anchor=apr99).value == "1998-04-25"


def test_the_last_half_of_a_year_is_its_second_half() -> None:
    assert resolve("the last half of 1989", anchor=NOV89).value == "1989-H2"
    assert normalise("the last half of the '80s", anchor=NOV89) == ("198", "END")


def test_fractions_of_units() -> None:
    assert resolve("2 1/2 years", anchor=NOV89).value == "P2Y6M"
    assert resolve("two and a half years", anchor=NOV89).value == "P2Y6M"
    assert resolve("a minute and a half", anchor=NOV89).value == "PT1M30S"
    assert resolve("half an hour", anchor=NOV89).value == "PT30M"
    assert resolve("1.5 days", anchor=NOV89).value == "P1DT12H"


def test_a_couple_of_is_two() -> None:
    assert resolve("the next couple of years", anchor=NOV89).value == "P2Y"
    assert resolve("a couple of days", anchor=NOV89).value == "P2D"
    assert resolve("several weeks", anchor=NOV89).value == "PXW"


def test_recent_and_future_quarters() -> None:
    assert resolve("recent quarters", anchor=NOV89).value == "PAST_REF"
    assert resolve("future quarters", anchor=NOV89).value == "FUTURE_REF"


def test_a_bare_clock_time_is_on_the_day_last_mentioned() -> None:
    oct23 = dt.date(1998, 10, 23)
    assert resolve("10 p.m.", anchor=dt.date(1999, 4, 19), reference=oct23).value == "1998-10-23T22:00"
    assert resolve("10 p.m.", anchor=dt.date(1999, 4, 19)).value == "1999-04-19T22:00"
    assert resolve("5 p.m. EST Nov. 9", anchor=NOV89, tense="future").value == "1989-11-09T17:00"


# --------------------------------------------------------------------------- find_times(): parsed text


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp

    return load_nlp()


def _values(nlp, text: str, anchor: dt.date) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {t.text: t.value for t in find_times(nlp(text), anchor=anchor)}


def test_comparison_with_the_reported_quarter(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "Harbor Mills posted third-quarter net income of $4.1 million, or 30 cents a share, "
                       "compared with $2.2 million, or 16 cents a share, a year earlier.", NOV89)
    assert got["third-quarter"] == "1989-Q3"
    assert got["a year earlier"] == "1988-Q3"
    got = _values(nlp, "Harbor Mills said its profit rose sharply from a year ago.", NOV89)
    assert got["a year ago"] == "1988"  # no quarter reported: the publication date's year before


def test_repeated_comparisons_compare_with_the_same_quarter(nlp) -> None:  # type: ignore[no-untyped-def]
    got = [t.value for t in find_times(nlp(
        "Net for the third quarter rose to $9 million from $7 million a year earlier. Sales fell to "
        "$80 million from $85 million a year earlier."), anchor=NOV89)]
    assert got == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_days_on_a_noun_phrase_is_a_duration_not_a_shift(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "By surviving two days on a raft, the sailor earned his rescue.", dt.date(2000, 1, 5))
    assert got == {"two days": "P2D"}


def test_a_time_inside_a_longer_unresolved_span_is_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "The minister fled the capital after a coup d'etat last year.", dt.date(1998, 2, 19))
    assert got.get("last year") == "1997"


def test_bare_clock_time_takes_the_day_of_the_story(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "The keeper was attacked on Oct. 23 outside the lighthouse. He was found at 10 p.m. "
                       "by a neighbour.", dt.date(1999, 4, 19))
    assert got["10 p.m."] == "1998-10-23T22:00"


def test_planned_for_a_day_in_a_past_clause_is_the_nearer_day(nlp) -> None:  # type: ignore[no-untyped-def]
    sun = dt.date(1999, 10, 24)
    got = _values(nlp, "A concert planned at the town hall for Saturday was canceled after the storm.", sun)
    assert got["Saturday"] == "1999-10-23"
    got = _values(nlp, "The council will hold a vote scheduled for Saturday.", sun)
    assert got["Saturday"] == "1999-10-30"


def test_set_is_ahead_only_with_for(nlp) -> None:  # type: ignore[no-untyped-def]
    feb = dt.date(1998, 2, 6)
    got = _values(nlp, "The index closed near the record high set on Aug. 6 by the bank shares.", feb)
    assert got["Aug. 6"] == "1997-08-06"
    got = _values(nlp, "The referendum is set for Aug. 6.", feb)
    assert got["Aug. 6"] == "1998-08-06"


def test_is_to_with_an_infinitive_looks_ahead(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "Trading in the shares is to resume in Paris on Tuesday.", dt.date(1989, 10, 27))
    assert got["Tuesday"] == "1989-10-31"


def test_had_been_due_takes_the_nearer_day(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "The tender offer had been due to expire Friday evening.", dt.date(1989, 10, 30))
    assert got["Friday evening"] == "1989-10-27TEV"


def test_a_deadline_set_in_the_past_may_be_ahead(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "The agency has given the family until 9 a.m. Tuesday to sign the paper.", MON)
    assert got["9 a.m. Tuesday"] == "2000-04-04T09:00"
    got = _values(nlp, "The agency gave the family a deadline and they signed on Tuesday.", MON)
    assert got["Tuesday"] == "2000-03-28"


def test_a_possessive_weekday_is_a_reported_day(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "The notes carry a premium over Thursday's closing price.", dt.date(1989, 10, 30))
    assert got["Thursday"] == "1989-10-26"  # not the Thursday ahead, though it is nearer
