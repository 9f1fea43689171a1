"""The mail operations: each runs one mail service and returns an :class:`Outcome`.

Like :mod:`ams_desk.store.ops` (which cannot import mail: it is a layer
below), each operation lists what it touched and returns the operation that
takes it back — queueing is undone by removing the message, which redo puts
back with the same bytes and Message-ID. Sending is long work, not an
operation: run :func:`ams_desk.mail.sending.send_outbox` off the GUI thread
and announce :func:`changes_of` its report's messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import partial

from ams_desk.core.outbox import OutboxState
from ams_desk.mail import outbox as mail_outbox
from ams_desk.mail.settings import MailSettings, save_mail_settings
from ams_desk.mail.templates import (
    DEFAULT_KEYS,
    Template,
    delete_template,
    get_template,
    reset_template,
    save_template,
)
from ams_desk.store import outbox as store_outbox
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.outbox import NewMessage, OutboxMessage
from ams_desk.store.pairs import coordinator_name

MAIL_SETTINGS = "mail"
"""``Changes.settings`` entry: the mail settings (server, sender, throttle)."""
MAIL_TEMPLATES = "mail_templates"
"""``Changes.settings`` entry: a template was edited, reset, added or deleted."""


def changes_of(messages: Iterable[OutboxMessage]) -> Changes:
    """The outbox rows, their pairs (timelines) and their people (histories)."""
    listed = list(messages)
    return Changes.of(
        outbox=[m.id for m in listed],
        pairs=[m.pair_id for m in listed if m.pair_id is not None],
        people=[p for m in listed for p in m.person_ids],
    )


def changes_of_ids(db: Database, outbox_ids: Sequence[int]) -> Changes:
    """:func:`changes_of` for messages known by id (after a send)."""
    wanted = set(outbox_ids)
    return changes_of(m for m in store_outbox.list_outbox(db) if m.id in wanted)


def queue(
    db: Database, template_key: str, *, pair_id: int | None = None,
    signup_id: int | None = None, subject: str | None = None, body: str | None = None,
    today: date | None = None,
) -> Outcome[OutboxMessage]:
    """Queue one email (see :func:`ams_desk.mail.outbox.queue_email`); undo removes it."""
    message = mail_outbox.queue_email(db, template_key, pair_id=pair_id, signup_id=signup_id,
                                      subject=subject, body=body, today=today)
    return Outcome(message, changes_of([message]), partial(unqueue, outbox_ids=[message.id]))


def queue_many(db: Database, template_key: str, pair_ids: Sequence[int], *,
               today: date | None = None) -> Outcome[list[OutboxMessage]]:
    """Queue one template for several pairs, all or none; undo removes them all."""
    messages = mail_outbox.queue_many(db, template_key, list(pair_ids), today=today)
    return Outcome(messages, changes_of(messages),
                   partial(unqueue, outbox_ids=[m.id for m in messages]))


def unqueue(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """Take queued messages back; redo queues the very same bytes and Message-IDs again.

    Raises:
        OutboxMoveError: A message was sent (or is being sent) meanwhile; nothing changes.
    """
    removed = [store_outbox.get_message(db, i) for i in outbox_ids]
    store_outbox.remove_queued_many(db, outbox_ids)
    contents = [_content(m) for m in removed]
    return Outcome(None, changes_of(removed), partial(requeue_contents, contents=contents))


def _content(message: OutboxMessage) -> NewMessage:
    return NewMessage(message.template_key, message.pair_id, message.signup_id,
                      message.message_id, message.subject, message.sender, message.to,
                      message.cc, message.bcc, message.raw, message.person_ids)


def requeue_contents(db: Database, contents: Sequence[NewMessage]) -> Outcome[list[OutboxMessage]]:
    """Redo of :func:`unqueue`: the same messages queued again; undo removes them."""
    messages = store_outbox.add_messages(db, contents, by=coordinator_name())
    return Outcome(messages, changes_of(messages),
                   partial(unqueue, outbox_ids=[m.id for m in messages]))


def edit(db: Database, outbox_id: int, *, subject: str, body: str) -> Outcome[OutboxMessage]:
    """Change a queued message's subject and body (same Message-ID); undo puts the old text back."""
    old = mail_outbox.edit_queued(db, outbox_id, subject=subject, body=body)
    message = store_outbox.get_message(db, outbox_id)
    return Outcome(message, changes_of([message]),
                   partial(restore, outbox_id=outbox_id, content=old))


def restore(db: Database, outbox_id: int, content: NewMessage) -> Outcome[OutboxMessage]:
    """Put back a queued message's earlier content; undo restores the content it replaced."""
    replaced = mail_outbox.restore_content(db, outbox_id, content)
    message = store_outbox.get_message(db, outbox_id)
    return Outcome(message, changes_of([message]),
                   partial(restore, outbox_id=outbox_id, content=replaced))


def cancel(db: Database, outbox_id: int) -> Outcome[OutboxState]:
    """Cancel a message (queued, failed or unconfirmed); undo queues it again."""
    before = mail_outbox.cancel_email(db, outbox_id)
    message = store_outbox.get_message(db, outbox_id)
    return Outcome(before, changes_of([message]), partial(requeue, outbox_id=outbox_id))


def requeue(db: Database, outbox_id: int) -> Outcome[OutboxState]:
    """Retry a failed message or send an unconfirmed one again (same bytes and Message-ID).

    Undo cancels it (the outbox never moves a message back to failed or unconfirmed).
    """
    before = mail_outbox.requeue_email(db, outbox_id)
    message = store_outbox.get_message(db, outbox_id)
    return Outcome(before, changes_of([message]), partial(cancel, outbox_id=outbox_id))


def confirm_arrived(db: Database, outbox_id: int) -> Outcome[OutboxState]:
    """The coordinator saw an unconfirmed message arrive: it is sent (cannot be undone)."""
    before = mail_outbox.confirm_arrived(db, outbox_id)
    return Outcome(before, changes_of([store_outbox.get_message(db, outbox_id)]), None)


def save(
    db: Database, template: Template, *, base_version: int | None = None
) -> Outcome[Template | None]:
    """Store an edited or new template; undo stores the version before (or resets/deletes).

    ``base_version``: the version the editor was opened on; if someone saved the
    template since, nothing is stored (:class:`EditConflict`). The undo is
    refused likewise once someone saved it again.
    """
    before = save_template(db, template, base_version=base_version)
    if before is not None:
        saved = get_template(db, template.key).version
        undo = partial(save, template=before, base_version=saved)
    elif template.key in DEFAULT_KEYS:
        undo = partial(reset, key=template.key)
    else:
        undo = partial(delete, key=template.key)
    return Outcome(before, Changes.of(settings=[MAIL_TEMPLATES]), undo)


def reset(db: Database, key: str) -> Outcome[Template | None]:
    """Back to the shipped default; undo stores the edit again."""
    dropped = reset_template(db, key)
    undo = partial(save, template=dropped) if dropped is not None else None
    return Outcome(dropped, Changes.of(settings=[MAIL_TEMPLATES]), undo)


def delete(db: Database, key: str) -> Outcome[Template | None]:
    """Delete a template of the team's own; undo stores it again."""
    dropped = delete_template(db, key)
    undo = partial(save, template=dropped) if dropped is not None else None
    return Outcome(dropped, Changes.of(settings=[MAIL_TEMPLATES]), undo)


def save_settings(db: Database, settings: MailSettings) -> Outcome[MailSettings]:
    """Store the mail settings; undo stores the previous ones."""
    before = save_mail_settings(db, settings)
    undo = partial(save_settings, settings=before) if before != settings else None
    return Outcome(before, Changes.of(settings=[MAIL_SETTINGS]), undo)
