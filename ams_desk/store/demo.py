"""Demo data: a realistic, deterministic mentorship program to try the application on.

:func:`fill_demo` plans the whole program in memory (people, sign-ups, pairs and
timelines that obey the hard rules and the workflow), then bulk-inserts it in one
transaction. It assumes the default ladder and calendar-year program years.
Planning counts in day numbers (:meth:`date.toordinal`) and minute numbers
(day * 1440 + minute of the day): 100,000 people make half a million steps.
"""

from __future__ import annotations

import bisect
import gc
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from ams_desk.core.model import MeetingFormat, Role, SignupStatus
from ams_desk.core.places import free_places, takes_place
from ams_desk.core.validation import email_key
from ams_desk.core.workflow import (
    RELEASES_MENTEE,
    TERMINAL,
    PairStatus,
    signup_status_from_pairs,
)
from ams_desk.store import demo_names as words
from ams_desk.store import schema
from ams_desk.store.database import Database
from ams_desk.store.demo_names import DemoRandom, DemoSignup
from ams_desk.store.schema import PairEventRow, PairRow, PersonProjectRow, PersonRow, ProjectRow

DEFAULT_PEOPLE = 230
"""Size of the default demo: about 70 mentors and 160 mentees over two program years."""

PROGRESS_TOTAL = 1000
"""``progress(done, total)`` counts in these units; planning takes the first 30 %."""

_PLANNED = 300
_CHUNK = 10_000
_DAY = 24 * 60
_S = PairStatus

_MAIN_LINE = (_S.PROPOSED, _S.MENTOR_AGREED, _S.INTRODUCED, _S.FIRST_CONTACT,
              _S.MENTOR_RESPONDED, _S.MEETING_PLANNED, _S.MET, _S.EVALUATED)
_FORWARD = dict(zip(_MAIN_LINE, _MAIN_LINE[1:], strict=False))

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

_BOARD_MENTORS = 6
"""This year's newest mentors (this many, or one in 50 if more) are left out of the planned
matching: they wait for the team's next round, so the demo's matching board has places."""

_Step = tuple[int, PairStatus, str, str, str | None]  # minute, status, by, note, details
_DETAILED = frozenset({_S.FIRST_CONTACT, _S.MEETING_PLANNED, _S.MET, _S.EVALUATED})
_QUESTIONS = tuple(json.dumps({"questions": q}) for q in words.QUESTIONS)
_OUTCOMES = tuple(tuple(json.dumps({"outcome": o, "continue": c}) for o in words.OUTCOMES)
                  for c in ("No, they close", "Yes, they continue"))


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`fill_demo` stored; ``mentors`` and ``mentees`` count sign-ups."""

    people: int
    mentors: int
    mentees: int
    pairs: int
    pairs_by_status: dict[str, int]
    events: int = 0


@dataclass(slots=True, eq=False)
class _Pair:
    id: int
    mentor: DemoSignup
    mentee: DemoSignup
    steps: list[_Step]

    @property
    def status(self) -> PairStatus:
        return self.steps[-1][1]


class _Planner:
    """The whole demo program, planned in memory."""

    def __init__(self, seed: int, today: date, size: int) -> None:
        self.rng = DemoRandom(seed)
        self.today = today.toordinal()
        self.last_day = self.today - 1  # no step is dated today: the hour is unknown yet
        self.years = (today.year - 1, today.year)
        self.pairs: list[_Pair] = []
        self.paired: set[tuple[int, int]] = set()
        self.mentees: dict[int, list[DemoSignup]] = {y: [] for y in self.years}
        self.pools: dict[int, list[DemoSignup]] = {y: [] for y in self.years}
        maker = words.PeopleMaker(self.rng)
        self.people, self.signups = maker.program(size, self.years, self.today)
        for signup in self.signups:
            if signup.role is Role.MENTEE:
                self.mentees[signup.year].append(signup)
            elif not signup.withdrawn:
                self.pools[signup.year].append(signup)

    def _fits(self, mentor: DemoSignup, mentee: DemoSignup) -> bool:
        """The hard rules: capacity, seniority, no shared project, not paired before."""
        senior, junior = mentor.person, mentee.person
        return (free_places(mentor.capacity, mentor.taken) > 0 and senior.rank > junior.rank
                and not senior.projects & junior.projects
                and (senior.id, junior.id) not in self.paired)

    def _find(self, items: list[DemoSignup], ok: Callable[[DemoSignup], bool],
              tries: int) -> int | None:
        """The index of an item that is ``ok``, tried at random ``tries`` times."""
        for _ in range(tries if items else 0):
            index = self.rng.below(len(items))
            if ok(items[index]):
                return index
        return None

    def plan_scripted(self) -> None:
        """The pairs every demo shows: each status, overdue steps and steps due soon."""
        for target, days_ago in _SCRIPTED:
            path = _path(target)
            days = [self.today - days_ago]
            for status in reversed(path[1:]):
                days.insert(0, days[0] - self.rng.between(*_GAP_DAYS[status]))
            for year in reversed(self.years):  # this year if its sign-ups are early enough
                mentees = self.mentees[year]
                ready = bisect.bisect_left(mentees, days[0], key=lambda s: s.day)
                found = self._find(mentees[:ready], _unpaired, tries=200)
                if found is None:
                    continue

                def ok(m: DemoSignup, e: DemoSignup = mentees[found], day: int = days[0]) -> bool:
                    return m.day <= day and self._fits(m, e)

                chosen = self._find(self.pools[year], ok, tries=200)
                if chosen is not None:
                    self._add_pair(self.pools[year][chosen], mentees[found],
                                   list(zip(days, path, strict=True)))
                    break

    def plan_year(self, year: int) -> None:
        """Match the year's mentees first come, first served, as far as mentors allow."""
        pool = self.pools[year]
        pool[:] = [m for m in pool if free_places(m.capacity, m.taken) > 0]
        if year == self.years[-1]:  # the newest mentors wait for the board
            waiting = max(_BOARD_MENTORS, len(pool) // 50)
            newest = {id(m) for m in sorted(pool, key=lambda m: m.day)[-waiting:]}
            pool[:] = [m for m in pool if id(m) not in newest]
        for mentee in self.mentees[year]:
            if not _unpaired(mentee):
                continue
            ready = mentee.day
            for _attempt in range(3):
                wait = self.rng.between(3, 28)

                def ok(m: DemoSignup, e: DemoSignup = mentee, r: int = ready,
                       w: int = wait) -> bool:
                    return max(m.day, r) + w <= self.last_day and self._fits(m, e)

                chosen = self._find(pool, ok, tries=12)
                if chosen is None:
                    break
                mentor = pool[chosen]
                start = max(mentor.day, ready) + wait
                if self.today - start < 10 and self.rng.random() < 0.3:
                    pair = self._add_pair(mentor, mentee, [(start, _S.DRAFT)])
                else:
                    pair = self._add_pair(mentor, mentee, self._simulate(start))
                if free_places(mentor.capacity, mentor.taken) == 0:
                    pool[chosen] = pool[-1]
                    pool.pop()
                if pair.status not in RELEASES_MENTEE or self.rng.random() < 0.25:
                    break
                ready = pair.steps[-1][0] // _DAY  # back in the pool: matched again

    def _simulate(self, start: int) -> list[tuple[int, PairStatus]]:
        """A pair's steps from its proposal on day ``start`` until today (or its end)."""
        draw, last_day = self.rng.random, self.last_day
        steps = [(start, _S.PROPOSED)]
        day, status = start, _S.PROPOSED
        while status not in TERMINAL:
            roll = draw()
            if status is _S.PROPOSED:
                target = _S.MENTOR_DECLINED if roll < 0.1 else _S.MENTOR_AGREED
            elif status is _S.EVALUATED:
                target = _S.CONTINUING if roll < 0.4 else _S.CLOSED
            elif status is _S.CONTINUING:
                target = _S.CLOSED
            else:
                target = _S.CANCELLED if roll < 0.03 else _FORWARD[status]
            if status is _S.CONTINUING:
                low, high = 45, 200  # they meet on for months
            elif target in _LATE_DAYS and draw() < 0.12:
                low, high = _LATE_DAYS[target]
            else:
                low, high = _GAP_DAYS[target]
            day += low + int(draw() * (high - low + 1))
            if day > last_day:
                break
            steps.append((day, target))
            status = target
        return steps

    def _add_pair(self, mentor: DemoSignup, mentee: DemoSignup,
                  days: list[tuple[int, PairStatus]]) -> _Pair:
        draw, pick, coordinators = self.rng.random, self.rng.pick, words.COORDINATORS
        number = len(self.pairs) + 1
        lead = pick(coordinators)  # one coordinator mostly follows a pair
        online = mentee.meeting_format is MeetingFormat.ONLINE or draw() < 0.2
        place = f"https://meet.jit.si/ams-mentoring-{number}" if online else pick(words.PLACES)
        steps: list[_Step] = []
        previous = -1
        for index, (day, status) in enumerate(days):
            at = day * _DAY + 510 + int(draw() * 540)  # office hours, 8:30 to 17:30
            if at <= previous:  # two steps on one day: the second comes a little later
                at = min(previous + 5 + int(draw() * 85), day * _DAY + _DAY - 1)
            by = lead if draw() < 0.85 else coordinators[int(draw() * len(coordinators))]
            if status is _S.CANCELLED:
                note = pick(words.CANCEL_REASONS)
            else:
                note = pick(words.EVENT_NOTES[status]) if draw() < 0.2 else ""
            details = None
            if status in _DETAILED:
                following = days[index + 1] if index + 1 < len(days) else None
                details = self._details(status, day, following, online, place)
            steps.append((at, status, by, note, details))
            previous = at
        pair = _Pair(number, mentor, mentee, steps)
        self.pairs.append(pair)
        self.paired.add((mentor.person.id, mentee.person.id))
        mentor.pair_statuses.append(pair.status)
        mentee.pair_statuses.append(pair.status)
        if takes_place(pair.status):
            mentor.taken += 1
        return pair

    def _details(self, status: PairStatus, day: int, following: tuple[int, PairStatus] | None,
                 online: bool, place: str) -> str:
        """What the step dialogs ask for, filled in, as stored (JSON)."""
        if status is _S.FIRST_CONTACT:
            return self.rng.pick(_QUESTIONS)
        if status is _S.MEETING_PLANNED:
            on = following[0] if following and following[1] is _S.MET else max(day + 14, self.today)
            return json.dumps({"meeting_date": _iso_day(on), "link" if online else "place": place})
        if status is _S.MET:
            return json.dumps({"format": "Online" if online else "In person", "place": place})
        goes_on = following[1] is _S.CONTINUING if following else self.rng.random() < 0.4
        return _OUTCOMES[goes_on][self.rng.below(len(words.OUTCOMES))]


def _unpaired(signup: DemoSignup) -> bool:
    return not signup.withdrawn and not signup.pair_statuses


def _path(target: PairStatus) -> list[PairStatus]:
    """The statuses a pair passes through to reach ``target`` (cancelled: after first contact)."""
    if target in (_S.DRAFT, _S.MENTOR_DECLINED, _S.CANCELLED):
        return {_S.DRAFT: [], _S.MENTOR_DECLINED: [_S.PROPOSED],
                _S.CANCELLED: list(_MAIN_LINE[:4])}[target] + [target]
    if target in (_S.CONTINUING, _S.CLOSED):
        return [*_MAIN_LINE, target]
    return list(_MAIN_LINE[: _MAIN_LINE.index(target) + 1])


def _signup_status(signup: DemoSignup) -> SignupStatus:
    """The status :func:`ams_desk.store.pairs.sync_signup_statuses` derives from the pairs."""
    current = SignupStatus.WITHDRAWN if signup.withdrawn else SignupStatus.OPEN
    return signup_status_from_pairs(
        signup.role, current, signup.capacity, (s.value for s in signup.pair_statuses)
    )


# For SQLite the rows go to the driver directly, so values come as SQLAlchemy
# itself stores them: ISO text for dates and times, JSON text.


@cache
def _iso_day(day: int) -> str:
    return date.fromordinal(day).isoformat()


@cache
def _json_list(items: tuple[str, ...]) -> str:
    return json.dumps(list(items))


_CLOCK = tuple(f" {m // 60:02d}:{m % 60:02d}:00.000000" for m in range(_DAY))


_VALUES: dict[StrEnum, str] = {
    member: member.value  # Enum.value is a slow property; half a million look-ups
    for kind in (PairStatus, Role, SignupStatus, MeetingFormat) for member in kind
}
_Table = tuple[type[schema.Base], tuple[str, ...], int, Iterator[tuple[Any, ...]]]


def _tables(plan: _Planner, sqlite: bool) -> list[_Table]:
    """What to insert, table by table in foreign-key order: model, columns, count, rows."""
    day: Callable[[int], Any] = _iso_day if sqlite else date.fromordinal
    stamp: Callable[[int], Any] = (
        (lambda m: _iso_day(m // _DAY) + _CLOCK[m % _DAY]) if sqlite
        else (lambda m: datetime.fromordinal(m // _DAY) + timedelta(minutes=m % _DAY)))
    listed: Callable[[tuple[str, ...]], Any] = _json_list if sqlite else list
    details: Callable[[str | None], Any] = (
        (lambda d: d) if sqlite else (lambda d: None if d is None else json.loads(d)))
    value = _VALUES.__getitem__
    people, signups, pairs = plan.people, plan.signups, plan.pairs
    links = [(p.id, project + 1) for p in people for project in sorted(p.projects)]
    events = ((pair.id, stamp(at), "status", value(status), by, note, details(recorded))
              for pair in pairs for at, status, by, note, recorded in pair.steps)
    return [
        (ProjectRow, ("id", "name", "name_key"), len(words.PROJECTS),
         ((i, name, name.casefold()) for i, name in enumerate(words.PROJECTS, 1))),
        (PersonRow, ("id", "name", "email", "email_key", "position", "department",
                     "languages", "notes"), len(people),
         ((p.id, p.name, p.email, email_key(p.email), p.position, p.department,
           listed(p.languages), p.notes) for p in people)),
        (PersonProjectRow, ("person_id", "project_id"), len(links), iter(links)),
        (schema.SignupRow, ("id", "person_id", "role", "signed_up", "program_year", "status",
                            "topics", "meeting_format", "capacity", "motivation"), len(signups),
         ((s.id, s.person.id, value(s.role), day(s.day), s.year, value(_signup_status(s)),
           listed(s.topics), value(s.meeting_format), s.capacity, s.motivation)
          for s in signups)),
        (PairRow, ("id", "mentor_signup_id", "mentee_signup_id", "status", "program_year",
                   "override_note"), len(pairs),
         ((p.id, p.mentor.id, p.mentee.id, value(p.status), p.mentee.year, "") for p in pairs)),
        (PairEventRow, ("id", "pair_id", "at", "kind", "status", "by", "note", "details"),
         sum(len(p.steps) for p in pairs),
         ((number, *event) for number, event in enumerate(events, 1))),
    ]


def _insert(connection: Connection, model: type[schema.Base], columns: tuple[str, ...],
            rows: list[tuple[Any, ...]]) -> None:
    if connection.dialect.name == "sqlite":
        # Straight to the driver: SQLAlchemy's per-row parameter handling would
        # more than double the time of a 100,000-people demo.
        names, marks = ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns))
        connection.exec_driver_sql(
            f'INSERT INTO "{model.__tablename__}" ({names}) VALUES ({marks})', rows)
    else:
        connection.execute(insert(model), [dict(zip(columns, row, strict=True)) for row in rows])


def _check_empty(connection: Connection) -> None:
    checks = ((PersonRow, "person", "people"), (schema.SignupRow, "sign-up", "sign-ups"),
              (PairRow, "pair", "pairs"), (ProjectRow, "project", "projects"))
    for model, one, many in checks:
        if count := connection.scalar(select(func.count()).select_from(model)):
            raise ValueError(f"The database is not empty ({count} {one if count == 1 else many}); "
                             "demo data only goes into a new, empty database.")


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL: move the id sequences past the ids the demo wrote itself."""
    if connection.dialect.name == "postgresql":
        for table in ("project", "person", "signup", "pair", "pair_event"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))


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
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: collecting would double the time
    try:
        plan = _Planner(seed, today, size)
        report(_PLANNED // 3)
        plan.plan_scripted()
        for step, year in enumerate(plan.years, 2):
            plan.plan_year(year)
            report(_PLANNED * step // 3)
        with db.session() as session:
            connection = session.connection()
            _check_empty(connection)
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:  # room for the whole fill, instead of spilling pages to the WAL
                cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
                connection.exec_driver_sql("PRAGMA cache_size = -262144")
            tables = _tables(plan, sqlite)
            total, done = sum(count for _, _, count, _ in tables) or 1, 0
            for model, columns, _, rows in tables:
                while chunk := list(islice(rows, _CHUNK)):
                    _insert(connection, model, columns, chunk)
                    done += len(chunk)
                    report(_PLANNED + (PROGRESS_TOTAL - _PLANNED) * done // total)
            _advance_sequences(connection)
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")
    finally:
        if enabled:
            gc.enable()
    report(PROGRESS_TOTAL)
    by_status = {s.value: 0 for s in PairStatus} | Counter(_VALUES[p.status] for p in plan.pairs)
    mentors = sum(1 for s in plan.signups if s.role is Role.MENTOR)
    return DemoSummary(len(plan.people), mentors, len(plan.signups) - mentors, len(plan.pairs),
                       by_status, events=tables[-1][2])
