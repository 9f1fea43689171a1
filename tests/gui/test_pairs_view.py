"""The Pairs tab, its timeline and step dialogs, the attention list and people's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.attention_view import AttentionModel
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.pair_model import PairTableModel
from ams_desk.gui.step_dialog import StepDialog
from ams_desk.store.database import Database
from ams_desk.store.pair_rows import list_pair_rows
from ams_desk.store.pairs import change_status, create_pair, get_pair
from ams_desk.store.people import AddedSignup, get_signup

MakeWindow = Callable[[], MainWindow]
PROPOSED_AT = datetime(2026, 5, 20, 9, 0)


@pytest.fixture
def pair_id(db: Database, people: dict[str, AddedSignup]) -> int:
    return create_pair(
        db, people["eva"].signup_id, people["jose"].signup_id, at=PROPOSED_AT, by="Anouk"
    ).id


def _open_dialog(widget: object) -> StepDialog:
    """The one step dialog on screen (closed ones may linger until deleted)."""
    [dialog] = [d for d in widget.findChildren(StepDialog) if d.isVisible()]  # type: ignore[attr-defined]
    return dialog


def _fill_step(dialog: StepDialog) -> None:
    """Answer what each step asks for, as a coordinator would."""
    answers = {
        "questions": "How do I apply for a Veni grant?\nHow do I find a lab abroad?",
        "place": "Lab 42, Science Park",
        "outcome": "Useful: got two concrete next steps.",
    }
    for key, text in answers.items():
        if key in dialog._fields:
            widget = dialog.field_widget(key)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            elif isinstance(widget, QLineEdit):
                widget.setText(text)
    if "meeting_date" in dialog._fields:
        widget = dialog.field_widget("meeting_date")
        assert isinstance(widget, QDateEdit)
        widget.setDate(widget.date().addDays(10))
    if "continue" in dialog._fields:
        combo = dialog.field_widget("continue")
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(1)


def test_models_pass_the_qt_model_tester(
    qtmodeltester: object, db: Database, pair_id: int, today: object
) -> None:
    model = PairTableModel(today)  # type: ignore[arg-type]
    model.set_rows(list_pair_rows(db))
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.set_filters(None, late_only=True)
    model.sort(3)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    attention = AttentionModel()
    qtmodeltester.check(attention, force_py=True)  # type: ignore[attr-defined]


def test_drive_a_pair_from_proposed_to_closed(
    qtbot: object,
    make_window: MakeWindow,
    db: Database,
    pair_id: int,
    people: dict[str, AddedSignup],
) -> None:
    window = make_window()
    window.open_pair(pair_id)
    pairs = window.pairs
    assert pairs.current_pair_id() == pair_id
    path = [
        PairStatus.MENTOR_AGREED,
        PairStatus.INTRODUCED,
        PairStatus.FIRST_CONTACT,
        PairStatus.MENTOR_RESPONDED,
        PairStatus.MEETING_PLANNED,
        PairStatus.MET,
        PairStatus.EVALUATED,
        PairStatus.CLOSED,
    ]
    for step in path:
        buttons = pairs.timeline.step_buttons()
        assert step in buttons, f"{step} is not offered; offered: {list(buttons)}"
        assert PairStatus.CANCELLED in buttons
        buttons[step].click()
        dialog = _open_dialog(pairs)
        assert dialog.target is step
        _fill_step(dialog)
        dialog._on_save()
        assert not dialog.isVisible(), dialog.error_label.text()
        assert get_pair(db, pair_id).status == step.value
        assert pairs.current_pair_id() == pair_id
    assert pairs.timeline.step_buttons() == {}
    html = pairs.timeline.browser.toPlainText()
    for sentence in (
        "The team suggested José Muñoz to Eva Müller.",
        "José Muñoz wrote to Eva Müller with their questions.",
        "How do I apply for a Veni grant?",
        "Lab 42, Science Park",
        "Useful: got two concrete next steps.",
        "The pair was closed.",
    ):
        assert sentence in html
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.CLOSED

    # Undo walks back step by step, redo forward again.
    for step in reversed(path[-3:]):
        assert get_pair(db, pair_id).status == step.value
        window.undo_action.trigger()
    assert get_pair(db, pair_id).status == PairStatus.MEETING_PLANNED.value
    window.redo_action.trigger()
    assert get_pair(db, pair_id).status == PairStatus.MET.value
    assert list(pairs.timeline.step_buttons()) == [PairStatus.EVALUATED, PairStatus.CANCELLED]


def test_required_step_fields_and_back_dating_are_checked(
    qtbot: object, make_window: MakeWindow, db: Database, pair_id: int
) -> None:
    window = make_window()
    window.open_pair(pair_id)
    pairs = window.pairs
    pairs.timeline.step_buttons()[PairStatus.MENTOR_AGREED].click()
    agreed = _open_dialog(pairs)
    # A date before the previous step is refused in words, not bent into range.
    agreed.when_edit.setDateTime(agreed.when_edit.dateTime().fromString(
        "2026-05-19 09:00", "yyyy-MM-dd HH:mm"))
    agreed._on_save()
    assert agreed.isVisible()
    assert "before the previous step (2026-05-20 09:00)" in agreed.error_label.text()
    assert get_pair(db, pair_id).status == PairStatus.PROPOSED.value
    agreed.when_edit.setDateTime(agreed.when_edit.dateTime().addDays(1))
    agreed._on_save()
    pairs.timeline.step_buttons()[PairStatus.INTRODUCED].click()
    _open_dialog(pairs)._on_save()
    pairs.timeline.step_buttons()[PairStatus.FIRST_CONTACT].click()
    first_contact = _open_dialog(pairs)
    first_contact._on_save()
    assert first_contact.isVisible()
    assert "Mentee's questions is needed" in first_contact.error_label.text()
    assert get_pair(db, pair_id).status == PairStatus.INTRODUCED.value


def test_cancel_asks_for_a_reason_and_frees_the_mentee(
    make_window: MakeWindow, db: Database, pair_id: int, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    window.open_pair(pair_id)
    window.pairs.timeline.step_buttons()[PairStatus.CANCELLED].click()
    dialog = _open_dialog(window.pairs)
    dialog._on_save()
    assert dialog.isVisible() and "reason" in dialog.error_label.text()
    dialog.note_edit.setPlainText("Mentee changed jobs")
    dialog._on_save()
    assert not dialog.isVisible()
    assert get_pair(db, pair_id).status == "cancelled"
    assert get_signup(db, people["jose"].signup_id)[1].status is SignupStatus.OPEN
    assert "Mentee changed jobs" in window.pairs.timeline.browser.toPlainText()


def test_late_pairs_are_marked_and_filtered(make_window: MakeWindow, pair_id: int) -> None:
    window = make_window()  # TODAY is 12 days after the proposal: its answer is 5 days late
    window.tabs.setCurrentWidget(window.pairs)
    model = window.pairs.model
    window.pairs.status_combo.setCurrentIndex(window.pairs.status_combo.findText("Late"))
    assert model.rowCount() == 1
    assert model.index(0, 3).data().endswith("(5 d late)")
    assert model.index(0, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    window.pairs.table.selectRow(0)
    assert "due 2026-05-27 — 5 days late" in window.pairs.timeline.browser.toPlainText()


def test_attention_row_opens_the_pair(qtbot: object, make_window: MakeWindow, pair_id: int) -> None:
    window = make_window()
    assert window.tabs.currentWidget() is window.attention
    view = window.attention
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.index(r, 0).data() == "Mentor has not answered the proposal"
    )
    assert view.model.index(row, 1).data() == "Eva Müller → José Muñoz"
    view.select_row(row)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.tabs.currentWidget() is window.pairs
    assert window.pairs.current_pair_id() == pair_id


def test_attention_row_opens_a_waiting_signup(
    make_window: MakeWindow, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    view = window.attention
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.index(r, 1).data() == "Zoë van den Berg"
    )
    view.select_row(row)
    view.open_current()
    assert window.tabs.currentWidget() is window.views[Role.MENTEE]
    assert window.views[Role.MENTEE].selected_ids() == [people["zoe"].signup_id]


def test_history_of_a_person(make_window: MakeWindow, pair_id: int) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTOR])
    view = window.views[Role.MENTOR]
    row = view.model.find_row(lambda r: r.name == "Eva Müller")
    view.table.selectRow(row)
    assert window.history_action.isEnabled()
    window.history_action.trigger()
    from ams_desk.gui.history_dialog import HistoryDialog

    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "José Muñoz" in text and "Proposed to mentor" in text
    assert dialog.summary_label.text() == "Signed up once (2026)."


def test_due_periods_are_settings_with_undo(
    make_window: MakeWindow, db: Database, pair_id: int
) -> None:
    from ams_desk.gui.settings_dialog import ProgramSettingsDialog
    from ams_desk.store.settings import get_program_settings

    window = make_window()
    late = [
        window.attention.model.index(r, 0).data() for r in range(window.attention.model.rowCount())
    ]
    assert "Mentor has not answered the proposal" in late
    dialog = window.edit_settings()
    assert isinstance(dialog, ProgramSettingsDialog)
    assert dialog.ui.proposalSpin.value() == 7
    dialog.ui.proposalSpin.setValue(20)  # proposal on May 20 is now due on June 9
    dialog.ui.waitingSpin.setValue(730)
    dialog.ui.buttonBox.accepted.emit()
    assert get_program_settings(db).proposal_answer_days == 20
    assert window.attention.model.rowCount() == 0
    assert "Nothing needs attention" in window.attention.summary_label.text()
    window.undo_action.trigger()
    assert get_program_settings(db).proposal_answer_days == 7
    assert window.attention.model.rowCount() == len(late)


def test_a_ladder_naming_a_position_twice_is_refused(make_window: MakeWindow, db: Database) -> None:
    from ams_desk.store.settings import get_program_settings

    window = make_window()
    dialog = window.edit_settings()
    dialog.ui.ladderEdit.setPlainText("Postdoc\npostdoc")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible()
    assert "twice" in dialog.ui.errorLabel.text()
    assert get_program_settings(db).positions[0] == "PhD candidate"


def test_the_tab_reads_ended_pairs_only_when_a_filter_shows_them(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup],
    pair_id: int,
) -> None:
    ended = create_pair(db, people["soren"].signup_id, people["huong"].signup_id,
                        at=datetime(2025, 5, 20, 9, 0)).id
    change_status(db, ended, PairStatus.MENTOR_DECLINED, at=datetime(2025, 5, 22, 9, 0))
    window = make_window()
    window.tabs.setCurrentWidget(window.pairs)
    view = window.pairs
    # The tab opens on the open pairs and reads no others: with years of closed pairs
    # (65,000 of 80,000 at 100,000 people) that is most of its opening time.
    assert view.status_combo.currentText() == "Open pairs"
    assert [r.pair.id for r in view.model.all_rows()] == [pair_id]
    assert [view.year_combo.itemText(i) for i in range(view.year_combo.count())] == [
        "All years", "2026", "2025"]  # every year with pairs, read apart
    view.status_combo.setCurrentIndex(view.status_combo.findText("All pairs"))
    assert {r.pair.id for r in view.model.all_rows()} == {pair_id, ended}
    assert view.model.rowCount() == 2
    view.status_combo.setCurrentIndex(view.status_combo.findText("Open pairs"))
    assert view.model.rowCount() == 1


def test_showing_an_ended_pair_reads_the_ended_pairs(
    qtbot: object, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup],
    pair_id: int,
) -> None:
    change_status(db, pair_id, PairStatus.MENTOR_DECLINED, at=datetime(2026, 5, 22, 9, 0))
    window = make_window()
    window.open_pair(pair_id)  # as History's "open this pair" does
    assert window.pairs.current_pair_id() == pair_id
    assert window.pairs.status_combo.currentText() == "All pairs"


def test_a_step_and_a_new_sign_up_are_dated_on_the_apps_day(
    make_window: MakeWindow, pair_id: int
) -> None:
    """The app's day, not the computer's clock: tests and screenshots fix it."""
    window = make_window()
    assert window.ctx.today != date.today()
    window.open_pair(pair_id)
    dialog = window.pairs.record_step(PairStatus.MENTOR_AGREED)
    assert dialog is not None
    assert dialog.when_edit.dateTime().toPython() == datetime.combine(window.ctx.today,
                                                                      time(10, 0))
    dialog.reject()
    editor = window.views[Role.MENTEE].new_signup()
    assert editor.values()[1].signed_up == window.ctx.today
    editor.reject()
