"""Builds a :class:`~claimledger.report.model.Briefing` from a ledger dict: judgements ranked,
contested pairs, changes, sources; numbers, timeline and graph come from their own modules."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from .graph import build_graph
from .model import (
    Briefing,
    Change,
    ContestedPair,
    Counts,
    DocumentRow,
    Evidence,
    Judgement,
    RelationRef,
    SourceRow,
)
from .numbers import build_numbers
from .timeline import build_timeline
from .view import LedgerView, claim_day, view_of
from .words import words

__all__ = ["KEY_JUDGEMENTS", "assemble", "rank_key"]

KEY_JUDGEMENTS = 10
"""How many judgements lead the briefing. Ten fit the first printed page of the HTML briefing
(about 80 px each) and match the length of a typical intelligence summary's key-judgement list."""

UNRATED = "F"
"""Reliability when no origin source has one: Admiralty F, cannot be judged."""

Rec = dict[str, Any]


def _evidence(view: LedgerView, c: Rec) -> Evidence:
    d = view.docs[c["document_id"]]
    span = c.get("span") or (0, 0)
    return Evidence(claim_id=c["id"], document_id=c["document_id"], outlet=d.get("outlet"), url=d.get("url"),
                    published=d.get("published"), said_on=view.said_on(c), source_id=c.get("source_id"),
                    source=view.source_name(c.get("source_id")),
                    via=tuple(n for n in (view.source_name(v) for v in c.get("via") or []) if n),
                    stance=str(c.get("stance") or "asserts"), hedges=tuple(str(h) for h in c.get("hedges") or []),
                    text=str(c.get("text") or ""), span=(int(span[0]), int(span[1])))


def _origins(view: LedgerView, p: Rec, claims: list[Rec]) -> tuple[list[str], list[str]]:
    """Origin names and their source ids (outlet-voice claims: the outlet, which may have no id)."""
    ids = [str(s) for s in p.get("origin_source_ids") or []]
    if not ids:
        ids = sorted({str(c["source_id"]) for c in claims if c.get("source_id")})
    names = [str(view.sources[s]["name"]) for s in ids if s in view.sources]
    if len(names) < len(ids) or not ids:  # an origin the ledger does not list: outlet-voice claims' outlets
        names += sorted({view.speaker(c) for c in claims if not c.get("source_id")} - set(names))
    if not names:
        names = sorted({view.speaker(c) for c in claims})
    return names, ids


def _judgement(view: LedgerView, p: Rec, refs: list[RelationRef]) -> Judgement:
    claims = [view.claims_by_id[c] for c in p["claim_ids"] if c in view.claims_by_id]
    names, ids = _origins(view, p, claims)
    letters = sorted(str(view.sources[s].get("reliability") or UNRATED) for s in ids if s in view.sources)
    reliability = letters[0] if letters else UNRATED
    credibility = int(p.get("credibility") or 6)
    stances = Counter(str(c.get("stance") or "asserts") for c in claims)
    stance = sorted(stances.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if stances else "asserts"
    w = words()
    return Judgement(
        rank=0, proposition_id=p["id"], label=str(p.get("label") or (claims[0]["text"] if claims else "")),
        reliability=reliability, credibility=credibility, rating=f"{reliability}{credibility}",
        reliability_text=w.reliability.get(reliability, ""), credibility_text=w.credibility.get(credibility, ""),
        independent_origins=int(p.get("independent_origins") or 0), outlets=int(p.get("outlets") or 0),
        origins=tuple(names), first_reported=p.get("first_reported") or (view.said_on(claims[0]) if claims else None),
        stance=stance, hedged=any(c.get("hedged") for c in claims), reason=str(p.get("explanation") or ""),
        evidence=tuple(_evidence(view, c) for c in claims), relations=tuple(refs))


def rank_key(j: Judgement) -> tuple[Any, ...]:
    """Credibility first (1 best), then more independent origins, more outlets, more claims, earlier."""
    return (j.credibility, -j.independent_origins, -j.outlets, -len(j.evidence), claim_day(j.first_reported),
            j.proposition_id)


def _judgements(view: LedgerView) -> tuple[Judgement, ...]:
    refs: dict[str, list[RelationRef]] = {p["id"]: [] for p in view.propositions}
    for r in view.relations:
        a, b = view.props[r["from"]], view.props[r["to"]]
        reason = str(r.get("reason") or "")
        refs[a["id"]].append(RelationRef(kind=r["kind"], other_id=b["id"], other_label=str(b.get("label") or ""),
                                         outgoing=True, reason=reason))
        refs[b["id"]].append(RelationRef(kind=r["kind"], other_id=a["id"], other_label=str(a.get("label") or ""),
                                         outgoing=False, reason=reason))
    ranked = sorted((_judgement(view, p, refs[p["id"]]) for p in view.propositions), key=rank_key)
    return tuple(_with_rank(j, i + 1) for i, j in enumerate(ranked))


def _with_rank(j: Judgement, rank: int) -> Judgement:
    return replace(j, rank=rank)


def _contested(view: LedgerView,
               by_id: dict[str, Judgement]) -> tuple[tuple[ContestedPair, ...], tuple[Judgement, ...]]:
    pairs: list[ContestedPair] = []
    paired: set[str] = set()
    for r in view.relations:
        if r["kind"] not in ("contradicts", "differs"):
            continue
        a, b = by_id[r["from"]], by_id[r["to"]]
        if r["kind"] == "contradicts":
            left, right = (b, a) if a.stance != "asserts" and b.stance == "asserts" else (a, b)
        else:
            left, right = sorted((a, b), key=lambda j: (claim_day(j.first_reported), j.rank))
        pairs.append(ContestedPair(kind=r["kind"], left=left, right=right, reason=str(r.get("reason") or "")))
        paired |= {a.proposition_id, b.proposition_id} if r["kind"] == "contradicts" else set()
    pairs.sort(key=lambda p: (p.kind != "contradicts", min(p.left.rank, p.right.rank), p.left.proposition_id))
    denials = tuple(j for j in sorted(by_id.values(), key=lambda j: (claim_day(j.first_reported), j.rank))
                    if j.stance in ("denies", "declines") and j.proposition_id not in paired)
    return tuple(pairs), denials


def _changes(view: LedgerView, by_id: dict[str, Judgement]) -> tuple[Change, ...]:
    out = []
    for r in view.relations:
        if r["kind"] != "updates":
            continue
        later, earlier = by_id[r["from"]], by_id[r["to"]]  # "from updates to"
        if claim_day(later.first_reported) < claim_day(earlier.first_reported):
            later, earlier = earlier, later
        out.append(Change(earlier=earlier, later=later, earlier_date=earlier.first_reported,
                          later_date=later.first_reported, reason=str(r.get("reason") or "")))
    out.sort(key=lambda c: (claim_day(c.later_date), claim_day(c.earlier_date), c.later.proposition_id))
    return tuple(out)


def _sources(view: LedgerView) -> tuple[SourceRow, ...]:
    said: dict[str, list[Rec]] = {}
    relayed: Counter[str] = Counter()
    for c in view.claims:
        if c.get("source_id"):
            said.setdefault(str(c["source_id"]), []).append(c)
        relayed.update(set(c.get("via") or []))
    w = words()
    rows = []
    for sid in sorted(set(said) | set(relayed)):
        s = view.sources.get(sid) or {"id": sid, "name": sid, "kind": "unknown"}
        cs = said.get(sid, [])
        days = sorted(d for d in (view.said_on(c) for c in cs) if d)
        rel = str(s.get("reliability") or UNRATED)
        rows.append(SourceRow(
            id=sid, name=str(s["name"]), kind=str(s.get("kind") or "unknown"), affiliation=s.get("affiliation"),
            country=s.get("country"), reliability=rel, reliability_text=w.reliability.get(rel, ""), claims=len(cs),
            relayed=relayed[sid], propositions=len({c.get("proposition_id") for c in cs}),
            outlets=tuple(sorted({view.outlet_of(c) for c in cs})),
            first_said=days[0] if days else None, last_said=days[-1] if days else None))
    rows.sort(key=lambda r: (-(r.claims + r.relayed), r.name.casefold(), r.id))
    return tuple(rows)


def _documents(view: LedgerView) -> tuple[DocumentRow, ...]:
    n = Counter(c["document_id"] for c in view.claims)
    return tuple(DocumentRow(id=d["id"], outlet=d.get("outlet"), title=d.get("title"), published=d.get("published"),
                             url=d.get("url"), story_id=str(d.get("story_id") or ""), claims=n[d["id"]])
                 for d in view.documents)


def assemble(ledger: Rec, *, story_id: str | None) -> Briefing:
    view = view_of(ledger, story_id=story_id)
    judgements = _judgements(view)
    by_id = {j.proposition_id: j for j in judgements}
    contested, denials = _contested(view, by_id)
    days = sorted(str(d["published"]) for d in view.documents if d.get("published"))
    sources = _sources(view)
    return Briefing(
        title=view.title, story_id=story_id, generated_at=view.generated_at,
        period_start=days[0] if days else None, period_end=days[-1] if days else None,
        counts=Counts(documents=len(view.documents), claims=len(view.claims), propositions=len(view.propositions),
                      sources=len(sources), relations=len(view.relations)),
        documents=_documents(view), key_judgements=judgements[:KEY_JUDGEMENTS], judgements=judgements,
        numbers=build_numbers(view), contested=contested, denials=denials, changes=_changes(view, by_id),
        timeline=build_timeline(view), graph=build_graph(view), sources=sources)
