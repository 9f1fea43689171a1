"""Operations that put emails together with the step they belong to, and outbox moves on many.

Recording *mentor agreed* queues the introduction; proposing drafts queues
the proposals; a new sign-up queues its confirmation (:func:`with_signup_email`).
:func:`with_emails` runs such a step and its queueing as one
operation (:mod:`ams_desk.store.changes`), so that one Undo takes both back —
the queued messages first (only while they are still queued: an email that
left cannot be called back), then the step. Redo records the step again and
queues the very same bytes with the same Message-IDs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any, TypeVar

from ams_desk.core.outbox import OutboxMoveError, OutboxState
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.outbox import queue_email, queue_many
from ams_desk.store import outbox as store_outbox
from ams_desk.store.changes import Op, Outcome
from ams_desk.store.database import Database
from ams_desk.store.outbox import NewMessage, OutboxMessage
from ams_desk.store.people import AddedSignup

T = TypeVar("T")

EmailRequest = tuple[str, int]
"""An email to queue with a step: (template key, pair id)."""


def _queue_all(db: Database, emails: Sequence[EmailRequest], today: date | None) -> list[
        OutboxMessage]:
    """Queue each email; all of them or, when one does not render, none."""
    by_template: dict[str, list[int]] = {}
    for key, pair_id in emails:
        by_template.setdefault(key, []).append(pair_id)
    queued: list[OutboxMessage] = []
    try:
        for key, pair_ids in by_template.items():
            queued += queue_many(db, key, pair_ids, today=today)
    except Exception:
        if queued:
            store_outbox.remove_queued_many(db, [m.id for m in queued])
        raise
    return queued


def with_emails(
    db: Database,
    step: Op[T],
    emails: Sequence[EmailRequest],
    *,
    today: date | None = None,
) -> Outcome[tuple[T, list[OutboxMessage]]]:
    """Run ``step``, then queue its emails: one operation, undone (and redone) as one.

    Args:
        step: The operation the emails come with (a pair step, proposing drafts).
        emails: (template key, pair id) of each email to queue after the step.

    Raises:
        Whatever ``step`` raises (nothing changed), or the queueing's error
        (``RenderError`` naming template, field and pair) after the step was
        taken back.
    """
    return _then_queue(db, step, lambda _value: _queue_all(db, emails, today))


def with_signup_email(
    db: Database, step: Op[AddedSignup], template_key: str,
) -> Outcome[tuple[AddedSignup, list[OutboxMessage]]]:
    """Store a sign-up (``step``), then queue ``template_key`` to its person: one operation.

    One Undo takes back the queued email and the sign-up; Redo stores the
    sign-up again with the same ids and queues the very same bytes.

    Raises:
        Whatever ``step`` raises (nothing changed), or the queueing's error
        after the sign-up was taken back.
    """
    return _then_queue(db, step, lambda added: [
        queue_email(db, template_key, signup_id=added.signup_id)])


def _then_queue(db: Database, step: Op[T], queue: Callable[[T], list[OutboxMessage]]
                ) -> Outcome[tuple[T, list[OutboxMessage]]]:
    outcome = step(db)
    try:
        messages = queue(outcome.value)
    except Exception:
        if outcome.undo is not None:
            outcome.undo(db)
        raise
    return _combined(outcome, messages)


def _combined(outcome: Outcome[T], messages: list[OutboxMessage]) -> Outcome[
        tuple[T, list[OutboxMessage]]]:
    undo = (partial(_take_back, messages=messages, step_undo=outcome.undo)
            if outcome.undo is not None else None)
    return Outcome((outcome.value, messages), outcome.changes | mail_ops.changes_of(messages),
                   undo)


def _contents(messages: Sequence[OutboxMessage]) -> list[NewMessage]:
    return [NewMessage(m.template_key, m.pair_id, m.signup_id, m.message_id, m.subject,
                       m.sender, m.to, m.cc, m.bcc, m.raw, m.person_ids) for m in messages]


def _take_back(db: Database, messages: list[OutboxMessage], step_undo: Op[Any]) -> Outcome[Any]:
    """Undo of :func:`with_emails`: the queued emails go, then the step is taken back.

    Raises:
        OutboxMoveError: An email was sent meanwhile (nothing changes).
    """
    if messages:
        store_outbox.remove_queued_many(db, [m.id for m in messages])
    contents = _contents(messages)
    try:
        inner = step_undo(db)
    except Exception:
        if contents:
            store_outbox.add_messages(db, contents, by=messages[0].queued_by)
        raise
    redo = partial(_do_again, step=inner.undo, contents=contents) if inner.undo else None
    return Outcome(inner.value, inner.changes | mail_ops.changes_of(messages), redo)


def _do_again(db: Database, step: Op[T], contents: list[NewMessage]) -> Outcome[
        tuple[T, list[OutboxMessage]]]:
    """Redo of :func:`with_emails`: the step again, and the same messages queued again."""
    from ams_desk.store.pairs import coordinator_name

    outcome = step(db)
    messages = store_outbox.add_messages(db, contents, by=coordinator_name()) if contents else []
    return _combined(outcome, messages)


# -- moves on several messages (one Undo for the lot) ----------------------------------------


def _each(db: Database, move: Callable[..., Outcome[Any]], outbox_ids: Sequence[int]) -> list[
        Outcome[Any]]:
    return [move(db, outbox_id=i) for i in outbox_ids]


def cancel(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """Cancel messages; undo queues again those that were queued.

    A failed or unconfirmed message may have reached someone (an unconfirmed
    one may well have): queueing it again by Undo could send it twice, so
    cancelling one of those is final.
    """
    before = [store_outbox.get_message(db, i).state for i in outbox_ids]
    outcomes = _each(db, mail_ops.cancel, outbox_ids)
    changes = mail_ops.changes_of_ids(db, outbox_ids)
    undoable = all(state is OutboxState.QUEUED for state in before)
    undo = partial(_uncancel, outbox_ids=list(outbox_ids)) if undoable and outcomes else None
    return Outcome(None, changes, undo)


def _uncancel(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    _each(db, mail_ops.requeue, outbox_ids)
    return Outcome(None, mail_ops.changes_of_ids(db, outbox_ids),
                   partial(cancel, outbox_ids=list(outbox_ids)))


def requeue(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """Retry failed messages, or queue unconfirmed ones again (same bytes, same Message-ID).

    Not undoable: the outbox never moves a message back to failed or unconfirmed.
    """
    for outbox_id in outbox_ids:
        state = store_outbox.get_message(db, outbox_id).state
        if state not in (OutboxState.FAILED, OutboxState.UNCONFIRMED):
            raise OutboxMoveError(f"Message {outbox_id} is {state.value}; only failed or "
                                  "unconfirmed emails are queued again.")
    _each(db, mail_ops.requeue, outbox_ids)
    return Outcome(None, mail_ops.changes_of_ids(db, outbox_ids), None)


def confirm_arrived(db: Database, outbox_ids: Sequence[int]) -> Outcome[None]:
    """The coordinator checked that unconfirmed messages arrived: they become sent."""
    _each(db, mail_ops.confirm_arrived, outbox_ids)
    return Outcome(None, mail_ops.changes_of_ids(db, outbox_ids), None)
