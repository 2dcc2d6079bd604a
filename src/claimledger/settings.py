"""One settings object.

Every field has a default and help text.  Values come, later winning, from: the defaults here,
a TOML file (``--config PATH``, else ``./claimledger.toml`` when present, table ``[claimledger]``
or top level), environment variables ``CLAIMLEDGER_<FIELD>`` (upper case), then command-line flags.
``docs/settings.md`` is checked against this module by ``tests/test_docs.py``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]

DEFAULT_CONFIG_FILE = "claimledger.toml"


def _f(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything a run can be told.  Immutable: derive a changed copy with :meth:`replace`."""

    db: str = _f("claimledger.db", "Store location: a SQLite file path or an SQLAlchemy URL.")
    max_input_bytes: int = _f(
        20_000_000,
        "Largest input (file, record or HTTP body) read, in bytes. Larger inputs are rejected with "
        "a clear error. 20 MB is ~40x the largest page of trafilatura's English evaluation set.",
    )
    fetch_timeout: float = _f(15.0, "Seconds before a URL or feed fetch gives up (connect, read, each).")
    max_redirects: int = _f(5, "Redirects followed per URL; each hop is checked against allow_private_addresses.")
    allow_private_addresses: bool = _f(
        False,
        "Allow URLs that resolve to private, loopback, link-local or reserved addresses. Off: "
        "claimledger never fetches from the local network unless told to.",
    )
    allowed_networks: str = _f(
        "",
        "Comma-separated CIDR networks fetched even though they are not public (e.g. '127.0.0.0/8' "
        "for a local test server); everything else private stays refused.",
    )
    user_agent: str = _f("claimledger/0.1 (+offline news claim ledger)", "User-Agent sent with fetches.")
    feed_max_entries: int = _f(1000, "Entries taken from one RSS/Atom feed; the rest are reported as skipped.")
    neardup_threshold: float = _f(
        0.8,
        "Estimated Jaccard similarity of word 5-gram shingles above which two documents are "
        "near-duplicates (syndicated copies). 0.8 links AP-style rewrites that only change the "
        "first and last paragraphs; different articles on one story stay below 0.3 on the seeds.",
    )
    min_document_chars: int = _f(
        40, "Documents whose cleaned text is shorter than this are rejected as empty pages."
    )
    extraction: bool = _f(
        True, "Extract claims while ingesting. Off: store cleaned documents only; `rebuild` extracts later."
    )
    source_registry: str | None = _f(
        None, "A TOML file of extra or overriding sources (names, aliases, kind, country, reliability)."
    )

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @staticmethod
    def help_texts() -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(Settings)}


def _coerce(name: str, raw: Any, typ: str) -> Any:
    try:
        if typ == "bool":
            if isinstance(raw, bool):
                return raw
            s = str(raw).strip().lower()
            if s in {"1", "true", "yes", "on"}:
                return True
            if s in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(f"not a boolean: {raw!r}")
        if typ == "int":
            return int(raw)
        if typ == "float":
            return float(raw)
        return None if raw is None else str(raw)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: {e}") from e


def _base_type(f: dataclasses.Field[Any]) -> str:
    t = str(f.type).replace(" ", "")
    for name in ("bool", "int", "float"):
        if t == name:
            return name
    return "str"


def load_settings(
    config: str | os.PathLike[str] | None = None,
    *,
    env: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Defaults, then the TOML file, then ``CLAIMLEDGER_*`` variables, then ``overrides`` (CLI flags).

    ``overrides`` values that are None are ignored (a flag not given).
    """
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    by_name = {f.name: f for f in fields(Settings)}
    path = Path(config) if config else Path(DEFAULT_CONFIG_FILE)
    if config or path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise ConfigError(f"settings file {path} does not exist") from e
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"settings file {path}: {e}") from e
        table = data.get("claimledger", data)
        for k, v in table.items():
            if k not in by_name:
                raise ConfigError(f"settings file {path}: unknown setting {k!r}")
            values[k] = _coerce(k, v, _base_type(by_name[k]))
    for name, f in by_name.items():
        key = f"CLAIMLEDGER_{name.upper()}"
        if key in env:
            values[name] = _coerce(key, env[key], _base_type(f))
    for k, v in (overrides or {}).items():
        if v is None:
            continue
        if k not in by_name:
            raise ConfigError(f"unknown setting {k!r}")
        values[k] = _coerce(k, v, _base_type(by_name[k]))
    return Settings(**values)
