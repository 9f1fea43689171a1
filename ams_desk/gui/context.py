"""What every view needs from the main window: the database, undo, and change reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QUndoStack

from ams_desk.store.database import Database
from ams_desk.store.settings import ProgramSettings


@dataclass
class AppContext:
    """Shared by the views of one main window.

    ``changed()`` tells every view to reload from the store; ``report(title,
    error)`` shows an error to the coordinator; ``today`` is the day deadlines
    are judged on (fixed in tests and screenshots).
    """

    db: Database
    undo_stack: QUndoStack
    changed: Callable[[], None]
    report: Callable[[str, Exception], None]
    program: ProgramSettings
    today_fixed: date | None = None

    @property
    def today(self) -> date:
        return self.today_fixed or date.today()
