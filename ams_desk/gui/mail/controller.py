"""The mail part of the main window: the Outbox tab, the Mail menu and its dialogs.

Held by :class:`~ams_desk.gui.main_window.MainWindow`; the other views ask it
for what they need of mail (the mail settings dialog from a step's email
offer, the password keeper shared by every send of the session).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ams_desk.core.validation import ValidationError
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.outbox_view import OutboxView
from ams_desk.gui.mail.password import PasswordKeeper
from ams_desk.gui.mail.reminder_dialog import ReminderDialog
from ams_desk.gui.mail.settings_dialog import MailSettingsDialog
from ams_desk.gui.mail.template_editor import TemplateEditor
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.outbox import preview_email
from ams_desk.mail.sending import recover_at_start


class MailController(QObject):
    """Owns the Outbox view and the mail actions of one main window."""

    def __init__(self, ctx: AppContext, settings: QSettings, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self._settings = settings
        self._window = window
        self.passwords = PasswordKeeper()
        self.outbox = OutboxView(ctx, window)
        self.outbox.sending.qsettings = settings
        self.outbox.sending.passwords = self.passwords
        # A message left "sending" by a crash may have gone out: it becomes unconfirmed,
        # never sent again on its own.
        self.recovered = recover_at_start(ctx.db)
        self.templates_action = QAction(QIcon(":/ams/icons/mail.svg"), "Email &templates…",
                                        window)
        self.templates_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.templates_action.setToolTip("Edit the program's emails, previewed on a real pair "
                                         "(Ctrl+Shift+T)")
        self.settings_action = QAction("&Mail settings…", window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.settings_action.setToolTip("Sender, mail server or Outlook or .eml drafts, pace; "
                                        "send a test email (Ctrl+Shift+M)")
        self.templates_action.triggered.connect(self.edit_templates)
        self.settings_action.triggered.connect(self.edit_settings)

    def add_menu(self, window: QMainWindow, tab_action: QAction) -> QMenu:
        """The Mail menu: the Outbox, sending, the outbox's actions, templates and settings."""
        menu = window.menuBar().addMenu("&Mail")
        menu.addAction(tab_action)
        for action in self.outbox.actions_for_menu():
            if action is None:
                menu.addSeparator()
            else:
                # In the menu the actions work from any tab; their shortcuts stay the Outbox's.
                menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.templates_action)
        menu.addAction(self.settings_action)
        return menu

    def show_recovered(self) -> None:
        """Tell the coordinator about emails a crash left unconfirmed (once, at start)."""
        if self.recovered:
            n = len(self.recovered)
            self._window.statusBar().showMessage(
                f"{n} email{'s' if n != 1 else ''} interrupted last time "
                f"{'are' if n != 1 else 'is'} now unconfirmed: check in the Outbox whether "
                f"{'they' if n != 1 else 'it'} arrived.", 20000)

    def edit_templates(self, key: str | None = None) -> TemplateEditor:
        dialog = TemplateEditor(self.ctx, key=key or None, parent=self._window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        return dialog

    def edit_settings(self) -> MailSettingsDialog:
        dialog = MailSettingsDialog(self.ctx, self._settings, self.passwords, self._window)
        dialog.open()
        return dialog

    def queue_reminder(self, pair_id: int, template_key: str) -> ReminderDialog | None:
        """Show the reminder for a late pair; queue it (undoable), or queue and send it now."""
        try:
            preview = preview_email(self.ctx.db, template_key, pair_id=pair_id,
                                    today=self.ctx.today)
        except ValidationError as error:
            self.ctx.report("The reminder cannot be written", error)
            return None
        names = ", ".join(preview.built.to)

        def submit(send_now: bool) -> None:
            message = self.ctx.ops.run(
                f"Queue “{preview.template.name}” to {names}",
                partial(mail_ops.queue, template_key=template_key, pair_id=pair_id,
                        today=self.ctx.today))
            if send_now:
                self.outbox.sending.start([message.id])

        dialog = ReminderDialog(preview, f"to {names}", submit, self._window)
        dialog.open()
        return dialog
