"""Sending the outbox off the GUI thread: progress, Cancel, and a refused login asked again.

The worker runs the mail layer's sender with the bridge this workstation
uses (SMTP, Outlook or .eml drafts). It never touches a widget; its
progress reaches the Outbox through :func:`~ams_desk.gui.tasks.run_task`.
A refused login stops the run; the password is asked again and the run
starts over (messages already sent stay sent — the sender never sends one twice).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.password import PasswordKeeper
from ams_desk.gui.mail.preferences import SendPreferences, SendVia, load_preferences
from ams_desk.gui.tasks import Task, run_task
from ams_desk.mail import send as mail_send
from ams_desk.mail.settings import AuthMethod, MailSettings, get_mail_settings
from ams_desk.store.changes import Changes


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


class SendController(QObject):
    """Runs one send at a time for the Outbox.

    Signals:
        started(int): A run started for this many messages.
        progressed(int, int, str): Done, total, and what is happening.
        finished(str): The run ended; the summary for the status bar ("" if nothing ran).
    """

    started = Signal(int)
    progressed = Signal(int, int, str)
    finished = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.task: Task[Any] | None = None
        self.passwords: PasswordKeeper = PasswordKeeper()
        self.qsettings: QSettings | None = None
        self.last_report: Any = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def preferences(self) -> SendPreferences:
        return load_preferences(self.qsettings) if self.qsettings is not None else SendPreferences()

    def start(self, ids: list[int] | None, *, reason: str = "") -> Task[Any] | None:
        """Send the queued messages ``ids`` (``None``: every queued one) off the GUI thread."""
        if self.task is not None:
            return None
        settings = get_mail_settings(self.ctx.db)
        preferences = self.preferences()
        try:
            bridge = self._bridge(settings, preferences, reason)
        except ValueError as error:
            self.ctx.report("Cannot send", error)
            return None
        if bridge is None:
            return None  # the coordinator cancelled the password dialog
        total = len(ids) if ids is not None else mail_send.count_queued(self.ctx.db)
        db, today = self.ctx.db, self.ctx.today

        def job(progress: Any, cancelled: Any) -> Any:  # the worker: no widgets here
            return mail_send.send_outbox(db, bridge, ids, progress=progress,
                                         cancelled=cancelled, today=today)

        self._ids = ids
        self.task = run_task(job, on_success=self._sent, on_failure=self._failed,
                             on_progress=self._progress, parent=self)
        self.started.emit(total)
        return self.task

    def _bridge(self, settings: MailSettings, preferences: SendPreferences,
                reason: str) -> Any:
        if preferences.via is SendVia.EML:
            return mail_send.eml_bridge(preferences.folder, open_each=preferences.open_eml)
        if preferences.via is SendVia.OUTLOOK:
            return mail_send.outlook_bridge(settings, mode=preferences.outlook_mode.value)
        password = None
        if settings.auth is AuthMethod.PASSWORD and settings.user:
            account = mail_send.account_of(settings)
            password = self.passwords.password(account, self._parent, reason)
            if password is None:
                return None
        return mail_send.smtp_bridge(settings, password=password)

    def cancel(self) -> None:
        """Stop after the message being sent now (it is never cut off mid-message)."""
        if self.task is not None:
            self.task.cancel()
            self.progressed.emit(0, 0, "Stopping after the email being sent…")

    def _progress(self, done: int, total: int | None) -> None:
        if self.task is not None and not self.task.is_cancelled():
            self.progressed.emit(done, total or 0, f"Sending {done + 1} of {total}…"
                                 if total and done < total else "Finishing…")

    def _end(self) -> None:
        self.task = None
        self.ctx.ops.changed.emit(Changes.of(outbox=self._ids or ())
                                  if self._ids else Changes.all())

    def _sent(self, report: Any) -> None:
        self.last_report = report
        self._end()
        self.finished.emit(mail_send.summary(report))

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, mail_send.LoginRefused):
            settings = get_mail_settings(self.ctx.db)
            self.passwords.forget(mail_send.account_of(settings))
            self.finished.emit("The server refused the login; nothing more was sent.")
            self.start(self._ids, reason=f"The server refused the login: {error}")
            return
        if isinstance(error, Exception):
            self.ctx.report("Sending stopped", error)
        self.finished.emit("Sending stopped.")
