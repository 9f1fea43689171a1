"""The email a step offers: a checkbox (on by default) and the email as it will be written.

Shown inside the step dialog. The email is queued together with the step
(one Undo takes both back) and waits in the Outbox for the coordinator's Send.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ams_desk.core.validation import ValidationError
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.preview import error_html, preview_html
from ams_desk.mail.outbox import NotSetUpError, preview_email
from ams_desk.mail.templates import TemplateError, get_template


class EmailOffer(QGroupBox):
    """Offers to queue ``template_key`` for a pair along with a step.

    Signals:
        settings_requested: The coordinator wants to open the mail settings (mail not set up).
    """

    settings_requested = Signal()

    def __init__(self, ctx: AppContext, template_key: str, pair_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__("Email", parent)
        self.ctx = ctx
        self.template_key = template_key
        self.pair_id = pair_id
        self.error = ""
        try:
            self.template_name = get_template(ctx.db, template_key).name
        except TemplateError:
            self.template_name = template_key
        self.check = QCheckBox()
        self.check.setChecked(True)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Email preview")
        self.browser.setObjectName("emailPreview")
        self.browser.setMinimumHeight(200)
        self.note = QLabel("It waits in the Outbox until you press Send. "
                           "Undo takes back the step and its email.")
        self.note.setObjectName("filterLabel")
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

    def refresh(self) -> None:
        """Render the email again (after the mail settings changed, say)."""
        try:
            preview = preview_email(self.ctx.db, self.template_key, pair_id=self.pair_id,
                                    today=self.ctx.today)
        except NotSetUpError as error:
            self._refuse(str(error), settings_link=True)
            return
        except ValidationError as error:
            self._refuse(str(error))
            return
        built = preview.built
        self.error = ""
        self.check.setEnabled(True)
        self.check.setChecked(True)
        self.check.setText(f"&Queue the email “{self.template_name}” with this step")
        self.check.setToolTip("To " + ", ".join(built.to)
                              + (f", cc {', '.join(built.cc)}" if built.cc else ""))
        self.browser.setHtml(preview_html(built.subject, built.to, built.cc, preview.text.body,
                                          sender=built.sender))

    def _refuse(self, message: str, *, settings_link: bool = False) -> None:
        self.error = message
        self.check.setChecked(False)
        self.check.setEnabled(False)
        self.check.setText(f"The email “{self.template_name}” cannot be queued")
        self.browser.setHtml(error_html(message))
        if settings_link:
            self.note.setText("The step can be recorded without it. "
                              "<a href='settings'>Open the mail settings…</a>")

    def _on_link(self, link: str) -> None:
        if link == "settings":
            self.settings_requested.emit()

    def wanted(self) -> bool:
        """Whether the email is to be queued with the step."""
        return self.check.isEnabled() and self.check.isChecked()
