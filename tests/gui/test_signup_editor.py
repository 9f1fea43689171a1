"""The sign-up editor with the keyboard: Enter saves, Escape asks, messages sit by their field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from showing import show_active

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.gui.signup_editor import SignupEditor

PERSON = PersonInput("José Muñoz", "jose@ams.org", "Postdoc", "Urban Mobility")
SIGNUP = SignupInput(Role.MENTEE, date(2026, 3, 1), 2026)


def _editor(qtbot: object, saved: list[PersonInput]) -> SignupEditor:
    dialog = SignupEditor(
        lambda person, _signup: saved.append(person), SeniorityLadder(),
        person=PERSON, signup=SIGNUP,
    )
    show_active(qtbot, dialog)
    return dialog


def test_enter_in_the_position_field_saves_without_changing_it(qtbot: object) -> None:
    saved: list[PersonInput] = []
    dialog = _editor(qtbot, saved)
    # Tab into Position as a coordinator does: its text is selected, then Enter.
    dialog.ui.emailEdit.setFocus()
    qtbot.keyClick(dialog.ui.emailEdit, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    assert dialog.ui.positionCombo.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert [p.position for p in saved] == ["Postdoc"]
    assert not dialog.isVisible()


def test_enter_after_typing_a_position_saves_what_was_typed(qtbot: object) -> None:
    saved: list[PersonInput] = []
    dialog = _editor(qtbot, saved)
    line = dialog.ui.positionCombo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Researcher")  # type: ignore[attr-defined]
    qtbot.keyClick(line, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
    assert [p.position for p in saved] == ["Researcher"]


def test_escape_closes_at_once_when_nothing_changed(qtbot: object) -> None:
    dialog = _editor(qtbot, [])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not dialog.isVisible()


def test_escape_asks_before_dropping_changes(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[PersonInput] = []
    dialog = _editor(qtbot, saved)
    dialog.ui.departmentEdit.setText("Circular Cities")
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert asked == ["Discard changes?"]
    assert dialog.isVisible() and dialog.ui.departmentEdit.text() == "Circular Cities"
    answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not dialog.isVisible() and saved == []


@pytest.mark.parametrize("field", ["email", "program_year"])
def test_the_validation_message_sits_under_its_field(qtbot: object, field: str) -> None:
    def refuse(_person: PersonInput, _signup: SignupInput) -> None:
        raise ValidationError(field, f"The {field} is not right.")

    dialog = SignupEditor(refuse, SeniorityLadder(), person=PERSON, signup=SIGNUP)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.resize(900, 640)
    dialog.show()
    dialog._on_save()
    at_fault = dialog._field_widget(field)
    assert at_fault is not None
    label = dialog.ui.errorLabel
    assert label.isVisible() and label.text() == f"The {field} is not right."
    # Right under the field, in its column: not at the foot of the dialog.
    field_box = at_fault.geometry()
    label_box = label.geometry()
    assert label.parentWidget() is at_fault.parentWidget()
    assert 0 <= label_box.top() - field_box.bottom() <= 16
    assert label_box.left() == field_box.left()


@pytest.mark.parametrize(
    "field",
    ["nameEdit", "emailEdit", "roleCombo", "signedUpEdit", "yearSpin", "statusCombo",
     "formatCombo", "departmentEdit", "otherTopicsEdit"],
)
def test_enter_in_any_field_saves_the_values_shown(qtbot: object, field: str) -> None:
    saved: list[PersonInput] = []
    signups: list[SignupInput] = []
    dialog = SignupEditor(
        lambda person, signup: (saved.append(person), signups.append(signup)),
        SeniorityLadder(), person=PERSON, signup=SIGNUP,
    )
    show_active(qtbot, dialog)
    before = dialog.values()
    widget = getattr(dialog.ui, field)
    widget.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert (saved, signups) == ([before[0]], [before[1]])
    assert not dialog.isVisible()
