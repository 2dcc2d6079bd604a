"""Boilerplate lines: patterns from ``data/en/boilerplate.toml``, never hard-coded here."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..datafiles import data_toml

__all__ = ["BoilerplateRules", "load_rules"]

BLOCK_ITEM_MAX_CHARS = 200
"""A line after a "Related:" heading is part of the list when it is a bullet item or a headline
(no final full stop) of at most this many characters; the seeds' and trafilatura's related lists
have headlines of 40-130 characters."""

_BULLET = re.compile(r"^\s*[-•*·▪–—>]\s+")


@dataclass(frozen=True, slots=True)
class _LineRule:
    name: str
    pattern: re.Pattern[str]
    max_chars: int


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled rules of one language."""

    lines: tuple[_LineRule, ...]
    blocks: tuple[_LineRule, ...]

    def line_rule(self, line: str) -> str | None:
        """The name of the first line rule ``line`` matches, else None."""
        s = line.strip()
        for r in self.lines:
            if len(s) <= r.max_chars and r.pattern.search(s):
                return r.name
        return None

    def block_rule(self, line: str) -> str | None:
        s = line.strip()
        for r in self.blocks:
            if len(s) <= r.max_chars and r.pattern.search(s):
                return r.name
        return None

    @staticmethod
    def is_block_item(line: str) -> bool:
        """A list item or headline continuing a related-links block."""
        s = line.strip()
        if not s or len(s) > BLOCK_ITEM_MAX_CHARS:
            return False
        return bool(_BULLET.match(s)) or not s.endswith((".", "!", "?", "”", '"', ":"))


def _compile(rule: dict[str, object]) -> _LineRule:
    flags = 0 if rule.get("case_sensitive") else re.IGNORECASE
    return _LineRule(
        name=str(rule["name"]),
        pattern=re.compile(str(rule["pattern"]), flags),
        max_chars=int(rule.get("max_chars", 200)),  # type: ignore[call-overload]
    )


@functools.lru_cache(maxsize=4)
def load_rules(lang: str = "en") -> BoilerplateRules:
    """Rules of ``lang`` from the package data (``data/<lang>/boilerplate.toml``)."""
    data = data_toml("boilerplate.toml", lang)
    return BoilerplateRules(
        lines=tuple(_compile(r) for r in data.get("line", [])),
        blocks=tuple(_compile(r) for r in data.get("block", [])),
    )
