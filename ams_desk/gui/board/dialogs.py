"""The board's dialogs: a refused drop (with "Pair anyway…") and the match weights.

The weights form is designed in ``ui/board_weights.ui``, one row per soft
criterion; the rows' texts come from the criteria's data here, so that they
are written once (:data:`CRITERION_LABELS`, :data:`CRITERION_HINTS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.eligibility import RuleResult
from ams_desk.core.scoring import CRITERION_LABELS, Criterion, MatchWeights
from ams_desk.gui.conflicts import offer_reload
from ams_desk.gui.forms.ui_board_weights import Ui_WeightsDialog
from ams_desk.store.versions import EditConflict

CRITERION_HINTS: dict[Criterion, str] = {
    Criterion.TOPICS: "Share of the mentee's wanted topics the mentor offers",
    Criterion.MEETING_FORMAT: "In person or online, as both prefer",
    Criterion.LANGUAGE: "They speak a language in common",
    Criterion.SENIORITY_GAP: "One or two steps up the ladder rather than four",
    Criterion.DEPARTMENT: "A different department: an outside perspective",
    Criterion.WAITING_TIME: "Mentees who waited longer go first (full at 90 days)",
}


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("headingLabel")
    label.setWordWrap(True)
    return label


class RefusalDialog(QDialog):
    """Why a drop was refused; "Pair anyway…" asks for the note that overrides the rules.

    ``submit(note)`` places the draft with the override; an exception it
    raises is shown in the dialog, which stays open.
    """

    def __init__(
        self,
        mentee: str,
        mentor: str,
        refused: Sequence[RuleResult],
        submit: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pair refused")
        self.setMinimumWidth(540)
        self._submit = submit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        self.heading = _heading(f"{mentor} cannot take {mentee}")
        layout.addWidget(self.heading)
        items = "".join(f"<li style='margin-bottom:4px'>{escape(r.reason)}</li>" for r in refused)
        self.reasons_label = QLabel(
            f"The pair breaks {'a hard rule' if len(refused) == 1 else 'hard rules'}:"
            f"<ul style='margin-left:-20px; color:#b3261e'>{items}</ul>"
            "<span style='color:#44505c'>Nothing was placed. To pair them all the same, give "
            "the reason; it is kept on the pair's timeline.</span>"
        )
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.reasons_label)
        rules = ", ".join(r.rule.value.replace("_", " ") for r in refused)
        self.note_label = QLabel(f"Why pair {mentee} with {mentor} despite the rules ({rules})?")
        self.note_label.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("For example: they work on different parts of the "
                                          "project and have never met.")
        self.note_edit.setAccessibleName("Reason for the override")
        self.note_edit.setFixedHeight(90)
        self.note_label.setBuddy(self.note_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        for widget in (self.note_label, self.note_edit, self.error_label):
            widget.hide()
            layout.addWidget(widget)
        self.buttons = QDialogButtonBox()
        self.anyway_button = self.buttons.addButton(
            "Pair anyway…", QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_button = self.buttons.addButton(
            "Place draft", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.anyway_button.clicked.connect(self.ask_for_note)
        self.close_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        self.note_edit.textChanged.connect(self._on_note_changed)

    def ask_for_note(self) -> None:
        """Show the note field: the reason to pair them anyway."""
        self.anyway_button.hide()
        for widget in (self.note_label, self.note_edit, self.confirm_button):
            widget.show()
        self.confirm_button.setEnabled(False)
        self.confirm_button.setDefault(True)
        self.note_edit.setFocus()
        self.adjustSize()

    def _on_note_changed(self) -> None:
        self.confirm_button.setEnabled(bool(self.note_edit.toPlainText().strip()))

    def _confirm(self) -> None:
        note = self.note_edit.toPlainText().strip()
        if not note:
            return
        try:
            self._submit(note)
        except Exception as error:  # noqa: BLE001 - shown in the dialog, which stays open
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.accept()


def _form_name(criterion: Criterion) -> str:
    """The criterion's name in the form: ``seniority_gap`` → ``seniorityGap``."""
    first, *rest = criterion.value.split("_")
    return first + "".join(word.title() for word in rest)


class WeightsDialog(QDialog):
    """Edit how much each soft criterion counts in a pair's score.

    When someone else changed the weights since the dialog opened
    (:class:`EditConflict`), it says who and what and offers to ``reload`` them.
    """

    def __init__(
        self,
        weights: MatchWeights,
        submit: Callable[[MatchWeights], None],
        parent: QWidget | None = None,
        *,
        reload: Callable[[], MatchWeights] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_WeightsDialog()
        self.ui.setupUi(self)
        self._submit = submit
        self._reload = reload
        self.conflict_box: QMessageBox | None = None
        self.ui.introLabel.setObjectName("filterLabel")
        self.spins: dict[Criterion, QDoubleSpinBox] = {}
        for criterion in Criterion:
            name = _form_name(criterion)
            label: QLabel = getattr(self.ui, f"{name}Label")
            spin: QDoubleSpinBox = getattr(self.ui, f"{name}Spin")
            hint: QLabel = getattr(self.ui, f"{name}Hint")
            label.setText(CRITERION_LABELS[criterion])
            spin.setAccessibleName(CRITERION_LABELS[criterion])
            hint.setText(CRITERION_HINTS[criterion])
            hint.setObjectName("filterLabel")
            self.spins[criterion] = spin
        self.set_values(weights)
        self.error_label = self.ui.errorLabel
        self.error_label.hide()
        self.buttons = self.ui.buttonBox
        self._connect_signals()

    def set_values(self, weights: MatchWeights) -> None:
        for criterion, spin in self.spins.items():
            spin.setValue(weights.weight(criterion))

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        if isinstance(defaults, QPushButton):
            defaults.clicked.connect(self.restore_defaults)

    def values(self) -> MatchWeights:
        return MatchWeights(**{c.value: spin.value() for c, spin in self.spins.items()})

    def restore_defaults(self) -> None:
        self.set_values(MatchWeights())

    def _on_save(self) -> None:
        try:
            self._submit(self.values())
        except EditConflict as conflict:
            self.error_label.setText(conflict.message)
            self.error_label.show()
            if self._reload is not None:
                self.conflict_box = offer_reload(self, conflict, self.reload)
            return
        except ValueError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.accept()

    def reload(self) -> None:
        """Show the stored weights again (someone else changed them)."""
        if self._reload is not None:
            self.set_values(self._reload())
            self.error_label.setText("Reloaded with the stored weights: make your change again.")
            self.error_label.show()
