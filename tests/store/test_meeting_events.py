"""A continuing pair's later meetings: stored as events, counted in the Pairs table's rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ams_desk.core.meetings import MEETING
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database
from ams_desk.store.ops import pairs as pair_ops
from ams_desk.store.pair_rows import get_pair_row, list_pair_rows
from ams_desk.store.pairs import change_status, create_pair, record_meeting
from ams_desk.store.people import add_signup

TODAY = date(2026, 6, 1)


def _continuing(db: Database) -> int:
    mentor = add_signup(db, PersonInput("Eva Müller", "eva@ams.org", "Full professor"),
                        SignupInput(Role.MENTOR, date(2026, 1, 5), 2026))
    mentee = add_signup(db, PersonInput("Jan Jansen", "jan@ams.org", "PhD candidate"),
                        SignupInput(Role.MENTEE, date(2026, 1, 6), 2026))
    pair = create_pair(db, mentor.signup_id, mentee.signup_id, at=datetime(2026, 2, 1, 9))
    at = datetime(2026, 2, 1, 9)
    for status in (PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED, PairStatus.FIRST_CONTACT,
                   PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED, PairStatus.MET,
                   PairStatus.EVALUATED, PairStatus.CONTINUING):
        at += timedelta(days=3)
        change_status(db, pair.id, status, at=at)
    return pair.id


def test_meetings_are_events_of_the_pair(any_db: Database) -> None:
    pair_id = _continuing(any_db)
    assert [r.meetings for r in list_pair_rows(any_db)] == [1]  # the met step
    pair = record_meeting(any_db, pair_id, datetime(2026, 4, 2, 12), "Online",
                          place="https://meet.jit.si/ams", note="On the grant.", by="Anouk",
                          today=TODAY)
    [meeting] = [e for e in pair.events if e.kind == MEETING]
    assert meeting.status is None and meeting.by == "Anouk" and meeting.note == "On the grant."
    assert meeting.details == {"format": "Online", "place": "https://meet.jit.si/ams"}
    assert pair.status is PairStatus.CONTINUING  # a meeting is no step
    record_meeting(any_db, pair_id, datetime(2026, 5, 2, 12), "In person", today=TODAY)
    assert [r.meetings for r in list_pair_rows(any_db)] == [3]
    assert list_pair_rows(any_db, [pair_id])[0].since == date(2026, 2, 25)  # latest step
    assert get_pair_row(any_db, pair_id).meetings == 3
    with pytest.raises(ValidationError, match="after today"):
        record_meeting(any_db, pair_id, datetime(2026, 6, 2, 9), "Online", today=TODAY)
    assert get_pair_row(any_db, pair_id).meetings == 3  # nothing stored


def test_undo_and_redo_of_a_meeting(any_db: Database) -> None:
    pair_id = _continuing(any_db)
    outcome = pair_ops.record_meeting(any_db, pair_id, datetime(2026, 4, 2, 12), "Online",
                                      note="First of many", today=TODAY)
    assert outcome.changes.pairs == {pair_id} and outcome.undo is not None
    undone = outcome.undo(any_db)
    assert get_pair_row(any_db, pair_id).meetings == 1 and undone.undo is not None
    undone.undo(any_db)
    row = get_pair_row(any_db, pair_id)
    [again] = [e for e in row.pair.events if e.kind == MEETING]
    assert row.meetings == 2 and again.note == "First of many"
    assert again.at == datetime(2026, 4, 2, 12)
