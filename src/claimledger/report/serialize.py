"""Records to the JSON shapes of ``contracts/ledger.schema.json`` (and back where the store needs it)."""

from __future__ import annotations

from typing import Any

from ..models import DURATION_MODS, Claim, Entity, Hedge, Predicate, Quantity, Source, Span, TimeExpr

__all__ = ["LEDGER_TIME_MODS", "claim_record", "entity_record", "quantity_record", "source_record",
           "time_record"]


def _span(start: int, end: int) -> list[int]:
    return [start, end]


def _mention(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "span": _span(s.start, s.end)}


def quantity_record(q: Quantity) -> dict[str, Any]:
    return {"text": q.text, "span": _span(q.start, q.end), "value": q.value, "low": q.low, "high": q.high,
            "qualifier": q.qualifier, "unit": q.unit, "method": q.method}


LEDGER_TIME_MODS = frozenset({"START", "MID", "END", "EARLY", "LATE", "APPROX", "BEFORE", "AFTER",
                              "ON_OR_BEFORE", "ON_OR_AFTER"})
"""The TimeML modifiers the export contract allows in a time's ``mod``.  TimeML's modifiers of a
duration's length (MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS: "more than two weeks")
are not among them: such a time has ``mod`` null and the modifier in ``duration_mod``."""


def time_record(t: TimeExpr) -> dict[str, Any]:
    mod = t.mod if t.mod in LEDGER_TIME_MODS else None
    rec = {"text": t.text, "span": _span(t.start, t.end), "value": t.value, "type": t.type, "mod": mod,
           "anchor": t.anchor, "role": t.role, "method": t.method}
    if t.mod in DURATION_MODS and t.type == "DURATION":
        rec["duration_mod"] = t.mod  # any other modifier outside the contract is dropped
    return rec


def entity_record(e: Entity) -> dict[str, Any]:
    return {"text": e.text, "span": _span(e.start, e.end), "label": e.label, "canonical": e.canonical}


def _hedge(h: Hedge) -> dict[str, Any]:
    return {"text": h.text, "span": _span(h.start, h.end), "cue": h.cue, "band": h.band}


def predicate_record(p: Predicate) -> dict[str, Any]:
    """One of a claim's ``predicates`` (extract/predicates.py): lemmas, negated, agent, themes, modal, span."""
    return {"lemmas": list(p.lemmas), "negated": p.negated, "agent": p.agent, "themes": list(p.themes),
            "obliques": list(p.obliques), "modal": p.modal, "span": _span(p.start, p.end)}


def claim_record(c: Claim, *, proposition_id: str) -> dict[str, Any]:
    return {
        "id": c.id,
        "document_id": c.document_id,
        "span": _span(c.start, c.end),
        "text": c.text,
        "quote": c.quote,
        "source_id": c.source_id,
        "via": list(c.via),
        "stance": c.stance,
        "hedged": c.hedged,
        "hedges": [h.cue for h in c.hedges],
        "hedge_cues": [_hedge(h) for h in c.hedges],
        "quantities": [quantity_record(q) for q in c.quantities],
        "times": [time_record(t) for t in c.times],
        "entities": [entity_record(e) for e in c.entities],
        "proposition_id": proposition_id,
        "source_mention": _mention(c.source_mention),
        "cue": _mention(c.cue),
        "method": c.method,
        "said_on": c.said_on,
        "sentence_span": _span(c.sentence_start, c.sentence_end),
        "predicates": [predicate_record(p) for p in c.predicates],
    }


def source_record(s: Source) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "kind": s.kind, "affiliation": s.affiliation, "country": s.country,
            "aliases": sorted(set(s.aliases)), "reliability": s.reliability}
