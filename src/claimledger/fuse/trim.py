"""Giving freed heap pages back to the OS between the large steps of fusion.

The Python objects and numpy arrays a step drops are freed to glibc, which keeps the pages (RSS)
unless asked to trim them; the next step's peak would then stack on top of memory no longer used.
No effect on any result."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable

__all__ = ["give_back_freed_memory"]


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, None elsewhere (musl, macOS: nothing to call)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def give_back_freed_memory() -> None:
    """Return the freed heap pages to the OS (glibc; nothing elsewhere)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
