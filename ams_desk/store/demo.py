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
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate, islice
from typing import Any, TypeVar

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from ams_desk.core.ladder import DEFAULT_POSITIONS
from ams_desk.core.model import TOPICS, MeetingFormat, Role, SignupStatus
from ams_desk.core.validation import email_key
from ams_desk.core.workflow import RELEASES_MENTEE, TERMINAL, PairStatus
from ams_desk.store import demo_names as words
from ams_desk.store.database import Database
from ams_desk.store.schema import (
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
_CHUNK = 5000
_S = PairStatus
_T = TypeVar("_T")

_MENTEE_POSITIONS = {DEFAULT_POSITIONS[0]: 55, DEFAULT_POSITIONS[1]: 30, DEFAULT_POSITIONS[2]: 15}
_MENTOR_POSITIONS = {DEFAULT_POSITIONS[2]: 15, DEFAULT_POSITIONS[3]: 35,
                     DEFAULT_POSITIONS[4]: 30, DEFAULT_POSITIONS[5]: 20}

_DOMAINS = dict(words.EMAIL_DOMAINS)
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

    @property
    def rank(self) -> int:
        return DEFAULT_POSITIONS.index(self.position) + 1


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


def _weighted(rng: random.Random, weights: dict[_T, int]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Planner:
    """The whole demo program, planned in memory."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.last_day = today - timedelta(days=1)  # no step is dated today: the hour is unknown
        self.years = (today.year - 1, today.year)
        self.today = today
        self.people: list[_Person] = []
        self.signups: list[_Signup] = []
        self.pairs: list[_Pair] = []
        self.mentees: dict[int, list[_Signup]] = {y: [] for y in self.years}
        self.pools: dict[int, list[_Signup]] = {y: [] for y in self.years}
        self.paired: set[tuple[int, int]] = set()
        self._names: set[str] = set()
        self._emails: dict[str, int] = {}
        self._culture_weights = list(accumulate(c.weight for c in words.CULTURES))

    # -- people and sign-ups ---------------------------------------------------------------

    def plan_people(self, size: int) -> None:
        mentors = round(size * MENTOR_SHARE)
        roles = [Role.MENTOR] * mentors + [Role.MENTEE] * (size - mentors)
        self.rng.shuffle(roles)
        for role in roles:
            person = self._person(role)
            both = self.rng.random() < (0.15 if role is Role.MENTOR else 0.08)
            if both:
                years = self.years
            else:
                years = (self.years[0],) if self.rng.random() < 0.45 else (self.years[1],)
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
        culture = rng.choices(words.CULTURES, cum_weights=self._culture_weights)[0]
        female = rng.random() < 0.5
        given = rng.choice(culture.female if female else culture.male)
        family = rng.choice(culture.family).split("/")[-1 if female else 0]
        name = f"{family} {given}" if culture.family_first else f"{given} {family}"
        local = f"{words.ascii_fold(given)}.{words.ascii_fold(family)}"
        if name in self._names and not culture.family_first:
            initial = rng.choice(words.MIDDLE_INITIALS)
            name = f"{given} {initial}. {family}"
            local = f"{words.ascii_fold(given)}.{initial.lower()}.{words.ascii_fold(family)}"
        self._names.add(name)
        domain = _weighted(rng, _DOMAINS)
        address = f"{local}@{domain}"
        seen = self._emails.get(address, 0)
        self._emails[address] = seen + 1
        if seen:  # namesakes get a number, as mail servers do
            address = f"{local}{seen + 1}@{domain}"
        department = rng.randrange(len(words.DEPARTMENTS))
        own = [i for i, (_, d) in enumerate(words.PROJECTS) if d == department]
        projects: set[int] = set()
        for _ in range(_weighted(rng, {0: 25, 1: 55, 2: 20})):
            use_own = own and rng.random() < 0.7
            projects.add(rng.choice(own) if use_own else rng.randrange(len(words.PROJECTS)))
        languages = ["English"] if rng.random() < 0.96 else []
        if culture.languages and rng.random() < 0.6:
            languages.append(rng.choice(culture.languages))
        if "Dutch" not in languages and rng.random() < 0.15:
            languages.append("Dutch")
        positions = _MENTOR_POSITIONS if role is Role.MENTOR else _MENTEE_POSITIONS
        return _Person(
            name=name,
            email=address,
            position=_weighted(rng, positions),
            department=words.DEPARTMENTS[department],
            projects=frozenset(projects),
            languages=languages or ["English"],
            notes=rng.choice(words.PERSON_NOTES) if rng.random() < 0.05 else "",
        )

    def _signup(self, person: _Person, role: Role, year: int) -> _Signup:
        rng = self.rng
        first = date(year, 1, 1)
        end = date(year, 12, 31) if year < self.today.year else self.today
        # Mentors tend to sign up early in the year; mentees all year round.
        skew = 1.6 if role is Role.MENTOR else 1.0
        signed_up = first + timedelta(days=int(((end - first).days + 1) * rng.random() ** skew))
        mentor = role is Role.MENTOR
        motivation = ""
        if rng.random() < 0.4:
            motivation = rng.choice(words.MENTOR_MOTIVATIONS if mentor else words.MENTEE_MOTIVATIONS)
        elif rng.random() < 0.05:
            motivation = rng.choice(words.MULTILINE_MOTIVATIONS)
        pick_from = TOPICS[:6] if rng.random() < 0.7 else TOPICS
        return _Signup(
            person=person,
            role=role,
            signed_up=signed_up,
            capacity=_weighted(rng, {1: 35, 2: 45, 3: 20}) if mentor else 1,
            topics=rng.sample(pick_from, _weighted(rng, {1: 35, 2: 45, 3: 20})),
            meeting_format=_weighted(rng, {MeetingFormat.ANY: 50, MeetingFormat.IN_PERSON: 30,
                                           MeetingFormat.ONLINE: 20}),
            motivation=motivation,
            withdrawn=rng.random() < 0.03,
        )

    # -- pairs -------------------------------------------------------------------------

    def _fits(self, mentor: _Signup, mentee: _Signup) -> bool:
        """The hard rules: seniority, no shared project, not paired before, capacity."""
        return (
            mentor.load < mentor.capacity
            and mentor.person.rank > mentee.person.rank
            and not mentor.person.projects & mentee.person.projects
            and (mentor.person.id, mentee.person.id) not in self.paired
        )

    def _pick(self, items: Sequence[_T], ok: Callable[[_T], bool], tries: int,
              scan: bool) -> int | None:
        """The index of an item that is ``ok``: a few random tries, then (if ``scan``) all."""
        for _ in range(tries if items else 0):
            index = self.rng.randrange(len(items))
            if ok(items[index]):
                return index
        if scan and items:
            offset = self.rng.randrange(len(items))
            for step in range(len(items)):
                index = (offset + step) % len(items)
                if ok(items[index]):
                    return index
        return None

    def plan_scripted(self) -> None:
        """The pairs every demo shows: each status, overdue steps and steps due soon."""
        for number, (target, days_ago) in enumerate(_SCRIPTED):
            path = self._path(target, variant=number)
            days = [self.today - timedelta(days=days_ago)]
            for status in reversed(path[1:]):
                days.insert(0, days[0] - timedelta(days=self.rng.randint(*_GAP_DAYS[status])))
            for year in reversed(self.years):
                mentees = self.mentees[year]
                ready = bisect.bisect_left([s.signed_up for s in mentees], days[0])
                found = self._pick(mentees[:ready], lambda s: not s.withdrawn and not s.pairs,
                                   tries=30, scan=True)
                if found is None:
                    continue
                mentee = mentees[found]

                def ok(m: _Signup, e: _Signup = mentee, start: date = days[0]) -> bool:
                    return m.signed_up <= start and self._fits(m, e)

                chosen = self._pick(self.pools[year], ok, tries=60, scan=True)
                if chosen is not None:
                    self._add_pair(self.pools[year][chosen], mentee,
                                   list(zip(days, path, strict=True)))
                    break

    def _path(self, target: PairStatus, variant: int) -> list[PairStatus]:
        if target is _S.DRAFT:
            return [_S.DRAFT]
        if target is _S.MENTOR_DECLINED:
            return [_S.PROPOSED, _S.MENTOR_DECLINED]
        if target is _S.CANCELLED:
            return [*_MAIN_LINE[:4], _S.CANCELLED]
        if target in (_S.CONTINUING, _S.CLOSED):
            return [*_MAIN_LINE, target]
        return list(_MAIN_LINE[: _MAIN_LINE.index(target) + 1])

    def plan_year(self, year: int) -> None:
        """Match the year's mentees first come, first served, as far as mentors allow."""
        pool = self.pools[year]
        pool[:] = [m for m in pool if m.load < m.capacity]
        for mentee in self.mentees[year]:
            if mentee.withdrawn or mentee.pairs:
                continue
            ready = mentee.signed_up
            for _attempt in range(3):
                wait = timedelta(days=self.rng.randint(3, 28))

                def ok(m: _Signup, e: _Signup = mentee, r: date = ready,
                       w: timedelta = wait) -> bool:
                    return max(m.signed_up, r) + w <= self.last_day and self._fits(m, e)

                chosen = self._pick(pool, ok, tries=12, scan=False)
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
                ready = pair.steps[-1][0].date()

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
                gap = self.rng.randint(45, 200)
            elif target in _LATE_DAYS and self.rng.random() < 0.12:
                gap = self.rng.randint(*_LATE_DAYS[target])
            else:
                gap = self.rng.randint(*_GAP_DAYS[target])
            day += timedelta(days=gap)
            if day > self.last_day:
                break
            steps.append((day, target))
            status = target
        return steps

    def _add_pair(self, mentor: _Signup, mentee: _Signup,
                  days: list[tuple[date, PairStatus]]) -> _Pair:
        rng = self.rng
        lead = rng.choice(words.COORDINATORS)
        steps: list[tuple[datetime, PairStatus, str, str]] = []
        previous = datetime.combine(days[0][0], time(0))
        for day, status in days:
            at = datetime.combine(day, time(8, 30)) + timedelta(minutes=rng.randrange(0, 540))
            if at <= previous:  # two steps on one day: the second comes a little later
                at = min(previous + timedelta(minutes=rng.randint(5, 90)),
                         datetime.combine(day, time(23, 59)))
            by = lead if rng.random() < 0.85 else rng.choice(words.COORDINATORS)
            if status is _S.CANCELLED:
                note = rng.choice(words.CANCEL_REASONS)
            elif rng.random() < 0.2:
                note = rng.choice(words.EVENT_NOTES[status.value])
            else:
                note = ""
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


def _signup_status(signup: _Signup) -> SignupStatus:
    """A sign-up's status as the pair services would have left it."""
    live = [p for p in signup.pairs if p.status not in RELEASES_MENTEE]
    if signup.role is Role.MENTEE and live:
        return SignupStatus.CLOSED if live[-1].status is _S.CLOSED else SignupStatus.MATCHED
    if signup.role is Role.MENTOR and live and len(live) >= signup.capacity:
        return SignupStatus.MATCHED
    return SignupStatus.WITHDRAWN if signup.withdrawn else SignupStatus.OPEN


def _rows(plan: _Planner) -> list[tuple[Any, int, Iterable[dict[str, Any]]]]:
    """What to insert, table by table in foreign-key order, with row counts."""
    people = plan.people
    links = [(p.id, project + 1) for p in people for project in sorted(p.projects)]
    events = sum(len(p.steps) for p in plan.pairs)
    return [
        (ProjectRow, len(words.PROJECTS), (
            {"id": i, "name": name, "name_key": name.casefold()}
            for i, (name, _) in enumerate(words.PROJECTS, 1))),
        (PersonRow, len(people), (
            {"id": p.id, "name": p.name, "email": p.email, "email_key": email_key(p.email),
             "position": p.position, "department": p.department, "languages": p.languages,
             "notes": p.notes} for p in people)),
        (PersonProjectRow, len(links), (
            {"person_id": person, "project_id": project} for person, project in links)),
        (SignupRow, len(plan.signups), (
            {"id": s.id, "person_id": s.person.id, "role": s.role.value,
             "signed_up": s.signed_up, "program_year": s.signed_up.year,
             "status": _signup_status(s).value, "topics": s.topics,
             "meeting_format": s.meeting_format.value, "capacity": s.capacity,
             "motivation": s.motivation} for s in plan.signups)),
        (PairRow, len(plan.pairs), (
            {"id": p.id, "mentor_signup_id": p.mentor.id, "mentee_signup_id": p.mentee.id,
             "status": p.status.value, "program_year": p.mentee.signed_up.year,
             "override_note": ""} for p in plan.pairs)),
        (PairEventRow, events, _event_rows(plan.pairs)),
    ]


def _event_rows(pairs: list[_Pair]) -> Iterator[dict[str, Any]]:
    number = 0
    for pair in pairs:
        for at, status, by, note in pair.steps:
            number += 1
            yield {"id": number, "pair_id": pair.id, "at": at, "kind": "status",
                   "status": status.value, "by": by, "note": note}


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def _check_empty(session: Session) -> None:
    people = session.scalar(select(func.count()).select_from(PersonRow)) or 0
    if people:
        raise ValueError(
            f"The database already holds {people} people; demo data is only filled into an "
            "empty database. Use a new database file."
        )
    for model, what in ((SignupRow, "sign-ups"), (PairRow, "pairs"), (ProjectRow, "projects")):
        if session.scalar(select(func.count()).select_from(model)):
            raise ValueError(
                f"The database already holds {what}; demo data is only filled into an empty "
                "database. Use a new database file."
            )


def _advance_sequences(session: Session) -> None:
    """PostgreSQL: move the id sequences past the ids the demo wrote itself."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("project", "person", "signup", "pair", "pair_event"):
        session.execute(text(
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
        raise ValueError(f"the number of people cannot be negative ({size})")
    today = today or date.today()

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, PROGRESS_TOTAL), PROGRESS_TOTAL)

    with db.session() as session:
        _check_empty(session)
    report(0)
    plan = _Planner(random.Random(seed), today)
    plan.plan_people(size)
    report(_PLANNED // 3)
    plan.plan_scripted()
    for step, year in enumerate(plan.years, 2):
        plan.plan_year(year)
        report(_PLANNED * step // 3)
    tables = _rows(plan)
    total = sum(count for _, count, _ in tables) or 1
    done = 0
    with db.session() as session:
        _check_empty(session)
        for model, _, rows in tables:
            for chunk in _chunks(rows):
                session.execute(insert(model), chunk)
                done += len(chunk)
                report(_PLANNED + (PROGRESS_TOTAL - _PLANNED) * done // total)
        _advance_sequences(session)
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
        events=tables[-1][1],
    )
