"""Alembic migrations, run programmatically at start-up.

Opening a database that is already up to date should not cost the half
second that importing Alembic takes: the revisions shipped with the package
are read from the version files' own ``revision``/``down_revision`` lines, the
database's from its ``alembic_version`` table, and Alembic is imported only
when there is something to migrate.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision(?:: str)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:: [^=]+)? = (?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


def alembic_config(version_locations: list[Path] | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if version_locations:
        config.set_main_option("version_locations", " ".join(str(p) for p in version_locations))
        config.set_main_option("path_separator", "space")
    return config


@cache
def revisions() -> dict[str, str | None]:
    """Every shipped revision and the one it follows."""
    found: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            raise RuntimeError(f"{path.name} does not declare revision and down_revision")
        found[revision.group(1)] = down.group(1)
    return found


@cache
def head_revision() -> str:
    """The newest shipped revision (exactly one, or the migrations need merging)."""
    known = revisions()
    heads = set(known) - {down for down in known.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads; merge them")
    return heads.pop()


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database, or None for a database without one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_known(current: str | None, tables: set[str], url: str) -> None:
    """Refuse databases this application cannot safely migrate."""
    from ams_desk.store.database import StoreError, safe_url

    if current is None:
        if tables - {"alembic_version"}:
            raise StoreError(
                f"{safe_url(url)} is not an AMS Desk database (it has tables but no AMS Desk "
                "schema version); nothing was changed"
            )
        return
    if current not in revisions():
        raise StoreError(
            f"the database {safe_url(url)} was written by a newer AMS Desk (schema {current}); "
            "update the application — nothing was changed"
        )


def upgrade(
    engine: Engine, revision: str = "head", version_locations: list[Path] | None = None
) -> None:
    """Migrate to ``revision`` in one transaction (all revisions, or none on failure)."""
    from alembic import command

    config = alembic_config(version_locations)
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
