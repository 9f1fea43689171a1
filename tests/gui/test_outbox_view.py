"""The Outbox tab, the mail settings dialog and reminders, with a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from mail_server import PASSWORD, MailServer
from mail_support import Reports, make_ctx, pair_at, set_up_mail
from PySide6.QtCore import QSettings

from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.outbox_model import OutboxTableModel
from ams_desk.gui.mail.outbox_view import OutboxView
from ams_desk.gui.mail.password import PasswordKeeper
from ams_desk.gui.mail.preview import read_message
from ams_desk.gui.mail.settings_dialog import MailSettingsDialog
from ams_desk.mail import credentials
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.listing import outbox_entries
from ams_desk.mail.settings import get_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.outbox import get_message
from ams_desk.store.people import AddedSignup


@pytest.fixture
def server() -> Iterator[MailServer]:
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a computer without a keyring
    running = MailServer().start()
    yield running
    running.stop()
    credentials._session.clear()  # noqa: SLF001 - no password kept for the next test
    keyring.set_keyring(before)


@pytest.fixture
def ctx(db: Database, today: date, people: dict[str, AddedSignup],
        server: MailServer) -> AppContext:
    set_up_mail(db, server.port)
    for mentee in ("jose", "huong"):
        pair_at(db, people["eva"].signup_id, people[mentee].signup_id,
                PairStatus.MENTOR_AGREED, datetime(2026, 5, 10, 9, 0))
    return make_ctx(db, today, Reports())


@pytest.fixture
def outbox(qtbot: Any, ctx: AppContext, settings: QSettings) -> OutboxView:
    view = OutboxView(ctx)
    view.sending.qsettings = settings
    view.sending.passwords = PasswordKeeper(lambda _p, _a, _r: PASSWORD)
    qtbot.addWidget(view)
    view.show()
    for pair_id in (1, 2):
        ctx.ops.run("Queue", partial(mail_ops.queue, template_key="introduction_to_mentee",
                                     pair_id=pair_id, today=ctx.today))
    return view


def test_the_preview_is_the_stored_message(outbox: OutboxView, db: Database) -> None:
    assert outbox.model.rowCount() == 2 and outbox.title() == "Outbox  (2 queued)"
    outbox.select_ids([1])
    stored = get_message(db, 1)
    text = outbox.ui.previewText.toPlainText()
    assert f"Message-ID: {stored.message_id}" in text
    assert read_message(stored.raw).body in text
    outbox.ui.allHeadersCheck.setChecked(True)
    assert "Content-Transfer-Encoding: quoted-printable" in outbox.ui.previewText.toPlainText()


def test_edit_keeps_the_message_id_and_undo_puts_the_text_back(
    outbox: OutboxView, ctx: AppContext, db: Database
) -> None:
    before = get_message(db, 1)
    outbox.select_ids([1])
    dialog = outbox.edit_selected()
    assert dialog is not None
    dialog.ui.subjectEdit.setText("Your mentor: Eva")
    dialog._on_save()  # noqa: SLF001 - what Save does
    after = get_message(db, 1)
    assert after.subject == "Your mentor: Eva" and after.message_id == before.message_id
    assert read_message(after.raw).header("Subject") == "Your mentor: Eva"
    ctx.ops.undo_stack.undo()
    assert get_message(db, 1).raw == before.raw


def test_cancel_and_undo(outbox: OutboxView, ctx: AppContext, db: Database) -> None:
    outbox.select_ids([1, 2])
    outbox.cancel_action.trigger()
    assert {get_message(db, i).state for i in (1, 2)} == {OutboxState.CANCELLED}
    assert outbox.model.rowCount() == 0  # "Waiting to go" hides cancelled emails
    ctx.ops.undo_stack.undo()
    assert {get_message(db, i).state for i in (1, 2)} == {OutboxState.QUEUED}


def test_send_selected_with_progress(qtbot: Any, outbox: OutboxView, db: Database,
                                     server: MailServer) -> None:
    outbox.select_ids([2])
    with qtbot.waitSignal(outbox.sending.finished, timeout=30_000):
        outbox.send_selected_action.trigger()
        assert outbox.busy.isVisible() and not outbox.send_all_action.isEnabled()
    assert get_message(db, 2).state is OutboxState.SENT
    assert get_message(db, 1).state is OutboxState.QUEUED
    assert [r.message["Message-ID"] for r in server.received] == [get_message(db, 2).message_id]
    assert outbox.title() == "Outbox  (1 queued)"


def test_the_model_passes_the_model_tester(qtmodeltester: Any, outbox: OutboxView,
                                           db: Database) -> None:
    qtmodeltester.check(outbox.model, force_py=True)
    empty = OutboxTableModel()
    qtmodeltester.check(empty, force_py=True)
    empty.set_rows(outbox_entries(db))
    empty.set_states(None)
    assert empty.rowCount() == 2


def test_mail_settings_test_email_and_no_password_in_files(
    qtbot: Any, ctx: AppContext, settings: QSettings, server: MailServer, db_path: Path
) -> None:
    dialog = MailSettingsDialog(ctx, settings, PasswordKeeper(lambda *_a: None))
    qtbot.addWidget(dialog)
    dialog.ui.passwordEdit.setText(PASSWORD)
    dialog.ui.replyToEdit.setText("replies@ams.example")
    task = dialog.send_test()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.test_task is None, timeout=30_000)
    assert "Test email sent to team@ams.example" in dialog.ui.testLabel.text()
    assert server.received[-1].recipients == ["team@ams.example"]
    dialog._on_save()  # noqa: SLF001 - what Save does
    assert get_mail_settings(ctx.db).reply_to == "replies@ams.example"
    settings.sync()
    for path in (Path(settings.fileName()), db_path):
        assert PASSWORD.encode() not in path.read_bytes()
