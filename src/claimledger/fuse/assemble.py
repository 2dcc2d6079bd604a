"""Turning clusters of claims into :class:`Proposition` records: stable ids, labels, outlets,
origins, merge reasons, and the Admiralty assessment once relations are known."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..assess import Evidence, assess
from ..extract.ids import digest
from .corroboration import corroborating_claims
from .features import ClaimTable
from .origins import Origins
from .pairs import PairScores
from .propositions import Clusters
from .records import FuseClaim, FuseDocument, Proposition, Relation

__all__ = ["LABEL_CHARS", "add_assessment", "build_propositions", "proposition_id"]

LABEL_CHARS = 160
"""Longest label; longer claim texts are cut at a word boundary with an ellipsis."""

LABEL_MIN_CHARS = 40
"""A medoid text shorter than this ("the allegations", "it was a hoax") does not label well."""


def proposition_id(canonical_claim_id: str) -> str:
    return "p_" + digest(canonical_claim_id)


def _label(text: str) -> str:
    t = " ".join(text.split()).strip(" \"'\u201c\u201d")
    if len(t) <= LABEL_CHARS:
        return t
    return t[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _label_text(claims: Sequence[FuseClaim], rows: Sequence[int], medoid: int) -> str:
    """The medoid's text, unless it is too short to read alone ("the allegations"): then the
    longest member text (ties: the smallest row)."""
    if len(claims[medoid].text) >= LABEL_MIN_CHARS:
        return claims[medoid].text
    return max((claims[r].text for r in sorted(rows)), key=len)


MEDOID_STEP = 1 << 22
"""Pairs read per step by ``_medoids``: a gather by a whole int32 column of the pairs converts it to
an int64 index (~380 MB at a million claims); a step's temporaries are ~100 MB."""


def _similarity_totals(label: npt.NDArray[np.int32], ps: PairScores, n: int) -> npt.NDArray[np.float64]:
    """Per row, the sum of its pairs' text similarities within its cluster: its first-end
    similarities summed in pair order, plus its second-end ones summed in pair order
    (``np.add.at`` adds one value after another, in order, as ``np.bincount`` does), read a step
    of pairs at a time."""
    first_end = np.zeros(n, np.float64)
    second_end = np.zeros(n, np.float64)
    for s in range(0, len(ps.pairs), MEDOID_STEP):
        a, b = ps.pairs[s:s + MEDOID_STEP, 0], ps.pairs[s:s + MEDOID_STEP, 1]
        inside = label[a] == label[b]
        text = ps.text[s:s + MEDOID_STEP][inside].astype(np.float64)
        np.add.at(first_end, a[inside], text)
        np.add.at(second_end, b[inside], text)
    return first_end + second_end


def _medoids(label: npt.NDArray[np.int32], ps: PairScores, n: int) -> npt.NDArray[np.int64]:
    """Per cluster, the member most similar to the others (ties: the smallest row)."""
    total = _similarity_totals(label, ps, n)
    order = np.lexsort((np.arange(n), -total, label))
    first = np.ones(n, np.bool_)
    first[1:] = label[order][1:] != label[order][:-1]
    out = np.empty(int(label.max()) + 1 if n else 0, np.int64)
    out[label[order][first]] = order[first]
    return out


def build_propositions(table: ClaimTable, claims: Sequence[FuseClaim], clusters: Clusters, ps: PairScores,
                       origins: Origins, documents: Mapping[str, FuseDocument],
                       stories: Mapping[str, str],
                       corroboration: Mapping[int, tuple[tuple[str, str], ...]] | None = None) -> list[Proposition]:
    """``claims`` in table row order; ``corroboration``: per cluster label, the pairs by which its
    origins confirm each other (``corroboration.corroborating_pairs``).  Credibility is filled in
    later by :func:`add_assessment`."""
    n = len(claims)
    label = clusters.label
    medoid = _medoids(label, ps, n)
    members: dict[int, list[int]] = {}
    for r, lab in enumerate(label.tolist()):
        members.setdefault(lab, []).append(r)
    out = []
    for lab, rows in members.items():
        def when(r: int) -> tuple[str, str]:
            d = documents.get(claims[r].document_id)
            return ((d.published if d and d.published else "9999-99-99"), claims[r].id)
        canonical = min(rows, key=when)
        docs = sorted({claims[r].document_id for r in rows})
        outlets = sorted({(documents[d].outlet if d in documents else None) or d for d in docs})
        orgs = sorted({int(origins.of_claim[r]) for r in rows})
        dates = [str(documents[d].published) for d in docs if d in documents and documents[d].published]
        reasons = {claims[r].id: clusters.reasons.get(r, "stands alone") for r in rows}
        origin_names = ", ".join(origins.names[o] for o in orgs)
        out.append(Proposition(
            id=proposition_id(claims[canonical].id), label=_label(_label_text(claims, rows, int(medoid[lab]))),
            claim_ids=tuple(sorted(claims[r].id for r in rows)),
            story_id=stories.get(claims[canonical].document_id), outlets=len(outlets),
            independent_origins=len(orgs), origin_source_ids=tuple(sorted({origins.source_ids[o] for o in orgs})),
            credibility=6, first_reported=min(dates) if dates else None,
            explanation=(f"{len(rows)} claim{'s' if len(rows) != 1 else ''} in {len(outlets)} outlet"
                         f"{'s' if len(outlets) != 1 else ''}; origins: {origin_names}."),
            merge_reasons=reasons, corroboration=(corroboration or {}).get(lab, ())))
    return sorted(out, key=lambda p: p.id)


def add_assessment(props: Sequence[Proposition], relations: Sequence[Relation], table: ClaimTable,
                   origins: Origins, row_of: Mapping[str, int]) -> list[Proposition]:
    """Credibility and its explanation per proposition (assess.admiralty), from its origins, the
    origins of the propositions contradicting it, and its hedges."""
    orgs = {p.id: sorted({int(origins.of_claim[row_of[c]]) for c in p.claim_ids}) for p in props}
    against: dict[str, set[int]] = {p.id: set() for p in props}
    for r in relations:
        if r.kind == "contradicts":
            against[r.from_id] |= set(orgs[r.to_id])
            against[r.to_id] |= set(orgs[r.from_id])
    out = []
    for p in props:
        own = orgs[p.id]
        contra = sorted(against[p.id] - set(own))
        origin_of = {c: int(origins.of_claim[row_of[c]]) for pair in p.corroboration for c in pair if c in row_of}
        evidence = corroborating_claims(p.corroboration, set(p.claim_ids), origin_of)
        confirmed = {origin_of[c] for c in evidence}
        ev = Evidence(origins=[(origins.names[o], origins.reliability[o]) for o in own],
                      corroborated=[(origins.names[o], origins.reliability[o]) for o in own if o in confirmed],
                      contradicted_by=[(origins.names[o], origins.reliability[o]) for o in contra],
                      all_hedged=all(bool(table.hedged[row_of[c]]) for c in p.claim_ids),
                      corroboration_hedged=all(bool(table.hedged[row_of[c]]) for c in evidence))
        a = assess(ev)
        out.append(dataclasses.replace(p, credibility=a.credibility,
                                       explanation=p.explanation.split(" Credibility")[0] + " " + a.explanation))
    return out
