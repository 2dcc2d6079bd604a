"""Fusion: stories, propositions, independent origins, relations, timeline.

``run`` is a pure function of the stored documents, sources and claims (see ``records.py``).
This placeholder keeps every claim its own proposition and every document its own story; the
real fusion replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..settings import Settings
from .records import Fusion, FuseClaim, FuseDocument, FuseSource, Proposition

__all__ = ["run"]


def run(documents: Sequence[FuseDocument], sources: Sequence[FuseSource], claims: Sequence[FuseClaim], *,
        settings: Settings) -> Fusion:
    stories = {d.id: "st_" + d.id.removeprefix("d_") for d in documents}
    props = tuple(
        Proposition(id="p_" + c.id.removeprefix("c_"), label=c.text[:160], claim_ids=(c.id,),
                    story_id=stories.get(c.document_id), outlets=1,
                    independent_origins=1, origin_source_ids=(c.source_id,) if c.source_id else (),
                    credibility=6, first_reported=c.said_on,
                    explanation="One claim, not yet compared with other documents: credibility 6 (cannot be judged).",
                    merge_reasons={c.id: "not fused"})
        for c in sorted(claims, key=lambda c: c.id))
    return Fusion(stories=stories, story_titles={}, propositions=props, relations=(), timeline=())
