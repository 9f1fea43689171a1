"""Mail operations: what they change, and undo/redo through their inverses."""

from __future__ import annotations

import pytest
from mail_helpers import Cast, mail_settings

from ams_desk.core.outbox import OutboxMoveError, OutboxState
from ams_desk.mail import ops
from ams_desk.mail.settings import get_mail_settings
from ams_desk.mail.templates import Template, get_template, list_templates
from ams_desk.store.database import Database
from ams_desk.store.outbox import claim, get_message, list_outbox
from ams_desk.store.pairs import get_pair


def _kinds(db: Database, pair_id: int) -> list[str]:
    return [e.kind for e in get_pair(db, pair_id).events if e.kind.startswith("email_")]


def test_queue_undo_redo_keeps_bytes_and_message_id(db: Database, cast: Cast) -> None:
    outcome = ops.queue(db, "proposal_to_mentor", pair_id=cast.pair_id)
    message = outcome.value
    assert outcome.changes.outbox == {message.id}
    assert outcome.changes.pairs == {cast.pair_id}
    assert outcome.changes.people == {cast.mentor.person_id}
    assert outcome.undo is not None
    undone = outcome.undo(db)
    assert list_outbox(db) == [] and _kinds(db, cast.pair_id) == []
    assert undone.undo is not None
    redone = undone.undo(db)
    (again,) = redone.value
    assert (again.raw, again.message_id) == (message.raw, message.message_id)
    assert _kinds(db, cast.pair_id) == ["email_queued"]
    claim(db, again.id)
    assert redone.undo is not None
    with pytest.raises(OutboxMoveError, match="cannot be taken back"):
        redone.undo(db)
    assert get_message(db, again.id).state is OutboxState.SENDING


def test_edit_cancel_and_their_undo(db: Database, cast: Cast) -> None:
    message = ops.queue(db, "proposal_to_mentor", pair_id=cast.pair_id).value
    edited = ops.edit(db, message.id, subject="Short question", body="Would you?\n")
    assert edited.value.subject == "Short question"
    assert edited.undo is not None
    back = edited.undo(db)
    assert back.value.raw == message.raw
    assert back.undo is not None and back.undo(db).value.subject == "Short question"
    cancelled = ops.cancel(db, message.id)
    assert get_message(db, message.id).state is OutboxState.CANCELLED
    assert cancelled.undo is not None
    cancelled.undo(db)
    assert get_message(db, message.id).state is OutboxState.QUEUED


def test_template_and_settings_operations_undo(db: Database, cast: Cast) -> None:
    shipped = get_template(db, "closing_thanks")
    edited = Template("closing_thanks", "Thanks", "Thank you!", "Bye\n", ("mentor",))
    outcome = ops.save(db, edited)
    assert outcome.changes.settings == {ops.MAIL_TEMPLATES}
    assert outcome.undo is not None
    outcome.undo(db)
    assert get_template(db, "closing_thanks") == shipped
    own = Template("welcome", "Welcome", "Hi", "Hi\n", ("mentee",))
    added = ops.save(db, own)
    assert added.undo is not None
    added.undo(db)
    assert "welcome" not in {t.key for t in list_templates(db)}
    before = get_mail_settings(db)
    changed = ops.save_settings(db, mail_settings(per_hour=10))
    assert changed.changes.settings == {ops.MAIL_SETTINGS}
    assert changed.undo is not None
    changed.undo(db)
    assert get_mail_settings(db) == before
