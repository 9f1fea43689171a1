"""Editing a queued email's subject and body (form designed in ``ui/message_editor.ui``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from ams_desk.core.validation import ValidationError
from ams_desk.gui.forms.ui_message_editor import Ui_MessageEditor
from ams_desk.gui.mail.preview import read_message
from ams_desk.store.outbox import OutboxMessage

Submit = Callable[[str, str], None]
"""Stores the new subject and body; raises ValueError to keep the dialog open."""


class MessageEditor(QDialog):
    """The subject and body of one queued message, as stored; ``submit`` stores the edit."""

    def __init__(self, message: OutboxMessage, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MessageEditor()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui.headingLabel.setObjectName("headingLabel")
        self.ui.errorLabel.setObjectName("errorLabel")
        self.ui.errorLabel.hide()
        self._submit = submit
        text = read_message(message.raw)
        to = ", ".join(message.to) + (f"   (cc {', '.join(message.cc)})" if message.cc else "")
        self.ui.toValue.setText(to)
        self.ui.subjectEdit.setText(text.header("Subject"))
        self.ui.bodyEdit.setPlainText(text.body)
        self.setWindowTitle(f"Edit queued email — {message.subject}")
        self.ui.buttonBox.accepted.connect(self._on_save)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _on_save(self) -> None:
        subject = self.ui.subjectEdit.text()
        body = self.ui.bodyEdit.toPlainText()
        try:
            if not subject.strip():
                raise ValidationError("subject", "The subject is empty.")
            self._submit(subject, body)
        except ValueError as error:
            self.ui.errorLabel.setText(str(error))
            self.ui.errorLabel.show()
            return
        self.accept()
