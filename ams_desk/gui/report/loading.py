"""Reading the program and computing a year's figures off the GUI thread, newest request wins.

At 10,000 pairs a year the read and the figures take the better part of a
second; on the GUI thread that froze the window after every change. A
:class:`ReportLoader` runs them through :func:`ams_desk.gui.tasks.run_task`
(the one worker thread, so a read never overlaps a write) and hands back only
the answer to the latest request: a request made while an older one runs
makes the older one stale — skipped if it has not started, its result dropped
if it has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import shiboken6
from PySide6.QtCore import QObject, Signal

from ams_desk.core.model import program_year_for
from ams_desk.core.report import YearlyReport
from ams_desk.gui.tasks import Cancelled, Progress, Task, run_task
from ams_desk.store.database import Database
from ams_desk.store.report import ProgramData, load_program_data


@dataclass(frozen=True, slots=True)
class LoadedReport:
    """What one request gave: the program, the years to pick from, and one year's figures."""

    data: ProgramData
    years: list[int]
    report: YearlyReport


class _Stale(Exception):
    """A newer request was made before this one started; it did no work."""


def loaded_report(data: ProgramData, year: int | None, today: date) -> LoadedReport:
    """The figures of ``year`` (default, or when it has no data: the running year)."""
    running = program_year_for(today, data.settings.year_start_month)
    years = sorted({*data.years(), running}, reverse=True)
    chosen = year if year in years else (running if year is None else years[0])
    return LoadedReport(data, years, data.report(chosen, today))


class ReportLoader(QObject):
    """Runs report requests on the worker thread; only the newest one reports back.

    Signals:
        loaded(object): A :class:`LoadedReport`, for the newest request.
        failed(object): The exception of the newest request.
        busy_changed(bool): Whether a request is running.
    """

    loaded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, db: Database, today: Callable[[], date],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self._generation = 0
        self._reading = False
        self.task: Task[LoadedReport] | None = None

    @property
    def busy(self) -> bool:
        """Whether the newest request has not answered yet."""
        return self.task is not None and not self.task.done

    def read(self, year: int | None) -> Task[LoadedReport]:
        """Read the program from the store, then compute ``year``'s figures."""
        return self._start(None, year)

    def compute(self, data: ProgramData | None, year: int | None) -> Task[LoadedReport]:
        """Compute ``year``'s figures from ``data`` (read first when a read is pending or
        ``data`` is ``None``: a newer read must not be lost to an older program)."""
        return self._start(None if self._reading else data, year)

    def _start(self, data: ProgramData | None, year: int | None) -> Task[LoadedReport]:
        self._generation += 1
        generation = self._generation
        self._reading = data is None
        db, today = self._db, self._today()

        def job(_progress: Progress, _cancelled: Cancelled) -> LoadedReport:  # worker: no widgets
            if generation != self._generation:  # an int read: no Qt object touched
                raise _Stale
            return loaded_report(data if data is not None else load_program_data(db), year,
                                 today)

        # The task has no parent: a tab closed while its read runs must not delete the
        # task's bridge under the worker; the answer then finds no loader and is dropped.
        def succeeded(result: LoadedReport) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._reading = False
                self.busy_changed.emit(False)
                self.loaded.emit(result)

        def failed(error: BaseException) -> None:
            current = shiboken6.isValid(self) and generation == self._generation
            if current and not isinstance(error, _Stale):
                self._reading = False
                self.busy_changed.emit(False)
                self.failed.emit(error)

        was_busy = self.busy
        self.task = run_task(job, on_success=succeeded, on_failure=failed)
        if not was_busy:
            self.busy_changed.emit(True)
        return self.task
