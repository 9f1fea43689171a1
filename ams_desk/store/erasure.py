"""Erasing a person on request, for good, and again whenever a backup is restored.

The person's name, email and everything they wrote is removed; their sign-ups
and pairs stay as anonymous rows, so past years' counts do not change. Rows of
other tables that refer to the person (found through the foreign keys) are
deleted. On SQLite the freed pages are zeroed (``secure_delete``), the WAL is
checkpointed and truncated and the file is rebuilt (``VACUUM``), so no byte of
the name or the email is left in the ``.db`` or ``-wal`` file.

Backups still hold the person. Each erasure is therefore recorded as a keyed
hash of the email (HMAC-SHA256 with a key kept in the database and in
``backups/erasures.json``), never the email itself; restoring a backup erases
everyone in that ledger again before the restored file is put in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
    text,
    update,
)

from ams_desk.core.validation import email_key
from ams_desk.store.coordinator import stamp_name
from ams_desk.store.database import WRITE_OPTION, Database
from ams_desk.store.import_runs import forget_person
from ams_desk.store.person_data import PersonRows, collect, person_id_for, reflect

KEY_SETTING = "erasure_key"
ERASED_NAME = "Erased person"
PLACEHOLDER = "[erased]"
ERASED_EMAIL_PREFIX = "erased-"
"""An erased person's email (and key) is this prefix and their id, no longer an address."""
LEDGER_FILE = "erasures.json"

# How the tables the application knows keep their rows anonymous; rows of any
# other table that refer to the person are deleted.
_ANONYMOUS: dict[str, dict[str, Any]] = {
    "signup": {"topics": [], "motivation": "", "source_file": None, "source_row": None},
    "pair": {"override_note": ""},
    "pair_event": {"note": "", "details": None},
}
_DELETED_KNOWN = {"person_project"}
_SHARED = {"project"}
"""Rows a person's link rows point at that belong to everyone: kept."""


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure changed."""

    name: str
    signups: int
    pairs: int
    other_rows: int
    backup: Path | None


def key_hash(key: str, email: str) -> str:
    """The ledger's keyed hash of an email (compared case-folded)."""
    return hmac.new(bytes.fromhex(key), email_key(email).encode(), hashlib.sha256).hexdigest()


def _stored_key(conn: Connection) -> str | None:
    raw = conn.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": KEY_SETTING})
    value = raw.scalar()
    if value is None:
        return None
    data = json.loads(value) if isinstance(value, str) else value
    return str(data["key"])


def _ensure_key(conn: Connection, key: str | None = None, *, replace: bool = False) -> str:
    """The database's ledger key: the stored one, else ``key``, else a new one.

    With ``replace`` (a restored copy taking over the ledger), ``key`` wins.
    """
    stored = _stored_key(conn)
    if stored is not None and (key is None or key == stored or not replace):
        return stored
    key = key or secrets.token_hex(32)
    value = json.dumps({"key": key})
    if stored is None:
        conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                     {"k": KEY_SETTING, "v": value})
    else:
        conn.execute(text("UPDATE setting SET value = :v WHERE key = :k"),
                     {"k": KEY_SETTING, "v": value})
    return key


def _record(conn: Connection, hashes: set[str], now: datetime) -> None:
    known = set(conn.execute(text("SELECT key_hash FROM erasure")).scalars())
    for digest in sorted(hashes - known):
        conn.execute(text("INSERT INTO erasure (key_hash, erased_at) VALUES (:h, :at)"),
                     {"h": digest, "at": now})


def ledger_path(db_path: Path) -> Path:
    from ams_desk.store.backups import backup_folder

    return backup_folder(db_path) / LEDGER_FILE


def read_ledger_file(db_path: Path) -> tuple[str | None, set[str]]:
    try:
        data = json.loads(ledger_path(db_path).read_text(encoding="utf-8"))
        return str(data["key"]), set(data["hashes"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, set()


def _write_ledger_file(db_path: Path, key: str, hashes: set[str]) -> None:
    path = ledger_path(db_path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    old_key, old = read_ledger_file(db_path)
    if old_key != key:
        old = set()  # hashes under another key cannot match anyone any more
    partial = path.with_name(f".{LEDGER_FILE}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump({"key": key, "hashes": sorted(old | hashes)}, file)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)


def _text_columns(metadata: MetaData) -> list[tuple[str, str]]:
    return [
        (table.name, column.name)
        for table in metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text) and not column.primary_key
        and not (table.name == "person" and column.name == "email_key")
        and not (table.name == "setting" and column.name == "key")
    ]


def _touched(table: Table) -> dict[str, Any]:
    """A version bump and the eraser's name for an edited table's UPDATE (reflected tables
    have no ``onupdate``): an editor still open on the person must not write them back."""
    if "version" not in table.c or "modified_by" not in table.c:
        return {}
    return {"version": table.c.version + 1, "modified_by": stamp_name(),
            "modified_at": datetime.now().replace(microsecond=0)}


def anonymise(conn: Connection, metadata: MetaData, rows: PersonRows) -> tuple[int, int, int]:
    """Remove the person of ``rows`` inside the caller's transaction; return counts."""
    person = rows.tables["person"][0]
    pid = rows.person_id
    others = 0
    for name in reversed(rows.order):
        if name in _ANONYMOUS or name == "person" or name in _SHARED:
            continue
        table = metadata.tables[name]
        keys = [c for c in table.primary_key.columns]
        for row in rows.tables[name]:
            condition = [c == row[c.name] for c in keys] or [c == row[c.name] for c in table.c]
            conn.execute(table.delete().where(*condition))
            if name not in _DELETED_KNOWN:
                others += 1
    for name, values in _ANONYMOUS.items():
        ids = rows.ids(name, "id")
        if name in metadata.tables and ids:
            table = metadata.tables[name]
            conn.execute(update(table).where(table.c.id.in_(sorted(ids)))
                         .values(**values, **_touched(table)))
    signup = metadata.tables["signup"]
    open_ids = sorted(r["id"] for r in rows.tables.get("signup", []) if r["status"] == "open")
    if open_ids:
        conn.execute(update(signup).where(signup.c.id.in_(open_ids)).values(status="withdrawn"))
    table = metadata.tables["person"]
    conn.execute(update(table).where(table.c.id == pid).values(
        name=ERASED_NAME, email=f"{ERASED_EMAIL_PREFIX}{pid}",
        email_key=f"{ERASED_EMAIL_PREFIX}{pid}-{secrets.token_hex(4)}",
        position="", department="", languages=[], notes="", **_touched(table),
    ))
    email = str(person["email"]).strip()
    needles = {str(person["name"]).strip(), email, email_key(email)}
    for table_name, column in _text_columns(metadata):
        table = metadata.tables[table_name]
        for needle in sorted(n for n in needles if len(n) >= 3):
            conn.execute(
                update(table)
                .where(table.c[column].contains(needle, autoescape=True))
                .values({column: func.replace(table.c[column], needle, PLACEHOLDER)})
            )
    return len(rows.tables.get("signup", [])), len(rows.tables.get("pair", [])), others


def scrub_files(engine: Engine) -> None:
    """Leave no freed byte behind on SQLite: checkpoint, VACUUM, truncate the WAL."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # outside SQLAlchemy's transaction: VACUUM needs none
    try:
        driver = raw.driver_connection
        assert driver is not None
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        driver.execute("VACUUM")
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def erase_person(
    db: Database,
    email: str,
    *,
    backup: bool = True,
    progress: Callable[[int, int | None], None] | None = None,
) -> ErasureResult:
    """Erase the person with ``email`` (see the module doc); back the file up first.

    Args:
        db: The database.
        email: The person's email.
        backup: Back the file up first (SQLite).
        progress: Called with ``(step, 4)`` as the backup, the erasure, the
            ledger and the scrubbing of the file are done.

    Raises:
        NotFoundError: Nobody with that email is stored.
        StoreError: The database could not be written (nothing was changed).
    """
    report = progress or (lambda _done, _total: None)
    now = datetime.now()
    with db.engine.connect() as conn:
        metadata = reflect(conn)
        person_id_for(conn, metadata, email)  # nobody → NotFoundError before any backup
    report(0, ERASE_STEPS)
    backup_path = db.backup("erase") if backup else None
    report(1, ERASE_STEPS)
    with db.engine.connect() as plain:
        # Take the write lock as it begins (SQLite), like every writing unit of work.
        conn = plain.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            key, digest, counts = _erase_in(conn, metadata, email, db.sqlite_path, now)
    report(2, ERASE_STEPS)
    if db.sqlite_path is not None:
        _write_ledger_file(db.sqlite_path, key, {digest})
    report(3, ERASE_STEPS)
    scrub_files(db.engine)
    report(ERASE_STEPS, ERASE_STEPS)
    return ErasureResult(*counts, backup_path)


ERASE_STEPS = 4
"""The steps :func:`erase_person` reports: backup, erasure, ledger, scrubbing."""


def _erase_in(
    conn: Connection, metadata: MetaData, email: str, db_path: Path | None, now: datetime
) -> tuple[str, str, tuple[str, int, int, int]]:
    """Erase the person inside ``conn``'s transaction; return the ledger key, the hash,
    and the name and counts."""
    pid = person_id_for(conn, metadata, email)
    rows = collect(conn, metadata, pid)
    name = str(rows.tables["person"][0]["name"])
    signups, pairs, others = anonymise(conn, metadata, rows)
    forget_person(conn, pid)  # the import records hold names and emails (not by FK)
    key = _ensure_key(conn, read_ledger_file(db_path)[0] if db_path else None)
    digest = key_hash(key, email)
    _record(conn, {digest}, now)
    return key, digest, (name, signups, pairs, others)


def reapply(conn: Connection, key: str, hashes: set[str]) -> int:
    """Erase again everyone of the ledger still in the database; return how many."""
    metadata = reflect(conn)
    person = metadata.tables["person"]
    matches = [
        pid for pid, mail in conn.execute(select(person.c.id, person.c.email))
        if key_hash(key, mail) in hashes
    ]
    for pid in matches:
        anonymise(conn, metadata, collect(conn, metadata, pid))
        if "import_change" in metadata.tables:
            forget_person(conn, pid)
    return len(matches)


def carry_erasures(db_path: Path, current: Path | None, staging: Path) -> int:
    """Bring the ledger of ``db_path`` into the restored copy ``staging`` and re-apply it.

    ``current`` is the readable database being replaced (None if damaged or
    missing): its ledger joins the one in ``backups/erasures.json``. The
    staging copy is upgraded to the current schema first.
    """
    from ams_desk.store import migrate
    from ams_desk.store.database import make_engine

    key, hashes = read_ledger_file(db_path)
    if current is not None:
        with contextlib.suppress(Exception):  # an old schema without the ledger: the file's
            from ams_desk.store.health import read_only_connection

            reader = read_only_connection(current)
            try:
                stored = reader.execute("SELECT value FROM setting WHERE key = ?", (KEY_SETTING,))
                row = stored.fetchone()
                if row:
                    key = key or json.loads(row[0])["key"]
                hashes |= {h for (h,) in reader.execute("SELECT key_hash FROM erasure")}
            finally:
                reader.close()
    engine = make_engine(f"sqlite:///{staging}")
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            if key is None:
                key = _stored_key(conn)
            if key is None:
                return 0
            key = _ensure_key(conn, key, replace=True)
            hashes |= set(conn.execute(text("SELECT key_hash FROM erasure")).scalars())
            count = reapply(conn, key, hashes)
            _record(conn, hashes, datetime.now())
        if count:
            scrub_files(engine)
        return count
    finally:
        engine.dispose()

