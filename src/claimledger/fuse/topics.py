"""Topics: stories grouped by the kind of event or subject they follow ("related stories").

A **story** is one developing thread (GUIDELINES.md: "one thread of events … not a single
incident"); two celebrities entering rehab, or two earthquakes years apart, are two stories.  A
**topic** groups such stories, as news-tracking systems group threads into topics: what an analyst
browses as related stories.  Stories are never split or changed here: a topic is a set of whole
stories.

Method:

1. One name-free vector per *document* (``topics_vectors``): TF-IDF over its common words, proper
   nouns (found from mid-sentence capitalisation over the collection), numbers, dates and generic
   news words removed, IDF over the documents, unit length; and an entity vector (its subject).
   Two topics are compared by the **mean over all their document pairs** of
   (1 - w) * word cosine + w * entity cosine, w = ``TOPIC_ENTITY_WEIGHT`` (small: the kind of event
   leads, a shared subject helps).  A story is the mean of its documents, so the mean over the
   document pairs of two stories is the dot product of their mean vectors.
2. Candidate story pairs by blocking on each story's most distinctive words under a
   document-frequency cap (``stories_graph.similarity_edges`` over the story means: never all
   pairs), each story keeping its best-scoring neighbours.
3. Average linkage over the documents, each story one starting cluster, restricted to that graph
   (``stories_linkage``): two topics merge, best first, while the exact mean over their document
   pairs reaches ``TOPIC_THRESHOLD``.  No time factor: a topic spans years.
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

TOPIC_THRESHOLD = 0.10
"""Least mean (over document pairs) similarity between two topics for them to merge.  ECB+
calibration with TOPIC_ENTITY_WEIGHT 0.1: topic B3-F1 0.919 (P 0.952, R 0.889), the best of the
grid (thresholds 0.08-0.16 x entity weights 0-0.3, eval/README.stories.md; the peak is narrow:
0.095 gives 0.899, 0.105 0.889).  Held-out topics 36-45 at these defaults: 0.948; all 43 topics
0.919.  An absolute cosine: in a much smaller collection (ECB+ topics 1-6, 120 documents) IDF
separates less and no story pair reaches it, so topics there equal stories."""

TOPIC_ENTITY_WEIGHT = 0.1
"""Share of the entity cosine (same subject: a company, a country) in a document pair's similarity;
the name-free word cosine (same kind of event) gets the rest.  Entities rarely match across two
stories of one ECB+ topic, so the weight acts mostly as a scale: ECB+ calibration best cells 0.919
at w 0.1 / threshold 0.10, w 0.2 / 0.09, w 0.3 / 0.08 (same grouping), 0.910 at w 0 / 0.11."""

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
    """Topic label of each story row: the lowest story row of its topic."""
    tv = build_topic_vectors(docs, stories, order)
    n = len(order)
    owner = tv.story_of_row
    first_row = np.full(n, owner.size, dtype=np.int64)
    np.minimum.at(first_row, owner, np.arange(owner.size, dtype=np.int64))
    w = s.entity_weight
    ents = tv.entities if w > 0 else sp.csr_matrix((owner.size, 0), dtype=np.float64)
    per_story = np.bincount(owner, minlength=n).astype(np.float64)
    member = sp.csr_matrix((1.0 / per_story[owner], (owner, np.arange(owner.size))), shape=(n, owner.size))
    ent_means = sp.csr_matrix(member @ ents)
    ent_means.sort_indices()
    entity_df = np.bincount(ent_means.indices, minlength=ent_means.shape[1]).astype(np.float64)
    means = StoryVectors(ids=tuple(order), text=tv.means, text_df=tv.df, entities=ent_means,
                         entity_df=entity_df, days=np.full(n, -1, dtype=np.int64))
    edges = similarity_edges(means, s.graph_params())
    doc_labels = average_linkage(tv.documents, ents, np.full(owner.size, -1, dtype=np.int64), first_row[owner],
                                 first_row[edges.left], first_row[edges.right], edges.weight, s.linkage_params())
    story_label = doc_labels[first_row]
    lowest: dict[int, int] = {}
    for row, lab in enumerate(story_label.tolist()):
        lowest.setdefault(lab, row)  # rows ascend: the first story seen is the topic's canonical one
    return np.asarray([lowest[lab] for lab in story_label.tolist()], dtype=np.int64)
