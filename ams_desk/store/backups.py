"""Backups of a SQLite database: written through the backup API, listed, thinned.

Backups live in ``backups/`` beside the database, named
``<stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite``, readable by their owner only.
Each one is written to a hidden ``.partial`` file first and renamed when
complete, so a backup interrupted by a kill is never mistaken for a good one;
the leftovers of killed processes are removed by the next backup or listing.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ams_desk.core.backup_policy import backups_to_keep
from ams_desk.store.database_errors import DamagedDatabase, StoreError
from ams_desk.store.health import (
    check_sqlite_file,
    create_private_file,
    first_problem,
    read_only_connection,
)

FOLDER = "backups"
REASONS = {
    "daily": "daily",
    "import": "before an import",
    "propose": "before proposing all",
    "erase": "before erasing a person",
    "restore": "before a restore",
    "migration": "before a schema upgrade",
    "manual": "made by hand",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z]+)\.sqlite$")
_PARTIAL = re.compile(r"^\..+\.(?P<pid>\d+)\.partial$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds."""

    path: Path
    created: datetime
    reason: str
    size: int
    people: int | None
    """People in the backup; None when it cannot be read (it is damaged)."""

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "created": self.created.isoformat(timespec="seconds"),
            "reason": self.reason,
            "size": self.size,
            "people": self.people,
        }


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_partials(folder: Path) -> list[Path]:
    """Remove partial backups and staging files whose process is gone; return them."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _PARTIAL.match(path.name)
        if match and not _pid_alive(int(match["pid"])):
            for extra in (path, *_companions(path)):
                with contextlib.suppress(FileNotFoundError):
                    extra.unlink()
            removed.append(path)
    return removed


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def partial_path(folder: Path, name: str) -> Path:
    """A hidden work file in ``folder`` that :func:`clean_partials` removes once we are gone."""
    return folder / f".{name}.{os.getpid()}.partial"


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write ``source`` into the new private file ``target`` through the backup API."""
    create_private_file(target)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    with open(target, "rb+") as file:
        os.fsync(file.fileno())


def write_backup(
    source: sqlite3.Connection,
    db_path: Path,
    reason: str,
    *,
    now: datetime | None = None,
    thin: bool = True,
) -> BackupInfo:
    """Back up the open database ``source`` (the file ``db_path``) into its backup folder."""
    now = now or datetime.now()
    folder = backup_folder(db_path)
    _private_folder(folder)
    clean_partials(folder)
    stamp = f"{now:%Y%m%d-%H%M%S}"
    name = f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"{db_path.stem}-{stamp}-{n}-{reason}.sqlite"
    partial = partial_path(folder, name)
    try:
        copy_database(source, partial)
        os.replace(partial, folder / name)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise StoreError(f"cannot write a backup to {folder}: {exc}") from None
    _fsync_folder(folder)
    if thin:
        thin_backups(db_path, now)
    return _info(folder / name)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _parse(path: Path, stem: str) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None or match["stem"] != stem:
        return None
    try:
        return datetime.strptime(match["at"], "%Y%m%d-%H%M%S"), match["reason"]
    except ValueError:
        return None


def _info(path: Path) -> BackupInfo:
    parsed = _parse(path, _NAME.match(path.name)["stem"])  # type: ignore[index]
    assert parsed is not None
    people: int | None
    try:
        conn = read_only_connection(path)
        try:
            people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        people = None
    return BackupInfo(path, parsed[0], parsed[1], path.stat().st_size, people)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    clean_partials(folder)
    found = [p for p in folder.iterdir() if p.is_file() and _parse(p, db_path.stem)]
    infos = [_info(p) for p in found]
    return sorted(infos, key=lambda b: (b.created, b.path.stat().st_mtime_ns), reverse=True)


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes the same checks as an opened database."""
    for backup in list_backups(db_path):
        try:
            state = check_sqlite_file(backup.path, allow_empty=False)
        except StoreError:
            continue
        if state.revision is not None:
            return backup
    return None


def thin_backups(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps (7 daily, 4 weekly, 12 monthly)."""
    now = now or datetime.now()
    backups = list_backups(db_path)
    keep = backups_to_keep([b.created for b in backups], now)
    removed = []
    for backup in backups:
        if backup.created in keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
        removed.append(backup.path)
    return removed


def has_backup_of_day(db_path: Path, day: datetime) -> bool:
    return any(b.created.date() == day.date() for b in list_backups(db_path))


def verify_backup(path: Path) -> int:
    """Check a backup file thoroughly; return its number of people.

    Raises:
        StoreError: It is missing, damaged or not an AMS Desk database.
    """
    if not path.is_file():
        raise StoreError(f"{path} is not a file")
    try:
        state = check_sqlite_file(path, allow_empty=False)
    except DamagedDatabase as exc:
        raise StoreError(f"the backup {path} is damaged ({exc.reason}); choose another") from None
    if state.revision is None:
        raise StoreError(f"{path} is not an AMS Desk backup (it has no schema version)")
    conn = read_only_connection(path)
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
    except sqlite3.DatabaseError as exc:
        found = [str(exc)]
    finally:
        conn.close()
    if found != ["ok"]:
        raise StoreError(f"the backup {path} is damaged (SQLite reports “{first_problem(found)}”)")
    return state.people or 0

