"""The import's offer to queue the sign-up confirmation to each new sign-up.

Shown on the preview page, above the Import button: the coordinator decides
before anything is written. The emails are queued right after the import
commits, in one batch, and belong to it: one Undo takes both back
(:mod:`ams_desk.mail.import_emails`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ams_desk.core.step_emails import SIGNUP_EMAIL
from ams_desk.core.text import plural
from ams_desk.gui.context import AppContext
from ams_desk.mail.ops import MAIL_SETTINGS
from ams_desk.mail.settings import get_mail_settings
from ams_desk.mail.templates import TemplateError, get_template
from ams_desk.store.changes import Changes

WAITS = ("One “{name}” email to each new sign-up; none to the rows updated or unchanged. "
         "They wait in the Outbox until you press Send, and Undo of the import takes them "
         "back.")
NOT_SET_UP = ("Mail is not set up yet, so the confirmation cannot be queued; the import works "
              "without it. <a href='settings'>Open the Mail settings…</a>")
NO_SERVER = ("No mail server is set up yet (Mail settings), so the box starts clear; queued "
             "emails can still be sent later, saved as .eml or through Outlook. ")


def confirmations_html(count: int) -> str:
    """What the result page says of the confirmations queued with the import ("" if none)."""
    if not count:
        return ""
    return (f"<p><b>{count} sign-up {plural(count, 'confirmation')} queued</b> in the Outbox: "
            "they wait until you press Send.</p>")


class ConfirmationChoice(QWidget):
    """The checkbox “Queue the sign-up confirmation to the N new sign-ups” and why it is so.

    Ticked by default only when mail is set up (a sender and a server); without
    a sender it cannot be ticked and says so, with a link to the Mail settings.
    Saving the mail settings meanwhile updates it.

    Signals:
        settings_requested: The coordinator wants to open the Mail settings.
    """

    settings_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.count = 0
        self._chosen: bool | None = None  # the coordinator's own tick, kept on updates
        self.check = QCheckBox()
        self.check.setObjectName("confirmationCheck")
        self.note = QLabel()
        self.note.setObjectName("filterLabel")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.check)
        layout.addWidget(self.note)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.check.clicked.connect(self._on_clicked)
        self.note.linkActivated.connect(self._on_link)
        self.ctx.ops.changed.connect(self._on_changed)

    def set_count(self, count: int) -> None:
        """Offer the confirmation to ``count`` new sign-ups (the preview's)."""
        self.count = count
        self.update_state()

    def update_state(self) -> None:
        """Read the mail settings again and say what can be queued."""
        n = self.count
        try:
            name = get_template(self.ctx.db, SIGNUP_EMAIL).name
        except TemplateError:
            name = SIGNUP_EMAIL
        mail = get_mail_settings(self.ctx.db)
        self.check.setText(f"&Queue the sign-up confirmation to the {n} new "
                           f"{plural(n, 'sign-up')}" if n else
                           "No new sign-ups: no sign-up confirmation to queue")
        can = bool(n and mail.from_address)
        self.check.setEnabled(can)
        self.check.setChecked(can and (mail.is_set_up if self._chosen is None else self._chosen))
        if not n:
            self.note.setText("")
        elif not mail.from_address:
            self.note.setText(NOT_SET_UP)
        else:
            self.note.setText(("" if mail.is_set_up else NO_SERVER) + WAITS.format(name=name))
        self.note.setVisible(bool(self.note.text()))

    def wanted(self) -> bool:
        """Whether the confirmations are to be queued with the import."""
        return self.check.isEnabled() and self.check.isChecked()

    def _on_clicked(self, checked: bool) -> None:
        self._chosen = checked

    def _on_link(self, link: str) -> None:
        if link == "settings":
            self.settings_requested.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.everything or MAIL_SETTINGS in changes.settings:
            self.update_state()
