"""The import as an operation (:mod:`ams_desk.store.changes`): applying it, and its undo.

Applying a preview returns the report and, as its inverse, the undo of that
recorded import; undoing returns, as *its* inverse, applying the same preview
again (decided afresh against what is stored then). So the GUI's undo stack
takes an import back with Ctrl+Z and makes it again with Ctrl+Shift+Z, and
``ams-desk import --undo`` runs the same undo.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ams_desk.sheets.importing.apply import ImportReport, apply_preview
from ams_desk.sheets.importing.preview import Preview
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.import_runs import UndoneImport, undo_last_import


def apply_import(
    db: Database,
    preview: Preview,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Outcome[ImportReport]:
    """Write ``preview`` (see :func:`apply_preview`); the inverse undoes this import."""
    report = apply_preview(db, preview, progress=progress, cancelled=cancelled)
    if report.run_id is None:  # nothing written: nothing to undo
        return Outcome(report, Changes())
    return Outcome(report, Changes.all(),
                   partial(undo_import, run_id=report.run_id, preview=preview))


def undo_import(db: Database, run_id: int, preview: Preview | None = None) -> Outcome[UndoneImport]:
    """Undo the recorded import ``run_id``; the inverse applies ``preview`` again, if given.

    Raises:
        ImportUndoError: It is not the latest import, or its rows were changed
            since (nothing changed).
    """
    undone = undo_last_import(db, run_id)
    redo = partial(apply_import, preview=preview) if preview is not None else None
    return Outcome(undone, Changes.all(), redo)
