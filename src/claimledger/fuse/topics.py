"""Topics: stories grouped by the kind of event or subject they follow ("related stories").

A **story** is one developing thread (GUIDELINES.md: "one thread of events … not a single
incident"); two celebrities entering rehab, or two earthquakes years apart, are two stories.  A
**topic** groups such stories, as news-tracking systems group threads into topics: what an analyst
browses as related stories.  Stories are never split or changed here: a topic is a set of whole
stories.

Method:

1. One name-free vector per story (``topics_vectors``): TF-IDF over the common words of its
   documents, proper nouns (found from mid-sentence capitalisation over the collection), numbers,
   dates and generic news words removed, IDF over stories; and an entity vector (its subject).
   Similarity = (1 - w) * word cosine + w * entity cosine, w = ``TOPIC_ENTITY_WEIGHT`` (small:
   the kind of event leads, a shared subject helps).
2. Candidate story pairs by blocking on each story's most distinctive words under a
   document-frequency cap (``stories_graph.similarity_edges``: never all pairs), each story keeping
   its best-scoring neighbours.
3. Average linkage over the story vectors restricted to that graph (``stories_linkage``): two
   topics merge, best first, while the exact mean cosine between their stories reaches
   ``TOPIC_THRESHOLD``.  No time factor: a topic spans years.
4. Topic id = ``tp_`` + hash of the canonical document of the topic (the earliest by
   (published or '9999-99-99', id) over all its stories), so a topic holding one story has an id
   derived from the same document as that story's id, and ids do not change when unrelated
   stories are added.

Everything is put in canonical order (documents by id, stories by canonical document) first, so
any arrival order gives the same mapping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..extract.ids import digest
from .records import FuseDocument
from .stories_graph import GraphParams, similarity_edges
from .stories_linkage import LinkageParams, average_linkage
from .stories_vectors import StoryVectors
from .topics_vectors import build_topic_vectors

__all__ = ["TopicSettings", "assign_topics", "topic_id"]

# --- Thresholds.  "ECB+ calibration" = topics 1-35 of ../shared/eval/ecbplus (772 documents,
# spaCy entities, no dates): stories from ``group_stories`` at its defaults, then topics scored
# against ECB+'s topics (B-cubed F1, ``eval/ecbplus_eval.py --topic-sweep``); topics 36-45 held out.
# Figures in eval/README.stories.md. ---

TOPIC_THRESHOLD = 0.25
"""Least mean similarity between the stories of two topics for them to merge.  ECB+ calibration
with TOPIC_ENTITY_WEIGHT 0.3: topic B3-F1 0.914 (P 0.932, R 0.896), the best of the grid
(thresholds 0.15-0.40 x entity weights 0-0.5, eval/README.stories.md); 0.22 gives 0.893, 0.28
0.892.  Held-out topics 36-45 at these defaults: 0.822 (P 0.810, R 0.835), below the stories'
own 0.910 there: ECB+ keeps two earthquake topics (Indonesia, California) and two acquisition
topics apart, which this definition of a topic (same kind of event) joins."""

TOPIC_ENTITY_WEIGHT = 0.3
"""Share of the entity cosine (same subject: a company, a country) in a story pair's similarity;
the name-free word cosine (same kind of event) gets the rest.  ECB+ calibration: 0.2 and 0.3 reach
0.914 at their best thresholds (0.28 and 0.25), 0.1 and 0 0.908 (0.33, 0.36), 0.5 0.899 (0.15)."""

TOPIC_BLOCK_TERMS = 20
"""Distinctive words per story used as blocking keys (as BLOCK_TERMS in stories.py)."""

TOPIC_MIN_SHARED_KEYS = 1
"""Blocking keys two stories must share to be compared (stories are few next to documents, and a
topic pair may share only its event word)."""

TOPIC_NEIGHBOURS = 20
"""Best-scoring candidate stories kept per story as graph edges (clusters are compared exactly)."""

TOPIC_CANDIDATES = 100
"""Candidate stories scored per story (those sharing the most keys first): a cost bound."""

TOPIC_DF_CAP_MIN = 50
TOPIC_DF_CAP_FRACTION = 0.05
TOPIC_DF_CAP_MAX = 300
"""Blocking keys held by more than max(MIN, FRACTION * stories) stories (at most MAX) are not
used: every posting list is bounded, so candidate pairs grow linearly with the number of stories."""

TOPIC_EDGE_FLOOR = 0.02
"""Story pairs scoring below this are not edges (noise; far below the threshold)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicSettings:
    """Thresholds of topic grouping (defaults: the constants above)."""

    threshold: float = TOPIC_THRESHOLD
    entity_weight: float = TOPIC_ENTITY_WEIGHT
    block_terms: int = TOPIC_BLOCK_TERMS
    min_shared_keys: int = TOPIC_MIN_SHARED_KEYS
    neighbours: int = TOPIC_NEIGHBOURS
    candidates: int = TOPIC_CANDIDATES
    block_df_cap_min: int = TOPIC_DF_CAP_MIN
    block_df_cap_fraction: float = TOPIC_DF_CAP_FRACTION
    block_df_cap_max: int = TOPIC_DF_CAP_MAX
    edge_floor: float = TOPIC_EDGE_FLOOR

    def graph_params(self) -> GraphParams:
        return GraphParams(block_terms=self.block_terms, block_df_cap_min=self.block_df_cap_min,
                           block_df_cap_fraction=self.block_df_cap_fraction,
                           block_df_cap_max=self.block_df_cap_max, min_shared_keys=self.min_shared_keys,
                           entity_weight=self.entity_weight, time_grace_days=0.0, time_scale_days=1.0,
                           edge_floor=self.edge_floor, neighbours=self.neighbours,
                           candidates_per_document=self.candidates)

    def linkage_params(self) -> LinkageParams:
        return LinkageParams(threshold=self.threshold, entity_weight=self.entity_weight, time_grace_days=0.0,
                             time_scale_days=1.0)


def topic_id(canonical_document_id: str) -> str:
    """The topic id derived from the id of the topic's canonical (earliest) document."""
    return "tp_" + digest(canonical_document_id)


def _canonical_key(doc: FuseDocument) -> tuple[str, str]:
    return (doc.published or "9999-99-99", doc.id)


def _unique(documents: Sequence[FuseDocument]) -> list[FuseDocument]:
    by_id: dict[str, FuseDocument] = {}
    for d in sorted(documents, key=lambda d: (d.id, d.published or "9999-99-99", d.title or "", d.text)):
        by_id.setdefault(d.id, d)
    return list(by_id.values())


def assign_topics(documents: Sequence[FuseDocument], stories: Mapping[str, str], *,
                  settings: TopicSettings | None = None) -> dict[str, str]:
    """Map every story id of ``stories`` (document id -> story id, as ``group_stories`` gives)
    to a topic id.  Documents not in ``stories`` are ignored; a story none of whose documents is
    given still gets a topic of its own (derived from its id).  Pure and order-independent."""
    s = settings or TopicSettings()
    docs = [d for d in _unique(documents) if d.id in stories]
    first: dict[str, FuseDocument] = {}
    for d in docs:
        sid = stories[d.id]
        if sid not in first or _canonical_key(d) < _canonical_key(first[sid]):
            first[sid] = d
    order = sorted(first, key=lambda sid: _canonical_key(first[sid]))
    out = {sid: topic_id(first[sid].id) for sid in order}
    for sid in sorted(set(stories.values()) - set(first)):
        out[sid] = "tp_" + digest("story", sid)
    if len(order) < 2:
        return out
    labels = _cluster(docs, stories, order, s)
    for sid, lab in zip(order, labels.tolist(), strict=True):
        out[sid] = topic_id(first[order[lab]].id)  # label = lowest row = canonical story of the topic
    return out


def _cluster(docs: Sequence[FuseDocument], stories: Mapping[str, str], order: Sequence[str],
             s: TopicSettings) -> np.ndarray:
    tv = build_topic_vectors(docs, stories, order)
    n = len(order)
    none = np.full(n, -1, dtype=np.int64)
    empty = sp.csr_matrix((n, 0), dtype=np.float64)
    ents = tv.entities if s.entity_weight > 0 else empty
    vectors = StoryVectors(ids=tuple(order), text=tv.matrix, text_df=tv.df, entities=ents,
                           entity_df=tv.entity_df if s.entity_weight > 0 else np.zeros(0), days=none)
    edges = similarity_edges(vectors, s.graph_params())
    groups = np.arange(n, dtype=np.int64)
    return average_linkage(tv.matrix, ents, none, groups, edges.left, edges.right, edges.weight,
                           s.linkage_params())
