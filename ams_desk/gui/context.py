"""What every view needs from the main window: the database, operations, and error reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtGui import QUndoStack

from ams_desk.gui.operations import Operations
from ams_desk.store.database import Database
from ams_desk.store.settings import ProgramSettings


@dataclass
class AppContext:
    """Shared by the views of one main window.

    ``ops`` runs every change (:mod:`ams_desk.gui.operations`) and tells the
    views through its ``changed`` signal; ``report(title, error)`` shows an
    error to the coordinator; ``program`` holds the program settings as last
    read; ``today`` is the day deadlines are judged on (fixed in tests and
    screenshots), ``now()`` the moment new steps and sign-ups are dated by default.
    """

    db: Database
    ops: Operations
    report: Callable[[str, Exception], None]
    program: ProgramSettings
    today_fixed: date | None = None

    @property
    def today(self) -> date:
        return self.today_fixed or date.today()

    def now(self) -> datetime:
        """Now, to the minute; on a fixed day, 10:00 of that day (screenshots stay the same)."""
        if self.today_fixed is not None:
            return datetime.combine(self.today_fixed, time(10, 0))
        return datetime.now().replace(second=0, microsecond=0)

    @property
    def undo_stack(self) -> QUndoStack:
        return self.ops.undo_stack
