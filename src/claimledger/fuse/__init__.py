"""Fusion: stories, propositions, independent origins, relations, timeline — and assessment.

``run`` is a pure function of the stored documents, sources and claims (see ``records.py``):
everything is put in id order first, candidate pairs come from blocking (``blocking.py``),
merges happen best first in a fixed order (``propositions.py``), and ids derive from the
canonical member, so the same records in any order give the same :class:`Fusion`.

Stages::

    stories (documents -> developing threads)
    then, for each story on its own (a *fusion unit*):
    features (per claim, column-wise) -> origins (via-chain roots, government grouping)
    -> candidate pairs (blocking) -> pair scores and gates -> copies (word 4-grams)
    -> clusters = propositions -> relations -> Admiralty credibility -> timeline

Propositions and relations never cross a story: a proposition is a statement within one
developing thread (GUIDELINES.md), and fusing story by story keeps memory bounded by the largest
story rather than the store (``pipeline.fuse_store`` loads one unit's claims at a time), and lets
an ingest re-fuse only the stories whose inputs changed (``fingerprint.py``).
An analyst's merge of two propositions from different stories joins those stories into one unit
(``fusion_units``).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..settings import Settings
from .assemble import add_assessment, build_propositions
from .blocking import candidate_pairs
from .config import FusionSettings
from .corroboration import corroborating_pairs
from .features import build_table
from .origins import assign_origins, find_copies
from .pairs import score_pairs
from .propositions import cluster_claims
from .records import FuseClaim, FuseDocument, FuseSource, Fusion, Proposition, Relation, TimelineEntry
from .relations import find_relations
from .stories import group_stories, story_titles
from .timeline import build_timeline
from .topics import assign_topics
from .trim import give_back_freed_memory

__all__ = ["FusionSettings", "combine", "fuse_unit", "fusion_units", "group", "run"]

NO_STORY = ""
"""Unit key of claims whose document has no story (a claim of a document fusion was not given)."""


def group(documents: Sequence[FuseDocument]) -> tuple[Mapping[str, str], Mapping[str, str], Mapping[str, str]]:
    """Document id -> story id, story id -> title, and story id -> topic id (related stories)."""
    stories = group_stories(documents)
    return stories, story_titles(documents, stories), assign_topics(documents, stories)


def fusion_units(stories: Mapping[str, str], links: Iterable[tuple[str, str]] = ()) -> list[tuple[str, ...]]:
    """The documents fused together: one story each, except that stories joined by ``links``
    (pairs of document ids, e.g. the documents of two claims an analyst merged) form one unit.
    Units and their documents are sorted, so the order is canonical."""
    parent: dict[str, str] = {}

    def find(s: str) -> str:
        while parent.get(s, s) != s:
            s = parent[s]
        return s

    for a, b in links:
        if a not in stories or b not in stories:  # a document stored after the stories were grouped
            continue
        sa, sb = find(stories.get(a, NO_STORY)), find(stories.get(b, NO_STORY))
        if sa != sb:
            parent[max(sa, sb)] = min(sa, sb)
    units: dict[str, list[str]] = {}
    for doc_id, story in stories.items():
        units.setdefault(find(story), []).append(doc_id)
    return sorted(tuple(sorted(ds)) for ds in units.values())


def _claim_id(c: FuseClaim) -> str:
    return c.id


_READ = np.zeros(0, np.float32)
"""What ``fuse_unit`` leaves in a :class:`PairScores` column no later stage reads (its memory is freed)."""
_READ_FLAGS = np.zeros(0, np.bool_)
"""The same for a column of flags."""

TRIM_AT_CLAIMS = 50_000
"""Units this large give freed heap pages back between stages; a small story's stages free little,
and fusion runs once per story (thousands of calls on a large store)."""


def _give_back_freed_memory(claims: int) -> None:
    """Return the heap pages freed by the last stage to the OS.  The Python objects a stage drops
    (the table's token lists, the copy candidates' shingle arrays) are
    freed to glibc, which keeps the pages (RSS) unless asked to trim them; the next stages'
    peaks would then stack on top of memory no longer used.  No effect on any result."""
    if claims >= TRIM_AT_CLAIMS:
        give_back_freed_memory()


def fuse_unit(documents: Sequence[FuseDocument], sources: Sequence[FuseSource], claims: Sequence[FuseClaim], *,
              stories: Mapping[str, str], fusion: FusionSettings | None = None) -> Fusion:
    """Propositions, origins, relations, assessment and timeline over one unit's claims (no story
    grouping: ``stories`` is only read for the propositions' story ids)."""
    fs = fusion or FusionSettings()
    by_id = {c.id: c for c in claims}
    ordered = [by_id[k] for k in sorted(by_id)]
    del by_id  # (a million entries: made again for the timeline, after the large stages)
    if not ordered:
        return Fusion(stories={}, story_titles={}, propositions=(), relations=(), timeline=())
    docs = {d.id: d for d in documents}
    table = build_table(documents, ordered, settings=fs)
    _give_back_freed_memory(len(ordered))
    base = assign_origins(table, documents, sources, {})
    pairs = candidate_pairs(table, settings=fs)
    ps = score_pairs(table, pairs, base.of_claim, settings=fs)
    # only blocking and the pair scores read the embeddings (512 bytes a claim at 256 dimensions)
    table = dataclasses.replace(table, emb=np.zeros((0, table.emb.shape[1]), table.emb.dtype))
    when = [((docs[c.document_id].published if c.document_id in docs else None) or "9999-99-99", c.document_id)
            for c in ordered]
    copies = find_copies(table, [c.text for c in ordered], when, pairs, ps.lex, ps.blocked, settings=fs)
    del when, pairs  # (``ps.pairs`` holds the pairs) each stage below keeps only what later ones read
    ps = dataclasses.replace(ps, lex=_READ)  # only find_copies reads the TF-IDF cosines (4 bytes a pair)
    origins = assign_origins(table, documents, sources, copies) if copies else base
    del base
    # only the copies and the origins read the TF-IDF rows (~75 MB at a million claims)
    table = dataclasses.replace(table, lex=table.lex[:0], df=table.df[:0])
    _give_back_freed_memory(len(ordered))
    clusters = cluster_claims(table, ps, copies, settings=fs)
    del copies
    # only the clustering reads these gates and hints (1 byte a pair each)
    ps = dataclasses.replace(ps, time_conflict=_READ_FLAGS, same_origin=_READ_FLAGS, adjacent=_READ_FLAGS)
    _give_back_freed_memory(len(ordered))
    corroboration = corroborating_pairs(table, ps, clusters.label, origins.of_claim, fs.corroboration_min)
    props = build_propositions(table, ordered, clusters, ps, origins, docs, stories, corroboration)
    del corroboration
    # the propositions hold the reasons they read (the strings); the row -> reason dict goes
    label = clusters.label
    del clusters
    # a proposition's first claim's row: ``ordered`` is in id order (no id -> row dict yet)
    pid_of_label = {int(label[bisect.bisect_left(ordered, p.claim_ids[0], key=_claim_id)]): p.id for p in props}
    prop_ids = [pid_of_label[i] for i in range(len(pid_of_label))]
    del pid_of_label
    _give_back_freed_memory(len(ordered))
    relations = find_relations(table, ordered, ps, label, origins, prop_ids, settings=fs)
    del ps, label, prop_ids  # the pairs' columns and the labels: the last stages read neither
    row_of = {c.id: i for i, c in enumerate(ordered)}
    props = add_assessment(props, relations, table, origins, row_of)
    del table, row_of
    _give_back_freed_memory(len(ordered))
    who = {c.id: origins.names[int(origins.of_claim[i])] for i, c in enumerate(ordered)}
    by_id = {c.id: c for c in ordered}
    timeline = build_timeline(props, by_id, {d.id: d.published for d in documents}, who)
    return Fusion(stories={}, story_titles={}, propositions=tuple(props), relations=tuple(relations),
                  timeline=tuple(timeline), extra_sources=origins.extra_sources)


def combine(stories: Mapping[str, str], titles: Mapping[str, str], parts: Iterable[Fusion], *,
            topics: Mapping[str, str] | None = None) -> Fusion:
    """One :class:`Fusion` from the units' results (each unit's lists are already in canonical order)."""
    props: list[Proposition] = []
    relations: list[Relation] = []
    timeline: list[TimelineEntry] = []
    extra: dict[str, FuseSource] = {}
    for part in parts:
        props.extend(part.propositions)
        relations.extend(part.relations)
        timeline.extend(part.timeline)
        for s in part.extra_sources:
            extra.setdefault(s.id, s)
    return Fusion(stories=stories, story_titles=titles, propositions=tuple(sorted(props, key=lambda p: p.id)),
                  relations=tuple(sorted(relations, key=lambda r: (r.from_id, r.to_id, r.kind))),
                  timeline=tuple(sorted(timeline, key=lambda e: (e.date, e.proposition_id, e.kind, e.summary))),
                  extra_sources=tuple(extra[k] for k in sorted(extra)), story_topics=dict(topics or {}))


def run(documents: Sequence[FuseDocument], sources: Sequence[FuseSource], claims: Sequence[FuseClaim], *,
        settings: Settings, fusion: FusionSettings | None = None,
        stories: Mapping[str, str] | None = None) -> Fusion:
    """Fuse everything given, story by story.  ``fusion`` overrides the thresholds; ``stories``
    (document id -> story id) skips story grouping (benchmarks, callers that grouped already)."""
    titles: Mapping[str, str] = {}
    topics: Mapping[str, str] = {}
    if stories is None:
        stories, titles, topics = group(documents)
    docs_of: dict[str, list[FuseDocument]] = {}
    for d in documents:
        docs_of.setdefault(stories.get(d.id, NO_STORY), []).append(d)
    claims_of: dict[str, list[FuseClaim]] = {}
    for c in claims:
        claims_of.setdefault(stories.get(c.document_id, NO_STORY), []).append(c)
    parts = [fuse_unit(docs_of.get(s, []), sources, claims_of[s], stories=stories, fusion=fusion)
             for s in sorted(claims_of)]
    return combine(stories, titles, parts, topics=topics)
