"""The waiting pool: which mentor offers count today, and the year of a new pair."""

from __future__ import annotations

from datetime import date

import pytest

from ams_desk.core.model import Role, Signup, SignupStatus
from ams_desk.core.pool import (
    mentee_in_pool,
    mentor_in_pool,
    mentor_pool_since,
    months_before,
    pair_year,
)

TODAY = date(2026, 6, 1)


def _signup(role: Role, signed_up: date, year: int,
            status: SignupStatus = SignupStatus.OPEN) -> Signup:
    return Signup(1, 1, role, signed_up, year, status)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 1), 12, date(2025, 6, 1)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_a_mentor_offer_counts_in_the_running_year_or_while_recent() -> None:
    assert mentor_pool_since(TODAY) == date(2025, 6, 1)
    running = _signup(Role.MENTOR, date(2026, 1, 3), 2026)
    recent = _signup(Role.MENTOR, date(2025, 6, 1), 2025)
    old = _signup(Role.MENTOR, date(2025, 5, 31), 2025)
    assert mentor_in_pool(running, today=TODAY)
    assert mentor_in_pool(recent, today=TODAY)
    assert not mentor_in_pool(old, today=TODAY)
    assert mentor_in_pool(old, today=TODAY, recent_months=13)
    # With program years from September, a sign-up of last January is of the running year.
    september = _signup(Role.MENTOR, date(2025, 1, 10), 2024)
    assert mentor_in_pool(september, today=date(2025, 6, 1), year_start_month=9,
                          recent_months=1)
    for status in (SignupStatus.MATCHED, SignupStatus.CLOSED, SignupStatus.WITHDRAWN):
        assert not mentor_in_pool(_signup(Role.MENTOR, date(2026, 1, 3), 2026, status),
                                  today=TODAY)
    assert not mentor_in_pool(_signup(Role.MENTEE, date(2026, 1, 3), 2026), today=TODAY)


def test_every_open_mentee_is_in_the_pool_whatever_the_year() -> None:
    assert mentee_in_pool(_signup(Role.MENTEE, date(2023, 2, 1), 2023))
    assert not mentee_in_pool(_signup(Role.MENTEE, date(2026, 2, 1), 2026,
                                      SignupStatus.MATCHED))
    assert not mentee_in_pool(_signup(Role.MENTOR, date(2026, 2, 1), 2026))


def test_a_pair_takes_the_year_of_the_day_it_is_proposed() -> None:
    assert pair_year(date(2026, 1, 4)) == 2026
    assert pair_year(date(2026, 1, 4), year_start_month=9) == 2025
    assert pair_year(date(2026, 9, 1), year_start_month=9) == 2026
