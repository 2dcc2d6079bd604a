"""Assessments for ``relations``' supports rule (b): which claims judge their statement likely.

A hedge cue's ICD-203 band decides (``band_side``: "likely" and above judges the statement likely,
"unlikely" and below unlikely), else relations.toml ``[supports]`` for cues without a band ("believe");
``_assessment`` reads one claim, ``_assessments`` every hedged claim, ``_assessing`` says which pairs
are an assessment and a plain claim, and ``_of_reports`` whether an assessing claim names a statement
(so that it assesses another statement by its own words).  Moved out of ``relations.py`` unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..datafiles import data_toml
from .config import lexicon
from .records import FuseClaim

ASSESSED_LIKELY_FLOOR = 55
"""A hedge cue whose ICD-203 band starts at this percentage or above ("likely: 55-80%", "very
likely", "almost certain") judges its statement likely (ICD-203's "likely" band)."""
ASSESSED_UNLIKELY_CEILING = 45
"""... and one whose band ends at this percentage or below ("unlikely: 20-45%" and below) unlikely;
"roughly even chance: 45-55%" judges neither way."""
_BAND = re.compile(r"(\d+)\s*-\s*(\d+)\s*%")


def band_side(band: str | None) -> int:
    """1: an ICD-203 band of "likely" or above, -1: "unlikely" or below, 0: neither or no band."""
    m = _BAND.search(band or "")
    if m is None:
        return 0
    low, high = int(m.group(1)), int(m.group(2))
    return 1 if low >= ASSESSED_LIKELY_FLOOR else -1 if high <= ASSESSED_UNLIKELY_CEILING else 0


@functools.cache
def _hedge_bands() -> dict[str, str | None]:
    """Hedge cue -> its ICD-203 band (data/en/hedges.toml), for records without ``hedge_cues``."""
    return {str(c["cue"]).lower(): c.get("band") for c in data_toml("hedges.toml").get("cue", ())}


@functools.cache
def _assessment_words() -> tuple[frozenset[str], frozenset[str], re.Pattern[str], frozenset[str]]:
    """(unbanded likely cues, unbanded unlikely cues, negation pattern, words of an assessment of
    reports): relations.toml ``[supports]`` and ``[contradicts] statement_words``."""
    lex = lexicon()
    # a word ending ("n't" of "don't") has no word boundary before it
    neg = "|".join(rf"{re.escape(w)}\b" if "'" in w else rf"\b{re.escape(w)}\b"
                   for w in sorted(lex.negations, key=lambda w: (-len(w), w))) or "(?!)"
    reports = frozenset(lex.statement_words) - frozenset(lex.not_reports)
    return frozenset(lex.likely), frozenset(lex.unlikely), re.compile(neg), reports


def _assessment(c: FuseClaim) -> int:
    """1: the claim judges its statement likely ("highly likely", "believe"), -1: unlikely, 0:
    neither ("could", "reportedly").  By the ICD-203 band of each hedge cue (the record's
    ``hedge_cues[].band``, else hedges.toml's), and relations.toml ``[supports]`` for cues without one."""
    likely, unlikely, negation, _ = _assessment_words()
    rec = c.record
    bands = _hedge_bands()
    found = rec.get("hedge_cues")
    cues = ([(str(h.get("cue") or "").lower(), h.get("band")) for h in found] if found is not None else
            [(str(h).lower(), None) for h in rec.get("hedges") or ()])
    sides = []
    for cue, band in cues:
        side = band_side(band or bands.get(cue))
        sides.append((cue, side or (1 if cue in likely else -1 if cue in unlikely else 0)))
    if any(side < 0 for _, side in sides):
        return -1
    low = c.text.lower()
    # "likely voters", "more likely than": a word of the cue that judges nothing
    judged = [cue for cue, side in sides
              if side > 0 and not any(cue in n and n in low for n in lexicon().not_assessments)]
    if not judged:
        return 0
    return -1 if negation.search(low.replace("\u2019", "'")) else 1  # "don't believe", "nor ... likely"


def _assessments(claims: Sequence[FuseClaim], hedged: npt.NDArray[np.bool_]) -> npt.NDArray[np.int8]:
    """Per claim (row): ``_assessment``, 0 for a claim without hedges (Python per hedged claim, once)."""
    out = np.zeros(len(claims), np.int8)
    for r in np.flatnonzero(hedged).tolist():
        out[r] = _assessment(claims[r])
    return out


def _assessing(assessed: npt.NDArray[np.int8], a: npt.NDArray[np.int64],
               b: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Pairs of which one claim judges its statement likely and the other judges it neither way (a
    plain claim: it may carry a possibility or a report, "could", "reportedly", which an assessment
    makes more likely all the same; see ``_Counts.assesses``)."""
    xa, xb = assessed[a], assessed[b]
    out: npt.NDArray[np.bool_] = ((xa == 1) & (xb == 0)) | ((xb == 1) & (xa == 0))
    return out


def _of_reports(c: FuseClaim) -> bool:
    """Whether the claim names a statement (its words outside entity spans: "called the reports
    highly likely"), so that it assesses another statement by its own words."""
    low = c.text.lower()
    for e in c.record.get("entities") or ():
        s, t = (int(x) - c.start for x in (e.get("span") or (0, 0)))
        if 0 <= s < t <= len(low):
            low = low[:s] + " " * (t - s) + low[t:]
    return bool(frozenset(re.findall(r"[a-z]+", low)) & _assessment_words()[3])
