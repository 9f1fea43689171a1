"""What the yearly report reads: every sign-up, every pair with its status steps, as plain values.

The figures themselves are :mod:`ams_desk.core.report`'s; this module only
reads (one unit of work) and hands them plain values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Text, select, type_coerce

from ams_desk.core.model import Pair, PairEvent, Signup
from ams_desk.core.report import YearlyReport, pair_steps, yearly_report
from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database
from ams_desk.store.people import SignupListRow, list_signups
from ams_desk.store.schema import PairEventRow, PairRow
from ams_desk.store.settings import ProgramSettings, get_program_settings


@dataclass(frozen=True, slots=True)
class PersonBrief:
    """What the report's sheets show of a person."""

    name: str
    email: str
    position: str
    department: str
    projects: tuple[str, ...]


@dataclass(frozen=True)
class ProgramData:
    """Every sign-up and pair of the program, with the people they name and the settings."""

    signups: tuple[Signup, ...]
    pairs: tuple[Pair, ...]
    people: dict[int, PersonBrief]
    settings: ProgramSettings
    by_id: dict[int, Signup] = field(init=False, repr=False, compare=False)
    steps: dict[int, dict[PairStatus, date]] = field(init=False, repr=False, compare=False)
    """:func:`core.report.pair_steps` of every pair, by pair id (computed once)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {s.id: s for s in self.signups})
        object.__setattr__(self, "steps", {p.id: pair_steps(p) for p in self.pairs})

    def person_of(self, signup_id: int) -> PersonBrief:
        """The person of sign-up ``signup_id``."""
        return self.people[self.by_id[signup_id].person_id]

    def years(self) -> list[int]:
        """The program years with a sign-up or a pair, newest first."""
        return sorted({s.program_year for s in self.signups}
                      | {p.program_year for p in self.pairs}, reverse=True)

    def report(self, year: int | None, today: date) -> YearlyReport:
        """The figures of ``year`` (default: the running one) beside the year before."""
        return yearly_report(
            self.signups,
            self.pairs,
            year,
            today=today,
            start_month=self.settings.year_start_month,
            response_days=self.settings.mentor_response_days,
            steps=self.steps,
        )


def _signup_of(row: SignupListRow) -> Signup:
    return Signup(
        row.signup_id, row.person_id, row.role, row.signed_up, row.program_year, row.status,
        row.topics, capacity=row.capacity,
    )


def _moment(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def load_program_data(db: Database) -> ProgramData:
    """Read what the report needs: sign-ups with their people, pairs with their status steps."""
    rows = list_signups(db)
    settings = get_program_settings(db)
    people = {
        r.person_id: PersonBrief(r.name, r.email, r.position, r.department, r.projects)
        for r in rows
    }
    signups = tuple(sorted((_signup_of(r) for r in rows), key=lambda s: s.id))
    pair, event = PairRow.__table__, PairEventRow.__table__
    with db.session() as session:
        connection = session.connection()
        steps: dict[int, list[PairEvent]] = defaultdict(list)
        query = (
            select(event.c.pair_id, event.c.id, type_coerce(event.c.at, Text), event.c.kind,
                   event.c.status)
            .where(event.c.status.is_not(None))
            .order_by(event.c.pair_id, event.c.at, event.c.id)
        )
        for pair_id, event_id, at, kind, status in connection.execute(query):
            steps[pair_id].append(PairEvent(_moment(at), kind, status, id=event_id))
        pairs = tuple(
            Pair(pid, mentor, mentee, status, year, tuple(steps.get(pid, ())))
            for pid, mentor, mentee, status, year in connection.execute(
                select(pair.c.id, pair.c.mentor_signup_id, pair.c.mentee_signup_id,
                       pair.c.status, pair.c.program_year).order_by(pair.c.id)
            )
        )
    return ProgramData(signups, pairs, people, settings)


def program_report(
    db: Database, year: int | None = None, today: date | None = None
) -> tuple[ProgramData, YearlyReport]:
    """The data and the figures of ``year`` (default: the running one) and the year before."""
    data = load_program_data(db)
    return data, data.report(year, today or date.today())

