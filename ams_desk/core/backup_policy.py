"""Which backups to keep: the newest of each recent day, week and month."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

DAILY, WEEKLY, MONTHLY = 7, 4, 12
RECENT = timedelta(hours=24)


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def _months_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def backups_to_keep(
    moments: Iterable[datetime],
    now: datetime,
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
    recent: timedelta = RECENT,
) -> set[datetime]:
    """The backup times to keep out of ``moments``, judged on ``now``.

    Keeps the newest backup of each of the last ``daily`` days (today included),
    of each of the last ``weekly`` ISO weeks and of each of the last ``monthly``
    calendar months, and always the newest backup of all. Every backup of the
    last ``recent`` hours is kept too, so that the backup made before an import
    is not thinned away by the one made before the next. Backups dated after
    ``now`` (a clock set back) are kept: they cannot be judged.
    """
    ordered = sorted(set(moments), reverse=True)
    today = now.date()
    days = {date.fromordinal(today.toordinal() - n) for n in range(daily)}
    weeks = {_week(date.fromordinal(today.toordinal() - 7 * n)) for n in range(weekly)}
    months = {_months_back(today, n) for n in range(monthly)}
    keep: set[datetime] = {m for m in ordered if m > now or now - m < recent}
    seen_days: set[date] = set()
    seen_weeks: set[tuple[int, int]] = set()
    seen_months: set[tuple[int, int]] = set()
    for moment in ordered:  # newest first: the first one met in a bucket is its newest
        if moment > now:
            continue
        day, week, month = moment.date(), _week(moment.date()), (moment.year, moment.month)
        if day in days and day not in seen_days:
            keep.add(moment)
        if week in weeks and week not in seen_weeks:
            keep.add(moment)
        if month in months and month not in seen_months:
            keep.add(moment)
        seen_days.add(day)
        seen_weeks.add(week)
        seen_months.add(month)
    if ordered:
        keep.add(ordered[0])
    return keep
