"""Storage: the SQLAlchemy schema, the database setup and the services the GUI and CLI call."""

from ams_desk.store.database import Database, StoreError, open_database

__all__ = ["Database", "StoreError", "open_database"]
