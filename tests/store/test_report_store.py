"""The report's read of the store: the same program gives the same figures on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.pairs import list_pairs
from ams_desk.store.report import load_program_data, program_report

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
