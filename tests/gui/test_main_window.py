"""The main window as a coordinator uses it: tables, search, sort, add, edit, withdraw, undo."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ams_desk.core.model import Role, SignupStatus
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.store.database import Database
from ams_desk.store.people import AddedSignup, get_signup, list_people, list_signups

MakeWindow = Callable[[], MainWindow]


def _names(window: MainWindow, role: Role) -> list[str]:
    model = window.views[role].model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _select(window: MainWindow, role: Role, name: str) -> None:
    window.tabs.setCurrentWidget(window.views[role])
    view = window.views[role]
    row = _names(window, role).index(name)
    view.table.selectRow(row)


def test_opens_on_the_attention_list_and_loads_tabs_when_shown(
    make_window: MakeWindow, people: dict
) -> None:
    window = make_window()
    # All four mentees signed up in March and have waited past the 60-day limit on
    # 2026-06-01: the day starts on the attention list.
    assert window.tabs.currentWidget() is window.attention
    assert window.tabs.tabText(0) == "Needs attention  (4)"
    assert window.tabs.tabText(1) == "Mentees"  # not read from the store until shown
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    assert window.tabs.tabText(1) == "Mentees  (4)"
    assert sorted(_names(window, Role.MENTEE)) == [
        "Ayşe Öztürk",
        "José Muñoz",
        "Nguyễn Thị Hương",
        "Zoë van den Berg",
    ]
    assert "4 shown of 4 mentees" in window.count_label.text()
    assert [window.views[Role.MENTEE].year_combo.itemText(i) for i in range(3)] == [
        "All years",
        "2026",
        "2025",
    ]
    window.tabs.setCurrentWidget(window.views[Role.MENTOR])
    assert window.tabs.tabText(2) == "Mentors  (3)"
    window.tabs.setCurrentWidget(window.pairs)
    assert window.tabs.tabText(4) == "Pairs  (0)"


def test_search_as_you_type_and_ctrl_f(
    qtbot: object, make_window: MakeWindow, people: dict
) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert view.search_edit.hasFocus()
    qtbot.keyClicks(view.search_edit, "ozturk")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # type: ignore[attr-defined]
    assert _names(window, Role.MENTEE) == ["Ayşe Öztürk"]
    assert "1 shown of 4 mentees" in window.count_label.text()
    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)  # type: ignore[attr-defined]


def test_header_click_sorts(qtbot: object, make_window: MakeWindow, people: dict) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.tabs.currentWidget() is view
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + 10
    from PySide6.QtCore import QPoint

    before = _names(window, Role.MENTEE)
    by_name = ["Ayşe Öztürk", "José Muñoz", "Nguyễn Thị Hương", "Zoë van den Berg"]
    assert before != by_name  # the default order is not by name: the click must change it
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))  # type: ignore[attr-defined]
    assert _names(window, Role.MENTEE) == by_name
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))  # type: ignore[attr-defined]
    assert _names(window, Role.MENTEE) == list(reversed(by_name))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_year_and_status_filters(make_window: MakeWindow, people: dict) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    view.year_combo.setCurrentIndex(view.year_combo.findData(2025))
    assert sorted(_names(window, Role.MENTEE)) == ["Nguyễn Thị Hương", "Zoë van den Berg"]
    view.status_combo.setCurrentIndex(view.status_combo.findText("Withdrawn"))
    assert _names(window, Role.MENTEE) == []


def _fill(dialog: SignupEditor, qtbot: object, **fields: str) -> None:
    ui = dialog.ui
    for name, text in fields.items():
        widget = {
            "name": ui.nameEdit,
            "email": ui.emailEdit,
            "projects": ui.projectsEdit,
            "position": ui.positionCombo.lineEdit(),
        }[name]
        widget.clear()
        if text.isascii():
            qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]
        else:  # QTest cannot type letters outside the keyboard map
            widget.insert(text)


def test_add_through_the_dialog_then_undo_and_redo(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    dialog = window.findChild(SignupEditor)
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.roleCombo.currentData() == Role.MENTEE
    _fill(
        dialog,
        qtbot,
        name="Ingrid Þórsdóttir",
        email="ingrid@AMS.org",
        position="postdoc",
        projects="Roboat, Urban Heat",
    )
    dialog.ui.topicsList.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    assert "Ingrid Þórsdóttir" in _names(window, Role.MENTEE)
    added = [s for s in list_signups(db) if s.name == "Ingrid Þórsdóttir"][0]
    assert (added.email, added.position, added.projects, added.topics) == (
        "ingrid@ams.org",
        "Postdoc",
        ("Roboat", "Urban Heat"),
        ("Career guidance",),
    )
    assert window.views[Role.MENTEE].selected_ids() == [added.signup_id]

    window.undo_action.trigger()
    assert "Ingrid Þórsdóttir" not in _names(window, Role.MENTEE)
    assert len(list_people(db)) == 7
    window.redo_action.trigger()
    assert "Ingrid Þórsdóttir" in _names(window, Role.MENTEE)
    assert [s.signup_id for s in list_signups(db) if s.name == "Ingrid Þórsdóttir"] == [
        added.signup_id
    ]


def test_dialog_shows_validation_errors_and_stays_open(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict
) -> None:
    window = make_window()
    dialog = window.new_signup()
    _fill(dialog, qtbot, name="Nobody", email="not an email", position="PhD candidate")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible()
    assert "not a valid email address" in dialog.ui.errorLabel.text()
    assert dialog.ui.emailEdit.property("invalid") is True
    assert dialog.focusWidget() is dialog.ui.emailEdit
    _fill(dialog, qtbot, email="nobody@ams.org")
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData(Role.MENTOR))
    assert dialog.ui.capacitySpin.isEnabled()
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    assert "Nobody" in _names(window, Role.MENTOR)


def test_unknown_position_warns_once_then_saves(
    qtbot: object, make_window: MakeWindow, db: Database
) -> None:
    window = make_window()
    dialog = window.new_signup()
    _fill(dialog, qtbot, name="Kim", email="kim@ams.org", position="Chief wizard")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible()
    assert "not on the seniority ladder" in dialog.ui.errorLabel.text()
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    assert [p.position for p in list_people(db)] == ["Chief wizard"]


def test_duplicate_email_offers_to_add_to_the_existing_person(
    qtbot: object,
    make_window: MakeWindow,
    db: Database,
    people: dict,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = window.new_signup()
    _fill(dialog, qtbot, name="Eva M.", email="EVA@ams.org", position="Full professor")
    dialog.ui.buttonBox.accepted.emit()
    assert "already belongs to Eva Müller" in asked[0]
    assert dialog.isVisible()
    assert "already belongs to Eva Müller" in dialog.ui.errorLabel.text()
    assert len(list_people(db)) == 7

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    eva = [s for s in list_signups(db) if s.email.casefold() == "eva@ams.org"]
    assert len(eva) == 2 and len(list_people(db)) == 7


def test_edit_with_enter_then_undo(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    _select(window, Role.MENTOR, "Eva Müller")
    before = get_signup(db, people["eva"].signup_id)
    dialog = window.edit_selected()
    assert dialog is not None
    assert dialog.ui.nameEdit.text() == "Eva Müller"
    assert dialog.ui.capacitySpin.value() == 2
    _fill(dialog, qtbot, name="Eva Müller-Lüdenscheidt")
    dialog.ui.capacitySpin.setValue(3)
    dialog.ui.buttonBox.accepted.emit()
    person, signup = get_signup(db, people["eva"].signup_id)
    assert person.name == "Eva Müller-Lüdenscheidt" and signup.capacity == 3
    assert "Eva Müller-Lüdenscheidt" in _names(window, Role.MENTOR)
    assert window.views[Role.MENTOR].selected_ids() == [people["eva"].signup_id]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert get_signup(db, people["eva"].signup_id) == before


def test_withdraw_with_delete_key_and_undo(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    _select(window, Role.MENTEE, "José Muñoz")
    view = window.views[Role.MENTEE]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.WITHDRAWN
    assert "José Muñoz" not in _names(window, Role.MENTEE)  # default filter: open and matched
    assert "Withdraw José Muñoz" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.OPEN
    assert "José Muñoz" in _names(window, Role.MENTEE)
    window.redo_action.trigger()
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.WITHDRAWN


def test_failed_undo_is_reported_and_dropped(
    make_window: MakeWindow,
    db: Database,
    people: dict[str, AddedSignup],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    _select(window, Role.MENTEE, "José Muñoz")
    window.withdraw_selected()
    # Someone else removes the sign-up meanwhile (team mode): undo cannot restore it.
    with db.session() as session:
        from sqlalchemy import delete

        from ams_desk.store.schema import SignupRow

        session.execute(delete(SignupRow).where(SignupRow.id == people["jose"].signup_id))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.undo_action.trigger()
    assert warnings and "Undo of “Withdraw José Muñoz” failed" in warnings[0]
    assert window.undo_stack.count() == 0


def test_window_state_is_remembered(
    make_window: MakeWindow, people: dict, settings: QSettings
) -> None:
    window = make_window()
    window.resize(711, 466)
    window.tabs.setCurrentIndex(2)
    header = window.views[Role.MENTOR].table.horizontalHeader()
    header.resizeSection(0, 333)
    header.moveSection(header.visualIndex(1), 4)
    window.close()
    again = make_window()
    assert again.size().width() == 711 and again.size().height() == 466
    assert again.tabs.currentWidget() is again.attention  # items need attention today
    header = again.views[Role.MENTOR].table.horizontalHeader()
    assert header.sectionSize(0) == 333
    assert header.visualIndex(1) == 4


def test_last_tab_is_remembered_when_nothing_needs_attention(
    make_window: MakeWindow, settings: QSettings
) -> None:
    window = make_window()
    assert window.attention.model.rowCount() == 0
    assert "Nothing needs attention" in window.attention.summary_label.text()
    window.tabs.setCurrentIndex(2)
    window.close()
    assert make_window().tabs.currentIndex() == 2
