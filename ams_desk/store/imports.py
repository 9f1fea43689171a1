"""The store side of the sign-up import: what is stored for a sheet's people, and bulk writes.

The sheets layer decides what a sheet means; this module reads the stored
people and sign-ups it concerns (:func:`load_import_state`) and writes an
import in ONE transaction with bulk statements (:func:`write_import`). The
writing transaction takes the database's write lock first and reads the state
again inside it, so what is written is decided on what is stored at that
moment, not on a preview that may be stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from ams_desk.core.model import MeetingFormat, Role, SignupStatus
from ams_desk.core.validation import PersonInput, email_key
from ams_desk.store.database import Database
from ams_desk.store.import_runs import record_run
from ams_desk.store.import_state import (
    ImportState,
    StoredSignup,
    load_import_state,
    load_state,
)
from ams_desk.store.rows import IN_CHUNK, chunks
from ams_desk.store.schema import PersonProjectRow, PersonRow, ProjectRow, SignupRow

__all__ = [
    "CHUNK", "ImportState", "ImportWrites", "NewSignup", "SignupSource",
    "SignupValues", "StoredSignup", "WriteCancelled", "load_import_state",
    "signup_sources", "write_import",
]  # fmt: skip

T = TypeVar("T")

_PERSON = cast(Table, PersonRow.__table__)
_PROJECT = cast(Table, ProjectRow.__table__)
_LINK = cast(Table, PersonProjectRow.__table__)
_SIGNUP = cast(Table, SignupRow.__table__)

CHUNK = 1_000
"""Rows per bulk statement; progress is reported and cancel checked between chunks."""

_PG_IMPORT_LOCK = 4_712_001  # advisory lock id: one import at a time per PostgreSQL database


class WriteCancelled(Exception):
    """The caller's ``cancelled()`` returned True while writing; nothing was written."""


@dataclass(frozen=True, slots=True)
class SignupValues:
    """A sign-up's fields as the import writes them (the status is never touched)."""

    role: Role
    signed_up: date
    program_year: int
    topics: tuple[str, ...]
    meeting_format: MeetingFormat
    capacity: int
    motivation: str
    source_file: str | None
    source_row: int | None


@dataclass(frozen=True, slots=True)
class NewSignup:
    """A sign-up to create, for a stored person or for one created by the same import."""

    values: SignupValues
    person_id: int | None = None
    new_person: int | None = None  # index into ImportWrites.new_people


@dataclass
class ImportWrites:
    """Everything one import writes."""

    new_people: list[PersonInput] = field(default_factory=list)
    person_updates: dict[int, PersonInput] = field(default_factory=dict)
    project_updates: set[int] = field(default_factory=set)  # person ids whose projects change
    new_signups: list[NewSignup] = field(default_factory=list)
    signup_updates: dict[int, SignupValues] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """The number of rows written (for progress)."""
        return (
            len(self.new_people) + len(self.person_updates) + len(self.new_signups)
            + len(self.signup_updates)
        )  # fmt: skip


def write_import(
    db: Database,
    email_keys: Iterable[str],
    plan: Callable[[ImportState], tuple[ImportWrites, T]],
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    source: tuple[str, str | None] = ("", None),
) -> tuple[T, int | None]:
    """Decide and write an import in one transaction: all of it, or nothing.

    The import is recorded (see :mod:`ams_desk.store.import_runs`) in the same
    transaction, so that it can be undone.

    Args:
        db: The database.
        email_keys: The email keys of the sheet's people.
        plan: Called inside the transaction with the state read there; returns
            the writes and a result that is passed back to the caller.
        progress: Optional ``progress(done, total)`` in rows written.
        cancelled: Optional ``cancelled()``, checked between chunks.
        source: The file name and worksheet, for the record.

    Returns:
        The result ``plan`` returned, and the id of the import's record
        (``None`` when it wrote nothing).

    Raises:
        WriteCancelled: ``cancelled()`` returned True; the transaction was rolled back.
        Exception: Whatever ``plan``, ``progress`` or the database raised; the
            transaction was rolled back.
    """
    keys = list(email_keys)
    with db.session() as session:
        take_write_lock(session)
        state = load_state(session, keys)
        writes, result = plan(state)
        writer = _Writer(session, writes, progress, cancelled)
        writer.run()
        run_id = record_run(session, file=source[0], sheet=source[1], state=state,
                            writes=writes, new_person_ids=writer.person_ids,
                            new_signup_ids=writer.signup_ids)
    return result, run_id


def take_write_lock(session: Session) -> None:
    """Serialise imports and their undo: SQLite's write lock, or a PostgreSQL advisory lock."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # A write statement takes SQLite's write lock now, before the state is read,
        # so no other writer can change that state before this transaction commits.
        session.execute(text("UPDATE setting SET key = key WHERE 0"))
    elif dialect == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_PG_IMPORT_LOCK)))


class _Writer:
    """Writes :class:`ImportWrites` with executemany statements, chunk by chunk."""

    def __init__(
        self,
        session: Session,
        writes: ImportWrites,
        progress: Callable[[int, int | None], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.conn = session.connection()
        self.writes = writes
        self.progress = progress
        self.cancelled = cancelled
        self.done = 0
        self.person_ids: list[int] = []
        self.signup_ids: list[int] = []

    def step(self, rows: int) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise WriteCancelled("the import was cancelled; nothing was written")
        if self.progress is not None:
            self.progress(self.done, self.writes.size)

    def run(self) -> None:
        w = self.writes
        self.step(0)
        project_ids = self.project_ids()
        person_ids = self.person_ids = self.insert_people()
        self.update_people()
        links = [(pid, w.new_people[i].projects) for i, pid in enumerate(person_ids)]
        links += [(pid, w.person_updates[pid].projects) for pid in sorted(w.project_updates)]
        self.link_projects(links, project_ids)
        self.insert_signups(person_ids)
        self.update_signups()

    def project_ids(self) -> dict[str, int]:
        w = self.writes
        names: dict[str, str] = {}
        for values in [*w.new_people, *(w.person_updates[i] for i in w.project_updates)]:
            for name in values.projects:
                names.setdefault(name.casefold(), name)
        project = _PROJECT
        ids: dict[str, int] = {}
        for keys in chunks(sorted(names), IN_CHUNK):
            query = select(project.c.name_key, project.c.id).where(project.c.name_key.in_(keys))
            ids.update({k: int(v) for k, v in self.conn.execute(query)})
        missing = [{"name": names[k], "name_key": k} for k in sorted(names) if k not in ids]
        if missing:
            stmt = insert(project).returning(project.c.name_key, project.c.id)
            ids.update({k: int(v) for k, v in self.conn.execute(stmt, missing)})
        return ids

    def insert_people(self) -> list[int]:
        person = _PERSON
        new_people = self.writes.new_people
        keys = [email_key(p.email) for p in new_people]
        for chunk in chunks(range(len(new_people)), CHUNK):
            params = [{**_person_params(new_people[i]), "email_key": keys[i]} for i in chunk]
            # Plain executemany: RETURNING with guaranteed order goes row by row on SQLite.
            self.conn.execute(insert(person), params)
            self.step(len(chunk))
        ids: dict[str, int] = {}
        for chunk_keys in chunks(keys, IN_CHUNK):
            query = select(person.c.email_key, person.c.id).where(
                person.c.email_key.in_(chunk_keys))
            ids.update({k: int(v) for k, v in self.conn.execute(query)})
        return [ids[k] for k in keys]

    def update_people(self) -> None:
        person = _PERSON
        stmt = (
            update(person)
            .where(person.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in _PERSON_COLUMNS})
        )
        items = sorted(self.writes.person_updates.items())
        for chunk in chunks(items, CHUNK):
            params = [
                {"b_id": pid, **{f"b_{k}": v for k, v in _person_params(p).items()}}
                for pid, p in chunk
            ]
            self.conn.execute(stmt, params)
            self.step(len(chunk))

    def link_projects(
        self, links: list[tuple[int, tuple[str, ...]]], project_ids: dict[str, int]
    ) -> None:
        link = _LINK
        for ids in chunks(sorted(self.writes.project_updates), IN_CHUNK):
            self.conn.execute(delete(link).where(link.c.person_id.in_(ids)))
        rows = [
            {"person_id": pid, "project_id": project_id}
            for pid, names in links
            for project_id in dict.fromkeys(project_ids[n.casefold()] for n in names)
        ]
        for chunk in chunks(rows, CHUNK * 5):
            self.conn.execute(insert(link), list(chunk))

    def insert_signups(self, new_person_ids: list[int]) -> None:
        signup = _SIGNUP
        new_signups = self.writes.new_signups
        if not new_signups:
            return
        before = self.conn.execute(select(func.max(signup.c.id))).scalar() or 0
        owners: list[int] = []
        for chunk in chunks(new_signups, CHUNK):
            params = []
            for item in chunk:
                person_id = (
                    item.person_id if item.new_person is None else new_person_ids[item.new_person]
                )
                assert person_id is not None
                owners.append(person_id)
                params.append(
                    {"person_id": person_id, "status": SignupStatus.OPEN.value,
                     **_signup_params(item.values)}
                )  # fmt: skip
            self.conn.execute(insert(signup), params)
            self.step(len(chunk))
        # Their ids, for the record: the rows above the old maximum, told apart by person,
        # role and sheet row (one row makes at most one sign-up of a person).
        found: dict[tuple[int, str, int | None], int] = {}
        query = select(signup.c.id, signup.c.person_id, signup.c.role, signup.c.source_row).where(
            signup.c.id > before)
        for row in self.conn.execute(query):
            found.setdefault((row.person_id, row.role, row.source_row), int(row.id))
        self.signup_ids = [
            found[(owner, item.values.role.value, item.values.source_row)]
            for owner, item in zip(owners, new_signups, strict=True)
        ]

    def update_signups(self) -> None:
        signup = _SIGNUP
        stmt = (
            update(signup)
            .where(signup.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in _SIGNUP_COLUMNS})
        )
        items = sorted(self.writes.signup_updates.items())
        for chunk in chunks(items, CHUNK):
            params = [
                {"b_id": sid, **{f"b_{k}": v for k, v in _signup_params(s).items()}}
                for sid, s in chunk
            ]
            self.conn.execute(stmt, params)
            self.step(len(chunk))


_PERSON_COLUMNS = ("name", "email", "position", "department", "languages")
_SIGNUP_COLUMNS = (
    "role", "signed_up", "program_year", "topics", "meeting_format", "capacity", "motivation",
    "source_file", "source_row",
)  # fmt: skip


def _person_params(p: PersonInput) -> dict[str, Any]:
    # Notes are the team's own: an import never writes them.
    return {
        "name": p.name, "email": p.email, "position": p.position, "department": p.department,
        "languages": list(p.languages),
    }  # fmt: skip


def _signup_params(s: SignupValues) -> dict[str, Any]:
    return {
        "role": s.role.value, "signed_up": s.signed_up, "program_year": s.program_year,
        "topics": list(s.topics), "meeting_format": s.meeting_format.value,
        "capacity": s.capacity, "motivation": s.motivation, "source_file": s.source_file,
        "source_row": s.source_row,
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SignupSource:
    """A sign-up's answers the tables do not show, and the file and row it was imported from.

    Attributes:
        notes: The motivation text.
        file: The file it was imported from, if it was.
        row: The sheet's row number it came from, if it was imported.
        meeting_format: How the person prefers to meet.
        languages: The person's languages.
    """

    notes: str
    file: str | None
    row: int | None
    meeting_format: MeetingFormat = MeetingFormat.ANY
    languages: tuple[str, ...] = ()


def signup_sources(db: Database) -> dict[int, SignupSource]:
    """Every sign-up's motivation, meeting preference, languages and import source, by id."""
    signup, person = _SIGNUP, _PERSON
    query = select(
        signup.c.id, signup.c.motivation, signup.c.source_file, signup.c.source_row,
        signup.c.meeting_format, person.c.languages,
    ).join(person, person.c.id == signup.c.person_id)  # fmt: skip
    with db.session() as session:
        return {
            sid: SignupSource(notes or "", source_file, source_row, MeetingFormat(meeting),
                              tuple(languages or ()))
            for sid, notes, source_file, source_row, meeting, languages
            in session.connection().execute(query)
        }
