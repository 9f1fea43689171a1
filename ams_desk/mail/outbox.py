"""Previewing and queueing emails, and the coordinator's moves on queued ones.

Queueing renders the template once, builds the exact bytes with a fixed
Message-ID, checks them by re-parsing, and stores them with the
``email_queued`` event in one transaction. What the preview showed is what is
sent: the sender sends the stored bytes and never renders again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address

from sqlalchemy.orm import Session

from ams_desk.core.model import Person, Signup
from ams_desk.core.outbox import OutboxState
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.mail.fields import (
    MailContext,
    Recipient,
    pair_context,
    pair_contexts,
    person_signup_context,
    signup_context,
)
from ams_desk.mail.message import BuiltMessage, build_message
from ams_desk.mail.render import RenderedText, render
from ams_desk.mail.settings import MailSettings, load_mail_settings, make_address
from ams_desk.mail.templates import Template, get_template
from ams_desk.store.database import Database
from ams_desk.store.outbox import (
    NewMessage,
    OutboxMessage,
    add_message,
    add_message_rows,
    get_message,
    messages_in,
    move_message,
    remove_queued,
    replace_content,
)
from ams_desk.store.pairs import coordinator_name


class NotSetUpError(ValidationError):
    """Mail is not set up: no sender address (``ams-desk mail setup`` or Mail settings)."""


@dataclass(frozen=True, slots=True)
class Preview:
    """A template rendered for one pair or sign-up, exactly as it would be queued.

    Attributes:
        built: The message bytes and their headers (Message-ID included; queueing
            this preview keeps it).
        text: The rendered subject and body.
        person_ids: The people it is addressed to (their history lists it).
    """

    template: Template
    built: BuiltMessage
    text: RenderedText
    pair_id: int | None
    signup_id: int | None
    person_ids: tuple[int, ...]

    def new_message(self) -> NewMessage:
        return NewMessage(
            template_key=self.template.key, pair_id=self.pair_id, signup_id=self.signup_id,
            message_id=self.built.message_id, subject=self.built.subject,
            sender=self.built.sender, to=self.built.to, cc=self.built.cc, bcc=self.built.bcc,
            raw=self.built.raw, person_ids=self.person_ids,
        )


def _resolve(template: Template, roles: tuple[str, ...], context: MailContext,
             *, required: bool) -> list[Recipient]:
    found = [context.roles[r] for r in roles if r in context.roles]
    if required and not found:
        raise ValidationError(
            "to", f"Template “{template.name}” has nobody to write to for {context.what} "
                  f"(To: {', '.join(roles)})."
        )
    return found


def _address(recipient: Recipient, context: MailContext, template: Template) -> Address:
    try:
        return make_address(recipient.name, recipient.address, "to")
    except ValidationError as exc:
        raise ValidationError(
            "email", f"Template “{template.name}” for {context.what}: {recipient.name}'s "
                     f"address is unusable — {exc.message}"
        ) from None


def compose(
    template: Template,
    context: MailContext,
    settings: MailSettings,
    *,
    subject: str | None = None,
    body: str | None = None,
    message_id: str | None = None,
) -> Preview:
    """Render ``template`` for ``context`` and build its bytes (nothing is stored).

    Args:
        subject, body: The coordinator's edited text, used instead of rendering.
        message_id: Keep this Message-ID (an edit of a queued message).

    Raises:
        NotSetUpError: No sender address is set.
        RenderError: The template does not render for this pair or sign-up.
        ValidationError: Nobody to write to, or an address is unusable.
    """
    if not settings.from_address:
        raise NotSetUpError("from", "Mail is not set up: the team's From address is missing.")
    text = render(template, context.values, pair_id=context.pair_id,
                  signup_id=context.signup_id, what=context.what)
    if subject is not None or body is not None:
        text = RenderedText(subject if subject is not None else text.subject,
                            body if body is not None else text.body)
    to = _resolve(template, template.to_roles, context, required=True)
    to_keys = {r.address.casefold() for r in to}
    cc = [r for r in _resolve(template, template.cc_roles, context, required=False)
          if r.address.casefold() not in to_keys]
    bcc = ([make_address("", settings.bcc, "bcc")] if settings.bcc
           and settings.bcc.casefold() not in to_keys | {r.address.casefold() for r in cc}
           else [])
    built = build_message(
        sender=settings.sender,
        to=[_address(r, context, template) for r in to],
        cc=[_address(r, context, template) for r in cc],
        bcc=bcc,
        reply_to=make_address("", settings.reply_to, "reply-to") if settings.reply_to else None,
        subject=text.subject,
        body=text.body,
        message_id=message_id,
    )
    people = tuple(sorted({r.person_id for r in (*to, *cc) if r.person_id is not None}))
    return Preview(template, built, text, context.pair_id, context.signup_id, people)


def _context(session: Session, settings: MailSettings, pair_id: int | None,
             signup_id: int | None, today: date | None, coordinator: str) -> MailContext:
    if (pair_id is None) == (signup_id is None):
        raise ValueError("give a pair or a sign-up")
    if pair_id is not None:
        return pair_context(session, pair_id, settings, coordinator, today or date.today())
    assert signup_id is not None
    return signup_context(session, signup_id, settings, coordinator)


def preview_email(
    db: Database,
    template_key: str | Template,
    *,
    pair_id: int | None = None,
    signup_id: int | None = None,
    today: date | None = None,
    by: str | None = None,
) -> Preview:
    """Render a template for a pair or a sign-up, as :func:`queue_email` would (stores nothing).

    ``template_key`` may be a :class:`Template` being edited (the editor's live preview).

    Raises:
        NotFoundError: No such pair or sign-up.
        TemplateError: No such template.
        RenderError, ValidationError, NotSetUpError: See :func:`compose`.
    """
    template = (template_key if isinstance(template_key, Template)
                else get_template(db, template_key))
    with db.session() as session:
        settings = load_mail_settings(session)
        context = _context(session, settings, pair_id, signup_id, today,
                           by or coordinator_name())
        return compose(template, context, settings)


def preview_new_signup_email(
    db: Database, template_key: str, person: PersonInput, signup: SignupInput,
    *, by: str | None = None,
) -> Preview:
    """A sign-up email written for a sign-up being entered, before it is stored.

    The New sign-up dialog shows it; once the sign-up is stored, queueing
    renders it again for the stored sign-up (same text, a Message-ID of its own).

    Raises:
        TemplateError: No such template.
        RenderError, ValidationError, NotSetUpError: See :func:`compose`.
    """
    template = get_template(db, template_key)
    entered = Person(0, " ".join(person.name.split()), person.email.strip(), person.position,
                     person.department, tuple(person.projects))
    entered_signup = Signup(0, 0, signup.role, signup.signed_up, signup.program_year,
                            topics=tuple(signup.topics))
    with db.session() as session:
        settings = load_mail_settings(session)
    context = person_signup_context(entered, entered_signup, settings,
                                    by or coordinator_name(), stored=False)
    return compose(template, context, settings)


def queue_email(
    db: Database,
    template_key: str,
    *,
    pair_id: int | None = None,
    signup_id: int | None = None,
    today: date | None = None,
    by: str | None = None,
    subject: str | None = None,
    body: str | None = None,
) -> OutboxMessage:
    """Render, build, check and store one email as ``queued``, with its ``email_queued`` event.

    One transaction: a template that does not render stores nothing. Undo
    with :func:`unqueue_email`.

    Args:
        subject, body: The coordinator's edited text instead of the rendering.

    Raises:
        RenderError: Naming the template, the field and the pair (or sign-up).
        NotSetUpError, ValidationError, NotFoundError, TemplateError: See :func:`preview_email`.
    """
    template = get_template(db, template_key)
    by = by or coordinator_name()
    with db.session() as session:
        settings = load_mail_settings(session)
        context = _context(session, settings, pair_id, signup_id, today, by)
        preview = compose(template, context, settings, subject=subject, body=body)
        return messages_in(session, [add_message(session, preview.new_message(), by=by)])[0]


def queue_many(
    db: Database,
    template_key: str,
    pair_ids: list[int],
    *,
    today: date | None = None,
    by: str | None = None,
) -> list[OutboxMessage]:
    """Queue one template for several pairs in one transaction: all of them or none.

    Raises:
        RenderError: The first pair it does not render for (nothing is queued).
    """
    template = get_template(db, template_key)
    by = by or coordinator_name()
    with db.session() as session:
        settings = load_mail_settings(session)
        contexts = pair_contexts(session, pair_ids, settings, by, today or date.today())
        contents = [compose(template, contexts[p], settings).new_message() for p in pair_ids]
        return messages_in(session, add_message_rows(session, contents, by=by))


def unqueue_email(db: Database, outbox_id: int) -> None:
    """Undo a queueing: the message and its timeline event are removed (only while queued)."""
    remove_queued(db, outbox_id)


def edit_queued(
    db: Database, outbox_id: int, *, subject: str, body: str, by: str | None = None,
    today: date | None = None,
) -> NewMessage:
    """Replace a queued message's subject and body (same recipients, same Message-ID).

    Returns the previous content, which :func:`restore_content` puts back (undo).

    Raises:
        OutboxMoveError: The message is not queued any more.
    """
    message = get_message(db, outbox_id)
    template = get_template(db, message.template_key)
    with db.session() as session:
        settings = load_mail_settings(session)
        context = _context(session, settings, message.pair_id, message.signup_id, today,
                           by or coordinator_name())
        preview = compose(template, context, settings, subject=subject, body=body,
                          message_id=message.message_id)
    return replace_content(db, outbox_id, preview.new_message())


def restore_content(db: Database, outbox_id: int, content: NewMessage) -> NewMessage:
    """Put back content returned by :func:`edit_queued` (its undo); return what it replaced."""
    return replace_content(db, outbox_id, content)


def cancel_email(db: Database, outbox_id: int, *, by: str | None = None) -> OutboxState:
    """Cancel a queued (or failed, or unconfirmed) message; return its state before (undo)."""
    return move_message(db, outbox_id, OutboxState.CANCELLED, by=by or coordinator_name())


def requeue_email(db: Database, outbox_id: int, *, by: str | None = None) -> OutboxState:
    """Retry a failed message, or "send again" an unconfirmed one: back to ``queued``.

    The message keeps its bytes and Message-ID, so a recipient's mail program
    can tell a resend from a new email.
    """
    return move_message(db, outbox_id, OutboxState.QUEUED, by=by or coordinator_name(),
                        note="queued again by hand")


def confirm_arrived(db: Database, outbox_id: int, *, by: str | None = None) -> OutboxState:
    """The coordinator checked that an unconfirmed message arrived: it becomes ``sent``."""
    return move_message(db, outbox_id, OutboxState.SENT, by=by or coordinator_name(),
                        note="confirmed by the coordinator")
