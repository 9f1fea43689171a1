"""Read-only views over pairs for the Pairs table, the attention list and people's history."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Select,
    Text,
    cast,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from ams_desk.core.attention import (
    AttentionItem,
    SignupActivity,
    attention_items,
    why_not_placed,
)
from ams_desk.core.model import Pair, PairEvent, Person, Role, Signup
from ams_desk.core.workflow import (
    STATUS_LABELS,
    Deadline,
    DeadlineSettings,
    PairStatus,
    deadlines,
    open_deadline,
)
from ams_desk.store.bulk import paused_gc
from ams_desk.store.database import Database
from ams_desk.store.pool import draft_mentors, free_mentor_ranks
from ams_desk.store.retention import ended_signups
from ams_desk.store.rows import NotFoundError, chunks, person_of, signup_of, stored_day
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings


class PairListRow(NamedTuple):
    """One line of the Pairs table.

    Rows of the whole table carry no events (``pair.events`` is empty) and
    only the open deadline; :func:`get_pair_row` gives one pair in full. A
    named tuple rather than a frozen dataclass: the table builds 100,000.
    """

    pair: Pair
    mentor_name: str
    mentee_name: str
    mentor_email: str
    mentee_email: str
    mentor_person_id: int
    mentee_person_id: int
    since: date
    deadlines: tuple[Deadline, ...]
    meetings: int = 0
    """How many times the pair met: the met step and the meetings recorded after it (a row
    of steps only counts the met step)."""

    @property
    def status(self) -> PairStatus:
        return self.pair.status

    def open_deadline(self) -> Deadline | None:
        """The deadline still running or missed, if any."""
        open_ = [d for d in self.deadlines if d.met_on is None]
        return open_[-1] if open_ else None


def _rows(
    session: Session,
    where: ColumnElement[bool] | None = None,
    *,
    full: bool = False,
) -> list[PairListRow]:
    """Pairs (matching ``where``) with names, events and deadlines, read through Core.

    The Pairs table may hold 100,000 pairs with half a million events: ORM
    objects for each would take many seconds. Unless ``full``, no events are
    read: each pair's latest step and meetings count are stored on it (kept by
    the database, revision 0008), which is all the table and its open deadline
    need. ``full`` reads every event too, for a timeline.
    """
    settings = load_program_settings(session).deadlines
    connection = session.connection()
    with paused_gc():  # 100,000 rows of small objects and no cycles: see store.bulk
        found: Iterable[tuple[Any, ...]]
        if where is None and not full:
            found = _every_pair(connection)
        else:
            found = connection.execute(_pairs_with_people(connection, where)).all()
        events = _events(connection, where) if full else {}
        # Only some statuses open a deadline (the core says which); the others need no call.
        with_deadline = {s for s in PairStatus if open_deadline(s, date.today(), settings)}
        new, cls = tuple.__new__, PairListRow
        rows = []
        for (pair_id, mentor_signup_id, mentee_signup_id, status, year, mentor_name, mentee_name,
             mentor_email, mentee_email, mentor_id, mentee_id, day_text, meetings) in found:
            state = _STATUSES[status]
            timeline: tuple[PairEvent, ...] = ()
            deadlines_found: tuple[Deadline, ...] = ()
            day = date.min if day_text is None else stored_day(day_text)
            if full:
                timeline = tuple(events.get(pair_id, ()))
                deadlines_found = tuple(deadlines(timeline, settings))
            elif state in with_deadline:
                deadline = open_deadline(state, day, settings)
                deadlines_found = (deadline,) if deadline else ()
            rows.append(new(cls, (
                Pair(pair_id, mentor_signup_id, mentee_signup_id, state, year, timeline),
                mentor_name, mentee_name, mentor_email, mentee_email, mentor_id, mentee_id, day,
                deadlines_found, meetings)))
        return rows


def _step_day(connection: Connection) -> ColumnElement[Any]:
    """The day of each pair's latest step: on SQLite the first ten characters of the
    stored text (each day then decoded once: ``stored_day`` is a cache), on PostgreSQL
    the moment cast to a date."""
    stepped_at = PairRow.__table__.c.stepped_at
    if connection.dialect.name == "sqlite":
        return func.substr(type_coerce(stepped_at, Text), 1, 10)
    return cast(stepped_at, Date)


def _every_pair(connection: Connection) -> Iterator[tuple[Any, ...]]:
    """Every pair as :func:`_pairs_with_people` gives them, joined here rather than in SQL.

    Four index lookups per pair (two sign-ups, two people) cost SQLite more
    than reading the three tables once each and joining them in dictionaries;
    the rows come as the driver gives them (no column here needs converting).
    """
    pair, signup, person = PairRow.__table__, SignupRow.__table__, PersonRow.__table__
    person_of_signup = dict(_driver_rows(connection, select(signup.c.id, signup.c.person_id)))
    people = {row[0]: row for row in _driver_rows(
        connection, select(person.c.id, person.c.name, person.c.email))}
    for (pair_id, mentor_signup_id, mentee_signup_id, status, year, day,
         meetings) in _driver_rows(connection, select(
            pair.c.id, pair.c.mentor_signup_id, pair.c.mentee_signup_id, pair.c.status,
            pair.c.program_year, _step_day(connection), pair.c.meetings).order_by(pair.c.id)):
        mentor_id, mentor_name, mentor_email = people[person_of_signup[mentor_signup_id]]
        mentee_id, mentee_name, mentee_email = people[person_of_signup[mentee_signup_id]]
        yield (pair_id, mentor_signup_id, mentee_signup_id, status, year, mentor_name,
               mentee_name, mentor_email, mentee_email, mentor_id, mentee_id, day, meetings)


def _driver_rows(connection: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as plain tuples from the database driver.

    For reading whole tables: SQLAlchemy's result rows cost a third more to
    make and to unpack, and these columns need no conversion (numbers, text,
    and dates that PostgreSQL's driver already decodes).
    """
    sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _pairs_with_people(connection: Connection, where: ColumnElement[bool] | None) -> Select[Any]:
    """Pairs (matching ``where``) by id, each with its people's names, emails and ids, the
    day of its latest step and how often it met."""
    pair, signup, person = PairRow.__table__, SignupRow.__table__, PersonRow.__table__
    mentor_signup, mentee_signup = signup.alias("mentor_signup"), signup.alias("mentee_signup")
    mentor, mentee = person.alias("mentor"), person.alias("mentee")
    query = (
        select(
            pair.c.id,
            pair.c.mentor_signup_id,
            pair.c.mentee_signup_id,
            pair.c.status,
            pair.c.program_year,
            mentor.c.name,
            mentee.c.name,
            mentor.c.email,
            mentee.c.email,
            mentor.c.id,
            mentee.c.id,
            _step_day(connection),
            pair.c.meetings,
        )
        .join(mentor_signup, mentor_signup.c.id == pair.c.mentor_signup_id)
        .join(mentee_signup, mentee_signup.c.id == pair.c.mentee_signup_id)
        .join(mentor, mentor.c.id == mentor_signup.c.person_id)
        .join(mentee, mentee.c.id == mentee_signup.c.person_id)
        .order_by(pair.c.id)
    )
    return query if where is None else query.where(where)


def _events(
    connection: Connection, where: ColumnElement[bool] | None
) -> dict[int, list[PairEvent]]:
    """The events of the pairs matching ``where``."""
    event = PairEventRow.__table__
    events_query = select(
        event.c.pair_id,
        event.c.id,
        type_coerce(event.c.at, Text),
        event.c.kind,
        event.c.status,
        event.c.by,
        event.c.note,
        type_coerce(event.c.details, Text),
    ).order_by(event.c.pair_id, event.c.at, event.c.id)
    if where is not None:
        events_query = events_query.where(
            event.c.pair_id.in_(select(PairRow.__table__.c.id).where(where).scalar_subquery())
        )
    events: dict[int, list[PairEvent]] = defaultdict(list)
    for pair_id, event_id, at, kind, status, by, note, details in connection.execute(
        events_query
    ).all():
        events[pair_id].append(
            PairEvent(_moment(at), kind, _EVENT_STATUSES[status], by, note, _details(details),
                      event_id)
        )
    return events


_STATUSES = {status.value: status for status in PairStatus}
_EVENT_STATUSES: dict[str | None, PairStatus | None] = {None: None}
_EVENT_STATUSES.update(_STATUSES)


def _moment(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _details(value: str | dict[str, str] | None) -> dict[str, str] | None:
    if value is None or isinstance(value, dict):
        return value
    decoded = json.loads(value)
    return decoded if isinstance(decoded, dict) else None


def list_pair_rows(
    db: Database,
    pair_ids: Collection[int] | None = None,
    *,
    statuses: Collection[PairStatus] | None = None,
) -> list[PairListRow]:
    """Every pair (or those of ``pair_ids``, or in ``statuses``) with its people's names and
    derived deadlines."""
    pair = PairRow.__table__
    with db.session() as session:
        if pair_ids is not None:
            return _rows(session, pair.c.id.in_(sorted(pair_ids)))
        if statuses is not None:
            return _rows(session, pair.c.status.in_(sorted(s.value for s in statuses)))
        return _rows(session)


def pair_years(db: Database) -> list[int]:
    """The program years that have pairs, newest first."""
    year = PairRow.__table__.c.program_year
    with db.session() as session:
        return list(session.scalars(select(year).distinct().order_by(year.desc())))


def get_pair_row(db: Database, pair_id: int) -> PairListRow:
    with db.session() as session:
        found = _rows(session, PairRow.__table__.c.id == pair_id, full=True)
        if not found:
            raise NotFoundError(f"pair {pair_id} does not exist")
        return found[0]


def ended_text(activity: SignupActivity) -> str:
    """The About column of a person due for erasure."""
    signup = activity.signup
    return (f"{signup.role.value} sign-up {signup.status.value}, last activity "
            f"{activity.last_activity.isoformat()}; erase with Erase… (or ams-desk person erase)")


def attention_list(db: Database, today: date) -> list[AttentionItem]:
    """What needs the team's action on ``today`` (see :func:`core.attention.attention_items`)."""
    return [entry.item for entry in attention_entries(db, today)]


@dataclass(frozen=True, slots=True)
class AttentionEntry:
    """An attention item with the names it concerns, for the list on screen.

    Attributes:
        item: What needs attention.
        who: Both people of a pair (mentor → mentee), or the waiting mentee.
        about: A pair's step (its status and day) with both people named and
            their roles, or a mentee's position and sign-up day.
        blocked: Why a waiting mentee cannot be placed (empty when some mentor could
            take them; :func:`ams_desk.core.attention.why_not_placed`).
        draft_with: The mentor of the waiting mentee's draft (a draft tells no one, so
            the mentee still waits until it is proposed).
    """

    item: AttentionItem
    who: str
    about: str
    blocked: str = ""
    draft_with: str = ""


def attention_entries(db: Database, today: date) -> list[AttentionEntry]:
    """The attention list with names, reading only the pairs and sign-ups it can concern."""
    with paused_gc():  # thousands of small objects and no cycles: see store.bulk
        return _attention_entries(db, today)


def _attention_entries(db: Database, today: date) -> list[AttentionEntry]:
    with db.session() as session:
        settings = load_program_settings(session)
        late = _late_steps(session, today, settings.deadlines)
        # The ranks found, not each mentor's: why_not_placed asks only the highest.
        mentor_ranks = frozenset(free_mentor_ranks(session, settings, today))
        drafts = draft_mentors(session)
        signup, person = SignupRow.__table__, PersonRow.__table__
        # Only those waiting longer than the limit can be listed (attention_items decides).
        waited = today - timedelta(days=settings.waiting_alert_days)
        open_mentees = _driver_rows(session.connection(), (
            select(signup.c.id, type_coerce(signup.c.signed_up, Text), signup.c.program_year,
                   person.c.name, person.c.position)
            .join(person, person.c.id == signup.c.person_id)
            .where(signup.c.role == Role.MENTEE.value, signup.c.status == "open",
                   signup.c.signed_up < waited)))
        ended = ended_signups(session, today, settings.retention_years)
        signups = {sid: (stored_day(day), year, name, position)
                   for sid, day, year, name, position in open_mentees}
        items = attention_items(
            [],
            [],
            today=today,
            settings=settings.deadlines,
            waiting_days=settings.waiting_alert_days,
            ended=[activity for activity, _ in ended],
            retention_years=settings.retention_years,
            stepped=late,
            waiting=[(sid, found[0]) for sid, found in signups.items()],
        )
        # Names only for the pairs listed (a few hundred of thousands).
        listed = sorted({item.pair_id for item in items if item.pair_id is not None})
        pairs = {
            row.pair.id: row
            for part in chunks(listed)
            for row in _rows(session, PairRow.__table__.c.id.in_(part))
        }
    ended_by_id = {activity.signup.id: (activity, name) for activity, name in ended}
    ladder = settings.ladder  # built once, not for each waiting mentee
    why: dict[str, str] = {}  # per position: thousands of mentees share a few dozen
    entries = []
    for item in items:
        if item.pair_id is not None:
            row = pairs[item.pair_id]
            entries.append(
                AttentionEntry(
                    item,
                    f"{row.mentor_name} → {row.mentee_name}",
                    f"{STATUS_LABELS[row.status]} {row.since.isoformat()}: {row.mentor_name} "
                    f"(mentor) and {row.mentee_name} (mentee), {row.pair.program_year}",
                )
            )
        elif item.signup_id in ended_by_id:
            activity, name = ended_by_id[item.signup_id]
            entries.append(AttentionEntry(item, name, ended_text(activity)))
        elif item.signup_id is not None:
            signed_up, year, name, position = signups[item.signup_id]
            draft = drafts.get(item.signup_id, "")
            if not draft and position not in why:
                why[position] = why_not_placed(position, ladder, mentor_ranks) or ""
            reason = "" if draft else why[position]
            entries.append(
                AttentionEntry(
                    item, name,
                    f"{position or 'no position'}, signed up {signed_up.isoformat()} ({year})",
                    reason,
                    draft,
                )
            )
    return entries


def _late_steps(
    session: Session, today: date, settings: DeadlineSettings
) -> list[tuple[int, PairStatus, date]]:
    """The pairs that may be late with a step, as (pair id, status, day of the latest step).

    Read through the index on the pairs' status and their stored latest step:
    of the statuses that open a deadline, only pairs that took their latest
    step before the deadline's length ago (a few hundred of 80,000 pairs).
    """
    pair = PairRow.__table__
    connection = session.connection()
    late = []
    for status in PairStatus:
        deadline = open_deadline(status, today, settings)
        if deadline is not None:
            # A step of day d is late once d + length < today, so d < today - length.
            before = today - (deadline.due - today)
            late.append((pair.c.status == status.value)
                        & (pair.c.stepped_at < datetime.combine(before, time.min)))
    query = select(pair.c.id, pair.c.status, _step_day(connection)).where(or_(*late))
    return [(pair_id, _STATUSES[status], stored_day(day))
            for pair_id, status, day in connection.execute(query).all()]


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """A person's sign-ups and pairs across program years."""

    person: Person
    signups: tuple[Signup, ...]
    pairs: tuple[PairListRow, ...]

    def summary(self) -> str:
        """E.g. “Mentored twice before, declined once; mentee once.”"""
        as_mentor = [r for r in self.pairs if r.mentor_person_id == self.person.id]
        as_mentee = [r for r in self.pairs if r.mentee_person_id == self.person.id]
        parts = []
        mentored = [
            r
            for r in as_mentor
            if r.status
            not in (
                PairStatus.DRAFT,
                PairStatus.MENTOR_DECLINED,
                PairStatus.CANCELLED,
                PairStatus.PROPOSED,
            )
        ]
        declined = [r for r in as_mentor if r.status is PairStatus.MENTOR_DECLINED]
        if mentored:
            parts.append(f"mentored {_times(len(mentored))}")
        if declined:
            parts.append(f"declined {_times(len(declined))}")
        if as_mentee:
            parts.append(f"mentee {_times(len(as_mentee))}")
        years = sorted({s.program_year for s in self.signups})
        signed = f"Signed up {_times(len(self.signups))}"
        if years:
            signed += f" ({', '.join(map(str, years))})"
        return "; ".join([signed, *parts]).capitalize() + "."


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def person_history(db: Database, person_id: int) -> PersonHistory:
    """All sign-ups and pairs of a person, oldest first."""
    with db.session() as session:
        person = session.get(PersonRow, person_id)
        if person is None:
            raise NotFoundError(f"person {person_id} does not exist")
        signups = [
            signup_of(s)
            for s in session.scalars(
                select(SignupRow)
                .where(SignupRow.person_id == person_id)
                .order_by(SignupRow.signed_up, SignupRow.id)
            )
        ]
        ids = [s.id for s in signups]
        pairs = _rows(
            session, PairRow.mentor_signup_id.in_(ids) | PairRow.mentee_signup_id.in_(ids)
        )
        return PersonHistory(person_of(person), tuple(signups), tuple(pairs))
