"""Shared fixtures: Qt offscreen, a fresh database per test, PostgreSQL when available."""

from __future__ import annotations

import os

# Before any QApplication exists: without a display Qt would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402

from ams_desk.store.database import Database, open_database  # noqa: E402

if TYPE_CHECKING:
    from sqlalchemy import Engine


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep settings and default databases of tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("AMS_DESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ams.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    database = open_database(f"sqlite:///{db_path}")
    yield database
    database.close()


PG_ENV = "AMS_DESK_TEST_PG"


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV, "").strip()
    if not url and os.environ.get("CI"):
        pytest.fail(f"{PG_ENV} must point at a PostgreSQL server in CI (see .ci/run)")
    return url or None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (one per test, dropped afterwards)."""
    admin_url = _pg_admin_url()
    if admin_url is None:
        pytest.skip(f"set {PG_ENV}=postgresql+psycopg://user:pw@host/db to run PostgreSQL tests")
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"ams_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """A fresh, migrated PostgreSQL database (one per test, dropped afterwards)."""
    database = open_database(pg_url)
    try:
        yield database
    finally:
        database.close()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop a test database, waiting out an autovacuum worker still in it.

    WITH (FORCE) ends other sessions, but ending autovacuum's needs
    pg_signal_backend, which a CI role may lack; the worker is done in a moment.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(40):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 39:
                raise
            time.sleep(0.25)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("db")
    return request.getfixturevalue("pg_db")


@pytest.fixture
def two(any_db: Database) -> Iterator[tuple[Database, Database]]:
    """Two engines on one database, as two coordinators' windows have (SQLite and PostgreSQL)."""
    from ams_desk.store.coordinator import set_coordinator_name

    second = open_database(any_db.url)
    try:
        yield any_db, second
    finally:
        second.close()
        set_coordinator_name(None)
