"""Recording one step of a pair: only what that step needs, back-dating allowed.

The frame (date, note, buttons) is designed in ``ui/step_dialog.ui``; the
fields a step asks for are data (:data:`STEP_FIELDS`) and become rows of its form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import STATUS_LABELS, PairStatus, TransitionError
from ams_desk.gui.conflicts import offer_reload
from ams_desk.gui.forms.ui_step_dialog import Ui_StepDialog
from ams_desk.store.versions import EditConflict


@dataclass(frozen=True)
class StepField:
    """One thing a step asks for."""

    key: str
    label: str
    kind: str = "line"  # line, text, date, choice
    required: bool = False
    placeholder: str = ""
    choices: tuple[str, ...] = ()


STEP_FIELDS: dict[PairStatus, tuple[StepField, ...]] = {
    PairStatus.FIRST_CONTACT: (
        StepField(
            "questions",
            "Mentee's questions",
            "text",
            True,
            "The 2–3 questions the mentee sent, as they wrote them",
        ),
    ),
    PairStatus.MEETING_PLANNED: (
        StepField("meeting_date", "Meeting on", "date", True),
        StepField("place", "Place", placeholder="Room, building — or leave empty if online"),
        StepField("link", "Online link", placeholder="https://… (if online)"),
    ),
    PairStatus.MET: (
        StepField("format", "They met", "choice", choices=("In person", "Online")),
        StepField("place", "Place or link"),
    ),
    PairStatus.EVALUATED: (
        StepField(
            "outcome", "Evaluation", "text", True, "What the mentee reported about the meeting"
        ),
        StepField(
            "continue",
            "Continue meeting?",
            "choice",
            True,
            choices=("Yes, they continue", "No, they close"),
        ),
    ),
}

NOTE_LABELS: dict[PairStatus, tuple[str, bool]] = {
    PairStatus.CANCELLED: ("Reason", True),
    PairStatus.MENTOR_DECLINED: ("Reason given", False),
}
"""Steps whose note has a special meaning: (label, required)."""

Submit = Callable[[datetime, str, dict[str, str]], None]


class StepDialog(QDialog):
    """Ask for the date of a step and what it needs; hand the values to ``submit``.

    ``extra`` is shown under the step's fields: what comes with the step (the
    email it offers); ``submit`` reads it.
    """

    def __init__(
        self,
        target: PairStatus,
        pair_title: str,
        submit: Submit,
        *,
        earliest: datetime | None,
        now: datetime | None = None,
        extra: QWidget | None = None,
        reload: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_StepDialog()
        self.ui.setupUi(self)
        self.target = target
        self.extra = extra
        self._submit = submit
        self._reload = reload
        self.conflict_box: QMessageBox | None = None
        self._fields: dict[str, QWidget] = {}
        self.setWindowTitle(f"{STATUS_LABELS[target]} — {pair_title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build(pair_title, earliest, now or datetime.now().replace(second=0, microsecond=0))

    def _build(self, pair_title: str, earliest: datetime | None, now: datetime) -> None:
        """Fill the designed frame (``ui/step_dialog.ui``) with this step's fields."""
        ui = self.ui
        ui.headingLabel.setText(STATUS_LABELS[self.target])
        ui.subtitleLabel.setText(pair_title)
        ui.subtitleLabel.setObjectName("filterLabel")  # styled as the filters' labels
        self.when_edit = ui.whenEdit
        self.when_edit.setDateTime(_qdatetime(now))
        self.when_edit.setMaximumDateTime(_qdatetime(now))
        if earliest is not None:
            self.when_edit.setMinimumDateTime(_qdatetime(earliest))
            self.when_edit.setToolTip(
                f"Back-dating is fine, but not before the previous step ({earliest:%Y-%m-%d %H:%M})"
            )
        # The step's own fields are data (STEP_FIELDS): rows between When and Note.
        previous: QWidget = self.when_edit
        for row, field in enumerate(STEP_FIELDS.get(self.target, ()), start=1):
            widget = self._make_field(field, now)
            self._fields[field.key] = widget
            label = QLabel(field.label + (" *" if field.required else ""))
            label.setBuddy(widget)
            ui.formLayout.insertRow(row, label, widget)
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, ui.noteEdit)
        note_label, self._note_required = NOTE_LABELS.get(self.target, ("Note", False))
        self.note_edit = ui.noteEdit
        ui.noteLabel.setText(note_label + (" *" if self._note_required else ""))
        if self.target is PairStatus.CANCELLED:
            self.note_edit.setPlaceholderText("Why the pair is cancelled")
        self.error_label = ui.errorLabel
        self.error_label.hide()
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Record step")
        ui.buttonBox.accepted.connect(self._on_save)
        ui.buttonBox.rejected.connect(self.reject)
        if self.extra is not None:  # what comes with the step, e.g. the email it offers
            layout = ui.dialogLayout
            layout.insertWidget(layout.indexOf(ui.errorLabel), self.extra)

    def _make_field(self, field: StepField, now: datetime) -> QWidget:
        if field.kind == "text":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(field.placeholder)
            edit.setMinimumHeight(90)
            return edit
        if field.kind == "date":
            date_edit = QDateEdit(QDate(now.year, now.month, now.day))
            date_edit.setCalendarPopup(True)
            date_edit.setDisplayFormat("yyyy-MM-dd")
            return date_edit
        if field.kind == "choice":
            combo = QComboBox()
            combo.addItems(list(field.choices))
            return combo
        line = QLineEdit()
        line.setPlaceholderText(field.placeholder)
        return line

    def field_widget(self, key: str) -> QWidget:
        return self._fields[key]

    def values(self) -> tuple[datetime, str, dict[str, str]]:
        when = self.when_edit.dateTime().toPython()
        assert isinstance(when, datetime)
        details: dict[str, str] = {}
        for key, widget in self._fields.items():
            if isinstance(widget, QPlainTextEdit):
                details[key] = widget.toPlainText().strip()
            elif isinstance(widget, QDateEdit):
                details[key] = widget.date().toString("yyyy-MM-dd")
            elif isinstance(widget, QComboBox):
                details[key] = widget.currentText()
            elif isinstance(widget, QLineEdit):
                details[key] = widget.text().strip()
        return when, self.note_edit.toPlainText().strip(), details

    def _check(self, note: str, details: dict[str, str]) -> None:
        for field in STEP_FIELDS.get(self.target, ()):
            if field.required and not details.get(field.key):
                raise ValidationError(field.key, f"{field.label} is needed for this step.")
        if self._note_required and not note:
            raise ValidationError("note", "Please give a reason.")

    def _on_save(self) -> None:
        when, note, details = self.values()
        try:
            self._check(note, details)
            self._submit(when, note, details)
        except EditConflict as conflict:
            self.error_label.setText(conflict.message)
            self.error_label.show()
            if self._reload is not None:
                self.conflict_box = offer_reload(self, conflict, self.reload)
            return
        except (ValidationError, TransitionError) as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            widget = self._fields.get(getattr(error, "field", ""), None)
            (widget or self.note_edit).setFocus()
            return
        self.accept()


    def reload(self) -> None:
        """Close without recording: the timeline shows the pair as it is now, with its
        next allowed steps (someone else moved it on)."""
        if self._reload is not None:
            self._reload()
        self.reject()


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
    )
