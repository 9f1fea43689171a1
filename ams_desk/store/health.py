"""Is a SQLite file ours and healthy? Answered read-only, before anything writes to it.

Opening a file with AMS Desk's engine switches it to WAL, which rewrites the
file header; so every check here uses a read-only ``sqlite3`` connection (or
plain reads of the header) and the file's bytes stay exactly as they were.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ams_desk.store.database_errors import DamagedDatabase, ForeignDatabase, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"person", "signup", "pair", "pair_event", "setting"})
"""Tables every AMS Desk schema has had since the first revision."""


@dataclass(frozen=True)
class FileState:
    """What a check found: a file to create, or an existing database and its revision."""

    exists: bool
    revision: str | None = None
    people: int | None = None


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write ``path`` (nor switch its journal mode).

    Without a ``-wal`` beside the file the file is opened immutable: a read-only
    connection to a WAL database would otherwise leave new ``-wal``/``-shm`` files.
    """
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    uri = f"file:{quote(str(path.resolve()))}?{mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _header_problem(path: Path, size: int) -> str | None:
    """Why the first 100 bytes of ``path`` cannot belong to a whole SQLite file, if they can't."""
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_MAGIC):
        if len(header) < len(SQLITE_MAGIC) and SQLITE_MAGIC.startswith(header):
            return "it is cut short"
        return "it is not a SQLite database, or its first bytes are damaged"
    if len(header) < 100:
        return "it is cut short"
    raw_page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged (page size)"
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return "its header is damaged (file format)"
    if header[21:24] != b"\x40\x20\x20":
        return "its header is damaged (payload fractions)"
    if size % page_size:
        return "it is cut short (not a whole number of pages)"
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if valid_for == change_counter and page_count * page_size > size:
        return f"it is cut short ({size // page_size} of {page_count} pages)"
    return None


def first_problem(found: list[str]) -> str:
    """The first line of an integrity report that says something."""
    lines = [line.strip() for text in found for line in str(text).splitlines()]
    lines = [line for line in lines if line and not line.startswith("***")]
    return lines[0] if lines else "unknown problem"


def _message(path: Path, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"SQLite reports “{text}”"


def check_sqlite_file(path: Path, *, deep: bool = True, allow_empty: bool = True) -> FileState:
    """Check that ``path`` is a healthy AMS Desk database (or does not exist yet).

    Args:
        path: The database file.
        deep: Run ``PRAGMA quick_check`` over every page (else only the header
            and the schema are read).
        allow_empty: Accept a 0-byte file as a new database (SQLite would).

    Raises:
        DamagedDatabase: The file is damaged, cut short, a folder, or unreadable as SQLite.
        ForeignDatabase: A healthy SQLite file of another application.
        StoreError: The file cannot be read at all (permissions).
    """
    if not path.exists():
        return FileState(exists=False)
    if path.is_dir():
        raise DamagedDatabase(path, "it is a folder, not a database file")
    try:
        size = path.stat().st_size
        if size == 0:
            if allow_empty:
                return FileState(exists=True)
            raise DamagedDatabase(path, "it is empty (0 bytes)")
        problem = _header_problem(path, size)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if problem:
        raise DamagedDatabase(path, problem)
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        raise DamagedDatabase(path, _message(path, exc)) from None
    try:
        try:
            tables = {
                name for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            if deep:
                found = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
                if found != ["ok"]:
                    raise DamagedDatabase(path, f"SQLite's check reports “{first_problem(found)}”")
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
            people = None
            if "person" in tables:
                people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabase(path, _message(path, exc)) from None
    finally:
        conn.close()
    _check_ours(path, tables, revision)
    return FileState(exists=True, revision=revision, people=people)


def _check_ours(path: Path, tables: set[str], revision: str | None) -> None:
    from ams_desk.store import migrate

    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if not user_tables:
        return
    if revision in migrate.revisions() and user_tables >= OUR_TABLES:
        return
    if revision is not None and revision not in migrate.revisions() and user_tables >= OUR_TABLES:
        return  # a newer AMS Desk's: migrate.check_known explains that one
    others = sorted(user_tables - OUR_TABLES - {"alembic_version"}) or sorted(user_tables)
    shown = ", ".join(others[:4]) + (", …" if len(others) > 4 else "")
    kind = (
        f"another application's schema version {revision}"
        if revision is not None and revision not in migrate.revisions()
        else f"other tables: {shown}"
    )
    raise ForeignDatabase(
        f"{path} is not an AMS Desk database ({kind}); nothing was changed"
    )


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (0600 on POSIX)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
