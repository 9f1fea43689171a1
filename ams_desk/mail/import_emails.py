"""The sign-up confirmation of every new sign-up of an import, queued in one batch.

An import commits first; :func:`queue_import_confirmations` then queues one
``signup_received`` email per sign-up that import created (none for the rows
it updated or left unchanged), all in one transaction. Undoing the import
removes those still queued (:func:`ams_desk.store.import_runs.undo_last_import`),
so the import and its emails are one step to take back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ams_desk.core.step_emails import SIGNUP_EMAIL
from ams_desk.mail.fields import signup_contexts
from ams_desk.mail.outbox import compose
from ams_desk.mail.settings import load_mail_settings
from ams_desk.mail.templates import get_template
from ams_desk.store.database import Database
from ams_desk.store.import_runs import created_signups
from ams_desk.store.outbox import OutboxMessage, add_message_rows, messages_in
from ams_desk.store.pairs import coordinator_name

PROGRESS_EVERY = 25
"""Emails written between two progress reports."""


def queue_import_confirmations(
    db: Database,
    run_id: int,
    *,
    skip: Collection[str] = (),
    progress: Callable[[int, int | None], None] | None = None,
    template_key: str = SIGNUP_EMAIL,
    by: str | None = None,
) -> list[OutboxMessage]:
    """Queue the confirmation to each sign-up import ``run_id`` created: all of them or none.

    Args:
        run_id: The import (its record, :mod:`ams_desk.store.import_runs`).
        skip: Addresses (any case) not to write to: those whose confirmation
            of this import was sent before the import was undone and made again.
        progress: Optional ``progress(done, total)`` in emails written (building
            and checking each message's bytes takes a few milliseconds).
        template_key: The email to queue.
        by: Who queues them (the coordinator's name by default).

    Returns:
        The queued messages, in the order the import wrote the sign-ups.

    Raises:
        NotSetUpError: Mail is not set up (nothing queued).
        RenderError, ValidationError: The first sign-up the template does not
            render for, or whose address is unusable (nothing queued).
    """
    template = get_template(db, template_key)
    by = by or coordinator_name()
    skipped = {a.casefold() for a in skip}
    with db.session() as session:
        settings = load_mail_settings(session)
        signup_ids = created_signups(session, run_id)
        contexts = signup_contexts(session, signup_ids, settings, by)
        contents = []
        for done, signup_id in enumerate(signup_ids, 1):
            content = compose(template, contexts[signup_id], settings).new_message()
            if not {a.casefold() for a in content.to} & skipped:
                contents.append(content)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(signup_ids)):
                progress(done, len(signup_ids))
        return messages_in(session, add_message_rows(session, contents, by=by))
