"""The timeline of one pair: its story so far, its deadlines and the next steps."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.meetings import MEETING, RECORDS_MEETINGS
from ams_desk.core.model import PairEvent
from ams_desk.core.text import plural
from ams_desk.core.workflow import (
    DEADLINE_LABELS,
    STATUS_LABELS,
    PairStatus,
    allowed_next,
)
from ams_desk.gui.flow_layout import FlowLayout
from ams_desk.store.pair_rows import PairListRow

DETAIL_LABELS = {
    "questions": "Questions",
    "meeting_date": "Meeting date",
    "place": "Place",
    "link": "Online link",
    "format": "Met",
    "outcome": "Evaluation",
    "continue": "Continuation",
}

STEP_VERBS: dict[PairStatus, str] = {
    PairStatus.PROPOSED: "Proposed",
    PairStatus.MENTOR_AGREED: "Mentor agreed…",
    PairStatus.MENTOR_DECLINED: "Mentor declined…",
    PairStatus.INTRODUCED: "Mentee introduced…",
    PairStatus.FIRST_CONTACT: "First contact…",
    PairStatus.MENTOR_RESPONDED: "Mentor responded…",
    PairStatus.MEETING_PLANNED: "Meeting planned…",
    PairStatus.MET: "They met…",
    PairStatus.EVALUATED: "Evaluated…",
    PairStatus.CONTINUING: "Continuing…",
    PairStatus.CLOSED: "Close…",
    PairStatus.CANCELLED: "Cancel pair…",
}


STORY: dict[PairStatus, str] = {
    PairStatus.DRAFT: "Placed on the matching board as a draft.",
    PairStatus.PROPOSED: "The team suggested {mentee} to {mentor}.",
    PairStatus.MENTOR_AGREED: "{mentor} agreed to mentor {mentee}.",
    PairStatus.MENTOR_DECLINED: "{mentor} declined; {mentee} returned to the waiting list.",
    PairStatus.INTRODUCED: "The team told {mentee} how to contact {mentor}.",
    PairStatus.FIRST_CONTACT: "{mentee} wrote to {mentor} with their questions.",
    PairStatus.MENTOR_RESPONDED: "{mentor} responded to the questions.",
    PairStatus.MEETING_PLANNED: "They arranged a meeting.",
    PairStatus.MET: "{mentor} and {mentee} met.",
    PairStatus.EVALUATED: "{mentee} evaluated the meeting with {mentor}.",
    PairStatus.CONTINUING: "They decided to keep meeting.",
    PairStatus.CLOSED: "The pair was closed.",
    PairStatus.CANCELLED: "The pair was cancelled.",
}
"""One sentence per step, so that a timeline reads as the pair's story."""

MEETING_STORY = "{mentor} and {mentee} met again."
"""The sentence of a meeting recorded after the first."""


def _event_html(
    event: PairEvent, row: PairListRow | None = None, previous: PairEvent | None = None
) -> str:
    when = event.at.strftime("%Y-%m-%d %H:%M")
    if event.kind == "status" and event.status:
        title = STATUS_LABELS[PairStatus(event.status)]
    elif event.kind == "override":
        title = "Rules overridden"
    elif event.kind == "note":
        title = "Note"
    elif event.kind == MEETING:
        title = "Met again"
    else:
        title = event.kind.replace("_", " ").capitalize()
    by = f" · {escape(event.by)}" if event.by else ""
    gap = ""
    if previous is not None and event.status:
        days = (event.at.date() - previous.at.date()).days
        gap = " · same day" if days == 0 else f" · {days} {plural(days, 'day')} later"
    parts = [
        f"<p style='margin:0'><b>{escape(title)}</b>"
        f"<span style='color:#5c6670'> — {when}{gap}{by}</span></p>"
    ]
    story = STORY[PairStatus(event.status)] if event.kind == "status" and event.status else (
        MEETING_STORY if event.kind == MEETING else "")
    if story and row is not None:
        sentence = story.format(mentor=escape(row.mentor_name), mentee=escape(row.mentee_name))
        parts.append(f"<p style='margin:2px 0 0 14px'>{sentence}</p>")
    for key, value in (event.details or {}).items():
        label = DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())
        text = escape(value).replace("\n", "<br>")
        parts.append(
            f"<p style='margin:2px 0 0 14px'><span style='color:#44505c'>{label}:</span> {text}</p>"
        )
    if event.note:
        note = escape(event.note).replace("\n", "<br>")
        parts.append(f"<p style='margin:2px 0 0 14px; color:#1f2d3a'><i>{note}</i></p>")
    return "<div style='margin-bottom:10px'>" + "".join(parts) + "</div>"


def timeline_html(row: PairListRow, today: date) -> str:
    """The pair's story as HTML: deadlines first, then every event in order."""
    blocks = []
    if row.pair.events and any(e.kind == "override" for e in row.pair.events):
        blocks.append("<p style='color:#8a5a00'>Paired despite a rule (see below).</p>")
    lines = []
    for deadline in row.deadlines:
        label = DEADLINE_LABELS[deadline.kind]
        if deadline.met_on is not None:
            late = (deadline.met_on - deadline.due).days
            state = f"done {deadline.met_on:%Y-%m-%d}" + (
                f" <span style='color:#b3261e'>({late} d late)</span>" if late > 0 else ""
            )
        else:
            days = deadline.days_left(today)
            if days < 0:
                state = (
                    f"<b style='color:#b3261e'>due {deadline.due:%Y-%m-%d} — "
                    f"{-days} {plural(-days, 'day')} late</b>"
                )
            elif days == 0:
                state = f"<b style='color:#8a5a00'>due today ({deadline.due:%Y-%m-%d})</b>"
            else:
                state = f"due {deadline.due:%Y-%m-%d} — {days} {plural(days, 'day')} left"
        lines.append(f"<tr><td style='padding-right:12px'>{label}</td><td>{state}</td></tr>")
    if lines:
        blocks.append(
            "<h4 style='margin:0 0 4px 0'>Deadlines</h4><table>" + "".join(lines) + "</table>"
        )
    blocks.append("<h4 style='margin:12px 0 6px 0'>Timeline</h4>")
    previous: PairEvent | None = None
    for event in row.pair.events:
        blocks.append(_event_html(event, row, previous))
        if event.status:
            previous = event
    return "".join(blocks)


class TimelinePanel(QWidget):
    """Shows one pair and offers its next steps.

    Signals:
        step_requested(PairStatus): The coordinator chose a next step.
        note_requested: The coordinator wants to add a note.
        meeting_requested: The coordinator wants to record a meeting (continuing pairs).
        person_requested(int): Show the history of the person with this id.
    """

    step_requested = Signal(object)
    note_requested = Signal()
    meeting_requested = Signal()
    person_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: PairListRow | None = None
        self._step_buttons: list[QPushButton] = []
        self._build()

    def _build(self) -> None:
        self.title_label = QLabel("Select a pair to see its timeline")
        self.title_label.setObjectName("headingLabel")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.title_label.linkActivated.connect(self._on_link)
        self.status_label = QLabel()
        self.status_label.setObjectName("filterLabel")
        self.status_label.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setStyleSheet("QTextBrowser { border: none; background: #ffffff; }")
        steps_caption = QLabel("Next step")
        steps_caption.setObjectName("filterLabel")
        # Wraps onto a second row rather than holding the table narrow on a small screen.
        self.steps_layout = FlowLayout(spacing=6)
        self.note_button = QPushButton("Add note…")
        self.note_button.clicked.connect(self.note_requested)
        self.meeting_button = QPushButton("Record a &meeting…")
        self.meeting_button.setToolTip(
            "A continuing pair met again: the day, in person or online, a note")
        self.meeting_button.clicked.connect(self.meeting_requested)
        self.steps_layout.addWidget(self.meeting_button)
        self.steps_layout.addWidget(self.note_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(steps_caption)
        layout.addLayout(self.steps_layout)
        self.show_pair(None, date.today())

    def _on_link(self, link: str) -> None:
        if link.startswith("person:"):
            self.person_requested.emit(int(link.split(":", 1)[1]))

    def step_buttons(self) -> dict[PairStatus, QPushButton]:
        return {b.property("status"): b for b in self._step_buttons}

    def show_pair(self, row: PairListRow | None, today: date) -> None:
        self.row = row
        for button in self._step_buttons:
            self.steps_layout.removeWidget(button)
            button.hide()  # out of the layout, it would stay drawn until deleted
            button.deleteLater()
        self._step_buttons = []
        self.note_button.setEnabled(row is not None)
        self.meeting_button.setVisible(row is not None and row.status in RECORDS_MEETINGS)
        if row is None:
            self.title_label.setText("Select a pair to see its timeline")
            self.status_label.setText("")
            self.browser.setHtml(
                "<p style='color:#5c6670'>The story of the selected pair — "
                "every step, note and deadline — appears here.</p>"
            )
            return
        self.title_label.setText(
            f"<a href='person:{row.mentor_person_id}' style='color:#1f2d3a; "
            f"text-decoration:none'>{escape(row.mentor_name)}</a> → "
            f"<a href='person:{row.mentee_person_id}' style='color:#1f2d3a; "
            f"text-decoration:none'>{escape(row.mentee_name)}</a>"
        )
        # A line breaks between the parts, never inside an address at its hyphen.
        self.status_label.setText(" · ".join(
            f"<span style='white-space:nowrap'>{escape(part)}</span>"
            for part in (STATUS_LABELS[row.status], f"program year {row.pair.program_year}",
                         f"mentor {row.mentor_email}", f"mentee {row.mentee_email}")))
        self.browser.setHtml(timeline_html(row, today))
        for index, status in enumerate(allowed_next(row.status)):
            button = QPushButton(STEP_VERBS[status])
            button.setProperty("status", status)
            if status is PairStatus.CANCELLED:
                button.setObjectName("dangerButton")
            button.clicked.connect(self._on_step_clicked)
            self.steps_layout.insertWidget(index, button)
            self._step_buttons.append(button)

    def _on_step_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.step_requested.emit(PairStatus(button.property("status")))
