"""``claimledger``: the command line. Each subcommand is a thin layer over one library function;
errors become one clear line here, at the edge, never a traceback."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import ClaimLedgerError
from . import batch, claims, documents, export, ingest, rebuild, report, serve, show, summary, views

__all__ = ["cli", "main"]


@click.group(context_settings={"max_content_width": 100})
@click.option("--db", metavar="PATH|URL", default=None,
              help="Store: SQLite file or SQLAlchemy URL (default: $CLAIMLEDGER_DB, else ./claimledger.db).")
@click.option("--config", metavar="FILE", default=None, help="Settings TOML file.")
@click.option("--quiet", "-q", is_flag=True, default=False, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, default=False, help="Machine-readable JSON output.")
@click.version_option(package_name="claimledger")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None, quiet: bool, as_json: bool) -> None:
    """claimledger: turn news reports about a developing story into a ledger of claims."""
    ctx.obj = {"db": db, "config": config, "quiet": quiet, "as_json": as_json}


for _module in (ingest, batch, documents, show, claims, summary, report, export, serve, rebuild):
    cli.add_command(_module.command)
for _command in (views.propositions, views.contested, views.timeline):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: exit 0 when all went well, 1 when some input failed, 2 on usage errors."""
    try:
        rc = cli.main(args=argv, prog_name="claimledger", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("claimledger: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except ClaimLedgerError as e:
        click.echo(f"claimledger: error: {e}", err=True)
        sys.exit(e.exit_code)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
