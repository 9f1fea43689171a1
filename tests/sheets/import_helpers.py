"""Helpers for the import tests: small CSV files and a snapshot of everything the import touches."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from ams_desk.sheets.importing.apply import ImportReport
from ams_desk.sheets.importing.importer import import_file
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.store.database import Database

HEADERS = ["Name", "Email", "Role", "Position", "Topics", "Capacity", "Signed up", "Notes"]


def write_csv(path: Path, rows: list[list[Any]], headers: list[str] | None = None) -> Path:
    """A UTF-8 CSV with ``headers`` (default :data:`HEADERS`) and ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers or HEADERS)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run(db: Database, path: Path, **options: Any) -> ImportReport:
    """Import ``path`` with ``ImportOptions(**options)``, today fixed to 2026-03-01 unless given."""
    from datetime import date

    options.setdefault("today", date(2026, 3, 1))
    return import_file(db, path, options=ImportOptions(**options))


TABLES = {
    "person": "id, name, email, email_key, position, department, languages",
    "signup": "id, person_id, role, signed_up, program_year, status, topics, meeting_format, "
    "capacity, motivation, source_file, source_row",
    "project": "id, name, name_key",
    "person_project": "person_id, project_id",
    "pair": "id, mentor_signup_id, mentee_signup_id, status",
}


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import touches, in a stable order, as plain tuples."""
    with engine.connect() as conn:
        return {
            table: [
                tuple(str(v) if v is not None else None for v in row)
                for row in conn.execute(text(f"SELECT {cols} FROM {table} ORDER BY 1, 2"))
            ]
            for table, cols in TABLES.items()
        }
