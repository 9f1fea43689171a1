"""The pair workflow (DESIGN.md §3) as data: statuses, transitions, deadlines.

The allowed transitions live here and nowhere else; the GUI and the services
ask :func:`allowed_next` and :func:`check_transition`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ams_desk.core.model import PairEvent, Role, SignupStatus
from ams_desk.core.model import PairStatus as PairStatus  # defined with Pair; re-exported here
from ams_desk.core.places import FREES_PLACE, count_taken, is_full

STATUS_LABELS: dict[PairStatus, str] = {
    PairStatus.DRAFT: "Draft",
    PairStatus.PROPOSED: "Proposed to mentor",
    PairStatus.MENTOR_AGREED: "Mentor agreed",
    PairStatus.MENTOR_DECLINED: "Mentor declined",
    PairStatus.INTRODUCED: "Mentee introduced",
    PairStatus.FIRST_CONTACT: "First contact made",
    PairStatus.MENTOR_RESPONDED: "Mentor responded",
    PairStatus.MEETING_PLANNED: "Meeting planned",
    PairStatus.MET: "Met",
    PairStatus.EVALUATED: "Evaluated",
    PairStatus.CONTINUING: "Continuing",
    PairStatus.CLOSED: "Closed",
    PairStatus.CANCELLED: "Cancelled",
}

TERMINAL: frozenset[PairStatus] = frozenset(
    {PairStatus.MENTOR_DECLINED, PairStatus.CLOSED, PairStatus.CANCELLED}
)
"""Statuses a pair never leaves."""

RELEASES_MENTEE: frozenset[PairStatus] = FREES_PLACE
"""Statuses that return the mentee sign-up to the waiting pool: those that free the mentor's
place too (:data:`ams_desk.core.places.FREES_PLACE`)."""

OPEN: frozenset[PairStatus] = frozenset(PairStatus) - TERMINAL
"""Statuses from which a pair can still be cancelled."""

TRANSITIONS: dict[PairStatus, tuple[PairStatus, ...]] = {
    PairStatus.DRAFT: (PairStatus.PROPOSED,),
    PairStatus.PROPOSED: (PairStatus.MENTOR_AGREED, PairStatus.MENTOR_DECLINED),
    PairStatus.MENTOR_AGREED: (PairStatus.INTRODUCED,),
    PairStatus.INTRODUCED: (PairStatus.FIRST_CONTACT,),
    PairStatus.FIRST_CONTACT: (PairStatus.MENTOR_RESPONDED,),
    PairStatus.MENTOR_RESPONDED: (PairStatus.MEETING_PLANNED,),
    PairStatus.MEETING_PLANNED: (PairStatus.MET,),
    PairStatus.MET: (PairStatus.EVALUATED,),
    PairStatus.EVALUATED: (PairStatus.CONTINUING, PairStatus.CLOSED),
    PairStatus.CONTINUING: (PairStatus.CLOSED,),
    PairStatus.MENTOR_DECLINED: (),
    PairStatus.CLOSED: (),
    PairStatus.CANCELLED: (),
}
"""Forward steps of the program; cancelling is allowed from every open status besides."""


_BY_VALUE: dict[str, PairStatus] = {status.value: status for status in PairStatus}


class TransitionError(ValueError):
    """A status change the workflow does not allow; the message says why."""


def allowed_next(status: PairStatus) -> tuple[PairStatus, ...]:
    """The statuses a pair in ``status`` may move to, forward steps first."""
    steps = TRANSITIONS[status]
    return steps + ((PairStatus.CANCELLED,) if status in OPEN else ())


def check_transition(
    current: PairStatus,
    target: PairStatus,
    *,
    at: datetime,
    previous_at: datetime | None,
    note: str = "",
) -> None:
    """Raise :class:`TransitionError` unless ``current`` → ``target`` at ``at`` is allowed.

    Args:
        current: The pair's status now.
        target: The status asked for.
        at: When the step happened (may lie in the past: back-dating is allowed).
        previous_at: When the pair's latest step happened; a step never precedes it.
        note: The coordinator's note; cancelling needs one as its reason.
    """
    if target not in allowed_next(current):
        if current in TERMINAL:
            raise TransitionError(
                f"The pair is {STATUS_LABELS[current].lower()}; it cannot change any more."
            )
        options = ", ".join(STATUS_LABELS[s].lower() for s in allowed_next(current))
        raise TransitionError(
            f"A pair that is {STATUS_LABELS[current].lower()} cannot become "
            f"{STATUS_LABELS[target].lower()}; next can be: {options}."
        )
    if target is PairStatus.CANCELLED and not note.strip():
        raise TransitionError("Cancelling a pair needs a reason.")
    if previous_at is not None and at < previous_at:
        raise TransitionError(
            f"This step cannot be dated {at:%Y-%m-%d %H:%M}, before the previous step "
            f"({previous_at:%Y-%m-%d %H:%M})."
        )


@dataclass(frozen=True)
class DeadlineSettings:
    """Due periods in days; the 21-day mentor response comes from the program itself."""

    proposal_answer_days: int = 7
    mentor_response_days: int = 21
    evaluation_days: int = 14


class DeadlineKind(enum.StrEnum):
    """The deadlines a pair can have."""

    PROPOSAL_ANSWER = "proposal_answer"
    MENTOR_RESPONSE = "mentor_response"
    EVALUATION = "evaluation"


DEADLINE_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.PROPOSAL_ANSWER: "Mentor's answer to the proposal",
    DeadlineKind.MENTOR_RESPONSE: "Mentor's response to first contact",
    DeadlineKind.EVALUATION: "Mentee's evaluation of the meeting",
}

# The status that starts a deadline, and the one that meets it.
_DEADLINE_START: dict[DeadlineKind, tuple[PairStatus, PairStatus]] = {
    DeadlineKind.PROPOSAL_ANSWER: (PairStatus.PROPOSED, PairStatus.MENTOR_AGREED),
    DeadlineKind.MENTOR_RESPONSE: (PairStatus.FIRST_CONTACT, PairStatus.MENTOR_RESPONDED),
    DeadlineKind.EVALUATION: (PairStatus.MET, PairStatus.EVALUATED),
}


@dataclass(frozen=True)
class Deadline:
    """A derived due date of a pair; ``met_on`` is set once the step was taken."""

    kind: DeadlineKind
    started: date
    due: date
    met_on: date | None = None

    def days_left(self, today: date) -> int:
        """Days until due (negative when late)."""
        return (self.due - today).days

    def is_overdue(self, today: date) -> bool:
        """True when the step is still missing after its due day."""
        return self.met_on is None and today > self.due


def _days(kind: DeadlineKind, settings: DeadlineSettings) -> int:
    return {
        DeadlineKind.PROPOSAL_ANSWER: settings.proposal_answer_days,
        DeadlineKind.MENTOR_RESPONSE: settings.mentor_response_days,
        DeadlineKind.EVALUATION: settings.evaluation_days,
    }[kind]


def deadlines(
    events: Sequence[PairEvent], settings: DeadlineSettings | None = None
) -> list[Deadline]:
    """Derive a pair's deadlines from its status events (never stored).

    A deadline starts on the day of the status event that opens it and is met
    by the event that answers it (a decline answers a proposal too). A pair
    that ended (declined, cancelled, closed) keeps the deadlines it met but
    drops the ones still open.
    """
    settings = settings or DeadlineSettings()
    reached: dict[PairStatus, date] = {}
    for event in events:
        if event.status is None:
            continue
        reached.setdefault(_BY_VALUE[event.status], event.at.date())
    if PairStatus.MENTOR_DECLINED in reached:
        reached.setdefault(PairStatus.MENTOR_AGREED, reached[PairStatus.MENTOR_DECLINED])
    ended = any(s in reached for s in TERMINAL)
    result: list[Deadline] = []
    for kind, (start, answer) in _DEADLINE_START.items():
        if start not in reached:
            continue
        met_on = reached.get(answer)
        if met_on is None and ended:
            continue
        started = reached[start]
        result.append(
            Deadline(kind, started, started + timedelta(days=_days(kind, settings)), met_on)
        )
    return result


def open_deadline(
    status: PairStatus, since: date, settings: DeadlineSettings | None = None
) -> Deadline | None:
    """The deadline still to be met by a pair that reached ``status`` on ``since``.

    The same as the unmet entry of :func:`deadlines`, but from the pair's
    status and the day of its latest step alone (no events needed), for
    tables of many pairs.
    """
    settings = settings or DeadlineSettings()
    for kind, (start, _answer) in _DEADLINE_START.items():
        if start is status:
            return Deadline(kind, since, since + timedelta(days=_days(kind, settings)))
    return None


def signup_status_from_pairs(
    role: Role, current: SignupStatus, capacity: int, pair_statuses: Iterable[str]
) -> SignupStatus:
    """The status a sign-up has given its pairs' statuses (withdrawn stays withdrawn).

    A draft tells no one and changes nothing (DESIGN.md §3): drafts are left
    out here, so a mentee with a draft is still open (waiting) and becomes
    matched when the pair is proposed. A mentee is matched while in a live
    pair, closed once a pair of theirs closed, and open otherwise: a declined
    or cancelled pair returns them to the pool. A mentor sign-up with every
    place taken by pairs past the draft (:mod:`ams_desk.core.places`) is
    matched while a pair is live and closed once all are done, otherwise open.
    """
    if current is SignupStatus.WITHDRAWN:
        return current
    statuses = [_BY_VALUE[s] for s in pair_statuses if s != PairStatus.DRAFT]
    live = sum(1 for s in statuses if s not in TERMINAL)
    if role is Role.MENTOR:
        if is_full(capacity, count_taken(statuses)):
            return SignupStatus.MATCHED if live else SignupStatus.CLOSED
        return SignupStatus.OPEN
    if live:
        return SignupStatus.MATCHED
    return SignupStatus.CLOSED if PairStatus.CLOSED in statuses else SignupStatus.OPEN
