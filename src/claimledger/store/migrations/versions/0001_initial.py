"""Initial schema: documents with LSH bands, and room for sources, claims, propositions, relations.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("source_key", sa.Text, nullable=False),
        sa.Column("source_path", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_inferred", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.Text, nullable=False),
        sa.Column("segments", sa.Text, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("duplicate_of", ID),
        sa.Column("story_id", ID),
        sa.Column("extraction", sa.Text),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_story", "documents", ["story_id"])
    op.create_table(
        "document_bands",
        sa.Column("band", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "sources",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("affiliation", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("source_id", ID),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("proposition_id", ID),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_document", "claims", ["document_id"])
    op.create_index("ix_claims_source", "claims", ["source_id"])
    op.create_index("ix_claims_proposition", "claims", ["proposition_id"])
    op.create_table(
        "propositions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("story_id", ID),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("credibility", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "relations",
        sa.Column("from_id", ID, primary_key=True),
        sa.Column("to_id", ID, primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("reason", sa.Text),
    )
    op.create_table(
        "stories",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for t in ("failures", "stories", "relations", "propositions", "claims", "sources", "document_bands",
              "documents"):
        op.drop_table(t)
