"""What the yearly report reads: every sign-up, every pair with its status steps, as plain values.

The figures themselves are :mod:`ams_desk.core.report`'s; this module only
reads (one unit of work) and hands them plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Text, select, type_coerce

from ams_desk.core.model import Pair, PairEvent, Role, Signup, SignupStatus
from ams_desk.core.report import YearlyReport, pair_steps, yearly_report
from ams_desk.core.workflow import PairStatus
from ams_desk.store.bulk import paused_gc
from ams_desk.store.database import Database
from ams_desk.store.rows import project_names, project_names_subquery, stored_day, stored_list
from ams_desk.store.schema import PairEventRow, PairRow, PersonRow, SignupRow
from ams_desk.store.settings import ProgramSettings, load_program_settings


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
        with paused_gc():
            return self._report(year, today)

    def _report(self, year: int | None, today: date) -> YearlyReport:
        return yearly_report(
            self.signups,
            self.pairs,
            year,
            today=today,
            start_month=self.settings.year_start_month,
            response_days=self.settings.mentor_response_days,
            steps=self.steps,
        )


_ROLE = {role.value: role for role in Role}
_SIGNUP_STATUS = {status.value: status for status in SignupStatus}


def _moment(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def load_program_data(db: Database) -> ProgramData:
    """Read what the report needs: sign-ups with their people, pairs with their status steps.

    One unit of work and two queries (sign-ups joined with their people; pairs joined with
    their status events), so the figures never mix two states of the program.
    """
    signup, person = SignupRow.__table__, PersonRow.__table__
    pair, event = PairRow.__table__, PairEventRow.__table__
    projects = project_names_subquery()
    signups_query = (
        select(signup.c.id, signup.c.person_id, signup.c.role,
               type_coerce(signup.c.signed_up, Text), signup.c.program_year, signup.c.status,
               type_coerce(signup.c.topics, Text), signup.c.capacity, person.c.name,
               person.c.email, person.c.position, person.c.department, projects.c.names)
        .join(person, person.c.id == signup.c.person_id)
        .outerjoin(projects, projects.c.person_id == signup.c.person_id)
        .order_by(signup.c.id)
    )  # fmt: skip
    pairs_query = (
        select(pair.c.id, pair.c.mentor_signup_id, pair.c.mentee_signup_id, pair.c.status,
               pair.c.program_year, event.c.id, type_coerce(event.c.at, Text), event.c.kind,
               event.c.status)
        .outerjoin(event, (event.c.pair_id == pair.c.id) & event.c.status.is_not(None))
        .order_by(pair.c.id, event.c.at, event.c.id)
    )  # fmt: skip
    people: dict[int, PersonBrief] = {}
    signups: list[Signup] = []
    pairs: list[Pair] = []
    with paused_gc(), db.session() as session:
        settings = load_program_settings(session)
        connection = session.connection()
        for (sid, pid, role, signed_up, year, status, topics, capacity, name, email, position,
             department, names) in connection.execute(signups_query):
            signups.append(Signup(sid, pid, _ROLE[role], stored_day(signed_up), year,
                                  _SIGNUP_STATUS[status], stored_list(topics),
                                  capacity=capacity))
            if pid not in people:
                people[pid] = PersonBrief(name, email, position, department,
                                          project_names(names))
        # One row per status event (or one without, for a pair with none), pair by pair.
        current: tuple[int, int, int, str, int] | None = None
        events: list[PairEvent] = []
        for pair_id, mentor, mentee, status, year, event_id, at, kind, step in connection.execute(
            pairs_query
        ):
            if current is None or current[0] != pair_id:
                if current is not None:
                    pairs.append(Pair(*current, tuple(events)))  # type: ignore[arg-type]
                current, events = (pair_id, mentor, mentee, status, year), []
            if event_id is not None:
                events.append(PairEvent(_moment(at), kind, step, id=event_id))
        if current is not None:
            pairs.append(Pair(*current, tuple(events)))  # type: ignore[arg-type]
        return ProgramData(tuple(signups), tuple(pairs), people, settings)


def program_report(
    db: Database, year: int | None = None, today: date | None = None
) -> tuple[ProgramData, YearlyReport]:
    """The data and the figures of ``year`` (default: the running one) and the year before."""
    data = load_program_data(db)
    return data, data.report(year, today or date.today())

