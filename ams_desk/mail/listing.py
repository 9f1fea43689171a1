"""Read-only lists for the mail windows: the outbox with whom each email is about, the pairs a
template can be previewed on, a pair's field values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ams_desk.core.model import PairEvent
from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import STATUS_LABELS, DeadlineKind, PairStatus, deadlines
from ams_desk.mail.fields import pair_context
from ams_desk.mail.outbox import Preview, compose
from ams_desk.mail.settings import load_mail_settings
from ams_desk.mail.templates import get_template, list_templates
from ams_desk.store.database import Database
from ams_desk.store.outbox import OutboxMessage, list_outbox
from ams_desk.store.pair_rows import list_pair_rows
from ams_desk.store.pairs import coordinator_name
from ams_desk.store.schema import PairRow, PersonRow, SignupRow
from ams_desk.store.settings import load_program_settings

MAX_CHOICES = 2000
"""The preview offers the most recent pairs only: a combo box of 100,000 pairs is no help."""


@dataclass(frozen=True, slots=True)
class PairChoice:
    """A pair the preview can be shown for."""

    pair_id: int
    names: str
    status: PairStatus
    year: int

    @property
    def title(self) -> str:
        """``Mentor → Mentee  ·  status, year``."""
        return f"{self.names}  ·  {STATUS_LABELS[self.status].lower()}, {self.year}"

    @property
    def what(self) -> str:
        """How error messages name the pair: ``pair 12 (Mentor → Mentee)``."""
        return f"pair {self.pair_id} ({self.names})"


def pair_choices(db: Database, limit: int = MAX_CHOICES) -> list[PairChoice]:
    """The pairs past the draft stage, the most recent first (at most ``limit``)."""
    rows = [r for r in list_pair_rows(db) if r.status is not PairStatus.DRAFT]
    rows.sort(key=lambda r: r.pair.id, reverse=True)
    return [
        PairChoice(r.pair.id, f"{r.mentor_name} → {r.mentee_name}", r.status,
                   r.pair.program_year)
        for r in rows[:limit]
    ]


def pair_field_values(db: Database, pair_id: int, today: date) -> dict[str, Any]:
    """The fields a template written for ``pair_id`` can use, with their values.

    Raises:
        NotFoundError: There is no such pair.
    """
    with db.session() as session:
        settings = load_mail_settings(session)
        return pair_context(session, pair_id, settings, coordinator_name(), today).values


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A message of the outbox with what the Outbox tab shows beside it.

    Attributes:
        about: The pair (``Mentor → Mentee``) or the person of a sign-up email.
        template_name: The template's name (its key if it was deleted since).
    """

    message: OutboxMessage
    about: str
    template_name: str

    @property
    def state(self) -> OutboxState:
        return self.message.state


def outbox_entries(db: Database, states: list[OutboxState] | None = None, *,
                   person_id: int | None = None) -> list[OutboxEntry]:
    """The outbox, oldest first, each message with its pair's names and its template's name.

    Args:
        person_id: Only the emails addressed to this person (their history).
    """
    messages = list_outbox(db, states=states, person_id=person_id)
    names = {t.key: t.name for t in list_templates(db)}
    pair_ids = sorted({m.pair_id for m in messages if m.pair_id is not None})
    signup_ids = sorted({m.signup_id for m in messages if m.signup_id is not None})
    pairs: dict[int, str] = {}
    people: dict[int, str] = {}
    mentor, mentee = aliased(SignupRow), aliased(SignupRow)
    mentor_person, mentee_person = aliased(PersonRow), aliased(PersonRow)
    with db.session() as session:
        for start in range(0, len(pair_ids), 500):
            chunk = pair_ids[start:start + 500]
            query = (
                select(PairRow.id, mentor_person.name, mentee_person.name)
                .join(mentor, mentor.id == PairRow.mentor_signup_id)
                .join(mentee, mentee.id == PairRow.mentee_signup_id)
                .join(mentor_person, mentor_person.id == mentor.person_id)
                .join(mentee_person, mentee_person.id == mentee.person_id)
                .where(PairRow.id.in_(chunk))
            )
            pairs.update({i: f"{a} → {b}" for i, a, b in session.execute(query)})
        for start in range(0, len(signup_ids), 500):
            chunk = signup_ids[start:start + 500]
            query = (select(SignupRow.id, PersonRow.name, SignupRow.role)
                     .join(PersonRow, PersonRow.id == SignupRow.person_id)
                     .where(SignupRow.id.in_(chunk)))
            people.update({i: f"{name} ({role} sign-up)" for i, name, role in
                           session.execute(query)})
    entries = []
    for message in messages:
        if message.pair_id is not None:
            about = pairs.get(message.pair_id, f"pair {message.pair_id}")
        elif message.signup_id is not None:
            about = people.get(message.signup_id, f"sign-up {message.signup_id}")
        else:
            about = ""
        entries.append(OutboxEntry(message, about,
                                   names.get(message.template_key, message.template_key)))
    return entries


def preview_as_proposed(db: Database, template_key: str, pair_id: int, today: date) -> Preview:
    """A draft's email written as if the pair were proposed now (the board's Propose review).

    A draft has no proposal date or answer deadline yet; the review shows
    the proposal email before proposing, so those fields are filled in as
    proposing today would make them (the deadline by the program's rule).
    The email that is queued is written after the real step.

    Raises:
        RenderError, ValidationError, NotSetUpError: As :func:`preview_email`.
    """
    template = get_template(db, template_key)
    now = datetime.combine(today, datetime.now().time()).replace(microsecond=0)
    with db.session() as session:
        settings = load_mail_settings(session)
        context = pair_context(session, pair_id, settings, coordinator_name(), today)
        program = load_program_settings(session)
    step = PairEvent(at=now, kind="status", status=PairStatus.PROPOSED)
    pair = dict(context.values["pair"])
    pair["status"] = STATUS_LABELS[PairStatus.PROPOSED]
    pair["proposed_on"] = today.isoformat()
    for deadline in deadlines((step,), program.deadlines):
        if deadline.kind is DeadlineKind.PROPOSAL_ANSWER:
            pair["answer_due"] = deadline.due.isoformat()
            pair["answer_days_left"] = deadline.days_left(today)
    values = {**context.values, "pair": pair}
    return compose(template, replace(context, values=values), settings)
