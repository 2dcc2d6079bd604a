"""The store: SQLite by default, any SQLAlchemy URL otherwise; schema changes only by migration."""

from .db import SaveResult, Store, StoredDocument, database_url

__all__ = ["SaveResult", "Store", "StoredDocument", "database_url"]
