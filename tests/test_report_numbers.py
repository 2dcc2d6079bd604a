"""The numbers panel's figures: qualifiers, separators, derived totals, plurals; timeline periods."""

from __future__ import annotations

import pytest

from claimledger.report.numbers import best_estimate, format_count, format_quantity
from claimledger.report.timeline import period
from claimledger.report.words import plural, words


def q(text: str, value: float | None, low: float | None, high: float | None, qualifier: str) -> dict[str, object]:
    return {"text": text, "value": value, "low": low, "high": high, "qualifier": qualifier, "unit": "troop"}


@pytest.mark.parametrize(("quantity", "shown"), [
    (q("12,000", 12000, 12000, 12000, "exact"), "12,000"),
    (q("at least 3,000", 3000, 3000, None, "at_least"), "≥3,000"),
    (q("up to 500", 500, None, 500, "at_most"), "≤500"),
    (q("approximately 2,000", 2000, 2000, 2000, "approximate"), "~2,000"),
    (q("3,000 to 5,000", None, 3000, 5000, "range"), "3,000–5,000"),
    (q("Several thousand”", 2000, 2000, 9999, "vague"), "several thousand"),
    (q("over 1.5 million", 1500000, 1500000, None, "at_least"), "≥1.5 million"),
    (q("2.5", 2.5, 2.5, 2.5, "exact"), "2.5"),
])
def test_format_quantity(quantity: dict[str, object], shown: str) -> None:
    assert format_quantity(quantity) == shown


def test_format_count_and_best_estimate() -> None:
    assert format_count(999_999) == "999,999"
    assert format_count(2_000_000) == "2 million"
    assert format_count(3_250_000_000) == "3.25 billion"
    assert best_estimate(q("3,000 to 5,000", None, 3000, 5000, "range")) == 4000
    assert best_estimate(q("at least 3,000", 3000, 3000, None, "at_least")) == 3000
    assert best_estimate(q("thousands", 2000, 2000, None, "vague")) is None


def test_plurals_of_counted_things() -> None:
    assert [plural(u) for u in ("troop", "artillery shell", "personnel", "laborer", "militia", "facility",
                                "bus", "serviceman", "metric ton")] == [
        "troops", "artillery shells", "personnel", "laborers", "militias", "facilities", "buses", "servicemen",
        "metric tons"]


def test_unit_classes_come_from_fusions_word_list() -> None:
    classes = words().unit_class
    if "soldier" not in classes:
        pytest.skip("relations.toml has no unit classes")
    assert classes["soldier"] == classes["troop"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-10-24", ("2024-10-24", "2024-10-24", "day")),
    ("2024-10-24T14:00", ("2024-10-24", "2024-10-24", "day")),
    ("2024-W42", ("2024-10-14", "2024-10-20", "week")),
    ("2024-04", ("2024-04-01", "2024-04-30", "month")),
    ("2024-02", ("2024-02-01", "2024-02-29", "month")),
    ("2024-SU", ("2024-06-01", "2024-08-31", "season")),
    ("2024-WI", ("2024-12-01", "2025-02-28", "season")),
    ("2024-Q3", ("2024-07-01", "2024-09-30", "quarter")),
    ("2024", ("2024-01-01", "2024-12-31", "year")),
])
def test_period_of_timex_values(value: str, expected: tuple[str, str, str]) -> None:
    p = period(value)
    assert p is not None
    assert (p[0].isoformat(), p[1].isoformat(), p[2]) == expected


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "P3W", "2024-02-31", "2024-W60", "soon"])
def test_period_of_values_that_are_not_dates(value: str | None) -> None:
    assert period(value) is None
