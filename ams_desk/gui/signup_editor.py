"""The person/sign-up editor dialog (form designed in ``ui/signup_editor.ui``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QListWidgetItem, QMessageBox, QWidget

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import (
    MEETING_FORMAT_LABELS,
    TOPICS,
    MeetingFormat,
    Role,
    SignupStatus,
    program_year_for,
    split_list,
)
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.gui.conflicts import offer_reload
from ams_desk.gui.field_message import FieldMessage
from ams_desk.gui.forms.ui_signup_editor import Ui_SignupEditor
from ams_desk.gui.signup_model import STATUS_TEXT
from ams_desk.store.versions import EditConflict

EDIT_PAUSE_MS = 300
"""How long typing pauses before :attr:`SignupEditor.values_edited` is emitted."""

EXTRA_WIDTH = 280
"""Least width of what comes with a new sign-up (its email, whose preview wraps its lines)."""

FIT_SIZE = (1000, 720)
"""The most the dialog takes with its email beside it: it fits a 1024×768 screen."""

Submit = Callable[[PersonInput, SignupInput], None]
"""Stores the dialog's values; raises ValidationError to keep the dialog open."""
Reload = Callable[[], tuple[PersonInput, SignupInput]]
"""Reads the stored values again (after someone else changed them)."""


class SignupEditor(QDialog):
    """Edit a person and one of their sign-ups.

    The dialog does not store anything itself: on Save it hands the values to
    ``submit``, which calls the store; a :class:`ValidationError` from it is
    shown in the dialog under the field at fault. Enter saves (it never changes a
    value); Escape asks before dropping changes. When someone else changed the
    sign-up since it was opened (:class:`EditConflict`), the dialog says who and
    what and offers to ``reload`` the stored values.

    Signals:
        values_edited: The entered values changed (once typing pauses), e.g. for
            the email a new sign-up offers (:meth:`show_extra`) to be written again.
    """

    values_edited = Signal()

    def __init__(
        self,
        submit: Submit,
        ladder: SeniorityLadder,
        *,
        person: PersonInput | None = None,
        signup: SignupInput | None = None,
        role: Role = Role.MENTEE,
        year_start_month: int = 1,
        reload: Reload | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SignupEditor()
        self.ui.setupUi(self)
        self._submit = submit
        self._reload = reload
        self.conflict_box: QMessageBox | None = None
        self._ladder = ladder
        self._year_start_month = year_start_month
        self.extra: QWidget | None = None
        self._fill_choices()
        self._connect_signals()
        if person is not None and signup is not None:
            self.setWindowTitle(f"Edit sign-up — {person.name}")
            self.ui.headingLabel.setText(f"{person.name}")
            self.set_values(person, signup)
        else:
            self.setWindowTitle("New sign-up")
            self.ui.headingLabel.setText(f"New {role.value}")
            today = today or date.today()
            self.set_values(
                PersonInput("", ""),
                SignupInput(role, today, program_year_for(today, year_start_month)),
            )
        self.message = FieldMessage(self.ui.errorLabel, self.ui.dialogLayout)
        self._initial = self.values()
        self.ui.nameEdit.setFocus()

    def show_extra(self, widget: QWidget) -> None:
        """Show ``widget`` beside the fields: what comes with the sign-up (its email).

        Beside rather than under them, so that the dialog keeps its height; as a
        third column no wider than the other two (its text wraps), so that the
        whole dialog fits a 1024×768 screen (:data:`FIT_SIZE`).
        """
        self.extra = widget
        widget.setMinimumWidth(EXTRA_WIDTH)
        topics = self.ui.topicsList  # narrowed, it would cut the topics' names
        topics.setMinimumWidth(topics.sizeHintForColumn(0) + 2 * topics.frameWidth()
                               + topics.verticalScrollBar().sizeHint().width() + 4)
        topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.ui.positionCombo.lineEdit()
        if line is not None:  # the column is narrower: the hint said whole, shorter
            line.setPlaceholderText("Choose or type")
        layout = self.ui.columnsLayout
        layout.setSpacing(10)
        layout.addWidget(widget, 1)
        layout.activate()
        self.resize(max(self.minimumSizeHint().width(), FIT_SIZE[0]), self.height())

    def _fill_choices(self) -> None:
        ui = self.ui
        ui.positionCombo.addItems(list(self._ladder.positions))
        line = ui.positionCombo.lineEdit()
        if line is not None:  # the form makes the combo editable
            line.setPlaceholderText("Choose or type a position")
            # Enter in an editable combo commits the completer's inline guess (the
            # first position) over the text shown; here Enter saves instead.
            line.installEventFilter(self)
        ui.positionCombo.installEventFilter(self)
        for role in Role:
            ui.roleCombo.addItem(role.value.capitalize(), role)
        for fmt, text in MEETING_FORMAT_LABELS.items():
            ui.formatCombo.addItem(text, fmt)
        for topic in TOPICS:
            item = QListWidgetItem(topic, ui.topicsList)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def _connect_signals(self) -> None:
        ui = self.ui
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(EDIT_PAUSE_MS)
        self._edit_timer.timeout.connect(self.values_edited)
        for line in (ui.nameEdit, ui.emailEdit, ui.departmentEdit, ui.projectsEdit,
                     ui.otherTopicsEdit):
            line.textChanged.connect(self._on_edited)
        ui.positionCombo.currentTextChanged.connect(self._on_edited)
        ui.roleCombo.currentIndexChanged.connect(self._on_edited)
        ui.signedUpEdit.dateChanged.connect(self._on_edited)
        ui.yearSpin.valueChanged.connect(self._on_edited)
        ui.topicsList.itemChanged.connect(self._on_edited)
        self.ui.buttonBox.accepted.connect(self._on_save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.roleCombo.currentIndexChanged.connect(self._on_role_changed)
        self.ui.signedUpEdit.dateChanged.connect(self._on_date_changed)
        self.ui.capacitySpin.valueChanged.connect(self._on_capacity_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.ui.positionCombo.view().isVisible()  # Enter picks from the open list
        ):
            self._on_save()
            return True
        return super().eventFilter(watched, event)

    def has_changes(self) -> bool:
        """Whether any value differs from what the dialog opened with."""
        return self.values() != self._initial

    def reject(self) -> None:
        """Close without saving; ask first when something was changed (Escape, Cancel)."""
        if self.has_changes():
            answer = QMessageBox.question(
                self,
                "Discard changes?",
                "This sign-up has changes that are not saved. Discard them?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # -- values ----------------------------------------------------------------------------

    def set_values(self, person: PersonInput, signup: SignupInput) -> None:
        ui = self.ui
        ui.nameEdit.setText(person.name)
        ui.emailEdit.setText(person.email)
        ui.positionCombo.setCurrentText(person.position)
        ui.departmentEdit.setText(person.department)
        ui.projectsEdit.setText(", ".join(person.projects))
        ui.languagesEdit.setText(", ".join(person.languages))
        ui.notesEdit.setPlainText(person.notes)
        ui.roleCombo.setCurrentIndex(ui.roleCombo.findData(signup.role))
        d = signup.signed_up
        ui.signedUpEdit.setDate(QDate(d.year, d.month, d.day))
        ui.yearSpin.setValue(signup.program_year)
        self._fill_statuses(signup.status)
        ui.formatCombo.setCurrentIndex(ui.formatCombo.findData(signup.meeting_format))
        ui.capacitySpin.setValue(max(1, signup.capacity))
        self._on_capacity_changed(ui.capacitySpin.value())
        known = {t.casefold() for t in TOPICS}
        wanted = {t.casefold() for t in signup.topics}
        for i in range(ui.topicsList.count()):
            item = ui.topicsList.item(i)
            checked = item.text().casefold() in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        ui.otherTopicsEdit.setText(", ".join(t for t in signup.topics if t.casefold() not in known))
        ui.motivationEdit.setPlainText(signup.motivation)
        self._on_role_changed()

    def _fill_statuses(self, status: SignupStatus) -> None:
        """Open and withdrawn are chosen by hand; matched and closed follow the pairs."""
        combo = self.ui.statusCombo
        combo.clear()
        pair_driven = status in (SignupStatus.MATCHED, SignupStatus.CLOSED)
        for choice in (status,) if pair_driven else (SignupStatus.OPEN, SignupStatus.WITHDRAWN):
            combo.addItem(STATUS_TEXT[choice], choice)
        combo.setCurrentIndex(combo.findData(status))
        combo.setEnabled(not pair_driven)
        combo.setToolTip(
            "Follows this sign-up's pairs; change the pair on its timeline."
            if pair_driven
            else "Withdraw a sign-up when the person no longer takes part."
        )

    def values(self) -> tuple[PersonInput, SignupInput]:
        ui = self.ui
        person = PersonInput(
            name=ui.nameEdit.text(),
            email=ui.emailEdit.text(),
            position=ui.positionCombo.currentText(),
            department=ui.departmentEdit.text(),
            projects=split_list(ui.projectsEdit.text()),
            languages=split_list(ui.languagesEdit.text()),
            notes=ui.notesEdit.toPlainText(),
        )
        topics = [
            ui.topicsList.item(i).text()
            for i in range(ui.topicsList.count())
            if ui.topicsList.item(i).checkState() == Qt.CheckState.Checked
        ]
        topics += split_list(ui.otherTopicsEdit.text())
        qdate = ui.signedUpEdit.date()
        signup = SignupInput(
            role=Role(ui.roleCombo.currentData()),
            signed_up=date(qdate.year(), qdate.month(), qdate.day()),
            program_year=ui.yearSpin.value(),
            topics=split_list(", ".join(topics)),
            meeting_format=MeetingFormat(ui.formatCombo.currentData()),
            capacity=ui.capacitySpin.value(),
            motivation=ui.motivationEdit.toPlainText(),
            status=SignupStatus(ui.statusCombo.currentData()),
        )
        return person, signup

    # -- reactions -------------------------------------------------------------------------

    def _on_edited(self, *_changed: object) -> None:
        self._edit_timer.start()  # (again): values_edited once typing pauses

    def _on_role_changed(self) -> None:
        is_mentor = self.ui.roleCombo.currentData() == Role.MENTOR
        self.ui.capacitySpin.setEnabled(is_mentor)
        self.ui.capacityLabel.setEnabled(is_mentor)
        # A mentee offers no places: a greyed "1 mentee this sign-up offers" read as if it did.
        self.ui.signupForm.setRowVisible(self.ui.capacitySpin, is_mentor)
        self.ui.topicsLabel.setText("&Topics offered" if is_mentor else "&Topics wanted")

    def _on_capacity_changed(self, value: int) -> None:
        noun = "mentee" if value == 1 else "mentees"
        self.ui.capacitySpin.setSuffix(f" {noun} in all")

    def _on_date_changed(self, qdate: QDate) -> None:
        self.ui.yearSpin.setValue(
            program_year_for(date(qdate.year(), qdate.month(), qdate.day()), self._year_start_month)
        )

    def _field_widget(self, field: str) -> QWidget | None:
        return {
            "name": self.ui.nameEdit,
            "email": self.ui.emailEdit,
            "position": self.ui.positionCombo,
            "capacity": self.ui.capacitySpin,
            "program_year": self.ui.yearSpin,
            "signed_up": self.ui.signedUpEdit,
            "role": self.ui.roleCombo,
            "status": self.ui.statusCombo,
        }.get(field)

    def show_error(self, error: ValidationError) -> None:
        for widget in (self.ui.nameEdit, self.ui.emailEdit, self.ui.positionCombo):
            widget.setProperty("invalid", False)
            widget.style().polish(widget)
        at_fault = self._field_widget(error.field)
        self.message.show(error.message, at_fault)
        if at_fault is not None:
            at_fault.setProperty("invalid", True)
            at_fault.style().polish(at_fault)
            at_fault.setFocus()

    def _on_save(self) -> None:
        person, signup = self.values()
        unknown = self._ladder.unknown([person.position])
        if unknown and not self.ui.errorLabel.property("position_warned"):
            self.ui.errorLabel.setProperty("position_warned", True)
            self.show_error(
                ValidationError(
                    "position",
                    f"“{unknown[0]}” is not on the seniority ladder, so this person cannot be "
                    "matched until it is. Press Save again to store it anyway.",
                )
            )
            return
        try:
            self._submit(person, signup)
        except EditConflict as conflict:
            self.show_error(conflict)
            if self._reload is not None:
                self.conflict_box = offer_reload(self, conflict, self.reload)
            return
        except ValidationError as error:
            self.show_error(error)
            return
        self.accept()

    def reload(self) -> None:
        """Show the stored values again (someone else changed them)."""
        if self._reload is None:
            return
        self.set_values(*self._reload())
        self._initial = self.values()
        self.message.show("Reloaded with the stored values: make your change again.")
