"""A reminder from the attention list: the email as it will be written, queued or sent now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ams_desk.mail.outbox import Preview

Submit = Callable[[bool], None]
"""Queues the reminder; ``True``: send it at once. Raises ValueError to keep the dialog open."""


class ReminderDialog(QDialog):
    """Shows one reminder; "Queue reminder" puts it in the Outbox, "Send now" sends it too."""

    def __init__(self, preview: Preview, title: str, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ams_desk.gui.mail.preview import preview_html

        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{preview.template.name} — {title}")
        self.setMinimumSize(620, 520)
        self._submit = submit
        heading = QLabel(preview.template.name)
        heading.setObjectName("headingLabel")
        subtitle = QLabel(title)
        subtitle.setObjectName("filterLabel")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Email preview")
        built = preview.built
        self.browser.setHtml(preview_html(built.subject, built.to, built.cc, preview.text.body,
                                          sender=built.sender))
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.queue_button = QPushButton("&Queue reminder")
        self.queue_button.setToolTip("Put it in the Outbox; it goes with the next Send")
        self.send_button = QPushButton("&Send now")
        self.send_button.setDefault(True)
        buttons.addButton(self.queue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.queue_button.clicked.connect(self.queue)
        self.send_button.clicked.connect(self.send_now)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def queue(self) -> None:
        self._on_submit(False)

    def send_now(self) -> None:
        self._on_submit(True)

    def _on_submit(self, send_now: bool) -> None:
        try:
            self._submit(send_now)
        except ValueError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.accept()
