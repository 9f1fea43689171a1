"""The matching board: drops driven by synthetic drag events, the keyboard path, undo and redo,
suggestions and proposals, filters and weights."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QListView
from sqlalchemy import select

import ams_desk.store.board as store_board
from ams_desk.core.eligibility import Rule
from ams_desk.core.scoring import MatchWeights
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.board import BoardView
from ams_desk.gui.board.dialogs import RefusalDialog, WeightsDialog
from ams_desk.gui.board.mime import MENTEE_MIME, decode, draft_mime, mentee_mime
from ams_desk.gui.board.models import MenteeListModel, MentorListModel, PairListModel
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.review_dialog import ProposalReview
from ams_desk.gui.operations import Operations
from ams_desk.store.board import DraftRecord, load_board, place_draft
from ams_desk.store.coordinator import set_coordinator_name
from ams_desk.store.database import Database
from ams_desk.store.drafts import propose_drafts, remove_drafts
from ams_desk.store.people import AddedSignup
from ams_desk.store.schema import PairRow, SignupRow
from ams_desk.store.settings import get_program_settings

ACTIONS = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


class Reports(list[tuple[str, Exception]]):
    def __call__(self, title: str, error: Exception) -> None:
        self.append((title, error))


@pytest.fixture
def reports() -> Reports:
    return Reports()


@pytest.fixture
def board(qtbot: Any, db: Database, people: dict[str, AddedSignup], today: date,
          reports: Reports) -> Iterator[BoardView]:
    """The board narrowed to the mentees of 2026: mentors Eva (2 places, Roboat) and Łukasz
    (1 place); mentees José and Ayşe (Roboat, so not with Eva). See ``pool`` for all years."""
    ops = Operations(db, reports)
    ctx = AppContext(db, ops, reports, get_program_settings(db), today)
    view = BoardView(ctx)
    ops.setParent(view)  # deleted with the view, on the GUI thread
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    view.reload()
    combo = view.ui.year_combo
    combo.setCurrentIndex(combo.findData(2026))
    yield view
    assert not reports, reports


def _snapshot(db: Database) -> tuple[Any, ...]:
    with db.session() as session:
        pairs = [
            (p.id, p.mentor_signup_id, p.mentee_signup_id, p.status, p.override_note,
             [(e.id, e.at, e.kind, e.status, e.by, e.note) for e in p.events])
            for p in session.scalars(select(PairRow).order_by(PairRow.id))
        ]
        return pairs, dict(session.execute(select(SignupRow.id, SignupRow.status)).all())


def _pairs(db: Database) -> list[tuple[int, int, str]]:
    with db.session() as session:
        rows = session.execute(select(PairRow.mentor_signup_id, PairRow.mentee_signup_id,
                                      PairRow.status).order_by(PairRow.id))
        return [(m, e, s) for m, e, s in rows]


def _row(view: BoardView, name: str) -> int:
    return view.mentor_model.row_where(lambda c: c.name == name)


def _point(view: QListView, row: int) -> QPoint:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    return view.visualRect(index).center()


def _enter(view: QListView, mime: QMimeData, point: QPoint) -> QDragMoveEvent:
    target = view.viewport()
    enter = QDragEnterEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    return move


def _drop(view: QListView, mime: QMimeData, point: QPoint) -> QDropEvent:
    """Drag ``mime`` into ``view`` and drop it at ``point``, as Qt delivers a real drag."""
    _enter(view, mime, point)
    drop = QDropEvent(QPointF(point), ACTIONS, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    return drop


def _drag_mentee(view: BoardView, name: str) -> QMimeData:
    row = view.mentee_model.row_where(lambda c: c.name == name)
    data = view.mentee_model.mimeData([view.mentee_model.index(row, 0)])
    assert data is not None and data.hasFormat(MENTEE_MIME)
    return data


def _suggest(qtbot: Any, view: BoardView) -> list[DraftRecord]:
    """Press Suggest and wait until it ended; the drafts it placed."""
    with qtbot.waitSignal(view.suggestion_finished, timeout=10_000) as blocker:
        assert view.suggester.start() is not None
    return blocker.args[0]  # type: ignore[no-any-return]


class Gate:
    """Holds the optimiser of Suggest on the worker thread until the test opens it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.opened = threading.Event()
        self.thread: int | None = None
        self._suggest_for = store_board.suggest_for
        monkeypatch.setattr(store_board, "suggest_for", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.thread = threading.get_ident()
        self.started.set()
        self.opened.wait(10)  # bounded, so a failing test cannot hang the worker
        return self._suggest_for(*args, **kwargs)


def test_models_pass_the_model_tester(qtmodeltester: Any, board: BoardView, db: Database,
                                      people: dict[str, AddedSignup]) -> None:
    place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    board.reload()
    assert board.pair_model.rowCount() == 1
    for model in (board.mentee_model, board.mentor_model, board.pair_model):
        qtmodeltester.check(model, force_py=True)
    board.ui.search_edit.setText("zzz")
    board.apply_search_now()
    assert board.mentee_model.rowCount() == board.mentor_model.rowCount() == 0
    for model in (board.mentee_model, board.mentor_model):
        qtmodeltester.check(model, force_py=True)


def test_empty_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    for model in (MenteeListModel(), MentorListModel(), PairListModel()):
        qtmodeltester.check(model, force_py=True)


def test_the_board_shows_the_year(board: BoardView) -> None:
    assert board.ui.year_combo.currentData() == 2026
    assert [c.name for c in board.mentee_model.cards()] == ["José Muñoz", "Ayşe Öztürk"]
    assert [c.name for c in board.mentor_model.cards()] == ["Eva Müller", "Łukasz Wójcik"]
    assert [(c.capacity, c.free) for c in board.mentor_model.cards()] == [(2, 2), (1, 1)]
    assert board.mentee_model.card_at(0).days_waiting == (date(2026, 6, 1) - date(2026, 3, 11)).days
    assert "3 places free" in board.ui.mentor_heading.text()
    assert "2 mentees waiting" in board.status_text()


def test_an_eligible_drop_places_a_draft(board: BoardView, db: Database,
                                         people: dict[str, AddedSignup]) -> None:
    mime = _drag_mentee(board, "José Muñoz")
    view = board.ui.mentor_view
    event = _drop(view, mime, _point(view, _row(board, "Eva Müller")))
    assert event.isAccepted()
    assert _pairs(db) == [(people["eva"].signup_id, people["jose"].signup_id, "draft")]
    assert [c.name for c in board.mentee_model.cards()] == ["Ayşe Öztürk"]
    eva = board.mentor_model.card_at(_row(board, "Eva Müller"))
    assert [line.mentee_name for line in eva.lines] == ["José Muñoz"] and eva.free == 1
    assert [line.pair.pair_id for line in board.selected_lines()] == [eva.lines[0].pair.pair_id]
    assert "Placed José Muñoz with Eva Müller" in board.ui.hint_label.text()
    assert board.ctx.undo_stack.count() == 1
    assert board.ctx.undo_stack.undoText() == "Place José Muñoz with Eva Müller"


def test_dragging_marks_mentors_and_explains_refusals(board: BoardView) -> None:
    view = board.ui.mentor_view
    mime = _drag_mentee(board, "Ayşe Öztürk")
    eva, lukasz = _row(board, "Eva Müller"), _row(board, "Łukasz Wójcik")
    move = _enter(view, mime, _point(view, eva))
    assert move.isAccepted()  # a refused mentor still takes the drop: it is explained then
    assert board.mentor_model.dragging
    assert board.mentor_model.verdict(eva) == (Rule.NO_SHARED_PROJECT,)
    assert board.mentor_model.verdict(lukasz) == ()
    hint = board.ui.hint_label
    assert hint.text().startswith("Eva Müller cannot take Ayşe Öztürk: Both work on Roboat")
    assert hint.property("refused") is True
    move = QDragMoveEvent(_point(view, lukasz), ACTIONS, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    assert hint.text().startswith("Drop to place Ayşe Öztürk with Łukasz Wójcik (score ")
    assert hint.property("refused") is False
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert not board.mentor_model.dragging and board.mentor_model.verdict(eva) is None


def test_a_refused_drop_explains_and_changes_nothing(board: BoardView, db: Database) -> None:
    before = _snapshot(db)
    mime = _drag_mentee(board, "Ayşe Öztürk")
    _drop(board.ui.mentor_view, mime, _point(board.ui.mentor_view, _row(board, "Eva Müller")))
    assert _snapshot(db) == before
    assert board.ctx.undo_stack.count() == 0
    dialog = board.drafts.refusal
    assert isinstance(dialog, RefusalDialog) and dialog.isVisible()
    assert "Both work on Roboat" in dialog.reasons_label.text()
    assert "cannot take Ayşe Öztürk" in board.ui.hint_label.text()
    dialog.close_button.click()
    assert not dialog.isVisible() and _snapshot(db) == before


def test_pair_anyway_keeps_the_override_note(board: BoardView, db: Database,
                                             people: dict[str, AddedSignup]) -> None:
    mime = _drag_mentee(board, "Ayşe Öztürk")
    _drop(board.ui.mentor_view, mime, _point(board.ui.mentor_view, _row(board, "Eva Müller")))
    dialog = board.drafts.refusal
    assert dialog is not None
    dialog.anyway_button.click()
    assert dialog.note_edit.isVisible() and not dialog.confirm_button.isEnabled()
    dialog.note_edit.setPlainText("Different work packages; they never met.")
    dialog.confirm_button.click()
    assert not dialog.isVisible()
    [line] = board.mentor_model.card_at(_row(board, "Eva Müller")).lines
    assert line.pair.override_note == "Different work packages; they never met."
    assert "Placed despite a hard rule: Different work packages" in (
        board.ui.breakdown.toPlainText())
    assert board.ctx.undo_stack.count() == 1
    board.ctx.undo_stack.undo()
    assert _pairs(db) == []


def test_undo_and_redo_restore_exactly(board: BoardView, db: Database) -> None:
    stack = board.ctx.undo_stack
    states = [_snapshot(db)]
    view = board.ui.mentor_view
    _drop(view, _drag_mentee(board, "José Muñoz"), _point(view, _row(board, "Eva Müller")))
    states.append(_snapshot(db))
    [line] = board.pair_model.cards()
    _drop(view, draft_mime(line.pair.pair_id, line.pair.mentee_signup_id,
                           line.pair.mentor_signup_id), _point(view, _row(board, "Łukasz Wójcik")))
    states.append(_snapshot(db))
    assert stack.undoText() == "Move José Muñoz to Łukasz Wójcik"
    board.select_pairs([board.pair_model.card_at(0).pair.pair_id])
    board.drafts.remove_selected()
    states.append(_snapshot(db))
    assert len({repr(s) for s in states[:3]}) == 3 and states[3] == states[0]
    assert stack.count() == 3
    for expected in reversed(states[:-1]):
        stack.undo()
        assert _snapshot(db) == expected
    for expected in states[1:]:
        stack.redo()
        assert _snapshot(db) == expected


def test_keyboard_path(qtbot: Any, board: BoardView, db: Database,
                       people: dict[str, AddedSignup]) -> None:
    mentees, mentors = board.ui.mentee_view, board.ui.mentor_view
    mentees.setFocus(Qt.FocusReason.TabFocusReason)  # coming in by keyboard selects the first
    assert board.selected_mentee() is not None
    assert board.selected_mentee().name == "José Muñoz"
    assert board.mentor_model.verdict(0) == () and "2 mentors of 2 may take" in (
        board.ui.hint_label.text())
    qtbot.keyClick(mentees, Qt.Key.Key_Return)  # on to the mentors: the best one first
    assert mentors.hasFocus() and board.current_mentor().name == "Łukasz Wójcik"
    assert board.ui.place_button.isEnabled()
    qtbot.keyClick(mentors, Qt.Key.Key_Down)
    assert board.current_mentor().name == "Eva Müller"
    qtbot.keyClick(mentors, Qt.Key.Key_Up)
    qtbot.keyClick(mentors, Qt.Key.Key_Return)
    assert _pairs(db) == [(people["lukasz"].signup_id, people["jose"].signup_id, "draft")]
    # The selected draft goes with Delete, the mentee waits again.
    assert board.selected_lines()[0].mentee_name == "José Muñoz"
    qtbot.keyClick(mentors, Qt.Key.Key_Delete)
    assert _pairs(db) == []
    assert "José Muñoz" in [c.name for c in board.mentee_model.cards()]


def test_place_button_and_a_refusal_from_the_keyboard(board: BoardView, db: Database) -> None:
    board.select_mentee(board.mentee_model.card_at(1).signup_id)  # Ayşe
    board.select_mentor(board.mentor_model.card_at(1).signup_id)  # Eva (last): shared project
    tip = board.focus.mentor_tooltip(board.mentor_model.card_at(1), None)
    assert tip.startswith("Eva Müller cannot take Ayşe Öztürk:") and "Roboat" in tip
    board.ui.place_button.click()
    assert board.drafts.refusal is not None and board.drafts.refusal.isVisible()
    assert _pairs(db) == []
    board.drafts.refusal.reject()


def test_a_draft_dropped_on_the_mentees_goes_back(board: BoardView, db: Database,
                                                  people: dict[str, AddedSignup]) -> None:
    record = place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    board.reload()
    mime = board.pair_model.mimeData([board.pair_model.index(0, 0)])
    assert decode(mime).pair_id == record.pair.id  # type: ignore[union-attr]
    event = _drop(board.ui.mentee_view, mime, QPoint(40, 40))
    assert event.isAccepted() and _pairs(db) == []
    assert board.ctx.undo_stack.undoText() == "Remove draft José Muñoz with Eva Müller"
    # A mentee dropped on the mentees does nothing.
    event = _drop(board.ui.mentee_view, mentee_mime(people["jose"].signup_id), QPoint(40, 40))
    assert not event.isAccepted()


def test_clicking_a_draft_in_a_mentor_card_selects_it(qtbot: Any, board: BoardView,
                                                      db: Database,
                                                      people: dict[str, AddedSignup]) -> None:
    record = place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    board.reload()
    view = board.ui.mentor_view
    row = _row(board, "Eva Müller")
    card = board.mentor_model.card_at(row)
    layout = view.card_delegate.layout(view.visualRect(board.mentor_model.index(row, 0)), card)
    line_rect, line = layout.lines[0]
    board.select_pairs([])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=line_rect.center())
    assert [line.pair.pair_id for line in board.selected_lines()] == [record.pair.id]
    assert "Topic overlap" in board.ui.breakdown.toPlainText()
    assert "José Muñoz" in board.ui.breakdown.toPlainText()
    assert view.pair_at(line_rect.center()) == line


def test_suggest_fills_the_places_and_propose_asks_the_mentors(
    qtbot: Any, board: BoardView, db: Database, people: dict[str, AddedSignup]
) -> None:
    before = _snapshot(db)
    added = _suggest(qtbot, board)
    ids = {(r.pair.mentor_signup_id, r.pair.mentee_signup_id) for r in added}
    # Ayşe cannot go to Eva (Roboat), so she takes Łukasz's one place and José goes to Eva.
    assert ids == {(people["lukasz"].signup_id, people["ayse"].signup_id),
                   (people["eva"].signup_id, people["jose"].signup_id)}
    assert board.mentee_model.rowCount() == 0 and board.pair_model.rowCount() == 2
    assert "100%" in board.ui.figures_label.text()
    assert board.ui.side_tabs.tabText(1) == "Unmatched  ·  0"
    assert "Every mentee on the board has a mentor" in board.ui.unmatched.toPlainText()
    assert board.ctx.undo_stack.undoText() == "Suggest 2 drafts"
    suggested = _snapshot(db)
    # Nothing selected: Propose proposes every draft.
    board.select_pairs([])
    assert board.ui.propose_button.text() == "P&ropose all drafts"
    assert board.drafts.propose()
    assert [s for _m, _e, s in _pairs(db)] == ["proposed", "proposed"]
    from ams_desk.store.backups import list_backups

    [backup] = list_backups(db.sqlite_path)  # type: ignore[arg-type]
    assert backup.reason == "propose"  # a bulk change: backed up first
    assert all(not line.pair.is_draft for line in board.pair_model.cards())
    proposed = _snapshot(db)
    stack = board.ctx.undo_stack
    stack.undo()
    assert _snapshot(db) == suggested
    stack.undo()
    assert _snapshot(db) == before
    stack.redo()
    assert _snapshot(db) == suggested
    stack.redo()
    assert _snapshot(db) == proposed


def test_propose_only_the_selected_drafts(qtbot: Any, board: BoardView, db: Database) -> None:
    _suggest(qtbot, board)
    first = board.pair_model.card_at(0).pair.pair_id
    board.select_pairs([first])
    assert board.ui.propose_button.text() == "P&ropose 1 selected"
    board.drafts.propose()
    statuses = {p.pair_id: p.status for p in load_board(db, today=board.ctx.today).pairs}
    assert statuses[first] is PairStatus.PROPOSED
    assert sorted(statuses.values()) == [PairStatus.DRAFT, PairStatus.PROPOSED]
    from ams_desk.store.backups import list_backups

    assert list_backups(db.sqlite_path) == []  # type: ignore[arg-type]


def test_suggest_lists_the_unmatched_with_reasons(qtbot: Any, board: BoardView, db: Database,
                                                  people: dict[str, AddedSignup]) -> None:
    # Łukasz's one place is taken by José: Ayşe has nowhere to go but Eva (Roboat).
    place_draft(db, people["lukasz"].signup_id, people["jose"].signup_id)
    board.reload()
    assert _suggest(qtbot, board) == []
    assert board.ctx.undo_stack.count() == 0
    assert board.ui.side_tabs.currentWidget() is board.ui.unmatched
    text = board.ui.unmatched.toPlainText()
    assert "Ayşe Öztürk" in text and "share a project" not in text
    assert "shares a project with them (Roboat)" in text
    assert board.ui.side_tabs.tabText(1) == "Unmatched  ·  1"


def test_suggest_runs_off_the_gui_thread_and_holds_the_board_meanwhile(
    qtbot: Any, board: BoardView, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch)
    ui = board.ui
    with qtbot.waitSignal(board.suggestion_finished, timeout=10_000) as blocker:
        assert board.suggester.start() is not None
        qtbot.waitUntil(gate.started.is_set, timeout=5000)
        assert gate.thread != threading.get_ident()
        qtbot.waitUntil(lambda: ui.busy.label.text() == "Finding the best drafts…")
        assert ui.busy.isVisible() and ui.busy.cancel_button.isEnabled()
        assert board.suggester.start() is None  # one at a time
        for widget in (ui.suggest_button, ui.propose_button, ui.weights_button,
                       ui.place_button, ui.remove_button, ui.year_combo):
            assert not widget.isEnabled(), widget
        # A drop waits too: it would write beside the suggestion.
        mime = _drag_mentee(board, "José Muñoz")
        _drop(ui.mentor_view, mime, _point(ui.mentor_view, _row(board, "Eva Müller")))
        assert _pairs(db) == [] and "Suggest is still running" in ui.hint_label.text()
        gate.opened.set()
    assert len(blocker.args[0]) == 2 and len(_pairs(db)) == 2
    assert not ui.busy.isVisible() and ui.year_combo.isEnabled()
    assert ui.propose_button.isEnabled() and ui.weights_button.isEnabled()
    assert board.ctx.undo_stack.undoText() == "Suggest 2 drafts"
    assert board.ctx.undo_stack.count() == 1  # the drop did not happen


def test_cancelling_a_suggestion_changes_nothing(
    qtbot: Any, board: BoardView, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(db)
    cards = board.mentee_model.cards()
    gate = Gate(monkeypatch)
    ui = board.ui
    with qtbot.waitSignal(board.suggestion_finished, timeout=10_000) as blocker:
        board.ui.suggest_button.click()
        qtbot.waitUntil(gate.started.is_set, timeout=5000)
        ui.busy.cancel_button.click()
        assert ui.busy.label.text() == "Cancelling…" and not ui.busy.cancel_button.isEnabled()
        gate.opened.set()
    assert blocker.args == [[]]
    assert _snapshot(db) == before
    assert board.ctx.undo_stack.count() == 0
    assert board.mentee_model.cards() == cards and board.pair_model.rowCount() == 0
    assert board.suggester.suggestion is None and ui.side_tabs.tabText(1) == "Unmatched"
    assert ui.hint_label.text() == "Suggest was cancelled; nothing was changed."
    assert not ui.busy.isVisible() and ui.suggest_button.isEnabled()
    assert ui.year_combo.isEnabled()


def test_the_splitter_sizes_are_remembered(qtbot: Any, board: BoardView,
                                           settings: QSettings) -> None:
    board.ui.splitter.setSizes([250, 600, 450])
    board.ui.pairs_splitter.setSizes([300, 200])
    columns, pairs = board.ui.splitter.sizes(), board.ui.pairs_splitter.sizes()
    settings.setValue("main/splitters_board", board.save_state())
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    view = BoardView(board.ctx)
    qtbot.addWidget(view)
    view.restore_state(again.value("main/splitters_board"))
    view.resize(board.size())
    view.show()
    view.reload()  # the same figures as the first board: the same room for the pairs
    qtbot.waitUntil(lambda: view.ui.pairs_splitter.sizes() == pairs, timeout=2000)
    assert view.ui.splitter.sizes() == columns
    # Nothing saved yet, or something unreadable: the default sizes.
    default = BoardView(board.ctx)
    qtbot.addWidget(default)
    for state in (None, QByteArray(), QByteArray(b"junk")):
        fresh = BoardView(board.ctx)
        qtbot.addWidget(fresh)
        fresh.restore_state(state)
        assert fresh.ui.splitter.sizes() == default.ui.splitter.sizes()
        assert fresh.ui.pairs_splitter.sizes() == default.ui.pairs_splitter.sizes()


def test_filters_year_topic_project_search(board: BoardView) -> None:
    ui = board.ui
    ui.topic_combo.setCurrentIndex(ui.topic_combo.findData("Funding opportunities"))
    assert [board.mentee_model.card_at(r).name for r in range(board.mentee_model.rowCount())] == [
        "José Muñoz"]
    assert [board.mentor_model.card_at(r).name for r in range(board.mentor_model.rowCount())] == [
        "Łukasz Wójcik"]
    ui.topic_combo.setCurrentIndex(0)
    ui.project_combo.setCurrentIndex(ui.project_combo.findData("Roboat"))
    assert board.mentee_model.rowCount() == 1 and board.mentor_model.rowCount() == 1
    ui.project_combo.setCurrentIndex(0)
    ui.search_edit.setText("ozturk")
    board.apply_search_now()
    assert board.mentee_model.card_at(0).name == "Ayşe Öztürk"
    assert board.mentee_model.rowCount() == 1 and board.mentor_model.rowCount() == 0
    assert "1 of 2" in ui.mentee_heading.text()
    ui.search_edit.clear()
    board.apply_search_now()
    # The year narrows the mentees; the mentors stay the pool's (Søren's 2025 offer is
    # older than 12 months, so he is not in it).
    ui.year_combo.setCurrentIndex(ui.year_combo.findData(2025))
    assert [c.name for c in board.mentor_model.cards()] == ["Eva Müller", "Łukasz Wójcik"]
    assert sorted(c.name for c in board.mentee_model.cards()) == ["Nguyễn Thị Hương",
                                                                  "Zoë van den Berg"]
    ui.year_combo.setCurrentIndex(0)
    assert ui.year_combo.currentText() == "All years" and board.mentee_model.total() == 4
    ui.free_only_check.setChecked(True)
    assert board.mentor_model.rowCount() == 2


def test_weights_are_saved_and_undone(board: BoardView, db: Database) -> None:
    dialog = board.drafts.edit_weights()
    assert isinstance(dialog, WeightsDialog)
    dialog.spins[next(iter(dialog.spins))].setValue(5.0)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    saved = MatchWeights.from_dict(get_program_settings(db).match_weights)
    assert saved.topics == 5.0 and board.board is not None and board.board.weights == saved
    board.ctx.undo_stack.undo()
    assert MatchWeights.from_dict(get_program_settings(db).match_weights) == MatchWeights()
    board.ctx.undo_stack.redo()
    assert MatchWeights.from_dict(get_program_settings(db).match_weights).topics == 5.0


def test_a_stale_drop_is_reported_not_lost(board: BoardView, db: Database,
                                           people: dict[str, AddedSignup],
                                           reports: Reports) -> None:
    mime = _drag_mentee(board, "José Muñoz")
    place_draft(db, people["lukasz"].signup_id, people["jose"].signup_id)  # someone else
    _drop(board.ui.mentor_view, mime, _point(board.ui.mentor_view, _row(board, "Eva Müller")))
    assert [title for title, _error in reports] == ["Could not place the draft"]
    assert "already in a pair" in str(reports[0][1])
    reports.clear()
    assert [c.name for c in board.mentee_model.cards()] == ["Ayşe Öztürk"]  # reloaded


def test_the_board_is_a_tab_of_the_main_window(qtbot: Any, make_window: Any, db: Database,
                                               people: dict[str, AddedSignup]) -> None:
    window = make_window()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[3] == "Matching board" and titles[4].startswith("Pairs")
    assert [a.shortcut().toString() for a in window.tab_actions] == [
        "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7"]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.board
    board = window.board
    # One pool: the mentees waiting since 2025 first, whatever the year.
    assert board.ui.year_combo.currentText() == "All years"
    assert [c.name for c in board.mentee_model.cards()] == [
        "Nguyễn Thị Hương", "Zoë van den Berg", "José Muñoz", "Ayşe Öztürk"]
    assert "4 mentees waiting" in window.count_label.text()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert board.ui.search_edit.hasFocus()
    # A drop goes through the window's undo stack and reloads the board.
    view = board.ui.mentor_view
    _drop(view, _drag_mentee(board, "José Muñoz"), _point(view, _row(board, "Eva Müller")))
    assert _pairs(db) == [(people["eva"].signup_id, people["jose"].signup_id, "draft")]
    assert window.undo_action.isEnabled()
    assert "3 mentees waiting" in window.count_label.text()
    assert "1 draft, 0 proposed" in window.count_label.text()
    # Delete on the board removes the selected draft (the window's Delete withdraws sign-ups
    # only on the Mentees and Mentors tabs).
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _pairs(db) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _pairs(db) == [(people["eva"].signup_id, people["jose"].signup_id, "draft")]
    assert [line.mentee_name for line in board.pair_model.cards()] == ["José Muñoz"]
    # The draft shows on the Pairs tab too, and the mentee is matched in the Mentees table.
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.pairs


def test_context_menus_remove_and_propose(board: BoardView, db: Database,
                                          people: dict[str, AddedSignup]) -> None:
    place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    place_draft(db, people["lukasz"].signup_id, people["ayse"].signup_id)
    board.reload()
    view = board.ui.mentor_view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert board.remove_action in view.actions() and board.remove_action in (
        board.ui.pair_view.actions())
    board.select_pairs([])
    assert not board.remove_action.isEnabled()
    first, second = (line.pair.pair_id for line in board.pair_model.cards())
    board.select_pairs([first])
    board.propose_action.trigger()  # the review of the proposal and its email
    [review] = [d for d in board.findChildren(ProposalReview) if d.isVisible()]
    assert review.model.rowCount() == 1
    review.ok_button.click()
    assert [s for _m, _e, s in _pairs(db)] == ["proposed", "draft"]
    board.select_pairs([second])
    board.remove_action.trigger()
    assert [s for _m, _e, s in _pairs(db)] == ["proposed"]
    board.select_pairs([first])  # a proposal is not taken off the board
    assert not board.remove_action.isEnabled()
    board.drafts.remove_selected()
    assert "Proposals are cancelled on their timeline" in board.ui.hint_label.text()


def test_suggest_takes_the_pool_of_every_year_and_tells_no_one(
        qtbot: Any, make_window: Any, db: Database, people: dict[str, AddedSignup]) -> None:
    """Suggest places last year's mentees too; its drafts change no status and leave the
    mentees on Needs attention until they are proposed."""
    window = make_window()
    assert window.tabs.tabText(0) == "Needs attention  (4)"  # four mentees waiting too long
    statuses = _snapshot(db)[1]
    window.tabs.setCurrentWidget(window.board)
    board = window.board
    first = board.mentee_model.card_at(0)
    assert (first.name, first.year) == ("Nguyễn Thị Hương", 2025)
    assert "Signed up for 2025, waiting 441 days" in str(board.mentee_model.index(0).data(
        Qt.ItemDataRole.ToolTipRole))
    added = _suggest(qtbot, board)
    placed = {r.pair.mentee_signup_id for r in added}
    assert len(added) == 3 and {people["huong"].signup_id, people["zoe"].signup_id} & placed
    assert {r.pair.program_year for r in added} == {2026}  # the year they are placed in
    assert _snapshot(db)[1] == statuses  # nobody was told: every sign-up still waits
    assert window.tabs.tabText(0) == "Needs attention  (4)"
    window.tabs.setCurrentWidget(window.attention)
    assert window.tabs.tabText(0) == "Needs attention  (4)"
    model = window.attention.model
    about = {model.row_at(r).item.signup_id: model.index(r, 4).data()
             for r in range(model.rowCount())}
    for record in added:
        mentor = board.name(record.pair.mentor_signup_id)
        assert about[record.pair.mentee_signup_id].endswith(
            f" — draft with {mentor}, not proposed yet")
    # Proposed, the mentees are matched and leave Needs attention.
    window.tabs.setCurrentWidget(window.board)
    board.drafts.review_proposal()
    [review] = [d for d in board.findChildren(ProposalReview) if d.isVisible()]
    review.ok_button.click()
    after = _snapshot(db)[1]
    assert {after[i] for i in placed} == {"matched"}
    assert window.tabs.tabText(0) == "Needs attention  (1)"


def test_how_long_a_mentor_offer_stays_is_a_program_setting(
        make_window: Any, db: Database, people: dict[str, AddedSignup]) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.board)

    def mentors() -> list[str]:
        return [c.name for c in window.board.mentor_model.cards()]

    assert "Søren Ødegård" not in mentors()  # his 2025 offer is 14 months old
    dialog = window.edit_settings()
    assert dialog.ui.poolSpin.value() == 12
    dialog.ui.poolSpin.setValue(16)
    dialog._on_save()
    assert get_program_settings(db).mentor_pool_months == 16
    assert "Søren Ødegård" in mentors()
    window.undo_action.trigger()
    assert "Søren Ødegård" not in mentors()


def test_with_a_mentee_selected_the_mentors_who_may_take_them_come_first(
        board: BoardView, db: Database, people: dict[str, AddedSignup]) -> None:
    def order() -> list[str]:
        model = board.mentor_model
        return [model.card_at(r).name for r in range(model.rowCount())]

    assert order() == ["Eva Müller", "Łukasz Wójcik"]
    board.select_mentee(people["ayse"].signup_id)  # on Roboat with Eva: Eva may not take her
    assert order() == ["Łukasz Wójcik", "Eva Müller"]
    board.select_mentor(people["eva"].signup_id)
    board.select_mentee(people["jose"].signup_id)  # both may: the better score first
    assert board.current_mentor() is not None and board.current_mentor().name == "Eva Müller"
    assert board.board is not None
    scores = dict(zip((c.person.name for c in board.board.mentors),
                      store_board.mentor_scores(board.board, board.selected_mentee().candidate),
                      strict=True))
    assert order() == sorted(scores, key=lambda name: -scores[name])
    assert scores["Łukasz Wójcik"] > scores["Eva Müller"]  # he offers José's one topic
    # Łukasz full (a draft with Ayşe): Eva, who is free, comes first for José.
    place_draft(db, people["lukasz"].signup_id, people["ayse"].signup_id)
    board.reload()
    board.select_mentee(people["jose"].signup_id)
    assert order() == ["Eva Müller", "Łukasz Wójcik"]
    board.ui.mentee_view.clearSelection()
    assert order() == ["Eva Müller", "Łukasz Wójcik"]  # the free ones first, then by name


def test_the_unmatched_tab_is_worked_out_again_after_an_import(
        qtbot: Any, board: BoardView, tmp_path: Any) -> None:
    from functools import partial

    from ams_desk.sheets.importing.importer import choose_mapping
    from ams_desk.sheets.importing.operations import apply_import
    from ams_desk.sheets.importing.preview import build_preview
    from ams_desk.sheets.importing.read.reader import read_table

    _suggest(qtbot, board)
    assert "Every mentee on the board has a mentor" in board.ui.unmatched.toPlainText()
    sheet = tmp_path / "late-sign-ups.csv"
    sheet.write_text(
        "Timestamp,Email Address,Full name,Are you signing up as a mentor or as a mentee?,"
        "Current position,Department,What would you like to talk about?\n"
        "5/20/2026 9:00:00,pieter@ams.org,Pieter Post,Mentee,Full professor,Urban Systems,"
        "Leadership\n", encoding="utf-8")
    db = board.ctx.db
    table = read_table(sheet)
    preview = build_preview(db, table, choose_mapping(db, table).mapping)
    board.ctx.ops.run("Import", partial(apply_import, preview=preview))
    text = board.ui.unmatched.toPlainText()
    assert "Pieter Post" in text and "No mentor ranks above Full professor." in text
    assert board.ui.side_tabs.tabText(1) == "Unmatched  ·  1"


def test_places_are_said_per_sign_up(make_window: Any, db: Database,
                                     people: dict[str, AddedSignup]) -> None:
    """A sign-up offers places in all; the editor, the Mentors table and the cards say so."""
    from ams_desk.core.model import Role
    from ams_desk.store.pairs import change_status

    window = make_window()
    window.open_signup(people["eva"].signup_id)
    dialog = window.edit_selected()
    assert dialog is not None
    assert dialog.ui.capacityLabel.text() == "&Places"
    assert dialog.ui.capacitySpin.text() == "2 mentees in all"
    dialog.reject()
    agreed = place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    board_ops = [PairStatus.PROPOSED, PairStatus.MENTOR_AGREED]
    for status in board_ops:
        change_status(db, agreed.pair.id, status)
    place_draft(db, people["eva"].signup_id, people["huong"].signup_id)
    window.reload()
    mentors = window.views[Role.MENTOR].model
    column = next(c for c in range(mentors.columnCount())
                  if mentors.headerData(c, Qt.Orientation.Horizontal) == "Places")
    eva = next(r for r in range(mentors.rowCount())
               if mentors.index(r, 0).data() == "Eva Müller")
    assert mentors.index(eva, column).data() == "2 of 2 taken"
    window.tabs.setCurrentWidget(window.board)
    card = next(c for c in window.board.mentor_model.cards() if c.name == "Eva Müller")
    assert card.places_text == "Full: 2 of 2 taken"
    assert card.others_text == "1 place taken by an earlier pair"
    lukasz = next(c for c in window.board.mentor_model.cards() if c.name == "Łukasz Wójcik")
    assert lukasz.places_text == "1 of 1 place free"


def test_mentors_of_the_same_name_are_told_apart(board: BoardView, db: Database,
                                                 people: dict[str, AddedSignup]) -> None:
    from ams_desk.core.model import Role
    from ams_desk.core.validation import PersonInput, SignupInput
    from ams_desk.store.people import add_signup

    add_signup(db, PersonInput("Eva Muller", "eva.muller@ams.org", "Full professor", "Energy"),
               SignupInput(Role.MENTOR, date(2026, 4, 2), 2026, ("Leadership",)))
    board.reload()
    shown = sorted(board.mentor_model.index(r).data() for r in range(board.mentor_model.rowCount()))
    assert shown == ["Eva Muller <eva.muller@ams.org>", "Eva Müller <eva@ams.org>",
                     "Łukasz Wójcik"]
    place_draft(db, people["eva"].signup_id, people["jose"].signup_id)
    board.reload()
    assert [line.mentor_name for line in board.pair_model.cards()] == [
        "Eva Müller <eva@ams.org>"]


def test_a_draft_someone_else_proposed_or_removed_is_refused_and_the_board_reloads(
        board: BoardView, db: Database, people: dict[str, AddedSignup],
        reports: Reports) -> None:
    first = place_draft(db, people["eva"].signup_id, people["jose"].signup_id).pair
    second = place_draft(db, people["lukasz"].signup_id, people["ayse"].signup_id).pair
    board.reload()
    set_coordinator_name("Ben Okafor")  # another coordinator, on their own board
    propose_drafts(db, [first.id])
    remove_drafts(db, [second.id])
    set_coordinator_name(None)
    assert not board.drafts.remove([first.id])
    assert [title for title, _error in reports] == ["Could not remove the draft"]
    assert "is proposed to mentor (Ben Okafor changed it at" in str(reports[0][1])
    assert board.board is not None and [p.status for p in board.board.pairs] == [
        PairStatus.PROPOSED]  # reloaded: the proposal shows, the removed draft is gone
    reports.clear()
    assert not board.drafts.remove([second.id])
    assert "no longer on the board: another coordinator" in str(reports[0][1])
    reports.clear()
    assert _pairs(db) == [(people["eva"].signup_id, people["jose"].signup_id, "proposed")]
