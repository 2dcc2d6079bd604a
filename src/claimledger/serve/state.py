"""What the web app holds between requests: the open store and a snapshot of the ledger.

A :class:`Snapshot` is the ledger (``report.ledger.build_ledger`` with the analyst's overrides
recorded by ``report.overrides.annotate_ledger``), indexed for the pages, plus the briefing of each
story (``report.model.build_briefing``) and its charts, built when first asked for. Every page reads
the same snapshot, so JSON, exports and HTML show one ledger. It is kept while the store's revision
stamp (``store.revision.revision``: a few aggregate queries) is unchanged, and dropped after the
app's own writes; on the seeds building it takes ~0.15 s, reading the stamp ~1 ms.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..report.charts import source_graph_svg, timeline_svg
from ..report.ledger import build_ledger
from ..report.model import Briefing, Judgement, build_briefing
from ..report.overrides import annotate_ledger
from ..settings import Settings
from ..store import Store
from ..store.overrides import Override, list_overrides
from ..store.revision import revision

__all__ = ["AppState", "Snapshot", "StoryRow"]

Rec = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    id: str
    title: str
    documents: int
    claims: int
    propositions: int
    period_start: str | None
    period_end: str | None
    outlets: tuple[str, ...]
    topic_id: str | None = None
    """Stories of one topic are about the same kind of event (related stories)."""


@dataclass(slots=True)
class Snapshot:
    """One revision of the store, read once (see the module docstring)."""

    revision: str
    ledger: Rec
    overrides: tuple[Override, ...]
    docs: dict[str, Rec] = field(default_factory=dict)
    claims: dict[str, Rec] = field(default_factory=dict)
    """Every claim, rejected ones included (those carry ``review.status == "rejected"``)."""
    props: dict[str, Rec] = field(default_factory=dict)
    sources: dict[str, Rec] = field(default_factory=dict)
    prop_of_claim: dict[str, str] = field(default_factory=dict)
    stories: tuple[StoryRow, ...] = ()
    _briefings: dict[str | None, Briefing] = field(default_factory=dict)
    _judgements: dict[str | None, dict[str, Judgement]] = field(default_factory=dict)
    _charts: dict[str | None, tuple[Markup, Markup]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def build(cls, store: Store) -> Snapshot:
        rev = revision(store)
        overrides = tuple(list_overrides(store))
        ledger = annotate_ledger(build_ledger(store), overrides)
        snap = cls(revision=rev, ledger=ledger, overrides=overrides)
        snap.docs = {d["id"]: d for d in ledger["documents"]}
        snap.claims = {c["id"]: c for c in [*ledger["claims"], *ledger.get("rejected_claims", [])]}
        snap.props = {p["id"]: p for p in ledger["propositions"]}
        snap.sources = {s["id"]: s for s in ledger["sources"]}
        snap.prop_of_claim = {c: p["id"] for p in ledger["propositions"] for c in p["claim_ids"]}
        snap.stories = tuple(_story_rows(ledger))
        return snap

    def story_ids(self) -> set[str]:
        return {s.id for s in self.stories}

    def related(self, story_id: str) -> list[StoryRow]:
        """The other stories of ``story_id``'s topic, most recent first."""
        topic = next((s.topic_id for s in self.stories if s.id == story_id), None)
        return [s for s in self.stories if topic and s.topic_id == topic and s.id != story_id]

    def briefing(self, story_id: str | None) -> Briefing:
        with self._lock:
            b = self._briefings.get(story_id)
            if b is None:
                b = build_briefing(self.ledger, story_id=story_id)
                self._briefings[story_id] = b
                self._judgements[story_id] = {j.proposition_id: j for j in b.judgements}
            return b

    def judgement(self, proposition_id: str) -> Judgement | None:
        p = self.props.get(proposition_id)
        if p is None:
            return None
        story = p.get("story_id") if p.get("story_id") in self.story_ids() else None
        self.briefing(story)
        return self._judgements[story].get(proposition_id)

    def charts(self, story_id: str | None) -> tuple[Markup, Markup]:
        """The story's timeline and source graph as inline SVG (drawn by ``report.charts``)."""
        b = self.briefing(story_id)
        with self._lock:
            if story_id not in self._charts:
                self._charts[story_id] = (timeline_svg(b.timeline, b.documents), source_graph_svg(b.graph))
            return self._charts[story_id]

    def overrides_about(self, *ids: str) -> list[Override]:
        want = set(ids)
        return [o for o in self.overrides if o.target in want]


def _story_rows(ledger: Rec) -> list[StoryRow]:
    rows = []
    props_by_story: dict[str, int] = {}
    for p in ledger["propositions"]:
        props_by_story[p.get("story_id") or ""] = props_by_story.get(p.get("story_id") or "", 0) + 1
    docs = {d["id"]: d for d in ledger["documents"]}
    claims_by_doc: dict[str, int] = {}
    for c in ledger["claims"]:
        claims_by_doc[c["document_id"]] = claims_by_doc.get(c["document_id"], 0) + 1
    for s in ledger.get("stories", []):
        ds = [docs[i] for i in s["document_ids"] if i in docs]
        days = sorted(str(d["published"]) for d in ds if d.get("published"))
        title = s.get("title") or next((d["title"] for d in ds if d.get("title")), None) or s["id"]
        rows.append(StoryRow(id=s["id"], title=str(title), documents=len(ds),
                             claims=sum(claims_by_doc.get(d["id"], 0) for d in ds),
                             propositions=props_by_story.get(s["id"], 0),
                             period_start=days[0] if days else None, period_end=days[-1] if days else None,
                             outlets=tuple(sorted({str(d["outlet"]) for d in ds if d.get("outlet")})),
                             topic_id=s.get("topic_id")))
    rows.sort(key=lambda r: (-(r.period_end is not None), -(int((r.period_end or "0").replace("-", "") or 0)),
                             r.id))
    return rows


class AppState:
    """The store, the settings and the current snapshot, shared by every request."""

    def __init__(self, settings: Settings, *, store: Store | None = None, analyst: str = "analyst") -> None:
        self.settings = settings
        self.store = store if store is not None else Store.open(settings.db)
        self.analyst = analyst
        self.token_required = False
        """True when the app asks for a token (the pages then offer to log out)."""
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The snapshot of the store as it is now (rebuilt when the revision stamp moved)."""
        rev = revision(self.store)
        snap = self._snapshot
        if snap is not None and snap.revision == rev:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None or snap.revision != revision(self.store):
                snap = Snapshot.build(self.store)
                self._snapshot = snap
            return snap

    def invalidate(self) -> None:
        self._snapshot = None
