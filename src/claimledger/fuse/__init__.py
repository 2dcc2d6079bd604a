"""Fusion: stories, propositions, independent origins, relations, timeline — and assessment.

``run`` is a pure function of the stored documents, sources and claims (see ``records.py``):
everything is put in id order first, candidate pairs come from blocking (``blocking.py``),
merges happen best first in a fixed order (``propositions.py``), and ids derive from the
canonical member, so the same records in any order give the same :class:`Fusion`.

Stages::

    features (per claim, column-wise) -> origins (via-chain roots, government grouping)
    -> candidate pairs (blocking) -> pair scores and gates -> copies (word 4-grams)
    -> clusters = propositions -> relations -> Admiralty credibility -> timeline
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..settings import Settings
from .assemble import add_assessment, build_propositions
from .blocking import candidate_pairs
from .config import FusionSettings
from .features import build_table
from .origins import assign_origins, find_copies
from .pairs import score_pairs
from .propositions import cluster_claims
from .records import FuseClaim, FuseDocument, FuseSource, Fusion
from .relations import find_relations
from .stories import group_stories, story_titles
from .timeline import build_timeline

__all__ = ["FusionSettings", "run"]


def _stories(documents: Sequence[FuseDocument]) -> tuple[Mapping[str, str], Mapping[str, str]]:
    stories = group_stories(documents)
    return stories, story_titles(documents, stories)


def run(documents: Sequence[FuseDocument], sources: Sequence[FuseSource], claims: Sequence[FuseClaim], *,
        settings: Settings, fusion: FusionSettings | None = None,
        stories: Mapping[str, str] | None = None) -> Fusion:
    """Fuse everything stored.  ``fusion`` overrides the thresholds; ``stories`` (document id ->
    story id) skips story grouping (benchmarks, callers that grouped already)."""
    fs = fusion or FusionSettings()
    titles: Mapping[str, str]
    if stories is None:
        stories, titles = _stories(documents)
    else:
        titles = {}
    by_id = {c.id: c for c in claims}
    ordered = [by_id[k] for k in sorted(by_id)]
    if not ordered:
        return Fusion(stories=stories, story_titles=titles, propositions=(), relations=(), timeline=())
    docs = {d.id: d for d in documents}
    table = build_table(documents, ordered, settings=fs)
    base = assign_origins(table, documents, sources, {})
    pairs = candidate_pairs(table, settings=fs)
    ps = score_pairs(table, pairs, base.of_claim, settings=fs)
    when = [((docs[c.document_id].published if c.document_id in docs else None) or "9999-99-99", c.document_id)
            for c in ordered]
    copies = find_copies(table, [c.text for c in ordered], when, pairs, ps.lex, ps.blocked, settings=fs)
    origins = assign_origins(table, documents, sources, copies) if copies else base
    clusters = cluster_claims(table, ps, copies, settings=fs)
    props = build_propositions(table, ordered, clusters, ps, origins, docs, stories)
    row_of = {c.id: i for i, c in enumerate(ordered)}
    pid_of_label = {int(clusters.label[row_of[p.claim_ids[0]]]): p.id for p in props}
    prop_ids = [pid_of_label[i] for i in range(len(pid_of_label))]
    relations = find_relations(table, ordered, ps, clusters.label, origins, prop_ids, settings=fs)
    props = add_assessment(props, relations, table, origins, row_of)
    who = {c.id: origins.names[int(origins.of_claim[i])] for i, c in enumerate(ordered)}
    timeline = build_timeline(props, by_id, {d.id: d.published for d in documents}, who)
    return Fusion(stories=stories, story_titles=titles, propositions=tuple(props), relations=tuple(relations),
                  timeline=tuple(timeline), extra_sources=origins.extra_sources)
