"""Meetings of a pair after the first: recorded on its timeline and counted.

DESIGN.md §1, step 7: once a pair goes on, how often they meet is up to them.
The first meeting is the pair's ``met`` step; every later one is an event of
kind :data:`MEETING` (no status) with its day, how they met and a note. A
meeting is recorded for a pair that is continuing, on a day no earlier than
their first meeting and not in the future.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ams_desk.core.model import PairEvent, PairStatus
from ams_desk.core.validation import ValidationError

MEETING = "meeting"
"""The event kind of a meeting recorded after the first (the ``met`` step)."""

FORMATS: tuple[str, ...] = ("In person", "Online")
"""How a pair meets, as the ``format`` detail of a meeting (and of the ``met`` step)."""

RECORDS_MEETINGS: frozenset[PairStatus] = frozenset({PairStatus.CONTINUING})
"""The statuses in which a pair's later meetings are recorded."""


def is_meeting(event: PairEvent) -> bool:
    """True for an event that is a meeting: the ``met`` step or a recorded meeting."""
    return event.kind == MEETING or event.status == PairStatus.MET


def count_meetings(events: Iterable[PairEvent]) -> int:
    """How many times the pair met: its ``met`` step and every meeting recorded after it."""
    return sum(1 for event in events if is_meeting(event))


def check_meeting(
    status: PairStatus, on: date, *, first_met: date | None, today: date, how: str
) -> None:
    """Raise :class:`ValidationError`, naming the field, unless this meeting may be recorded.

    Args:
        status: The pair's status now.
        on: The day they met.
        first_met: The day of the pair's ``met`` step (None: they never met).
        today: Today; a meeting to come is planned, not recorded.
        how: How they met, one of :data:`FORMATS`.
    """
    if status not in RECORDS_MEETINGS:
        raise ValidationError(
            "pair", "Meetings are recorded for continuing pairs; record the pair's next step "
            "instead.")
    if on > today:
        raise ValidationError(
            "date", f"The meeting cannot be dated {on:%Y-%m-%d}, after today: record it once "
            "it took place.")
    if first_met is not None and on < first_met:
        raise ValidationError(
            "date", f"The meeting cannot be dated {on:%Y-%m-%d}, before the pair's first "
            f"meeting ({first_met:%Y-%m-%d}).")
    if how not in FORMATS:
        raise ValidationError("format", f"How they met is one of: {', '.join(FORMATS)}.")
