"""Build the committed SQLite databases of every shipped revision, with data.

Run from the repository root when a revision is added (and commit the new file)::

    .venv/bin/python tests/store/make_migration_dbs.py

Each ``migration_dbs/<revision>.sqlite`` is made by migrating a new file to
that revision with Alembic and writing :data:`migration_data.ROWS` into it.
Files that exist are left as they are: they stand for databases that users
already have, so they must not follow later changes to the code (``--rebuild``
writes them anew, for when the data set itself grows).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from migration_data import fill  # noqa: E402

from ams_desk.store import migrate  # noqa: E402
from ams_desk.store.database import make_engine  # noqa: E402

FOLDER = HERE / "migration_dbs"


def build(path: Path, revision: str) -> None:
    """A new SQLite file at ``revision``, holding the data set."""
    path.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, revision=revision)
        with engine.begin() as conn:
            fill(conn)
    finally:
        engine.dispose()
    # One self-contained file: no -wal/-shm beside it, nothing left in free pages.
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="write existing files anew")
    args = parser.parse_args(argv)
    FOLDER.mkdir(exist_ok=True)
    for revision in migrate.revisions():
        path = FOLDER / f"{revision}.sqlite"
        if path.exists() and not args.rebuild:
            print(f"{path.relative_to(HERE.parents[1])}: kept")
            continue
        build(path, revision)
        print(f"{path.relative_to(HERE.parents[1])}: written ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
