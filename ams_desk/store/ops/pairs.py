"""Operations on one pair's timeline: record a step, add a note, record a meeting."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from ams_desk.core.meetings import MEETING
from ams_desk.core.model import Pair, PairEvent
from ams_desk.core.workflow import PairStatus
from ams_desk.store import pairs
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database


def pair_changes(*touched: Pair) -> Changes:
    """The pairs and their sign-ups (whose status and places follow their pairs)."""
    return Changes.of(
        pairs=[p.id for p in touched],
        signups=[i for p in touched for i in (p.mentor_signup_id, p.mentee_signup_id)],
    )


def step(
    db: Database,
    pair_id: int,
    target: PairStatus,
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    details: dict[str, str] | None = None,
    base: Pair | None = None,
) -> Outcome[Pair]:
    """Move the pair to ``target`` and record the step; undo takes exactly that step back.

    ``base`` is the pair as the step dialog was opened on: if someone moved
    it on since, nothing is recorded.

    Raises:
        TransitionError: The workflow does not allow the step (nothing changes).
        EditConflict: Someone else changed the pair's status since ``base``.
    """
    pair = pairs.change_status(db, pair_id, target, at=at, by=by, note=note, details=details,
                               base=base)
    event = [e for e in pair.events if e.status][-1]
    return Outcome(pair, pair_changes(pair), partial(unstep, pair_id=pair_id, event=event))


def unstep(db: Database, pair_id: int, event: PairEvent) -> Outcome[Pair]:
    """Take back the step ``event`` (the pair's latest); undo records it again.

    Raises:
        TransitionError: A later step was recorded since.
    """
    pair = pairs.undo_step(db, pair_id, event.id)
    # The redo starts from the pair as the undo left it: refused if someone moved it on.
    redo = partial(step, pair_id=pair_id, target=PairStatus(str(event.status)), at=event.at,
                   by=event.by, note=event.note, details=dict(event.details or {}), base=pair)
    return Outcome(pair, pair_changes(pair), redo)


def add_note(
    db: Database, pair_id: int, note: str, *, at: datetime | None = None
) -> Outcome[Pair]:
    """Add a note to the pair's timeline; undo removes that note.

    Raises:
        ValidationError: The note is empty.
    """
    pair = pairs.add_note(db, pair_id, note, at=at)
    event = max((e for e in pair.events if e.kind == "note"), key=lambda e: e.id)
    changes = Changes.of(pairs=[pair_id])
    return Outcome(pair, changes, partial(remove_note, pair_id=pair_id, event=event))


def remove_note(db: Database, pair_id: int, event: PairEvent) -> Outcome[None]:
    """Take back :func:`add_note`; undo adds the same note again."""
    pairs.remove_event(db, pair_id, event.id)
    return Outcome(None, Changes.of(pairs=[pair_id]),
                   partial(add_note, pair_id=pair_id, note=event.note, at=event.at))


def record_meeting(
    db: Database, pair_id: int, at: datetime, how: str, *, place: str = "", note: str = "",
    today: date | None = None, by: str | None = None,
) -> Outcome[Pair]:  # fmt: skip
    """Record a later meeting of a continuing pair; undo removes it.

    Raises:
        ValidationError: The pair is not continuing, or the day or format is refused.
    """
    pair = pairs.record_meeting(db, pair_id, at, how, place=place, note=note, by=by, today=today)
    event = max((e for e in pair.events if e.kind == MEETING), key=lambda e: e.id)
    return Outcome(pair, Changes.of(pairs=[pair_id]),
                   partial(remove_meeting, pair_id=pair_id, event=event, today=today))


def remove_meeting(
    db: Database, pair_id: int, event: PairEvent, today: date | None = None
) -> Outcome[None]:
    """Take back :func:`record_meeting`; undo records the same meeting again."""
    pairs.remove_event(db, pair_id, event.id)
    details = event.details or {}
    redo = partial(record_meeting, pair_id=pair_id, at=event.at, how=details.get("format", ""),
                   place=details.get("place", ""), note=event.note, today=today, by=event.by)
    return Outcome(None, Changes.of(pairs=[pair_id]), redo)
