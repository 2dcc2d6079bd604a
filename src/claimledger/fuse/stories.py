"""Stories: group documents into developing news threads (GUIDELINES.md, "Stories").

Method (after news-stream clustering such as Miranda et al. 2018, where TF-IDF plus time
features beat embeddings alone), made order-independent:

1. Vectors built from the documents being grouped: TF-IDF over content words (sublinear tf,
   stop words removed), rarity-weighted entity names, publication day (stories_vectors).
2. Candidate pairs by blocking on distinctive words and entities with document-frequency caps
   (never all pairs), each scored ((1 - w) * text cosine + w * entity cosine) * time factor:
   documents more than ``time_grace_days`` apart need more similarity; a missing date is
   neutral (stories_graph).
3. Each document keeps its best-scoring pairs as graph edges.  Near-duplicates (``duplicate_of``)
   start in one cluster; clusters joined by an edge merge, best first, while their exact mean
   pair similarity (from per-cluster sum vectors, with a time factor on the gap between their
   date ranges) reaches the threshold: average linkage restricted to the graph, lowest canonical
   row first on ties (stories_linkage).
4. Story id = ``st_`` + hash of the story's canonical member, the earliest by
   (published or '9999-99-99', id), so ids do not change when unrelated documents are added.

Documents are put in canonical order (by id) before anything is computed, so any arrival order
gives the same mapping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..extract.ids import digest
from .records import FuseDocument
from .stories_graph import GraphParams, similarity_edges
from .stories_linkage import LinkageParams, average_linkage, union_groups
from .stories_vectors import build_vectors

__all__ = ["StorySettings", "group_stories", "story_id", "story_titles"]

# --- Thresholds.  "ECB+ calibration" = topics 1-35 of ../shared/eval/ecbplus (772 documents, spaCy
# entities, no dates), grouped on their own; topics 36-45 are held out.  The objective was the mean
# of the topic-level and event-level B-cubed F1 (`eval/ecbplus_eval.py --sweep`; figures and the
# held-out scores in eval/README.stories.md). ---

MERGE_THRESHOLD = 0.09
"""Least mean pair similarity (exact, over all member pairs) for two clusters to merge.  ECB+
calibration with ENTITY_WEIGHT 0.5: mean B3-F1 0.852 (topic 0.851, event 0.852), the top of a
plateau from 0.08 to 0.10; 0.06 gives topic 0.898 / event 0.787, 0.15 topic 0.814 / event 0.854.
Held-out topics 36-45 at 0.09: topic 0.910, event 0.804."""

ENTITY_WEIGHT = 0.5
"""Share of the entity cosine in a pair's similarity (text cosine gets the rest).  ECB+
calibration: 0.3 to 0.6 at their best thresholds all give mean B3-F1 0.850-0.852.  0.5 was
taken within that plateau because entities are what tell two threads of the same kind apart: with
dates removed, the seeds and the look-alike invented examples score 0.071 as clusters at 0.5
(0.099 at 0.3), the seeds among themselves 0.42."""

TIME_GRACE_DAYS = 7.0
"""Documents up to a week apart are compared on content alone.  Not calibrated (ECB+ has no dates,
the UCI sample spans 3 days): chosen so that a week of coverage is never penalised; checked on the
seeds (15 days, one story) and the examples (12 days, one story)."""

TIME_SCALE_DAYS = 30.0
"""Beyond the grace, similarity is multiplied by exp(-(gap - grace) / scale): x0.46 at 30 days,
x0.17 at 60.  Not calibrated (no dated story data with bodies); the seeds are 15 days apart (x0.77)."""

EDGE_FLOOR = 0.02
"""Pairs scoring below this are not edges (clusters joined only by such pairs never merge).  Below
the 99th percentile of different-topic ECB+ pairs (0.089): only noise is dropped."""

BLOCK_TERMS = 20
"""Distinctive words per document used as blocking keys.  ECB+ calibration: 10, 20 or 40 keys with
1, 2 or 3 shared keys all give the same B3-F1 (topic 0.851 / event 0.852); 20 keys and 2 shared
give ~24 candidates per document."""

BLOCK_DF_CAP_MIN = 50
BLOCK_DF_CAP_FRACTION = 0.05
BLOCK_DF_CAP_MAX = 300
"""Blocking keys shared by more than max(MIN, FRACTION * N) documents (at most MAX) are not used:
this bounds every posting list, so candidate pairs grow linearly with N.  ECB+ topics hold ~23
documents, so 50 keeps every topic word; MAX is a cost bound for 100k documents."""

NEIGHBOURS = 20
"""Best-scoring candidate pairs kept per document as graph edges (bounds memory at 100k documents;
clusters are compared exactly, so a big story needs only a connected graph, not every pair).
ECB+ calibration: 20 and 40 give identical scores at every threshold from 0.03 to 0.11."""

CANDIDATES_PER_DOCUMENT = 50
"""Candidates scored per document, those sharing the most blocking keys first (a cost bound: on
ECB+ a document has ~24, so it only acts on large or repetitive collections)."""

MIN_SHARED_KEYS = 2
"""Blocking keys two documents must share to be compared (1 on ECB+: same scores, 1.9x pairs)."""

TITLE_MAX_CHARS = 120
"""Longest story title (a first sentence is cut at a word boundary)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySettings:
    """Thresholds of story grouping (defaults: the constants above)."""

    merge_threshold: float = MERGE_THRESHOLD
    entity_weight: float = ENTITY_WEIGHT
    time_grace_days: float = TIME_GRACE_DAYS
    time_scale_days: float = TIME_SCALE_DAYS
    edge_floor: float = EDGE_FLOOR
    block_terms: int = BLOCK_TERMS
    block_df_cap_min: int = BLOCK_DF_CAP_MIN
    block_df_cap_fraction: float = BLOCK_DF_CAP_FRACTION
    block_df_cap_max: int = BLOCK_DF_CAP_MAX
    min_shared_keys: int = MIN_SHARED_KEYS
    neighbours: int = NEIGHBOURS
    candidates_per_document: int = CANDIDATES_PER_DOCUMENT

    def graph_params(self) -> GraphParams:
        return GraphParams(block_terms=self.block_terms, block_df_cap_min=self.block_df_cap_min,
                           block_df_cap_fraction=self.block_df_cap_fraction,
                           block_df_cap_max=self.block_df_cap_max, min_shared_keys=self.min_shared_keys,
                           entity_weight=self.entity_weight, time_grace_days=self.time_grace_days,
                           time_scale_days=self.time_scale_days, edge_floor=self.edge_floor,
                           neighbours=self.neighbours, candidates_per_document=self.candidates_per_document)

    def linkage_params(self) -> LinkageParams:
        return LinkageParams(threshold=self.merge_threshold, entity_weight=self.entity_weight,
                             time_grace_days=self.time_grace_days, time_scale_days=self.time_scale_days)


def _canonical_key(doc: FuseDocument) -> tuple[str, str]:
    return (doc.published or "9999-99-99", doc.id)


def story_id(canonical_document_id: str) -> str:
    """The story id derived from the id of the story's canonical (earliest) document."""
    return "st_" + digest(canonical_document_id)


def _unique(documents: Sequence[FuseDocument]) -> list[FuseDocument]:
    """Documents sorted by id; a repeated id keeps its canonically first record."""
    by_id: dict[str, FuseDocument] = {}
    for d in sorted(documents, key=lambda d: (d.id, d.published or "9999-99-99", d.title or "", d.text)):
        by_id.setdefault(d.id, d)
    return list(by_id.values())


def group_stories(documents: Sequence[FuseDocument], *, settings: StorySettings | None = None) -> dict[str, str]:
    """Map every document id to a story id (same documents in any order -> same mapping)."""
    s = settings or StorySettings()
    docs = _unique(documents)
    if not docs:
        return {}
    row = {d.id: i for i, d in enumerate(docs)}
    dup_pairs = [(row[d.id], row[d.duplicate_of]) for d in docs if d.duplicate_of in row and d.duplicate_of]
    groups = union_groups(len(docs), dup_pairs)
    vectors = build_vectors(docs)
    edges = similarity_edges(vectors, s.graph_params())
    labels = average_linkage(vectors.text, vectors.entities, vectors.days, groups, edges.left, edges.right,
                             edges.weight, s.linkage_params())
    members: dict[int, list[FuseDocument]] = {}
    for d, lab in zip(docs, labels.tolist(), strict=True):
        members.setdefault(lab, []).append(d)
    out: dict[str, str] = {}
    for group in members.values():
        sid = story_id(min(group, key=_canonical_key).id)
        for d in group:
            out[d.id] = sid
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])")


def _first_sentence(text: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) >= 20:
            first = _SENTENCE_END.split(line, maxsplit=1)[0]
            if len(first) > TITLE_MAX_CHARS:
                first = first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
            return first
    return " ".join(text.split())[:TITLE_MAX_CHARS]


def story_titles(documents: Sequence[FuseDocument], stories: Mapping[str, str]) -> dict[str, str]:
    """A short title per story: the title (or first sentence) of its most central document,
    the member whose TF-IDF vector is closest to the story's centroid (ties: canonical order)."""
    docs = [d for d in _unique(documents) if d.id in stories]
    if not docs:
        return {}
    vectors = build_vectors(docs)
    by_story: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        by_story.setdefault(stories[d.id], []).append(i)
    titles: dict[str, str] = {}
    for sid, rows in sorted(by_story.items()):
        sub = vectors.text[rows]
        centroid = np.asarray(sub.sum(axis=0)).ravel()
        scores = np.asarray(sub @ centroid).ravel()
        best = min(range(len(rows)), key=lambda k: (-round(float(scores[k]), 9), _canonical_key(docs[rows[k]])))
        doc = docs[rows[best]]
        title = " ".join((doc.title or "").split())
        titles[sid] = title if title else _first_sentence(doc.text)
    return titles
