"""A person's page: every sign-up and pair across program years (re-participation)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ams_desk.core.workflow import STATUS_LABELS
from ams_desk.gui.signup_model import STATUS_TEXT
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
    """Shows :class:`PersonHistory` as a readable page."""

    def __init__(self, history: PersonHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{history.person.name} — history")
        self.resize(680, 520)
        heading = QLabel(escape(history.person.name))
        heading.setObjectName("headingLabel")
        self.summary_label = QLabel(history.summary())
        self.summary_label.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setHtml(history_html(history))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
