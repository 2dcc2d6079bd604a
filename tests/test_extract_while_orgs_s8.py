"""Common nouns of bodies speak, eighth session: "Police said C, while the union said D" gives D to the
union (sources.toml ``organisation_nouns``), and "the ministry" after "Police" is not the police (a
body described by another head noun is another body).  Invented sentences."""

from __future__ import annotations

import pytest

from .extract_helpers import named

pytestmark = pytest.mark.model


@pytest.mark.parametrize("body", ["the union", "rights groups", "the company", "the ministry", "the agency"])
def test_a_body_after_while_is_the_second_speaker(body: str) -> None:
    got = named(f"Police said 12 were killed, while {body} said the toll was higher.")
    assert ("Police", [], "12 were killed") in got
    assert (body, [], "the toll was higher") in got


def test_the_ministry_still_means_a_ministry_named_before() -> None:
    got = named("The Russian Defence Ministry said 12 were killed. Police said 20 died, "
                "while the ministry said the toll was higher.")
    second = next(s for s, _, t in got if t == "the toll was higher")
    assert second is not None and "Defence" in second


def test_a_thing_after_while_stays_in_the_content() -> None:
    got = named("Police said the roads were closed while the storm raged.")
    assert got == [("Police", [], "the roads were closed while the storm raged")]
