"""Analyst overrides: what an analyst decided, with who and when, kept apart from what the pipeline
writes (migration ``0002_overrides``), so that re-ingest and re-fusion never lose them.

Kinds (``target`` is the id of the thing overridden; ``value`` a small JSON object):

==========================  ===========  ==================================================================
kind                        target       value
==========================  ===========  ==================================================================
``claim.confirm``           claim id     ``{}`` — the extraction was checked against the article
``claim.reject``            claim id     ``{}`` — not a claim, or wrongly extracted: left out of fusion
``claim.source``            claim id     ``{"source": {id, name, kind, affiliation, country, aliases,
                                         reliability}}`` — who really says it
``proposition.merge``       prop. id     ``{"claim": C, "with": P2, "with_claim": C2}`` — the propositions
                                         holding claims C and C2 are one
``proposition.split``       prop. id     ``{"claim_ids": [...]}`` — these claims state something else
``source.reliability``      source id    ``{"reliability": "A".."F"}``
``note``                    any id       ``{}`` — the text is the override's ``note``
==========================  ===========  ==================================================================

Every override may carry a ``note`` (why). For one claim, the latest of ``claim.confirm`` and
``claim.reject`` holds; for one claim or source, the latest ``claim.source`` or
``source.reliability`` holds; merges and splits apply in the order they were made.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, delete, func, insert, select

from ..errors import ConfigError
from .db import Store

__all__ = ["KINDS", "RELIABILITY_LETTERS", "Override", "add_override", "delete_override", "list_overrides",
           "overrides_table", "validate"]

KINDS = ("claim.confirm", "claim.reject", "claim.source", "proposition.merge", "proposition.split",
         "source.reliability", "note")
RELIABILITY_LETTERS = "ABCDEF"
SOURCE_KINDS = ("person", "organization", "outlet", "anonymous", "social_media", "document", "unknown")
MAX_NOTE_CHARS = 4000
"""Longest note or name kept: a few paragraphs. Longer text is refused, not cut."""
MAX_AUTHOR_CHARS = 80
_ID = re.compile(r"^(c|p|s|d|st)_[0-9A-Za-z_]{1,60}$")

overrides_table = Table(
    "overrides", MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("target", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_overrides_target", "target"),
)
"""Created by migration 0002 (its own ``MetaData``: the table is not part of the pipeline's schema)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Override:
    """One analyst decision."""

    id: int
    kind: str
    """One of :data:`KINDS`."""
    target: str
    """The id of the claim, proposition, source or document it is about."""
    value: Mapping[str, Any] = field(default_factory=dict)
    author: str
    """Who made it (as the analyst named themselves)."""
    note: str = ""
    created_at: str
    """UTC, ISO 8601, seconds."""

    def summary(self) -> dict[str, Any]:
        """The override as a JSON-ready dict (what exports carry)."""
        return {"id": self.id, "kind": self.kind, "target": self.target, "value": dict(self.value),
                "author": self.author, "note": self.note, "at": self.created_at}


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


def _text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"override: {what} must be text")
    s = " ".join(value.split()) if what != "note" else value.strip()
    if len(s) > limit:
        raise ConfigError(f"override: {what} is longer than {limit} characters")
    return s


def _source(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError("override claim.source: value.source must be an object")
    name = _text(value.get("name"), "source name", 200)
    kind = value.get("kind", "unknown")
    if not name or kind not in SOURCE_KINDS or not _is_id(value.get("id")):
        raise ConfigError("override claim.source: the source needs an id, a name and a known kind")
    rel = value.get("reliability") or "F"
    if rel not in RELIABILITY_LETTERS:
        raise ConfigError("override claim.source: reliability must be one of A-F")
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError("override claim.source: aliases must be a list of names")
    opt = {k: value.get(k) if isinstance(value.get(k), str) else None for k in ("affiliation", "country")}
    return {"id": value["id"], "name": name, "kind": kind, **opt, "aliases": aliases[:20], "reliability": rel}


def validate(kind: str, target: str, value: Mapping[str, Any]) -> dict[str, Any]:
    """The value, checked and normalised for ``kind``; :class:`ConfigError` says what is wrong."""
    if kind not in KINDS:
        raise ConfigError(f"override: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if not _is_id(target):
        raise ConfigError(f"override: {target!r} is not a claim, proposition, source, document or story id")
    prefix = target.split("_", 1)[0]
    want = {"claim": "c", "proposition": "p", "source": "s"}.get(kind.split(".")[0])
    if want is not None and prefix != want:
        raise ConfigError(f"override {kind}: the target must be a {kind.split('.')[0]} id, not {target!r}")
    if kind in ("claim.confirm", "claim.reject", "note"):
        return {}
    if kind == "claim.source":
        return {"source": _source(value.get("source"))}
    if kind == "source.reliability":
        rel = value.get("reliability")
        if not isinstance(rel, str) or rel not in RELIABILITY_LETTERS or len(rel) != 1:
            raise ConfigError("override source.reliability: reliability must be one letter A-F")
        return {"reliability": rel}
    if kind == "proposition.merge":
        a, b, other = value.get("claim"), value.get("with_claim"), value.get("with")
        if not (_is_id(a) and _is_id(b) and _is_id(other)) or a == b or other == target:
            raise ConfigError("override proposition.merge: needs another proposition and a claim of each")
        return {"claim": a, "with": other, "with_claim": b}
    ids = value.get("claim_ids")
    if not isinstance(ids, list) or not ids or not all(_is_id(c) for c in ids):
        raise ConfigError("override proposition.split: claim_ids must list the claims to split off")
    return {"claim_ids": sorted(set(ids))}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def add_override(store: Store, *, kind: str, target: str, value: Mapping[str, Any] | None = None,
                 author: str, note: str = "", created_at: str | None = None) -> Override:
    """Record one override (checked by :func:`validate`) and return it with its id."""
    clean = validate(kind, target, value or {})
    who = _text(author, "author", MAX_AUTHOR_CHARS)
    if not who:
        raise ConfigError("override: the author is missing (who decided this?)")
    text = _text(note, "note", MAX_NOTE_CHARS)
    if kind == "note" and not text:
        raise ConfigError("override note: the note is empty")
    at = created_at or _now()
    with store.engine.begin() as c:
        res = c.execute(insert(overrides_table).values(kind=kind, target=target, value=json.dumps(clean),
                                                       author=who, note=text, created_at=at))
        pk = res.inserted_primary_key
        oid = int(pk[0]) if pk else int(c.execute(select(func.max(overrides_table.c.id))).scalar_one())
    return Override(id=oid, kind=kind, target=target, value=clean, author=who, note=text, created_at=at)


def list_overrides(store: Store, *, target: str | None = None) -> list[Override]:
    """Every override (or those about ``target``), oldest first."""
    q = select(overrides_table).order_by(overrides_table.c.id)
    if target is not None:
        q = q.where(overrides_table.c.target == target)
    with store.engine.connect() as c:
        rows = c.execute(q).all()
    return [Override(id=r.id, kind=r.kind, target=r.target, value=json.loads(r.value), author=r.author,
                     note=r.note, created_at=r.created_at) for r in rows]


def delete_override(store: Store, override_id: int) -> bool:
    """Withdraw an override (True when there was one with that id)."""
    with store.engine.begin() as c:
        return bool(c.execute(delete(overrides_table).where(overrides_table.c.id == override_id)).rowcount)
