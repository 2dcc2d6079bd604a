"""Stable ids: the same input gives the same ids, on any machine, in any order."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["claim_id", "digest", "source_id"]


def digest(*parts: str, length: int = 16) -> str:
    """Hex sha256 of the parts joined by NUL, cut to ``length`` characters."""
    h = hashlib.sha256("\x00".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def claim_id(document_id: str, start: int, end: int, source_key: str = "") -> str:
    """A claim's id, from its document's id (itself derived from the document's location and the
    hash of its text) and its span: unchanged while the document's text is unchanged, and distinct
    for two copies of one text under different URLs (two documents, two sets of claims)."""
    return "c_" + digest(document_id, str(start), str(end), source_key)


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def source_id(kind: str, canonical_name: str) -> str:
    """A source's id from its kind and canonical name (case, accents and punctuation folded)."""
    return "s_" + digest(kind, _fold(canonical_name), length=12)
