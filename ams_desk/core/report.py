"""The yearly program report's figures, each with its one exact definition (issue 12).

Plain functions over plain values: the workbook, the Report tab and
``ams-desk report --json`` all read their figures from :func:`yearly_report`.

Definitions: a pair belongs to its ``program_year``; a pair *reached* a status
when it has an event with that status (its first such event counts); day
counts are between the calendar dates of two events; medians use
:func:`statistics.median`; a rate whose denominator is zero is ``None``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ams_desk.core.model import Pair, Role, Signup, SignupStatus, program_year_for
from ams_desk.core.places import FREES_PLACE
from ams_desk.core.workflow import PairStatus

Steps = Mapping[PairStatus, date]
"""The day a pair first reached each status it reached."""

REACHED: tuple[PairStatus, ...] = (
    PairStatus.MENTOR_AGREED,
    PairStatus.MENTOR_DECLINED,
    PairStatus.INTRODUCED,
    PairStatus.FIRST_CONTACT,
    PairStatus.MENTOR_RESPONDED,
    PairStatus.MET,
    PairStatus.EVALUATED,
    PairStatus.CONTINUING,
    PairStatus.CLOSED,
    PairStatus.CANCELLED,
)
"""The statuses counted as ``<status>``: pairs of the year that reached each."""

FUNNEL: tuple[tuple[str, str], ...] = (
    ("pairs_proposed", "Proposed"),
    ("mentor_agreed", "Mentor agreed"),
    ("introduced", "Introduced"),
    ("met", "Met"),
    ("evaluated", "Evaluated"),
    ("continuing", "Continuing"),
)
"""The funnel's steps: figure key and its label."""

FUNNEL_STATUS: dict[str, PairStatus] = {
    "pairs_proposed": PairStatus.PROPOSED,
    **{status.value: status for status in REACHED},
}
"""The status a count of pairs stands for (a funnel step lists the pairs that reached it)."""


@dataclass(frozen=True, slots=True)
class FigureInfo:
    """How a figure is shown: its plain label and what kind of number it is."""

    label: str
    kind: str  # "count", "rate" (0–1) or "days"


FIGURES: dict[str, FigureInfo] = {
    "signups_mentor": FigureInfo("Mentor sign-ups", "count"),
    "signups_mentee": FigureInfo("Mentee sign-ups", "count"),
    "people_new": FigureInfo("People new to the program", "count"),
    "people_returning": FigureInfo("People returning from earlier years", "count"),
    "pairs_proposed": FigureInfo("Pairs proposed to a mentor", "count"),
    "mentor_agreed": FigureInfo("Mentor agreed", "count"),
    "mentor_declined": FigureInfo("Mentor declined", "count"),
    "introduced": FigureInfo("Mentee introduced", "count"),
    "first_contact": FigureInfo("First contact made", "count"),
    "mentor_responded": FigureInfo("Mentor responded", "count"),
    "met": FigureInfo("Pairs that met", "count"),
    "evaluated": FigureInfo("Meetings evaluated", "count"),
    "continuing": FigureInfo("Pairs continuing", "count"),
    "closed": FigureInfo("Pairs closed", "count"),
    "cancelled": FigureInfo("Pairs cancelled", "count"),
    "acceptance_rate": FigureInfo("Mentors who accepted a proposal", "rate"),
    "responded_within_21_days": FigureInfo("Mentors who responded within {days} days", "count"),
    "response_on_time_rate": FigureInfo("Share of first contacts answered in {days} days", "rate"),
    "median_days_to_answer": FigureInfo("Median days to answer a proposal", "days"),
    "median_days_to_response": FigureInfo("Median days to respond to first contact", "days"),
    "median_days_waiting": FigureInfo("Median days a mentee waited for a proposal", "days"),
    "mentees_waiting": FigureInfo("Mentees still waiting", "count"),
}
"""Every scalar figure in report order (``topics`` and ``by_month`` are tables)."""

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sign-ups", ("signups_mentor", "signups_mentee", "people_new", "people_returning",
                  "mentees_waiting", "median_days_waiting")),
    ("Matching", ("pairs_proposed", "mentor_agreed", "mentor_declined", "acceptance_rate",
                  "median_days_to_answer")),
    ("Mentor responses", ("introduced", "first_contact", "mentor_responded",
                          "responded_within_21_days", "response_on_time_rate",
                          "median_days_to_response")),
    ("Meetings and after", ("met", "evaluated", "continuing", "closed", "cancelled")),
)
"""The figures grouped as the report shows them (every key of :data:`FIGURES` once)."""


def figure_label(key: str, response_days: int = 21) -> str:
    """The plain label of figure ``key``, with the configured response period."""
    return FIGURES[key].label.format(days=response_days)


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """Sign-ups and proposals of one calendar month."""

    signups: int = 0
    proposals: int = 0


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one program year (see :data:`FIGURES` and the module docstring)."""

    year: int
    values: dict[str, int | float | None]
    topics: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, MonthCounts] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int | float | None:
        return self.values[key]

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values, keys as in the issue."""
        return {
            **self.values,
            "topics": dict(self.topics),
            "by_month": {
                month: {"signups": c.signups, "proposals": c.proposals}
                for month, c in self.by_month.items()
            },
        }


@dataclass(frozen=True, slots=True)
class YearlyReport:
    """A program year's figures beside the previous year's."""

    year: int
    figures: Figures
    previous: Figures
    as_of: date
    """The day "still waiting" is judged on: the year's last day, or today while it runs."""

    def as_dict(self) -> dict[str, Any]:
        """``{"year": Y, "figures": {...}, "previous": {...}}``, as ``report --json`` prints."""
        return {
            "year": self.year,
            "figures": self.figures.as_dict(),
            "previous": self.previous.as_dict(),
        }


def year_span(year: int, start_month: int = 1) -> tuple[date, date]:
    """The first and last day of a program year that starts in ``start_month``."""
    first = date(year, start_month, 1)
    following = date(year + 1, start_month, 1)
    return first, following - timedelta(days=1)


def as_of_day(year: int, today: date, start_month: int = 1) -> date:
    """The year's last day, or ``today`` while the year runs (or has not begun)."""
    return min(year_span(year, start_month)[1], today)


def pair_steps(pair: Pair) -> dict[PairStatus, date]:
    """The calendar day ``pair`` first reached each status (events in any order)."""
    found: dict[PairStatus, date] = {}
    for event in pair.events:
        if event.status is None:
            continue
        status = _STATUS[event.status]
        day = event.at.date()
        known = found.get(status)
        if known is None or day < known:
            found[status] = day
    return found


_STATUS = {status.value: status for status in PairStatus}


def days_to_answer(steps: Steps) -> int | None:
    """Days from the proposal to the mentor's answer (agreed or declined), if answered."""
    proposed = steps.get(PairStatus.PROPOSED)
    answer = steps.get(PairStatus.MENTOR_AGREED) or steps.get(PairStatus.MENTOR_DECLINED)
    if proposed is None or answer is None:
        return None
    return (answer - proposed).days


def days_to_response(steps: Steps) -> int | None:
    """Days from the mentee's first contact to the mentor's response, if responded."""
    contact = steps.get(PairStatus.FIRST_CONTACT)
    response = steps.get(PairStatus.MENTOR_RESPONDED)
    if contact is None or response is None:
        return None
    return (response - contact).days


def answer_late(steps: Steps, as_of: date, answer_days: int) -> bool:
    """The mentor answered the proposal after ``answer_days``, or has not and it is past due."""
    return _late(steps.get(PairStatus.PROPOSED), days_to_answer(steps), steps, as_of, answer_days)


def response_late(steps: Steps, as_of: date, response_days: int) -> bool:
    """The mentor responded after ``response_days``, or has not and it is past due."""
    contact = steps.get(PairStatus.FIRST_CONTACT)
    return _late(contact, days_to_response(steps), steps, as_of, response_days)


def _late(start: date | None, took: int | None, steps: Steps, as_of: date, limit: int) -> bool:
    if start is None:
        return False
    if took is not None:
        return took > limit
    ended = PairStatus.CANCELLED in steps or PairStatus.CLOSED in steps
    return not ended and (as_of - start).days > limit


def topic_counts(signups: Iterable[Signup]) -> dict[str, int]:
    """``{topic: sign-ups naming it}``, most named first (then by name)."""
    counts = Counter(topic for s in signups for topic in dict.fromkeys(s.topics))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))


def first_proposals(pairs: Iterable[Pair], steps: Mapping[int, Steps]) -> dict[int, date]:
    """The day each mentee sign-up was first proposed to a mentor, by mentee sign-up id."""
    found: dict[int, date] = {}
    for pair in pairs:
        day = steps[pair.id].get(PairStatus.PROPOSED)
        if day is not None:
            known = found.get(pair.mentee_signup_id)
            if known is None or day < known:
                found[pair.mentee_signup_id] = day
    return found


def waiting_on(signup: Signup, pairs_of_signup: Iterable[Steps], day: date) -> bool:
    """Whether a mentee sign-up was still open (waiting for a mentor) on ``day``.

    Reconstructed from the pair timelines, so that a past year's end is
    judged as it was: signed up by then, and no pair of it proposed by then
    that was not yet declined or cancelled by then. A withdrawn sign-up never
    counts, nor one closed without a pair: neither is dated.
    """
    if signup.role is not Role.MENTEE or signup.status is SignupStatus.WITHDRAWN:
        return False
    if signup.signed_up > day:
        return False
    pairs_of_signup = list(pairs_of_signup)
    if signup.status is SignupStatus.CLOSED and not any(
        PairStatus.PROPOSED in steps for steps in pairs_of_signup
    ):
        return False
    for steps in pairs_of_signup:
        proposed = steps.get(PairStatus.PROPOSED)
        if proposed is None or proposed > day:
            continue
        released = [steps[s] for s in FREES_PLACE if s in steps]
        if not any(d <= day for d in released):
            return False
    return True


def _median(values: Sequence[int]) -> int | float | None:
    return statistics.median(values) if values else None


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months(year: int, start_month: int) -> list[str]:
    return [_month(date(year + (start_month - 1 + i) // 12, (start_month - 1 + i) % 12 + 1, 1))
            for i in range(12)]


def program_figures(
    signups: Sequence[Signup],
    pairs: Sequence[Pair],
    year: int,
    *,
    today: date,
    start_month: int = 1,
    response_days: int = 21,
    steps: Mapping[int, Steps] | None = None,
) -> Figures:
    """The figures of program ``year`` over every sign-up and pair of the program.

    Args:
        signups: Every sign-up of every year (returning people and the waiting
            pool look beyond the year).
        pairs: Every pair of every year, with (at least) its status events.
        year: The program year.
        today: The day "still waiting" is judged on while the year runs.
        start_month: The month program years start in.
        response_days: The mentor's response period after first contact.
        steps: :func:`pair_steps` of each pair by id, if already known.
    """
    steps = steps if steps is not None else {p.id: pair_steps(p) for p in pairs}
    of_year = [s for s in signups if s.program_year == year]
    pairs_of_year = [p for p in pairs if p.program_year == year]
    year_steps = [steps[p.id] for p in pairs_of_year]

    values: dict[str, int | float | None] = {}
    values["signups_mentor"] = sum(1 for s in of_year if s.role is Role.MENTOR)
    values["signups_mentee"] = sum(1 for s in of_year if s.role is Role.MENTEE)
    people = {s.person_id for s in of_year}
    earlier = {s.person_id for s in signups if s.program_year < year}
    values["people_new"] = len(people - earlier)
    values["people_returning"] = len(people & earlier)

    reached = Counter(status for st in year_steps for status in st)
    values["pairs_proposed"] = reached[PairStatus.PROPOSED]
    for status in REACHED:
        values[status.value] = reached[status]
    agreed, declined = reached[PairStatus.MENTOR_AGREED], reached[PairStatus.MENTOR_DECLINED]
    values["acceptance_rate"] = _rate(agreed, agreed + declined)
    responses = [d for d in map(days_to_response, year_steps) if d is not None]
    in_time = sum(1 for d in responses if d <= response_days)
    values["responded_within_21_days"] = in_time
    values["response_on_time_rate"] = _rate(in_time, reached[PairStatus.FIRST_CONTACT])
    values["median_days_to_answer"] = _median(
        [d for d in map(days_to_answer, year_steps) if d is not None]
    )
    values["median_days_to_response"] = _median(responses)
    proposed_on = first_proposals(pairs, steps)
    values["median_days_waiting"] = _median(
        [
            (proposed_on[s.id] - s.signed_up).days
            for s in of_year
            if s.role is Role.MENTEE and s.id in proposed_on
        ]
    )
    as_of = as_of_day(year, today, start_month)
    by_mentee: dict[int, list[Steps]] = {}
    for pair in pairs:
        by_mentee.setdefault(pair.mentee_signup_id, []).append(steps[pair.id])
    values["mentees_waiting"] = sum(
        1 for s in signups if waiting_on(s, by_mentee.get(s.id, ()), as_of)
    )

    signup_months = Counter(_month(s.signed_up) for s in of_year)
    proposal_months = Counter(
        _month(st[PairStatus.PROPOSED]) for st in year_steps if PairStatus.PROPOSED in st
    )
    # Every month of the year, and any other month the year's sign-ups or proposals fall in
    # (a sign-up filed early for next year): the months add up to the year's totals.
    months = sorted({*_months(year, start_month), *signup_months, *proposal_months})
    by_month = {m: MonthCounts(signup_months[m], proposal_months[m]) for m in months}
    return Figures(year, values, topic_counts(of_year), by_month)


def yearly_report(
    signups: Sequence[Signup],
    pairs: Sequence[Pair],
    year: int | None = None,
    *,
    today: date,
    start_month: int = 1,
    response_days: int = 21,
    steps: Mapping[int, Steps] | None = None,
) -> YearlyReport:
    """The figures of ``year`` (default: the running program year) and of the year before.

    ``steps`` are :func:`pair_steps` of each pair by id, if the caller has them.
    """
    if year is None:
        year = program_year_for(today, start_month)
    steps = steps if steps is not None else {p.id: pair_steps(p) for p in pairs}
    options: dict[str, Any] = {
        "today": today, "start_month": start_month, "response_days": response_days, "steps": steps
    }
    return YearlyReport(
        year,
        program_figures(signups, pairs, year, **options),
        program_figures(signups, pairs, year - 1, **options),
        as_of_day(year, today, start_month),
    )


def change(current: int | float | None, previous: int | float | None) -> float | None:
    """This year's value minus last year's (``None`` when either is missing)."""
    if current is None or previous is None:
        return None
    return current - previous
