"""The packaged word lists (``data/<lang>/…``): one reader, each file read and parsed once per process.

The parsed TOML is shared between callers: treat it as read-only.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

__all__ = ["data_text", "data_toml", "data_words"]


@functools.cache
def data_text(name: str, lang: str = "en") -> str:
    """The text of ``data/<lang>/<name>``."""
    return resources.files("claimledger").joinpath("data", lang, name).read_text(encoding="utf-8")


@functools.cache
def data_words(name: str, lang: str = "en") -> frozenset[str]:
    """The words of a one-word-per-line list ``data/<lang>/<name>`` ("#" lines are comments)."""
    return frozenset(w.strip() for w in data_text(name, lang).splitlines() if w.strip() and not w.startswith("#"))


@functools.cache
def data_toml(name: str, lang: str = "en") -> dict[str, Any]:
    """``data/<lang>/<name>`` parsed as TOML (shared: do not modify)."""
    return tomllib.loads(data_text(name, lang))
