"""What needs the team's action today: late pair steps, mentees waiting too long, and
people whose sign-ups ended longer ago than the program keeps personal data."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Pair, Role, Signup, SignupStatus
from ams_desk.core.text import plural
from ams_desk.core.workflow import (
    DeadlineKind,
    DeadlineSettings,
    PairStatus,
    deadlines,
    open_deadline,
)


class AttentionReason(enum.StrEnum):
    """Why an item is on the attention list."""

    PROPOSAL_UNANSWERED = "proposal_unanswered"
    NO_MENTOR_RESPONSE = "no_mentor_response"
    NO_EVALUATION = "no_evaluation"
    MENTEE_WAITING = "mentee_waiting"
    DUE_FOR_ERASURE = "due_for_erasure"


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
    AttentionReason.DUE_FOR_ERASURE: "Sign-ups ended long ago: due for erasure",
}

ENDED = frozenset({SignupStatus.CLOSED, SignupStatus.WITHDRAWN})
"""Sign-up statuses after which a person's data is kept only for the retention period."""


GROUP_ORDER: tuple[AttentionReason, ...] = (
    AttentionReason.PROPOSAL_UNANSWERED,
    AttentionReason.NO_MENTOR_RESPONSE,
    AttentionReason.NO_EVALUATION,
    AttentionReason.MENTEE_WAITING,
    AttentionReason.DUE_FOR_ERASURE,
)
"""How the attention list is grouped, one group per reason: the late pair steps first, in the
program's order, then the waiting mentees, then the people due for erasure. A reason not
listed here gets its own group after these (in the order of :class:`AttentionReason`), so a
new kind needs only its :data:`REASON_TEXT`."""


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
        if self.reason is AttentionReason.DUE_FOR_ERASURE:
            return f"{REASON_TEXT[self.reason]}: {late} past the retention period"
        return f"{REASON_TEXT[self.reason]}: {late} late"


@dataclass(frozen=True, slots=True)
class SignupActivity:
    """A sign-up and the last day anything happened to it (a step of its pairs, an edit)."""

    signup: Signup
    last_activity: date


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February without one)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def erasure_items(
    signups: Iterable[SignupActivity], *, today: date, retention_years: int
) -> list[AttentionItem]:
    """The people due for erasure: one item per person, on their latest sign-up.

    A person is due when every one of their sign-ups ``signups`` holds is
    closed or withdrawn (:data:`ENDED`) and nothing happened to any of them
    for more than ``retention_years`` years: the day after the retention
    period ends they are one day late. Give every sign-up of each person
    concerned, or one still running would be missed.
    """
    by_person: dict[int, list[SignupActivity]] = {}
    for entry in signups:
        by_person.setdefault(entry.signup.person_id, []).append(entry)
    items = []
    for entries in by_person.values():
        if any(e.signup.status not in ENDED for e in entries):
            continue
        latest = max(entries, key=lambda e: (e.last_activity, e.signup.id))
        due = years_after(latest.last_activity, retention_years)
        if today > due:
            items.append(AttentionItem(AttentionReason.DUE_FOR_ERASURE, due, (today - due).days,
                                       signup_id=latest.signup.id))
    return items


def attention_items(
    pairs: Iterable[Pair],
    signups: Iterable[Signup],
    *,
    today: date,
    settings: DeadlineSettings,
    waiting_days: int,
    ended: Iterable[SignupActivity] = (),
    retention_years: int = 0,
    stepped: Iterable[tuple[int, PairStatus, date]] = (),
    waiting: Iterable[tuple[int, date]] = (),
) -> list[AttentionItem]:
    """Every overdue pair step, every mentee waiting longer than ``waiting_days``, and
    with ``retention_years`` the people due for erasure among ``ended`` (see
    :func:`erasure_items`).

    A step is late the day after its due date (on the due date it is still in
    time). Waiting counts from the sign-up date for open mentee sign-ups. The
    list is ordered with the latest first.

    Args:
        pairs: Pairs with their timelines (at least the first step to each status).
        stepped: More pairs, as (pair id, status, day of the latest step): a pair
            whose steps followed the workflow reached its status with its latest
            step, so its only open deadline starts that day
            (:func:`~ams_desk.core.workflow.open_deadline`). The same items as its
            timeline would give, for lists of many pairs.
        waiting: More open mentee sign-ups, as (sign-up id, day signed up), without
            building a :class:`Signup` for each of thousands.
    """
    items: list[AttentionItem] = []
    for pair_id, status, since in stepped:
        deadline = open_deadline(status, since, settings)
        if deadline is not None and deadline.is_overdue(today):
            items.append(AttentionItem(REASON_BY_DEADLINE[deadline.kind], deadline.due,
                                       -deadline.days_left(today), pair_id=pair_id))
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
    open_mentees = [(s.id, s.signed_up) for s in signups
                    if s.role is Role.MENTEE and s.status is SignupStatus.OPEN]
    # In day numbers: thousands of mentees may be waiting.
    last_in_time = today.toordinal() - waiting_days  # signed up on this day: due today
    for signup_id, signed_up in (*open_mentees, *waiting):
        day = signed_up.toordinal()
        if day < last_in_time:
            items.append(AttentionItem(AttentionReason.MENTEE_WAITING,
                                       date.fromordinal(day + waiting_days),
                                       last_in_time - day, None, signup_id))
    if retention_years > 0:
        items += erasure_items(ended, today=today, retention_years=retention_years)
    items.sort(key=lambda item: (-item.days_late, item.due, item.pair_id or 0, item.signup_id or 0))
    return items
