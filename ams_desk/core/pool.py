"""The waiting pool: who the board and Suggest take, whatever the program year.

DESIGN.md §3, *one pool, not one per year*. People sign up at any time, so a
mentee who signed up last year and still waits is as much in the pool as one
who signed up yesterday. The pool is:

- every mentee sign-up that is open (waiting), of any program year;
- every mentor sign-up with a free place (:func:`ams_desk.core.places.free_places`)
  that belongs to the program year running today, or that was made within the
  last ``recent_months`` months (a setting, 12 by default) — an older offer is
  not held against the mentor.

The program year filters views and reports; it never hides a waiting person.
A pair takes the program year of the day it is proposed (:func:`pair_year`);
a draft takes the year of the day it is placed until it is proposed.
"""

from __future__ import annotations

from datetime import date

from ams_desk.core.model import Role, Signup, SignupStatus, program_year_for

DEFAULT_RECENT_MONTHS = 12
"""How many months a mentor's sign-up of an earlier program year stays in the pool."""


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when shorter).

    >>> months_before(date(2026, 3, 31), 1)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def mentor_pool_since(today: date, recent_months: int = DEFAULT_RECENT_MONTHS) -> date:
    """The earliest sign-up day of a mentor in the pool besides the running program year."""
    return months_before(today, max(recent_months, 0))


def mentor_in_pool(
    signup: Signup,
    *,
    today: date,
    year_start_month: int = 1,
    recent_months: int = DEFAULT_RECENT_MONTHS,
) -> bool:
    """True when the mentor sign-up's offer counts today (free places are asked apart).

    A mentor sign-up counts when it is open and belongs to the program year
    running ``today``, or was made on or after :func:`mentor_pool_since`.
    """
    if signup.role is not Role.MENTOR or signup.status is not SignupStatus.OPEN:
        return False
    if signup.program_year == program_year_for(today, year_start_month):
        return True
    return signup.signed_up >= mentor_pool_since(today, recent_months)


def mentee_in_pool(signup: Signup) -> bool:
    """True when the mentee sign-up waits for a mentor: open, of any program year."""
    return signup.role is Role.MENTEE and signup.status is SignupStatus.OPEN


def pair_year(proposed_on: date, year_start_month: int = 1) -> int:
    """The program year of a pair proposed (or a draft placed) on ``proposed_on``."""
    return program_year_for(proposed_on, year_start_month)
