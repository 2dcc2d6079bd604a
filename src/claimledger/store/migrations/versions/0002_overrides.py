"""Analyst overrides: confirm or reject a claim, fix its source, merge or split propositions, set a
source's reliability, add a note. Stored apart from what the pipeline writes, so re-ingest and
re-fusion never lose them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_overrides_target", "overrides", ["target"])


def downgrade() -> None:
    op.drop_index("ix_overrides_target", "overrides")
    op.drop_table("overrides")
