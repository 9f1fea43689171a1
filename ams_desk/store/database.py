"""Opening a database: engine setup, SQLite pragmas, migrations and backups."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from ams_desk.store import migrate

ENV_VAR = "AMS_DESK_DB"


class StoreError(Exception):
    """A database problem explained in one line for the coordinator."""


def default_data_dir() -> Path:
    """The user's data folder for AMS Desk (created on demand)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("AMS Desk", "AMS"))


def default_url() -> str:
    """``AMS_DESK_DB`` if set, else the SQLite file in the user's data folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    return f"sqlite:///{default_data_dir() / 'ams-desk.sqlite'}"


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin), so that DDL is
    # transactional and a failed migration rolls back completely.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA secure_delete = ON")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with AMS Desk's SQLite settings; raise StoreError if unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"“{url}” is not a database URL (example: sqlite:///ams.sqlite)") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                folder = Path(database).expanduser().resolve().parent
                if not folder.is_dir():
                    raise StoreError(
                        f"cannot open database {database}: folder {folder} does not exist"
                    )
            engine = create_engine(parsed)
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StoreError(f"unsupported database kind in “{parsed.render_as_string()}”") from None
    except ImportError as exc:
        raise StoreError(
            f"the driver for {parsed.get_backend_name()} is not installed ({exc.name}); "
            "install ams-desk[postgres]"
        ) from None
    return engine


@dataclass
class Database:
    """An open, migrated database. Services take it as their first argument."""

    engine: Engine
    url: str
    backup_path: Path | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

    def backup_to(self, target: Path) -> Path:
        """Copy the SQLite database to ``target`` through SQLite's backup API."""
        return backup_sqlite(self.engine, target)

    def close(self) -> None:
        self.engine.dispose()


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Back up a live SQLite database safely (never a file copy)."""
    if engine.dialect.name != "sqlite":
        raise StoreError("backups from the application are for SQLite files; use pg_dump")
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(target) as destination:
            source.backup(destination)
        destination.close()
    finally:
        raw.close()
    return target


def _describe(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split()) or type(orig).__name__


def open_database(url: str | None = None, *, migrate_schema: bool = True) -> Database:
    """Open ``url`` (default: :func:`default_url`), back it up and migrate it to the newest schema.

    Raises:
        StoreError: The URL is bad, the database cannot be read, it is not an
            AMS Desk database, or its schema is newer than this application.
    """
    url = url or default_url()
    parsed_url = make_url(url) if "://" in url else None
    if parsed_url is not None and parsed_url.get_backend_name() == "sqlite":
        database = parsed_url.database or ""
        if (
            database
            and database != ":memory:"
            and url == default_url()
            and ENV_VAR not in os.environ
        ):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    db = Database(engine=engine, url=url)
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
            tables = set(inspect(conn).get_table_names())
        migrate.check_known(current, tables, url)
        if migrate_schema and current != migrate.head_revision():
            if current is not None and db.sqlite_path is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                name = f"{db.sqlite_path.stem}-before-{migrate.head_revision()}-{stamp}.sqlite"
                db.backup_path = db.backup_to(db.sqlite_path.parent / "backups" / name)
            migrate.upgrade(engine)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {safe_url(url)}: {_describe(exc)}") from None
    return db


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
