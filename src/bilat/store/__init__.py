"""SQL storage on SQLite or PostgreSQL: one schema, one transaction per document."""

from bilat.store.db import Store, open_store

__all__ = ["Store", "open_store"]
