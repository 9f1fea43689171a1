"""The main window as a coordinator first meets it: keys, focus, empty results, toolbar, counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QToolBar
from showing import show_tab_at

from ams_desk.core.model import Role
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.settings_dialog import ProgramSettingsDialog
from ams_desk.store.people import AddedSignup

MakeWindow = Callable[[], MainWindow]


def test_ctrl_comma_opens_program_settings(qtbot: object, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    dialog = window.findChild(ProgramSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert "Ctrl+," in [s.toString() for s in window.settings_action.shortcuts()]


def test_the_shown_table_has_the_keys_when_the_window_opens(
    qtbot: object, make_window: MakeWindow, people: dict
) -> None:
    window = make_window()
    assert window.tabs.currentWidget() is window.attention
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.attention.table)  # type: ignore[attr-defined]
    qtbot.keyClick(window.attention.table, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert window.attention.table.currentIndex().isValid()


def test_escape_clears_the_search(qtbot: object, make_window: MakeWindow, people: dict) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClicks(view.search_edit, "ozturk")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # type: ignore[attr-defined]
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert view.search_edit.text() == ""
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)  # type: ignore[attr-defined]


@pytest.mark.parametrize("tab", ["mentors", "pairs", "board", "outbox"])
def test_escape_clears_every_search_field(
    qtbot: object, make_window: MakeWindow, people: dict, tab: str
) -> None:
    window = make_window()
    widget = window.views[Role.MENTOR] if tab == "mentors" else getattr(window, tab)
    window.tabs.setCurrentWidget(widget)
    window.focus_search()
    edit = widget.search_edit
    assert edit.hasFocus()
    qtbot.keyClicks(edit, "eva")  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert edit.text() == ""


def test_an_empty_search_says_so(qtbot: object, make_window: MakeWindow, people: dict) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    assert not view.empty_note.isVisible()
    qtbot.keyClicks(view.search_edit, "xyz")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)  # type: ignore[attr-defined]
    assert view.empty_note.isVisible()
    assert view.empty_note.text() == "No mentee matches “xyz”."
    assert view.table.viewport().rect().contains(view.empty_note.geometry())
    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)  # type: ignore[attr-defined]
    assert not view.empty_note.isVisible()
    view.status_combo.setCurrentIndex(view.status_combo.findText("Withdrawn"))
    assert view.empty_note.text() == "No mentee matches these filters."


def test_an_empty_pairs_search_says_so(
    qtbot: object, make_window: MakeWindow, people: dict
) -> None:
    window = make_window()
    pairs = window.pairs
    window.tabs.setCurrentWidget(pairs)
    assert pairs.empty_note.text() == "No pair in “Open pairs”."
    qtbot.keyClicks(pairs.search_edit, "xyz")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "xyz" in pairs.empty_note.text())  # type: ignore[attr-defined]
    assert pairs.empty_note.text() == "No pair matches “xyz” in “Open pairs”."
    assert pairs.empty_note.isVisible()


def test_tab_counts_stay_after_an_edit(
    qtbot: object, make_window: MakeWindow, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    for tab in (window.views[Role.MENTOR], window.pairs, window.views[Role.MENTEE]):
        window.tabs.setCurrentWidget(tab)
    before = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Mentors  (3)" in before and "Pairs  (0)" in before
    view = window.views[Role.MENTEE]
    view.select_ids([people["jose"].signup_id])
    dialog = window.edit_selected()
    assert dialog is not None
    dialog.ui.departmentEdit.setText("Circular Cities")
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == before


def test_a_long_undo_label_keeps_redo_and_reload_on_the_toolbar_at_1024_px(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.resize(1024, 700)
    long = "Edit sign-up: Nguyễn Thị Hương (mentee, 2026, Urban Mobility and Circular Cities)"
    window.undo_stack.push(QUndoCommand(long))
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None
    QApplication.processEvents()
    for action in (window.undo_action, window.redo_action, window.refresh_action):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert button.geometry().right() <= toolbar.width()
    undo = toolbar.widgetForAction(window.undo_action)
    assert undo.text().endswith("…") and undo.width() < 260
    assert window.undo_action.toolTip() == f"Undo {long}"
    assert window.undo_action.text() == f"&Undo {long}"  # the Edit menu says it whole


def test_at_1024_px_the_mentees_table_shows_when_and_how_each_waits(
    make_window: MakeWindow, people: dict
) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    titles = show_tab_at(window, view, 1024)
    header = view.table.horizontalHeader()
    width = view.table.viewport().width()
    assert width < 1024
    for title in ("Name", "Position", "Signed up", "Waiting", "Status", "Year"):
        column = titles[title]
        assert not header.isSectionHidden(column)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0 and right <= width, title
