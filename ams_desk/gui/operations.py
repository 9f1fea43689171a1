"""Running operations: one way for a GUI action to change data, be undone, and be seen.

A GUI action is one *operation* (:mod:`ams_desk.store.changes`): a plain
function ``op(db) -> Outcome`` from :mod:`ams_desk.store.ops` that calls its
service once and returns the value, the :class:`Changes` and the inverse.
:class:`Operations` runs it, puts the inverse on the undo stack, and emits
``changed(Changes)``; every view refreshes what the changes touch through
:meth:`~ams_desk.gui.refresh.Refreshable.apply_changes`.

Writing a new action::

    from functools import partial
    from ams_desk.store.ops import signups

    def withdraw(self) -> None:
        op = partial(signups.set_statuses, statuses={row.signup_id: WITHDRAWN})
        try:
            self.ctx.ops.run(f"Withdraw {row.name}", op)   # the text shown by Undo
        except Exception as error:  # nothing was changed
            self.ctx.report("Could not withdraw", error)

Work that can take long goes through :meth:`Operations.run_in_background`
with a job ``job(db, progress, cancelled) -> Outcome`` (progress and Cancel as
in :mod:`ams_desk.gui.tasks`); its callbacks run on the GUI thread after the
views refreshed. Never refresh a view by hand after an operation, and never
call the service a second time: ``changed`` does the one, the inverse the other.

The undo stack holds, per action, the operation to run next: undoing runs
the inverse, which returns the operation that redoes it, and so on — the
same code path both ways. Pushing runs the operation (``QUndoStack.push``
calls ``redo``); an operation that already ran off the GUI thread is pushed
as :func:`~ams_desk.store.changes.done`, which returns its outcome again.
Writes are serialised: while a background operation runs, others are refused
with :class:`OperationBusy` and Undo/Redo are disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from ams_desk.gui.tasks import Cancelled, Progress, Task, run_task
from ams_desk.store.changes import Changes, Op, Outcome, done
from ams_desk.store.database import Database

T = TypeVar("T")
Report = Callable[[str, Exception], None]
BackgroundJob = Callable[[Database, Progress, Cancelled], Outcome[T]]


class OperationBusy(RuntimeError):
    """Another operation is writing off the GUI thread; this one was not run."""


class _Run:
    """What the first run of an entry gave (read after ``push``, which may delete the entry)."""

    def __init__(self) -> None:
        self.outcome: Outcome[Any] | None = None
        self.error: Exception | None = None


class _Entry(QUndoCommand):
    """One action on the undo stack: the operation to run next, undo or redo alike."""

    def __init__(self, ops: Operations, text: str, op: Op[Any], first: _Run) -> None:
        super().__init__(text)
        self._ops = ops
        self._next: Op[Any] | None = op
        self._first: _Run | None = first

    def redo(self) -> None:
        self._step("Redo")

    def undo(self) -> None:
        self._step("Undo")

    def _step(self, verb: str) -> None:
        first, self._first = self._first, None
        op = self._next
        assert op is not None  # an entry without a next operation is obsolete, so dropped
        try:
            outcome = op(self._ops.db)
        except Exception as error:  # noqa: BLE001 - handed to the caller or the coordinator
            self.setObsolete(True)  # the stack drops it: the data is not what it expects
            if first is not None:
                first.error = error  # nothing changed; run() raises it to the caller
                return
            self._ops.report(f"{verb} of “{self.text()}” failed", error)
            self._ops.changed.emit(Changes.all())  # someone else changed the data meanwhile
            return
        if first is not None:
            first.outcome = outcome
        notice = getattr(outcome.value, "notice", "")  # what the coordinator must be told
        if isinstance(notice, str) and notice:
            self._ops.noticed.emit(notice)
        self._next = outcome.undo
        if outcome.undo is None:
            self.setObsolete(True)  # cannot be taken back: not kept on the stack
        if outcome.changes:
            self._ops.changed.emit(outcome.changes)


class Operations(QObject):
    """Runs the operations of one database; owns its undo stack.

    Signals:
        changed(Changes): Stored data changed; views refresh what it touches.
        busy_changed(bool): A background operation started (True) or ended.
        noticed(str): An operation, its undo or redo has something to say (its
            value's ``notice``), e.g. that an email already sent was kept.
    """

    changed = Signal(object)
    busy_changed = Signal(bool)
    noticed = Signal(str)

    def __init__(self, db: Database, report: Report, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.report = report
        self.undo_stack = QUndoStack(self)
        self._running: str | None = None

    # -- running ---------------------------------------------------------------------------

    def run(self, text: str, op: Op[T]) -> T:
        """Run ``op`` now on the GUI thread, keep its inverse for Undo, emit ``changed``.

        Args:
            text: The action as Undo names it ("Withdraw Eva Müller").
            op: The operation, e.g. ``partial(signups.set_statuses, statuses=...)``.

        Returns:
            The operation's value.

        Raises:
            OperationBusy: A background operation is still writing.
            Exception: Whatever the operation raised; nothing was changed.
        """
        self._check_idle(text)
        return self._push(text, op)

    def run_in_background(
        self,
        text: str,
        job: BackgroundJob[T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        undo_text: Callable[[T], str] | None = None,
        parent: QObject | None = None,
    ) -> Task[Outcome[T]]:
        """Run ``job(db, progress, cancelled)`` off the GUI thread, then as :meth:`run`.

        The callbacks run on the GUI thread; ``on_success`` gets the value once
        the views have refreshed. Without ``on_failure`` an error is reported.
        ``undo_text(value)`` names the action for Undo when ``text`` (shown
        while it runs) cannot, e.g. "Suggest 12 drafts".

        Raises:
            OperationBusy: Another background operation is still writing.
        """
        self._check_idle(text)
        db = self.db

        def work(progress: Progress, cancelled: Cancelled) -> Outcome[T]:  # worker: no widgets
            return job(db, progress, cancelled)

        def succeeded(outcome: Outcome[T]) -> None:
            self._set_running(None)
            name = undo_text(outcome.value) if undo_text is not None else text
            on_success(self._push(name, done(outcome)))

        def failed(error: BaseException) -> None:
            self._set_running(None)
            if on_failure is not None:
                on_failure(error)
            elif isinstance(error, Exception):
                self.report(f"Could not {text[:1].lower()}{text[1:]}", error)

        self._set_running(text)
        return run_task(work, on_success=succeeded, on_failure=failed,
                        on_progress=on_progress, parent=parent or self)

    def reload(self) -> None:
        """Tell every view to read everything again (F5; data changed elsewhere)."""
        self.changed.emit(Changes.all())

    @property
    def busy(self) -> bool:
        """Whether a background operation is writing."""
        return self._running is not None

    def _push(self, text: str, op: Op[T]) -> T:
        first = _Run()
        self.undo_stack.push(_Entry(self, text, op, first))  # runs it (redo), may drop it
        if first.error is not None:
            raise first.error
        assert first.outcome is not None
        return first.outcome.value  # type: ignore[no-any-return]

    def _check_idle(self, text: str) -> None:
        if self._running is not None:
            raise OperationBusy(f"“{self._running}” is still running: wait for it, or "
                                f"cancel it, then {text[:1].lower()}{text[1:]} again.")

    def _set_running(self, text: str | None) -> None:
        self._running = text
        self.busy_changed.emit(text is not None)

    # -- undo and redo actions -------------------------------------------------------------

    def undo_action(self, parent: QObject, prefix: str = "&Undo") -> QAction:
        """The stack's Undo action, disabled too while a background operation writes."""
        action = self.undo_stack.createUndoAction(parent, prefix)
        self._follow(action, self.undo_stack.canUndo(), self.undo_stack.canUndoChanged)
        return action

    def redo_action(self, parent: QObject, prefix: str = "&Redo") -> QAction:
        """The stack's Redo action, disabled too while a background operation writes."""
        action = self.undo_stack.createRedoAction(parent, prefix)
        self._follow(action, self.undo_stack.canRedo(), self.undo_stack.canRedoChanged)
        return action

    def _follow(self, action: QAction, can: bool, can_changed: Any) -> None:
        """Enable ``action`` when the stack can and no background write runs.

        Connected after the stack's own connection, so this one has the last
        word. The state lives in the closures, not on a Python object that
        garbage collection may clear while the stack still emits (it empties
        itself as it is destroyed, after the action may be gone).
        """
        state = {"can": can, "busy": self.busy}

        def update() -> None:
            if shiboken6.isValid(action):
                action.setEnabled(state["can"] and not state["busy"])

        def can_now(value: bool) -> None:
            state["can"] = value
            update()

        def busy_now(value: bool) -> None:
            state["busy"] = value
            update()

        can_changed.connect(can_now)
        self.busy_changed.connect(busy_now)


__all__ = ["BackgroundJob", "OperationBusy", "Operations"]
