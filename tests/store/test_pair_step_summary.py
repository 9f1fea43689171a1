"""Each pair's stored latest step and meetings count (revision 0008) follow its events.

The database's triggers keep them, whatever writes the events; these tests
compare them with what the events say after every kind of write, on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select, text, update

from ams_desk.core.meetings import count_meetings
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.ops import pairs as pair_ops
from ams_desk.store.pair_rows import get_pair_row, list_pair_rows
from ams_desk.store.pairs import change_status, create_pair, get_pair, record_meeting, undo_step
from ams_desk.store.people import add_signup
from ams_desk.store.schema import PairEventRow, PairRow

TODAY = date(2026, 6, 1)


def _stored(db: Database, pair_id: int) -> tuple[datetime | None, int]:
    with db.session() as session:
        row = session.execute(select(PairRow.stepped_at, PairRow.meetings)
                              .where(PairRow.id == pair_id)).one()
        return row[0], row[1]


def _from_events(db: Database, pair_id: int) -> tuple[datetime | None, int]:
    events = get_pair(db, pair_id).events
    steps = [e.at for e in events if e.status is not None]
    return (max(steps) if steps else None), count_meetings(events)


def _agree(db: Database, pair_id: int) -> tuple[datetime | None, int]:
    stored = _stored(db, pair_id)
    assert stored == _from_events(db, pair_id)
    return stored


def _pair(db: Database) -> int:
    mentor = add_signup(db, PersonInput("Eva Müller", "eva@ams.org", "Full professor"),
                        SignupInput(Role.MENTOR, date(2026, 1, 5), 2026))
    mentee = add_signup(db, PersonInput("Jan Jansen", "jan@ams.org", "PhD candidate"),
                        SignupInput(Role.MENTEE, date(2026, 1, 6), 2026))
    return create_pair(db, mentor.signup_id, mentee.signup_id, at=datetime(2026, 2, 1, 9)).id


def test_steps_meetings_and_their_undo_keep_the_summary(any_db: Database) -> None:
    pair_id = _pair(any_db)
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 1, 9), 0)
    at = datetime(2026, 2, 1, 9)
    for status in (PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED, PairStatus.FIRST_CONTACT,
                   PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED, PairStatus.MET,
                   PairStatus.EVALUATED, PairStatus.CONTINUING):
        at += timedelta(days=3)
        change_status(any_db, pair_id, status, at=at)
        assert _agree(any_db, pair_id)[0] == at
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 25, 9), 1)  # the met step
    record_meeting(any_db, pair_id, datetime(2026, 4, 2, 12), "Online", today=TODAY)
    outcome = pair_ops.record_meeting(any_db, pair_id, datetime(2026, 5, 2, 12), "In person",
                                      today=TODAY)
    # A meeting is no step: the latest step stays, the count grows.
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 25, 9), 3)
    assert outcome.undo is not None
    outcome.undo(any_db)
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 25, 9), 2)
    latest = [e for e in get_pair(any_db, pair_id).events if e.status][-1]
    undo_step(any_db, pair_id, latest.id)  # continuing → evaluated
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 22, 9), 2)
    row = list_pair_rows(any_db)[0]
    assert (row.since, row.meetings) == (date(2026, 2, 22), 2)
    assert get_pair_row(any_db, pair_id).meetings == 2


def test_an_event_moved_or_changed_in_the_database_is_counted_again(any_db: Database) -> None:
    pair_id = _pair(any_db)
    change_status(any_db, pair_id, PairStatus.MENTOR_AGREED, at=datetime(2026, 3, 1, 10))
    with any_db.session() as session:
        # Written behind the services' back: the triggers still follow.
        session.execute(update(PairEventRow).where(PairEventRow.status == "mentor_agreed")
                        .values(at=datetime(2026, 1, 20, 10)))
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 1, 9), 0)
    with any_db.session() as session:
        session.execute(update(PairEventRow).where(PairEventRow.status == "mentor_agreed")
                        .values(status="met", kind="status"))
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 1, 9), 1)
    with any_db.session() as session:
        session.execute(text("DELETE FROM pair_event WHERE status = 'met'"))
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 1, 9), 0)
    with any_db.session() as session:  # a note is neither a step nor a meeting
        session.execute(text("INSERT INTO pair_event (pair_id, at, kind, status, \"by\", note) "
                             "VALUES (:p, :at, 'note', NULL, 'Anouk', 'Called her')"),
                        {"p": pair_id, "at": datetime(2026, 5, 1)})
    assert _agree(any_db, pair_id) == (datetime(2026, 2, 1, 9), 0)


def test_every_pair_of_the_demo_agrees_with_its_events(any_db: Database) -> None:
    """The demo writes half a million events in bulk at 100,000 people; here a small one."""
    fill_demo(any_db, people=400, today=TODAY)
    with any_db.session() as session:
        stored = {pair_id: meetings for pair_id, meetings in session.execute(
            select(PairRow.id, PairRow.meetings))}
    rows = {row.pair.id: row for row in list_pair_rows(any_db)}
    assert len(rows) == len(stored) > 100
    for pair_id in list(rows)[::7]:
        full = get_pair_row(any_db, pair_id)
        steps = [e.at for e in full.pair.events if e.status]
        assert rows[pair_id].since == max(steps).date()
        assert rows[pair_id].meetings == stored[pair_id] == count_meetings(full.pair.events)
    assert any(m >= 1 for m in stored.values())  # pairs that met
