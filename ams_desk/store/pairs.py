"""Services for pairs and their timelines.

Each action has one name. ``action(db, ...)`` is one unit of work and
returns plain values; ``action_in(session, ...)`` does the same inside the
caller's unit of work (for services that do more in one transaction, such as
the board's drafts) and returns the ORM row: :func:`create_pair` /
:func:`create_pair_in`, :func:`change_status` / :func:`change_status_in`,
:func:`undo_step` / :func:`undo_step_in`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PairRefused,
    RuleResult,
    admit_pair,
    check_pair,
    require_roles,
)
from ams_desk.core.meetings import MEETING, check_meeting
from ams_desk.core.model import Pair, Role, SignupStatus
from ams_desk.core.pool import pair_year
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import (
    PairStatus,
    TransitionError,
    check_transition,
    signup_status_from_pairs,
)
from ams_desk.store.coordinator import (
    COORDINATOR_ENV,
    account_full_name,
    coordinator_name,
    set_coordinator_name,
)
from ams_desk.store.database import Database
from ams_desk.store.rows import (
    NotFoundError,
    lock_signups,
    mentees_in_pairs,
    pair_of,
    pairing_history,
    person_of,
    places_taken,
    signup_of,
    stored_pair,
    stored_signup,
)
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings
from ams_desk.store.versions import EditConflict, is_stale


def _candidate(session: Session, signup_id: int) -> Candidate:
    signup = stored_signup(session, signup_id)
    person = session.get(PersonRow, signup.person_id)
    assert person is not None
    return Candidate(person_of(person), signup_of(signup))


def check_candidates(
    db: Database, mentor_signup_id: int, mentee_signup_id: int
) -> list[RuleResult]:
    """Every hard rule for the two sign-ups, as the store sees them now."""
    with db.session() as session:
        return _check(session, mentor_signup_id, mentee_signup_id)


def _check(session: Session, mentor_signup_id: int, mentee_signup_id: int) -> list[RuleResult]:
    mentor = _candidate(session, mentor_signup_id)
    mentee = _candidate(session, mentee_signup_id)
    require_roles(mentor, mentee)
    return check_pair(
        mentor,
        mentee,
        ladder=load_program_settings(session).ladder,
        history=pairing_history(session),
        mentor_taken=places_taken(session, [mentor_signup_id]).get(mentor_signup_id, 0),
    )


def create_pair(
    db: Database,
    mentor_signup_id: int,
    mentee_signup_id: int,
    *,
    status: PairStatus = PairStatus.PROPOSED,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    override: str = "",
) -> Pair:
    """Pair a mentor sign-up with a mentee sign-up.

    Args:
        status: ``draft`` or ``proposed``.
        override: A coordinator's reason to pair despite broken hard rules;
            kept on the pair and on its timeline.

    Raises:
        PairRefused: A hard rule is broken and no override was given.
        ValidationError: A sign-up is not open or has the wrong role.
    """
    with db.session(write=True) as session:
        return pair_of(
            create_pair_in(session, mentor_signup_id, mentee_signup_id, status=status, at=at, by=by,
                     note=note, override=override)
        )


def check_new_pair(
    session: Session,
    mentor_signup_id: int,
    mentee_signup_id: int,
    override: str,
    *,
    history: PairingHistory | None = None,
) -> list[RuleResult]:
    """:func:`~ams_desk.core.eligibility.admit_pair` for two stored sign-ups, as they are now.

    ``history`` saves reading every earlier pairing again when one unit of
    work checks many pairs (drafts never enter it).

    Returns:
        The hard rules ``override`` overrides.

    Raises:
        PairRefused: A hard rule is broken and ``override`` is blank.
        ValidationError: A sign-up is not open or has the wrong role.
    """
    return admit_pair(
        _candidate(session, mentor_signup_id),
        _candidate(session, mentee_signup_id),
        ladder=load_program_settings(session).ladder,
        history=pairing_history(session) if history is None else history,
        mentor_taken=places_taken(session, [mentor_signup_id]).get(mentor_signup_id, 0),
        override=override,
        mentee_placed=bool(mentees_in_pairs(session, [mentee_signup_id])),
    )


def create_pair_in(
    session: Session,
    mentor_signup_id: int,
    mentee_signup_id: int,
    *,
    status: PairStatus = PairStatus.PROPOSED,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    override: str = "",
    history: PairingHistory | None = None,
) -> PairRow:
    """:func:`create_pair` inside the caller's unit of work (for services that do more)."""
    if status not in (PairStatus.DRAFT, PairStatus.PROPOSED):
        raise ValueError("a new pair is a draft or a proposal")
    at = at or datetime.now().replace(microsecond=0)
    by = by or coordinator_name()
    # Lock both sign-ups first: the checks below (the mentee still waiting, the mentor's
    # free places) must still hold when this unit of work commits.
    lock_signups(session, (mentor_signup_id, mentee_signup_id))
    refused = check_new_pair(session, mentor_signup_id, mentee_signup_id, override,
                             history=history)
    pair = PairRow(
        mentor_signup_id=mentor_signup_id,
        mentee_signup_id=mentee_signup_id,
        status=status.value,
        program_year=year_of_day(session, at),
        override_note=override.strip() if refused else "",
    )
    session.add(pair)
    pair.events.append(PairEventRow(at=at, kind="status", status=status.value, by=by,
                                    note=note.strip()))
    if refused:
        broken = " ".join(r.reason for r in refused)
        pair.events.append(PairEventRow(
            at=at, kind="override", by=by, note=f"{override.strip()} (Rules overridden: {broken})"
        ))
    session.flush()
    sync_signup_statuses(session, (mentor_signup_id, mentee_signup_id))
    return pair


def year_of_day(session: Session, at: datetime) -> int:
    """The program year of a pair proposed (or a draft placed) at ``at`` (:mod:`core.pool`)."""
    return pair_year(at.date(), load_program_settings(session).year_start_month)


def change_status(
    db: Database,
    pair_id: int,
    target: PairStatus,
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    details: dict[str, str] | None = None,
    base: Pair | None = None,
) -> Pair:
    """Move a pair to ``target`` if the workflow allows it; record the event.

    Args:
        at: When the step happened; may lie in the past, never before the
            pair's previous step.
        details: What the step recorded (questions, meeting date and place,
            evaluation outcome), shown on the timeline.
        base: The pair as the coordinator saw it when choosing the step:
            if someone moved it on since, the step is refused.

    Raises:
        TransitionError: The step is not allowed (skipped, back-dated too far,
            or a cancel without a reason). Nothing is changed.
        EditConflict: Someone else changed the pair's status since ``base``.
    """
    with db.session(write=True) as session:
        return pair_of(change_status_in(session, pair_id, target, at=at, by=by, note=note,
                               details=details, base=base))


def change_status_in(
    session: Session,
    pair_id: int,
    target: PairStatus,
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
    details: dict[str, str] | None = None,
    event_id: int | None = None,
    base: Pair | None = None,
) -> PairRow:
    """:func:`change_status` inside the caller's unit of work.

    ``event_id`` gives the new event the id of one taken back before (redo).
    """
    at = at or datetime.now().replace(microsecond=0)
    pair = locked_pair(session, pair_id)
    if base is not None:
        check_pair_base(session, pair, base)
    previous_at = max((e.at for e in pair.events if e.status), default=None)
    check_transition(PairStatus(pair.status), target, at=at, previous_at=previous_at, note=note)
    pair.status = target.value
    if target is PairStatus.PROPOSED:  # a pair belongs to the year it is proposed in
        pair.program_year = year_of_day(session, at)
    clean = {k: v.strip() for k, v in (details or {}).items() if v and v.strip()}
    pair.events.append(PairEventRow(id=event_id, at=at, kind="status", status=target.value,
                                    by=by or coordinator_name(), note=note.strip(),
                                    details=clean or None))
    session.flush()
    sync_signup_statuses(session, (pair.mentor_signup_id, pair.mentee_signup_id))
    return pair


def locked_pair(session: Session, pair_id: int) -> PairRow:
    """The pair's row, locked until the unit of work ends (PostgreSQL; SQLite's writing unit
    of work holds the whole file): its status is checked, then changed."""
    pair = session.get(PairRow, pair_id, with_for_update=True)
    if pair is None:
        raise NotFoundError(f"pair {pair_id} does not exist")
    return pair


def check_pair_base(session: Session, pair: PairRow, base: Pair) -> None:
    """Refuse a change of ``pair`` whose status moved on since ``base`` was read."""
    if not is_stale(base.version, pair.version) or pair.status == base.status.value:
        return
    mentor = _candidate(session, pair.mentor_signup_id).person.name
    mentee = _candidate(session, pair.mentee_signup_id).person.name
    raise EditConflict(f"the pair {mentor} → {mentee}", pair.modified_by, pair.modified_at,
                       [f"status {base.status.value.replace('_', ' ')} → "
                        f"{pair.status.replace('_', ' ')}"])


def undo_step(db: Database, pair_id: int, event_id: int) -> Pair:
    """Take back the pair's latest step (event ``event_id``), restoring the status before it.

    Raises:
        TransitionError: ``event_id`` is not the pair's latest step any more
            (someone recorded another step since), or it is the pair's first.
    """
    with db.session(write=True) as session:
        return pair_of(undo_step_in(session, pair_id, event_id))


def undo_step_in(session: Session, pair_id: int, event_id: int) -> PairRow:
    """:func:`undo_step` inside the caller's unit of work."""
    pair = locked_pair(session, pair_id)
    steps = [e for e in pair.events if e.status]
    if not steps or steps[-1].id != event_id:
        if steps and all(e.id != event_id for e in steps):
            raise TransitionError("That step was taken back since.")
        later = steps[-1]
        raise TransitionError(
            f"{later.by or 'Another coordinator'} recorded a later step "
            f"({str(later.status).replace('_', ' ')}, {later.at:%Y-%m-%d}) since; "
            "undo that one first.")
    if len(steps) == 1:
        raise TransitionError("The first step of a pair cannot be taken back.")
    pair.events.remove(steps[-1])
    pair.status = str(steps[-2].status)
    if pair.status == PairStatus.DRAFT:  # a draft again: the year of the day it was placed
        pair.program_year = year_of_day(session, steps[-2].at)
    session.flush()
    sync_signup_statuses(session, (pair.mentor_signup_id, pair.mentee_signup_id))
    return pair


def add_note(
    db: Database, pair_id: int, note: str, *, at: datetime | None = None, by: str | None = None
) -> Pair:
    """Add a note to the pair's timeline."""
    note = note.strip()
    if not note:
        raise ValidationError("note", "The note is empty.")
    with db.session(write=True) as session:
        pair = stored_pair(session, pair_id)
        pair.events.append(
            PairEventRow(
                at=at or datetime.now().replace(microsecond=0),
                kind="note",
                by=by or coordinator_name(),
                note=note,
            )
        )
        session.flush()
        return pair_of(pair)


def record_meeting(
    db: Database,
    pair_id: int,
    at: datetime,
    how: str,
    *,
    place: str = "",
    note: str = "",
    by: str | None = None,
    today: date | None = None,
) -> Pair:
    """Record a meeting of a continuing pair after its first, on its timeline.

    Args:
        at: When they met (the day counts: not before their first meeting, not after today).
        how: How they met (:data:`ams_desk.core.meetings.FORMATS`).
        place: Where, or the link.
        note: The coordinator's note.

    Raises:
        ValidationError: The pair is not continuing, or the day or the format is refused
            (the field is named). Nothing is changed.
    """
    with db.session(write=True) as session:
        pair = stored_pair(session, pair_id)
        met = [e.at.date() for e in pair.events if e.status == PairStatus.MET]
        check_meeting(PairStatus(pair.status), at.date(), first_met=min(met, default=None),
                      today=today or date.today(), how=how)
        details = {"format": how, **({"place": place.strip()} if place.strip() else {})}
        pair.events.append(PairEventRow(at=at, kind=MEETING, by=by or coordinator_name(),
                                        note=note.strip(), details=details))
        session.flush()
        return pair_of(pair)


def remove_event(db: Database, pair_id: int, event_id: int) -> None:
    """Remove a note or a meeting (the undo of :func:`add_note`, :func:`record_meeting`).

    Status steps are taken back with :func:`undo_step`.
    """
    with db.session(write=True) as session:
        pair = stored_pair(session, pair_id)
        for event in pair.events:
            if event.id == event_id:
                if event.status:
                    raise TransitionError("Status steps are taken back with undo_step.")
                pair.events.remove(event)
                return
        raise NotFoundError(f"event {event_id} of pair {pair_id} does not exist")


def sync_signup_statuses(session: Session, signup_ids: Iterable[int]) -> None:
    """Derive sign-up statuses from their pairs (see ``signup_status_from_pairs``).

    Reads the sign-ups and their pairs' statuses a few hundred at a time and
    writes the changed statuses in one statement per batch, so that placing
    hundreds of drafts at once stays quick. Sign-ups the session holds have
    their status expired, so that they read the new one.
    """
    ids = sorted(set(signup_ids))
    signup = cast(Table, SignupRow.__table__)
    for start in range(0, len(ids), _SYNC_CHUNK):
        chunk = ids[start : start + _SYNC_CHUNK]
        session.flush()  # pending pair changes count
        query = select(signup.c.id, signup.c.role, signup.c.status, signup.c.capacity)
        rows = session.execute(query.where(signup.c.id.in_(chunk))).all()
        statuses: defaultdict[int, list[str]] = defaultdict(list)
        for role, column in ((Role.MENTOR, PairRow.mentor_signup_id),
                             (Role.MENTEE, PairRow.mentee_signup_id)):
            wanted = [row.id for row in rows if row.role == role.value]
            if wanted:
                pairs = select(column, PairRow.status).where(column.in_(wanted))
                for signup_id, status in session.execute(pairs):
                    statuses[signup_id].append(status)
        changed = []
        for row in rows:
            status = signup_status_from_pairs(
                Role(row.role), SignupStatus(row.status), row.capacity, statuses[row.id]
            ).value
            if status != row.status:
                changed.append({"signup_id": row.id, "new_status": status})
        if not changed:
            continue
        session.execute(
            update(signup)
            .where(signup.c.id == bindparam("signup_id"))
            .values(status=bindparam("new_status")),
            changed,
        )
        for item in changed:
            held = session.identity_map.get(identity_key(SignupRow, item["signup_id"]))
            if held is not None:
                session.expire(held, ["status", "version", "modified_by", "modified_at"])


_SYNC_CHUNK = 500


def list_pairs(db: Database) -> list[Pair]:
    """Every pair with its timeline, by id."""
    with db.session() as session:
        return [pair_of(p) for p in session.scalars(select(PairRow).order_by(PairRow.id))]


def get_pair(db: Database, pair_id: int) -> Pair:
    with db.session() as session:
        return pair_of(stored_pair(session, pair_id))


__all__ = [
    "COORDINATOR_ENV",
    "account_full_name",
    "coordinator_name",
    "set_coordinator_name",
    "PairRefused",
    "TransitionError",
    "create_pair_in",
    "change_status",
    "check_new_pair",
    "check_candidates",
    "create_pair",
    "add_note",
    "record_meeting",
    "get_pair",
    "list_pairs",
    "change_status_in",
    "undo_step",
    "undo_step_in",
]
