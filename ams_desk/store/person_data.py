"""Every row that refers to one person, found by following the schema's foreign keys.

The tables are read from the database itself (not from the models), so a table
added later — an outbox, an import log — is included without changing this
module: a row belongs to the person when it refers, through any chain of
foreign keys, to their ``person`` row. Rows the person's rows merely point at
(another person's sign-up in a pair, a project) are not theirs and are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, select

from ams_desk import __version__
from ams_desk.core.validation import email_key
from ams_desk.store.database import Database, StoreError
from ams_desk.store.rows import NotFoundError


@dataclass
class PersonRows:
    """The person's rows, table by table, in the order they were reached."""

    person_id: int
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    """Tables by distance from ``person``: the person first, the farthest last."""
    linked: set[str] = field(default_factory=set)
    """Tables reached through a link row of the person (an email they received, a project)."""

    def ids(self, table: str, column: str) -> set[Any]:
        return {row[column] for row in self.tables.get(table, [])}


def reflect(conn: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(conn)
    return metadata


def person_id_for(conn: Connection, metadata: MetaData, email: str) -> int:
    person = metadata.tables["person"]
    found = conn.execute(
        select(person.c.id).where(person.c.email_key == email_key(email))
    ).scalar()
    if found is None:
        raise NotFoundError(f"nobody with the email {email} is stored")
    return int(found)


def collect(conn: Connection, metadata: MetaData, person_id: int) -> PersonRows:
    """Follow foreign keys from the person's row until no new row is found."""
    result = PersonRows(person_id)
    person = metadata.tables["person"]
    result.tables["person"] = [
        dict(r._mapping) for r in conn.execute(select(person).where(person.c.id == person_id))
    ]
    result.order.append("person")
    changed = True
    while changed:
        changed = False
        for table in metadata.sorted_tables:
            changed |= _pull_linked(conn, result, table)
            for fk in table.foreign_keys:
                referred = fk.column.table.name
                if referred not in result.tables or table.name == referred:
                    continue
                values = result.ids(referred, fk.column.name)
                if not values:
                    continue
                rows = _rows_where(conn, table, fk.parent.name, values)
                if _add(result, table, rows):
                    changed = True
    return result


def _is_link_table(table: Table) -> bool:
    """A table of pairs of references (its key is made of foreign keys only)."""
    key = list(table.primary_key.columns)
    return bool(key) and all(c.foreign_keys for c in key)


def _pull_linked(conn: Connection, result: PersonRows, table: Table) -> bool:
    """The other side of the person's own link rows: ``outbox_person`` → the message."""
    if not _is_link_table(table) or table.name not in result.tables:
        return False
    person_fks = [fk for fk in table.foreign_keys if fk.column.table.name == "person"]
    mine = [
        row for row in result.tables[table.name]
        if any(row[fk.parent.name] == result.person_id for fk in person_fks)
    ]
    changed = False
    for fk in table.foreign_keys:
        other = fk.column.table
        if other.name == "person":
            continue
        values = {row[fk.parent.name] for row in mine}
        if values:
            result.linked.add(other.name)
            changed |= _add(result, other, _rows_where(conn, other, fk.column.name, values))
    return changed


def _rows_where(
    conn: Connection, table: Table, column: str, values: set[Any]
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    ordered = sorted(values)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        query = select(table).where(table.c[column].in_(chunk))
        found.extend(dict(r._mapping) for r in conn.execute(query))
    return found


def _add(result: PersonRows, table: Table, rows: list[dict[str, Any]]) -> bool:
    key = [c.name for c in table.primary_key.columns] or list(table.c.keys())
    have = result.tables.setdefault(table.name, [])
    if table.name not in result.order:
        result.order.append(table.name)
    known = {tuple(r[k] for k in key) for r in have}
    new = [r for r in rows if tuple(r[k] for k in key) not in known]
    have.extend(new)
    return bool(new)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def export_person(db: Database, email: str) -> dict[str, Any]:
    """Everything stored about the person with ``email``, as plain JSON values.

    Raises:
        NotFoundError: Nobody with that email is stored.
    """
    with db.engine.connect() as conn:
        metadata = reflect(conn)
        rows = collect(conn, metadata, person_id_for(conn, metadata, email))
    return {
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "exported_by": f"AMS Desk {__version__}",
        "email": email,
        "tables": {
            name: [{k: _plain(v) for k, v in row.items()} for row in rows.tables[name]]
            for name in rows.order
            if rows.tables[name]
        },
    }


def save_export(data: dict[str, Any], target: Path) -> None:
    """Write the export as UTF-8 JSON, readable by its owner only."""
    import os

    try:
        fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.write("\n")
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from None
