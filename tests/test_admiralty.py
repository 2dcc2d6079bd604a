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
