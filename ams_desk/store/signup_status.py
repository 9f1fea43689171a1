"""A sign-up's status: the changes a coordinator makes by hand (withdraw, reopen) and the
rule that matched and closed follow the sign-up's pairs."""

from __future__ import annotations

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from ams_desk.core.model import SignupStatus
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import TERMINAL, PairStatus
from ams_desk.store.database import Database
from ams_desk.store.rows import NotFoundError
from ams_desk.store.schema import PairRow, PersonRow, SignupRow
from ams_desk.store.versions import EditConflict, is_stale

PAIR_DRIVEN = (SignupStatus.MATCHED, SignupStatus.CLOSED)
"""Sign-up statuses that follow the sign-up's pairs and are never set by hand."""


def check_status_change(session: Session, row: SignupRow, status: SignupStatus) -> None:
    """Refuse setting ``row`` to ``status`` by hand when its pairs decide it.

    Raises:
        ValidationError: Matched or closed is involved, or a withdrawal of a
            sign-up in a live pair.
    """
    old = SignupStatus(row.status)
    if status is old:
        return
    if status in PAIR_DRIVEN or old in PAIR_DRIVEN:
        raise ValidationError(
            "status",
            f"A sign-up cannot be set from {old.value} to {status.value} by hand: matched and "
            "closed follow its pairs. Change the pair on its timeline instead.",
        )
    if status is SignupStatus.WITHDRAWN and live_pair_status(session, row.id) is not None:
        raise ValidationError("status", "This sign-up is in a live pair; cancel the pair first.")


def has_pairs(session: Session, signup_id: int) -> bool:
    """Whether the sign-up is in any pair, live or over."""
    query = select(func.count()).where(
        (PairRow.mentor_signup_id == signup_id) | (PairRow.mentee_signup_id == signup_id)
    )
    return bool(session.scalar(query))


def live_pair_status(session: Session, signup_id: int) -> str | None:
    """The status of a pair of the sign-up that is not over, if there is one."""
    query = select(PairRow.status).where(
        ((PairRow.mentor_signup_id == signup_id) | (PairRow.mentee_signup_id == signup_id))
        & PairRow.status.not_in([s.value for s in TERMINAL])
    )
    return session.scalar(query.limit(1))


StatusBase = dict[int, tuple[int, SignupStatus]]
"""Per sign-up id, the version and status a change of statuses starts from."""


def change_signup_statuses(
    db: Database, statuses: dict[int, SignupStatus], *, base: StatusBase | None = None
) -> tuple[dict[int, SignupStatus], StatusBase]:
    """Set several sign-ups' statuses in one transaction.

    Withdrawing is refused while a sign-up is in a live pair: the pair must be
    cancelled on its timeline first, so that its story stays complete. One
    refusal changes nothing at all.

    Args:
        db: The database.
        statuses: The new status of each sign-up.
        base: The version and status each sign-up had when the change was
            decided (an undo): a sign-up whose status changed since is refused.

    Returns:
        The previous statuses, and the versions and statuses left (the base of an undo).

    Raises:
        ValidationError: A sign-up is in a live pair.
        EditConflict: A sign-up's status changed since ``base``.
        NotFoundError: A sign-up is gone.
    """
    previous: dict[int, SignupStatus] = {}
    rows: list[SignupRow] = []
    with db.session(write=True) as session:
        for signup_id, status in sorted(statuses.items()):  # one lock order for all writers
            row = session.get(SignupRow, signup_id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"sign-up {signup_id} does not exist")
            previous[signup_id] = SignupStatus(row.status)
            seen = (base or {}).get(signup_id)
            if seen is not None and is_stale(seen[0], row.version) and row.status != seen[1]:
                person = session.get(PersonRow, row.person_id)
                name = person.name if person else f"sign-up {signup_id}"
                raise EditConflict(f"{name}’s {row.role} sign-up", row.modified_by,
                                   row.modified_at, ["status"])
            if status is SignupStatus.WITHDRAWN:
                live = live_pair_status(session, signup_id)
                if live is not None:
                    person = session.get(PersonRow, row.person_id)
                    name = person.name if person else f"sign-up {signup_id}"
                    raise ValidationError(
                        "status",
                        f"{name} is in a pair that is "
                        f"{PairStatus(live).value.replace('_', ' ')}; cancel the pair first.",
                    )
            row.status = status.value
            rows.append(row)
        session.flush()
        left = {row.id: (row.version, SignupStatus(row.status)) for row in rows}
    return previous, left


def set_signup_statuses(
    db: Database, statuses: dict[int, SignupStatus]
) -> dict[int, SignupStatus]:
    """Set several sign-ups' statuses; return the previous ones (see
    :func:`change_signup_statuses`)."""
    return change_signup_statuses(db, statuses)[0]


def set_signup_status(db: Database, signup_id: int, status: SignupStatus) -> SignupStatus:
    """Set one sign-up's status; return the previous one (for undo)."""
    return set_signup_statuses(db, {signup_id: status})[signup_id]


def withdraw_signup(db: Database, signup_id: int) -> SignupStatus:
    """Mark a sign-up withdrawn; return its previous status."""
    return set_signup_status(db, signup_id, SignupStatus.WITHDRAWN)


def rederive_matched_by_drafts(db: Database) -> int:
    """Derive again the status of sign-ups stored as matched while they have a draft.

    Earlier versions counted a draft as a match; now a draft changes no status
    (DESIGN.md §3), so a database written then can hold mentees "matched" to a
    draft nobody was told of, and mentors whose places were filled by drafts.
    One query finds the matched sign-ups with a draft (none, once repaired);
    only those are derived again (:func:`~ams_desk.store.pairs.sync_signup_statuses`),
    and only a changed status is written. Returns how many changed.
    """
    from ams_desk.store.pairs import sync_signup_statuses

    draft = PairRow.status == PairStatus.DRAFT.value
    in_drafts = union(select(PairRow.mentor_signup_id).where(draft),
                      select(PairRow.mentee_signup_id).where(draft))
    with_draft = select(SignupRow.id).where(SignupRow.status == SignupStatus.MATCHED.value,
                                            SignupRow.id.in_(in_drafts))
    with db.session() as session:
        ids = list(session.scalars(with_draft))
    if not ids:
        return 0
    with db.session(write=True) as session:
        sync_signup_statuses(session, ids)
        still = select(func.count()).where(SignupRow.id.in_(ids),
                                           SignupRow.status == SignupStatus.MATCHED.value)
        return len(ids) - (session.scalar(still) or 0)
