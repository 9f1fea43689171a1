"""Recording a later meeting of a continuing pair: the dialog, the timeline, the Pairs table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.meeting_dialog import MeetingDialog
from ams_desk.store.database import Database
from ams_desk.store.pair_rows import get_pair_row, list_pair_rows
from ams_desk.store.pairs import change_status, create_pair, record_meeting
from ams_desk.store.people import AddedSignup

MakeWindow = Callable[[], MainWindow]
TODAY = date(2026, 6, 1)  # the windows' today (tests/gui/conftest.py)

MET_ON = datetime(2026, 4, 10, 15)
PATH = (PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED, PairStatus.FIRST_CONTACT,
        PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED, PairStatus.MET,
        PairStatus.EVALUATED, PairStatus.CONTINUING)


def _pair(db: Database, people: dict[str, AddedSignup], *, to: PairStatus) -> int:
    """Eva and José, stepped from a proposal in March to ``to`` (met on 2026-04-10)."""
    pair = create_pair(db, people["eva"].signup_id, people["jose"].signup_id,
                       at=datetime(2026, 3, 2, 9))
    at = MET_ON - timedelta(days=len(PATH[: PATH.index(PairStatus.MET)]))
    for status in PATH[: PATH.index(to) + 1]:
        at = MET_ON if status is PairStatus.MET else at + timedelta(days=1)
        change_status(db, pair.id, status, at=at, details={"format": "Online"}
                      if status is PairStatus.MET else None)
    return pair.id


def _window_on(make_window: MakeWindow, pair_id: int) -> MainWindow:
    window = make_window()
    window.tabs.setCurrentWidget(window.pairs)
    window.pairs.show_pair(pair_id)
    return window


def test_record_a_meeting_on_the_timeline_counted_in_the_pairs_table(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, people, to=PairStatus.CONTINUING)
    window = _window_on(make_window, pair_id)
    pairs = window.pairs
    column = next(c for c in range(pairs.model.columnCount())
                  if pairs.model.headerData(c, Qt.Orientation.Horizontal) == "Meetings")
    row = pairs.model.find_row(lambda r: r.pair.id == pair_id)
    assert pairs.model.index(row, column).data() == "1"  # the first meeting, the met step
    button = pairs.timeline.meeting_button
    assert not button.isHidden() and button.text() == "Record a &meeting…"
    button.click()
    [dialog] = [d for d in pairs.findChildren(MeetingDialog) if d.isVisible()]
    assert dialog.ui.formatCombo.currentText() == "Online"  # as they met the first time
    assert dialog.ui.dateEdit.minimumDate() == QDate(2026, 4, 10)
    assert dialog.ui.dateEdit.maximumDate() == QDate(2026, 6, 1)
    dialog.ui.dateEdit.setDate(QDate(2026, 5, 12))
    dialog.ui.formatCombo.setCurrentText("In person")
    dialog.ui.placeEdit.setText("Café de Jaren")
    dialog.ui.noteEdit.setPlainText("Talked about the Veni proposal.")
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    story = pairs.timeline.browser.toPlainText()
    assert "Met again — 2026-05-12 12:00" in story
    assert "Eva Müller and José Muñoz met again." in story
    assert "Met: In person" in story and "Place: Café de Jaren" in story
    assert "Talked about the Veni proposal." in story
    row = pairs.model.find_row(lambda r: r.pair.id == pair_id)
    assert pairs.model.index(row, column).data() == "2"
    assert window.undo_stack.undoText() == "Meeting of Eva Müller → José Muñoz"
    window.undo_action.trigger()
    assert "Met again" not in pairs.timeline.browser.toPlainText()
    assert [r.meetings for r in list_pair_rows(db)] == [1]
    window.redo_action.trigger()
    assert [r.meetings for r in list_pair_rows(db)] == [2]
    assert get_pair_row(db, pair_id).meetings == 2


def test_only_continuing_pairs_record_meetings(
    make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, people, to=PairStatus.EVALUATED)
    window = _window_on(make_window, pair_id)
    assert window.pairs.timeline.meeting_button.isHidden()
    assert window.pairs.timeline.row is not None
    with pytest.raises(ValidationError, match="continuing pairs"):
        record_meeting(db, pair_id, datetime(2026, 5, 1, 12), "Online", today=TODAY)


def test_a_refused_day_keeps_the_dialog_open_and_says_why(
    make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    pair_id = _pair(db, people, to=PairStatus.CONTINUING)
    with pytest.raises(ValidationError, match="before the pair's first meeting"):
        record_meeting(db, pair_id, datetime(2026, 4, 9, 12), "Online", today=TODAY)
    with pytest.raises(ValidationError, match="after today"):
        record_meeting(db, pair_id, datetime(2026, 6, 2, 12), "Online", today=TODAY)
    window = _window_on(make_window, pair_id)
    dialog = window.pairs.record_meeting()
    assert dialog is not None
    dialog._today = date(2026, 6, 2)  # the day turned while the dialog was open
    dialog.ui.dateEdit.setMaximumDate(QDate(2026, 6, 2))
    dialog.ui.dateEdit.setDate(QDate(2026, 6, 2))
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible() and not dialog.ui.errorLabel.isHidden()
    assert "after today" in dialog.ui.errorLabel.text()
    assert get_pair_row(db, pair_id).meetings == 1
