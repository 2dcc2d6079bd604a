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
* the method: the settings, the bytes of fusion's and assessment's code, the word lists and the
  embedding model, the library versions and the embedder actually in use (:func:`method_digest`),
  so a changed rule, model or library never reuses a stale result.

A document whose claims rows are written again (re-extracted, or stored again for its metadata
alone) also drops the fingerprint of its last story's unit (``store/claims.py``), since the rows
that linked its claims to the unit's propositions are replaced.

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
from importlib import metadata, resources
from typing import TYPE_CHECKING, Any

from .config import FusionSettings
from .embed import DEFAULT_EMBEDDER
from .origins import origin_inputs
from .overrides import Effective, apply_to_claims
from .records import FuseClaim, FuseDocument, FuseSource

if TYPE_CHECKING:
    from ..store.overrides import Override

__all__ = ["METHOD_FOLDERS", "METHOD_LIBRARIES", "fingerprint_unit", "method_digest", "structure_overrides",
           "unit_fingerprint"]

METHOD_FOLDERS = ("fuse", "assess", "data/en", "data/models", "extract/ids.py", "store/fusion_io.py",
                  "datafiles.py")
"""Package folders and files whose bytes decide fusion's result (folders read recursively, sorted by
path): fusion and assessment, every word list (extraction's too: safe, if sometimes more than
needed), the shipped model, the id hashes and the store's reading of fusion's inputs."""

METHOD_LIBRARIES = ("numpy", "scipy", "model2vec", "tokenizers", "safetensors")
"""Libraries whose version may change a computed similarity."""


@functools.cache
def method_digest(embedder: str = DEFAULT_EMBEDDER) -> str:
    """SHA-256 over claimledger's version, the libraries' versions, the relative path and bytes of
    every file in :data:`METHOD_FOLDERS` (~16 MB with the shipped model: some tens of
    milliseconds, once per process), and the vector the named ``embedder`` — or the model-free one
    it falls back to when model2vec is missing — gives a fixed sentence, so a fallback is a
    different method."""
    from .. import __version__
    from .vectors import embed_texts

    h = hashlib.sha256()
    h.update(f"claimledger {__version__}\n".encode())
    for lib in METHOD_LIBRARIES:
        try:
            h.update(f"{lib} {metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} -\n".encode())
    h.update(embed_texts(["North Korean troops reached the front lines, officials said."],
                         settings=FusionSettings(embedder=embedder)).astype("<f4").tobytes())
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
        files = walk(node, folder) if node.is_dir() else [(folder, node)] if node.is_file() else []
        for path, f in files:
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


def fingerprint_unit(documents: Sequence[FuseDocument], claims: Sequence[FuseClaim], *,
                     overrides: Sequence[Override], effective: Effective, sources: Sequence[FuseSource],
                     stories: Mapping[str, str], fusion: FusionSettings) -> str:
    """:func:`unit_fingerprint` of one unit's stored documents and claims under the overrides:
    ``effective`` is ``overrides.effective(overrides)``, ``sources`` the stored sources under them
    (``overrides.apply_to_sources``)."""
    return unit_fingerprint(documents=documents, claims=apply_to_claims(claims, effective), sources=sources,
                            stories=stories, structure=structure_overrides(overrides, frozenset(c.id for c in claims)),
                            fusion=fusion)


def unit_fingerprint(*, documents: Sequence[FuseDocument], claims: Sequence[FuseClaim],
                     sources: Sequence[FuseSource], stories: Mapping[str, str],
                     structure: Sequence[Sequence[Any]], fusion: FusionSettings) -> str:
    """The fingerprint of one unit's fusion inputs (see the module docstring).

    ``claims`` and ``sources`` are fusion's inputs after the overrides were applied to them
    (``overrides.apply_to_claims``, ``apply_to_sources``); ``structure`` is :func:`structure_overrides`' list."""
    h = hashlib.sha256()

    def add(obj: object) -> None:
        h.update(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\n")

    add(["claimledger-fusion-unit/1", method_digest(fusion.embedder), asdict(fusion)])
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
