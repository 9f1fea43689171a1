"""Noticing commits made by other connections: the command line, another coordinator.

SQLite: ``PRAGMA data_version``, read on a connection of the watch's own,
changes whenever any other connection commits to the file. PostgreSQL: every
table has a trigger (revision 0007) that announces each committed change on
the channel :data:`CHANNEL`; the watch listens on a connection of its own and
ignores the notifications of its database's own connections (by their server
process), so only other people's changes count. Polling costs one round trip.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy.engine import make_url

from ams_desk.store.database import Database

CHANNEL = "ams_desk_changed"
"""The PostgreSQL notification channel of revision 0007's triggers."""


class ChangeWatch:
    """Whether someone else committed since the last look (see the module doc).

    On SQLite the window's own commits count too: call :meth:`sync` after
    reloading for them, so that they are not taken for someone else's.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sqlite: sqlite3.Connection | None = None
        self._listener: Any = None
        path = db.sqlite_path
        if path is not None:
            self._sqlite = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        elif db.engine.dialect.name == "postgresql":
            self._listen()
        self._seen = self._version()

    def _listen(self) -> None:
        import psycopg

        url = make_url(self._db.url).set(drivername="postgresql")
        try:
            self._listener = psycopg.connect(url.render_as_string(hide_password=False),
                                             autocommit=True, connect_timeout=5)
            self._listener.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._listener = None  # tried again at the next poll

    def _version(self) -> int:
        if self._sqlite is None:
            return 0
        try:
            return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return self._seen if hasattr(self, "_seen") else 0

    def _others_notified(self) -> bool:
        import psycopg

        if self._listener is None or self._listener.closed:
            self._listen()
            return False
        try:
            notes = list(self._listener.notifies(timeout=0))  # psycopg 3.2+: no wait
        except psycopg.Error:
            self._listener.close()
            self._listener = None
            return False
        own = self._db.own_backends
        return any(note.pid not in own for note in notes)

    def changed(self) -> bool:
        """Whether someone else committed since the last call (or :meth:`sync`)."""
        if self._sqlite is None:
            return self._others_notified() if self._db.engine.dialect.name == "postgresql" \
                else False
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def sync(self) -> None:
        """Take everything committed so far as seen (after reloading for one's own change)."""
        self._seen = self._version()

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None


__all__ = ["CHANNEL", "ChangeWatch"]
