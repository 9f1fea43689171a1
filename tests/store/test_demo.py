"""The demo program: size, realism, determinism, and that it obeys every rule of the app."""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from ams_desk.core.eligibility import Candidate, PairingHistory, PastPairing, Rule, check_pair
from ams_desk.core.ladder import DEFAULT_POSITIONS, SeniorityLadder
from ams_desk.core.model import TOPICS, Pair, Person, Role, Signup, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import (
    RELEASES_MENTEE,
    DeadlineKind,
    PairStatus,
    TransitionError,
    check_transition,
    deadlines,
)
from ams_desk.store.database import Database, open_database
from ams_desk.store.demo import DEFAULT_PEOPLE, PROGRESS_TOTAL, DemoSummary, fill_demo
from ams_desk.store.demo_names import COORDINATORS
from ams_desk.store.pairs import change_status, get_pair, list_pairs, sync_signup_statuses
from ams_desk.store.people import add_signup, list_people, list_signups
from ams_desk.store.schema import PairEventRow, PersonRow, SignupRow

TODAY = date(2025, 6, 15)
LADDER = SeniorityLadder(DEFAULT_POSITIONS)


@dataclass
class Program:
    """Everything a filled database holds, read back through the store's services."""

    people: dict[int, Person]
    signups: dict[int, Signup]
    pairs: list[Pair]

    def role_signups(self, role: Role) -> list[Signup]:
        return [s for s in self.signups.values() if s.role is role]


def _read(db: Database) -> Program:
    people = {p.id: p for p in list_people(db)}
    signups = {
        r.signup_id: Signup(r.signup_id, r.person_id, r.role, r.signed_up, r.program_year,
                            r.status, r.topics, capacity=r.capacity)
        for r in list_signups(db)
    }
    return Program(people, signups, list_pairs(db))


def _open(path: Path) -> Database:
    return open_database(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def default_program(tmp_path_factory: pytest.TempPathFactory) -> Program:
    """The default demo seen from TODAY (read-only tests share it; they change nothing)."""
    db = _open(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    try:
        fill_demo(db, today=TODAY)
        return _read(db)
    finally:
        db.close()


def _status_steps(pair: Pair) -> list[tuple[datetime, PairStatus, str]]:
    return [(e.at, PairStatus(e.status), e.note) for e in pair.events if e.status]


def assert_hard_rules(program: Program) -> None:
    """Every pair passes :func:`check_pair` against the other pairs (not itself)."""
    people, signups = program.people, program.signups
    past: dict[frozenset[int], list[tuple[int, PastPairing]]] = defaultdict(list)
    live_load: Counter[int] = Counter()
    for pair in program.pairs:
        mentor, mentee = signups[pair.mentor_signup_id], signups[pair.mentee_signup_id]
        key = frozenset((mentor.person_id, mentee.person_id))
        past[key].append((pair.id, PastPairing(mentor.person_id, mentee.person_id,
                                               pair.program_year, pair.status)))
        if PairStatus(pair.status) not in RELEASES_MENTEE:
            live_load[mentor.id] += 1
    for pair in program.pairs:
        mentor, mentee = signups[pair.mentor_signup_id], signups[pair.mentee_signup_id]
        assert mentor.role is Role.MENTOR and mentee.role is Role.MENTEE
        assert pair.program_year == mentee.program_year == mentor.program_year
        key = frozenset((mentor.person_id, mentee.person_id))
        assert len(past[key]) == 1, f"pair {pair.id}: the same two people were paired twice"
        live = PairStatus(pair.status) not in RELEASES_MENTEE
        results = check_pair(
            Candidate(people[mentor.person_id], mentor),
            Candidate(people[mentee.person_id], mentee),
            ladder=LADDER,
            history=PairingHistory.of(p for i, p in past[key] if i != pair.id),
            mentor_taken=live_load[mentor.id] - live,
        )
        for result in results:
            # A declined or cancelled pair takes no place: later pairs may use it.
            if result.rule is Rule.CAPACITY and not live:
                continue
            assert result.ok, f"pair {pair.id}: {result.reason}"
    for signup_id, load in live_load.items():
        assert load <= signups[signup_id].capacity


def assert_timelines(program: Program, today: date) -> None:
    """Each timeline is a valid walk through the workflow, in order, before today."""
    for pair in program.pairs:
        steps = _status_steps(pair)
        assert steps, f"pair {pair.id} has no status events"
        assert steps[0][1] in (PairStatus.DRAFT, PairStatus.PROPOSED)
        signed_up = max(program.signups[s].signed_up
                        for s in (pair.mentor_signup_id, pair.mentee_signup_id))
        assert steps[0][0].date() >= signed_up, f"pair {pair.id} starts before a sign-up"
        for (before, current, _), (at, target, note) in zip(steps, steps[1:], strict=False):
            check_transition(current, target, at=at, previous_at=before, note=note)
        assert steps[-1][1] == pair.status
        assert steps[-1][0].date() < today
        assert len(pair.events) == len(steps)  # one event per step, nothing else
        assert {e.by for e in pair.events} <= set(COORDINATORS)


def assert_signup_statuses(program: Program) -> None:
    """Sign-up statuses are what the pair services derive from the pairs."""
    by_signup: dict[int, list[PairStatus]] = defaultdict(list)
    for pair in program.pairs:
        by_signup[pair.mentor_signup_id].append(PairStatus(pair.status))
        by_signup[pair.mentee_signup_id].append(PairStatus(pair.status))
    for signup in program.signups.values():
        statuses = by_signup[signup.id]
        live = [s for s in statuses if s not in RELEASES_MENTEE]
        if signup.status is SignupStatus.WITHDRAWN:
            assert not statuses
        elif signup.role is Role.MENTEE:
            assert len(live) <= 1, f"mentee sign-up {signup.id} is in two pairs"
            if not live or live[0] is PairStatus.DRAFT:
                # Declined or cancelled: back in the pool; a draft tells no one: still waiting.
                expected = SignupStatus.OPEN
            else:
                closed = live[0] is PairStatus.CLOSED
                expected = SignupStatus.CLOSED if closed else SignupStatus.MATCHED
            assert signup.status is expected, (signup.id, statuses)
        else:
            # Every pair not declined or cancelled takes a place (capacity is per sign-up).
            running = [s for s in live if s not in (PairStatus.CLOSED, PairStatus.DRAFT)]
            told = [s for s in live if s is not PairStatus.DRAFT]  # a draft changes no status
            if len(told) < signup.capacity:
                expected = SignupStatus.OPEN
            else:
                expected = SignupStatus.MATCHED if running else SignupStatus.CLOSED
            assert signup.status is expected, (signup.id, statuses)


def assert_consistent(db: Database, today: date) -> Program:
    program = _read(db)
    assert_hard_rules(program)
    assert_timelines(program, today)
    assert_signup_statuses(program)
    with db.session() as session:  # the services' own derivation changes nothing
        before = dict(session.execute(select(SignupRow.id, SignupRow.status)).all())
        sync_signup_statuses(session, before)
        session.flush()
        after = dict(session.execute(select(SignupRow.id, SignupRow.status)).all())
        session.rollback()
    assert after == before
    return program


def test_default_demo_is_a_full_program(db: Database) -> None:
    summary = fill_demo(db, today=TODAY)
    program = assert_consistent(db, TODAY)
    mentors, mentees = program.role_signups(Role.MENTOR), program.role_signups(Role.MENTEE)
    assert summary == DemoSummary(
        len(program.people), len(mentors), len(mentees), len(program.pairs),
        {s.value: sum(p.status == s for p in program.pairs) for s in PairStatus},
        sum(len(p.events) for p in program.pairs),
    )
    assert len(mentors) >= 60 and len(mentees) >= 150
    assert abs(len(program.people) - DEFAULT_PEOPLE) <= 5
    assert {s.program_year for s in program.signups.values()} == {2024, 2025}
    assert all(s.program_year == s.signed_up.year for s in program.signups.values())
    assert {PairStatus(p.status) for p in program.pairs} == set(PairStatus)
    for role in Role:  # people who take part again the next year
        years = defaultdict(set)
        for signup in program.role_signups(role):
            years[signup.person_id].add(signup.program_year)
        assert any(len(y) == 2 for y in years.values()), role
    statuses = Counter(s.status for s in program.signups.values())
    assert statuses[SignupStatus.WITHDRAWN] >= 1 and statuses[SignupStatus.OPEN] >= 1
    last_year = [PairStatus(p.status) for p in program.pairs if p.program_year == 2024]
    ended = sum(s in (PairStatus.CLOSED, PairStatus.CONTINUING) for s in last_year)
    assert ended > len(last_year) / 2


def test_people_look_real(default_program: Program) -> None:
    people = list(default_program.people.values())
    non_ascii = {c for p in people for c in p.name if not c.isascii()}
    assert len(non_ascii) >= 15
    assert sum(not p.name.isascii() for p in people) >= len(people) / 3
    emails = [p.email for p in people]
    assert all(e.isascii() and re.fullmatch(r"[a-z0-9.]+@[a-z.-]+", e) for e in emails)
    assert len({e.casefold() for e in emails}) == len(emails)
    assert all(LADDER.rank(p.position) for p in people)
    assert len({p.department for p in people}) == 8
    assert len({pr for p in people for pr in p.projects}) >= 12
    assert all(len(p.projects) <= 2 for p in people)
    assert all(p.languages for p in people)
    assert Counter(lang for p in people for lang in p.languages).most_common(1)[0][0] == "English"
    signups = default_program.signups.values()
    assert all(1 <= len(s.topics) <= 3 and set(s.topics) <= set(TOPICS) for s in signups)
    def ranks(role: Role) -> list[int]:
        return [LADDER.rank(default_program.people[s.person_id].position) or 0
                for s in default_program.role_signups(role)]

    assert min(ranks(Role.MENTOR)) >= 3 and max(ranks(Role.MENTEE)) <= 3
    assert sum(r >= 4 for r in ranks(Role.MENTOR)) > len(ranks(Role.MENTOR)) / 2
    assert sum(r <= 2 for r in ranks(Role.MENTEE)) > len(ranks(Role.MENTEE)) / 2
    assert {s.capacity for s in default_program.role_signups(Role.MENTOR)} == {1, 2, 3}


def test_motivations_formats_and_notes(db: Database) -> None:
    fill_demo(db, today=TODAY)
    with db.session() as session:
        motivations = session.scalars(select(SignupRow.motivation)).all()
        formats = set(session.scalars(select(SignupRow.meeting_format)))
        notes = session.scalars(select(PairEventRow.note)).all()
    assert sum(bool(m) for m in motivations) > len(motivations) / 4
    assert any("\n" in m for m in motivations)
    assert formats == {"any", "in_person", "online"}
    assert sum(bool(n) for n in notes) > len(notes) / 10


def test_same_seed_and_day_give_the_same_program(tmp_path: Path) -> None:
    programs = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = _open(tmp_path / f"{name}.sqlite")
        fill_demo(db, seed=seed, today=TODAY)
        programs.append((list_people(db), list_signups(db), list_pairs(db)))
        db.close()
    assert programs[0] == programs[1]
    assert programs[0][0] != programs[2][0] and programs[0][2] != programs[2][2]


def test_overdue_and_due_soon_pairs(default_program: Program) -> None:
    overdue: Counter[DeadlineKind] = Counter()
    due_soon: Counter[DeadlineKind] = Counter()
    for pair in default_program.pairs:
        for deadline in deadlines(pair.events):
            if deadline.is_overdue(TODAY):
                overdue[deadline.kind] += 1
            elif deadline.met_on is None and 0 <= deadline.days_left(TODAY) <= 7:
                due_soon[deadline.kind] += 1
    for kind in DeadlineKind:
        assert overdue[kind] >= 2 and due_soon[kind] >= 1, kind


def test_steps_carry_what_their_dialogs_ask_for(default_program: Program) -> None:
    wanted = {PairStatus.FIRST_CONTACT: {"questions"}, PairStatus.MET: {"format", "place"},
              PairStatus.EVALUATED: {"outcome", "continue"}}
    for pair in default_program.pairs:
        events = [e for e in pair.events if e.status]
        for event, following in zip(events, [*events[1:], None], strict=True):
            status = PairStatus(event.status)
            if status in wanted:
                assert event.details and set(event.details) == wanted[status]
            if status is PairStatus.MEETING_PLANNED:
                assert event.details and "meeting_date" in event.details
                if following is not None and following.status == PairStatus.MET:
                    assert event.details["meeting_date"] == following.at.date().isoformat()
            if status is PairStatus.EVALUATED and following is not None:
                goes_on = following.status == PairStatus.CONTINUING
                assert event.details and event.details["continue"].startswith(
                    "Yes" if goes_on else "No")
            if status is PairStatus.CANCELLED:
                assert event.note


def test_five_thousand_people(db: Database) -> None:
    summary = fill_demo(db, people=5000, today=TODAY)
    program = assert_consistent(db, TODAY)
    assert summary.people == len(program.people) == 5000
    assert 0.25 < summary.mentors / (summary.mentors + summary.mentees) < 0.35
    assert summary.pairs > 3000
    assert all(summary.pairs_by_status[s.value] > 0 for s in PairStatus)


def test_demo_rows_are_stored_like_the_services_store_them(db: Database) -> None:
    def cache_size() -> int:
        with db.session() as session:
            return int(session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one())

    before = cache_size()
    fill_demo(db, today=TODAY)
    assert cache_size() == before  # the fill's bigger page cache is given back
    late = next(p for p in list_pairs(db) if p.status == PairStatus.PROPOSED)
    at = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9, minutes=30)
    change_status(db, late.id, PairStatus.MENTOR_AGREED, at=at, by="Anouk Verhoeven")
    assert [e.status for e in get_pair(db, late.id).events][-2:] == [
        PairStatus.PROPOSED, PairStatus.MENTOR_AGREED]
    with pytest.raises(TransitionError):  # the demo's steps count as earlier steps
        change_status(db, late.id, PairStatus.INTRODUCED, at=at - timedelta(days=30))
    with db.session() as session:
        stamps = session.scalars(text("SELECT at FROM pair_event")).all()
        days = session.scalars(text("SELECT signed_up FROM signup")).all()
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", s) for s in stamps)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in days)
    added = add_signup(db, PersonInput("Zoë Nieuw", "zoe.nieuw@example.org", "PhD candidate"),
                       SignupInput(Role.MENTEE, TODAY, TODAY.year))
    assert added.person_id == len(list_people(db))


def test_refuses_a_database_that_is_not_empty(db: Database) -> None:
    add_signup(db, PersonInput("Søren Ødegård", "soren@example.org", "Postdoc"),
               SignupInput(Role.MENTEE, TODAY, TODAY.year))
    with pytest.raises(ValueError, match=r"not empty \(1 person\); demo data only goes into"):
        fill_demo(db, today=TODAY)
    assert len(list_people(db)) == 1 and list_pairs(db) == []


def test_refuses_to_fill_twice(db: Database) -> None:
    first = fill_demo(db, people=300, today=TODAY)
    with pytest.raises(ValueError, match=f"not empty \\({first.people} people\\)"):
        fill_demo(db, people=300, today=TODAY)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(PersonRow)) == first.people


def test_progress_and_sizes(db: Database, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    fill_demo(db, people=1000, today=TODAY, progress=lambda done, total: calls.append(
        (done, total)))
    assert len(calls) >= 5 and calls[-1] == (PROGRESS_TOTAL, PROGRESS_TOTAL)
    assert all(total == PROGRESS_TOTAL for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    empty = _open(tmp_path / "empty.sqlite")
    assert fill_demo(empty, people=0, today=TODAY).people == 0
    with pytest.raises(ValueError, match="cannot be negative"):
        fill_demo(empty, people=-1)
    empty.close()


def test_real_today_by_default(db: Database) -> None:
    summary = fill_demo(db, people=400)
    years = {s.program_year for s in list_signups(db)}
    assert years == {date.today().year - 1, date.today().year} and summary.pairs > 0
    assert_consistent(db, date.today())


@pytest.mark.postgres
def test_postgres_gets_the_same_program(pg_db: Database, tmp_path: Path) -> None:
    fill_demo(pg_db, people=600, today=TODAY)
    lite = _open(tmp_path / "lite.sqlite")
    fill_demo(lite, people=600, today=TODAY)
    assert list_people(pg_db) == list_people(lite)
    assert list_signups(pg_db) == list_signups(lite)
    assert list_pairs(pg_db) == list_pairs(lite)
    lite.close()
    added = add_signup(pg_db, PersonInput("Łucja Nowak", "lucja@example.org", "Postdoc"),
                       SignupInput(Role.MENTEE, TODAY, TODAY.year))  # sequences moved on
    assert added.person_id == len(list_people(pg_db))


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("AMS_DESK_SLOW") != "1", reason="set AMS_DESK_SLOW=1")
def test_hundred_thousand_people(db: Database) -> None:
    # How long it takes: benchmarks/bench.py (demo_100000_people, beside its limit).
    summary = fill_demo(db, people=100_000, today=TODAY)
    assert summary.people == 100_000 and summary.pairs > 70_000
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(PersonRow)) == 100_000
        emails = session.scalar(select(func.count(func.distinct(PersonRow.email_key))))
        assert emails == 100_000
    assert len(list_signups(db)) == summary.mentors + summary.mentees
