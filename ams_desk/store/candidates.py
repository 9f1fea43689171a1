"""Sign-ups with their people, read in one query, for the matching board and its checks."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, Text, select, type_coerce
from sqlalchemy.orm import Session

from ams_desk.core.eligibility import Candidate
from ams_desk.core.model import MeetingFormat, Person, Role, Signup, SignupStatus
from ams_desk.store.rows import (
    chunks,
    project_names,
    project_names_subquery,
    stored_day,
    stored_list,
)
from ams_desk.store.schema import PersonRow, SignupRow

SIGNUP = SignupRow.__table__
"""The sign-up table, for the conditions :func:`load_candidates` takes."""

def load_candidates(session: Session, condition: ColumnElement[bool]) -> list[Candidate]:
    """The sign-ups matching ``condition`` (on :data:`SIGNUP`), each with its person.

    Reads through SQLAlchemy Core and gathers each person's projects in the
    database, as :func:`ams_desk.store.people.list_signups` does.
    """
    person = PersonRow.__table__
    projects = project_names_subquery()
    query = (
        select(
            SIGNUP.c.id, SIGNUP.c.person_id, SIGNUP.c.role,
            type_coerce(SIGNUP.c.signed_up, Text), SIGNUP.c.program_year, SIGNUP.c.status,
            type_coerce(SIGNUP.c.topics, Text), SIGNUP.c.meeting_format, SIGNUP.c.capacity,
            person.c.name, person.c.email, person.c.position, person.c.department,
            type_coerce(person.c.languages, Text), projects.c.names,
        )
        .join(person, person.c.id == SIGNUP.c.person_id)
        .outerjoin(projects, projects.c.person_id == SIGNUP.c.person_id)
        .where(condition)
    )
    return [
        Candidate(
            Person(pid, name, email, position, department, project_names(names),
                   stored_list(languages)),
            Signup(sid, pid, Role(role), stored_day(signed_up), year, SignupStatus(status),
                   stored_list(topics), MeetingFormat(meeting_format), capacity),
        )
        for (sid, pid, role, signed_up, year, status, topics, meeting_format, capacity, name,
             email, position, department, languages, names)
        in session.connection().execute(query)
    ]


def candidates_by_id(session: Session, signup_ids: Collection[int]) -> dict[int, Candidate]:
    """The sign-ups with these ids, with their people, by id (missing ids are left out)."""
    ids = sorted(set(signup_ids))
    found: dict[int, Candidate] = {}
    for chunk in chunks(ids):
        found.update((c.signup.id, c) for c in load_candidates(session, SIGNUP.c.id.in_(chunk)))
    return found
