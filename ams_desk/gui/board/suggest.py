"""Suggest on the board: the optimiser's drafts, placed off the GUI thread with Cancel.

:class:`SuggestRun` is one part of :class:`~ams_desk.gui.board.board_view.BoardView`:
it starts the operation :func:`ams_desk.store.ops.drafts.suggest` through
:meth:`~ams_desk.gui.operations.Operations.run_in_background`, shows its steps
in the board's busy bar, and keeps the last suggestion for the Unmatched tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ams_desk.core.text import count
from ams_desk.gui.operations import OperationBusy
from ams_desk.gui.tasks import Task
from ams_desk.store.board import SUGGEST_STEPS, Board, SuggestCancelled, suggest_for
from ams_desk.store.ops import drafts

if TYPE_CHECKING:
    from ams_desk.core.assignment import Suggestion
    from ams_desk.gui.board.board_view import BoardView
    from ams_desk.store.ops.drafts import SuggestResult


class SuggestRun:
    """The running Suggest (``task``) and the last suggestion made (``suggestion``)."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        self.task: Task[Any] | None = None
        self.suggestion: Suggestion | None = None
        self.year: int | None = None  # the board's year filter of ``suggestion`` (None: all)

    def forget(self) -> None:
        """Drop the last suggestion (the board now shows other mentees)."""
        self.suggestion = None

    def refresh(self, board: Board) -> None:
        """Say again who cannot be placed, on the board as it is now (sign-ups changed).

        An import or an edit may bring mentees and mentors the last Suggest
        did not see; the Unmatched tab is worked out again rather than left
        stale. Nothing is written.
        """
        if self.suggestion is None or board.year != self.year or self.task is not None:
            return
        self.suggestion = suggest_for(board)

    def start(self) -> Task[Any] | None:
        """Fill the free places with the optimiser's drafts (the board's pairs stay).

        The board shows the steps with Cancel, and its writes wait meanwhile;
        the view's ``suggestion_finished`` tells when it ended.
        """
        view = self._view
        if self.task is not None or view.board is None or not view.board.years:
            return None
        year, today = view.board.year, view.ctx.today

        def job(db: Any, progress: Any, cancelled: Any) -> Any:  # the worker: no widgets here
            return drafts.suggest(db, year, today=today, progress=progress, cancelled=cancelled)

        try:
            self.task = view.ctx.ops.run_in_background(
                "Suggest", job, on_success=self._succeeded, on_failure=self._failed,
                on_progress=self._progressed,
                undo_text=lambda result: f"Suggest {count(len(result[2]), 'draft')}",
                parent=view)
        except OperationBusy as error:
            view.set_hint(str(error))
            return None
        view.ui.busy.start(f"{SUGGEST_STEPS[0]}…")
        view.ui.year_combo.setEnabled(False)
        view.update_actions()
        return self.task

    def cancel(self) -> None:
        """Stop Suggest before it writes; once it is placing the drafts it finishes."""
        if self.task is not None:
            self.task.cancel()
            self._view.ui.busy.cancel_button.setEnabled(False)
            self._view.ui.busy.label.setText("Cancelling…")

    def _progressed(self, done: int, total: int | None) -> None:
        if self.task is None or self.task.is_cancelled():
            return
        busy = self._view.ui.busy
        step = SUGGEST_STEPS[min(done, len(SUGGEST_STEPS) - 1)]
        busy.step(f"{step}…", done, total or len(SUGGEST_STEPS))
        if done >= len(SUGGEST_STEPS) - 1:
            busy.cancel_button.setEnabled(False)  # writing: too late to cancel

    def _end(self) -> bool:
        """Hide the progress and enable the board again; return whether Cancel was pressed."""
        task, self.task = self.task, None
        ui = self._view.ui
        ui.busy.hide()
        ui.year_combo.setEnabled(True)
        self._view.update_actions()
        return task is not None and task.is_cancelled()

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, SuggestCancelled):
            self._view.set_hint("Suggest was cancelled; nothing was changed.")
        elif isinstance(error, Exception):
            self._view.ctx.report("Could not place the suggestions", error)
        self._view.suggestion_finished.emit([])

    def _succeeded(self, result: SuggestResult) -> None:
        """Suggest placed its drafts; the board has refreshed (when it placed any)."""
        view = self._view
        late = self._end()
        board, suggestion, added = result
        self.suggestion, self.year = suggestion, board.year
        if added:
            view.show_panels()  # the Unmatched tab of this suggestion
            view.ui.side_tabs.setCurrentWidget(view.ui.pairs_page)
        else:
            view.reload()
            view.ui.side_tabs.setCurrentWidget(view.ui.unmatched)
        unmatched = len(suggestion.unmatched)
        text = (f"Suggested {count(len(added), 'draft')}; coverage {suggestion.coverage:.0%}; "
                f"{count(unmatched, 'mentee')} left without a mentor (see Unmatched).")
        if late and added:
            text = f"Cancel came as the drafts were being placed. {text} Undo: Ctrl+Z."
        view.set_hint(text)
        view.suggestion_finished.emit(added)


__all__ = ["SuggestRun"]
