"""Read-only views over pairs for the Pairs table, the attention list and people's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ams_desk.core.attention import AttentionItem, attention_items
from ams_desk.core.model import Pair, Person, Role, Signup
from ams_desk.core.workflow import Deadline, PairStatus, deadlines
from ams_desk.store.database import Database
from ams_desk.store.pairs import _pair
from ams_desk.store.people import NotFoundError, _person, _signup
from ams_desk.store.schema import PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings


@dataclass(frozen=True, slots=True)
class PairListRow:
    """One line of the Pairs table."""

    pair: Pair
    mentor_name: str
    mentee_name: str
    mentor_email: str
    mentee_email: str
    mentor_person_id: int
    mentee_person_id: int
    deadlines: tuple[Deadline, ...]

    @property
    def status(self) -> PairStatus:
        return PairStatus(self.pair.status)

    @property
    def since(self) -> date:
        """The day of the pair's latest step."""
        steps = [e.at for e in self.pair.events if e.status]
        return max(steps).date() if steps else date.min

    def open_deadline(self) -> Deadline | None:
        """The deadline still running or missed, if any."""
        open_ = [d for d in self.deadlines if d.met_on is None]
        return open_[-1] if open_ else None


def _rows(session: Session, where: object = None) -> list[PairListRow]:
    settings = load_program_settings(session).deadlines
    mentor_signup = aliased(SignupRow)
    mentee_signup = aliased(SignupRow)
    mentor = aliased(PersonRow)
    mentee = aliased(PersonRow)
    query = (
        select(PairRow, mentor.name, mentee.name, mentor.email, mentee.email, mentor.id,
               mentee.id)
        .join(mentor_signup, mentor_signup.id == PairRow.mentor_signup_id)
        .join(mentee_signup, mentee_signup.id == PairRow.mentee_signup_id)
        .join(mentor, mentor.id == mentor_signup.person_id)
        .join(mentee, mentee.id == mentee_signup.person_id)
        .order_by(PairRow.id)
    )
    if where is not None:
        query = query.where(where)  # type: ignore[arg-type]
    rows = []
    for pair_row, *names in session.execute(query):
        pair = _pair(pair_row)
        rows.append(PairListRow(pair, *names, tuple(deadlines(pair.events, settings))))
    return rows


def list_pair_rows(db: Database) -> list[PairListRow]:
    """Every pair with its people's names and its derived deadlines."""
    with db.session() as session:
        return _rows(session)


def get_pair_row(db: Database, pair_id: int) -> PairListRow:
    with db.session() as session:
        found = _rows(session, PairRow.id == pair_id)
        if not found:
            raise NotFoundError(f"pair {pair_id} does not exist")
        return found[0]


def attention_list(db: Database, today: date) -> list[AttentionItem]:
    """What needs the team's action on ``today`` (see :func:`core.attention.attention_items`)."""
    with db.session() as session:
        settings = load_program_settings(session)
        pairs = [_pair(p) for p in session.scalars(
            # Only these statuses wait for a step that has a deadline.
            select(PairRow).where(PairRow.status.in_(
                [PairStatus.PROPOSED, PairStatus.FIRST_CONTACT, PairStatus.MET]
            )))]
        signups = [_signup(s) for s in session.scalars(
            select(SignupRow).where(SignupRow.role == Role.MENTEE.value,
                                    SignupRow.status == "open"))]
        return attention_items(pairs, signups, today=today, settings=settings.deadlines,
                               waiting_days=settings.waiting_alert_days)


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """A person's sign-ups and pairs across program years."""

    person: Person
    signups: tuple[Signup, ...]
    pairs: tuple[PairListRow, ...]

    def summary(self) -> str:
        """E.g. “Mentored twice before, declined once; mentee once.”"""
        as_mentor = [r for r in self.pairs if r.mentor_person_id == self.person.id]
        as_mentee = [r for r in self.pairs if r.mentee_person_id == self.person.id]
        parts = []
        mentored = [r for r in as_mentor if r.status not in
                    (PairStatus.DRAFT, PairStatus.MENTOR_DECLINED, PairStatus.CANCELLED,
                     PairStatus.PROPOSED)]
        declined = [r for r in as_mentor if r.status is PairStatus.MENTOR_DECLINED]
        if mentored:
            parts.append(f"mentored {_times(len(mentored))}")
        if declined:
            parts.append(f"declined {_times(len(declined))}")
        if as_mentee:
            parts.append(f"mentee {_times(len(as_mentee))}")
        years = sorted({s.program_year for s in self.signups})
        signed = f"Signed up {_times(len(self.signups))}"
        if years:
            signed += f" ({', '.join(map(str, years))})"
        return "; ".join([signed, *parts]).capitalize() + "."


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def person_history(db: Database, person_id: int) -> PersonHistory:
    """All sign-ups and pairs of a person, oldest first."""
    with db.session() as session:
        person = session.get(PersonRow, person_id)
        if person is None:
            raise NotFoundError(f"person {person_id} does not exist")
        signups = [_signup(s) for s in session.scalars(
            select(SignupRow).where(SignupRow.person_id == person_id)
            .order_by(SignupRow.signed_up, SignupRow.id))]
        ids = [s.id for s in signups]
        pairs = _rows(session, PairRow.mentor_signup_id.in_(ids) | PairRow.mentee_signup_id.in_(ids))
        return PersonHistory(_person(person), tuple(signups), tuple(pairs))
