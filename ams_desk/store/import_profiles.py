"""Named column mappings for the sign-up import, kept in the ``setting`` table.

A profile remembers which header holds which field, so the next export of the
same form is mapped without asking. It is stored under the key
``import_profile:<name>`` as ``{"headers": [...], "mapping": {header: field
or null}, "saved_at": ISO time}``. Field names are plain strings here: the
store knows nothing of the sheets layer that defines them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from ams_desk.core.validation import ValidationError, clean_text
from ams_desk.store.database import Database
from ams_desk.store.schema import SettingRow

PREFIX = "import_profile:"
MAX_NAME = 80 - len(PREFIX)
"""The longest profile name the ``setting.key`` column has room for."""


@dataclass(frozen=True)
class ImportProfile:
    """A saved mapping.

    Attributes:
        name: The name the coordinator gave it.
        headers: The sheet's headers when it was saved, in order.
        mapping: ``{header: field name or None}`` for those headers.
        saved_at: When it was last saved.
    """

    name: str
    headers: tuple[str, ...]
    mapping: dict[str, str | None]
    saved_at: datetime | None = None


def header_set(headers: Sequence[str]) -> frozenset[str]:
    """The headers as a set, compared case-, space- and order-blind."""
    return frozenset(" ".join(h.split()).casefold() for h in headers)


def _profile(row: SettingRow) -> ImportProfile | None:
    value: dict[str, Any] = row.value or {}
    headers = value.get("headers")
    mapping = value.get("mapping")
    if not isinstance(headers, list) or not isinstance(mapping, dict):
        return None  # damaged by hand: ignore rather than fail the import
    saved = value.get("saved_at")
    try:
        saved_at = datetime.fromisoformat(saved) if isinstance(saved, str) else None
    except ValueError:
        saved_at = None
    return ImportProfile(
        row.key[len(PREFIX):],
        tuple(str(h) for h in headers),
        {str(k): (str(v) if v is not None else None) for k, v in mapping.items()},
        saved_at,
    )


def _check_name(name: str) -> str:
    cleaned = clean_text(name)
    if not cleaned:
        raise ValidationError("name", "A profile needs a name.")
    if len(cleaned) > MAX_NAME:
        raise ValidationError("name", f"A profile name can have at most {MAX_NAME} characters.")
    return cleaned


def save_import_profile(
    db: Database, name: str, headers: Sequence[str], mapping: dict[str, str | None]
) -> ImportProfile:
    """Save (or overwrite) the profile ``name``.

    Raises:
        ValidationError: The name is empty or too long.
    """
    name = _check_name(name)
    saved_at = datetime.now()
    by_header = {h: mapping.get(h) for h in headers}
    value = {"headers": list(headers), "mapping": by_header, "saved_at": saved_at.isoformat()}
    with db.session() as session:
        row = session.scalar(select(SettingRow).where(SettingRow.key == PREFIX + name))
        if row is None:
            session.add(SettingRow(key=PREFIX + name, value=value))
        else:
            row.value = value
    return ImportProfile(name, tuple(headers), by_header, saved_at)


def list_import_profiles(db: Database) -> list[ImportProfile]:
    """Every saved profile, by name."""
    with db.session() as session:
        rows = session.scalars(select(SettingRow).where(SettingRow.key.startswith(PREFIX)))
        found = [p for p in (_profile(r) for r in rows) if p is not None]
    return sorted(found, key=lambda p: p.name.casefold())


def get_import_profile(db: Database, name: str) -> ImportProfile | None:
    """The profile called ``name``, if there is one."""
    with db.session() as session:
        row = session.scalar(select(SettingRow).where(SettingRow.key == PREFIX + clean_text(name)))
        return _profile(row) if row is not None else None


def delete_import_profile(db: Database, name: str) -> bool:
    """Delete the profile ``name``; return whether it existed."""
    with db.session() as session:
        result = session.execute(
            delete(SettingRow).where(SettingRow.key == PREFIX + clean_text(name))
        )
        return bool(getattr(result, "rowcount", 0))


def find_import_profile(db: Database, headers: Sequence[str]) -> ImportProfile | None:
    """The most recently saved profile made for exactly this set of headers, if any."""
    wanted = header_set(headers)
    matching = [p for p in list_import_profiles(db) if header_set(p.headers) == wanted]
    matching.sort(key=lambda p: p.saved_at or datetime.min, reverse=True)
    return matching[0] if matching else None
