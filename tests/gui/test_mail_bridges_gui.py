"""Microsoft 365 sign-in (XOAUTH2) and Outlook, chosen in Mail settings and sent from the Outbox.

Microsoft's sign-in is a stand-in for ``msal.PublicClientApplication`` and
Outlook a stand-in COM object (pywin32's modules), the two mocks the tests
allow; the SMTP server is a real aiosmtpd with an XOAUTH2 handler. Also:
a connection lost after the final dot leaves the email unconfirmed, and the
Outbox offers "It arrived" and "Send again".
"""

from __future__ import annotations

import sys
import threading
import types
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import pytest
from mail_server import USER, MailServer
from mail_support import set_up_mail
from outlook_stand_in import FakeCom, FakeOutlook
from PySide6.QtCore import QSettings

from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.mail import sending as gui_sending
from ams_desk.gui.mail.preferences import SendVia, load_preferences
from ams_desk.gui.mail.settings_dialog import MailSettingsDialog
from ams_desk.gui.main_window import MainWindow
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.oauth import SCOPES
from ams_desk.mail.outlook import OutlookMode
from ams_desk.mail.settings import AuthMethod, Security, get_mail_settings
from ams_desk.store.database import Database
from ams_desk.store.outbox import get_message, list_outbox
from ams_desk.store.pair_rows import list_pair_rows
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup

TODAY = date(2026, 6, 1)
pytestmark = pytest.mark.usefixtures("no_kept_password")


@pytest.fixture
def window(qtbot: Any, db: Database, settings: QSettings, people: dict[str, AddedSignup],
           warnings: list[str]) -> MainWindow:
    for mentor, mentee in (("lukasz", "ayse"), ("eva", "jose")):
        create_pair(db, people[mentor].signup_id, people[mentee].signup_id,
                    status=PairStatus.PROPOSED, at=datetime(2026, 5, 20, 9, 0))
    made = MainWindow(db, today=TODAY, settings=settings)
    qtbot.addWidget(made)
    made.window_asked: list[str] = []  # type: ignore[attr-defined]
    made.mail.passwords.asker = lambda _p, _a, reason: made.window_asked.append(  # type: ignore[attr-defined]
        reason)
    made.show()
    return made


def _queue_reminders(window: MainWindow) -> list[int]:
    """A proposal reminder for each proposed pair, queued as the Remind… action does."""
    ids = []
    for row in list_pair_rows(window.db):
        message = window.ops.run("Queue", partial(
            mail_ops.queue, template_key="proposal_reminder_to_mentor", pair_id=row.pair.id,
            today=TODAY))
        ids.append(message.id)
    return ids


def _send_all(qtbot: Any, window: MainWindow) -> Any:
    """Send all queued from the Outbox; wait until every run (and any re-run) is over."""
    sending = window.outbox.sending
    window.tabs.setCurrentWidget(window.outbox)
    reports: list[str] = []
    sending.finished.connect(reports.append)
    window.outbox.send_all_action.trigger()
    qtbot.waitUntil(lambda: bool(reports) and not sending.busy, timeout=30_000)
    return sending.last_report


def _settings_dialog(window: MainWindow) -> MailSettingsDialog:
    dialog = window.mail.edit_settings()
    ui = dialog.ui
    ui.fromEdit.setText(f"AMS Mentorship Team <{USER}>")
    return dialog


# -- Microsoft 365 sign-in -----------------------------------------------------------------


class FakeMsalApp:
    """Stands in for ``msal.PublicClientApplication`` (Microsoft sign-in is not reachable).

    The class keeps the accounts, as msal's token cache does between runs; each
    interactive sign-in (the browser) hands out ``next_token``.
    """

    made: ClassVar[list[tuple[str, str]]] = []
    calls: ClassVar[list[tuple[str, str]]] = []
    accounts: ClassVar[dict[str, str]] = {}
    next_token: ClassVar[str] = "token-1"

    def __init__(self, client_id: str, *, authority: str, token_cache: Any = None) -> None:
        self.made.append((client_id, authority))

    def get_accounts(self, username: str | None = None) -> list[dict[str, Any]]:
        return [{"username": u} for u in self.accounts if username in (None, u)]

    def acquire_token_silent(self, scopes: list[str], account: dict[str, Any] | None
                             ) -> dict[str, Any] | None:
        self.calls.append(("silent", threading.current_thread().name))
        if account is None or account["username"] not in self.accounts:
            return None
        return {"access_token": self.accounts[account["username"]]}

    def acquire_token_interactive(self, scopes: list[str], **kwargs: Any) -> dict[str, Any]:
        assert scopes == SCOPES and kwargs["login_hint"] == USER
        self.calls.append(("browser", threading.current_thread().name))
        self.accounts[USER] = self.next_token
        return {"access_token": self.next_token}

    def remove_account(self, account: dict[str, Any]) -> None:
        self.calls.append(("forget", account["username"]))
        self.accounts.pop(account["username"], None)


@pytest.fixture
def msal_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> type[FakeMsalApp]:
    import msal

    FakeMsalApp.made, FakeMsalApp.calls, FakeMsalApp.accounts = [], [], {}
    FakeMsalApp.next_token = "token-1"
    monkeypatch.setattr(msal, "PublicClientApplication", FakeMsalApp)
    # The token cache goes to the data folder: a temporary one here.
    monkeypatch.setattr(gui_sending, "default_data_dir", lambda: tmp_path)
    return FakeMsalApp


def test_microsoft_sign_in_from_the_settings_dialog_and_the_outbox(
    qtbot: Any, window: MainWindow, server: MailServer, db: Database,
    msal_app: type[FakeMsalApp], warnings: list[str],
) -> None:
    server.handler.tokens.add("token-1")
    dialog = _settings_dialog(window)
    ui = dialog.ui
    ui.bridgeCombo.setCurrentIndex(ui.bridgeCombo.findData(SendVia.SMTP))
    ui.hostEdit.setText("127.0.0.1")
    ui.securityCombo.setCurrentIndex(ui.securityCombo.findData(Security.NONE))
    ui.portSpin.setValue(server.port)
    ui.authCombo.setCurrentIndex(ui.authCombo.findData(AuthMethod.XOAUTH2))
    ui.userEdit.setText(USER)
    ui.clientIdEdit.setText("00000000-aaaa-bbbb-cccc-000000000001")
    ui.tenantEdit.setText("ams.example")
    assert ui.clientIdEdit.isVisibleTo(dialog) and not ui.passwordEdit.isVisibleTo(dialog)

    # "Send a test email to me": the browser sign-in, then XOAUTH2 at the server.
    assert dialog.send_test() is not None
    qtbot.waitUntil(lambda: dialog.test_task is None, timeout=30_000)
    assert "Test email sent to team@ams.example" in ui.testLabel.text()
    assert server.handler.logins == ["xoauth2:token-1"]
    assert msal_app.made == [("00000000-aaaa-bbbb-cccc-000000000001",
                              "https://login.microsoftonline.com/ams.example")]
    assert [c for c, _t in msal_app.calls] == ["browser"]
    assert msal_app.calls[0][1] != "MainThread"  # the sign-in never blocks the window
    dialog._on_save()  # noqa: SLF001 - what Save does
    stored = get_mail_settings(db)
    assert (stored.auth, stored.user, stored.oauth_client_id, stored.oauth_tenant) == (
        AuthMethod.XOAUTH2, USER, "00000000-aaaa-bbbb-cccc-000000000001", "ams.example")

    # The Outbox sends with the cached account: no browser, no password.
    ids = _queue_reminders(window)
    assert len(ids) == 2
    report = _send_all(qtbot, window)
    assert report.sent == ids and warnings == [] and window.window_asked == []  # type: ignore[attr-defined]
    assert [c for c, _t in msal_app.calls] == ["browser", "silent"]

    # The token is revoked: the server refuses it (535), the run stops, the account is
    # dropped and the coordinator signs in again; the rest is sent, nothing twice.
    server.handler.tokens = {"token-2"}
    msal_app.next_token = "token-2"
    more = _queue_reminders(window)
    report = _send_all(qtbot, window)
    assert report.sent == more
    assert [c for c, _t in msal_app.calls][2:] == ["silent", "forget", "browser"]
    assert server.handler.logins[-1] == "xoauth2:token-2"
    arrived = [r.message["Message-ID"] for r in server.received]
    assert sorted(arrived) == sorted(
        [get_message(db, i).message_id for i in ids + more] + arrived[:1])  # + the test email
    assert [m.state for m in list_outbox(db)] == [OutboxState.SENT] * 4


# -- Outlook --------------------------------------------------------------------------------


@dataclass
class Outlook:
    """The stand-in Outlook the last run reached, and pythoncom's COM calls."""

    made: list[FakeOutlook] = field(default_factory=list)
    com: FakeCom = field(default_factory=FakeCom)

    @property
    def log(self) -> list[tuple[str, Any]]:
        return self.made[-1].log


@pytest.fixture
def outlook(monkeypatch: pytest.MonkeyPatch) -> Outlook:
    """pywin32's modules as a Windows computer with classic Outlook has them."""
    stand_in = Outlook()

    def dispatch(name: str) -> FakeOutlook:
        if name != "Outlook.Application":
            raise OSError("Invalid class string")
        stand_in.made.append(FakeOutlook())
        return stand_in.made[-1]

    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = stand_in.com.CoInitialize  # type: ignore[attr-defined]
    pythoncom.CoUninitialize = stand_in.com.CoUninitialize  # type: ignore[attr-defined]
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.dynamic = types.SimpleNamespace(Dispatch=dispatch)  # type: ignore[attr-defined]
    win32com.client = client  # type: ignore[attr-defined]
    for name, module in (("pythoncom", pythoncom), ("win32com", win32com),
                         ("win32com.client", client)):
        monkeypatch.setitem(sys.modules, name, module)
    return stand_in


def test_outlook_chosen_in_mail_settings_sends_from_the_outbox(
    qtbot: Any, window: MainWindow, db: Database, settings: QSettings,
    outlook: Outlook, warnings: list[str],
) -> None:
    set_up_mail(db)
    dialog = _settings_dialog(window)
    ui = dialog.ui
    ui.bridgeCombo.setCurrentIndex(ui.bridgeCombo.findData(SendVia.OUTLOOK))
    assert ui.bridgeStack.currentWidget() is ui.outlookPage
    assert not ui.testButton.isEnabled()  # the test email is the server's
    ui.outlookModeCombo.setCurrentIndex(ui.outlookModeCombo.findData(OutlookMode.SEND))
    ui.onBehalfEdit.setText("mentoring@ams.example")
    dialog._on_save()  # noqa: SLF001 - what Save does
    assert load_preferences(settings).via is SendVia.OUTLOOK
    assert get_mail_settings(db).outlook_account == "mentoring@ams.example"

    ids = _queue_reminders(window)
    report = _send_all(qtbot, window)
    assert report.sent == ids and warnings == [] and window.window_asked == []  # type: ignore[attr-defined]
    log = outlook.log
    assert [v for k, v in log if k == "To"] == [get_message(db, i).to[0] for i in ids]
    assert [v for k, v in log if k == "Subject"] == [get_message(db, i).subject for i in ids]
    assert [v for k, v in log if k == "SentOnBehalfOfName"] == ["mentoring@ams.example"] * 2
    assert [v for k, v in log if k == "property"] == [get_message(db, i).message_id
                                                       for i in ids]
    senders = {v for k, v in log if k == "Send"}
    assert len(senders) == 1 and "MainThread" not in senders  # off the GUI thread
    com = outlook.com.calls
    assert [c for c, _t in com] == ["init", "uninit"] and com[0][1] in senders

    # Saved to Drafts instead: the emails are "saved", not sent.
    dialog = _settings_dialog(window)
    dialog.ui.outlookModeCombo.setCurrentIndex(
        dialog.ui.outlookModeCombo.findData(OutlookMode.DRAFTS))
    dialog._on_save()  # noqa: SLF001
    more = _queue_reminders(window)
    report = _send_all(qtbot, window)
    assert report.exported == more and report.sent == []
    assert [k for k, _v in outlook.log].count("Save") == 2
    assert {get_message(db, i).state for i in more} == {OutboxState.EXPORTED}


def test_without_classic_outlook_the_outbox_says_so_and_keeps_the_emails(
    qtbot: Any, window: MainWindow, db: Database, settings: QSettings,
) -> None:
    set_up_mail(db)
    dialog = _settings_dialog(window)
    dialog.ui.bridgeCombo.setCurrentIndex(dialog.ui.bridgeCombo.findData(SendVia.OUTLOOK))
    dialog._on_save()  # noqa: SLF001
    ids = _queue_reminders(window)
    report = _send_all(qtbot, window)  # no pywin32 on this computer
    assert report.sent == [] and report.left_queued == ids
    assert "Classic Outlook for Windows is not available" in report.stopped
    assert ".eml drafts" in window.statusBar().currentMessage()
    assert {get_message(db, i).state for i in ids} == {OutboxState.QUEUED}


# -- unconfirmed emails --------------------------------------------------------------------


def test_an_unconfirmed_email_offers_it_arrived_and_send_again(
    qtbot: Any, window: MainWindow, db: Database, server: MailServer,
) -> None:
    from mail_server import PASSWORD

    set_up_mail(db, server.port)
    window.mail.passwords.asker = lambda *_a: PASSWORD
    ids = _queue_reminders(window)
    server.handler.drop_after_dot = 2  # the server takes both, the answers are lost
    report = _send_all(qtbot, window)
    assert report.unconfirmed == ids and report.sent == []
    assert len(server.received) == 2  # they did arrive: nothing may send them again on its own
    outbox = window.outbox
    assert outbox.ui.arrivedButton.isVisibleTo(outbox)
    assert outbox.ui.resendButton.isVisibleTo(outbox)
    outbox.select_ids([ids[0]])
    assert outbox.arrived_action.isEnabled() and outbox.resend_action.isEnabled()
    assert not outbox.send_selected_action.isEnabled()

    # The coordinator saw the first one in the recipient's mailbox: it is sent.
    outbox.ui.arrivedButton.click()
    assert get_message(db, ids[0]).state is OutboxState.SENT
    assert len(server.received) == 2

    # The second did not arrive (say): Send again sends the same bytes, same Message-ID.
    outbox.select_ids([ids[1]])
    finished: list[str] = []
    outbox.sending.finished.connect(finished.append)
    outbox.ui.resendButton.click()
    qtbot.waitUntil(lambda: bool(finished) and not outbox.sending.busy, timeout=30_000)
    assert get_message(db, ids[1]).state is OutboxState.SENT
    assert len(server.received) == 3
    assert server.received[2].raw == server.received[1].raw
    assert not outbox.ui.arrivedButton.isVisibleTo(outbox)  # none left to resolve
