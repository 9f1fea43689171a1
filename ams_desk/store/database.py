"""Opening a database: checks, engine setup, SQLite pragmas, migrations and backups.

A SQLite file is checked read-only before the engine touches it (the engine
switches it to WAL, which writes the header): a damaged file or another
application's database is refused with its bytes unchanged. The full page
check (``PRAGMA quick_check``) takes about half a second at 100,000 people, so
the app may run it in the background (``deep_check=False``): writes then wait
until it has passed, and are refused if it fails.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from ams_desk.store import migrate
from ams_desk.store.database_errors import (
    DamagedDatabase,
    DatabaseInUse,
    ForeignDatabase,
    StoreError,
)

__all__ = [
    "DamagedDatabase",
    "Database",
    "DatabaseInUse",
    "ForeignDatabase",
    "StoreError",
    "open_database",
]

ENV_VAR = "AMS_DESK_DB"
_READS = ("SELECT", "PRAGMA", "WITH", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


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


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (None for PostgreSQL or an in-memory database)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"“{url}” is not a database URL (example: sqlite:///ams.sqlite)") from None
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser()


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


WRITE_OPTION = "ams_desk_write"
"""Execution option of a writing unit of work (:meth:`Database.session` ``write=True``)."""


def _sqlite_on_begin(connection: Connection) -> None:
    # A writing unit of work takes SQLite's write lock at once, so that what it reads
    # (a version, the free places) cannot change before it writes: two writers
    # are serialised instead of the second failing with "database is locked".
    immediate = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
    checked: threading.Event = field(default_factory=threading.Event)
    """Set once the full check of the file passed (at once for PostgreSQL and new files)."""
    check_failure: DamagedDatabase | None = None
    own_backends: set[int] = field(default_factory=set)
    """PostgreSQL: the server processes of this database's own connections, whose change
    notifications are this window's own (see :mod:`ams_desk.store.change_watch`)."""
    status_repair: threading.Thread | None = None
    """The thread that repairs sign-up statuses once the file's background check passed
    (see :func:`open_database`); None when that ran before the database was returned."""

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        Args:
            write: The unit of work checks something and then writes (a
                version, a mentor's free places): on SQLite it takes the write
                lock as it begins (``BEGIN IMMEDIATE``), so concurrent writers
                run one after the other; on PostgreSQL the service locks the
                rows it checks (``SELECT … FOR UPDATE``).

        Raises:
            EditConflict: Another connection changed a row this one updated.
        """
        from sqlalchemy.orm.exc import StaleDataError

        from ams_desk.store.versions import EditConflict

        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                if write:
                    session.connection(execution_options={WRITE_OPTION: True})
                yield session
        except StaleDataError:
            raise EditConflict("this record", "", None) from None

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
        self.wait_checked()
        return backup_sqlite(self.engine, target)

    def backup(self, reason: str) -> Path | None:
        """An automatic backup into ``backups/`` beside the file (None for PostgreSQL)."""
        from ams_desk.store.backups import write_backup

        path = self.sqlite_path
        if path is None:
            return None
        self.wait_checked()
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            return write_backup(source, path, reason).path
        finally:
            raw.close()

    def wait_checked(self, timeout: float = 60.0) -> None:
        """Block until the file's full check passed; raise if it failed."""
        self.checked.wait(timeout)
        if self.check_failure is not None:
            raise self.check_failure
        if not self.checked.is_set():
            raise StoreError("the check of the database file is taking too long; try again")

    def start_background_check(self) -> threading.Thread:
        """Run the full page check on a thread; writes wait for it (see module doc)."""
        from ams_desk.store.backups import newest_good_backup
        from ams_desk.store.health import check_sqlite_file

        path = self.sqlite_path
        assert path is not None

        def check() -> None:
            try:
                check_sqlite_file(path, deep=True)
            except DamagedDatabase as exc:
                self.check_failure = exc.with_backup(newest_good_backup(path))
            except StoreError as exc:
                self.check_failure = DamagedDatabase(path, str(exc))
            finally:
                self.checked.set()

        thread = threading.Thread(target=check, name="ams-desk-quick-check", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self.engine.dispose()


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Back up a live SQLite database safely (never a file copy)."""
    if engine.dialect.name != "sqlite":
        raise StoreError("backups from the application are for SQLite files; use pg_dump")
    from ams_desk.store.backups import copy_database, partial_path

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target.parent, target.name)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy_database(source, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {target}: {_describe(exc)}") from None
    finally:
        raw.close()
    return target


def _describe(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split()) or type(orig).__name__


def _hold_writes_until_checked(db: Database) -> None:
    def before_execute(
        _conn: Connection, _cursor: Any, statement: str, *_args: Any
    ) -> None:
        unchecked = not db.checked.is_set() or db.check_failure is not None
        if unchecked and not statement.lstrip().upper().startswith(_READS):
            db.wait_checked()

    event.listen(db.engine, "before_cursor_execute", before_execute)


def _check_file(path: Path) -> bool:
    """Check the file read-only (header and schema); return whether it exists."""
    from ams_desk.store.backups import list_backups, newest_good_backup
    from ams_desk.store.health import check_sqlite_file

    try:
        # A 0-byte file is a new database, unless it has backups: then it was cut to nothing.
        state = check_sqlite_file(path, deep=False, allow_empty=not list_backups(path))
    except DamagedDatabase as exc:
        raise exc.with_backup(newest_good_backup(path)) from None
    return state.exists


def open_database(
    url: str | None = None, *, migrate_schema: bool = True, deep_check: bool = True
) -> Database:
    """Open ``url`` (default: :func:`default_url`), back it up and migrate it to the newest schema.

    Args:
        url: A database URL.
        migrate_schema: Upgrade an older schema (after backing the file up).
        deep_check: Check every page of a SQLite file before returning; when
            False the check runs on a thread and writes wait for it.

    Raises:
        DamagedDatabase: The SQLite file is damaged (it was not changed).
        ForeignDatabase: The file belongs to another application.
        StoreError: The URL is bad, the database cannot be read, its schema is
            newer than this application, or the upgrade to the newest schema
            failed (then nothing was changed).
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
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", partial(_remember_backend, db.own_backends))
    path = db.sqlite_path
    if path is None:
        db.checked.set()
    else:
        try:
            existed = _check_file(path)
            if not existed:
                from ams_desk.store.health import create_private_file

                create_private_file(path)
        except StoreError:
            engine.dispose()
            raise
        except OSError as exc:
            engine.dispose()
            raise StoreError(f"cannot create database {path}: {exc.strerror or exc}") from None
        if existed and not deep_check:
            _hold_writes_until_checked(db)
        if not existed:
            db.checked.set()
        elif deep_check:
            db.start_background_check().join()
            if db.check_failure is not None:
                engine.dispose()
                raise db.check_failure
        else:
            db.start_background_check()
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
            tables = set(inspect(conn).get_table_names())
        migrate.check_known(current, tables, url)
        if migrate_schema and current != migrate.head_revision():
            if current is not None and db.sqlite_path is not None:
                db.backup_path = db.backup("migration")
            try:
                migrate.upgrade(engine)
            except Exception as exc:
                # The upgrade is one transaction, so a failure leaves no part of it behind.
                kept = f" (a copy from before is at {db.backup_path})" if db.backup_path else ""
                raise StoreError(
                    f"could not update {safe_url(url)} to schema {migrate.head_revision()}: "
                    f"{_describe(exc)}; nothing was changed{kept}"
                ) from exc
        if migrate_schema:
            _repair_statuses(db)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {safe_url(url)}: {_describe(exc)}") from None
    return db


def _repair_statuses(db: Database) -> None:
    """Derive again the statuses a file written when drafts counted as matches holds.

    Only once the file is known sound: at once when it was checked (or is
    PostgreSQL, or new); else on a thread once the background check passed,
    so that the window shows without waiting and a damaged file is never read
    for it. A failure there is left for the next opening to repair.
    """
    from ams_desk.store.signup_status import rederive_matched_by_drafts

    if db.checked.is_set():
        if db.check_failure is None:
            rederive_matched_by_drafts(db)
        return

    def repair() -> None:
        db.checked.wait()
        if db.check_failure is None:
            with suppress(StoreError, DBAPIError, sqlite3.Error):
                rederive_matched_by_drafts(db)

    db.status_repair = threading.Thread(target=repair, name="ams-desk-status-repair",
                                        daemon=True)
    db.status_repair.start()


def _remember_backend(backends: set[int], dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT pg_backend_pid()")
        backends.add(int(cursor.fetchone()[0]))
    finally:
        cursor.close()
    dbapi_connection.rollback()  # the pool hands connections out outside a transaction


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
