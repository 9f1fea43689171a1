"""What needs the team's action today: late pair steps and mentees waiting too long."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Pair, Role, Signup, SignupStatus
from ams_desk.core.text import plural
from ams_desk.core.workflow import DeadlineKind, DeadlineSettings, deadlines


class AttentionReason(enum.StrEnum):
    """Why an item is on the attention list."""

    PROPOSAL_UNANSWERED = "proposal_unanswered"
    NO_MENTOR_RESPONSE = "no_mentor_response"
    NO_EVALUATION = "no_evaluation"
    MENTEE_WAITING = "mentee_waiting"


REASON_BY_DEADLINE = {
    DeadlineKind.PROPOSAL_ANSWER: AttentionReason.PROPOSAL_UNANSWERED,
    DeadlineKind.MENTOR_RESPONSE: AttentionReason.NO_MENTOR_RESPONSE,
    DeadlineKind.EVALUATION: AttentionReason.NO_EVALUATION,
}

REASON_TEXT = {
    AttentionReason.PROPOSAL_UNANSWERED: "Mentor has not answered the proposal",
    AttentionReason.NO_MENTOR_RESPONSE: "Mentor has not responded to the first contact",
    AttentionReason.NO_EVALUATION: "No evaluation after the meeting",
    AttentionReason.MENTEE_WAITING: "Mentee waiting for a match",
}


GROUP_ORDER: tuple[AttentionReason, ...] = (
    AttentionReason.PROPOSAL_UNANSWERED,
    AttentionReason.NO_MENTOR_RESPONSE,
    AttentionReason.NO_EVALUATION,
    AttentionReason.MENTEE_WAITING,
)
"""How the attention list is grouped, one group per reason: the late pair steps first, in the
program's order, then the waiting mentees. A reason not listed here gets its own group after
these (in the order of :class:`AttentionReason`), so a new kind needs only its
:data:`REASON_TEXT`."""


def group_rank(reason: AttentionReason) -> int:
    """Where the group of ``reason`` comes on the attention list (lower: higher up)."""
    if reason in GROUP_ORDER:
        return GROUP_ORDER.index(reason)
    return len(GROUP_ORDER) + list(AttentionReason).index(reason)


def why_not_placed(
    position: str, ladder: SeniorityLadder, mentor_ranks: Collection[int]
) -> str | None:
    """Why a waiting mentee cannot be placed with any mentor of the pool, or None.

    The checks that need no pair at a time: the mentee's position must be on
    the seniority ladder, some mentor must have a free place, and one of those
    must rank higher (the board's Suggest gives the reasons pair by pair).

    Args:
        position: The mentee's position.
        ladder: The seniority ladder in force.
        mentor_ranks: The ranks of the pool's mentors with a free place
            (:mod:`ams_desk.core.pool`; None-ranked positions left out).
    """
    rank = ladder.rank(position)
    if rank is None:
        return (f"their position “{position.strip() or 'none'}” is not on the seniority "
                "ladder: correct it in the sign-up")
    if not mentor_ranks:
        return "no mentor has a free place"
    if max(mentor_ranks) <= rank:
        return f"no mentor with a free place ranks above {ladder.canonical(position)}"
    return None


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One thing to act on; exactly one of ``pair_id`` and ``signup_id`` is set."""

    reason: AttentionReason
    due: date
    days_late: int
    pair_id: int | None = None
    signup_id: int | None = None

    @property
    def text(self) -> str:
        late = f"{self.days_late} {plural(self.days_late, 'day')}"
        if self.reason is AttentionReason.MENTEE_WAITING:
            return f"{REASON_TEXT[self.reason]}: {late} past the waiting limit"
        return f"{REASON_TEXT[self.reason]}: {late} late"


def attention_items(
    pairs: Iterable[Pair],
    signups: Iterable[Signup],
    *,
    today: date,
    settings: DeadlineSettings,
    waiting_days: int,
) -> list[AttentionItem]:
    """Every overdue pair step and every mentee waiting longer than ``waiting_days``.

    A step is late the day after its due date (on the due date it is still in
    time). Waiting counts from the sign-up date for open mentee sign-ups. The
    list is ordered with the latest first.
    """
    items: list[AttentionItem] = []
    for pair in pairs:
        for deadline in deadlines(pair.events, settings):
            if deadline.is_overdue(today):
                items.append(
                    AttentionItem(
                        REASON_BY_DEADLINE[deadline.kind],
                        deadline.due,
                        -deadline.days_left(today),
                        pair_id=pair.id,
                    )
                )
    for signup in signups:
        if signup.role is not Role.MENTEE or signup.status is not SignupStatus.OPEN:
            continue
        due = date.fromordinal(signup.signed_up.toordinal() + waiting_days)
        if today > due:
            items.append(
                AttentionItem(
                    AttentionReason.MENTEE_WAITING, due, (today - due).days, signup_id=signup.id
                )
            )
    items.sort(key=lambda item: (-item.days_late, item.due, item.pair_id or 0, item.signup_id or 0))
    return items
