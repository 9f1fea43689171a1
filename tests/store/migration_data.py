"""The data that the databases of old revisions hold, written and read without the models.

The schema of an old revision is not the models' schema, so the rows are
written into whatever tables and columns the database has (read by
reflection): a column that a revision does not have yet is left out, so one
data set fills every revision. :func:`table_rows` reads them back the same way,
for comparing a database before and after its upgrade.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, MetaData, select

PROGRAM = {
    "positions": ["PhD candidate", "Postdoc", "Researcher", "Assistant professor",
                  "Associate professor", "Full professor"],
    "year_start_month": 9,
    "proposal_answer_days": 10,
    "mentor_response_days": 21,
    "evaluation_days": 14,
    "waiting_alert_days": 45,
    "match_weights": {},
}  # fmt: skip

#: Rows by table, parents first. Text that has hurt before: accents, apostrophes,
#: a leading "=", a newline, an empty JSON list, NULLs where a column allows them.
ROWS: dict[str, list[dict[str, Any]]] = {
    "person": [
        {"id": 1, "name": "Zoë van den Berg", "email": "Zoe.vdBerg@example.org",
         "email_key": "zoe.vdberg@example.org", "position": "Full professor",
         "department": "Physics", "languages": ["Dutch", "English"],
         "notes": "Prefers mornings.\nNo Fridays."},
        {"id": 2, "name": "José Muñoz", "email": "jose@example.org",
         "email_key": "jose@example.org", "position": "Postdoc", "department": "Chemistry",
         "languages": ["Spanish"], "notes": "=SUM(1+1)"},
        {"id": 3, "name": "Siobhán O'Brien", "email": "siobhan@example.org",
         "email_key": "siobhan@example.org", "position": "PhD candidate", "department": "",
         "languages": [], "notes": ""},
        {"id": 4, "name": "Nguyễn Thị Hương", "email": "huong@example.org",
         "email_key": "huong@example.org", "position": "Researcher", "department": "Biology",
         "languages": ["Vietnamese", "English"], "notes": ""},
    ],
    "project": [
        {"id": 1, "name": "Dark Matter", "name_key": "dark matter"},
        {"id": 2, "name": "Cosmic Rays", "name_key": "cosmic rays"},
    ],
    "setting": [{"id": 1, "key": "program", "value": PROGRAM}],
    "person_project": [
        {"person_id": 1, "project_id": 1},
        {"person_id": 2, "project_id": 1},
        {"person_id": 2, "project_id": 2},
        {"person_id": 4, "project_id": 2},
    ],
    "signup": [
        {"id": 1, "person_id": 1, "role": "mentor", "signed_up": date(2025, 9, 1),
         "program_year": 2025, "status": "open", "topics": ["Career guidance"],
         "meeting_format": "any", "capacity": 2, "motivation": "Paying it forward.",
         "source_file": "sign-ups 2025.xlsx", "source_row": 2},
        {"id": 2, "person_id": 2, "role": "mentee", "signed_up": date(2025, 9, 3),
         "program_year": 2025, "status": "matched", "topics": ["Funding", "Networking"],
         "meeting_format": "online", "capacity": 0, "motivation": "",
         "source_file": "sign-ups 2025.xlsx", "source_row": 3},
        {"id": 3, "person_id": 3, "role": "mentee", "signed_up": date(2025, 9, 4),
         "program_year": 2025, "status": "withdrawn", "topics": [],
         "meeting_format": "in_person", "capacity": 0, "motivation": "Moving abroad.",
         "source_file": None, "source_row": None},
        {"id": 4, "person_id": 4, "role": "mentor", "signed_up": date(2024, 9, 10),
         "program_year": 2024, "status": "closed", "topics": ["Work/life balance"],
         "meeting_format": "any", "capacity": 1, "motivation": "",
         "source_file": None, "source_row": None},
        {"id": 5, "person_id": 2, "role": "mentee", "signed_up": date(2024, 9, 12),
         "program_year": 2024, "status": "closed", "topics": ["Career guidance"],
         "meeting_format": "any", "capacity": 0, "motivation": "First year.",
         "source_file": None, "source_row": None},
    ],
    "pair": [
        {"id": 1, "mentor_signup_id": 1, "mentee_signup_id": 2, "status": "introduced",
         "program_year": 2025, "override_note": ""},
        {"id": 2, "mentor_signup_id": 4, "mentee_signup_id": 5, "status": "closed",
         "program_year": 2024, "override_note": "Same department; agreed by both."},
    ],
    "pair_event": [
        {"id": 1, "pair_id": 1, "at": datetime(2025, 9, 20, 10, 0), "kind": "status",
         "status": "proposed", "by": "coordinator", "note": "", "details": None},
        {"id": 2, "pair_id": 1, "at": datetime(2025, 9, 25, 9, 30), "kind": "status",
         "status": "introduced", "by": "coordinator", "note": "Intro mail sent.",
         "details": {"questions": "Funding?"}},
        {"id": 3, "pair_id": 1, "at": datetime(2025, 9, 26, 8, 0), "kind": "note",
         "status": None, "by": "coordinator", "note": "Mentee asked for Tuesdays.",
         "details": None},
        {"id": 4, "pair_id": 2, "at": datetime(2025, 6, 30, 17, 45), "kind": "status",
         "status": "closed", "by": "coordinator", "note": "", "details": {"outcome": "Good"}},
    ],
}  # fmt: skip


def fill(conn: Connection) -> None:
    """Write :data:`ROWS` into the tables and columns the database has."""
    metadata = MetaData()
    metadata.reflect(conn)
    for name, rows in ROWS.items():
        table = metadata.tables[name]
        conn.execute(table.insert(), [
            {key: value for key, value in row.items() if key in table.columns} for row in rows
        ])
    sequences_follow_ids(conn)


def sequences_follow_ids(conn: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids written explicitly."""
    if conn.dialect.name != "postgresql":
        return
    for name, rows in ROWS.items():
        if rows and "id" in rows[0]:
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT max(id) FROM {name}))"
            )


def _plain(value: Any) -> Any:
    """A value as comparable across drivers: JSON text parsed, dates as ISO text."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def table_rows(conn: Connection, tables: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (or of ``tables``) but Alembic's, ordered by primary key."""
    metadata = MetaData()
    metadata.reflect(conn)
    found: dict[str, list[dict[str, Any]]] = {}
    for name, table in sorted(metadata.tables.items()):
        if name == "alembic_version" or (tables is not None and name not in tables):
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        found[name] = [
            {key: _plain(value) for key, value in row._mapping.items()}
            for row in conn.execute(select(table).order_by(*order))
        ]
    return found
