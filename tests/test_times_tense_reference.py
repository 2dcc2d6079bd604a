"""Time rules added with the TempEval-3 error analysis (eval/README.times.md): the tense of the
governing verb (past vs unmarked, near modals, "until"), weekends, periods counted from another
event ("the following year", "later that year"), weekdays of a named week, "the first nine months"
and "overnight"."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.extract.times import find_times
from claimledger.extract.times_normalise import normalise, resolve

FRI = dt.date(2024, 10, 25)  # Friday, ISO week 43
MON = dt.date(2024, 10, 21)  # Monday, ISO week 43
OCT = dt.date(1998, 10, 25)


# --------------------------------------------------------------------------- normalise(): no model


def test_past_verb_never_takes_a_future_month_or_day() -> None:
    # January is 3 months ahead of October and 9 behind: a past-tense verb still means the past one
    assert normalise("in January", anchor=OCT, tense="past") == ("1998-01", None)
    assert normalise("Dec. 7", anchor=OCT, tense="past") == ("1997-12-07", None)


def test_unmarked_tense_keeps_the_wrong_way_exception() -> None:
    # no tensed verb ("payable Dec. 7", a headline): a much nearer month or day ahead wins
    assert normalise("in January", anchor=OCT, tense="unmarked") == ("1999-01", None)
    assert normalise("Dec. 7", anchor=OCT, tense="unmarked") == ("1998-12-07", None)
    assert normalise("in June", anchor=OCT, tense="unmarked") == ("1998-06", None)


def test_this_weekend_follows_the_tense() -> None:
    # on a Monday, a past-tense "this weekend" is the one just over (19-20 Oct, week 42)
    assert normalise("this weekend", anchor=MON, tense="past") == ("2024-W42-WE", None)
    assert normalise("this weekend", anchor=MON, tense="future") == ("2024-W43-WE", None)
    # unmarked: the nearer one (Monday -> just past, Friday -> just ahead)
    assert normalise("the weekend", anchor=MON, tense="unmarked") == ("2024-W42-WE", None)
    assert normalise("the weekend", anchor=FRI, tense="unmarked") == ("2024-W43-WE", None)
    assert normalise("over the weekend", anchor=FRI, tense="past") == ("2024-W42-WE", None)
    assert normalise("last weekend", anchor=MON, tense="past") == ("2024-W42-WE", None)


def test_periods_counted_from_another_event() -> None:
    may95 = dt.date(1995, 5, 22)
    assert resolve("the following year", anchor=FRI, reference=may95).value == "1996"
    assert resolve("later that year", anchor=FRI, reference=may95).value == "1995"
    assert resolve("later that year", anchor=FRI, reference=may95).mod == "END"
    assert resolve("that same month", anchor=FRI, reference=may95).value == "1995-05"
    assert resolve("the previous week", anchor=FRI, reference=may95).value == "1995-W20"
    assert resolve("the following Monday", anchor=FRI, reference=may95).value == "1995-05-29"
    # without an event to count from: "following" / "previous" from the publication date, "that" unresolved
    assert resolve("the following year", anchor=FRI).value == "2025"
    assert resolve("that year", anchor=FRI).value is None


def test_weekday_of_a_named_week() -> None:
    assert normalise("Tuesday of last week", anchor=FRI) == ("2024-10-15", None)
    assert normalise("on Monday of next week", anchor=FRI, tense="future") == ("2024-10-28", None)
    assert normalise("next week Wednesday", anchor=FRI, tense="future") == ("2024-10-30", None)


def test_modifier_with_in() -> None:
    assert normalise("later in the year", anchor=FRI, tense="future") == ("2024", "END")
    assert normalise("earlier in the week", anchor=FRI) == ("2024-W43", "START")


def test_first_n_units_is_a_duration() -> None:
    r = resolve("the first nine months", anchor=FRI)
    assert (r.value, r.type) == ("P9M", "DURATION")


def test_overnight_is_last_night_unless_ahead() -> None:
    assert resolve("overnight", anchor=FRI, tense="past").value == "2024-10-24TNI"
    assert resolve("overnight", anchor=FRI, tense="future").value == "2024-10-25TNI"


# --------------------------------------------------------------------------- find_times(): parsed


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimledger.extract.nlp import load_nlp

    return load_nlp()


def _values(nlp, text: str, anchor: dt.date) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {t.text: t.value for t in find_times(nlp(text), anchor=anchor)}


def test_could_and_would_take_the_nearer_day(nlp) -> None:  # type: ignore[no-untyped-def]
    # "could" here is the past of "can": Wednesday is the day before a Thursday article, not next week
    got = _values(nlp, "Neither the captain nor his crew could be reached Wednesday at the harbour.",
                  dt.date(2000, 1, 6))
    assert got["Wednesday"] == "2000-01-05"


def test_extended_on_a_day_is_past_but_until_a_day_is_ahead(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "Two rival shipyards extended their bids Friday.", dt.date(1989, 10, 30))
    assert got["Friday"] == "1989-10-27"
    got = _values(nlp, "The council postponed the vote until Friday.", dt.date(1989, 10, 30))
    assert got["Friday"] == "1989-11-03"


def test_past_verb_month_is_past_but_a_noun_s_month_may_be_ahead(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "She stepped down as treasurer in March for family reasons.", dt.date(1989, 11, 2))
    assert got["March"] == "1989-03"
    # the month belongs to "visit", a plan spoken of in the past
    got = _values(nlp, "She said they had been talking about the planned visit of the mayor in September.",
                  dt.date(1998, 8, 26))
    assert got["September"] == "1998-09"


def test_following_year_and_later_that_year_count_from_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _values(nlp, "On May 22, 1995, Varga was named harbour master, and the following year she was "
                       "appointed consul in Lisbon.", dt.date(1998, 4, 18))
    assert got["the following year"] == "1996"
    # published in 2000: "the following year" counted from the publication date would also be a
    # year, and must not hide that it counts from 1995 here
    got = _values(nlp, "The port was founded on May 22, 1995. The following year its first ferry sailed.",
                  dt.date(2000, 6, 1))
    assert got["The following year"] == "1996"
    got = _values(nlp, "He moved to Porto in June 1998 and returned to Riga later that year.",
                  dt.date(2000, 1, 28))
    assert got["later that year"] == "1998"


def test_a_year_earlier_twice_compares_with_the_same_year(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In 2019, sales rose to $5 million from $4 million a year earlier. "
            "Profit rose to $2 million from $1 million a year earlier.")
    values = [t.value for t in find_times(nlp(text), anchor=dt.date(2020, 3, 1)) if t.text == "a year earlier"]
    assert values == ["2018", "2018"]
