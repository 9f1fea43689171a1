"""Services for people and their sign-ups: one transaction per call, plain values out."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Text, delete, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ams_desk.core.model import Person, Role, Signup, SignupStatus
from ams_desk.core.places import capacity_below_taken
from ams_desk.core.validation import (
    PersonInput,
    SignupInput,
    ValidationError,
    email_key,
    validate_person,
    validate_signup,
)
from ams_desk.store.bulk import paused_gc
from ams_desk.store.database import Database
from ams_desk.store.rows import (
    NotFoundError,
    list_decoder,
    person_of,
    places_taken,
    project_names,
    project_names_subquery,
    projects_by_person,
    signup_of,
    stored_day,
)
from ams_desk.store.schema import PersonProjectRow, PersonRow, ProjectRow, SignupRow
from ams_desk.store.settings import load_program_settings
from ams_desk.store.signup_status import (  # the status setters stay importable from here
    check_status_change,
    has_pairs,
)
from ams_desk.store.signup_status import set_signup_status as set_signup_status
from ams_desk.store.signup_status import set_signup_statuses as set_signup_statuses
from ams_desk.store.signup_status import withdraw_signup as withdraw_signup
from ams_desk.store.versions import EditConflict, differing_fields, is_stale, newest


class DuplicatePersonError(ValidationError):
    """The email belongs to a person already stored."""

    def __init__(self, existing: Person) -> None:
        super().__init__(
            "email",
            f"{existing.email} already belongs to {existing.name}. Open their sign-up to edit "
            "it, or add this sign-up to them.",
        )
        self.existing = existing


class SignupListRow(NamedTuple):
    """One line of the Mentors or Mentees table: a sign-up joined with its person.

    A named tuple rather than a frozen dataclass: it is built 100,000 times
    per table load, and a tuple is built several times faster.
    """

    signup_id: int
    person_id: int
    role: Role
    name: str
    email: str
    position: str
    department: str
    projects: tuple[str, ...]
    topics: tuple[str, ...]
    signed_up: date
    program_year: int
    status: SignupStatus
    capacity: int
    taken: int


@dataclass(frozen=True, slots=True)
class AddedSignup:
    """What :func:`add_signup` created."""

    person_id: int
    signup_id: int
    person_created: bool


def person_input(person: Person) -> PersonInput:
    """The editable fields of ``person``."""
    return PersonInput(
        person.name,
        person.email,
        person.position,
        person.department,
        person.projects,
        person.languages,
        person.notes,
    )


def signup_input(signup: Signup) -> SignupInput:
    """The editable fields of ``signup``."""
    return SignupInput(
        signup.role,
        signup.signed_up,
        signup.program_year,
        signup.topics,
        signup.meeting_format,
        signup.capacity,
        signup.motivation,
        signup.status,
    )


_ROLES = {role.value: role for role in Role}
_STATUSES = {status.value: status for status in SignupStatus}


def list_signups(
    db: Database,
    role: Role | None = None,
    *,
    signup_ids: Collection[int] | None = None,
    person_ids: Collection[int] | None = None,
) -> list[SignupListRow]:
    """Every sign-up (of ``role``, if given) with its person, newest sign-up first.

    Reads through SQLAlchemy Core, not ORM objects, and gathers each person's
    projects in the database: this feeds tables of 100,000 rows.

    Args:
        db: The database.
        role: Only sign-ups of this role.
        signup_ids: With ``person_ids``, only these sign-ups and those of these
            people (what a change touched: a table refreshes just those rows).
        person_ids: See ``signup_ids``.
    """
    signup, person = SignupRow.__table__, PersonRow.__table__
    some = signup_ids is not None or person_ids is not None
    wanted = None
    if some:
        # The people of these sign-ups and these people: the projects are gathered for them.
        wanted = select(signup.c.person_id).where(
            signup.c.id.in_(sorted(signup_ids or ()))
            | signup.c.person_id.in_(sorted(person_ids or ())))
    projects = project_names_subquery(
        None if wanted is None else PersonProjectRow.__table__.c.person_id.in_(wanted))
    query = (
        select(
            signup.c.id,
            signup.c.person_id,
            signup.c.role,
            person.c.name,
            person.c.email,
            person.c.position,
            person.c.department,
            projects.c.names,
            type_coerce(signup.c.topics, Text),
            type_coerce(signup.c.signed_up, Text),
            signup.c.program_year,
            signup.c.status,
            signup.c.capacity,
        )
        .join(person, person.c.id == signup.c.person_id)
        .outerjoin(projects, projects.c.person_id == signup.c.person_id)
    )
    if role is not None:
        query = query.where(signup.c.role == role.value)
    if some:
        query = query.where(signup.c.id.in_(sorted(signup_ids or ()))
                            | signup.c.person_id.in_(sorted(person_ids or ())))
    with paused_gc():  # 100,000 rows of small objects and no cycles: see store.bulk
        with db.session() as session:
            connection = session.connection()
            result = list(connection.execute(query).all())
            mentors = [row[0] for row in result] if some else None
            taken = places_taken(session, mentors) if role is not Role.MENTEE else {}
            topics_of = list_decoder(connection.dialect.name)
        return _list_rows(result, taken, topics_of)


def _list_rows(
    result: list[Any], taken: dict[int, int], topics_of: Callable[[Any], tuple[str, ...]]
) -> list[SignupListRow]:
    """The table's rows from the query's, newest first (see :func:`list_signups`)."""
    # Newest sign-up (ISO date text) first, the newest id first among a day's: two stable
    # sorts on one field each build no key tuples (100,000 of them cost more than the sort).
    result.sort(key=itemgetter(0), reverse=True)
    result.sort(key=itemgetter(9), reverse=True)
    # The rows are built with the names bound locally and without a call of the named
    # tuple's Python __new__: this loop runs once per row of a 100,000-row table.
    new, cls, roles, statuses = tuple.__new__, SignupListRow, _ROLES, _STATUSES
    projects_of, day_of, taken_of = project_names, stored_day, taken.get
    return [
        new(cls, (sid, pid, roles[r], name, email, position, department, projects_of(names),
                  topics_of(topics), day_of(signed_up), year, statuses[status], capacity,
                  taken_of(sid, 0)))
        for (sid, pid, r, name, email, position, department, names, topics, signed_up, year,
             status, capacity) in result
    ]


def list_people(db: Database) -> list[Person]:
    """Every person, by id."""
    with db.session() as session:
        projects = projects_by_person(session)
        rows = session.execute(select(PersonRow).order_by(PersonRow.id).execution_options(
            populate_existing=False)).scalars()
        return [
            Person(
                id=r.id,
                name=r.name,
                email=r.email,
                position=r.position,
                department=r.department,
                projects=projects.get(r.id, ()),
                languages=tuple(r.languages or ()),
                notes=r.notes,
            )
            for r in rows
        ]


def program_years(db: Database) -> list[int]:
    """The program years that have sign-ups, newest first."""
    with db.session() as session:
        query = select(SignupRow.program_year).distinct().order_by(SignupRow.program_year.desc())
        return list(session.scalars(query))


def get_signup(db: Database, signup_id: int) -> tuple[Person, Signup]:
    """A sign-up and its person; raise :class:`NotFoundError` if it is gone."""
    with db.session() as session:
        row = session.get(SignupRow, signup_id)
        if row is None:
            raise NotFoundError(f"sign-up {signup_id} does not exist")
        person = session.get(PersonRow, row.person_id)
        assert person is not None
        return person_of(person), signup_of(row)


def find_person(db: Database, email: str) -> Person | None:
    """The person with ``email`` (compared case-folded), if any."""
    with db.session() as session:
        row = session.scalar(select(PersonRow).where(PersonRow.email_key == email_key(email)))
        return person_of(row) if row else None


def _set_projects(session: Session, person_id: int, names: tuple[str, ...]) -> None:
    session.execute(delete(PersonProjectRow).where(PersonProjectRow.person_id == person_id))
    for name in names:
        key = name.casefold()
        project_id = session.scalar(select(ProjectRow.id).where(ProjectRow.name_key == key))
        if project_id is None:
            project = ProjectRow(name=name, name_key=key)
            session.add(project)
            session.flush()
            project_id = project.id
        session.add(PersonProjectRow(person_id=person_id, project_id=project_id))


def _check_email_free(session: Session, email: str, person_id: int | None) -> None:
    row = session.scalar(select(PersonRow).where(PersonRow.email_key == email_key(email)))
    if row is not None and row.id != person_id:
        raise DuplicatePersonError(person_of(row))


def _apply_person(row: PersonRow, person: PersonInput) -> None:
    row.name = person.name
    row.email = person.email
    row.email_key = email_key(person.email)
    row.position = person.position
    row.department = person.department
    row.languages = list(person.languages)
    row.notes = person.notes


def _apply_signup(row: SignupRow, signup: SignupInput) -> None:
    row.role = signup.role.value
    row.signed_up = signup.signed_up
    row.program_year = signup.program_year
    row.status = signup.status.value
    row.topics = list(signup.topics)
    row.meeting_format = signup.meeting_format.value
    row.capacity = signup.capacity
    row.motivation = signup.motivation


def get_person(db: Database, person_id: int) -> Person:
    """A stored person; raise :class:`NotFoundError` if they are gone."""
    with db.session() as session:
        row = session.get(PersonRow, person_id)
        if row is None:
            raise NotFoundError(f"person {person_id} does not exist")
        return person_of(row)


def add_signup(
    db: Database,
    person: PersonInput,
    signup: SignupInput,
    *,
    existing_person_id: int | None = None,
    reuse_ids: AddedSignup | None = None,
) -> AddedSignup:
    """Store a sign-up, creating its person unless ``existing_person_id`` is given.

    Args:
        db: The database.
        person: The person's fields (validated here).
        signup: The sign-up's fields (validated here).
        existing_person_id: Add the sign-up to this stored person, updating
            their fields with ``person``.
        reuse_ids: Ids to recreate rows with (redo of an undone add).

    Raises:
        ValidationError: A field is invalid.
        DuplicatePersonError: The email belongs to another stored person.
    """
    with db.session(write=True) as session:
        settings = load_program_settings(session)
        person = validate_person(person, settings.ladder)
        signup = validate_signup(signup)
        _check_email_free(session, person.email, existing_person_id)
        if existing_person_id is not None:
            person_row = session.get(PersonRow, existing_person_id)
            if person_row is None:
                raise NotFoundError(f"person {existing_person_id} does not exist")
            created = False
        else:
            person_row = PersonRow(id=reuse_ids.person_id if reuse_ids else None)
            session.add(person_row)
            created = True
        _apply_person(person_row, person)
        session.flush()
        _set_projects(session, person_row.id, person.projects)
        signup_row = SignupRow(id=reuse_ids.signup_id if reuse_ids else None,
                               person_id=person_row.id)
        _apply_signup(signup_row, signup)
        session.add(signup_row)
        session.flush()
        return AddedSignup(person_row.id, signup_row.id, created)


@dataclass(frozen=True, slots=True)
class SignupEdit:
    """What :func:`edit_signup` changed: the fields before, and the rows after (with their
    new versions, the base that an undo of this edit starts from)."""

    previous_person: PersonInput
    previous_signup: SignupInput
    person: Person
    signup: Signup


def edit_signup(
    db: Database,
    signup_id: int,
    person: PersonInput,
    signup: SignupInput,
    *,
    base: tuple[Person, Signup] | None = None,
) -> SignupEdit:
    """Change a sign-up and its person, unless someone changed them since ``base`` was read.

    Args:
        db: The database.
        signup_id: The sign-up.
        person: The person's new fields (validated here).
        signup: The sign-up's new fields (validated here).
        base: The person and sign-up as the editor read them (their
            versions): when a field differs in the store now, the edit is refused.

    Raises:
        ValidationError: A field is invalid, or the change is not allowed.
        EditConflict: Someone else changed them since ``base`` was read.
        NotFoundError: The sign-up is gone.
    """
    with db.session(write=True) as session:
        settings = load_program_settings(session)
        person = validate_person(person, settings.ladder)
        signup = validate_signup(signup)
        signup_row = session.get(SignupRow, signup_id, with_for_update=True)
        if signup_row is None:
            raise NotFoundError(f"sign-up {signup_id} does not exist")
        person_row = session.get(PersonRow, signup_row.person_id, with_for_update=True)
        assert person_row is not None
        stored_person, stored_signup = person_of(person_row), signup_of(signup_row)
        if base is not None:
            _check_base(base, stored_person, stored_signup, person_row, signup_row)
        if signup.role.value != signup_row.role and has_pairs(session, signup_id):
            raise ValidationError("role", "The role cannot change: this sign-up is in a pair.")
        taken = places_taken(session, [signup_id]).get(signup_id, 0)
        if signup.role is Role.MENTOR and capacity_below_taken(signup.capacity, taken):
            raise ValidationError(
                "capacity",
                f"The places cannot be {signup.capacity}: the sign-up's pairs already take "
                f"{taken} (drafts and closed pairs count too).",
            )
        _check_email_free(session, person.email, person_row.id)
        check_status_change(session, signup_row, signup.status)
        previous_person, previous_signup = person_input(stored_person), signup_input(stored_signup)
        _apply_person(person_row, person)
        if person.projects != stored_person.projects:
            _set_projects(session, person_row.id, person.projects)
            flag_modified(person_row, "name")  # the projects are the person's: a new version
        _apply_signup(signup_row, signup)
        session.flush()
        session.expire(person_row, ["projects"])
        return SignupEdit(previous_person, previous_signup, person_of(person_row),
                          signup_of(signup_row))


def _check_base(
    base: tuple[Person, Signup],
    person: Person,
    signup: Signup,
    person_row: PersonRow,
    signup_row: SignupRow,
) -> None:
    """Refuse an edit whose person or sign-up changed in the store since ``base`` was read."""
    changed: list[str] = []
    stamps = []
    if is_stale(base[0].version, person.version):
        changed += differing_fields(person_input(base[0]), person_input(person))
        stamps.append((person_row.modified_by, person_row.modified_at))
    if is_stale(base[1].version, signup.version):
        changed += differing_fields(signup_input(base[1]), signup_input(signup))
        stamps.append((signup_row.modified_by, signup_row.modified_at))
    if changed:
        by, at = newest(stamps)
        raise EditConflict(f"{person.name}’s {signup.role.value} sign-up", by, at, changed)


def update_signup(
    db: Database,
    signup_id: int,
    person: PersonInput,
    signup: SignupInput,
    *,
    base: tuple[Person, Signup] | None = None,
) -> tuple[PersonInput, SignupInput]:
    """Change a sign-up and its person; return their previous fields (for undo).

    See :func:`edit_signup`, which also returns the rows as changed.
    """
    edit = edit_signup(db, signup_id, person, signup, base=base)
    return edit.previous_person, edit.previous_signup


def remove_signup(
    db: Database,
    added: AddedSignup,
    *,
    person: PersonInput | None = None,
    base: tuple[Person, Signup] | None = None,
) -> None:
    """Remove a sign-up that was just added (the undo of :func:`add_signup`).

    The person goes too when the add created them and they have no other sign-up.
    When the add updated a stored person, ``person`` gives the fields to put back.
    ``base`` is the person and sign-up as the add left them: if someone changed
    them since, nothing is removed (:class:`EditConflict`).
    """
    with db.session(write=True) as session:
        if base is not None:
            signup_row = session.get(SignupRow, added.signup_id, with_for_update=True)
            person_row = session.get(PersonRow, added.person_id, with_for_update=True)
            if signup_row is not None and person_row is not None:
                _check_base(base, person_of(person_row), signup_of(signup_row), person_row,
                            signup_row)
        if has_pairs(session, added.signup_id):
            raise ValidationError("signup", "This sign-up is in a pair and cannot be removed.")
        session.execute(delete(SignupRow).where(SignupRow.id == added.signup_id))
        if person is not None and not added.person_created:
            row = session.get(PersonRow, added.person_id)
            if row is None:
                raise NotFoundError(f"person {added.person_id} does not exist")
            _apply_person(row, person)
            _set_projects(session, row.id, person.projects)
        if added.person_created:
            others = session.scalar(
                select(func.count()).where(SignupRow.person_id == added.person_id)
            )
            if not others:
                session.execute(delete(PersonRow).where(PersonRow.id == added.person_id))

