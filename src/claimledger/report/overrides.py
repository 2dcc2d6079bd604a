"""Analyst overrides in the ledger: every export, briefing and web page shows what an analyst decided,
with who and when.

:func:`annotate_ledger` takes a ledger dict (``report.ledger.build_ledger``) and the store's overrides
(``store.overrides.list_overrides``) and returns the ledger with:

* ``overrides``: every override (id, kind, target, value, author, note, at), oldest first;
* on each claim, source, proposition and document an override is about, ``analyst``: those
  overrides; on a confirmed claim ``review: {"status": "confirmed", ...}``;
* rejected claims moved out of ``claims`` into ``rejected_claims`` (with ``review.status =
  "rejected"``) and out of their propositions (a proposition left empty is dropped, with its
  relations and timeline entries);
* a claim whose source was fixed carries the new ``source_id`` (the extracted one stays in
  ``extracted_source_id``); the new source is listed in ``sources``;
* a source whose reliability was set carries it (the registry's letter stays in
  ``registry_reliability``).

Fusion applies merges, splits, rejections, source fixes and reliabilities itself
(``fuse.overrides.apply_overrides``), so the propositions' grouping and ratings already reflect them;
this adds the record of who decided what. Applying it twice gives the same ledger.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store.overrides import Override

__all__ = ["annotate_ledger"]

Rec = dict[str, Any]


def _attach(rec: Rec, summary: Rec) -> None:
    items = rec.setdefault("analyst", [])
    if all(i["id"] != summary["id"] for i in items):
        items.append(summary)


def annotate_ledger(ledger: Rec, overrides: Sequence[Override]) -> Rec:
    """A copy of ``ledger`` with ``overrides`` recorded on what they are about (see the module docstring)."""
    out = copy.deepcopy(ledger)
    ordered = sorted(overrides, key=lambda o: (o.created_at, o.id))
    out["overrides"] = [o.summary() for o in sorted(overrides, key=lambda o: o.id)]
    claims: list[Rec] = [*out.get("claims", []), *out.pop("rejected_claims", [])]
    for c in claims:
        c.pop("analyst", None)
        c.pop("review", None)
    by_claim = {c["id"]: c for c in claims}
    sources = {s["id"]: s for s in out.get("sources", [])}
    props = {p["id"]: p for p in out.get("propositions", [])}
    docs = {d["id"]: d for d in out.get("documents", [])}
    for rec in [*sources.values(), *props.values(), *docs.values()]:
        rec.pop("analyst", None)
    holder = {cid: p for p in props.values() for cid in p.get("claim_ids", [])}
    status: dict[str, Rec] = {}
    for o in ordered:
        s = o.summary()
        if o.kind in ("claim.confirm", "claim.reject") and o.target in by_claim:
            status[o.target] = {"status": "confirmed" if o.kind == "claim.confirm" else "rejected",
                                "author": o.author, "at": o.created_at, "note": o.note, "override": o.id}
            _attach(by_claim[o.target], s)
        elif o.kind == "claim.source" and o.target in by_claim:
            c, new = by_claim[o.target], o.value["source"]
            c.setdefault("extracted_source_id", c.get("source_id"))
            c["source_id"] = new["id"]
            c["via"] = [v for v in c.get("via", []) if v != new["id"]]
            if new["id"] not in sources:
                sources[new["id"]] = dict(new)
                out.setdefault("sources", []).append(sources[new["id"]])
            _attach(c, s)
        elif o.kind == "source.reliability" and o.target in sources:
            src = sources[o.target]
            src.setdefault("registry_reliability", src.get("reliability", "F"))
            src["reliability"] = o.value["reliability"]
            _attach(src, s)
        elif o.kind in ("proposition.merge", "proposition.split"):
            anchors = [o.value["claim"]] if o.kind == "proposition.merge" else list(o.value["claim_ids"])
            for p in {id(holder[a]): holder[a] for a in anchors if a in holder}.values():
                _attach(p, s)
        elif o.kind == "note":
            for table in (by_claim, sources, props, docs):
                if o.target in table:
                    _attach(table[o.target], s)
    for cid, review in status.items():
        by_claim[cid]["review"] = review
    rejected = {cid for cid, r in status.items() if r["status"] == "rejected"}
    out["claims"] = [c for c in claims if c["id"] not in rejected]
    out["rejected_claims"] = [c for c in claims if c["id"] in rejected]
    kept = []
    for p in out.get("propositions", []):
        p["claim_ids"] = [c for c in p.get("claim_ids", []) if c not in rejected]
        if p["claim_ids"]:
            kept.append(p)
    out["propositions"] = kept
    alive = {p["id"] for p in kept}
    out["relations"] = [r for r in out.get("relations", []) if r["from"] in alive and r["to"] in alive]
    if "timeline" in out:
        out["timeline"] = [e for e in out["timeline"] if e.get("proposition_id") in alive]
    return out
