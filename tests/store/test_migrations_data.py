"""Databases of every released revision, with data, upgraded to the newest schema.

The SQLite files in ``migration_dbs/`` were written at their revision by
``make_migration_dbs.py`` and are committed, so that they keep standing for
the databases users have even when the code that made them changes. Each is
copied and opened through :func:`open_database`, as the app opens a user's
file; then every row it held must still be there, unchanged, and the app must
read it. On PostgreSQL (and once more on SQLite) each shipped revision is
built by migrating a new database to it with Alembic and writing the same data.
A revision added later is picked up by both: the upgrade always goes to head.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from migration_data import ROWS, fill, table_rows
from sqlalchemy import create_engine

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.store import migrate
from ams_desk.store.database import Database, StoreError, make_engine, open_database
from ams_desk.store.pair_rows import list_pair_rows
from ams_desk.store.people import add_signup, list_people, list_signups
from ams_desk.store.settings import load_program_settings

FOLDER = Path(__file__).with_name("migration_dbs")
COMMITTED = sorted(FOLDER.glob("*.sqlite"))

FAILING_REVISION = '''
"""a revision that fails after changing the schema and the data"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE person SET name = 'overwritten'")
    op.execute("DELETE FROM pair_event")
    raise RuntimeError("injected failure in the middle of a migration")


def downgrade():
    pass
'''


def _revision_of(path: Path) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _subset(after: dict[str, list[dict[str, Any]]],
            before: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """``after`` cut to the tables and columns that ``before`` had."""
    return {
        name: [{key: row[key] for key in rows[0]} for row in after.get(name, [])] if rows
        else after.get(name, [])
        for name, rows in before.items()
    }


def _reads_back(db: Database) -> None:
    """The app's own reads see the data; a write after the upgrade works."""
    assert [p.name for p in list_people(db)] == [row["name"] for row in ROWS["person"]]
    assert sorted(s.signup_id for s in list_signups(db)) == [row["id"] for row in ROWS["signup"]]
    pairs = {(p.mentor_name, p.mentee_name, p.pair.status) for p in list_pair_rows(db)}
    assert pairs == {("Zoë van den Berg", "José Muñoz", "introduced"),
                     ("Nguyễn Thị Hương", "José Muñoz", "closed")}
    with db.session() as session:
        assert load_program_settings(session).year_start_month == 9
    added = add_signup(db, PersonInput("Ana Lima", "ana@example.org", "Postdoc"),
                       SignupInput(Role.MENTEE, date(2025, 9, 30), 2025))
    assert added.person_id == len(ROWS["person"]) + 1  # ids go on after the stored ones


def test_there_is_a_committed_database_for_every_shipped_revision() -> None:
    missing = sorted(set(migrate.revisions()) - {path.stem for path in COMMITTED})
    assert missing == [], (
        f"no committed database for revision(s) {', '.join(missing)}: run "
        "`.venv/bin/python tests/store/make_migration_dbs.py` and commit tests/store/migration_dbs/"
    )


def test_the_committed_databases_are_at_their_revision_and_hold_the_data() -> None:
    assert [path.stem for path in COMMITTED][:3] == ["0001", "0002", "0003"]
    for path in COMMITTED:
        assert _revision_of(path) == path.stem
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        with engine.connect() as conn:
            stored = table_rows(conn)
        engine.dispose()
        # Tables of later revisions (the outbox, ...) may be empty or hold their defaults.
        assert {name: len(stored[name]) for name in ROWS} == {
            name: len(rows) for name, rows in ROWS.items()
        }


@pytest.mark.parametrize("path", COMMITTED, ids=[path.stem for path in COMMITTED])
def test_a_committed_database_opens_at_head_with_its_data(path: Path, tmp_path: Path) -> None:
    work = tmp_path / "ams.sqlite"
    shutil.copyfile(path, work)
    engine = make_engine(f"sqlite:///{work}")
    with engine.connect() as conn:
        before = table_rows(conn)
    engine.dispose()

    db = open_database(f"sqlite:///{work}")
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            after = table_rows(conn)
        assert _subset(after, before) == before
        if path.stem != migrate.head_revision():
            assert db.backup_path is not None  # a copy from before the upgrade
            assert _revision_of(db.backup_path) == path.stem
        _reads_back(db)
    finally:
        db.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ams.sqlite'}"
    url: str = request.getfixturevalue("pg_url")
    return url


def _at_revision_with_data(url: str, revision: str) -> dict[str, list[dict[str, Any]]]:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, revision=revision)
        with engine.begin() as conn:
            fill(conn)
        with engine.connect() as conn:
            return table_rows(conn)
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", list(migrate.revisions()))
def test_every_revision_with_data_upgrades_to_head(empty_url: str, revision: str) -> None:
    before = _at_revision_with_data(empty_url, revision)
    db = open_database(empty_url)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            after = table_rows(conn)
        assert _subset(after, before) == before
        _reads_back(db)
    finally:
        db.close()


def test_a_failed_migration_through_open_database_changes_nothing(
    empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision that fails half-way: the schema, version and data stay as they were."""
    oldest = next(iter(migrate.revisions()))
    before = _at_revision_with_data(empty_url, oldest)
    engine = make_engine(empty_url)
    with engine.connect() as conn:
        tables_before = set(table_rows(conn))
    engine.dispose()

    extra = tmp_path / "versions"
    extra.mkdir()
    (extra / "9999_fails.py").write_text(FAILING_REVISION.format(down=migrate.head_revision()))
    shipped = migrate.alembic_config
    monkeypatch.setattr(migrate, "alembic_config", lambda version_locations=None: shipped(
        [migrate.MIGRATIONS / "versions", extra]))

    with pytest.raises(StoreError, match=(
        r"could not update .* to schema .*injected failure in the middle of a migration; "
        r"nothing was changed"
    )):
        open_database(empty_url)

    engine = make_engine(empty_url)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == oldest
        after = table_rows(conn)
    engine.dispose()
    assert set(after) == tables_before  # no half_done, no table of a later revision
    assert after == before
