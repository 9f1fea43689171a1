"""Sending the outbox off the GUI thread: progress, Cancel, and a refused login asked again.

The bridge (SMTP, Outlook or .eml drafts, this workstation's choice) is made
on the GUI thread, with the password asked there if none is kept; the worker
runs :func:`~ams_desk.mail.sending.send_outbox` and touches no widget. A
refused login stops the run; the password is asked again and the rest is
sent (messages already sent stay sent: the sender never sends one twice).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ams_desk.core.outbox import OutboxState
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.password import PasswordKeeper
from ams_desk.gui.mail.preferences import SendPreferences, SendVia, load_preferences
from ams_desk.gui.tasks import Task, run_task
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.bridge import Bridge
from ams_desk.mail.eml import EmlBridge
from ams_desk.mail.outlook import OutlookBridge
from ams_desk.mail.sending import SendReport, send_outbox
from ams_desk.mail.settings import AuthMethod, MailSettings, get_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.changes import Changes
from ams_desk.store.database import default_data_dir
from ams_desk.store.outbox import list_outbox

BridgeFactory = Callable[[MailSettings, SendPreferences, Callable[[], str] | None], Bridge]


def make_bridge(settings: MailSettings, preferences: SendPreferences,
                password: Callable[[], str] | None) -> Bridge:
    """The bridge this workstation sends through, made from the settings."""
    if preferences.via is SendVia.EML:
        return EmlBridge(preferences.folder)
    if preferences.via is SendVia.OUTLOOK:
        return OutlookBridge(preferences.outlook_mode, on_behalf_of=settings.outlook_account)
    if settings.auth is AuthMethod.XOAUTH2:
        from ams_desk.mail.oauth import MsalTokenProvider

        tokens = MsalTokenProvider(settings.oauth_client_id, settings.oauth_tenant,
                                   cache_location=default_data_dir() / "msal-token-cache.bin")
        return SmtpBridge(settings, tokens=tokens)
    return SmtpBridge(settings, password=password)


def needs_password(settings: MailSettings, preferences: SendPreferences) -> bool:
    return (preferences.via is SendVia.SMTP and settings.auth is AuthMethod.PASSWORD
            and bool(settings.user))


class SendController(QObject):
    """Runs one send at a time for the Outbox.

    Signals:
        started(int): A run started for this many messages.
        progressed(int, int, str): Done, total, and what is happening.
        finished(str): The run ended; the summary for the status bar.
    """

    started = Signal(int)
    progressed = Signal(int, int, str)
    finished = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.task: Task[Any] | None = None
        self.passwords = PasswordKeeper()
        self.qsettings: QSettings | None = None
        self.bridge_factory: BridgeFactory = make_bridge
        self.last_report: SendReport | None = None
        self._ids: list[int] | None = None
        self._bridge: Bridge | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def preferences(self) -> SendPreferences:
        return (load_preferences(self.qsettings) if self.qsettings is not None
                else SendPreferences())

    def start(self, ids: list[int] | None, *, reason: str = "") -> Task[Any] | None:
        """Send the queued messages ``ids`` (``None``: every queued one) off the GUI thread.

        Returns ``None`` when nothing started: a run is going on, mail is not
        set up, or the coordinator cancelled the password dialog.
        """
        if self.task is not None:
            return None
        settings = get_mail_settings(self.ctx.db)
        preferences = self.preferences()
        if preferences.via is SendVia.SMTP and not settings.is_set_up:
            self.ctx.report("Cannot send", ValueError(
                "Mail is not set up: enter the server and the From address in Mail settings "
                "(Mail menu)."))
            return None
        password: Callable[[], str] | None = None
        if needs_password(settings, preferences):
            secret = self.passwords.password(settings.user, settings.host, self._parent, reason)
            if secret is None:
                return None

            def password() -> str:  # called by the bridge on the worker, once per connection
                return secret

        bridge = self.bridge_factory(settings, preferences, password)
        db = self.ctx.db
        total = len(ids) if ids is not None else len(list_outbox(db, states=[OutboxState.QUEUED]))

        def job(progress: Any, cancelled: Any) -> SendReport:  # the worker: no widgets here
            return send_outbox(db, bridge, settings, ids=ids, progress=progress,
                               cancelled=cancelled)

        self._ids, self._bridge = ids, bridge
        self.task = run_task(job, on_success=self._sent, on_failure=self._failed,
                             on_progress=self._progress, parent=self)
        self.started.emit(total)
        return self.task

    def cancel(self) -> None:
        """Stop after the message being sent now (it is never cut off mid-message)."""
        if self.task is not None:
            self.task.cancel()
            self.progressed.emit(0, 0, "Stopping after the email being sent…")

    def _progress(self, done: int, total: int | None) -> None:
        if self.task is not None and not self.task.is_cancelled():
            text = f"Sending {done + 1} of {total}…" if total and done < total else "Finishing…"
            self.progressed.emit(done, total or 0, text)

    def _end(self, report: SendReport | None = None) -> None:
        """Announce what the run touched: its messages, their pairs' timelines and people."""
        self.task = None
        touched = set(self._ids or ())
        if report is not None:
            touched |= {*report.sent, *report.exported, *report.failed, *report.unconfirmed,
                        *report.left_queued, *report.errors}
        self.ctx.ops.changed.emit(mail_ops.changes_of_ids(self.ctx.db, sorted(touched))
                                  if touched else Changes.all())

    def _sent(self, report: SendReport) -> None:
        self.last_report = report
        self._end(report)
        preferences = self.preferences()
        if isinstance(self._bridge, EmlBridge) and preferences.open_eml:
            for path in self._bridge.written:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))
        self.finished.emit(report.summary())
        if report.login_refused:
            settings = get_mail_settings(self.ctx.db)
            self.passwords.forget(settings.user, settings.host)
            rest = [i for i in self._ids if i in set(report.left_queued)] if self._ids else None
            if rest != []:
                self.start(rest, reason=report.stopped or "The server refused the login.")

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, Exception):
            self.ctx.report("Sending stopped", error)
        self.finished.emit("Sending stopped.")
