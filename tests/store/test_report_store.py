"""The report's read of the store: the same program gives the same figures on SQLite and
PostgreSQL."""

from __future__ import annotations

import gc
from datetime import date, datetime

import pytest
from sqlalchemy import delete

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.pairs import create_pair, list_pairs
from ams_desk.store.people import add_signup
from ams_desk.store.report import load_program_data, program_report
from ams_desk.store.schema import PairEventRow

TODAY = date(2026, 6, 15)


def test_the_read_holds_every_sign_up_pair_and_step(db: Database) -> None:
    fill_demo(db, today=TODAY)
    data = load_program_data(db)
    stored = {p.id: p for p in list_pairs(db)}
    assert {p.id for p in data.pairs} == set(stored)
    for pair in data.pairs:
        steps = [e for e in stored[pair.id].events if e.status is not None]
        assert [(e.at, e.status) for e in pair.events] == [(e.at, e.status) for e in steps]
        assert pair.program_year == stored[pair.id].program_year
    assert all(data.person_of(p.mentee_signup_id).email for p in data.pairs)
    assert any(PairStatus.MET in s for s in data.steps.values())
    assert data.years() == [2026, 2025]


@pytest.mark.postgres
def test_postgresql_gives_the_same_figures(db: Database, pg_db: Database) -> None:
    for database in (db, pg_db):
        fill_demo(database, today=TODAY, seed=11)
    _, on_sqlite = program_report(db, 2026, TODAY)
    _, on_postgres = program_report(pg_db, 2026, TODAY)
    assert on_postgres.as_dict() == on_sqlite.as_dict()
    assert on_sqlite.figures["pairs_proposed"] > 0


def test_people_once_pairs_without_steps_and_the_collector_left_as_it_was(db: Database) -> None:
    mentor = add_signup(db, PersonInput("Ada Mentor", "ada@example.org", "Full professor"),
                        SignupInput(Role.MENTOR, date(2025, 3, 1), 2025, capacity=2))
    again = add_signup(db, PersonInput("Ada Mentor", "ada@example.org", "Full professor"),
                       SignupInput(Role.MENTOR, date(2026, 3, 1), 2026, capacity=1),
                       existing_person_id=mentor.person_id)
    mentee = add_signup(db, PersonInput("Bo Mentee", "bo@example.org", "PhD candidate"),
                        SignupInput(Role.MENTEE, date(2026, 3, 2), 2026))
    pair = create_pair(db, again.signup_id, mentee.signup_id,
                       at=datetime(2026, 3, 5, 9))
    with db.session() as session:  # a pair whose status steps are gone (only a note is left)
        session.execute(delete(PairEventRow).where(PairEventRow.pair_id == pair.id))
        session.add(PairEventRow(pair_id=pair.id, at=datetime(2026, 3, 6, 9), kind="note",
                                 status=None, by="test", note="kept"))
    assert gc.isenabled()
    data = load_program_data(db)
    assert gc.isenabled()  # paused for the read only
    assert [s.id for s in data.signups] == sorted(
        [mentor.signup_id, again.signup_id, mentee.signup_id])
    assert len(data.people) == 2 and data.person_of(again.signup_id).name == "Ada Mentor"
    [read] = data.pairs
    assert read.id == pair.id and read.events == () and data.steps[pair.id] == {}
    gc.disable()
    try:
        load_program_data(db)
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()
