"""Which origins of a proposition confirm each other directly.

A proposition groups claims loosely: average linkage joins a claim to a group whose mean score
passes the merge threshold, and through the group it meets claims it was never compared with.
That is enough to show them together; it is not enough to say that one origin *confirms* another
(Admiralty 1, "confirmed by other independent sources").  For that, this module asks for direct
evidence: a candidate pair of the two origins' claims, inside the proposition, from two different
documents, whose own score reaches ``FusionSettings.corroboration_min``.  One report is one piece
of evidence: inside one document, the outlet's own voice mostly restates a source it quotes later
("State missed that deadline" ... "attorneys for the department said they would miss the
deadline"), a quotation attributed twice is one statement, and two claims of one sentence have
the sentence's similarity (fusion embeds a claim's whole sentence), not their own.

The evidence is kept on the proposition (``Proposition.corroboration``): for each pair of origins,
the best such pair of claims (ties: the lower pair index), as claim ids.  After an analyst's merge
or split (``overrides.py``) the pairs are found again over the new propositions, and the claims a
merge names are evidence too (the analyst's judgement that they state the same thing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .features import ClaimTable
from .pairs import PairScores

__all__ = ["corroborating_claims", "corroborating_pairs"]

STEP = 1 << 20
"""Pairs read at a time (the masks of one step, not of every pair, are held)."""


def corroborating_pairs(table: ClaimTable, ps: PairScores,
                        label: npt.NDArray[np.signedinteger[Any]], of_claim: npt.NDArray[np.signedinteger[Any]],
                        minimum: float) -> dict[int, tuple[tuple[str, str], ...]]:
    """Proposition label -> its corroborating pairs of claim ids (each pair in id order, sorted):
    the best pair of each two of its origins that scores at least ``minimum``, is no gated pair,
    and joins claims of two documents."""
    doc = table.doc
    found: list[npt.NDArray[np.int64]] = []
    for s in range(0, len(ps.pairs), STEP):
        a = ps.pairs[s:s + STEP, 0].astype(np.int64)
        b = ps.pairs[s:s + STEP, 1].astype(np.int64)
        score = ps.score[s:s + STEP]
        keep = (score >= minimum) & ~ps.blocked[s:s + STEP]
        keep &= (label[a] == label[b]) & (of_claim[a] != of_claim[b])
        keep &= doc[a] != doc[b]
        found.append(np.flatnonzero(keep) + s)
    idx = np.concatenate(found) if found else np.zeros(0, np.int64)
    if idx.size == 0:
        return {}
    a, b = ps.pairs[idx, 0].astype(np.int64), ps.pairs[idx, 1].astype(np.int64)
    oa, ob = of_claim[a].astype(np.int64), of_claim[b].astype(np.int64)
    first_o, second_o = np.minimum(oa, ob), np.maximum(oa, ob)
    lab = label[a].astype(np.int64)
    # best first within (proposition, origin pair); ties: the lower pair index
    order = np.lexsort((idx, -ps.score[idx].astype(np.float64), second_o, first_o, lab))
    lead = np.ones(order.size, np.bool_)
    keys = np.stack([lab[order], first_o[order], second_o[order]], axis=1)
    lead[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    out: dict[int, list[tuple[str, str]]] = {}
    ids = table.ids
    for k in order[lead].tolist():
        x, y = sorted((ids[int(a[k])], ids[int(b[k])]))
        out.setdefault(int(lab[k]), []).append((x, y))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def corroborating_claims(pairs: Sequence[tuple[str, str]], members: set[str] | frozenset[str],
                         origin_of: Mapping[str, int]) -> set[str]:
    """The claims of the pairs of ``pairs`` that lie inside ``members`` and join two origins."""
    out: set[str] = set()
    for x, y in pairs:
        if x in members and y in members and x in origin_of and y in origin_of and origin_of[x] != origin_of[y]:
            out.update((x, y))
    return out
