"""Migrations: from empty, refused databases, backups, and failures that change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from ams_desk.store import migrate
from ams_desk.store.database import StoreError, make_engine, open_database
from ams_desk.store.schema import Base

FAILING_REVISION = '''
"""a revision that fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("person", sa.Column("nickname", sa.String(50), nullable=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    raise RuntimeError("injected failure in the middle of a migration")


def downgrade():
    pass
'''


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def _version(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchall()


def test_migration_from_empty_reaches_head_and_matches_the_models(db_path: Path) -> None:
    db = open_database(f"sqlite:///{db_path}")
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []
    assert db.backup_path is None  # nothing to back up in a new file


def test_pragmas_are_set(db_path: Path) -> None:
    db = open_database(f"sqlite:///{db_path}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.close()


def test_failed_migration_leaves_schema_and_version_unchanged(
    db_path: Path, tmp_path: Path
) -> None:
    open_database(f"sqlite:///{db_path}").close()
    before_schema, before_version = _schema(db_path), _version(db_path)
    extra = tmp_path / "versions"
    extra.mkdir()
    (extra / "9999_fails.py").write_text(FAILING_REVISION.format(down=migrate.head_revision()))

    engine = make_engine(f"sqlite:///{db_path}")
    with pytest.raises(RuntimeError, match="injected failure"):
        migrate.upgrade(engine, version_locations=[migrate.MIGRATIONS / "versions", extra])
    engine.dispose()

    assert _schema(db_path) == before_schema
    assert _version(db_path) == before_version
    assert "half_done" not in {name for name, _ in before_schema}


def test_failed_first_migration_leaves_an_empty_file_empty(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    extra = tmp_path / "versions"
    extra.mkdir()
    (extra / "9999_fails.py").write_text(FAILING_REVISION.format(down=migrate.head_revision()))
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(RuntimeError, match="injected failure in the middle of a migration"):
        migrate.upgrade(engine, version_locations=[migrate.MIGRATIONS / "versions", extra])
    engine.dispose()
    assert _schema(path) == []


def test_existing_file_is_backed_up_through_the_backup_api_before_migrating(
    db_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    migrate.upgrade(engine, revision="0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (name, email, email_key, position, department, languages,"
                " notes) VALUES ('Zoë', 'z@x.org', 'z@x.org', '', '', '[]', '')"
            )
        )
    engine.dispose()

    db = open_database(f"sqlite:///{db_path}")
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    db.close()

    assert db.backup_path is not None
    assert db.backup_path.parent == db_path.parent / "backups"
    with sqlite3.connect(db.backup_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert conn.execute("SELECT name FROM person").fetchall() == [("Zoë",)]
        columns = {row[1] for row in conn.execute("PRAGMA table_info(signup)")}
    assert "source_file" not in columns
    with sqlite3.connect(db_path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(signup)")}
        assert conn.execute("SELECT name FROM person").fetchall() == [("Zoë",)]
    assert {"source_file", "source_row"} <= columns


def test_database_at_head_is_not_backed_up_again(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").close()
    db = open_database(f"sqlite:///{db_path}")
    db.close()
    assert db.backup_path is None
    assert not (db_path.parent / "backups").exists()


def test_newer_schema_is_refused_without_changes(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    before = _schema(db_path)
    with pytest.raises(StoreError, match="newer AMS Desk.*nothing was changed"):
        open_database(f"sqlite:///{db_path}")
    assert _schema(db_path) == before


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not an AMS Desk database"):
        open_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("invoices",)]


def test_unreadable_file_gives_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.sqlite is damaged.*not a SQLite database"):
        open_database(f"sqlite:///{path}")
    assert path.read_text().startswith("this is not a database")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "not a database URL"),
        ("oracle2://x/y", "unsupported database kind"),
        ("sqlite:////no/such/folder/ams.sqlite", "does not exist"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_database(url)


def test_migrations_leave_no_tables_unknown_to_the_models(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").close()
    engine = create_engine(f"sqlite:///{db_path}")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert tables == set(Base.metadata.tables)


def test_light_revision_reading_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.head_revision()]
    assert {r.revision: r.down_revision for r in script.walk_revisions()} == migrate.revisions()


def test_opening_an_up_to_date_database_does_not_import_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    open_database(f"sqlite:///{db_path}").close()
    code = (
        "import sys\nfrom ams_desk.store.database import open_database\n"
        f"open_database({f'sqlite:///{db_path}'!r}).close()\n"
        "print(any(m.split('.')[0] == 'alembic' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
