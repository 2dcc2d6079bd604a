"""The main predicate of a claim's content (extract/predicates.py), read from the parse of
invented sentences: lemmas, negation, agent, themes, modal."""

from __future__ import annotations

import pytest

from claimledger.models import Predicate

from .extract_helpers import claims


def predicates(text: str) -> tuple[Predicate, ...]:
    """The predicates of the first claim of ``text``."""
    found = claims(text)
    assert found, text
    return found[0].predicates


def test_a_neither_nor_coordination_negates_both_verbs_and_a_full_clause_after_it_is_its_own() -> None:
    got = predicates("Clinton said she neither sent nor received emails marked classified, and that she "
                     "turned over all her work-related emails.")
    assert [(p.lemmas, p.negated, p.agent, p.themes) for p in got] == [
        (("send", "receive"), True, "she", ("email",)),
        (("turn over",), False, "she", ("email",)),
    ]


def test_a_plain_statement_of_the_same_predicate() -> None:
    (p,) = predicates("She did receive some emails with classified markings, Comey said.")
    assert (p.lemmas, p.negated, p.themes) == (("receive",), False, ("email",))


def test_a_passive_subject_is_a_theme_and_a_quantifier_is_looked_through() -> None:
    (p,) = predicates("Comey said thousands of work-related emails were not turned over to investigators.")
    assert (p.lemmas, p.negated, p.agent, p.themes) == (("turn over",), True, None, ("email",))


@pytest.mark.parametrize(("text", "negated"), [
    ("Clinton said her server was never hacked.", True),
    ("Officials said the server was hacked.", False),
    ("Extreme carelessness isn\u2019t criminal, the director said.", True),  # a curly n't
    ("He said the company has not only raised prices but also cut jobs.", False),
    ("Officials said the convoy was attacked by drones.", False),
    ("The minister said it is not true that the troops left the town.", True),
    ("The minister said it is false that the troops left the town.", True),
    # on an argument
    ("Neither the police nor the army fired shots, an official said.", True),
    ("Russia sent neither troops nor weapons, an official said.", True),
    ("The army shelled not only the town but the port, an official said.", False),
])
def test_negation(text: str, negated: bool) -> None:
    assert predicates(text)[0].negated is negated


def test_a_modal_is_recorded() -> None:
    (p,) = predicates("Rubio said the billionaire couldn't win the nomination.")
    assert (p.lemmas, p.negated, p.modal) == (("win",), True, "could")


@pytest.mark.parametrize("text", [
    # negations whose scope is not the predicate (from a review: each made a false contradiction)
    "Officials said the suspect no longer lives in the city.",
    "Officials said the bomb did not explode until Tuesday.",
    "Officials said the attack was not carried out by Hamas but by Islamic Jihad.",
    "Lawmakers asked whether the minister had not received the emails.",  # a question
    "Officials said not a single shot was fired.",
    # from a second review
    "It is not clear that the ship sank, an official said.",
    "Police have not yet arrested the suspect, an official said.",
    "The troops have still not left the city, an official said.",
    "The bridge didn't collapse because of the storm, an official said.",
    "Hardly any aid reached the city, an official said.",
    "Few soldiers survived the attack, an official said.",
    "The dam was barely damaged, an official said.",
    "He said he had a hard time imagining that outcome.",  # a light verb
    "Smith said nobody has ever won the primary without Iowa.",  # a generalisation
    "Officials said Florida isn't a swing state.",  # a noun after a copula
])
def test_no_predicate_is_read(text: str) -> None:
    assert predicates(text) == ()


def test_the_predicate_span_points_at_the_word_in_the_document() -> None:
    text = "Police said on Monday that the bridge was not damaged."
    (c,) = claims(text)
    (p,) = c.predicates
    assert text[p.start:p.end] == "damaged" and p.negated


def test_a_passive_by_phrase_is_the_agent() -> None:
    (p,) = predicates("Officials said the convoy was attacked by Ukrainian drones.")
    assert (p.lemmas, p.agent, p.themes) == (("attack",), "drone", ("convoy",))


def test_a_denial_verb_is_not_looked_through() -> None:
    # "denied that it had paid" does not state the payment
    got = predicates("Police said the company denied that it had paid the bribe.")
    assert all("pay" not in p.lemmas for p in got)


def test_a_possibility_frame_is_a_modal() -> None:
    (p,) = predicates("It is unlikely that the ship sank, an official said.")
    assert (p.lemmas, p.negated, p.modal) == (("sink",), False, "unlikely")


def test_places_and_dates_are_obliques() -> None:
    (p,) = predicates("Russia has not sent troops to Ukraine, an official said.")
    assert (p.negated, p.themes, p.obliques) == (True, ("troop",), ("ukraine",))
    (p,) = predicates("The agency did not publish the report in 2020, an official said.")
    assert p.obliques == ("2020",)

    (p,) = predicates("Lazar said he obtained access to the email and social-media accounts of senators.")
    assert p.obliques == ("email", "account")  # coordinated objects of one preposition

    (p,) = predicates("Russia did not send troops to Ukraine last year, an official said.")
    assert p.obliques == ("ukraine", "year")  # a date without a preposition
