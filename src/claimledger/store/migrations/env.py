"""Alembic environment: run with the connection the store hands over (never a URL of its own)."""

from __future__ import annotations

from alembic import context

from claimledger.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise RuntimeError("run migrations through claimledger.store.Store.open(), which passes a connection")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
