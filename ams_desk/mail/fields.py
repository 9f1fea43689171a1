"""The fields templates can use, read from the store as plain dicts.

A field is present only when it has a value: ``pair.response_due`` exists
once the mentee made first contact. A template that uses a field its pair
does not have yet is refused (see :mod:`ams_desk.mail.render`), rather than
sending an email with a gap in it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ams_desk.core.model import PairEvent, Person, Role, Signup
from ams_desk.core.workflow import (
    STATUS_LABELS,
    DeadlineKind,
    DeadlineSettings,
    PairStatus,
    deadlines,
)
from ams_desk.mail.settings import MailSettings
from ams_desk.store.rows import NotFoundError, chunks, event_of, person_of, signup_of
from ams_desk.store.schema import PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """One field of the editor's field list."""

    name: str
    description: str
    when: str = "always"


_PERSON = (
    ("name", "full name"),
    ("first_name", "first name (the first word of the name)"),
    ("email", "email address"),
    ("position", "position"),
    ("department", "department"),
    ("projects", "projects, comma-separated"),
    ("topics", "topics of the sign-up, comma-separated"),
)

FIELDS: tuple[FieldInfo, ...] = (
    *(FieldInfo(f"mentor.{n}", f"the mentor's {d}", "pair emails") for n, d in _PERSON),
    *(FieldInfo(f"mentee.{n}", f"the mentee's {d}", "pair emails") for n, d in _PERSON),
    *(FieldInfo(f"person.{n}", f"the person's {d}", "sign-up emails") for n, d in _PERSON),
    FieldInfo("signup.role", "mentor or mentee", "sign-up emails"),
    FieldInfo("signup.date", "the day of the sign-up (YYYY-MM-DD)", "sign-up emails"),
    FieldInfo("pair.id", "the pair's number", "pair emails"),
    FieldInfo("pair.status", "the pair's status, in words", "pair emails"),
    FieldInfo("pair.program_year", "the pair's program year", "pair emails"),
    FieldInfo("pair.proposed_on", "the day the mentee was proposed", "once proposed"),
    FieldInfo("pair.answer_due", "the day the mentor's answer is due", "once proposed"),
    FieldInfo("pair.answer_days_left", "days left for the mentor's answer (negative: late)",
              "until the mentor answers"),
    FieldInfo("pair.first_contact_on", "the day of the mentee's first contact",
              "after first contact"),
    FieldInfo("pair.questions", "the mentee's questions", "after first contact"),
    FieldInfo("pair.response_due", "the day the mentor's response is due (21 days)",
              "after first contact"),
    FieldInfo("pair.response_days_left", "days left for the mentor's response",
              "until the mentor responds"),
    FieldInfo("pair.meeting_date", "the day of the meeting", "once a meeting is planned"),
    FieldInfo("pair.meeting_place", "where they meet (place or link)",
              "once a meeting is planned"),
    FieldInfo("pair.evaluation_due", "the day the evaluation is due", "after the meeting"),
    FieldInfo("pair.evaluation_days_left", "days left for the evaluation", "until evaluated"),
    FieldInfo("program.team_name", "the team's name (the sender's name)"),
    FieldInfo("program.team_address", "the team's email address"),
    FieldInfo("program.year", "the program year"),
    FieldInfo("coordinator.name", "the coordinator sending the email"),
)
"""Every field a template can use, for the template editor."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """A person (or the team) a template's role resolves to."""

    name: str
    address: str
    person_id: int | None = None


@dataclass(frozen=True)
class MailContext:
    """What a template is rendered with, and who its roles are.

    Attributes:
        values: The plain-dict context (``mentor``, ``mentee``, ``pair``, ...).
        roles: ``mentor``/``mentee``/``team`` → the recipient it stands for.
        pair_id: The pair, for pair emails.
        signup_id: The sign-up, for sign-up emails.
        what: How messages name the pair or sign-up (``pair 12 (Ann Lee → Bo Chen)``).
    """

    values: dict[str, Any]
    roles: dict[str, Recipient] = field(default_factory=dict)
    pair_id: int | None = None
    signup_id: int | None = None
    what: str = ""


def first_name(name: str) -> str:
    """The first word of a name (``Ana María López`` → ``Ana``)."""
    words = name.split()
    return words[0] if words else name


def _person_fields(person: Person, signup: Signup) -> dict[str, Any]:
    return {
        "name": person.name,
        "first_name": first_name(person.name),
        "email": person.email,
        "position": person.position,
        "department": person.department,
        "projects": ", ".join(person.projects),
        "topics": ", ".join(signup.topics),
    }


def _people(session: Session, signup_id: int) -> tuple[Person, Signup]:
    row = session.get(SignupRow, signup_id)
    if row is None:
        raise NotFoundError(f"sign-up {signup_id} does not exist")
    person = session.get(PersonRow, row.person_id)
    assert person is not None
    return person_of(person), signup_of(row)


def _load_people(session: Session, signup_ids: Collection[int]) -> dict[int, tuple[Person, Signup]]:
    """The sign-ups ``signup_ids`` with their people, in two queries per chunk."""
    signups = [signup_of(row) for chunk in chunks(sorted(set(signup_ids)))
               for row in session.scalars(select(SignupRow).where(SignupRow.id.in_(chunk)))]
    person_ids = sorted({s.person_id for s in signups})
    people = {row.id: person_of(row) for chunk in chunks(person_ids)
              for row in session.scalars(select(PersonRow).where(PersonRow.id.in_(chunk))
                                         .options(selectinload(PersonRow.projects)))}
    return {s.id: (people[s.person_id], s) for s in signups}


def _common(settings: MailSettings, year: int, coordinator: str) -> dict[str, Any]:
    return {
        "program": {"team_name": settings.from_name, "team_address": settings.from_address,
                    "year": year},
        "coordinator": {"name": coordinator},
    }


def _team(settings: MailSettings) -> dict[str, Recipient]:
    if not settings.from_address:
        return {}
    return {"team": Recipient(settings.from_name, settings.from_address)}


def signup_context(
    session: Session, signup_id: int, settings: MailSettings, coordinator: str
) -> MailContext:
    """The context of a sign-up email: the person is ``person`` and also ``mentor``/``mentee``."""
    person, signup = _people(session, signup_id)
    return person_signup_context(person, signup, settings, coordinator)


def signup_contexts(
    session: Session, signup_ids: Sequence[int], settings: MailSettings, coordinator: str
) -> dict[int, MailContext]:
    """:func:`signup_context` of several sign-ups, read in a few queries (a batch of emails).

    Raises:
        NotFoundError: Naming the first of ``signup_ids`` that does not exist.
    """
    people = _load_people(session, signup_ids)
    for signup_id in signup_ids:
        if signup_id not in people:
            raise NotFoundError(f"sign-up {signup_id} does not exist")
    return {i: person_signup_context(*people[i], settings, coordinator) for i in signup_ids}


def person_signup_context(
    person: Person, signup: Signup, settings: MailSettings, coordinator: str,
    *, stored: bool = True,
) -> MailContext:
    """:func:`signup_context` of a person and sign-up given whole.

    Args:
        stored: ``False`` for a sign-up being entered (the New sign-up dialog's
            preview): it has no id yet, so ``signup.id`` is left out.
    """
    fields = _person_fields(person, signup)
    signup_values: dict[str, Any] = {"role": signup.role.value,
                                     "date": signup.signed_up.isoformat()}
    if stored:
        signup_values["id"] = signup.id
    values = {
        "person": fields,
        signup.role.value: fields,
        "signup": signup_values,
        **_common(settings, signup.program_year, coordinator),
    }
    roles = {signup.role.value: Recipient(person.name, person.email,
                                          person.id if stored else None), **_team(settings)}
    what = (f"sign-up {signup.id} ({person.name}, {signup.role.value})" if stored
            else f"the new sign-up of {person.name or 'this person'}")
    return MailContext(values, roles, signup_id=signup.id if stored else None, what=what)


def pair_context(
    session: Session, pair_id: int, settings: MailSettings, coordinator: str, today: date
) -> MailContext:
    """The context of a pair email: both people, the pair's steps and deadlines, the program."""
    return pair_contexts(session, [pair_id], settings, coordinator, today)[pair_id]


def pair_contexts(
    session: Session, pair_ids: Sequence[int], settings: MailSettings, coordinator: str,
    today: date,
) -> dict[int, MailContext]:
    """:func:`pair_context` of several pairs, read in a few queries (a batch of emails).

    The pairs, their timelines, sign-ups and people are read together, and what
    every email shares (the program, the coordinator, each person's fields) is
    built once.

    Raises:
        NotFoundError: Naming the first of ``pair_ids`` that does not exist.
    """
    rows: dict[int, PairRow] = {}
    for chunk in chunks(sorted(set(pair_ids))):
        query = select(PairRow).where(PairRow.id.in_(chunk)).options(selectinload(PairRow.events))
        rows.update((row.id, row) for row in session.scalars(query))
    for pair_id in pair_ids:
        if pair_id not in rows:
            raise NotFoundError(f"pair {pair_id} does not exist")
    people = _load_people(session, {i for r in rows.values()
                                    for i in (r.mentor_signup_id, r.mentee_signup_id)})
    rules = load_program_settings(session).deadlines
    fields = {signup_id: _person_fields(person, signup)
              for signup_id, (person, signup) in people.items()}
    common = {year: _common(settings, year, coordinator)
              for year in {r.program_year for r in rows.values()}}
    team = _team(settings)
    contexts = {}
    for pair_id, pair in rows.items():
        mentor = people[pair.mentor_signup_id][0]
        mentee = people[pair.mentee_signup_id][0]
        values = {
            "mentor": fields[pair.mentor_signup_id],
            "mentee": fields[pair.mentee_signup_id],
            "pair": _pair_fields(pair, rules, today),
            **common[pair.program_year],
        }
        roles = {
            Role.MENTOR.value: Recipient(mentor.name, mentor.email, mentor.id),
            Role.MENTEE.value: Recipient(mentee.name, mentee.email, mentee.id),
            **team,
        }
        contexts[pair_id] = MailContext(values, roles, pair_id=pair_id,
                                        what=f"pair {pair_id} ({mentor.name} → {mentee.name})")
    return contexts


def _pair_fields(pair: PairRow, rules: DeadlineSettings, today: date) -> dict[str, Any]:
    """The ``pair`` fields: its steps so far, and its deadlines with the days left."""
    values_pair: dict[str, Any] = {
        "id": pair.id,
        "status": STATUS_LABELS[PairStatus(pair.status)],
        "program_year": pair.program_year,
    }
    events = [event_of(e) for e in pair.events]
    reached: dict[str, PairEvent] = {}
    for event in events:
        if event.status and event.status not in reached:
            reached[event.status] = event
    if PairStatus.PROPOSED.value in reached:
        values_pair["proposed_on"] = reached[PairStatus.PROPOSED.value].at.date().isoformat()
    if PairStatus.FIRST_CONTACT.value in reached:
        step = reached[PairStatus.FIRST_CONTACT.value]
        values_pair["first_contact_on"] = step.at.date().isoformat()
        if step.details and step.details.get("questions"):
            values_pair["questions"] = step.details["questions"]
    for status in (PairStatus.MEETING_PLANNED.value, PairStatus.MET.value):
        details = reached[status].details if status in reached else None
        if details:
            if details.get("meeting_date"):
                values_pair["meeting_date"] = details["meeting_date"]
            place = details.get("place") or details.get("link")
            if place:
                values_pair["meeting_place"] = place
    if PairStatus.MET.value in reached and "meeting_date" not in values_pair:
        values_pair["meeting_date"] = reached[PairStatus.MET.value].at.date().isoformat()
    names = {DeadlineKind.PROPOSAL_ANSWER: "answer", DeadlineKind.MENTOR_RESPONSE: "response",
             DeadlineKind.EVALUATION: "evaluation"}
    for deadline in deadlines(events, rules):
        name = names[deadline.kind]
        values_pair[f"{name}_due"] = deadline.due.isoformat()
        if deadline.met_on is None:
            values_pair[f"{name}_days_left"] = deadline.days_left(today)
    return values_pair
