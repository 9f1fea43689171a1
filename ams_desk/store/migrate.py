"""Alembic migrations, run programmatically at start-up."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(version_locations: list[Path] | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if version_locations:
        config.set_main_option("version_locations", " ".join(str(p) for p in version_locations))
        config.set_main_option("path_separator", "space")
    return config


@cache
def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads; merge them")
    return heads[0]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def check_known(current: str | None, tables: set[str], url: str) -> None:
    """Refuse databases this application cannot safely migrate."""
    from ams_desk.store.database import StoreError, _safe

    if current is None:
        if tables - {"alembic_version"}:
            raise StoreError(
                f"{_safe(url)} is not an AMS Desk database (it has tables but no AMS Desk schema "
                "version); nothing was changed"
            )
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(current)
    except CommandError:
        raise StoreError(
            f"the database {_safe(url)} was written by a newer AMS Desk (schema {current}); "
            "update the application — nothing was changed"
        ) from None


def upgrade(
    engine: Engine, revision: str = "head", version_locations: list[Path] | None = None
) -> None:
    """Migrate to ``revision`` in one transaction (all revisions, or none on failure)."""
    config = alembic_config(version_locations)
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
