"""Putting a backup back in place: checked, the current file kept, all or nothing.

The backup is first copied to a staging file beside the backups, upgraded to
the current schema and cleared of everyone erased since it was made; only then
is it written over the database in one backup-API step (one transaction:
a kill leaves the old database or the restored one, never a mixture).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ams_desk.store.backups import (
    backup_folder,
    clean_partials,
    copy_database,
    partial_path,
    verify_backup,
    write_backup,
)
from ams_desk.store.database_errors import DamagedDatabase, StoreError
from ams_desk.store.health import check_sqlite_file, create_private_file, read_only_connection


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    people: int
    saved_current: Path | None
    """The backup of the file that was replaced (None if there was none)."""
    moved_aside: Path | None
    """Where a damaged current file was moved (None if it was healthy)."""
    erasures_reapplied: int


def move_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; return its new name."""
    now = now or datetime.now()
    target = db_path.with_name(f"{db_path.stem}.damaged-{now:%Y%m%d-%H%M%S}{db_path.suffix}")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


RESTORE_STEPS = 5
"""The steps :func:`restore_backup` reports: check, copy, erasures, backup, write."""


def restore_backup(
    db_path: Path, backup: Path, *, progress: Callable[[int, int | None], None] | None = None
) -> RestoreResult:
    """Replace the SQLite database ``db_path`` with the backup ``backup``.

    ``progress`` is called with ``(step, RESTORE_STEPS)`` as the backup is
    checked, copied, cleared of erased people, the current file backed up,
    and the copy written over it.

    Raises:
        StoreError: The backup is missing, damaged or not AMS Desk's; the
            current file belongs to another application; or writing failed.
            Nothing was changed then.
    """
    from ams_desk.store.erasure import carry_erasures

    report = progress or (lambda _done, _total: None)
    report(0, RESTORE_STEPS)
    people = verify_backup(backup)
    report(1, RESTORE_STEPS)
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    clean_partials(folder)
    damaged = False
    if db_path.is_dir():
        raise StoreError(f"{db_path} is a folder; restore to a file name")
    try:
        current = check_sqlite_file(db_path, allow_empty=True)
    except DamagedDatabase:
        damaged = True
        current = None

    staging = partial_path(folder, "restore")
    try:
        source = read_only_connection(backup)
        try:
            copy_database(source, staging)
        finally:
            source.close()
        report(2, RESTORE_STEPS)
        erased = carry_erasures(
            db_path, None if damaged or current is None or not current.exists else db_path, staging
        )
        report(3, RESTORE_STEPS)
        saved = None
        moved = None
        if damaged:
            moved = move_aside(db_path)
        elif current is not None and current.exists and db_path.stat().st_size:
            live = sqlite3.connect(db_path)
            try:
                saved = write_backup(live, db_path, "restore", thin=False).path
            finally:
                live.close()
        report(4, RESTORE_STEPS)
        if not db_path.exists():
            create_private_file(db_path)
        _write_over(staging, db_path)
        report(RESTORE_STEPS, RESTORE_STEPS)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot restore {backup.name} to {db_path}: {exc}") from None
    finally:
        for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return RestoreResult(people, saved, moved, erased)


def _write_over(staging: Path, db_path: Path) -> None:
    source = sqlite3.connect(staging)
    try:
        live = sqlite3.connect(db_path, timeout=30)
        try:
            live.execute("PRAGMA busy_timeout = 30000")
            source.backup(live)
            live.execute("PRAGMA journal_mode = WAL")
        finally:
            live.close()
    finally:
        source.close()
