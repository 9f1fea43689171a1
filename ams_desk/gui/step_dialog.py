"""Recording one step of a pair: only what that step needs, back-dating allowed.

The frame (date, note, buttons) is designed in ``ui/step_dialog.ui``; the
fields a step asks for are data (:data:`STEP_FIELDS`) and become rows of its form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
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
from ams_desk.gui.field_message import FieldMessage
from ams_desk.gui.forms.ui_step_dialog import Ui_StepDialog
from ams_desk.store.pairs import coordinator_name
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
        StepField("meeting_date", "Meeting date", "date", True),
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
        # No minimum or maximum on the editor: it would bend a date being typed
        # section by section into its range. A date out of range is refused in words.
        # A previous step later than this machine's clock (another machine's clock, a
        # shared database) must not block the next one: it moves "now" along.
        now = max(now, earliest) if earliest is not None else now
        self._earliest, self._latest = earliest, now
        self.when_edit.setDateTime(_qdatetime(now))
        since = f", not before the previous step ({earliest:%Y-%m-%d %H:%M})" if earliest else ""
        self.when_edit.setToolTip(f"Back-dating is fine{since}; not in the future.")
        calendar = self.when_edit.calendarWidget()
        calendar.currentPageChanged.connect(self._grey_days_out_of_range)
        self._grey_days_out_of_range(calendar.yearShown(), calendar.monthShown())
        self.when_edit.dateTimeChanged.connect(self._check_when)
        self._typing = SeparatorAfterFullSection(self.when_edit)
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
        self.message = FieldMessage(ui.errorLabel, ui.dialogLayout)
        # Who the timeline will credit, so a login such as "root" is seen before it is kept.
        self.credit_label = QLabel(
            f"Recorded as {coordinator_name()} (File ▸ Your name on events… changes it)"
        )
        self.credit_label.setObjectName("filterLabel")
        ui.dialogLayout.insertWidget(ui.dialogLayout.indexOf(ui.buttonBox), self.credit_label)
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
            if field.required:  # an answer the coordinator gives, never a default
                combo.setPlaceholderText("Choose…")
                combo.setCurrentIndex(-1)
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

    def when_refusal(self) -> str:
        """Why the step date cannot be used ("" when it can)."""
        when = self.when_edit.dateTime().toPython()
        assert isinstance(when, datetime)
        if self._earliest is not None and when < self._earliest:
            return (
                f"The step date cannot be before the previous step "
                f"({self._earliest:%Y-%m-%d %H:%M})."
            )
        if when > self._latest:
            return f"The step date cannot be in the future (now is {self._latest:%Y-%m-%d %H:%M})."
        return ""

    def _check_when(self) -> None:
        refusal = self.when_refusal()
        if refusal:
            self.message.show(refusal, self.when_edit)
        elif self.message.field is self.when_edit:
            self.message.hide()
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not refusal)

    def _grey_days_out_of_range(self, year: int, month: int) -> None:
        """Draw the shown days outside the allowed range as disabled (they are refused)."""
        calendar = self.when_edit.calendarWidget()
        first = QDate(year, month, 1).addDays(-7)
        low = _qdatetime(self._earliest).date() if self._earliest else None
        high = _qdatetime(self._latest).date()
        grey = QTextCharFormat()
        grey.setForeground(self.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text))
        for offset in range(52):  # the six weeks a page shows, and a week either side
            day = first.addDays(offset)
            if (low is not None and day < low) or day > high:
                calendar.setDateTextFormat(day, grey)

    def _check(self, note: str, details: dict[str, str]) -> None:
        refusal = self.when_refusal()
        if refusal:
            raise ValidationError("when", refusal)
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
            self.message.show(conflict.message)
            if self._reload is not None:
                self.conflict_box = offer_reload(self, conflict, self.reload)
            return
        except (ValidationError, TransitionError) as error:
            key = getattr(error, "field", "")
            widget = self.when_edit if key == "when" else self._fields.get(key, None)
            if key == "note":
                widget = self.note_edit
            self.message.show(str(error), widget)
            (widget or self.note_edit).setFocus()
            return
        self.accept()


    def reload(self) -> None:
        """Close without recording: the timeline shows the pair as it is now, with its
        next allowed steps (someone else moved it on)."""
        if self._reload is not None:
            self._reload()
        self.reject()


class SeparatorAfterFullSection(QObject):
    """Lets "2026-11-20 10:00" be typed as written into a date-time editor.

    The editor moves on by itself once a section is full (four digits of a year);
    the separator typed next would then skip the following section as well. It is
    dropped there, so the separators a person types never skip a section.
    """

    SEPARATORS = frozenset("-/.: ")

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._digit_in: QDateTimeEdit.Section | None = None
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            moved_on = self._digit_in is not None and self._digit_in != self._edit.currentSection()
            self._digit_in = self._edit.currentSection() if text.isdigit() else None
            if text in self.SEPARATORS and text and moved_on:
                return True
        elif event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn):
            self._digit_in = None
        return super().eventFilter(watched, event)


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
    )
