"""What is stored for the people of one sheet: the state an import is decided against."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ams_desk.core.model import MeetingFormat, Person, Role, SignupStatus
from ams_desk.store.database import Database
from ams_desk.store.rows import IN_CHUNK, chunks, places_taken, projects_by_person
from ams_desk.store.schema import PersonRow, SignupRow
from ams_desk.store.settings import ProgramSettings, load_program_settings


@dataclass(frozen=True, slots=True)
class StoredSignup:
    """A stored sign-up, with the places its pairs take (``taken``, for a mentor's)."""

    id: int
    person_id: int
    role: Role
    signed_up: date
    program_year: int
    status: SignupStatus
    topics: tuple[str, ...]
    meeting_format: MeetingFormat
    capacity: int
    motivation: str
    source_file: str | None
    source_row: int | None
    taken: int = 0


@dataclass(frozen=True)
class ImportState:
    """What is stored for the people of one sheet.

    Attributes:
        settings: The program settings (ladder, year start month).
        people: Stored people by email key (case-folded email).
        signups: Their sign-ups by person id, oldest first.
    """

    settings: ProgramSettings
    people: dict[str, Person]
    signups: dict[int, tuple[StoredSignup, ...]]


def load_state(session: Session, email_keys: Iterable[str]) -> ImportState:
    """:func:`load_import_state` inside the caller's transaction."""
    person, signup = PersonRow.__table__, SignupRow.__table__
    conn = session.connection()
    people: dict[str, Person] = {}
    rows: list[Any] = []
    for keys in chunks(sorted(set(email_keys)), IN_CHUNK):
        query = select(
            person.c.id, person.c.email_key, person.c.name, person.c.email, person.c.position,
            person.c.department, person.c.languages, person.c.notes,
        ).where(person.c.email_key.in_(keys))  # fmt: skip
        rows.extend(conn.execute(query).all())
    ids = [r.id for r in rows]
    projects = projects_by_person(session, ids)
    for r in rows:
        people[r.email_key] = Person(
            id=r.id, name=r.name, email=r.email, position=r.position, department=r.department,
            projects=projects.get(r.id, ()), languages=tuple(r.languages or ()), notes=r.notes,
        )  # fmt: skip
    found: list[Any] = []
    for chunk in chunks(ids, IN_CHUNK):
        found.extend(conn.execute(select(signup).where(signup.c.person_id.in_(chunk))).all())
    taken = places_taken(session, [s.id for s in found if s.role == Role.MENTOR.value])
    signups: dict[int, list[StoredSignup]] = defaultdict(list)
    for s in sorted(found, key=lambda s: s.id):
        signups[s.person_id].append(
            StoredSignup(
                s.id, s.person_id, Role(s.role), s.signed_up, s.program_year,
                SignupStatus(s.status), tuple(s.topics or ()), MeetingFormat(s.meeting_format),
                s.capacity, s.motivation, s.source_file, s.source_row, taken.get(s.id, 0),
            )  # fmt: skip
        )
    settings = load_program_settings(session)
    return ImportState(settings, people, {k: tuple(v) for k, v in signups.items()})


def load_import_state(db: Database, email_keys: Iterable[str]) -> ImportState:
    """What is stored for the people with these email keys (for a preview; read only)."""
    with db.session() as session:
        return load_state(session, email_keys)


