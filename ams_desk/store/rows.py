"""The store's shared kernel: row mappers and the queries every service reads.

Services (:mod:`~ams_desk.store.people`, :mod:`~ams_desk.store.pairs`,
:mod:`~ams_desk.store.drafts`, :mod:`~ams_desk.store.board`, the import) build
on these and never on each other's private helpers, so that a query is
written once and a stored value is decoded one way.

What a stored value means is decided in the core: which pairs take a
mentor's place is :data:`ams_desk.core.places.TAKES_PLACE`; this module only
counts them (:func:`places_taken`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, Subquery, func, select
from sqlalchemy.orm import Session, aliased

from ams_desk.core.eligibility import PairingHistory, PastPairing
from ams_desk.core.model import MeetingFormat, Pair, PairEvent, Person, Role, Signup, SignupStatus
from ams_desk.core.places import FREES_PLACE
from ams_desk.core.workflow import PairStatus
from ams_desk.store.schema import (
    PairEventRow,
    PairRow,
    PersonProjectRow,
    PersonRow,
    ProjectRow,
    SignupRow,
)

T = TypeVar("T")

IN_CHUNK = 500
"""Keys per ``IN (...)`` list: well under SQLite's limit on the parameters of one statement."""

FREEING_VALUES = tuple(sorted(s.value for s in FREES_PLACE))
"""The stored pair statuses that give a mentor's place back, for ``NOT IN`` conditions."""


class NotFoundError(LookupError):
    """A row asked for by id does not exist (any more)."""


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterable[Sequence[T]]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- decoding stored values ----------------------------------------------------------


@lru_cache(maxsize=4096)
def _json_list(raw: str | None) -> tuple[str, ...]:
    """Decode a stored JSON list once per distinct value (topic lists repeat a lot)."""
    return tuple(json.loads(raw)) if raw else ()


def stored_list(raw: str | list[str] | None) -> tuple[str, ...]:
    """A stored JSON list: text from SQLite, already decoded by PostgreSQL's driver."""
    return tuple(raw) if isinstance(raw, list) else _json_list(raw)


@lru_cache(maxsize=8192)
def stored_day(value: str | date) -> date:
    """A stored day, read once per distinct value (SQLite gives text, PostgreSQL a date)."""
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def list_decoder(dialect: str) -> Callable[[Any], tuple[str, ...]]:
    """:func:`stored_list` for one kind of database, for reading whole tables.

    SQLite gives JSON text: its decoder is then the cache itself, a call that
    runs no Python code when the value was seen before.
    """
    return _json_list if dialect == "sqlite" else stored_list


PROJECT_SEPARATOR = "\x1f"
"""Between the project names that :func:`project_names_subquery` aggregates."""


@lru_cache(maxsize=8192)
def project_names(names: str | None) -> tuple[str, ...]:
    """A person's projects from the aggregated names, sorted (cached: combinations repeat)."""
    return tuple(sorted(names.split(PROJECT_SEPARATOR), key=str.casefold)) if names else ()


# --- row mappers ---------------------------------------------------------------------


def person_of(row: PersonRow) -> Person:
    """The plain person of an ORM row (its projects as the row holds them)."""
    return Person(
        id=row.id,
        name=row.name,
        email=row.email,
        position=row.position,
        department=row.department,
        projects=tuple(p.name for p in row.projects),
        languages=tuple(row.languages or ()),
        notes=row.notes,
        version=row.version,
    )


def signup_of(row: SignupRow) -> Signup:
    """The plain sign-up of an ORM row."""
    return Signup(
        id=row.id,
        person_id=row.person_id,
        role=Role(row.role),
        signed_up=row.signed_up,
        program_year=row.program_year,
        status=SignupStatus(row.status),
        topics=tuple(row.topics or ()),
        meeting_format=MeetingFormat(row.meeting_format),
        capacity=row.capacity,
        motivation=row.motivation,
        version=row.version,
    )


def pair_of(row: PairRow) -> Pair:
    """The plain pair of an ORM row, with its timeline."""
    return Pair(
        id=row.id,
        mentor_signup_id=row.mentor_signup_id,
        mentee_signup_id=row.mentee_signup_id,
        status=PairStatus(row.status),
        program_year=row.program_year,
        events=tuple(event_of(e) for e in row.events),
        version=row.version,
    )


def event_of(row: PairEventRow) -> PairEvent:
    """The plain timeline entry of an ORM row."""
    return PairEvent(
        at=row.at,
        kind=row.kind,
        status=PairStatus(row.status) if row.status else None,
        by=row.by,
        note=row.note,
        details=dict(row.details) if row.details else None,
        id=row.id,
    )


# --- shared queries ------------------------------------------------------------------


def _in_chunks(
    query: Select[Any], column: ColumnElement[int], ids: Collection[int] | None
) -> Iterator[Select[Any]]:
    """``query`` once (``ids`` is None: every row), or once per chunk of ``ids`` in ``column``."""
    if ids is None:
        yield query
        return
    for chunk in chunks(sorted(set(ids))):
        yield query.where(column.in_(chunk))


def project_names_subquery(people: ColumnElement[bool] | None = None) -> Subquery:
    """Per person with projects, ``person_id`` and their project ``names`` in one text.

    Joined to sign-up queries of whole tables (100,000 rows), so that each
    person's projects come in the same row; decode ``names`` with
    :func:`project_names`. ``people``, a condition on the link table's
    ``person_id``, limits it to a few people (a refresh of a few rows).
    """
    link, project = PersonProjectRow.__table__, ProjectRow.__table__
    query = (
        select(link.c.person_id.label("person_id"),
               func.aggregate_strings(project.c.name, PROJECT_SEPARATOR).label("names"))
        .join(project, project.c.id == link.c.project_id)
    )  # fmt: skip
    if people is not None:
        query = query.where(people)
    return query.group_by(link.c.person_id).subquery()


def projects_by_person(
    session: Session, person_ids: Collection[int] | None = None
) -> dict[int, tuple[str, ...]]:
    """The projects of these people (default: everyone), by person id, by name."""
    link, project = PersonProjectRow.__table__, ProjectRow.__table__
    query = (
        select(link.c.person_id, project.c.name)
        .join(project, project.c.id == link.c.project_id)
        .order_by(link.c.person_id, project.c.name)
    )
    found: dict[int, list[str]] = defaultdict(list)
    connection = session.connection()
    for part in _in_chunks(query, link.c.person_id, person_ids):
        for person_id, name in connection.execute(part):
            found[person_id].append(name)
    return {k: tuple(v) for k, v in found.items()}


def places_taken(
    session: Session, mentor_signup_ids: Collection[int] | None = None
) -> dict[int, int]:
    """The one count of a mentor sign-up's places taken, for these sign-ups (default: all).

    Every pair of the sign-up takes a place unless it gave it back
    (:data:`ams_desk.core.places.TAKES_PLACE`). Sign-ups without such pairs
    are left out (they have taken none).
    """
    pair = PairRow.__table__
    query = (
        select(pair.c.mentor_signup_id, func.count())
        .where(pair.c.status.not_in(FREEING_VALUES))
        .group_by(pair.c.mentor_signup_id)
    )
    taken: dict[int, int] = {}
    connection = session.connection()
    for part in _in_chunks(query, pair.c.mentor_signup_id, mentor_signup_ids):
        taken.update((int(k), int(v)) for k, v in connection.execute(part))
    return taken


def mentees_in_pairs(session: Session, mentee_signup_ids: Collection[int]) -> set[int]:
    """Which of these mentee sign-ups are in a pair that holds them, drafts included.

    A draft leaves its mentee's sign-up open (it tells no one), so the status
    alone does not say that the mentee is placed; this does. Declined and
    cancelled pairs give the mentee back (:data:`ams_desk.core.places.FREES_PLACE`).
    """
    pair = PairRow.__table__
    query = select(pair.c.mentee_signup_id).where(pair.c.status.not_in(FREEING_VALUES))
    connection = session.connection()
    return {
        int(signup_id)
        for part in _in_chunks(query, pair.c.mentee_signup_id, mentee_signup_ids)
        for (signup_id,) in connection.execute(part)
    }


def pairing_history(session: Session) -> PairingHistory:
    """Every earlier pairing of two people, in any year (drafts are left out by the core)."""
    mentor = aliased(SignupRow)
    mentee = aliased(SignupRow)
    query = (
        select(mentor.person_id, mentee.person_id, PairRow.program_year, PairRow.status)
        .join(mentor, mentor.id == PairRow.mentor_signup_id)
        .join(mentee, mentee.id == PairRow.mentee_signup_id)
    )
    return PairingHistory.of(
        PastPairing(mentor_id, mentee_id, year, PairStatus(status))
        for mentor_id, mentee_id, year, status in session.execute(query)
    )


def lock_signups(session: Session, signup_ids: Iterable[int]) -> None:
    """Lock these sign-ups' rows until the unit of work ends (PostgreSQL ``FOR UPDATE``, in
    id order so that two writers never wait for each other; on SQLite a writing unit of
    work already holds the file's write lock)."""
    ids = sorted(set(signup_ids))
    if ids and session.get_bind().dialect.name != "sqlite":
        table = SignupRow.__table__
        session.execute(select(table.c.id).where(table.c.id.in_(ids)).order_by(table.c.id)
                        .with_for_update())


def stored_pair(session: Session, pair_id: int) -> PairRow:
    """The pair's ORM row; raise :class:`NotFoundError` when it is gone."""
    pair = session.get(PairRow, pair_id)
    if pair is None:
        raise NotFoundError(f"pair {pair_id} does not exist")
    return pair


def stored_signup(session: Session, signup_id: int) -> SignupRow:
    """The sign-up's ORM row; raise :class:`NotFoundError` when it is gone."""
    signup = session.get(SignupRow, signup_id)
    if signup is None:
        raise NotFoundError(f"sign-up {signup_id} does not exist")
    return signup
