"""The store's tables (SQLAlchemy Core).  Changed only through migrations in ``migrations/versions``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["claims", "document_bands", "documents", "failures", "fusion_units", "metadata", "propositions",
           "relations", "sources", "stories"]

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(40), primary_key=True),
    Column("source_key", Text, nullable=False),
    Column("source_path", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("content_hash", String(64), nullable=False),
    Column("format", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("raw_text", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),       # JSON list of removals
    Column("segments", Text, nullable=False),      # JSON list of [clean_start, raw_start, length]
    Column("minhash", LargeBinary),
    Column("duplicate_of", String(40)),
    Column("story_id", String(40)),
    Column("extraction", Text),                # JSON: document-level extraction (times, quantities, entities, methods)
    Column("ingested_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_documents_content_hash", "content_hash"),
    Index("ix_documents_story", "story_id"),
)

document_bands = Table(
    "document_bands", metadata,
    Column("band", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

sources = Table(
    "sources", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("affiliation", Text),
    Column("country", String(8)),
    Column("aliases", Text, nullable=False, default="[]"),   # JSON list
    Column("reliability", String(1), nullable=False, default="F"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("source_id", String(40)),
    Column("stance", String(16), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("proposition_id", String(40)),
    Column("method", String(64), nullable=False),
    Column("payload", Text, nullable=False),        # JSON: the full claim record
    Index("ix_claims_document", "document_id"),
    Index("ix_claims_source", "source_id"),
    Index("ix_claims_proposition", "proposition_id"),
)

propositions = Table(
    "propositions", metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40)),
    Column("label", Text, nullable=False),
    Column("credibility", Integer, nullable=False, default=6),
    Column("payload", Text, nullable=False),
)

relations = Table(
    "relations", metadata,
    Column("from_id", String(40), primary_key=True),
    Column("to_id", String(40), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("reason", Text),
)

stories = Table(
    "stories", metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("payload", Text, nullable=False, default="{}"),
)

fusion_units = Table(
    "fusion_units", metadata,
    Column("fingerprint", String(64), primary_key=True),   # fuse/fingerprint.py
    Column("stories", Text, nullable=False),                # JSON list of the unit's story ids
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)
