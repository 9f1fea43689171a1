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


def _typed_new_signup(qtbot: Any, make_window: MakeWindow, db: Database, name: str,
                      email: str) -> tuple[MainWindow, SignupEditor]:
    """Mail set up, the main window, and a New sign-up dialog with a name and email typed."""
    set_up_mail(db)
    window = make_window()
    dialog = window.new_signup()
    _type(qtbot, dialog, name, email)
    return window, dialog


def test_an_unticked_box_adds_the_signup_alone(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    _window, dialog = _typed_new_signup(qtbot, make_window, db, "Kim Lee", "kim@ams.org")
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


def test_new_signup_with_its_email_fits_a_1024_by_768_screen(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    _window, dialog = _typed_new_signup(qtbot, make_window, db, "Zoë Ñúñez",
                                        "z.nunez@ams-institute.org")
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1000 and dialog.height() <= 720, dialog.size()
    offer = _offer(dialog)
    # Everything is readable at that size: the box's words whole, the email wrapped
    # to the panel (no sideways scrolling), its paragraphs unbroken by the template's
    # line ends, and the topics' names uncut.
    assert offer.check.width() >= offer.check.sizeHint().width()
    assert offer.browser.horizontalScrollBar().maximum() == 0
    assert "mentee for the AMS Mentorship Program (2026)." in offer.browser.toPlainText()
    topics = dialog.ui.topicsList
    assert topics.viewport().width() >= topics.sizeHintForColumn(0)
    for group in (dialog.ui.personGroup, dialog.ui.signupGroup, offer):
        assert group.geometry().right() < dialog.width(), group.objectName()


def test_the_edit_dialog_keeps_its_size_and_has_no_email(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    window, dialog = _typed_new_signup(qtbot, make_window, db, "Kim Lee", "kim@ams.org")
    dialog.ui.buttonBox.accepted.emit()
    view = window.views[Role.MENTEE]
    view.table.selectRow(0)
    editor = window.edit_selected()
    assert editor is not None and editor.extra is None
    # Its two columns at their own width, not the New sign-up's three.
    assert editor.ui.columnsLayout.count() == 2
    assert editor.width() < dialog.width()
