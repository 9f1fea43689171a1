"""The backup commands of ``ams-desk``: ``backup``, ``backups`` and ``restore`` (SQLite only).

Kept beside :mod:`ams_desk.cli`, which parses their arguments and calls them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ams_desk.cli_common import CliError, open_db, print_json


def cmd_backup(args: argparse.Namespace) -> int:
    """``ams-desk backup FILE``: a copy of the SQLite database, never over an existing file."""
    from ams_desk.store.database import StoreError

    db = open_db(args.db)
    try:
        if args.target.exists():
            raise CliError(f"{args.target} exists already; choose a new file name")
        db.backup_to(args.target)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"Backed up to {args.target}")
    return 0


def _sqlite_file(url: str | None) -> Path:
    from ams_desk.store.database import StoreError, default_url, sqlite_file

    try:
        path = sqlite_file(url or default_url())
    except StoreError as exc:
        raise CliError(str(exc)) from None
    if path is None:
        raise CliError("backups and restore are for SQLite files; for PostgreSQL use "
                       "pg_dump and pg_restore (see README)")
    return path


def cmd_backups(args: argparse.Namespace) -> int:
    """``ams-desk backups``: the automatic backups of the SQLite database, newest first."""
    from ams_desk.store.backups import list_backups

    found = list_backups(_sqlite_file(args.db))
    if args.json:
        print_json([b.to_dict() for b in found])
        return 0
    for b in found:
        people = f"{b.people:,} people" if b.people is not None else "unreadable"
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size / 1e6:8.1f} MB  {people:>15}  "
              f"{b.reason_text:<24}  {b.path}")
    if not found:
        print("No backups yet.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """``ams-desk restore FILE``: put a backup in place of the SQLite database."""
    from ams_desk.store.database import StoreError
    from ams_desk.store.restore import restore_backup

    path = _sqlite_file(args.db)
    try:
        result = restore_backup(path, args.file)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored {args.file.name} ({result.people:,} people) to {path}.")
    if result.saved_current is not None:
        print(f"The file it replaced was backed up to {result.saved_current}.")
    if result.moved_aside is not None:
        print(f"The damaged file was kept as {result.moved_aside}.")
    if result.erasures_reapplied:
        print(f"{result.erasures_reapplied} people erased since the backup were erased again.")
    return 0
