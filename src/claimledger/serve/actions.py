"""What the app's forms and API do to the store: record an override (from the few fields a form
sends) and fuse again with the overrides applied."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError
from ..extract.ids import source_id
from ..fuse.assemble import proposition_id
from ..settings import Settings
from ..store import Store
from ..store.overrides import SOURCE_KINDS, Override, add_override, delete_override
from .state import AppState, Snapshot

__all__ = ["REFUSING_KINDS", "fuse_with_overrides", "override_from_form", "record_override"]

REFUSING_KINDS = frozenset({"claim.reject", "claim.source", "claim.confirm", "proposition.merge",
                            "proposition.split", "source.reliability"})
"""Overrides after which fusion runs again (a confirmation may undo a rejection; notes change nothing)."""


def fuse_with_overrides(store: Store, settings: Settings) -> None:
    """Fuse the store again; ``pipeline.fuse_store`` applies the analyst's overrides."""
    from ..pipeline import fuse_store

    fuse_store(store, settings)


def withdraw_override(st: AppState, override_id: int) -> bool:
    """Delete an override (False when there is none), re-fusing when it changed fusion's result."""
    kind = next((o.kind for o in st.snapshot().overrides if o.id == override_id), None)
    if kind is None or not delete_override(st.store, override_id):
        return False
    if kind in REFUSING_KINDS:
        fuse_with_overrides(st.store, st.settings)
    st.invalidate()
    return True


def anchor_claim(prop: Mapping[str, Any]) -> str:
    """The claim a proposition's id derives from (fusion's canonical claim), else its first claim."""
    ids = [str(c) for c in prop.get("claim_ids", [])]
    for c in ids:
        if proposition_id(c) == prop["id"]:
            return c
    if not ids:
        raise ConfigError(f"proposition {prop['id']} has no claims")
    return ids[0]


def _source_record(snap: Snapshot, name: str, kind: str) -> dict[str, Any]:
    """An existing source of that name (or alias, or id), else a new one of ``kind``."""
    want = " ".join(name.split())
    folded = want.casefold()
    for s in snap.sources.values():
        if folded in (s["id"].casefold(), str(s["name"]).casefold(),
                      *(str(a).casefold() for a in s.get("aliases") or [])):
            return {k: s.get(k) for k in ("id", "name", "kind", "affiliation", "country", "aliases", "reliability")}
    if not want:
        raise ConfigError("give the name of the source")
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"unknown source kind {kind!r}")
    return {"id": source_id(kind, want), "name": want, "kind": kind, "affiliation": None, "country": None,
            "aliases": [], "reliability": "F"}


def override_from_form(snap: Snapshot, kind: str, target: str, form: Mapping[str, Any]) -> dict[str, Any]:
    """The ``value`` of an override from form fields (source_name/source_kind, with, claim_ids,
    reliability), checked against the snapshot: the target must exist."""
    if kind.startswith("claim.") and target not in snap.claims:
        raise ConfigError(f"no claim {target}")
    if kind.startswith("proposition.") and target not in snap.props:
        raise ConfigError(f"no proposition {target}")
    if kind == "source.reliability" and target not in snap.sources:
        raise ConfigError(f"no source {target}")
    if kind == "note" and not any(target in t for t in (snap.claims, snap.props, snap.sources, snap.docs)):
        raise ConfigError(f"nothing with the id {target} to note")
    if kind == "claim.source":
        return {"source": _source_record(snap, str(form.get("source_name") or ""),
                                         str(form.get("source_kind") or "person"))}
    if kind == "source.reliability":
        return {"reliability": str(form.get("reliability") or "")}
    if kind == "proposition.merge":
        other = str(form.get("with") or "")
        if other not in snap.props or other == target:
            raise ConfigError("choose another proposition to merge with")
        return {"claim": anchor_claim(snap.props[target]), "with": other,
                "with_claim": anchor_claim(snap.props[other])}
    if kind == "proposition.split":
        raw = form.get("claim_ids") or []
        ids = [raw] if isinstance(raw, str) else [str(c) for c in raw]
        members = set(snap.props[target]["claim_ids"])
        chosen = sorted(set(ids) & members)
        if not chosen or len(chosen) == len(members):
            raise ConfigError("choose some, not all, of the proposition's claims to split off")
        return {"claim_ids": chosen}
    return {}


def record_override(store: Store, settings: Settings, *, kind: str, target: str, value: Mapping[str, Any],
                    author: str, note: str) -> Override:
    """Store the override and, when it changes what fusion does, fuse again."""
    o = add_override(store, kind=kind, target=target, value=value, author=author, note=note)
    if kind in REFUSING_KINDS:
        fuse_with_overrides(store, settings)
    return o
