"""``claimledger serve``: the analyst web app over the store."""

from __future__ import annotations

import click

from ..serve.security import check_bind
from .common import Context, common_options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", envvar="CLAIMLEDGER_TOKEN", default=None, metavar="TOKEN",
              help="Secret every client must present (the login form, or Authorization: Bearer); "
                   "default: $CLAIMLEDGER_TOKEN. At least 16 characters.")
@common_options
def command(ctx: Context, host: str, port: int, token: str | None) -> int:
    """Serve the web app: stories, propositions with their evidence, sources, documents, search, ingest, overrides."""
    check_bind(host, token)
    import uvicorn

    from ..serve.app import create_app

    app = create_app(ctx.settings, token=token, bind_host=host)
    if not ctx.quiet:
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"claimledger: serving {ctx.settings.db} on http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
    return 0
