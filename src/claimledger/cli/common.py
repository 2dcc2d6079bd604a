"""What every subcommand shares: --db/--config/--quiet/--json, opening the store, printing."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from ..settings import Settings, load_settings
from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["Context", "common_options", "console", "emit_json", "load_briefing", "open_store", "write_output"]


@dataclass(frozen=True, slots=True)
class Context:
    """Resolved options of one invocation."""

    settings: Settings
    quiet: bool
    json: bool


def _merge(parent: dict[str, Any], **own: Any) -> dict[str, Any]:
    return {k: own.get(k) if own.get(k) not in (None, False) else parent.get(k) for k in set(parent) | set(own)}


def common_options(f: F) -> F:
    """Add --db, --config, --quiet and --json to a subcommand (they may also precede it)."""

    @click.option("--db", "db", metavar="PATH|URL", default=None,
                  help="Store: SQLite file or SQLAlchemy URL (default: $CLAIMLEDGER_DB, else ./claimledger.db).")
    @click.option("--config", "config", metavar="FILE", default=None,
                  help="Settings TOML file (default: ./claimledger.toml when present).")
    @click.option("--quiet", "-q", is_flag=True, default=False, help="Print nothing but errors.")
    @click.option("--json", "as_json", is_flag=True, default=False, help="Machine-readable JSON output.")
    @click.pass_context  # type: ignore[arg-type]
    @functools.wraps(f)
    def wrapper(ctx: click.Context, db: str | None, config: str | None, quiet: bool, as_json: bool,
                **kwargs: Any) -> Any:
        parent = ctx.obj or {}
        opts = _merge(parent, db=db, config=config, quiet=quiet, as_json=as_json)
        overrides = {"db": opts.get("db")}
        for k in list(kwargs):
            if k.startswith("setting_"):
                overrides[k.removeprefix("setting_")] = kwargs.pop(k)
        settings = load_settings(opts.get("config"), overrides=overrides)
        return f(Context(settings=settings, quiet=bool(opts.get("quiet")), json=bool(opts.get("as_json"))),
                 **kwargs)

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(ctx: Context) -> Iterator[Store]:
    store = Store.open(ctx.settings.db)
    try:
        yield store
    finally:
        store.close()


def console() -> Any:
    """A rich console for tables: markup off (article text is untrusted, never rich markup);
    160 columns when output is not a terminal, so piped tables stay readable."""
    from rich.console import Console

    return Console(markup=False, highlight=False, width=None if sys.stdout.isatty() else 160)


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output``, or to standard output when None."""
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def load_briefing(ctx: Context, story: str | None) -> Any:
    """The briefing of ``story`` (id or prefix; default: the largest story), naming the other stories."""
    from ..report.ledger import build_ledger
    from ..report.model import build_briefing
    from ..report.queries import choose_story

    with open_store(ctx) as store:
        story, others = choose_story(store, story)
        ledger = build_ledger(store, story=story)
    if others and not ctx.quiet and not ctx.json:
        rest = ", ".join(f"{sid} ({n} doc{'s' if n != 1 else ''})" for sid, n in others[:5])
        click.echo(f"story {story}; other stories (use --story): {rest}", err=True)
    return build_briefing(ledger, story_id=story)


def emit_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
