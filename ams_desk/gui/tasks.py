"""One way to run long work off the GUI thread, with progress, cancel and results.

A job is a plain function ``job(progress, cancelled)`` — ``progress(done,
total)`` reports how far it got, ``cancelled()`` says whether to stop — so the
work itself stays free of Qt. :func:`run_task` runs it on a worker thread and
calls back on the GUI thread. Workers never touch widgets. Jobs that write to
the database run one at a time (one worker thread for all of them).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")
Progress = Callable[[int, int | None], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], T]

_POOL: QThreadPool | None = None
_RUNNING: set[Task[Any]] = set()
"""Tasks whose job has not reported back: holding them keeps their bridge and job alive
even when the caller drops the task (a QRunnable's Python side has no other owner)."""


def running() -> int:
    """How many background tasks have not reported back yet (their results still to come)."""
    return len(_RUNNING)


def _pool() -> QThreadPool:
    """The single worker thread: database writes are serialised."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class _Bridge(QObject):
    """Carries a worker's reports to the GUI thread (queued signals)."""

    progressed = Signal(int, object)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QObject, Generic[T]):
    """A running job: cancel it, or wait for its callbacks.

    The task lives on the GUI thread; the worker's reports reach its slots
    through queued signals, so the callbacks always run on the GUI thread.

    Signals:
        finished: The job ended (succeeded, failed or was cancelled).
    """

    finished = Signal()

    def __init__(
        self,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int | None], None] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.done = False

    def cancel(self) -> None:
        """Ask the job to stop at its next check; its failure callback gets the exception."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, object)
    def _progressed(self, done: int, total: int | None) -> None:
        if self._on_progress is not None and not self.done:
            self._on_progress(done, total)

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        _RUNNING.discard(self)
        self.done = True
        self._on_success(result)
        self.finished.emit()

    @Slot(object)
    def _failed(self, error: Any) -> None:
        _RUNNING.discard(self)
        self.done = True
        self._on_failure(error)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, job: Job[Any], bridge: _Bridge, task: Task[Any]) -> None:
        super().__init__()
        self._job = job
        self._bridge = bridge
        self._task = task

    def run(self) -> None:
        try:
            result = self._job(self._progressed, self._task.is_cancelled)
        except BaseException as exc:  # noqa: BLE001 - handed to the failure callback
            self._report("failed", exc)
        else:
            self._report("succeeded", result)

    def _progressed(self, done: int, total: int | None) -> None:
        self._report("progressed", done, total)

    def _report(self, signal: str, *args: Any) -> None:
        """Emit the bridge's ``signal`` unless the task's owner closed meanwhile.

        A task made with a parent goes with its parent (a window closed mid-job),
        and its bridge with it: there is no one left to tell. The job's own work
        (a file written, rows stored) stands, and the report is dropped.
        """
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            getattr(self._bridge, signal).emit(*args)


def run_task(
    job: Job[T],
    *,
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int | None], None] | None = None,
    parent: QObject | None = None,
) -> Task[T]:
    """Run ``job`` on the worker thread; the callbacks run on the GUI thread."""
    task: Task[T] = Task(on_success, on_failure, on_progress, parent)
    bridge = _Bridge(task)  # owned by the task; emitting from the worker thread is safe
    bridge.progressed.connect(task._progressed, Qt.ConnectionType.QueuedConnection)
    bridge.succeeded.connect(task._succeeded, Qt.ConnectionType.QueuedConnection)
    bridge.failed.connect(task._failed, Qt.ConnectionType.QueuedConnection)
    runner = _Runner(job, bridge, task)
    task._keep = (bridge, runner)  # type: ignore[attr-defined]
    _RUNNING.add(task)
    _pool().start(runner)
    return task
