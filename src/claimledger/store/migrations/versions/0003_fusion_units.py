"""Fingerprints of the fusion units the stored propositions came from, so that fusion re-runs only
the units (stories) whose inputs changed (``fuse/fingerprint.py``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fusion_units",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("stories", sa.Text, nullable=False),   # JSON list of the unit's story ids
    )


def downgrade() -> None:
    op.drop_table("fusion_units")
