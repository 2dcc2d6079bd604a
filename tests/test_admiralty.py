"""The credibility rule (assess/admiralty.py, docs/assessment.md): one test per row."""

from __future__ import annotations

import pytest

from claimledger.assess import Evidence, assess
from claimledger.assess.admiralty import better


@pytest.mark.parametrize(("evidence", "expected"), [
    (Evidence(origins=[("HUR", "F"), ("U.S. government", "F")]), 1),
    (Evidence(origins=[("HUR", "B"), ("U.S. government", "C")], contradicted_by=[("Russian government", "F")]), 1),
    (Evidence(origins=[("HUR", "F"), ("U.S. government", "F")], contradicted_by=[("Kremlin", "B")]), 5),
    (Evidence(origins=[("HUR", "B"), ("U.S. government", "B")], contradicted_by=[("Kremlin", "C")]), 2),
    (Evidence(origins=[("HUR", "F"), ("NBC News", "F")], all_hedged=True), 2),
    (Evidence(origins=[("Reuters", "B")]), 3),
    (Evidence(origins=[("Reuters", "B")], all_hedged=True), 4),
    (Evidence(origins=[("Blog", "D")]), 4),
    (Evidence(origins=[("Peskov", "F")], contradicted_by=[("Zelensky", "F")]), 4),
    (Evidence(origins=[("Peskov", "C")], contradicted_by=[("HUR", "A")]), 5),
    (Evidence(origins=[("a source", "F")]), 6),
    (Evidence(origins=[("a source", "F")], all_hedged=True), 6),
    # several origins, but none confirms another directly (fuse/corroboration.py): rows 3, 4 and 6
    (Evidence(origins=[("HUR", "F"), ("U.S. government", "F")], corroborated=[]), 6),
    (Evidence(origins=[("HUR", "B"), ("U.S. government", "F")], corroborated=[]), 3),
    (Evidence(origins=[("HUR", "F"), ("Peskov", "F")], corroborated=[], contradicted_by=[("Zelensky", "F")]), 4),
    (Evidence(origins=[("HUR", "F"), ("U.S. government", "F"), ("Blog", "F")],
              corroborated=[("HUR", "F"), ("U.S. government", "F")]), 1),
])
def test_credibility_table(evidence: Evidence, expected: int) -> None:
    assert assess(evidence).credibility == expected


def test_explanation_names_origins_and_contradiction() -> None:
    a = assess(Evidence(origins=[("HUR", "F"), ("U.S. government", "F")],
                        contradicted_by=[("Russian government", "F")]))
    assert a.explanation.startswith("2 independent origins: HUR (F), U.S. government (F); contradicted by "
                                    "Russian government (F).")
    assert "Credibility 1 (confirmed)" in a.explanation


def test_unrated_is_never_better() -> None:
    assert not better("F", "E") and better("A", "F") and not better("C", "C")


def test_unconfirmed_origins_are_named_and_the_reason_given() -> None:
    a = assess(Evidence(origins=[("HUR", "F"), ("U.S. government", "F")], corroborated=[]))
    assert "2 independent origins: HUR (F), U.S. government (F); no two of them confirm each other directly" \
        in a.explanation
    assert a.explanation.endswith("Credibility 6 (cannot be judged): unrated origins that do not confirm each other "
                                  "directly.")
    b = assess(Evidence(origins=[("HUR", "F"), ("U.S. government", "F"), ("Blog", "D")],
                        corroborated=[("HUR", "F"), ("U.S. government", "F")]))
    assert "of these, HUR (F), U.S. government (F) confirm each other directly" in b.explanation
    assert "Credibility 1 (confirmed)" in b.explanation
