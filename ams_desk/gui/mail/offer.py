"""The email a step offers: a checkbox (on by default) and the email as it will be written.

Shown inside the step dialog. The email is queued together with the step
(one Undo takes both back) and waits in the Outbox for the coordinator's Send.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ams_desk.core.step_emails import SIGNUP_EMAIL
from ams_desk.core.validation import ValidationError
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.preview import error_html, preview_html
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.mail.outbox import (
    NotSetUpError,
    Preview,
    preview_email,
    preview_new_signup_email,
)
from ams_desk.mail.step_ops import with_signup_email
from ams_desk.mail.templates import TemplateError, get_template
from ams_desk.store.changes import Op
from ams_desk.store.outbox import OutboxMessage
from ams_desk.store.people import AddedSignup


class NotYet(Exception):
    """Raised by an offer's ``render`` when the email cannot be written yet (says why)."""


NOTE = "It waits in the Outbox until you press Send. Undo takes back the {what} and its email."


class EmailOffer(QGroupBox):
    """Offers to queue ``template_key`` for a pair along with a step (or with a new sign-up).

    ``render`` writes the email when it is not a pair's (the New sign-up
    dialog renders it from what is typed); :meth:`refresh` writes it again.
    ``wrap`` fits a panel narrower than an email: the preview breaks its lines
    at its width, and the title rather than the checkbox names the email.

    Signals:
        settings_requested: The coordinator wants to open the mail settings (mail not set up).
    """

    settings_requested = Signal()

    def __init__(self, ctx: AppContext, template_key: str, pair_id: int | None = None,
                 parent: QWidget | None = None, *, render: Callable[[], Preview] | None = None,
                 what: str = "step", wrap: bool = False) -> None:
        super().__init__("Email", parent)
        self.ctx = ctx
        self.template_key = template_key
        self.pair_id = pair_id
        self.what = what
        self.wrap = wrap
        self._render = render or self._pair_preview
        self.error = ""
        try:
            self.template_name = get_template(ctx.db, template_key).name
        except TemplateError:
            self.template_name = template_key
        if wrap:  # a narrow panel: the email's name goes in the title, the box says less
            self.setTitle(f"Email “{self.template_name}”")
        self.check = QCheckBox(self._queue_text())
        self.check.setChecked(True)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Email preview")
        self.browser.setObjectName("emailPreview")
        self.browser.setMinimumHeight(200)
        self.note = QLabel(NOTE.format(what=what))
        self.note.setObjectName("filterLabel")
        self.note.setWordWrap(True)
        self.note.setToolTip("You can still edit the email in the Outbox before it is sent.")
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.check)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note)
        self.check.toggled.connect(self.browser.setEnabled)
        self.refresh()

    def _queue_text(self) -> str:
        if self.wrap:
            return f"&Queue it with this {self.what}"
        return f"&Queue the email “{self.template_name}” with this {self.what}"

    def _pair_preview(self) -> Preview:
        return preview_email(self.ctx.db, self.template_key, pair_id=self.pair_id,
                             today=self.ctx.today)

    def refresh(self) -> None:
        """Render the email again (after the mail settings or the entered values changed)."""
        wanted = self.check.isChecked() or not self.check.isEnabled()
        try:
            preview = self._render()
        except NotYet as why:
            self.check.setEnabled(False)  # its tick is kept for when the email can be written
            self.browser.setHtml(f"<p style='color:#5c6670'>{escape(str(why))}</p>")
            return
        except NotSetUpError as error:
            self._refuse(str(error), settings_link=True)
            return
        except ValidationError as error:
            self._refuse(str(error))
            return
        built = preview.built
        self.error = ""
        self.note.setText(NOTE.format(what=self.what))
        self.check.setEnabled(True)
        self.check.setChecked(wanted)  # a box the coordinator cleared stays clear
        self.check.setText(self._queue_text())
        self.check.setToolTip("To " + ", ".join(built.to)
                              + (f", cc {', '.join(built.cc)}" if built.cc else ""))
        self.browser.setHtml(preview_html(built.subject, built.to, built.cc, preview.text.body,
                                          sender=built.sender, wrap=self.wrap))

    def _refuse(self, message: str, *, settings_link: bool = False) -> None:
        self.error = message
        self.check.setChecked(False)
        self.check.setEnabled(False)
        self.check.setText("It cannot be queued" if self.wrap
                           else f"The email “{self.template_name}” cannot be queued")
        self.browser.setHtml(error_html(message))
        if settings_link:
            self.note.setText(f"The {self.what} can be recorded without it. "
                              "<a href='settings'>Open the mail settings…</a>")

    def _on_link(self, link: str) -> None:
        if link == "settings":
            self.settings_requested.emit()

    def wanted(self) -> bool:
        """Whether the email is to be queued with the step."""
        return self.check.isEnabled() and self.check.isChecked()


def offer_signup_email(ctx: AppContext, dialog: SignupEditor) -> EmailOffer:
    """Show in the New sign-up ``dialog`` the confirmation email, written again as values change.

    Queue it with the sign-up through :func:`queue_with_signup`.
    """

    def render() -> Preview:
        person, signup = dialog.values()
        if not person.name.strip() or not person.email.strip():
            raise NotYet("The email is written here once a name and an email address are "
                         "entered.")
        try:
            return preview_new_signup_email(ctx.db, SIGNUP_EMAIL, person, signup)
        except ValidationError as error:
            if error.field == "email" and not isinstance(error, NotSetUpError):
                raise NotYet(error.message) from None  # still being typed
            raise

    offer = EmailOffer(ctx, SIGNUP_EMAIL, render=render, what="sign-up", wrap=True)
    dialog.show_extra(offer)
    dialog.values_edited.connect(offer.refresh)
    return offer


def queue_with_signup(step: Op[AddedSignup], offer: EmailOffer | None) -> Op[Any]:
    """``step`` (storing a sign-up) and, if wanted, the offered email: one Undo step."""
    if offer is None or not offer.wanted():
        return step
    return partial(with_signup_email, step=step, template_key=offer.template_key)


def added_signup(value: AddedSignup | tuple[AddedSignup, list[OutboxMessage]]) -> AddedSignup:
    """The stored sign-up of :func:`queue_with_signup`'s operation, with its email or without."""
    return value[0] if isinstance(value, tuple) else value
