"""The import wizard offers the sign-up confirmation to each new sign-up; Undo takes them back."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from mail_server import PASSWORD, MailServer
from mail_support import set_up_mail

from ams_desk.gui.importing import ImportWizard
from ams_desk.gui.mail.settings_dialog import MailSettingsDialog
from ams_desk.gui.main_window import MainWindow
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import MailSettings, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.database import Database
from ams_desk.store.outbox import list_outbox
from ams_desk.store.people import list_signups

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
MakeWindow = Callable[[], MainWindow]


def _to_preview(qtbot: Any, window: MainWindow, sample: str) -> ImportWizard:
    wizard = window.import_signups()
    wizard.file_page.path_edit.setText(str(SAMPLES / sample))
    for page in (wizard.mapping_page, wizard.preview_page):
        wizard.next()
        qtbot.waitUntil(lambda p=page: wizard.currentPage() is p, timeout=20_000)
    return wizard


def _import(qtbot: Any, wizard: ImportWizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=20_000)


def test_the_confirmations_are_queued_with_the_import_and_undone_with_it(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    set_up_mail(db)
    window = make_window()
    wizard = _to_preview(qtbot, window, "microsoft-forms-export.xlsx")
    n = wizard.preview.counts.signups_created  # type: ignore[union-attr]
    choice = wizard.preview_page.confirmation
    assert n > 20 and choice.check.isEnabled() and choice.check.isChecked()
    assert choice.check.text() == f"&Queue the sign-up confirmation to the {n} new sign-ups"
    assert "none to the rows updated or unchanged" in choice.note.text()
    _import(qtbot, wizard)
    assert f"{n} sign-up confirmations queued" in wizard.result_page.summary_label.text()
    signups = list_signups(db)
    queued = list_outbox(db)
    assert sorted(m.signup_id or 0 for m in queued) == sorted(s.signup_id for s in signups)
    assert {m.template_key for m in queued} == {"signup_received"}
    assert all(m.to == (s.email,) for m, s in zip(
        sorted(queued, key=lambda m: m.signup_id or 0), sorted(signups, key=lambda s: s.signup_id),
        strict=True))
    assert window.tabs.tabText(window.tabs.indexOf(window.outbox)) == f"Outbox  ({n} queued)"
    wizard.accept()

    # One Undo: the import and its confirmations; Redo brings both back.
    assert window.undo_stack.undoText() == "Import microsoft-forms-export.xlsx"
    window.undo_action.trigger()
    assert list_outbox(db) == [] and list_signups(db) == []
    window.redo_action.trigger()
    assert len(list_outbox(db)) == n and len(list_signups(db)) == n

    # The same file again: no new sign-up, nothing to offer, nothing queued.
    again = _to_preview(qtbot, window, "microsoft-forms-export.xlsx")
    choice = again.preview_page.confirmation
    assert not choice.check.isEnabled() and not choice.check.isChecked()
    assert "No new sign-ups" in choice.check.text()
    _import(qtbot, again)
    assert len(list_outbox(db)) == n


def test_without_mail_set_up_the_box_explains_and_links_to_the_settings(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    save_mail_settings(db, MailSettings())
    window = make_window()
    wizard = _to_preview(qtbot, window, "google-forms-export.csv")
    choice = wizard.preview_page.confirmation
    assert not choice.check.isEnabled() and not choice.check.isChecked()
    assert "Mail is not set up" in choice.note.text() and "href='settings'" in choice.note.text()
    with qtbot.waitSignal(wizard.mail_settings_requested, timeout=1_000):
        choice.note.linkActivated.emit("settings")
    qtbot.waitUntil(lambda: any(isinstance(w, MailSettingsDialog) and w.isVisible()
                                for w in window.findChildren(MailSettingsDialog)))
    # Saved from there (one operation): the box can be ticked now, and is by default.
    window.ops.run("Change mail settings", partial(
        mail_ops.save_settings, settings=set_up_mail(db)))
    assert choice.check.isEnabled() and choice.check.isChecked()
    choice.check.click()  # the coordinator's choice wins
    assert not choice.wanted()
    _import(qtbot, wizard)
    assert list_signups(db) and list_outbox(db) == []
    assert "confirmation" not in wizard.result_page.summary_label.text()


def test_undo_keeps_a_confirmation_already_sent_and_says_so(
    qtbot: Any, make_window: MakeWindow, db: Database, server: MailServer,
) -> None:
    settings = set_up_mail(db, port=server.port)
    window = make_window()
    wizard = _to_preview(qtbot, window, "google-forms-export.csv")
    _import(qtbot, wizard)
    wizard.accept()
    first, *others = list_outbox(db)
    report = send_outbox(db, SmtpBridge(settings, password=lambda: PASSWORD), settings,
                         ids=[first.id])
    assert report.sent == [first.id] and len(server.received) == 1

    window.undo_action.trigger()
    assert [(m.id, m.state.value) for m in list_outbox(db)] == [(first.id, "sent")]
    assert list_signups(db) == []
    shown = window.statusBar().currentMessage()
    assert "1 sign-up confirmation was already sent" in shown and "kept" in shown
    window.redo_action.trigger()  # made again: the one who has it is not written to twice
    queued = [m for m in list_outbox(db) if m.state.value == "queued"]
    assert len(queued) == len(others) and first.to[0] not in {m.to[0] for m in queued}


def test_with_a_sender_but_no_server_the_box_starts_clear_and_can_be_ticked(
    qtbot: Any, make_window: MakeWindow, db: Database,
) -> None:
    save_mail_settings(db, MailSettings(from_name="AMS Mentorship Team",
                                        from_address="team@ams.example"))
    window = make_window()
    wizard = _to_preview(qtbot, window, "excel-dutch-semicolon.csv")
    choice = wizard.preview_page.confirmation
    assert choice.check.isEnabled() and not choice.check.isChecked()
    assert "No mail server is set up yet" in choice.note.text()
    choice.check.click()
    _import(qtbot, wizard)
    assert len(list_outbox(db)) == len(list_signups(db)) > 0
