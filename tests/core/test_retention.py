"""People due for erasure: every sign-up ended, nothing new for longer than the retention period."""

from __future__ import annotations

from datetime import date

from ams_desk.core.attention import (
    AttentionReason,
    SignupActivity,
    attention_items,
    erasure_items,
    years_after,
)
from ams_desk.core.model import Role, Signup, SignupStatus
from ams_desk.core.workflow import DeadlineSettings


def _ended(signup_id: int, person_id: int, last: date,
           status: SignupStatus = SignupStatus.CLOSED) -> SignupActivity:
    return SignupActivity(Signup(signup_id, person_id, Role.MENTEE, date(2018, 1, 1), 2018,
                                 status), last)


def test_due_the_day_after_the_retention_period() -> None:
    ended = [_ended(1, 7, date(2020, 3, 10))]
    assert erasure_items(ended, today=date(2025, 3, 10), retention_years=5) == []
    [item] = erasure_items(ended, today=date(2025, 3, 11), retention_years=5)
    assert (item.reason, item.signup_id, item.due, item.days_late) == (
        AttentionReason.DUE_FOR_ERASURE, 1, date(2025, 3, 10), 1)
    assert item.text == ("Sign-ups ended long ago: due for erasure: 1 day past the retention "
                         "period")


def test_one_item_per_person_on_their_latest_sign_up() -> None:
    ended = [_ended(1, 7, date(2017, 5, 1)), _ended(2, 7, date(2019, 6, 1), SignupStatus.WITHDRAWN)]
    [item] = erasure_items(ended, today=date(2026, 1, 1), retention_years=5)
    assert item.signup_id == 2 and item.due == date(2024, 6, 1)


def test_a_person_with_a_running_sign_up_is_not_due() -> None:
    running = SignupActivity(Signup(3, 7, Role.MENTOR, date(2025, 1, 1), 2025,
                                    SignupStatus.OPEN), date(2025, 1, 1))
    ended = [_ended(1, 7, date(2015, 1, 1)), running]
    assert erasure_items(ended, today=date(2026, 1, 1), retention_years=5) == []


def test_the_29th_of_february_and_the_retention_setting() -> None:
    assert years_after(date(2020, 2, 29), 5) == date(2025, 2, 28)
    ended = [_ended(1, 7, date(2019, 1, 1))]
    assert erasure_items(ended, today=date(2026, 1, 1), retention_years=10) == []
    items = attention_items([], [], today=date(2026, 1, 1),
                            settings=DeadlineSettings(7, 21, 14), waiting_days=60,
                            ended=ended, retention_years=5)
    assert [i.reason for i in items] == [AttentionReason.DUE_FOR_ERASURE]
    assert attention_items([], [], today=date(2026, 1, 1), settings=DeadlineSettings(7, 21, 14),
                           waiting_days=60, ended=ended) == []  # no retention given: none
