"""The mail work as operations (:mod:`ams_desk.store.changes`): each returns its inverse.

Queueing comes with a step: recording *mentor agreed* queues the
introduction, proposing drafts queues the proposals. :func:`with_emails`
runs such a step and its queueing as one operation, so that one Undo takes
both back — the queued messages first (only while they are still queued:
an email that left cannot be called back), then the step. Redo records the
step again and stores the very same bytes with the same Message-ID.

Sending is not an operation: it cannot be taken back (see :mod:`ams_desk.mail.send`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any, TypeVar

from ams_desk.core.outbox import OutboxMoveError, OutboxState
from ams_desk.mail import outbox as mail_outbox
from ams_desk.mail import templates as mail_templates
from ams_desk.mail.settings import MailSettings, save_mail_settings
from ams_desk.mail.templates import Template
from ams_desk.store.changes import Changes, Op, Outcome
from ams_desk.store.database import Database
from ams_desk.store.outbox import NewMessage, OutboxMessage, add_message, get_message
from ams_desk.store.pairs import coordinator_name

T = TypeVar("T")

MAIL_SETTINGS = "mail"
"""``Changes.settings`` entry: the mail settings (sender, server, pace)."""
MAIL_TEMPLATES = "mail_templates"
"""``Changes.settings`` entry: the email templates."""

EmailRequest = tuple[str, int]
"""An email to queue with a step: (template key, pair id)."""


# -- templates and settings ----------------------------------------------------------------


def _templates_changed() -> Changes:
    return Changes.of(settings=[MAIL_TEMPLATES])


def save_template(db: Database, template: Template) -> Outcome[Template | None]:
    """Store a template (an edit, or a new one of the team's); undo puts the previous one back.

    Raises:
        TemplateError: The template cannot be stored (the message names the field).
    """
    before = mail_templates.save_template(db, template)
    return Outcome(before, _templates_changed(),
                   partial(restore_template, key=template.key, stored=before, redo=template))


def restore_template(db: Database, key: str, stored: Template | None,
                     redo: Template) -> Outcome[None]:
    """Put back what the template ``key`` was before a save (``None``: nothing was stored)."""
    if stored is not None:
        mail_templates.save_template(db, stored)
    elif key in mail_templates.DEFAULT_KEYS:
        mail_templates.reset_template(db, key)
    else:
        mail_templates.delete_template(db, key)
    return Outcome(None, _templates_changed(), partial(save_template, template=redo))


def reset_template(db: Database, key: str) -> Outcome[Template | None]:
    """Go back to the shipped text of a standard template; undo restores the team's edit."""
    dropped = mail_templates.reset_template(db, key)
    undo = partial(save_template, template=dropped) if dropped is not None else None
    return Outcome(dropped, _templates_changed(), undo)


def delete_template(db: Database, key: str) -> Outcome[Template | None]:
    """Delete a template of the team's own; undo stores it again."""
    dropped = mail_templates.delete_template(db, key)
    undo = partial(save_template, template=dropped) if dropped is not None else None
    return Outcome(dropped, _templates_changed(), undo)


def save_settings(db: Database, settings: MailSettings) -> Outcome[MailSettings]:
    """Store the mail settings; undo stores the previous ones.

    Raises:
        ValidationError: A field is invalid (the message names it).
    """
    before = save_mail_settings(db, settings)
    return Outcome(before, Changes.of(settings=[MAIL_SETTINGS]),
                   partial(save_settings, settings=before))


# -- queueing ------------------------------------------------------------------------------


def _new_message(message: OutboxMessage) -> NewMessage:
    """What re-stores ``message`` exactly: its bytes, Message-ID and recipients."""
    return NewMessage(
        template_key=message.template_key, pair_id=message.pair_id,
        signup_id=message.signup_id, message_id=message.message_id, subject=message.subject,
        sender=message.sender, to=message.to, cc=message.cc, bcc=message.bcc, raw=message.raw,
        person_ids=message.person_ids,
    )


def _outbox_changes(messages: Sequence[OutboxMessage]) -> Changes:
    """The messages, and the pairs whose timelines show them."""
    return Changes.of(outbox=[m.id for m in messages],
                      pairs=[m.pair_id for m in messages if m.pair_id is not None])


def _queue_all(db: Database, emails: Sequence[EmailRequest], today: date | None) -> list[
        OutboxMessage]:
    """Queue each email; all of them or, when one does not render, none."""
    by_template: dict[str, list[int]] = {}
    for key, pair_id in emails:
        by_template.setdefault(key, []).append(pair_id)
    queued: list[OutboxMessage] = []
    try:
        for key, pair_ids in by_template.items():
            queued += mail_outbox.queue_many(db, key, pair_ids, today=today)
    except Exception:
        _remove(db, queued)
        raise
    return queued


def _remove(db: Database, messages: Sequence[OutboxMessage]) -> None:
    """Take queued messages out again; refuse (changing nothing) if one has left the queue."""
    for message in messages:
        state = get_message(db, message.id).state
        if state is not OutboxState.QUEUED:
            raise OutboxMoveError(
                f"The email “{message.subject}” to {', '.join(message.to)} is {state.value} "
                "now; its queueing cannot be taken back.")
    for message in messages:
        mail_outbox.unqueue_email(db, message.id)


def _restore(db: Database, news: Sequence[NewMessage]) -> list[OutboxMessage]:
    """Store messages again with their very bytes and Message-IDs (redo of a queueing)."""
    by = coordinator_name()
    with db.session() as session:
        ids = [add_message(session, new, by=by).id for new in news]
    return [get_message(db, i) for i in ids]


def queue(db: Database, template_key: str, *, pair_id: int | None = None,
          signup_id: int | None = None, today: date | None = None) -> Outcome[OutboxMessage]:
    """Queue one email (a reminder, a sign-up's email); undo removes it while it is queued.

    Raises:
        RenderError: The template does not render (naming template, field and pair).
        NotSetUpError: Mail is not set up.
    """
    message = mail_outbox.queue_email(db, template_key, pair_id=pair_id, signup_id=signup_id,
                                      today=today)
    return Outcome(message, _outbox_changes([message]),
                   partial(_unqueue_one, message=message))


def _unqueue_one(db: Database, message: OutboxMessage) -> Outcome[None]:
    _remove(db, [message])
    return Outcome(None, _outbox_changes([message]),
                   partial(_requeue_one, new=_new_message(message)))


def _requeue_one(db: Database, new: NewMessage) -> Outcome[OutboxMessage]:
    message = _restore(db, [new])[0]
    return Outcome(message, _outbox_changes([message]), partial(_unqueue_one, message=message))


def with_emails(
    db: Database,
    step: Op[T],
    emails: Sequence[EmailRequest] | Callable[[T], Sequence[EmailRequest]],
    *,
    today: date | None = None,
) -> Outcome[tuple[T, list[OutboxMessage]]]:
    """Run ``step``, then queue its emails: one operation, undone (and redone) as one.

    Args:
        step: The operation the emails come with (a pair step, proposing drafts).
        emails: (template key, pair id) of each email, or a function of the
            step's value giving them (proposing drafts gives the pairs).

    Raises:
        Whatever ``step`` raises (nothing changed), or the queueing's error
        (``RenderError`` naming template, field and pair) after the step was
        taken back.
    """
    outcome = step(db)
    wanted = emails(outcome.value) if callable(emails) else emails
    try:
        messages = _queue_all(db, wanted, today)
    except Exception:
        if outcome.undo is not None:
            outcome.undo(db)
        raise
    return _combined(outcome, messages)


def _combined(outcome: Outcome[T], messages: list[OutboxMessage]) -> Outcome[
        tuple[T, list[OutboxMessage]]]:
    undo = (partial(_take_back, messages=messages, step_undo=outcome.undo)
            if outcome.undo is not None else None)
    return Outcome((outcome.value, messages), outcome.changes | _outbox_changes(messages), undo)


def _take_back(db: Database, messages: list[OutboxMessage], step_undo: Op[Any]) -> Outcome[Any]:
    """Undo of :func:`with_emails`: the queued emails go, then the step is taken back."""
    _remove(db, messages)
    news = [_new_message(m) for m in messages]
    try:
        inner = step_undo(db)
    except Exception:
        _restore(db, news)
        raise
    redo = partial(_do_again, step=inner.undo, news=news) if inner.undo is not None else None
    return Outcome(inner.value, inner.changes | _outbox_changes(messages), redo)


def _do_again(db: Database, step: Op[T], news: list[NewMessage]) -> Outcome[
        tuple[T, list[OutboxMessage]]]:
    """Redo of :func:`with_emails`: the step again, and the same messages stored again."""
    outcome = step(db)
    messages = _restore(db, news)
    return _combined(outcome, messages)


# -- the coordinator's moves on queued messages ----------------------------------------------


def edit(db: Database, outbox_id: int, *, subject: str, body: str,
         today: date | None = None) -> Outcome[NewMessage]:
    """Change a queued message's subject and body (same recipients and Message-ID); undoable.

    Raises:
        OutboxMoveError: The message is not queued any more.
    """
    old = mail_outbox.edit_queued(db, outbox_id, subject=subject, body=body, today=today)
    message = get_message(db, outbox_id)
    return Outcome(old, _outbox_changes([message]),
                   partial(_put_content, outbox_id=outbox_id, content=old))


def _put_content(db: Database, outbox_id: int, content: NewMessage) -> Outcome[NewMessage]:
    replaced = mail_outbox.restore_content(db, outbox_id, content)
    message = get_message(db, outbox_id)
    return Outcome(replaced, _outbox_changes([message]),
                   partial(_put_content, outbox_id=outbox_id, content=replaced))


def cancel(db: Database, outbox_ids: Sequence[int]) -> Outcome[dict[int, OutboxState]]:
    """Cancel messages; undo queues again those that were queued (never an unconfirmed one).

    An unconfirmed message may have arrived: putting it back in the queue by
    Undo could send it twice, so its cancelling is final.
    """
    before = {i: mail_outbox.cancel_email(db, i) for i in outbox_ids}
    messages = [get_message(db, i) for i in outbox_ids]
    back = [i for i, state in before.items() if state is OutboxState.QUEUED]
    undo = partial(_uncancel, outbox_ids=back) if back and len(back) == len(before) else None
    return Outcome(before, _outbox_changes(messages), undo)


def _uncancel(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    for outbox_id in outbox_ids:
        mail_outbox.requeue_email(db, outbox_id)
    messages = [get_message(db, i) for i in outbox_ids]
    return Outcome(None, _outbox_changes(messages), partial(cancel, outbox_ids=list(outbox_ids)))


def requeue(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """Retry failed messages, or send unconfirmed ones again (same bytes, same Message-ID)."""
    for outbox_id in outbox_ids:
        mail_outbox.requeue_email(db, outbox_id)
    return Outcome(None, _outbox_changes([get_message(db, i) for i in outbox_ids]), None)


def confirm_arrived(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """The coordinator checked that unconfirmed messages arrived: they become sent."""
    for outbox_id in outbox_ids:
        mail_outbox.confirm_arrived(db, outbox_id)
    return Outcome(None, _outbox_changes([get_message(db, i) for i in outbox_ids]), None)
