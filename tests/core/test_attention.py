"""The attention list on the day before, on, and after every deadline."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ams_desk.core.attention import AttentionReason, attention_items
from ams_desk.core.model import Pair, PairEvent, Role, Signup, SignupStatus
from ams_desk.core.workflow import DeadlineSettings, PairStatus

START = datetime(2026, 3, 2, 10, 30)
SETTINGS = DeadlineSettings(proposal_answer_days=7, mentor_response_days=21, evaluation_days=14)


def _pair(*statuses: PairStatus, start: datetime = START, pair_id: int = 1) -> Pair:
    events = tuple(
        PairEvent(at=start + timedelta(minutes=i), kind="status", status=s.value)
        for i, s in enumerate(statuses)
    )
    return Pair(pair_id, 10, 20, statuses[-1].value, 2026, events)


UP_TO_FIRST_CONTACT = (
    PairStatus.PROPOSED,
    PairStatus.MENTOR_AGREED,
    PairStatus.INTRODUCED,
    PairStatus.FIRST_CONTACT,
)
UP_TO_MET = (
    *UP_TO_FIRST_CONTACT,
    PairStatus.MENTOR_RESPONDED,
    PairStatus.MEETING_PLANNED,
    PairStatus.MET,
)


@pytest.mark.parametrize(
    ("statuses", "days", "reason"),
    [
        ((PairStatus.PROPOSED,), 7, AttentionReason.PROPOSAL_UNANSWERED),
        (UP_TO_FIRST_CONTACT, 21, AttentionReason.NO_MENTOR_RESPONSE),
        (UP_TO_MET, 14, AttentionReason.NO_EVALUATION),
    ],
)
@pytest.mark.parametrize(("offset", "listed"), [(-1, False), (0, False), (1, True), (30, True)])
def test_pair_deadlines_around_the_due_day(
    statuses: tuple[PairStatus, ...], days: int, reason: AttentionReason, offset: int, listed: bool
) -> None:
    due = START.date() + timedelta(days=days)
    items = attention_items(
        [_pair(*statuses)],
        [],
        today=due + timedelta(days=offset),
        settings=SETTINGS,
        waiting_days=60,
    )
    if not listed:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.pair_id, item.signup_id, item.due) == (reason, 1, None, due)
    assert item.days_late == offset
    assert f"{offset} day" in item.text and "late" in item.text


@pytest.mark.parametrize(
    "answered",
    [
        (PairStatus.PROPOSED, PairStatus.MENTOR_AGREED),
        (PairStatus.PROPOSED, PairStatus.MENTOR_DECLINED),
        (PairStatus.PROPOSED, PairStatus.CANCELLED),
        (*UP_TO_FIRST_CONTACT, PairStatus.MENTOR_RESPONDED),
        (*UP_TO_MET, PairStatus.EVALUATED),
    ],
)
def test_answered_or_ended_pairs_need_nothing(answered: tuple[PairStatus, ...]) -> None:
    items = attention_items(
        [_pair(*answered)], [], today=date(2027, 1, 1), settings=SETTINGS, waiting_days=60
    )
    assert items == []


def test_configured_periods_are_used() -> None:
    short = DeadlineSettings(proposal_answer_days=2, mentor_response_days=21, evaluation_days=3)
    pair = _pair(PairStatus.PROPOSED)
    assert attention_items(
        [pair], [], today=START.date() + timedelta(days=3), settings=short, waiting_days=60
    )
    assert not attention_items(
        [pair], [], today=START.date() + timedelta(days=3), settings=SETTINGS, waiting_days=60
    )


def _signup(
    signup_id: int,
    signed_up: date,
    role: Role = Role.MENTEE,
    status: SignupStatus = SignupStatus.OPEN,
) -> Signup:
    return Signup(signup_id, signup_id, role, signed_up, signed_up.year, status)


@pytest.mark.parametrize(("offset", "listed"), [(-1, False), (0, False), (1, True)])
def test_mentees_waiting_longer_than_the_limit(offset: int, listed: bool) -> None:
    signed = date(2026, 1, 10)
    today = signed + timedelta(days=45 + offset)
    items = attention_items(
        [], [_signup(5, signed)], today=today, settings=SETTINGS, waiting_days=45
    )
    assert [(i.reason, i.signup_id, i.pair_id) for i in items] == (
        [(AttentionReason.MENTEE_WAITING, 5, None)] if listed else []
    )


def test_only_open_mentees_wait() -> None:
    old = date(2025, 1, 1)
    signups = [
        _signup(1, old, Role.MENTOR),
        _signup(2, old, status=SignupStatus.MATCHED),
        _signup(3, old, status=SignupStatus.WITHDRAWN),
        _signup(4, old),
    ]
    items = attention_items([], signups, today=date(2026, 1, 1), settings=SETTINGS, waiting_days=60)
    assert [i.signup_id for i in items] == [4]


def test_latest_first() -> None:
    pairs = [
        _pair(PairStatus.PROPOSED, pair_id=1),
        _pair(PairStatus.PROPOSED, start=START - timedelta(days=5), pair_id=2),
    ]
    items = attention_items(
        pairs,
        [_signup(9, date(2025, 1, 1))],
        today=date(2026, 3, 20),
        settings=SETTINGS,
        waiting_days=60,
    )
    assert [(i.pair_id, i.signup_id) for i in items] == [(None, 9), (2, None), (1, None)]
