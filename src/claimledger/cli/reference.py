"""Generate docs/cli.md and docs/settings.md from the commands' --help and the Settings fields.

``python -m claimledger.cli.reference docs/`` rewrites them; ``tests/test_docs.py`` fails when the
committed files differ from what this produces, so the reference can never go stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..settings import Settings


def cli_reference() -> str:
    from .main import cli

    parts = ["# Command-line reference", "",
             "Generated from `--help` by `python -m claimledger.cli.reference docs/`; checked by the tests.", ""]
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    with click.Context(cli, info_name="claimledger", **settings) as ctx:
        parts += ["## claimledger", "", "```", cli.get_help(ctx), "```", ""]
        for name in sorted(cli.list_commands(ctx)):
            cmd = cli.get_command(ctx, name)
            assert cmd is not None
            with click.Context(cmd, info_name=name, parent=ctx, terminal_width=100,
                               max_content_width=100) as sub:
                parts += [f"## claimledger {name}", "", "```", cmd.get_help(sub), "```", ""]
    return "\n".join(parts)


def settings_reference() -> str:
    defaults = Settings()
    rows = ["# Settings", "",
            "Generated from `claimledger.settings.Settings` by `python -m claimledger.cli.reference docs/`; "
            "checked by the tests.", "",
            "Values come, later winning, from: these defaults; a TOML file (`--config FILE`, else "
            "`./claimledger.toml`), under a `[claimledger]` table or at top level; environment variables "
            "`CLAIMLEDGER_<NAME>` (upper case); command-line flags.", "",
            "| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for name, help_text in Settings.help_texts().items():
        rows.append(f"| `{name}` | `CLAIMLEDGER_{name.upper()}` | `{getattr(defaults, name)!r}` | {help_text} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> None:
    out = Path((argv or sys.argv[1:] or ["docs"])[0])
    (out / "cli.md").write_text(cli_reference(), encoding="utf-8")
    (out / "settings.md").write_text(settings_reference(), encoding="utf-8")


if __name__ == "__main__":
    main()
