"""Admiralty code (NATO AJP-2.1): information credibility 1-6 per proposition.

Source reliability (A completely reliable ... E unreliable, F cannot be judged) comes from the
source registry: an analyst's rating, "F" until rated.  Information credibility is computed from
independent corroboration, contradiction and hedging by the first row that applies
(docs/assessment.md has the same table with the seeds as example):

====  ==========================================================================================
 5    contradicted by an origin rated (A-E) strictly better than every origin of the proposition
 1    >= 2 independent origins that confirm each other directly, no contradicting origin rated
      A-C, at least one confirming claim unhedged
 2    >= 2 such origins otherwise (all hedged, or contradicted by a reliable source)
 4    1 origin (or none confirming another), contradicted (by sources not rated better)
 3    1 origin rated A-C, unhedged (several unconfirmed: the best rating)
 4    1 origin rated A-E otherwise (rated D/E, or hedged)
 6    1 origin, unrated (F): it cannot be judged
====  ==========================================================================================

"Confirm each other directly" (``Evidence.corroborated``): fusion grouped the claims, and a pair of
two origins' claims from two documents scored high enough on its own (``fuse/corroboration.py``);
an analyst's merge counts too.  Rows 1 and 2 read the hedges of those confirming claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["RELIABILITY", "Assessment", "Evidence", "assess", "better"]

RELIABILITY = "ABCDEF"
"""Best first.  F = reliability cannot be judged (the default for every source)."""

RELIABLE = frozenset("ABC")
"""Ratings whose contradiction withholds confirmation (1) from a proposition."""

MEANING = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
           6: "cannot be judged"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """What the rule looks at, for one proposition."""

    origins: Sequence[tuple[str, str]]
    """(name, reliability) of each independent origin."""
    corroborated: Sequence[tuple[str, str]] | None = None
    """The origins among ``origins`` that another origin confirms directly (fusion's
    ``corroboration``: a strong pair of their claims from two documents, or an analyst's merge);
    None: every origin (evidence built by hand)."""
    contradicted_by: Sequence[tuple[str, str]] = ()
    """(name, reliability) of the origins of propositions contradicting this one (its own
    origins excluded)."""
    all_hedged: bool = False
    """Every claim of the proposition carries a hedge ("reportedly", "believed", ...)."""
    corroboration_hedged: bool | None = None
    """Every claim by which its origins confirm each other carries a hedge (rows 1 and 2: a confirmation
    needs an unhedged confirming claim, not just any unhedged claim); None: ``all_hedged``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    credibility: int
    explanation: str


def better(a: str, b: str) -> bool:
    """Is rating ``a`` strictly better than ``b``?  F is never better than anything."""
    return a != "F" and RELIABILITY.index(a) < RELIABILITY.index(b)


def _best(ratings: Sequence[str]) -> str:
    return min(ratings, key=RELIABILITY.index) if ratings else "F"


def _names(items: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{n} ({r})" for n, r in items)


def _one(n: int) -> str:
    """Who stands behind an unconfirmed proposition (rows 3, 4 and 6 read the best rating)."""
    return "a single origin" if n < 2 else "origins that do not confirm each other directly"


def assess(ev: Evidence) -> Assessment:
    n = len(ev.origins)
    confirmed = n if ev.corroborated is None else len(ev.corroborated)
    hedged = ev.all_hedged if ev.corroboration_hedged is None else ev.corroboration_hedged
    best_own = _best([r for _, r in ev.origins])
    contra = sorted(set(ev.contradicted_by))
    best_contra = _best([r for _, r in contra])
    said = f"{n} independent origin{'s' if n != 1 else ''}: {_names(ev.origins)}"
    if n >= 2 and confirmed < n:
        said += (f"; of these, {_names(ev.corroborated or ())} confirm each other directly" if confirmed >= 2
                 else "; no two of them confirm each other directly")
    if contra:
        said += f"; contradicted by {_names(contra)}"
    if ev.all_hedged:
        said += "; every claim hedged"
    if contra and better(best_contra, best_own):
        cred, why = 5, f"contradicted by a source rated {best_contra}, better than {best_own}"
    elif confirmed >= 2 and not any(r in RELIABLE for _, r in contra) and not hedged:
        cred, why = 1, "independently confirmed, not contradicted by a reliable (A-C) source"
    elif confirmed >= 2:
        cred, why = 2, ("independently reported but hedged throughout" if ev.all_hedged
                        else "independently reported, but every confirming claim is hedged" if hedged
                        else "independently reported but contradicted by a reliable source")
    elif contra:
        cred, why = 4, f"{_one(n)}, contradicted"
    elif best_own in RELIABLE and not ev.all_hedged:
        cred, why = 3, (f"a single origin rated {best_own}, not corroborated" if n < 2
                        else f"{_one(n)}, the best rated {best_own}")
    elif best_own != "F":
        cred, why = 4, (f"a single origin rated {best_own}" if n < 2 else f"{_one(n)}, the best rated {best_own}") \
            + (", hedged" if ev.all_hedged else "")
    else:
        cred, why = 6, ("a single unrated origin, not corroborated" if n < 2
                        else f"unrated {_one(n)}")
    return Assessment(credibility=cred, explanation=f"{said}. Credibility {cred} ({MEANING[cred]}): {why}.")
