"""Analyst overrides applied to fusion (the overrides themselves: ``store/overrides.py``).

Two places, so that ratings stay what fusion's own rules make of the analyst's decisions:

* **inputs** — a rejected claim is left out; a claim whose source was fixed gets the new source (a
  source fusion has not seen is added, and written back as one of the fusion's ``extra_sources``);
  a source's reliability is set before fusion reads it. Fusion then groups, relates and assesses
  as usual.
* **output** — merges and splits of propositions, in the order they were made. Claims are found
  by id (a merge names one claim of each proposition), so an override still applies when re-fusion
  gave a proposition another id. The changed propositions get their ids by fusion's rule
  (``assemble.proposition_id`` of the earliest claim), their outlets and independent origins from
  fusion's ``assign_origins`` (copies as fusion found them), and then every proposition is assessed
  again with fusion's ``add_assessment`` and the timeline rebuilt with its ``build_timeline``, so a
  merged proposition's new origins count, and so do its contradictions. Relations follow the
  propositions: a merged one gets both sides'; on a split the relations stay with the part that
  keeps the original proposition's earliest claim (the part split off has none until fusion is
  run without the split; its explanation says so).

Entry point: :func:`apply_overrides` — ``fuse.run`` with the overrides applied around it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..settings import Settings
from .assemble import LABEL_CHARS, add_assessment, proposition_id
from .blocking import candidate_pairs
from .config import FusionSettings
from .corroboration import corroborating_pairs
from .features import ClaimTable, build_table
from .origins import Origins, assign_origins
from .pairs import score_pairs
from .records import FuseClaim, FuseDocument, FuseSource, Fusion, Proposition, Relation
from .timeline import build_timeline

if TYPE_CHECKING:
    from ..store.overrides import Override

__all__ = ["Effective", "SourceInputs", "apply_overrides", "apply_to_claims", "apply_to_sources", "effective",
           "restructure"]

_COPIES = re.compile(r"^copies (c_\w+)")
_ASSESSED = re.compile(r"\s*\d+ independent origins?: .*$", re.S)
"""Where ``assess.admiralty.assess`` starts its part of an explanation ("2 independent origins: ...")."""

FuseRun = Callable[..., Fusion]


@dataclass(frozen=True, slots=True, kw_only=True)
class Effective:
    """The overrides that hold, after later decisions replace earlier ones."""

    rejected: frozenset[str]
    """Claim ids left out of fusion."""
    confirmed: frozenset[str]
    source_of: Mapping[str, Mapping[str, Any]]
    """Claim id -> the source record it really comes from."""
    reliability: Mapping[str, str]
    """Source id -> A-F."""
    structure: tuple[Override, ...]
    """Merges and splits, oldest first."""


def effective(overrides: Sequence[Override]) -> Effective:
    status: dict[str, str] = {}
    source_of: dict[str, Mapping[str, Any]] = {}
    reliability: dict[str, str] = {}
    structure = []
    for o in sorted(overrides, key=lambda o: (o.created_at, o.id)):
        if o.kind in ("claim.confirm", "claim.reject"):
            status[o.target] = o.kind
        elif o.kind == "claim.source":
            source_of[o.target] = o.value["source"]
        elif o.kind == "source.reliability":
            reliability[o.target] = str(o.value["reliability"])
        elif o.kind in ("proposition.merge", "proposition.split"):
            structure.append(o)
    return Effective(rejected=frozenset(c for c, k in status.items() if k == "claim.reject"),
                     confirmed=frozenset(c for c, k in status.items() if k == "claim.confirm"),
                     source_of=source_of, reliability=reliability, structure=tuple(structure))


def _fuse_source(s: Mapping[str, Any]) -> FuseSource:
    return FuseSource(id=str(s["id"]), name=str(s["name"]), kind=str(s.get("kind") or "unknown"),
                      affiliation=s.get("affiliation"), country=s.get("country"),
                      aliases=tuple(s.get("aliases") or ()), reliability=str(s.get("reliability") or "F"))


@dataclass(frozen=True, slots=True)
class SourceInputs:
    """The stored sources as fusion sees them under the overrides (:func:`apply_to_sources`)."""

    sources: tuple[FuseSource, ...]
    """The stored sources with the analyst's reliabilities, and fixed claims' new sources (one tuple
    for every unit of a fusion run: the origin resolver is found by its identity)."""
    added: tuple[FuseSource, ...]
    """Sources of fixed claims that were not stored yet."""


def apply_to_sources(sources: Sequence[FuseSource], eff: Effective) -> SourceInputs:
    """The stored sources with the analyst's reliabilities and fixed claims' new sources: the same
    for every fusion unit, so a caller fusing unit by unit computes it once."""
    known = {s.id: s for s in sources}
    added: dict[str, FuseSource] = {}
    for rec in eff.source_of.values():
        if rec["id"] not in known and rec["id"] not in added:
            added[rec["id"]] = _fuse_source(rec)
    out_sources = []
    for s in [*sources, *added.values()]:
        rel = eff.reliability.get(s.id)
        out_sources.append(dataclasses.replace(s, reliability=rel) if rel and rel != s.reliability else s)
    return SourceInputs(tuple(out_sources), tuple(added.values()))


def apply_to_claims(claims: Sequence[FuseClaim], eff: Effective) -> list[FuseClaim]:
    """The claims without the rejected ones, and with the analyst's fixed sources."""
    out_claims = []
    for c in claims:
        if c.id in eff.rejected:
            continue
        fix = eff.source_of.get(c.id)
        if fix is not None and fix["id"] != c.source_id:
            via = tuple(v for v in c.via if v != fix["id"])
            record = {**c.record, "source_id": fix["id"], "via": list(via)}
            c = dataclasses.replace(c, source_id=str(fix["id"]), via=via, record=record)
        out_claims.append(c)
    return out_claims


def _label(text: str) -> str:
    t = " ".join(text.split()).strip(" \"'\u201c\u201d")
    return t if len(t) <= LABEL_CHARS else t[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _base(explanation: str) -> str:
    """The grouping part of an explanation, without its assessment (added again by add_assessment)."""
    return _ASSESSED.sub("", explanation.split(" Credibility")[0]).strip()


class _Groups:
    """Propositions as sets of claim ids, changed by merges and splits."""

    def __init__(self, fusion: Fusion) -> None:
        self.members: dict[str, set[str]] = {p.id: set(p.claim_ids) for p in fusion.propositions}
        self.group_of = {c: p.id for p in fusion.propositions for c in p.claim_ids}
        self.redirect: dict[str, str] = {}
        self.notes: dict[str, list[str]] = {}
        self.reasons: dict[str, str] = {}
        self.confirmed: list[tuple[str, str]] = []
        """The claims each analyst's merge names (one of each side): the analyst's judgement that they
        state the same thing, evidence that their origins confirm each other (``corroboration.py``)."""
        self.touched = False
        """A merge named two claims fusion had already grouped: their proposition is assessed again."""

    def merge(self, o: Override) -> None:
        a, b = self.group_of.get(str(o.value["claim"])), self.group_of.get(str(o.value["with_claim"]))
        if a is None or b is None:
            return
        x, y = sorted((str(o.value["claim"]), str(o.value["with_claim"])))
        self.confirmed.append((x, y))
        if a == b:
            self.touched = True
            return
        moved = self.members.pop(b)
        self.members[a] |= moved
        for c in moved:
            self.group_of[c] = a
            self.reasons[c] = f"merged by {o.author} on {o.created_at[:10]} (override {o.id})"
        self.redirect[b] = a
        self.notes.setdefault(a, []).append(f"Merged with another proposition by {o.author} on {o.created_at[:10]}.")

    def split(self, o: Override) -> None:
        by_group: dict[str, set[str]] = {}
        for c in o.value["claim_ids"]:
            if c in self.group_of:
                by_group.setdefault(self.group_of[c], set()).add(c)
        for g, moved in sorted(by_group.items()):
            if moved == self.members[g]:
                continue
            key = f"split:{o.id}:{g}"
            self.members[g] -= moved
            self.members[key] = moved
            for c in moved:
                self.group_of[c] = key
                self.reasons[c] = f"split off by {o.author} on {o.created_at[:10]} (override {o.id})"
            self.notes.setdefault(key, []).append(
                f"Split off by {o.author} on {o.created_at[:10]}; relations are not carried over to it.")
            self.notes.setdefault(g, []).append(f"Claims split off by {o.author} on {o.created_at[:10]}.")


def restructure(fusion: Fusion, documents: Sequence[FuseDocument], sources: Sequence[FuseSource],
                claims: Sequence[FuseClaim], structure: Sequence[Override], *,
                settings: FusionSettings | None = None) -> Fusion:
    """``fusion`` with the merges and splits of ``structure`` applied, every proposition assessed again."""
    if not structure or not fusion.propositions:
        return fusion
    groups = _Groups(fusion)
    for o in structure:
        groups.merge(o) if o.kind == "proposition.merge" else groups.split(o)
    if not groups.reasons and not groups.touched:
        return fusion
    fs = settings or FusionSettings()
    docs = {d.id: d for d in documents}
    by_id = {c.id: c for c in claims}
    ordered = [by_id[k] for k in sorted(by_id)]
    table = build_table(documents, ordered, settings=fs)
    row_of = {cid: i for i, cid in enumerate(table.ids)}
    copies = {}
    for p in fusion.propositions:
        for cid, why in p.merge_reasons.items():
            m = _COPIES.match(why)
            if m and cid in row_of and m[1] in row_of:
                copies[row_of[cid]] = row_of[m[1]]
    origins = assign_origins(table, documents, sources, copies)
    old = {p.id: p for p in fusion.propositions}
    confirming = _corroboration(table, documents, sources, groups, origins, row_of, fs)

    def when(cid: str) -> tuple[str, str]:
        d = docs.get(by_id[cid].document_id)
        return ((d.published if d and d.published else "9999-99-99"), cid)

    final_id: dict[str, str] = {}
    props: list[Proposition] = []
    for key, members in sorted(groups.members.items()):
        canonical = min(members, key=when)
        pid = proposition_id(canonical)
        final_id[key] = pid
        base = old.get(key)
        if base is not None and set(base.claim_ids) == members:
            props.append(dataclasses.replace(base, explanation=_base(base.explanation),
                                             corroboration=confirming.get(key, ())))
            continue
        doc_ids = sorted({by_id[c].document_id for c in members})
        outlets = sorted({(docs[d].outlet if d in docs else None) or d for d in doc_ids})
        orgs = sorted({int(origins.of_claim[row_of[c]]) for c in members})
        dates = [p for p in (docs[d].published for d in doc_ids if d in docs) if p]
        n, k = len(members), len(outlets)
        note = " ".join(groups.notes.get(key, []))
        reasons = {c: groups.reasons.get(c) or (base.merge_reasons.get(c, "") if base else "") for c in members}
        props.append(Proposition(
            id=pid, label=base.label if base is not None else _label(by_id[canonical].text),
            claim_ids=tuple(sorted(members)), story_id=fusion.stories.get(by_id[canonical].document_id),
            outlets=k, independent_origins=len(orgs),
            origin_source_ids=tuple(sorted({origins.source_ids[o] for o in orgs})), credibility=6,
            first_reported=min(dates) if dates else None,
            explanation=(f"{n} claim{'s' if n != 1 else ''} in {k} outlet{'s' if k != 1 else ''}; origins: "
                         f"{', '.join(origins.names[o] for o in orgs)}. {note}").strip(),
            merge_reasons=reasons, corroboration=confirming.get(key, ())))
    relations = _relations(fusion.relations, groups, final_id)
    props = sorted(add_assessment(props, relations, table, origins, row_of), key=lambda p: p.id)
    who = {c.id: origins.names[int(origins.of_claim[row_of[c.id]])] for c in ordered}
    timeline = build_timeline(props, by_id, {d.id: d.published for d in documents}, who)
    return dataclasses.replace(fusion, propositions=tuple(props), relations=tuple(relations),
                               timeline=tuple(timeline))


def _corroboration(table: ClaimTable, documents: Sequence[FuseDocument], sources: Sequence[FuseSource],
                   groups: _Groups, origins: Origins, row_of: Mapping[str, int],
                   fs: FusionSettings) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per group (after the merges and splits), the pairs by which its origins confirm each other:
    fusion's rule over the new groups (a split keeps any strong pair left inside a part, not only the
    one fusion kept for two origins), plus the claims each analyst's merge named, when they have two
    origins."""
    ps = score_pairs(table, candidate_pairs(table, settings=fs),
                     assign_origins(table, documents, sources, {}).of_claim, settings=fs)
    keys = sorted(groups.members)
    label = -1 - np.arange(len(table.ids), dtype=np.int64)  # a claim in no group: a label of its own
    for k, key in enumerate(keys):
        for c in groups.members[key]:
            if c in row_of:
                label[row_of[c]] = k
    found = corroborating_pairs(table, ps, label, origins.of_claim, fs.corroboration_min)
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for k, key in enumerate(keys):
        members = groups.members[key]
        named = [(x, y) for x, y in groups.confirmed if x in members and y in members and x in row_of
                 and y in row_of and origins.of_claim[row_of[x]] != origins.of_claim[row_of[y]]]
        pairs = tuple(sorted(set(found.get(k, ())) | set(named)))
        if pairs:
            out[key] = pairs
    return out


def _relations(relations: Sequence[Relation], groups: _Groups, final_id: Mapping[str, str]) -> list[Relation]:
    def where(pid: str) -> str | None:
        seen = set()
        while pid in groups.redirect and pid not in seen:
            seen.add(pid)
            pid = groups.redirect[pid]
        return final_id.get(pid)

    out: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        a, b = where(r.from_id), where(r.to_id)
        if a is None or b is None or a == b:
            continue
        out.setdefault((a, b, r.kind), dataclasses.replace(r, from_id=a, to_id=b))
    return [out[k] for k in sorted(out)]


def apply_overrides(documents: Sequence[FuseDocument], sources: Sequence[FuseSource], claims: Sequence[FuseClaim],
                    overrides: Sequence[Override], *, settings: Settings, fusion: FusionSettings | None = None,
                    run: FuseRun | None = None, source_inputs: SourceInputs | None = None) -> Fusion:
    """``fuse.run`` over the stored records with the analyst's overrides applied (see the module
    docstring). With no overrides it is exactly ``fuse.run``. ``run`` replaces ``fuse.run`` (tests).
    ``source_inputs``: :func:`apply_to_sources` of ``sources`` under ``overrides``, when the caller
    fuses unit by unit and computed it once."""
    if run is None:
        from . import run as fuse_run

        run = fuse_run
    eff = effective(overrides)
    prepared = source_inputs if source_inputs is not None else apply_to_sources(sources, eff)
    srcs, added, cls = prepared.sources, prepared.added, apply_to_claims(claims, eff)
    result = run(documents, srcs, cls, settings=settings, fusion=fusion)
    result = restructure(result, documents, srcs, cls, eff.structure, settings=fusion)
    if added:
        have = {s.id for s in result.extra_sources}
        result = dataclasses.replace(result, extra_sources=(*result.extra_sources,
                                                            *(s for s in added if s.id not in have)))
    return result
