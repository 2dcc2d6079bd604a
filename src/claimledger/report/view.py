"""One story's slice of a ledger dict, indexed for the briefing builders.

The ledger is read defensively: only the contract's required fields are relied on; the extras
(``said_on``, ``hedges``, ``origin_source_ids``, ``explanation``...) are used when present.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

__all__ = ["OWN_VOICE", "LedgerView", "claim_day", "view_of"]

OWN_VOICE = "{outlet} (own reporting)"
"""How an outlet-voice claim's source is named."""

Rec = dict[str, Any]


@dataclass(frozen=True, slots=True)
class LedgerView:
    story_id: str | None
    title: str
    generated_at: str | None
    documents: tuple[Rec, ...]
    """Sorted by (published, outlet, id)."""
    claims: tuple[Rec, ...]
    """Sorted by (said_on, document, span, id)."""
    propositions: tuple[Rec, ...]
    relations: tuple[Rec, ...]
    timeline: tuple[Rec, ...]
    docs: dict[str, Rec]
    sources: dict[str, Rec]
    claims_by_id: dict[str, Rec]
    props: dict[str, Rec]

    def source_name(self, source_id: str | None) -> str | None:
        if source_id is None:
            return None
        s = self.sources.get(source_id)
        return str(s["name"]) if s else source_id

    def outlet_of(self, claim: Rec) -> str:
        d = self.docs.get(claim["document_id"])
        return str((d or {}).get("outlet") or "unknown outlet")

    def speaker(self, claim: Rec) -> str:
        """Who says it: the source's name, or the outlet for an outlet-voice claim."""
        name = self.source_name(claim.get("source_id"))
        return name if name is not None else OWN_VOICE.format(outlet=self.outlet_of(claim))

    def said_on(self, claim: Rec) -> str | None:
        v = claim.get("said_on")
        if v:
            return str(v)
        d = self.docs.get(claim["document_id"])
        return str(d["published"]) if d and d.get("published") else None


def claim_day(value: str | None) -> str:
    """A sort key for a TIMEX3 value: unknown dates last."""
    return value if value else "9999"


def _story_title(ledger: Rec, story_id: str | None, docs: list[Rec]) -> str:
    story = ledger.get("story") or {}
    if story.get("title"):
        return str(story["title"])
    for s in ledger.get("stories") or []:
        if s.get("id") == story_id and s.get("title"):
            return str(s["title"])
    titles = Counter(str(d["title"]) for d in docs if d.get("title"))
    if len(titles) == 1:
        return next(iter(titles))
    return "Briefing"


def view_of(ledger: Rec, *, story_id: str | None) -> LedgerView:
    """The documents of ``story_id`` (all when None) and what hangs off them."""
    docs = [d for d in ledger.get("documents", []) if story_id is None or d.get("story_id") == story_id]
    docs.sort(key=lambda d: (d.get("published") or "9999", d.get("outlet") or "", d["id"]))
    doc_map = {d["id"]: d for d in docs}
    claims = [c for c in ledger.get("claims", []) if c["document_id"] in doc_map]
    sources = {s["id"]: s for s in ledger.get("sources", [])}

    def said(c: Rec) -> str:
        return claim_day(c.get("said_on") or doc_map[c["document_id"]].get("published"))

    claims.sort(key=lambda c: (said(c), c["document_id"], tuple(c.get("span") or (0, 0)), c["id"]))
    claim_map = {c["id"]: c for c in claims}
    props = [p for p in ledger.get("propositions", []) if any(cid in claim_map for cid in p["claim_ids"])]
    props.sort(key=lambda p: p["id"])
    prop_map = {p["id"]: p for p in props}
    relations = [r for r in ledger.get("relations", []) if r["from"] in prop_map and r["to"] in prop_map]
    relations.sort(key=lambda r: (r["from"], r["to"], r["kind"]))
    timeline = [e for e in ledger.get("timeline", []) if e.get("proposition_id") in prop_map and e.get("date")]
    timeline.sort(key=lambda e: (e["date"], e["proposition_id"], e.get("kind") or ""))
    return LedgerView(
        story_id=story_id, title=_story_title(ledger, story_id, docs), generated_at=ledger.get("generated_at"),
        documents=tuple(docs), claims=tuple(claims), propositions=tuple(props), relations=tuple(relations),
        timeline=tuple(timeline), docs=doc_map, sources=sources, claims_by_id=claim_map, props=prop_map)
