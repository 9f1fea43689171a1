"""A person's page: every sign-up and pair across program years (re-participation), and the
emails written to them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.text import count
from ams_desk.core.workflow import STATUS_LABELS
from ams_desk.gui.mail.outbox_model import PersonEmailsModel
from ams_desk.gui.signup_model import STATUS_TEXT
from ams_desk.gui.widgets import make_table
from ams_desk.mail.listing import OutboxEntry
from ams_desk.store.pair_rows import PersonHistory


def history_html(history: PersonHistory) -> str:
    person = history.person
    facts = [
        ("Email", person.email),
        ("Position", person.position or "—"),
        ("Department", person.department or "—"),
        ("Projects", ", ".join(person.projects) or "—"),
        ("Languages", ", ".join(person.languages) or "—"),
    ]
    parts = ["<table>"]
    parts += [
        f"<tr><td style='color:#44505c; padding-right:12px'>{k}</td><td>{escape(v)}</td></tr>"
        for k, v in facts
    ]
    parts.append("</table>")
    if person.notes:
        parts.append(f"<p><i>{escape(person.notes)}</i></p>")
    parts.append("<h4>Sign-ups</h4><table cellspacing='0' cellpadding='3'>")
    parts.append(
        "<tr style='color:#44505c'><td>Year</td><td>Role</td><td>Signed up</td>"
        "<td>Status</td><td>Topics</td></tr>"
    )
    for signup in history.signups:
        parts.append(
            f"<tr><td>{signup.program_year}</td><td>{signup.role.value.capitalize()}</td>"
            f"<td>{signup.signed_up:%Y-%m-%d}</td><td>{STATUS_TEXT[signup.status]}</td>"
            f"<td>{escape(', '.join(signup.topics))}</td></tr>"
        )
    parts.append("</table><h4>Pairs</h4>")
    if not history.pairs:
        parts.append("<p style='color:#5c6670'>No pairs yet.</p>")
    else:
        parts.append("<table cellspacing='0' cellpadding='3'>")
        parts.append(
            "<tr style='color:#44505c'><td>Year</td><td>As</td><td>With</td>"
            "<td>Status</td><td>Since</td></tr>"
        )
        for row in history.pairs:
            mentor = row.mentor_person_id == person.id
            other = row.mentee_name if mentor else row.mentor_name
            parts.append(
                f"<tr><td>{row.pair.program_year}</td><td>{'Mentor' if mentor else 'Mentee'}</td>"
                f"<td>{escape(other)}</td><td>{STATUS_LABELS[row.status]}</td>"
                f"<td>{row.since:%Y-%m-%d}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)


class HistoryDialog(QDialog):
    """Shows :class:`PersonHistory` as a readable page, and the person's emails in a table.

    Signals:
        email_requested(int): Show this email (an outbox id) in the Outbox: an
            email was double-clicked (or Enter pressed on it).
    """

    email_requested = Signal(int)

    def __init__(self, history: PersonHistory, parent: QWidget | None = None,
                 emails: Sequence[OutboxEntry] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{history.person.name} — history")
        self.resize(720, 640)
        heading = QLabel(escape(history.person.name))
        heading.setObjectName("headingLabel")
        self.summary_label = QLabel(history.summary())
        self.summary_label.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setHtml(history_html(history))
        self.emails_model = PersonEmailsModel(self)
        self.emails_model.set_rows(emails)
        self.emails_table = make_table(self.emails_model)
        self.emails_table.setAccessibleName("Emails")
        self.emails_table.setToolTip("Double-click an email to open it in the Outbox")
        self.emails_label = QLabel(
            f"<b>Emails</b> — {count(len(emails), 'email')} written to "
            f"{escape(history.person.name)}; double-click one to open it in the Outbox"
            if emails else "<b>Emails</b> — none written to them yet")
        self.emails_label.setWordWrap(True)
        self.emails_table.setVisible(bool(emails))
        emails_part = QWidget()
        emails_layout = QVBoxLayout(emails_part)
        emails_layout.setContentsMargins(0, 6, 0, 0)
        emails_layout.addWidget(self.emails_label)
        emails_layout.addWidget(self.emails_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.browser)
        splitter.addWidget(emails_part)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2 if emails else 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.emails_table.activated.connect(self._on_email_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _on_email_activated(self, index: QModelIndex) -> None:
        self.email_requested.emit(self.emails_model.row_at(index.row()).message.id)
