"""The store's errors: each one a sentence a coordinator can act on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ams_desk.store.backups import BackupInfo


class StoreError(Exception):
    """A database problem explained in one line for the coordinator."""


class ForeignDatabase(StoreError):
    """A SQLite file that belongs to another application; it was not changed."""


class DatabaseInUse(StoreError):
    """The database is open in another AMS Desk window."""


class DamagedDatabase(StoreError):
    """A SQLite file that cannot be used safely; it is never written to.

    Attributes:
        path: The damaged file (left exactly as it was).
        reason: What is wrong, in a few words.
        backup: The newest backup that passed the same checks, if any.
    """

    def __init__(self, path: Path, reason: str, backup: BackupInfo | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        super().__init__(self._sentence())

    def with_backup(self, backup: BackupInfo | None) -> DamagedDatabase:
        """The same problem, naming the newest good backup."""
        return DamagedDatabase(self.path, self.reason, backup)

    def _sentence(self) -> str:
        head = f"{self.path} is damaged ({self.reason}) and was not changed"
        if self.backup is None:
            return f"{head}; there is no good backup of it in {self.path.parent / 'backups'}"
        return (
            f"{head}; the newest good backup is {self.backup.path.name} of "
            f"{_when(self.backup.created)} with {self.backup.people:,} people — "
            f'restore it with: ams-desk --db "sqlite:///{self.path}" restore "{self.backup.path}"'
        )


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"
