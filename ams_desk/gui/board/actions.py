"""What the board's gestures do: one operation each (:mod:`ams_desk.store.ops.drafts`).

Each runs through :class:`~ams_desk.gui.operations.Operations`, which keeps
its inverse for Undo and tells the board (and the other tabs) what changed.

:class:`BoardActions` is mixed into :class:`~ams_desk.gui.board.board_view.BoardView`;
it holds the actions, the view holds the widgets and what they show.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from ams_desk.core.scoring import MatchWeights
from ams_desk.core.text import count
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import TransitionError
from ams_desk.gui.board.mime import DragPayload
from ams_desk.gui.operations import OperationBusy
from ams_desk.gui.tasks import Task
from ams_desk.store.board import SUGGEST_STEPS, DraftRecord, SuggestCancelled
from ams_desk.store.ops import drafts
from ams_desk.store.ops import settings as settings_ops
from ams_desk.store.pairs import PairRefused
from ams_desk.store.rows import NotFoundError

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ams_desk.core.assignment import Suggestion
    from ams_desk.core.eligibility import Candidate, RuleResult
    from ams_desk.gui.board.models import MenteeCard, MentorCard, PairLine, PairListModel
    from ams_desk.gui.board.ui import BoardUi
    from ams_desk.gui.context import AppContext
    from ams_desk.store.board import Board


class BoardView(Protocol):
    """What the actions use of :class:`~ams_desk.gui.board.board_view.BoardView`."""

    ctx: AppContext
    board: Board | None
    ui: BoardUi
    suggestion: Suggestion | None
    _suggestion_year: int | None
    _mentors: dict[int, Candidate]
    _names: dict[int, str]
    suggest_task: Task[Any] | None
    suggestion_finished: SignalInstance

    def reload(self) -> None: ...
    def select_pairs(self, pair_ids: Iterable[int]) -> None: ...
    def _show_panels(self) -> None: ...
    pair_model: PairListModel
    def _update_actions(self) -> None: ...
    def _is_busy(self) -> bool: ...
    def _name(self, signup_id: int) -> str: ...
    def selected_mentee(self) -> MenteeCard | None: ...
    def current_mentor(self) -> MentorCard | None: ...
    def selected_lines(self) -> list[PairLine]: ...
    def _mentee_of(self, payload: DragPayload) -> Candidate | None: ...
    def _set_hint(self, text: str, *, refused: bool = False) -> None: ...
    def _show_refusal(self, payload: DragPayload, mentor_signup_id: int,
                      refused: list[RuleResult]) -> None: ...
    def place(self, payload: DragPayload, mentor_signup_id: int, override: str = "") -> bool: ...
    def remove(self, pair_ids: Iterable[int]) -> bool: ...


class BoardActions:
    """Placing, moving, removing, suggesting and proposing drafts; saving the weights."""

    suggestion: Suggestion | None
    _suggestion_year: int | None

    def _name(self: BoardView, signup_id: int) -> str:
        return self._names.get(signup_id, "?")

    def _is_busy(self: BoardView) -> bool:
        """Whether Suggest is running; the board's writes wait for it (and say so)."""
        if self.suggest_task is None:
            return False
        self._set_hint("Suggest is still running: wait for it, or cancel it.")
        return True

    def place(
        self: BoardView, payload: DragPayload, mentor_signup_id: int, override: str = ""
    ) -> bool:
        """Place the dragged mentee (or move the dragged draft) with the mentor.

        A refusal opens :class:`RefusalDialog`; with ``override`` (its "Pair
        anyway…") the errors go to the caller, which shows them.
        """
        mentee = self._mentee_of(payload)
        mentor = self._mentors.get(mentor_signup_id)
        mentee_name = mentee.person.name if mentee else "the mentee"
        mentor_name = mentor.person.name if mentor else "the mentor"
        if payload.from_mentor_signup_id == mentor_signup_id or self._is_busy():
            return False  # a draft dropped back on its own mentor, or Suggest is writing
        if payload.pair_id is not None:
            text = f"Move {mentee_name} to {mentor_name}"
            op = partial(drafts.move, pair_id=payload.pair_id, mentor_signup_id=mentor_signup_id,
                         override=override)
            verb = "Moved"
        else:
            text = f"Place {mentee_name} with {mentor_name}"
            op = partial(drafts.place, mentor_signup_id=mentor_signup_id,
                         mentee_signup_id=payload.mentee_signup_id, override=override)
            verb = "Placed"
        try:
            added = self.ctx.ops.run(text, op)
        except PairRefused as refusal:
            if override:
                raise
            self._show_refusal(payload, mentor_signup_id, refusal.refused)
            return False
        except (ValidationError, NotFoundError, OperationBusy) as error:
            if override:
                raise
            self.ctx.report("Could not place the draft", error)
            self.reload()
            return False
        self.select_pairs([added.pair.id])
        self._set_hint(f"{verb} {mentee_name} with {mentor_name} as a draft. Undo: Ctrl+Z.")
        return True

    def place_anyway(
        self: BoardView, payload: DragPayload, mentor_signup_id: int, note: str
    ) -> None:
        """Place despite the broken rules, keeping ``note`` on the pair's timeline."""
        self.place(payload, mentor_signup_id, override=note)

    def place_selected(self: BoardView) -> None:
        """The keyboard way: the selected mentee (or the one selected draft) to the mentor."""
        mentor = self.current_mentor()
        mentee = self.selected_mentee()
        drafts = [line for line in self.selected_lines() if line.pair.is_draft]
        if mentor is None or (mentee is None and len(drafts) != 1):
            self._set_hint("Select a waiting mentee (or one draft) and a mentor first.")
            return
        if mentee is not None:
            self.place(DragPayload(mentee.signup_id), mentor.signup_id)
            return
        pair = drafts[0].pair
        self.place(DragPayload(pair.mentee_signup_id, pair.pair_id, pair.mentor_signup_id),
                   mentor.signup_id)

    def remove_selected(self: BoardView) -> None:
        drafts = [line for line in self.selected_lines() if line.pair.is_draft]
        if not drafts:
            self._set_hint("Select the drafts to take off the board. Proposals are cancelled "
                           "on their timeline, in the Pairs tab.")
            return
        self.remove(line.pair.pair_id for line in drafts)

    def _on_draft_returned(self: BoardView, pair_id: int) -> None:
        self.remove([pair_id])

    def remove(self: BoardView, pair_ids: Iterable[int]) -> bool:
        """Take drafts off the board; their mentees wait again."""
        if self._is_busy():
            return False
        ids = list(pair_ids)
        lines = {line.pair.pair_id: line.pair for line in self.pair_model.cards()}
        if not ids:
            return False
        if len(ids) == 1 and ids[0] in lines:
            pair = lines[ids[0]]
            text = (f"Remove draft {self._name(pair.mentee_signup_id)} with "
                    f"{self._name(pair.mentor_signup_id)}")
        else:
            text = f"Remove {count(len(ids), 'draft')}"
        try:
            self.ctx.ops.run(text, partial(drafts.remove, pair_ids=ids))
        except (ValidationError, NotFoundError, OperationBusy) as error:
            self.ctx.report("Could not remove the draft", error)
            return False
        self._set_hint(f"{text}: done. Undo: Ctrl+Z.")
        return True

    def suggest(self: BoardView) -> Task[Any] | None:
        """Fill the free places with the optimiser's drafts (the board's pairs stay).

        The work runs off the GUI thread (:meth:`~ams_desk.gui.operations.Operations.
        run_in_background`); the board shows its steps with Cancel, and its writes wait
        meanwhile. ``suggestion_finished`` tells when it ended.
        """
        if self.suggest_task is not None or self.board is None or self.board.year is None:
            return None
        year, today = self.board.year, self.ctx.today

        def job(db: Any, progress: Any, cancelled: Any) -> Any:  # the worker: no widgets here
            return drafts.suggest(db, year, today=today, progress=progress, cancelled=cancelled)

        try:
            self.suggest_task = self.ctx.ops.run_in_background(
                "Suggest", job, on_success=self._suggested, on_failure=self._suggest_failed,
                on_progress=self._suggest_progressed,
                undo_text=lambda result: f"Suggest {count(len(result[2]), 'draft')}",
                parent=self)
        except OperationBusy as error:
            self._set_hint(str(error))
            return None
        self.ui.busy.start(f"{SUGGEST_STEPS[0]}…")
        self.ui.year_combo.setEnabled(False)
        self._update_actions()
        return self.suggest_task

    def cancel_suggest(self: BoardView) -> None:
        """Stop Suggest before it writes; once it is placing the drafts it finishes."""
        if self.suggest_task is not None:
            self.suggest_task.cancel()
            self.ui.busy.cancel_button.setEnabled(False)
            self.ui.busy.label.setText("Cancelling…")

    def _suggest_progressed(self: BoardView, done: int, total: int | None) -> None:
        if self.suggest_task is None or self.suggest_task.is_cancelled():
            return
        step = SUGGEST_STEPS[min(done, len(SUGGEST_STEPS) - 1)]
        self.ui.busy.step(f"{step}…", done, total or len(SUGGEST_STEPS))
        if done >= len(SUGGEST_STEPS) - 1:
            self.ui.busy.cancel_button.setEnabled(False)  # writing: too late to cancel

    def _end_suggest(self: BoardView) -> bool:
        """Hide the progress and enable the board again; return whether Cancel was pressed."""
        task, self.suggest_task = self.suggest_task, None
        self.ui.busy.hide()
        self.ui.year_combo.setEnabled(True)
        self._update_actions()
        return task is not None and task.is_cancelled()

    def _suggest_failed(self: BoardView, error: BaseException) -> None:
        self._end_suggest()
        if isinstance(error, SuggestCancelled):
            self._set_hint("Suggest was cancelled; nothing was changed.")
        elif isinstance(error, Exception):
            self.ctx.report("Could not place the suggestions", error)
        self.suggestion_finished.emit([])

    def _suggested(
        self: BoardView, result: tuple[Board, Suggestion, list[DraftRecord]]
    ) -> None:
        """Suggest placed its drafts; the board has refreshed (when it placed any)."""
        late = self._end_suggest()
        board, suggestion, added = result
        self.suggestion, self._suggestion_year = suggestion, board.year
        unmatched = len(suggestion.unmatched)
        if added:
            self._show_panels()  # the Unmatched tab of this suggestion
            self.ui.side_tabs.setCurrentWidget(self.ui.pairs_page)
        else:
            self.reload()
            self.ui.side_tabs.setCurrentWidget(self.ui.unmatched)
        text = (f"Suggested {count(len(added), 'draft')}; coverage {suggestion.coverage:.0%}; "
                f"{count(unmatched, 'mentee')} left without a mentor (see Unmatched).")
        if late and added:
            text = f"Cancel came as the drafts were being placed. {text} Undo: Ctrl+Z."
        self._set_hint(text)
        self.suggestion_finished.emit(added)

    def propose(self: BoardView) -> bool:
        """Turn the selected drafts, or all drafts when none is selected, into proposals."""
        if self.board is None or self._is_busy():
            return False
        selected = [line.pair for line in self.selected_lines() if line.pair.is_draft]
        pairs = selected or [p for p in self.board.pairs if p.is_draft]
        if not pairs:
            return False
        text = (f"Propose {pairs[0].mentee.person.name} to {self._name(pairs[0].mentor_signup_id)}"
                if len(pairs) == 1 else f"Propose {count(len(pairs), 'pair')}")
        try:
            proposed = self.ctx.ops.run(text, partial(drafts.propose,
                                                      pair_ids=[p.pair_id for p in pairs]))
        except (TransitionError, NotFoundError, OperationBusy) as error:
            self.ctx.report("Could not propose the drafts", error)
            self.reload()
            return False
        self.select_pairs(p.id for p in proposed)
        self._set_hint(f"{text}: the proposal is on each timeline (Pairs tab). Undo: Ctrl+Z.")
        return True

    def save_weights(self: BoardView, weights: MatchWeights) -> None:
        self.ctx.ops.run("Change match weights", partial(settings_ops.save_weights,
                                                         weights=weights))


__all__ = ["BoardActions"]
