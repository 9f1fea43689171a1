"""Services for pairs and their timelines."""

from __future__ import annotations

import getpass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ams_desk.core.eligibility import (
    Candidate,
    PairingHistory,
    PastPairing,
    RuleResult,
    check_pair,
    refusals,
)
from ams_desk.core.model import Pair, PairEvent, Role, SignupStatus
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import (
    RELEASES_MENTEE,
    PairStatus,
    TransitionError,
    check_transition,
)
from ams_desk.store.database import Database
from ams_desk.store.people import NOT_LOADING, NotFoundError, _person, _signup
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings


class PairRefused(ValidationError):
    """A pair that breaks a hard rule; ``refused`` holds the rules and their reasons."""

    def __init__(self, refused: list[RuleResult]) -> None:
        super().__init__("pair", " ".join(r.reason for r in refused))
        self.refused = refused


def coordinator_name() -> str:
    """Who is recorded on events: the logged-in user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coordinator"


def _pair(row: PairRow) -> Pair:
    return Pair(
        id=row.id,
        mentor_signup_id=row.mentor_signup_id,
        mentee_signup_id=row.mentee_signup_id,
        status=row.status,
        program_year=row.program_year,
        events=tuple(
            PairEvent(at=e.at, kind=e.kind, status=e.status, by=e.by, note=e.note)
            for e in row.events
        ),
    )


def _history(session: Session) -> PairingHistory:
    mentor = aliased(SignupRow)
    mentee = aliased(SignupRow)
    query = (
        select(mentor.person_id, mentee.person_id, PairRow.program_year, PairRow.status)
        .join(mentor, mentor.id == PairRow.mentor_signup_id)
        .join(mentee, mentee.id == PairRow.mentee_signup_id)
    )
    return PairingHistory.of(PastPairing(*row) for row in session.execute(query))


def _candidate(session: Session, signup_id: int) -> Candidate:
    signup = session.get(SignupRow, signup_id)
    if signup is None:
        raise NotFoundError(f"sign-up {signup_id} does not exist")
    person = session.get(PersonRow, signup.person_id)
    assert person is not None
    return Candidate(_person(person), _signup(signup))


def _load(session: Session, mentor_signup_id: int) -> int:
    query = select(func.count()).where(
        (PairRow.mentor_signup_id == mentor_signup_id) & PairRow.status.not_in(NOT_LOADING)
    )
    return int(session.scalar(query) or 0)


def check_candidates(db: Database, mentor_signup_id: int, mentee_signup_id: int) -> list[RuleResult]:
    """Every hard rule for the two sign-ups, as the store sees them now."""
    with db.session() as session:
        return _check(session, mentor_signup_id, mentee_signup_id)


def _check(session: Session, mentor_signup_id: int, mentee_signup_id: int) -> list[RuleResult]:
    mentor = _candidate(session, mentor_signup_id)
    mentee = _candidate(session, mentee_signup_id)
    if mentor.signup.role is not Role.MENTOR:
        raise ValidationError("mentor", f"{mentor.person.name}'s sign-up is not a mentor's.")
    if mentee.signup.role is not Role.MENTEE:
        raise ValidationError("mentee", f"{mentee.person.name}'s sign-up is not a mentee's.")
    return check_pair(
        mentor,
        mentee,
        ladder=load_program_settings(session).ladder,
        history=_history(session),
        mentor_load=_load(session, mentor_signup_id),
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
    if status not in (PairStatus.DRAFT, PairStatus.PROPOSED):
        raise ValueError("a new pair is a draft or a proposal")
    at = at or datetime.now().replace(microsecond=0)
    by = by or coordinator_name()
    with db.session() as session:
        results = _check(session, mentor_signup_id, mentee_signup_id)
        refused = refusals(results)
        if refused and not override.strip():
            raise PairRefused(refused)
        mentee = session.get(SignupRow, mentee_signup_id)
        mentor = session.get(SignupRow, mentor_signup_id)
        assert mentee is not None and mentor is not None
        for signup, who in ((mentee, "mentee"), (mentor, "mentor")):
            if signup.status in (SignupStatus.WITHDRAWN, SignupStatus.CLOSED):
                raise ValidationError(who, f"The {who}'s sign-up is {signup.status}.")
        if mentee.status != SignupStatus.OPEN:
            raise ValidationError("mentee", "The mentee is already in a pair.")
        pair = PairRow(
            mentor_signup_id=mentor_signup_id,
            mentee_signup_id=mentee_signup_id,
            status=status.value,
            program_year=mentee.program_year,
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
        mentee.status = SignupStatus.MATCHED.value
        session.flush()
        if _load(session, mentor_signup_id) >= mentor.capacity:
            mentor.status = SignupStatus.MATCHED.value
        return _pair(pair)


def change_status(
    db: Database,
    pair_id: int,
    target: PairStatus,
    *,
    at: datetime | None = None,
    by: str | None = None,
    note: str = "",
) -> Pair:
    """Move a pair to ``target`` if the workflow allows it; record the event.

    Raises:
        TransitionError: The step is not allowed (skipped, back-dated too far,
            or a cancel without a reason). Nothing is changed.
    """
    at = at or datetime.now().replace(microsecond=0)
    with db.session() as session:
        pair = session.get(PairRow, pair_id)
        if pair is None:
            raise NotFoundError(f"pair {pair_id} does not exist")
        previous_at = max((e.at for e in pair.events if e.status), default=None)
        check_transition(PairStatus(pair.status), target, at=at, previous_at=previous_at,
                         note=note)
        pair.status = target.value
        pair.events.append(PairEventRow(at=at, kind="status", status=target.value,
                                        by=by or coordinator_name(), note=note.strip()))
        _release(session, pair, target)
        session.flush()
        return _pair(pair)


def _release(session: Session, pair: PairRow, target: PairStatus) -> None:
    """Return sign-ups to the pool when a pair ends early, or close them when it ends."""
    mentee = session.get(SignupRow, pair.mentee_signup_id)
    mentor = session.get(SignupRow, pair.mentor_signup_id)
    assert mentee is not None and mentor is not None
    if target in RELEASES_MENTEE:
        mentee.status = SignupStatus.OPEN.value
        if mentor.status == SignupStatus.MATCHED and _load(session, mentor.id) < mentor.capacity:
            mentor.status = SignupStatus.OPEN.value
    elif target is PairStatus.CLOSED:
        mentee.status = SignupStatus.CLOSED.value


def list_pairs(db: Database) -> list[Pair]:
    """Every pair with its timeline, by id."""
    with db.session() as session:
        return [_pair(p) for p in session.scalars(select(PairRow).order_by(PairRow.id))]


def get_pair(db: Database, pair_id: int) -> Pair:
    with db.session() as session:
        pair = session.get(PairRow, pair_id)
        if pair is None:
            raise NotFoundError(f"pair {pair_id} does not exist")
        return _pair(pair)


__all__ = [
    "PairRefused",
    "TransitionError",
    "change_status",
    "check_candidates",
    "create_pair",
    "get_pair",
    "list_pairs",
]
