"""The rows of the report's table sheets, as plain typed values (no spreadsheet yet).

Every value is a ``str``, ``int``, ``float``, ``date`` or ``None``; the
column says how it is shown. Day counts and late flags come from
:mod:`ams_desk.core.report`, the same functions the figures use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ams_desk.core.model import Role
from ams_desk.core.places import count_taken
from ams_desk.core.report import (
    YearlyReport,
    answer_late,
    days_to_answer,
    days_to_response,
    first_proposals,
    response_late,
    waiting_on,
)
from ams_desk.core.workflow import STATUS_LABELS, PairStatus
from ams_desk.store.report import ProgramData

Value = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, how its values are shown, and its widest width."""

    header: str
    kind: str = "text"  # text, id (a number centred), int, date, month, percent, flag
    max_width: int = 40


@dataclass(frozen=True)
class Table:
    """One sheet's table: its columns and rows."""

    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]]


STEPS: tuple[PairStatus, ...] = tuple(s for s in PairStatus if s is not PairStatus.DRAFT)
"""The steps a reported pair has a date for, in the order of the program."""


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _joined(items: Sequence[str]) -> str:
    return ", ".join(items)


def pairs_table(data: ProgramData, report: YearlyReport) -> Table:
    """One row per pair of the year proposed to a mentor (drafts told no one)."""
    settings = data.settings
    columns = (
        Column("Pair", "id"),
        Column("Status", max_width=22),
        Column("Mentor", max_width=28),
        Column("Mentor email", max_width=34),
        Column("Mentor projects", max_width=30),
        Column("Mentee", max_width=28),
        Column("Mentee email", max_width=34),
        Column("Mentee projects", max_width=30),
        *(Column(STATUS_LABELS[s], "date") for s in STEPS),
        Column("Days to answer", "int"),
        Column("Days to respond", "int"),
        Column("Answer late", "flag"),
        Column("Response late", "flag"),
    )
    rows: list[tuple[Value, ...]] = []
    for pair in data.pairs:
        if pair.program_year != report.year:
            continue
        steps = data.steps[pair.id]
        if PairStatus.PROPOSED not in steps:
            continue
        mentor = data.person_of(pair.mentor_signup_id)
        mentee = data.person_of(pair.mentee_signup_id)
        rows.append((
            pair.id,
            STATUS_LABELS[PairStatus(pair.status)],
            mentor.name, mentor.email, _joined(mentor.projects),
            mentee.name, mentee.email, _joined(mentee.projects),
            *(steps.get(s) for s in STEPS),
            days_to_answer(steps),
            days_to_response(steps),
            _yes(answer_late(steps, report.as_of, settings.proposal_answer_days)),
            _yes(response_late(steps, report.as_of, settings.mentor_response_days)),
        ))  # fmt: skip
    return Table(columns, rows)


def signups_table(data: ProgramData, report: YearlyReport) -> Table:
    """One row per sign-up of the year, mentors and mentees."""
    columns = (
        Column("Sign-up", "id"),
        Column("Role", max_width=8),
        Column("Name", max_width=28),
        Column("Email", max_width=34),
        Column("Position", max_width=24),
        Column("Department", max_width=28),
        Column("Projects", max_width=30),
        Column("Topics", max_width=44),
        Column("Signed up", "date"),
        Column("Status", max_width=10),
        Column("Returning", "flag"),
        Column("Days waiting", "int"),
    )
    earlier: set[int] = {s.person_id for s in data.signups if s.program_year < report.year}
    by_mentee = defaultdict(list)
    steps = data.steps
    for pair in data.pairs:
        by_mentee[pair.mentee_signup_id].append(steps[pair.id])
    proposed = first_proposals(data.pairs, steps)
    rows: list[tuple[Value, ...]] = []
    for signup in data.signups:
        if signup.program_year != report.year:
            continue
        person = data.people[signup.person_id]
        waited: int | None = None
        if signup.role is Role.MENTEE:
            if signup.id in proposed:
                waited = (proposed[signup.id] - signup.signed_up).days
            elif waiting_on(signup, by_mentee[signup.id], report.as_of):
                waited = (report.as_of - signup.signed_up).days
        rows.append((
            signup.id, signup.role.value.capitalize(), person.name, person.email, person.position,
            person.department, _joined(person.projects), _joined(signup.topics),
            signup.signed_up, signup.status.value.capitalize(),
            _yes(signup.person_id in earlier), waited,
        ))  # fmt: skip
    return Table(columns, rows)


def mentors_table(data: ProgramData, report: YearlyReport) -> Table:
    """One row per mentor sign-up of the year: places offered and taken, and its pairs."""
    columns = (
        Column("Mentor", max_width=28),
        Column("Email", max_width=34),
        Column("Position", max_width=24),
        Column("Department", max_width=28),
        Column("Signed up", "date"),
        Column("Places offered", "int"),
        Column("Places taken", "int"),
        Column("Pairs proposed", "int"),
        Column("Agreed", "int"),
        Column("Declined", "int"),
        Column("Met", "int"),
        Column("Status", max_width=10),
    )
    pairs_of = defaultdict(list)
    for pair in data.pairs:
        pairs_of[pair.mentor_signup_id].append(pair)
    rows: list[tuple[Value, ...]] = []
    for signup in data.signups:
        if signup.program_year != report.year or signup.role is not Role.MENTOR:
            continue
        person = data.people[signup.person_id]
        own = pairs_of[signup.id]
        reached = [data.steps[p.id] for p in own]
        rows.append((
            person.name, person.email, person.position, person.department, signup.signed_up,
            signup.capacity, count_taken(p.status for p in own),
            sum(PairStatus.PROPOSED in s for s in reached),
            sum(PairStatus.MENTOR_AGREED in s for s in reached),
            sum(PairStatus.MENTOR_DECLINED in s for s in reached),
            sum(PairStatus.MET in s for s in reached),
            signup.status.value.capitalize(),
        ))  # fmt: skip
    rows.sort(key=lambda r: str(r[0]).casefold())
    return Table(columns, rows)
