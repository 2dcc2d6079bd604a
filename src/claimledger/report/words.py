"""The words the briefing writes (``data/en/report.toml``) and the unit classes it shares with
fusion (``data/en/relations.toml``). Read once per process."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ReportWords", "plural", "words"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "en"


@dataclass(frozen=True, slots=True)
class ReportWords:
    reliability: dict[str, str]
    credibility: dict[int, str]
    invariant: frozenset[str]
    irregular: dict[str, str]
    scales: tuple[tuple[float, str], ...]
    """(value, word), largest first."""
    unit_class: dict[str, str]
    """unit lemma -> the first unit of its class (the row it belongs to)."""
    months: tuple[str, ...]
    week: str
    seasons: dict[str, str]
    quarter: str


def _unit_classes() -> dict[str, str]:
    path = DATA_DIR / "relations.toml"
    if not path.exists():  # fusion's list; without it every unit is its own row
        return {}
    raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for cls in raw.get("units", {}).get("classes", []):
        names = [str(x).lower() for x in cls]
        for n in names:
            out.setdefault(n, names[0])
    return out


@functools.cache
def words() -> ReportWords:
    raw: dict[str, Any] = tomllib.loads((DATA_DIR / "report.toml").read_text(encoding="utf-8"))
    adm = raw["admiralty"]
    scales = sorted(((float(v), str(w)) for v, w in raw["numbers"]["scales"]), reverse=True)
    return ReportWords(
        reliability={str(k): str(v) for k, v in adm["reliability"].items()},
        credibility={int(k): str(v) for k, v in adm["credibility"].items()},
        invariant=frozenset(str(x) for x in raw["plurals"]["invariant"]),
        irregular={str(k): str(v) for k, v in raw["plurals"]["irregular"].items()},
        scales=tuple(scales),
        unit_class=_unit_classes(),
        months=tuple(str(m) for m in raw["dates"]["months"]),
        week=str(raw["dates"]["week"]),
        seasons={str(k): str(v) for k, v in raw["dates"]["seasons"].items()},
        quarter=str(raw["dates"]["quarter"]),
    )


def plural(noun: str) -> str:
    """English plural of a counted thing's lemma ("troop" -> "troops", "artillery shell" -> "artillery shells")."""
    w = words()
    if noun in w.irregular:
        return w.irregular[noun]
    head = noun.rsplit(" ", 1)[-1]
    if noun in w.invariant or head in w.invariant:
        return noun
    if head in w.irregular:
        return noun[: len(noun) - len(head)] + w.irregular[head]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
