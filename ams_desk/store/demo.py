"""Demo data: a realistic, deterministic mentorship program to try the application on.

:func:`fill_demo` plans the whole program in memory first (people, sign-ups,
pairs and their timelines, all obeying the hard rules and the workflow), then
writes it with bulk inserts in one transaction, so that even 100,000 people
take seconds. The same seed and the same ``today`` give the same program.

The demo assumes the default program settings: the default seniority ladder
and program years that are calendar years.
"""

from __future__ import annotations

import bisect
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate, islice
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, func, insert, select, text

from ams_desk.core.ladder import DEFAULT_POSITIONS
from ams_desk.core.model import TOPICS, MeetingFormat, Role, SignupStatus
from ams_desk.core.validation import email_key
from ams_desk.core.workflow import RELEASES_MENTEE, TERMINAL, PairStatus
from ams_desk.store import demo_names as words
from ams_desk.store.database import Database
from ams_desk.store.schema import (
    Base,
    PairEventRow,
    PairRow,
    PersonProjectRow,
    PersonRow,
    ProjectRow,
    SignupRow,
)

DEFAULT_PEOPLE = 230
"""Size of the default demo: about 70 mentors and 160 mentees over two program years."""

MENTOR_SHARE = 0.3
PROGRESS_TOTAL = 1000
"""``progress(done, total)`` counts in these units; planning takes the first 30 %."""

_PLANNED = 300
_CHUNK = 10_000
_S = PairStatus
_T = TypeVar("_T")


class _Weights(Generic[_T]):
    """Items with relative weights, drawn by one uniform number."""

    def __init__(self, weights: dict[_T, int]) -> None:
        self.items = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))


_MENTEE_POSITIONS = _Weights({DEFAULT_POSITIONS[0]: 55, DEFAULT_POSITIONS[1]: 30,
                              DEFAULT_POSITIONS[2]: 15})
_MENTOR_POSITIONS = _Weights({DEFAULT_POSITIONS[2]: 15, DEFAULT_POSITIONS[3]: 35,
                              DEFAULT_POSITIONS[4]: 30, DEFAULT_POSITIONS[5]: 20})
_ONE_TO_THREE = _Weights({1: 35, 2: 45, 3: 20})
_PROJECT_COUNT = _Weights({0: 25, 1: 55, 2: 20})
_FORMATS = _Weights({MeetingFormat.ANY: 50, MeetingFormat.IN_PERSON: 30,
                     MeetingFormat.ONLINE: 20})

_OWN_PROJECTS = tuple(
    tuple(i for i, (_, owner) in enumerate(words.PROJECTS) if owner == department)
    for department in range(len(words.DEPARTMENTS))
)
_MAIN_LINE = (_S.PROPOSED, _S.MENTOR_AGREED, _S.INTRODUCED, _S.FIRST_CONTACT,
              _S.MENTOR_RESPONDED, _S.MEETING_PLANNED, _S.MET, _S.EVALUATED)

_GAP_DAYS: dict[PairStatus, tuple[int, int]] = {
    _S.PROPOSED: (1, 4), _S.MENTOR_AGREED: (1, 6), _S.MENTOR_DECLINED: (1, 7),
    _S.INTRODUCED: (0, 3), _S.FIRST_CONTACT: (2, 12), _S.MENTOR_RESPONDED: (1, 18),
    _S.MEETING_PLANNED: (1, 10), _S.MET: (5, 25), _S.EVALUATED: (1, 12),
    _S.CONTINUING: (0, 7), _S.CLOSED: (0, 10), _S.CANCELLED: (3, 30),
}
"""Days from the previous step to this one when everyone answers in time."""

_LATE_DAYS = {_S.MENTOR_AGREED: (8, 16), _S.MENTOR_RESPONDED: (22, 40), _S.EVALUATED: (15, 30)}
"""Days to a step whose deadline was missed (it happens to 12 % of them)."""

_SCRIPTED: tuple[tuple[PairStatus, int], ...] = (
    (_S.PROPOSED, 12), (_S.PROPOSED, 9), (_S.PROPOSED, 4),
    (_S.FIRST_CONTACT, 30), (_S.FIRST_CONTACT, 26), (_S.FIRST_CONTACT, 17),
    (_S.MET, 20), (_S.MET, 16), (_S.MET, 11),
    (_S.DRAFT, 2), (_S.MENTOR_AGREED, 3), (_S.INTRODUCED, 5), (_S.MENTOR_RESPONDED, 6),
    (_S.MEETING_PLANNED, 8), (_S.EVALUATED, 10), (_S.CONTINUING, 30), (_S.CLOSED, 20),
    (_S.MENTOR_DECLINED, 15), (_S.CANCELLED, 25),
)
"""Pairs every demo has, by status and days since their last step: three of each
deadline kind (two overdue, one due within days) and one of every other status."""


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`fill_demo` stored; ``mentors`` and ``mentees`` count sign-ups."""

    people: int
    mentors: int
    mentees: int
    pairs: int
    pairs_by_status: dict[str, int]
    events: int = 0


class _Random(random.Random):
    """The draws the demo makes, from ``random()`` alone: fast and stable across Pythons."""

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def weighted(self, weights: _Weights[_T]) -> _T:
        cumulative = weights.cumulative
        return weights.items[bisect.bisect(cumulative, self.random() * cumulative[-1])]


@dataclass(slots=True, eq=False)
class _Person:
    name: str
    email: str
    position: str
    department: str
    projects: frozenset[int]
    languages: list[str]
    notes: str
    id: int = 0
    rank: int = 0


@dataclass(slots=True, eq=False)
class _Signup:
    person: _Person
    role: Role
    signed_up: date
    capacity: int
    topics: list[str]
    meeting_format: MeetingFormat
    motivation: str
    withdrawn: bool
    id: int = 0
    load: int = 0
    pairs: list[_Pair] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _Pair:
    id: int
    mentor: _Signup
    mentee: _Signup
    steps: list[tuple[datetime, PairStatus, str, str]]

    @property
    def status(self) -> PairStatus:
        return self.steps[-1][1]


class _Planner:
    """The whole demo program, planned in memory."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = _Random(seed)
        self.names = words.NameMaker(self.rng)
        self.today = today
        self.last_day = today - timedelta(days=1)  # no step is dated today: the hour is unknown
        self.years = (today.year - 1, today.year)
        self.people: list[_Person] = []
        self.signups: list[_Signup] = []
        self.pairs: list[_Pair] = []
        self.mentees: dict[int, list[_Signup]] = {y: [] for y in self.years}
        self.pools: dict[int, list[_Signup]] = {y: [] for y in self.years}
        self.paired: set[tuple[int, int]] = set()

    def plan_people(self, size: int) -> None:
        mentors = round(size * MENTOR_SHARE)
        roles = [Role.MENTOR] * mentors + [Role.MENTEE] * (size - mentors)
        self.rng.shuffle(roles)
        for role in roles:
            person = self._person(role)
            if self.rng.random() < (0.15 if role is Role.MENTOR else 0.08):
                years = self.years  # re-participation: signs up again the next year
            else:
                years = (self.years[0] if self.rng.random() < 0.45 else self.years[1],)
            self.signups.extend(self._signup(person, role, year) for year in years)
        # Ids follow the order people signed up in, as they would after real imports.
        self.signups.sort(key=lambda s: s.signed_up)
        for number, signup in enumerate(self.signups, 1):
            signup.id = number
            if not signup.person.id:
                self.people.append(signup.person)
                signup.person.id = len(self.people)
            if signup.role is Role.MENTEE:
                self.mentees[signup.signed_up.year].append(signup)
            elif not signup.withdrawn:
                self.pools[signup.signed_up.year].append(signup)

    def _person(self, role: Role) -> _Person:
        rng = self.rng
        name, email, culture = self.names.make()
        department = rng.below(len(words.DEPARTMENTS))
        projects: set[int] = set()
        for _ in range(rng.weighted(_PROJECT_COUNT)):
            if rng.random() < 0.7:  # mostly a project of one's own department
                projects.add(rng.pick(_OWN_PROJECTS[department]))
            else:
                projects.add(rng.below(len(words.PROJECTS)))
        languages = ["English"] if rng.random() < 0.96 else []
        if culture.languages and rng.random() < 0.6:
            languages.append(rng.pick(culture.languages))
        if "Dutch" not in languages and rng.random() < 0.15:
            languages.append("Dutch")
        position = rng.weighted(_MENTOR_POSITIONS if role is Role.MENTOR else _MENTEE_POSITIONS)
        return _Person(
            name=name,
            email=email,
            position=position,
            department=words.DEPARTMENTS[department],
            projects=frozenset(projects),
            languages=languages or ["English"],
            notes=rng.pick(words.PERSON_NOTES) if rng.random() < 0.05 else "",
            rank=DEFAULT_POSITIONS.index(position) + 1,
        )

    def _signup(self, person: _Person, role: Role, year: int) -> _Signup:
        rng = self.rng
        first = date(year, 1, 1)
        end = date(year, 12, 31) if year < self.today.year else self.today
        mentor = role is Role.MENTOR
        # Mentors tend to sign up early in the year; mentees all year round.
        share = rng.random() ** (1.6 if mentor else 1.0)
        motivation = ""
        if rng.random() < 0.4:
            motivation = rng.pick(words.MENTOR_MOTIVATIONS if mentor else words.MENTEE_MOTIVATIONS)
        elif rng.random() < 0.05:
            motivation = rng.pick(words.MULTILINE_MOTIVATIONS)
        offer = TOPICS[:6] if rng.random() < 0.7 else TOPICS
        topics: list[str] = []
        for _ in range(rng.weighted(_ONE_TO_THREE)):
            topic = rng.pick(offer)
            if topic not in topics:
                topics.append(topic)
        return _Signup(
            person=person,
            role=role,
            signed_up=first + timedelta(days=int(((end - first).days + 1) * share)),
            capacity=rng.weighted(_ONE_TO_THREE) if mentor else 1,
            topics=topics,
            meeting_format=rng.weighted(_FORMATS),
            motivation=motivation,
            withdrawn=rng.random() < 0.03,
        )

    def _fits(self, mentor: _Signup, mentee: _Signup) -> bool:
        """The hard rules: capacity, seniority, no shared project, not paired before."""
        return (
            mentor.load < mentor.capacity
            and mentor.person.rank > mentee.person.rank
            and not mentor.person.projects & mentee.person.projects
            and (mentor.person.id, mentee.person.id) not in self.paired
        )

    def _find(self, items: Sequence[_T], ok: Callable[[_T], bool], tries: int,
              scan: bool) -> int | None:
        """The index of an item that is ``ok``: a few random tries, then (if ``scan``) all."""
        for _ in range(tries if items else 0):
            index = self.rng.below(len(items))
            if ok(items[index]):
                return index
        if scan and items:
            offset = self.rng.below(len(items))
            for step in range(len(items)):
                index = (offset + step) % len(items)
                if ok(items[index]):
                    return index
        return None

    def plan_scripted(self) -> None:
        """The pairs every demo shows: each status, overdue steps and steps due soon."""
        for target, days_ago in _SCRIPTED:
            path = _path(target)
            days = [self.today - timedelta(days=days_ago)]
            for status in reversed(path[1:]):
                days.insert(0, days[0] - timedelta(days=self.rng.between(*_GAP_DAYS[status])))
            for year in reversed(self.years):  # this year if its sign-ups are early enough
                mentees = self.mentees[year]
                ready = bisect.bisect_left([s.signed_up for s in mentees], days[0])
                found = self._find(mentees[:ready], lambda s: not s.withdrawn and not s.pairs,
                                   tries=30, scan=True)
                if found is None:
                    continue
                mentee = mentees[found]

                def ok(m: _Signup, e: _Signup = mentee, start: date = days[0]) -> bool:
                    return m.signed_up <= start and self._fits(m, e)

                chosen = self._find(self.pools[year], ok, tries=60, scan=True)
                if chosen is not None:
                    self._add_pair(self.pools[year][chosen], mentee,
                                   list(zip(days, path, strict=True)))
                    break

    def plan_year(self, year: int) -> None:
        """Match the year's mentees first come, first served, as far as mentors allow."""
        pool = self.pools[year]
        pool[:] = [m for m in pool if m.load < m.capacity]
        for mentee in self.mentees[year]:
            if mentee.withdrawn or mentee.pairs:
                continue
            ready = mentee.signed_up
            for _attempt in range(3):
                wait = timedelta(days=self.rng.between(3, 28))

                def ok(m: _Signup, e: _Signup = mentee, r: date = ready,
                       w: timedelta = wait) -> bool:
                    return max(m.signed_up, r) + w <= self.last_day and self._fits(m, e)

                chosen = self._find(pool, ok, tries=12, scan=False)
                if chosen is None:
                    break
                mentor = pool[chosen]
                start = max(mentor.signed_up, ready) + wait
                if (self.today - start).days < 10 and self.rng.random() < 0.3:
                    steps = [(start, _S.DRAFT)]
                else:
                    steps = self._simulate(start)
                pair = self._add_pair(mentor, mentee, steps)
                if mentor.load >= mentor.capacity:
                    pool[chosen] = pool[-1]
                    pool.pop()
                if pair.status not in RELEASES_MENTEE or self.rng.random() < 0.25:
                    break
                ready = pair.steps[-1][0].date()  # back in the pool: matched again

    def _next(self, status: PairStatus) -> PairStatus:
        roll = self.rng.random()
        if status is _S.PROPOSED:
            return _S.MENTOR_DECLINED if roll < 0.1 else _S.MENTOR_AGREED
        if status is _S.EVALUATED:
            return _S.CONTINUING if roll < 0.4 else _S.CLOSED
        if status is _S.CONTINUING:
            return _S.CLOSED
        return _S.CANCELLED if roll < 0.03 else _MAIN_LINE[_MAIN_LINE.index(status) + 1]

    def _simulate(self, start: date) -> list[tuple[date, PairStatus]]:
        """A pair's steps from its proposal on ``start`` until today (or its end)."""
        steps = [(start, _S.PROPOSED)]
        day, status = start, _S.PROPOSED
        while status not in TERMINAL:
            target = self._next(status)
            if status is _S.CONTINUING:
                gap = self.rng.between(45, 200)
            elif target in _LATE_DAYS and self.rng.random() < 0.12:
                gap = self.rng.between(*_LATE_DAYS[target])
            else:
                gap = self.rng.between(*_GAP_DAYS[target])
            day += timedelta(days=gap)
            if day > self.last_day:
                break
            steps.append((day, target))
            status = target
        return steps

    def _add_pair(self, mentor: _Signup, mentee: _Signup,
                  days: list[tuple[date, PairStatus]]) -> _Pair:
        rng = self.rng
        lead = rng.pick(words.COORDINATORS)  # one coordinator mostly follows a pair
        steps: list[tuple[datetime, PairStatus, str, str]] = []
        previous = datetime.min
        for day, status in days:
            at = datetime(day.year, day.month, day.day, 8, 30) + timedelta(minutes=rng.below(540))
            if at <= previous:  # two steps on one day: the second comes a little later
                end_of_day = datetime(day.year, day.month, day.day, 23, 59)
                at = min(previous + timedelta(minutes=rng.between(5, 90)), end_of_day)
            by = lead if rng.random() < 0.85 else rng.pick(words.COORDINATORS)
            if status is _S.CANCELLED:
                note = rng.pick(words.CANCEL_REASONS)
            else:
                note = rng.pick(words.EVENT_NOTES[status.value]) if rng.random() < 0.2 else ""
            steps.append((at, status, by, note))
            previous = at
        pair = _Pair(len(self.pairs) + 1, mentor, mentee, steps)
        self.pairs.append(pair)
        self.paired.add((mentor.person.id, mentee.person.id))
        mentor.pairs.append(pair)
        mentee.pairs.append(pair)
        if pair.status not in RELEASES_MENTEE:
            mentor.load += 1
        return pair


def _path(target: PairStatus) -> list[PairStatus]:
    """The statuses a pair passes through to reach ``target`` (cancelled: after first contact)."""
    if target is _S.DRAFT:
        return [_S.DRAFT]
    if target is _S.MENTOR_DECLINED:
        return [_S.PROPOSED, _S.MENTOR_DECLINED]
    if target is _S.CANCELLED:
        return [*_MAIN_LINE[:4], _S.CANCELLED]
    if target in (_S.CONTINUING, _S.CLOSED):
        return [*_MAIN_LINE, target]
    return list(_MAIN_LINE[: _MAIN_LINE.index(target) + 1])


def _signup_status(signup: _Signup) -> SignupStatus:
    """A sign-up's status as the pair services would have left it."""
    live = [p for p in signup.pairs if p.status not in RELEASES_MENTEE]
    if signup.role is Role.MENTEE and live:
        return SignupStatus.CLOSED if live[-1].status is _S.CLOSED else SignupStatus.MATCHED
    if signup.role is Role.MENTOR and live and len(live) >= signup.capacity:
        return SignupStatus.MATCHED
    return SignupStatus.WITHDRAWN if signup.withdrawn else SignupStatus.OPEN


_Table = tuple[type[Base], tuple[str, ...], int, Iterator[tuple[Any, ...]]]


def _tables(plan: _Planner, sqlite: bool) -> list[_Table]:
    """What to insert, table by table in foreign-key order: model, columns, count, rows.

    For SQLite the values come as SQLAlchemy itself stores them (ISO text, JSON
    text), because they go to the driver directly.
    """
    day: Callable[[date], Any] = date.isoformat if sqlite else (lambda d: d)
    at: Callable[[datetime], Any] = (
        (lambda d: d.isoformat(" ", "microseconds")) if sqlite else (lambda d: d))
    listed: Callable[[list[str]], Any] = json.dumps if sqlite else (lambda v: v)
    people, signups, pairs = plan.people, plan.signups, plan.pairs
    links = [(p.id, project + 1) for p in people for project in sorted(p.projects)]
    events = (
        (pair.id, at(when), "status", status.value, by, note)
        for pair in pairs for when, status, by, note in pair.steps
    )
    return [
        (ProjectRow, ("id", "name", "name_key"), len(words.PROJECTS),
         ((i, name, name.casefold()) for i, (name, _) in enumerate(words.PROJECTS, 1))),
        (PersonRow, ("id", "name", "email", "email_key", "position", "department",
                     "languages", "notes"), len(people),
         ((p.id, p.name, p.email, email_key(p.email), p.position, p.department,
           listed(p.languages), p.notes) for p in people)),
        (PersonProjectRow, ("person_id", "project_id"), len(links), iter(links)),
        (SignupRow, ("id", "person_id", "role", "signed_up", "program_year", "status",
                     "topics", "meeting_format", "capacity", "motivation"), len(signups),
         ((s.id, s.person.id, s.role.value, day(s.signed_up), s.signed_up.year,
           _signup_status(s).value, listed(s.topics), s.meeting_format.value, s.capacity,
           s.motivation) for s in signups)),
        (PairRow, ("id", "mentor_signup_id", "mentee_signup_id", "status", "program_year",
                   "override_note"), len(pairs),
         ((p.id, p.mentor.id, p.mentee.id, p.status.value, p.mentee.signed_up.year, "")
          for p in pairs)),
        (PairEventRow, ("id", "pair_id", "at", "kind", "status", "by", "note"),
         sum(len(p.steps) for p in pairs),
         ((number, *event) for number, event in enumerate(events, 1))),
    ]


def _insert(connection: Connection, model: type[Base], columns: tuple[str, ...],
            rows: list[tuple[Any, ...]]) -> None:
    if connection.dialect.name == "sqlite":
        # Straight to the driver: SQLAlchemy's per-row parameter handling would
        # triple the time of a 100,000-people demo.
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(
            f'INSERT INTO "{model.__tablename__}" ({names}) VALUES ({marks})', rows
        )
    else:
        connection.execute(insert(model), [dict(zip(columns, row, strict=True)) for row in rows])


def _check_empty(connection: Connection) -> None:
    for model, what in ((PersonRow, "people"), (SignupRow, "sign-ups"), (PairRow, "pairs"),
                        (ProjectRow, "projects")):
        count = connection.scalar(select(func.count()).select_from(model)) or 0
        if count:
            raise ValueError(
                f"The database already holds {count} {what}; demo data is only filled into "
                "an empty database. Choose a new database file."
            )


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL: move the id sequences past the ids the demo wrote itself."""
    if connection.dialect.name != "postgresql":
        return
    for table in ("project", "person", "signup", "pair", "pair_event"):
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        ))


def fill_demo(
    db: Database,
    *,
    people: int | None = None,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with a realistic mentorship program over two program years.

    Args:
        db: An open, migrated database without people, sign-ups, pairs or projects.
        people: How many people; ``None`` for the default demo (:data:`DEFAULT_PEOPLE`).
            About 30 % sign up as mentor, the rest as mentee; some in both years.
        seed: The same seed and ``today`` give the same program.
        today: The day the program is seen from (default: the real today); pair
            timelines end before it, some of them overdue.
        progress: Called with ``(done, total)`` now and then; ``total`` is
            :data:`PROGRESS_TOTAL`, and the last call reports it done.

    Returns:
        How many people, sign-ups and pairs were stored.

    Raises:
        ValueError: ``people`` is negative, or the database is not empty.
    """
    size = DEFAULT_PEOPLE if people is None else people
    if size < 0:
        raise ValueError(f"The number of people cannot be negative ({size}).")
    today = today or date.today()

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, PROGRESS_TOTAL), PROGRESS_TOTAL)

    with db.session() as session:
        _check_empty(session.connection())
    report(0)
    plan = _Planner(seed, today)
    plan.plan_people(size)
    report(_PLANNED // 3)
    plan.plan_scripted()
    for step, year in enumerate(plan.years, 2):
        plan.plan_year(year)
        report(_PLANNED * step // 3)
    with db.session() as session:
        connection = session.connection()
        _check_empty(connection)
        tables = _tables(plan, sqlite=connection.dialect.name == "sqlite")
        total, done = sum(count for _, _, count, _ in tables) or 1, 0
        for model, columns, _, rows in tables:
            while chunk := list(islice(rows, _CHUNK)):
                _insert(connection, model, columns, chunk)
                done += len(chunk)
                report(_PLANNED + (PROGRESS_TOTAL - _PLANNED) * done // total)
        _advance_sequences(connection)
    report(PROGRESS_TOTAL)
    by_status = {s.value: 0 for s in PairStatus}
    for pair in plan.pairs:
        by_status[pair.status.value] += 1
    return DemoSummary(
        people=len(plan.people),
        mentors=sum(1 for s in plan.signups if s.role is Role.MENTOR),
        mentees=sum(1 for s in plan.signups if s.role is Role.MENTEE),
        pairs=len(plan.pairs),
        pairs_by_status=by_status,
        events=tables[-1][2],
    )
