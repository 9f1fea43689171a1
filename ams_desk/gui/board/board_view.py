"""The matching board tab: waiting mentees, mentors with free places, drafts and proposals.

Every change goes to the store as one operation (a drop is one call) through
:class:`~ams_desk.gui.operations.Operations`, which keeps its inverse for Undo;
the board reloads from the store when told what changed; nothing on the board
is edited in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QWidget

from ams_desk.core.assignment import Suggestion
from ams_desk.core.eligibility import Candidate, RuleResult, refusals
from ams_desk.core.scoring import MatchWeights, score_pair
from ams_desk.core.text import count
from ams_desk.gui.board.actions import BoardActions
from ams_desk.gui.board.dialogs import RefusalDialog, WeightsDialog
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
from ams_desk.gui.board.summary import (
    breakdown_html,
    figures_html,
    status_line,
    unmatched_html,
)
from ams_desk.gui.board.ui import BoardUi
from ams_desk.gui.context import AppContext
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.tasks import Task
from ams_desk.store.board import Board, blocked_rules, load_board, rule_results
from ams_desk.store.changes import MATCH_WEIGHTS, PROGRAM_SETTINGS, Changes

__all__ = ["BoardView", "RefusalDialog", "WeightsDialog"]


def _them(n: int) -> str:
    return count(n, "mentor")


class BoardView(BoardActions, QWidget):
    """The matching board of one program year.

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
        self.suggestion: Suggestion | None = None
        self._suggestion_year: int | None = None
        self.suggest_task: Task[Any] | None = None
        self.refusal: RefusalDialog | None = None
        self._drag: tuple[DragPayload, Candidate] | None = None
        self._mentors: dict[int, Candidate] = {}
        self._names: dict[int, str] = {}
        self.mentee_model = MenteeListModel(self)
        self.mentor_model = MentorListModel(self)
        self.pair_model = PairListModel(self)
        self.ui = BoardUi(self, self.mentee_model, self.mentor_model, self.pair_model)
        self.search_edit = self.ui.search_edit
        self.ui.mentor_view.tooltip_for = self._mentor_tooltip
        self.pending = PendingChanges(self, self._wants, self._refresh)
        self._build_menus()
        self._connect_signals()
        self._show_panels()

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
        ui.mentor_view.selectionModel().selectionChanged.connect(self._update_actions)
        ui.mentor_view.drag_entered.connect(self._on_drag_entered)
        ui.mentor_view.drag_hovered.connect(self._on_drag_hovered)
        ui.mentor_view.drag_left.connect(self._on_drag_left)
        ui.mentor_view.pair_clicked.connect(self._on_pair_clicked)
        ui.mentor_view.place_requested.connect(self.place_selected)
        ui.mentor_view.remove_requested.connect(self.remove_selected)
        ui.pair_view.selectionModel().selectionChanged.connect(self._on_pairs_selected)
        ui.pair_view.selectionModel().currentChanged.connect(self._on_pairs_selected)
        ui.pair_view.remove_requested.connect(self.remove_selected)
        self.mentor_model.drop_requested.connect(self.place)
        self.mentee_model.draft_returned.connect(self._on_draft_returned)
        ui.place_button.clicked.connect(self.place_selected)
        ui.remove_button.clicked.connect(self.remove_selected)
        ui.suggest_button.clicked.connect(self.suggest)
        ui.busy.cancel_button.clicked.connect(self.cancel_suggest)
        ui.propose_button.clicked.connect(self.propose)
        ui.weights_button.clicked.connect(self.edit_weights)
        self.place_action.triggered.connect(self.place_selected)
        self.remove_action.triggered.connect(self.remove_selected)
        self.propose_action.triggered.connect(self.propose)
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

    def _refresh(self, _changes: Changes) -> None:
        self.reload()

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
        people = (*board.mentors, *board.mentees, *(p.mentee for p in board.pairs))
        self._names = {c.signup.id: c.person.name for c in people}
        if board.year != self._suggestion_year:
            self.suggestion = None
        ui.fill_filters(board)
        self._set_filters()
        ui.mentee_view.card_delegate.alert_days = self.ctx.program.waiting_alert_days
        cards = mentor_cards(board)
        self.mentee_model.set_cards(mentee_cards(board))
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
        self._show_panels()
        self._update_focus()

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
        self._show_panels()
        self._update_focus()

    def apply_search_now(self) -> None:
        self.ui.search_timer.stop()
        self._apply_filters()

    def _on_year_changed(self) -> None:
        self.suggestion = None
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
        self._update_actions()

    def _on_mentee_selected(self) -> None:
        self._update_focus()
        self._update_actions()

    def _focus_mentors(self) -> None:
        self.ui.mentor_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_mentor() is None:
            self._select(self.ui.mentor_view, 0 if self.mentor_model.rowCount() else -1)

    # -- the mentee in focus: who may take them ----------------------------------------------

    def _set_hint(self, text: str, *, refused: bool = False) -> None:
        label = self.ui.hint_label
        label.setText(text)
        if label.property("refused") != refused:
            label.setProperty("refused", refused)
            label.style().unpolish(label)
            label.style().polish(label)

    def _mentee_of(self, payload: DragPayload) -> Candidate | None:
        if self.board is None:
            return None
        if payload.pair_id is not None:
            pair = self.board.pair(payload.pair_id)
            return pair.mentee if pair is not None else None
        return next((c for c in self.board.mentees if c.signup.id == payload.mentee_signup_id),
                    None)

    def _update_focus(self) -> None:
        """Mark the mentors allowed or refused for the selected mentee, and say so."""
        mentee = self.selected_mentee()
        if self.board is None or mentee is None:
            self.mentor_model.set_verdicts(None, dragging=False)
            if self.board is not None and self.board.year is None:
                self._set_hint("There are no sign-ups yet.")
            else:
                self._set_hint("Drag a waiting mentee onto a mentor to place a draft, or select "
                               "a mentee and a mentor and press Enter. Suggest fills the free "
                               "places; Propose asks the mentors.")
            return
        verdicts = blocked_rules(self.board, mentee.candidate)
        self.mentor_model.set_verdicts(verdicts, dragging=False)
        allowed = sum(1 for v in verdicts if not v)
        self._set_hint(f"Placing {mentee.name}: {_them(allowed)} of {len(verdicts)} may take "
                       "them (marked green). Drag them onto one, or select one and press Enter.")

    def _on_drag_entered(self, payload: DragPayload) -> None:
        mentee = self._mentee_of(payload)
        if self.board is None or mentee is None:
            return
        self._drag = (payload, mentee)
        verdicts = blocked_rules(self.board, mentee, moving_pair_id=payload.pair_id)
        self.mentor_model.set_verdicts(verdicts, dragging=True)
        allowed = sum(1 for v in verdicts if not v)
        self._set_hint(f"Drop {mentee.person.name} on a mentor: {_them(allowed)} of "
                       f"{len(verdicts)} may take them (green).")

    def _on_drag_hovered(self, mentor_signup_id: int | None) -> None:
        if self._drag is None or self.board is None:
            return
        payload, mentee = self._drag
        mentor = self._mentors.get(mentor_signup_id) if mentor_signup_id is not None else None
        if mentor is None:
            self._on_drag_entered(payload)
            return
        if payload.from_mentor_signup_id == mentor.signup.id:
            self._set_hint(f"{mentee.person.name}'s draft is with {mentor.person.name} already.")
            return
        refused = refusals(rule_results(self.board, mentor, mentee,
                                        moving_pair_id=payload.pair_id))
        if refused:
            self._set_hint(self.refusal_text(mentor, mentee, refused), refused=True)
            return
        score = score_pair(mentor, mentee, ladder=self.board.ladder, weights=self.board.weights,
                           today=self.board.today)
        self._set_hint(f"Drop to place {mentee.person.name} with {mentor.person.name} "
                       f"(score {score.total:.2f}).")

    @staticmethod
    def refusal_text(mentor: Candidate, mentee: Candidate, refused: list[RuleResult]) -> str:
        reasons = " ".join(r.reason for r in refused)
        return f"{mentor.person.name} cannot take {mentee.person.name}: {reasons}"

    def _on_drag_left(self) -> None:
        self._drag = None
        self._update_focus()

    def _mentor_tooltip(self, card: MentorCard, line: PairLine | None) -> str:
        if line is not None:
            how = ("Drag it to another mentor to move it; Delete takes it off the board."
                   if line.pair.is_draft else "Follow it on the Pairs tab.")
            return (f"{line.status_label}: {line.mentee_name}, score "
                    f"{line.pair.score.total:.2f}.\n{how}")
        mentee = self.selected_mentee()
        if mentee is not None and self.board is not None:
            refused = refusals(rule_results(self.board, card.candidate, mentee.candidate))
            if refused:
                return "\n• ".join([f"{card.name} cannot take {mentee.name}:",
                                    *(r.reason for r in refused)])
            return f"{card.name} may take {mentee.name}. Press Enter to place the draft."
        offers = ", ".join(card.topics) or "no topics named"
        return f"{card.name}: {card.free} of {card.capacity} places free.\nOffers: {offers}."

    # -- panels ------------------------------------------------------------------------------

    def _show_panels(self) -> None:
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
        unmatched = self.suggestion.unmatched if self.suggestion is not None else None
        still = sum(1 for u in unmatched or () if u.mentee_signup_id in waiting)
        ui.side_tabs.setTabText(1, f"Unmatched  ·  {still}" if unmatched is not None
                                else "Unmatched")
        ui.unmatched.setHtml(unmatched_html(unmatched, waiting))
        ui.breakdown.setHtml(breakdown_html(self.current_line()))
        self._update_actions()
        self.counts_changed.emit()

    def status_text(self) -> str:
        """One line for the status bar."""
        return status_line(self.board)

    def _update_actions(self) -> None:
        ui = self.ui
        idle = self.suggest_task is None  # while Suggest writes, nothing else does
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

    # -- dialogs -----------------------------------------------------------------------------

    def _show_refusal(self, payload: DragPayload, mentor_signup_id: int,
                      refused: list[RuleResult]) -> None:
        mentee = self._mentee_of(payload)
        mentor = self._mentors.get(mentor_signup_id)
        mentee_name = mentee.person.name if mentee else "The mentee"
        mentor_name = mentor.person.name if mentor else "The mentor"
        if mentor is not None and mentee is not None:
            self._set_hint(self.refusal_text(mentor, mentee, refused), refused=True)
        self.refusal = RefusalDialog(mentee_name, mentor_name, refused,
                                     partial(self.place_anyway, payload, mentor_signup_id), self)
        self.refusal.open()

    def edit_weights(self) -> WeightsDialog:
        """Open the match weights; saving them is one undoable step."""
        weights = self.board.weights if self.board is not None else MatchWeights()
        dialog = WeightsDialog(weights, self.save_weights, self)
        dialog.open()
        return dialog
