"""The program's invariants under two concurrent writers, raced 100 times.

Two engines (two coordinators' windows) propose at the same instant: one
mentee to two mentors, or two mentees to a mentor's last place. The checks run
inside the writing transaction with the sign-ups locked (SQLite ``BEGIN
IMMEDIATE``, PostgreSQL ``SELECT … FOR UPDATE``), so exactly one proposal is
stored and the other gets the rule's refusal — never a second live pair, never
an overfull mentor, never "database is locked".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import partial

from sqlalchemy import func, select

from ams_desk.core.model import Role
from ams_desk.core.places import TAKES_PLACE
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup, add_signup
from ams_desk.store.schema import PairRow

ROUNDS = 100
LIVE = sorted(s.value for s in TAKES_PLACE)


def _signup(db: Database, n: int, role: Role, capacity: int = 1) -> AddedSignup:
    position = "Full professor" if role is Role.MENTOR else "PhD candidate"
    return add_signup(db, PersonInput(f"{role.value.title()} {n}", f"{role.value}{n}@ams.org",
                                      position),
                      SignupInput(role, date(2026, 1, 15), 2026, capacity=capacity))


def _race(first: Callable[[], object], second: Callable[[], object]) -> list[object]:
    """Run both at the same instant; return what each returned or raised."""
    start = threading.Barrier(2)
    results: list[object] = [None, None]

    def run(index: int, job: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - what the loser got is the point
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in
               enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _one_won_one_was_refused(results: list[object]) -> str:
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], ValidationError), repr(refused[0])  # a rule's refusal
    return refused[0].message


def test_one_mentee_proposed_to_two_mentors_at_once(two: tuple[Database, Database]) -> None:
    ana, ben = two
    messages = set()
    for n in range(ROUNDS):
        mentors = _signup(ana, 2 * n, Role.MENTOR), _signup(ana, 2 * n + 1, Role.MENTOR)
        mentee = _signup(ana, n, Role.MENTEE)
        results = _race(partial(create_pair, ana, mentors[0].signup_id, mentee.signup_id),
                        partial(create_pair, ben, mentors[1].signup_id, mentee.signup_id))
        messages.add(_one_won_one_was_refused(results))
    with ana.session() as session:
        live = session.execute(
            select(PairRow.mentee_signup_id, func.count()).where(PairRow.status.in_(LIVE))
            .group_by(PairRow.mentee_signup_id)).all()
    assert len(live) == ROUNDS and all(count == 1 for _, count in live)  # 0 violations
    assert all("mentee" in m.lower() for m in messages), messages


def test_two_mentees_for_a_mentor_s_last_place(two: tuple[Database, Database]) -> None:
    ana, ben = two
    messages = set()
    for n in range(ROUNDS):
        mentor = _signup(ana, n, Role.MENTOR, capacity=1)
        mentees = _signup(ana, 2 * n, Role.MENTEE), _signup(ana, 2 * n + 1, Role.MENTEE)
        results = _race(partial(create_pair, ana, mentor.signup_id, mentees[0].signup_id),
                        partial(create_pair, ben, mentor.signup_id, mentees[1].signup_id))
        messages.add(_one_won_one_was_refused(results))
    with ana.session() as session:
        taken = session.execute(
            select(PairRow.mentor_signup_id, func.count()).where(PairRow.status.in_(LIVE))
            .group_by(PairRow.mentor_signup_id)).all()
    assert len(taken) == ROUNDS and all(count == 1 for _, count in taken)  # 0 violations
    assert all("no capacity left" in m for m in messages), messages
