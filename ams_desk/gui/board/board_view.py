"""The matching board tab: waiting mentees, mentors with free places, drafts and proposals.

Every change goes to the store as one operation (a drop is one call) through
:class:`~ams_desk.gui.operations.Operations`, which keeps its inverse for Undo;
the board reloads from the store when told what changed; nothing on the board
is edited in place.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QWidget

from ams_desk.core.eligibility import Candidate
from ams_desk.core.text import count
from ams_desk.gui.board.actions import DraftActions
from ams_desk.gui.board.cards import board_labels
from ams_desk.gui.board.dialogs import RefusalDialog, WeightsDialog
from ams_desk.gui.board.focus import FocusHints
from ams_desk.gui.board.mime import DragPayload
from ams_desk.gui.board.models import (
    MenteeCard,
    MenteeListModel,
    MentorCard,
    MentorListModel,
    PairLine,
    PairListModel,
    mentee_cards,
    mentor_cards,
    pair_lines,
)
from ams_desk.gui.board.suggest import SuggestRun
from ams_desk.gui.board.summary import (
    breakdown_html,
    figures_html,
    status_line,
    unmatched_html,
)
from ams_desk.gui.board.ui import BoardUi
from ams_desk.gui.context import AppContext
from ams_desk.gui.refresh import PendingChanges
from ams_desk.store.board import Board, load_board
from ams_desk.store.changes import MATCH_WEIGHTS, PROGRAM_SETTINGS, Changes

__all__ = ["BoardView", "RefusalDialog", "WeightsDialog"]


class BoardView(QWidget):
    """The matching board of one program year: what it shows and what is selected.

    Its parts: :attr:`drafts` (:class:`~ams_desk.gui.board.actions.DraftActions`:
    place, move, remove, propose, weights), :attr:`suggester`
    (:class:`~ams_desk.gui.board.suggest.SuggestRun`) and :attr:`focus`
    (:class:`~ams_desk.gui.board.focus.FocusHints`: who may take the mentee in
    focus). They use the view's public side only.

    Signals:
        counts_changed: The figures for the status bar changed.
        suggestion_finished(object): Suggest ended; the drafts it placed (a list of
            :class:`~ams_desk.store.drafts.DraftRecord`, empty when none, cancelled or failed).
    """

    counts_changed = Signal()
    suggestion_finished = Signal(object)

    _STATE_VERSION = 1  # of save_state()'s layout

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: Board | None = None
        self._mentors: dict[int, Candidate] = {}
        self._names: dict[int, str] = {}
        self.mentee_model = MenteeListModel(self)
        self.mentor_model = MentorListModel(self)
        self.pair_model = PairListModel(self)
        self.ui = BoardUi(self, self.mentee_model, self.mentor_model, self.pair_model)
        self.search_edit = self.ui.search_edit
        self.drafts = DraftActions(self)
        self.suggester = SuggestRun(self)
        self.focus = FocusHints(self)
        self.ui.mentor_view.tooltip_for = self.focus.mentor_tooltip
        self.pending = PendingChanges(self, self._wants, self._refresh)
        self._build_menus()
        self._connect_signals()
        self.show_panels()

    def _build_menus(self) -> None:
        """Right-click menus on the mentors and the pairs (Enter and Del work there too)."""
        self.place_action = QAction("Place the selected mentee here\tEnter", self)
        self.remove_action = QAction("Take the selected drafts off the board\tDel", self)
        self.propose_action = QAction("Propose the selected drafts", self)
        ui = self.ui
        for view, actions in ((ui.mentor_view, (self.place_action, self.remove_action,
                                                self.propose_action)),
                              (ui.pair_view, (self.remove_action, self.propose_action))):
            view.addActions(list(actions))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.year_combo.currentIndexChanged.connect(self._on_year_changed)
        ui.topic_combo.currentIndexChanged.connect(self._apply_filters)
        ui.project_combo.currentIndexChanged.connect(self._apply_filters)
        ui.free_only_check.toggled.connect(self._apply_filters)
        ui.search_edit.textChanged.connect(ui.search_timer.start)
        ui.search_timer.timeout.connect(self._apply_filters)
        ui.mentee_view.selectionModel().selectionChanged.connect(self._on_mentee_selected)
        ui.mentee_view.activated_by_key.connect(self._focus_mentors)
        ui.mentor_view.selectionModel().selectionChanged.connect(self.update_actions)
        ui.mentor_view.drag_entered.connect(self.focus.drag_entered)
        ui.mentor_view.drag_hovered.connect(self.focus.drag_hovered)
        ui.mentor_view.drag_left.connect(self.focus.drag_left)
        ui.mentor_view.pair_clicked.connect(self._on_pair_clicked)
        ui.mentor_view.place_requested.connect(self.drafts.place_selected)
        ui.mentor_view.remove_requested.connect(self.drafts.remove_selected)
        ui.pair_view.selectionModel().selectionChanged.connect(self._on_pairs_selected)
        ui.pair_view.selectionModel().currentChanged.connect(self._on_pairs_selected)
        ui.pair_view.remove_requested.connect(self.drafts.remove_selected)
        self.mentor_model.drop_requested.connect(self.drafts.place)
        self.mentee_model.draft_returned.connect(self.drafts.return_draft)
        ui.place_button.clicked.connect(self.drafts.place_selected)
        ui.remove_button.clicked.connect(self.drafts.remove_selected)
        ui.suggest_button.clicked.connect(self.suggester.start)
        ui.busy.cancel_button.clicked.connect(self.suggester.cancel)
        ui.propose_button.clicked.connect(self.drafts.review_proposal)
        ui.weights_button.clicked.connect(self.drafts.edit_weights)
        self.place_action.triggered.connect(self.drafts.place_selected)
        self.remove_action.triggered.connect(self.drafts.remove_selected)
        self.propose_action.triggered.connect(self.drafts.review_proposal)
        self.ctx.ops.changed.connect(self.apply_changes)

    # -- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.pending.flush()  # what changed while the tab was hidden
        super().showEvent(event)

    def apply_changes(self, changes: Changes) -> None:
        """Read the board again when its people, pairs, weights or settings changed."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.signups or changes.people or changes.pairs) or any(
            changes.touches_setting(name) for name in (PROGRAM_SETTINGS, MATCH_WEIGHTS))

    def _refresh(self, changes: Changes) -> None:
        self.reload()
        if self.board is not None and (changes.everything or changes.people):
            # New or changed people (an import, an edit): the Unmatched tab is worked out again.
            self.suggester.refresh(self.board)
            self.show_panels()

    def reload(self) -> None:
        """Read the board of the chosen year from the store and show it."""
        self.show_board(load_board(self.ctx.db, self.ui.year_combo.currentData(),
                                   today=self.ctx.today))

    def show_board(self, board: Board) -> None:
        ui = self.ui
        mentee_id = self.selected_mentee_id()
        mentor = self.current_mentor()
        pair_ids = {line.pair.pair_id for line in self.selected_lines()}
        scrolls = [v.verticalScrollBar().value()
                   for v in (ui.mentee_view, ui.mentor_view, ui.pair_view)]
        self.board = board
        self._mentors = {c.signup.id: c for c in board.mentors}
        self._names = board_labels(board)
        ui.fill_filters(board)
        self._set_filters()
        ui.mentee_view.card_delegate.alert_days = self.ctx.program.waiting_alert_days
        cards = mentor_cards(board, self._names)
        self.mentee_model.set_cards(mentee_cards(board, self._names))
        self.mentor_model.set_cards(cards)
        self.pair_model.set_cards(pair_lines(cards))
        for view, value in zip((ui.mentee_view, ui.mentor_view, ui.pair_view), scrolls,
                               strict=True):
            view.verticalScrollBar().setValue(value)
        if mentee_id is not None:
            self.select_mentee(mentee_id)
        if mentor is not None:
            self.select_mentor(mentor.signup_id, scroll=False)
        self.select_pairs(pair_ids)
        self.show_panels()
        self.focus.update()

    def _set_filters(self) -> None:
        ui = self.ui
        topic, project = ui.topic_combo.currentData(), ui.project_combo.currentData()
        self.mentor_model.free_only = ui.free_only_check.isChecked()
        for model in (self.mentee_model, self.mentor_model):
            model.set_filters(topic, project, ui.search_edit.text())

    def _apply_filters(self) -> None:
        mentee_id, mentor = self.selected_mentee_id(), self.current_mentor()
        self._set_filters()
        if mentee_id is not None:
            self.select_mentee(mentee_id)
        if mentor is not None:
            self.select_mentor(mentor.signup_id)
        self.show_panels()
        self.focus.update()

    def apply_search_now(self) -> None:
        self.ui.search_timer.stop()
        self._apply_filters()

    def _on_year_changed(self) -> None:
        self.suggester.forget()
        self.reload()

    # -- selection ---------------------------------------------------------------------------

    def selected_mentee(self) -> MenteeCard | None:
        rows = self.ui.mentee_view.selectionModel().selectedRows()
        return self.mentee_model.card_at(rows[0].row()) if rows else None

    def selected_mentee_id(self) -> int | None:
        card = self.selected_mentee()
        return card.signup_id if card else None

    def current_mentor(self) -> MentorCard | None:
        rows = self.ui.mentor_view.selectionModel().selectedRows()
        return self.mentor_model.card_at(rows[0].row()) if rows else None

    def selected_lines(self) -> list[PairLine]:
        rows = sorted(i.row() for i in self.ui.pair_view.selectionModel().selectedRows())
        return [self.pair_model.card_at(row) for row in rows]

    def current_line(self) -> PairLine | None:
        index = self.ui.pair_view.currentIndex()
        if index.isValid() and self.ui.pair_view.selectionModel().isSelected(index):
            return self.pair_model.card_at(index.row())
        lines = self.selected_lines()
        return lines[-1] if lines else None

    def _select(self, view: object, row: int, *, scroll: bool = True) -> bool:
        if row < 0:
            return False
        model = view.model()  # type: ignore[attr-defined]
        index = model.index(row, 0)
        view.selectionModel().setCurrentIndex(  # type: ignore[attr-defined]
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if scroll:
            view.scrollTo(index)  # type: ignore[attr-defined]
        return True

    def select_mentee(self, signup_id: int) -> bool:
        """Select the waiting mentee if shown; return whether they are."""
        row = self.mentee_model.row_where(lambda c: c.signup_id == signup_id)
        return self._select(self.ui.mentee_view, row)

    def select_mentor(self, signup_id: int, *, scroll: bool = True) -> bool:
        row = self.mentor_model.row_where(lambda c: c.signup_id == signup_id)
        return self._select(self.ui.mentor_view, row, scroll=scroll)

    def select_pairs(self, pair_ids: Iterable[int]) -> None:
        wanted = set(pair_ids)
        selection = self.ui.pair_view.selectionModel()
        selection.clearSelection()
        last = None
        for row in range(self.pair_model.rowCount()):
            if self.pair_model.card_at(row).pair.pair_id in wanted:
                last = self.pair_model.index(row, 0)
                selection.select(last, QItemSelectionModel.SelectionFlag.Select)
        if last is not None:
            selection.setCurrentIndex(last, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.ui.pair_view.scrollTo(last)

    def _on_pair_clicked(self, pair_id: int, modifiers: Qt.KeyboardModifier) -> None:
        row = self.pair_model.row_where(lambda line: line.pair.pair_id == pair_id)
        if row < 0:
            return
        index = self.pair_model.index(row, 0)
        flag = (QItemSelectionModel.SelectionFlag.Toggle
                if modifiers & Qt.KeyboardModifier.ControlModifier
                else QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.ui.pair_view.selectionModel().setCurrentIndex(index, flag)
        self.ui.pair_view.scrollTo(index)
        self.ui.side_tabs.setCurrentWidget(self.ui.pairs_page)

    def _on_pairs_selected(self) -> None:
        self.mentor_model.set_selected_pairs(line.pair.pair_id for line in self.selected_lines())
        self.ui.breakdown.setHtml(breakdown_html(self.current_line()))
        self.update_actions()

    def _on_mentee_selected(self) -> None:
        self.focus.update()
        self.update_actions()

    def _focus_mentors(self) -> None:
        self.ui.mentor_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_mentor() is None:
            self._select(self.ui.mentor_view, 0 if self.mentor_model.rowCount() else -1)

    # -- what the parts use ----------------------------------------------------------------

    def set_hint(self, text: str, *, refused: bool = False) -> None:
        """Show ``text`` on the hint line (in the refusal colour when ``refused``)."""
        label = self.ui.hint_label
        label.setText(text)
        if label.property("refused") != refused:
            label.setProperty("refused", refused)
            label.style().unpolish(label)
            label.style().polish(label)

    def name(self, signup_id: int) -> str:
        """The name of the person of a sign-up on the board."""
        return self._names.get(signup_id, "?")

    def mentor(self, signup_id: int) -> Candidate | None:
        """The mentor sign-up on the board, if it is."""
        return self._mentors.get(signup_id)

    def mentee_of(self, payload: DragPayload) -> Candidate | None:
        """The mentee a drag carries: a waiting one, or the one of the dragged draft."""
        if self.board is None:
            return None
        if payload.pair_id is not None:
            pair = self.board.pair(payload.pair_id)
            return pair.mentee if pair is not None else None
        return next((c for c in self.board.mentees if c.signup.id == payload.mentee_signup_id),
                    None)

    # -- panels ------------------------------------------------------------------------------

    def show_panels(self) -> None:
        """The headings, figures, side tabs and breakdown for what is shown."""
        ui, board = self.ui, self.board
        shown, total = self.mentee_model.rowCount(), self.mentee_model.total()
        listed = f"{total}" if shown == total else f"{shown} of {total}"
        ui.mentee_heading.setText(f"Waiting mentees  ·  {listed}")
        if board is None:
            ui.figures_label.setText("")
            return
        numbers = board.figures()
        shown, total = self.mentor_model.rowCount(), self.mentor_model.total()
        listed = f"{total}" if shown == total else f"{shown} of {total}"
        ui.mentor_heading.setText(
            f"Mentors  ·  {listed}  ·  {count(numbers.free_places, 'place')} free")
        ui.figures_label.setText(figures_html(numbers))
        ui.side_tabs.setTabText(0, f"On the board  ·  {len(board.pairs)}")
        waiting = {c.signup.id: c for c in board.mentees}
        suggestion = self.suggester.suggestion
        unmatched = suggestion.unmatched if suggestion is not None else None
        still = sum(1 for u in unmatched or () if u.mentee_signup_id in waiting)
        ui.side_tabs.setTabText(1, f"Unmatched  ·  {still}" if unmatched is not None
                                else "Unmatched")
        ui.unmatched.setHtml(unmatched_html(unmatched, waiting))
        ui.breakdown.setHtml(breakdown_html(self.current_line()))
        self.update_actions()
        self.counts_changed.emit()

    def status_text(self) -> str:
        """One line for the status bar."""
        return status_line(self.board)

    def update_actions(self) -> None:
        """Enable what the selection and a running Suggest allow."""
        ui = self.ui
        idle = self.suggester.task is None  # while Suggest writes, nothing else does
        drafts = [line for line in self.selected_lines() if line.pair.is_draft]
        mentor = self.current_mentor() is not None
        ui.place_button.setEnabled(idle and mentor and (self.selected_mentee() is not None
                                                        or len(drafts) == 1))
        ui.remove_button.setEnabled(idle and bool(drafts))
        self.remove_action.setEnabled(idle and bool(drafts))
        self.propose_action.setEnabled(idle and bool(drafts))
        self.place_action.setEnabled(ui.place_button.isEnabled())
        ui.remove_button.setText("Re&move drafts" if len(drafts) > 1 else "Re&move draft")
        board = self.board
        all_drafts = sum(1 for p in board.pairs if p.is_draft) if board else 0
        ui.suggest_button.setEnabled(idle and bool(board and board.mentees and board.mentors))
        ui.propose_button.setEnabled(idle and bool(all_drafts))
        ui.weights_button.setEnabled(idle)
        ui.propose_button.setText(f"P&ropose {len(drafts)} selected" if drafts
                                  else "P&ropose all drafts")

    # -- remembered between sessions ---------------------------------------------------------

    def save_state(self) -> QByteArray:
        """The sizes of the board's splitters, for ``QSettings``."""
        data = QByteArray()
        stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
        stream.writeInt32(self._STATE_VERSION)
        stream << self.ui.splitter.saveState() << self.ui.pairs_splitter.saveState()
        return data

    def restore_state(self, state: QByteArray | None) -> None:
        """Restore what :meth:`save_state` returned; anything else keeps the default sizes."""
        if not isinstance(state, QByteArray) or state.isEmpty():
            return
        stream = QDataStream(state)
        if stream.readInt32() != self._STATE_VERSION:
            return
        columns, pairs = QByteArray(), QByteArray()
        stream >> columns
        stream >> pairs
        if stream.status() != QDataStream.Status.Ok:
            return
        self.ui.splitter.restoreState(columns)
        self.ui.pairs_splitter.restoreState(pairs)
