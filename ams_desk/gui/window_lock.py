"""One window per SQLite database: a lock file beside it, recovered when its owner died."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from ams_desk.store.database_errors import DatabaseInUse


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def lock_database(db_path: Path) -> QLockFile:
    """Hold the window lock of ``db_path`` until the returned lock is unlocked.

    A lock left by a process that no longer runs (killed, crashed) is taken
    over; age alone never makes a live window's lock stale.

    Raises:
        DatabaseInUse: Another running AMS Desk window holds it.
    """
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        return lock
    info = lock.getLockInfo()  # PySide6: (pid, hostname, appname), or fewer when unreadable
    who = f" (process {info[0]} on {info[1]})" if len(info) >= 2 and info[0] else ""
    raise DatabaseInUse(
        f"{db_path.name} is already open in another AMS Desk window{who}; "
        "switch to that window — command-line work on it is still allowed"
    )
