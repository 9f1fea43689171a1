"""The store's quick reads agree with what the core makes of whole timelines.

:func:`~ams_desk.store.pair_rows.attention_list` reads only the pairs late with a
step, from each pair's stored latest step (revision 0008), and names only those;
:func:`~ams_desk.core.attention.attention_items` given every pair with its
whole timeline and every sign-up is the rule. The Pairs table reads each
pair's latest step day instead of its timeline. Random programs stored in a
real database must get the same answers both ways.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from ams_desk.core.attention import attention_items
from ams_desk.core.workflow import TERMINAL, TRANSITIONS, PairStatus
from ams_desk.store.database import Database, open_database
from ams_desk.store.pair_rows import (
    attention_entries,
    attention_list,
    get_pair_row,
    list_pair_rows,
)
from ams_desk.store.pairs import list_pairs
from ams_desk.store.rows import signup_of
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import get_program_settings

START = datetime(2025, 1, 6, 9, 0)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("attention") / "ams.sqlite"
    database = open_database(f"sqlite:///{path}")
    yield database
    database.close()


@st.composite
def timelines(draw: st.DrawFn) -> list[tuple[PairStatus, int, bool]]:
    """A pair's steps as the workflow allows them: (status, hours after the previous, a note)."""
    path = [PairStatus.DRAFT] if draw(st.booleans()) else []
    status = PairStatus.PROPOSED
    while True:
        path.append(status)
        forward = TRANSITIONS[status]
        choice = draw(st.integers(0, len(forward) + 1))
        if status in TERMINAL or choice > len(forward):
            break  # the pair waits here
        status = PairStatus.CANCELLED if choice == len(forward) else forward[choice]
    return [(s, draw(st.integers(0, 24 * 40)), draw(st.booleans())) for s in path]


programs = st.fixed_dictionaries({
    "pairs": st.lists(timelines(), max_size=12),
    "mentees": st.lists(
        st.tuples(st.sampled_from(["open", "matched", "closed", "withdrawn"]),
                  st.integers(0, 500)),
        max_size=10),
    "today": st.integers(0, 700),
})  # fmt: skip


def _store(db: Database, program: dict[str, object]) -> None:
    """Replace everything stored with ``program``."""
    pairs: list[list[tuple[PairStatus, int, bool]]] = program["pairs"]  # type: ignore[assignment]
    mentees: list[tuple[str, int]] = program["mentees"]  # type: ignore[assignment]
    with db.session() as session:
        connection = session.connection()
        for table in (PairEventRow, PairRow, SignupRow, PersonRow):
            connection.execute(delete(table))
        count = 2 * len(pairs) + len(mentees)
        if not count:
            return
        connection.execute(insert(PersonRow), [
            {"id": i, "name": f"Person {i}", "email": f"p{i}@ams.org", "email_key": f"p{i}@ams.org",
             "position": "Postdoc", "department": "", "languages": [], "notes": ""}
            for i in range(1, count + 1)
        ])  # fmt: skip
        signups = []
        for n in range(len(pairs)):
            for role, person in (("mentor", 2 * n + 1), ("mentee", 2 * n + 2)):
                signups.append({"id": person, "person_id": person, "role": role,
                                "signed_up": START.date(), "status": "matched"})
        for i, (status, day) in enumerate(mentees, 2 * len(pairs) + 1):
            signups.append({"id": i, "person_id": i, "role": "mentee",
                            "signed_up": START.date() + timedelta(days=day), "status": status})
        if signups:
            connection.execute(insert(SignupRow), [
                {**s, "program_year": 2025, "topics": [], "meeting_format": "any",
                 "capacity": 1, "motivation": ""} for s in signups
            ])  # fmt: skip
        events = []
        for n, steps in enumerate(pairs, 1):
            connection.execute(insert(PairRow), [{
                "id": n, "mentor_signup_id": 2 * n - 1, "mentee_signup_id": 2 * n,
                "status": steps[-1][0].value, "program_year": 2025, "override_note": ""}])
            at = START
            for status, hours, note in steps:
                at += timedelta(hours=hours)
                events.append({"pair_id": n, "at": at, "kind": "status", "status": status.value,
                               "by": "test", "note": ""})
                if note:
                    events.append({"pair_id": n, "at": at + timedelta(minutes=5), "kind": "note",
                                   "status": None, "by": "test", "note": "a note"})
        if events:
            connection.execute(insert(PairEventRow), events)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=programs)
def test_the_quick_read_lists_what_the_rule_lists(
    shared_db: Database, program: dict[str, object]
) -> None:
    _store(shared_db, program)
    today = START.date() + timedelta(days=program["today"])  # type: ignore[arg-type]
    stored = get_program_settings(shared_db)
    with shared_db.session() as session:
        signups = [signup_of(row) for row in session.scalars(select(SignupRow))]
    expected = attention_items(list_pairs(shared_db), signups, today=today,
                               settings=stored.deadlines, waiting_days=stored.waiting_alert_days)
    assert attention_list(shared_db, today) == expected


def test_listed_pairs_are_named(shared_db: Database) -> None:
    """Only the listed pairs' names are read; each listed pair has them."""
    _store(shared_db, {"pairs": [[(PairStatus.PROPOSED, 0, False)],
                                 [(PairStatus.PROPOSED, 0, False),
                                  (PairStatus.MENTOR_AGREED, 1, True)]],
                       "mentees": [("open", 0)], "today": 0})
    entries = attention_entries(shared_db, date(2025, 4, 1))
    assert [(e.item.pair_id, e.item.signup_id, e.who) for e in entries] == [
        (1, None, "Person 1 → Person 2"),
        (None, 5, "Person 5"),
    ]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=programs)
def test_the_pairs_table_shows_what_each_whole_timeline_says(
    shared_db: Database, program: dict[str, object]
) -> None:
    _store(shared_db, program)
    for row in list_pair_rows(shared_db):
        whole = get_pair_row(shared_db, row.pair.id)
        assert (row.since, row.open_deadline(), row.status) == (
            whole.since, whole.open_deadline(), whole.status)


def test_table_rows_and_attention_on_both_databases(any_db: Database) -> None:
    """The day read from the database is a date on SQLite and PostgreSQL alike."""
    _store(any_db, {"pairs": [[(PairStatus.PROPOSED, 0, False)],
                              [(PairStatus.PROPOSED, 0, True), (PairStatus.MENTOR_AGREED, 30, True),
                               (PairStatus.INTRODUCED, 30, False)]],
                    "mentees": [("open", 0)], "today": 0})
    rows = {row.pair.id: row for row in list_pair_rows(any_db)}
    assert {k: (r.since, r.open_deadline()) for k, r in rows.items()} == {
        k: (get_pair_row(any_db, k).since, get_pair_row(any_db, k).open_deadline())
        for k in rows
    }
    assert rows[2].since == date(2025, 1, 8)
    assert [e.item.pair_id for e in attention_entries(any_db, date(2025, 4, 1))] == [1, None]
