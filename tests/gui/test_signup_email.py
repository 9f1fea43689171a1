"""A new sign-up offers its confirmation email, as a step offers its own (DESIGN.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from typing import Any

from mail_support import set_up_mail

from ams_desk.core.model import Role
from ams_desk.gui.mail.offer import EmailOffer
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.mail.settings import MailSettings, save_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.outbox import list_outbox
from ams_desk.store.people import list_signups

MakeWindow = Callable[[], MainWindow]


def _offer(dialog: SignupEditor) -> EmailOffer:
    assert isinstance(dialog.extra, EmailOffer)
    return dialog.extra


def _type(qtbot: Any, dialog: SignupEditor, name: str, email: str) -> None:
    """Type name and email; the preview is written again once typing pauses."""
    with qtbot.waitSignal(dialog.values_edited, timeout=5_000):
        dialog.ui.nameEdit.setText(name)
        dialog.ui.emailEdit.setText(email)
        dialog.ui.positionCombo.setCurrentText("PhD candidate")


def test_new_signup_offers_its_email_queued_in_the_same_undo_step(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    set_up_mail(db)
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    dialog = window.new_signup()
    offer = _offer(dialog)
    assert offer.template_key == "signup_received"
    assert not offer.wanted()  # nothing to write to yet
    assert "once a name and an email address" in offer.browser.toPlainText()

    _type(qtbot, dialog, "Zoë Ñúñez", "zoe@ams.org")
    assert offer.wanted() and offer.check.isChecked()  # ticked by default
    shown = offer.browser.toPlainText()
    assert "Dear Zoë," in shown and "zoe@ams.org" in shown
    assert "as a mentee" in shown and "(2026)" in shown
    assert "with this sign-up" in offer.check.text()

    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    [signup] = [s for s in list_signups(db) if s.email == "zoe@ams.org"]
    [message] = list_outbox(db)
    assert (message.template_key, message.signup_id, message.to) == (
        "signup_received", signup.signup_id, ("zoe@ams.org",))
    parsed = message_from_bytes(message.raw, policy=policy.default)
    assert parsed["To"] == "Zoë Ñúñez <zoe@ams.org>"
    assert "Dear Zoë," in parsed.get_body(("plain",)).get_content()
    assert window.tabs.tabText(window.tabs.indexOf(window.outbox)) == "Outbox  (1 queued)"
    assert window.undo_stack.undoText() == "Add Zoë Ñúñez"

    # One Undo takes back the sign-up and its email; Redo brings back the very same email.
    window.undo_action.trigger()
    assert list_outbox(db) == [] and not any(s.email == "zoe@ams.org" for s in list_signups(db))
    window.redo_action.trigger()
    [again] = list_outbox(db)
    assert (again.message_id, again.raw, again.signup_id) == (
        message.message_id, message.raw, signup.signup_id)


def test_an_unticked_box_adds_the_signup_alone(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    set_up_mail(db)
    window = make_window()
    dialog = window.new_signup()
    _type(qtbot, dialog, "Kim Lee", "kim@ams.org")
    _offer(dialog).check.setChecked(False)
    _type(qtbot, dialog, "Kim Lee-Park", "kim@ams.org")  # rewritten: the box stays clear
    assert not _offer(dialog).wanted()
    dialog.ui.buttonBox.accepted.emit()
    assert [s.name for s in list_signups(db)] == ["Kim Lee-Park"] and list_outbox(db) == []


def test_without_mail_settings_the_signup_is_added_and_the_settings_offered(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    save_mail_settings(db, MailSettings())
    window = make_window()
    dialog = window.new_signup()
    _type(qtbot, dialog, "Kim Lee", "kim@ams.org")
    offer = _offer(dialog)
    assert not offer.wanted() and not offer.check.isEnabled()
    assert "From address is missing" in offer.browser.toPlainText()
    assert "Open the mail settings" in offer.note.text()
    with qtbot.waitSignal(window.views[Role.MENTEE].mail_settings_requested, timeout=1_000):
        offer.note.linkActivated.emit("settings")
    dialog.ui.buttonBox.accepted.emit()
    assert [s.name for s in list_signups(db)] == ["Kim Lee"] and list_outbox(db) == []
