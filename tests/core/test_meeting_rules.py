"""Meetings after the first: when one may be recorded, and how they are counted."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ams_desk.core.meetings import MEETING, check_meeting, count_meetings
from ams_desk.core.model import PairEvent, PairStatus
from ams_desk.core.validation import ValidationError

FIRST = date(2026, 3, 10)
TODAY = date(2026, 6, 1)


def test_a_continuing_pair_records_meetings_between_its_first_and_today() -> None:
    check_meeting(PairStatus.CONTINUING, date(2026, 5, 2), first_met=FIRST, today=TODAY,
                  how="Online")
    check_meeting(PairStatus.CONTINUING, TODAY, first_met=FIRST, today=TODAY, how="In person")


@pytest.mark.parametrize(
    ("status", "on", "how", "field", "words"),
    [
        (PairStatus.EVALUATED, date(2026, 5, 2), "Online", "pair", "continuing pairs"),
        (PairStatus.CLOSED, date(2026, 5, 2), "Online", "pair", "continuing pairs"),
        (PairStatus.CONTINUING, date(2026, 6, 2), "Online", "date", "after today"),
        (PairStatus.CONTINUING, date(2026, 3, 9), "Online", "date",
         "before the pair's first meeting (2026-03-10)"),
        (PairStatus.CONTINUING, date(2026, 5, 2), "By pigeon", "format", "In person, Online"),
    ],
)
def test_a_meeting_is_refused_with_the_field_named(
    status: PairStatus, on: date, how: str, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        check_meeting(status, on, first_met=FIRST, today=TODAY, how=how)
    assert refused.value.field == field and words in refused.value.message


def test_meetings_are_the_met_step_and_those_recorded_after() -> None:
    events = [
        PairEvent(datetime(2026, 3, 1, 9), "status", PairStatus.MEETING_PLANNED),
        PairEvent(datetime(2026, 3, 10, 9), "status", PairStatus.MET),
        PairEvent(datetime(2026, 3, 20, 9), "status", PairStatus.EVALUATED),
        PairEvent(datetime(2026, 3, 21, 9), "note", note="They met for coffee? No: a note."),
        PairEvent(datetime(2026, 4, 21, 12), MEETING, details={"format": "Online"}),
        PairEvent(datetime(2026, 5, 21, 12), MEETING, details={"format": "In person"}),
    ]
    assert count_meetings(events) == 3
    assert count_meetings(events[:2]) == 1 and count_meetings(events[:1]) == 0
