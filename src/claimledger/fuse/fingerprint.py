"""Fingerprints of fusion units, so that an ingest re-fuses only the stories it touched.

Fusion runs one unit (a story, or stories an analyst's merge joined) at a time, and a unit's result
is a function of exactly these inputs (``fuse_unit`` and ``overrides.apply_overrides``):

* the unit's documents (every field fusion reads) and their story ids;
* its claims as fusion sees them, after the analyst's rejections and source fixes;
* what the origin resolver reads from the whole source table for those claims
  (:func:`.origins.origin_inputs`: records, origin keys, the bodies and governments keys stand
  for, the outlets' records — reliabilities included, so a rating change re-fuses the units that
  cite the source);
* the merges and splits that name one of its claims, in the order they were made;
* the method: the settings and the bytes of fusion's and assessment's code, the word lists and
  the embedding model (:func:`method_digest`), so a changed rule or model never reuses a stale
  result.

The same inputs give the same fingerprint; a unit whose fingerprint is stored from the last fusion
keeps its stored propositions, relations and timeline, which are what fusing it again would give.
``tests/test_fuse_incremental.py`` checks that ingesting in several steps gives the same ledger as a
full rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from importlib import resources
from typing import TYPE_CHECKING, Any

from .config import FusionSettings
from .origins import origin_inputs
from .records import FuseClaim, FuseDocument, FuseSource

if TYPE_CHECKING:
    from ..store.overrides import Override

__all__ = ["METHOD_FOLDERS", "method_digest", "structure_overrides", "unit_fingerprint"]

METHOD_FOLDERS = ("fuse", "assess", "data/en", "data/models")
"""Package folders whose files decide fusion's result (read recursively, sorted by path)."""


@functools.cache
def method_digest() -> str:
    """SHA-256 over the relative path and bytes of every file in :data:`METHOD_FOLDERS` (~16 MB
    with the shipped model: some tens of milliseconds, once per process)."""
    h = hashlib.sha256()
    root = resources.files("claimledger")

    def walk(node: Any, rel: str) -> Iterable[tuple[str, Any]]:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            path = f"{rel}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    yield from walk(child, path)
            elif not child.name.endswith((".pyc", ".pyo")):
                yield path, child

    for folder in METHOD_FOLDERS:
        node = root.joinpath(*folder.split("/"))
        if not node.is_dir():
            continue
        for path, f in walk(node, folder):
            h.update(path.encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def structure_overrides(overrides: Sequence[Override], claim_ids: frozenset[str]) -> list[list[Any]]:
    """The merges and splits naming one of ``claim_ids``, oldest first, as fusion applies them."""
    out = []
    for o in sorted(overrides, key=lambda o: (o.created_at, o.id)):
        if o.kind == "proposition.merge":
            named = {str(o.value.get("claim")), str(o.value.get("with_claim"))}
        elif o.kind == "proposition.split":
            named = {str(c) for c in o.value.get("claim_ids", ())}
        else:
            continue
        if named & claim_ids:
            out.append([o.id, o.kind, o.target, dict(o.value), o.author, o.created_at])
    return out


def unit_fingerprint(*, documents: Sequence[FuseDocument], claims: Sequence[FuseClaim],
                     sources: Sequence[FuseSource], stories: Mapping[str, str],
                     structure: Sequence[Sequence[Any]], fusion: FusionSettings) -> str:
    """The fingerprint of one unit's fusion inputs (see the module docstring).

    ``claims`` and ``sources`` are fusion's inputs after the overrides were applied to them
    (``overrides.apply_to_inputs``); ``structure`` is :func:`structure_overrides`' list."""
    h = hashlib.sha256()

    def add(obj: object) -> None:
        h.update(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\n")

    add(["claimledger-fusion-unit/1", method_digest(), asdict(fusion)])
    docs = sorted(documents, key=lambda d: d.id)
    for d in docs:
        add([d.id, stories.get(d.id), d.outlet, d.published, d.title, d.duplicate_of, list(d.entities),
             hashlib.sha256(d.text.encode()).hexdigest()])
    named: list[str] = []
    for c in sorted(claims, key=lambda c: c.id):
        add([c.id, c.document_id, c.source_id, list(c.via), c.stance, c.record])
        if c.source_id:
            named.append(c.source_id)
        named.extend(c.via)
    outlets = [d.outlet or f"unknown outlet ({d.id})" for d in docs]
    add(origin_inputs(sources, named, outlets))
    add(list(structure))
    return h.hexdigest()
