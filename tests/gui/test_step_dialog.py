"""The step dialog with the keyboard: typed dates, refusals beside the field, required answers."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel
from showing import show_active

from ams_desk.core.workflow import PairStatus
from ams_desk.gui.step_dialog import StepDialog

PREVIOUS = datetime(2026, 11, 15, 9, 0)
NOW = datetime(2026, 12, 5, 12, 1)
Recorded = list[tuple[datetime, str, dict[str, str]]]


def _dialog(qtbot: object, target: PairStatus, recorded: Recorded) -> StepDialog:
    dialog = StepDialog(
        target, "Eva Müller → José Muñoz", lambda *values: recorded.append(values),
        earliest=PREVIOUS, now=NOW,
    )
    show_active(qtbot, dialog)
    return dialog


def _type_date(qtbot: object, dialog: StepDialog, text: str, *, select_all: bool) -> None:
    edit = dialog.when_edit
    edit.setFocus()
    if select_all:
        edit.selectAll()
    else:  # from the first section, as after a click on the year
        edit.setSelectedSection(edit.Section.YearSection)
    qtbot.keyClicks(edit, text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("select_all", [True, False], ids=["all-selected", "from-year"])
def test_a_typed_back_date_is_the_date_typed(qtbot: object, select_all: bool) -> None:
    recorded: Recorded = []
    dialog = _dialog(qtbot, PairStatus.MENTOR_AGREED, recorded)
    _type_date(qtbot, dialog, "2026-11-20 10:00", select_all=select_all)
    assert dialog.when_edit.text() == "2026-11-20 10:00"
    assert not dialog.error_label.isVisible()
    qtbot.keyClick(dialog.when_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert [when for when, _note, _details in recorded] == [datetime(2026, 11, 20, 10, 0)]


def test_a_date_before_the_previous_step_is_refused_beside_the_field(qtbot: object) -> None:
    recorded: Recorded = []
    dialog = _dialog(qtbot, PairStatus.MENTOR_AGREED, recorded)
    _type_date(qtbot, dialog, "2026-11-10 10:00", select_all=True)
    # The date stays as typed; the refusal says why, right under the field.
    assert dialog.when_edit.text() == "2026-11-10 10:00"
    label = dialog.error_label
    assert label.isVisible()
    assert label.text() == (
        "The step date cannot be before the previous step (2026-11-15 09:00)."
    )
    assert 0 <= label.geometry().top() - dialog.when_edit.geometry().bottom() <= 16
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog._on_save()
    assert recorded == [] and dialog.isVisible()
    _type_date(qtbot, dialog, "2026-12-06 10:00", select_all=True)
    assert "cannot be in the future" in label.text()
    _type_date(qtbot, dialog, "2026-11-16 10:00", select_all=True)
    assert not label.isVisible() and save.isEnabled()


def test_days_out_of_range_look_disabled_in_the_calendar(qtbot: object) -> None:
    dialog = _dialog(qtbot, PairStatus.MENTOR_AGREED, [])
    calendar = dialog.when_edit.calendarWidget()
    calendar.setCurrentPage(2026, 11)
    disabled = dialog.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    colour = {
        day: calendar.dateTextFormat(QDate(2026, 11, day)).foreground().color()
        for day in (14, 15, 20)
    }
    assert colour[14] == disabled
    assert colour[15] != disabled and colour[20] != disabled
    assert calendar.dateTextFormat(QDate(2026, 12, 6)).foreground().color() == disabled
    # Clicking such a day gives that day with the refusal, not nothing.
    calendar.clicked.emit(QDate(2026, 11, 14))
    assert dialog.when_edit.date() == QDate(2026, 11, 14)
    assert "before the previous step" in dialog.error_label.text()


def test_evaluated_starts_without_an_answer_and_requires_one(qtbot: object) -> None:
    recorded: Recorded = []
    dialog = _dialog(qtbot, PairStatus.EVALUATED, recorded)
    combo = dialog.field_widget("continue")
    assert isinstance(combo, QComboBox)
    assert combo.currentIndex() == -1 and combo.currentText() == ""
    dialog.field_widget("outcome").setPlainText("Two concrete next steps.")  # type: ignore[attr-defined]
    dialog._on_save()
    assert recorded == []
    assert dialog.error_label.text() == "Continue meeting? is needed for this step."
    assert 0 <= dialog.error_label.geometry().top() - combo.geometry().bottom() <= 16
    combo.setCurrentIndex(combo.findText("No, they close"))
    dialog._on_save()
    assert recorded[0][2]["continue"] == "No, they close"


def test_meeting_planned_speaks_of_dates_one_way(qtbot: object) -> None:
    dialog = _dialog(qtbot, PairStatus.MEETING_PLANNED, [])
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert "Step &date" in labels and "Meeting date *" in labels
    assert not [text for text in labels if "When" in text or "Meeting on" in text]


def test_a_previous_step_later_than_the_clock_does_not_block_the_next(qtbot: object) -> None:
    recorded: Recorded = []
    dialog = StepDialog(PairStatus.MENTOR_AGREED, "Eva → José", lambda *v: recorded.append(v),
                        earliest=NOW.replace(hour=13), now=NOW)
    show_active(qtbot, dialog)
    assert not dialog.error_label.isVisible()
    dialog._on_save()
    assert [when for when, _note, _details in recorded] == [NOW.replace(hour=13)]
