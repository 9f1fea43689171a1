"""The import as an operation (:mod:`ams_desk.store.changes`): applying it, and its undo.

Applying a preview returns the report and, as its inverse, the undo of that
recorded import; undoing returns, as *its* inverse, applying the same preview
again (decided afresh against what is stored then). So the GUI's undo stack
takes an import back with Ctrl+Z and makes it again with Ctrl+Shift+Z, and
``ams-desk import --undo`` runs the same undo.

An import may come with emails to its new sign-ups (``confirm``, given by the
caller: the mail package is not this one's to import). They are queued after
the import commits, recorded on it, and taken back by its undo: one step.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sized
from dataclasses import replace
from functools import partial
from typing import Protocol

from ams_desk.sheets.importing.apply import ImportReport, apply_preview
from ams_desk.sheets.importing.preview import Preview
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.import_runs import UndoneImport, undo_last_import


class Confirm(Protocol):
    """Queues the emails of import ``run_id``'s new sign-ups, except to ``skip``; returns them.

    ``progress(done, total)`` counts the emails written.

    E.g. :func:`ams_desk.mail.import_emails.queue_import_confirmations`.
    """

    def __call__(self, db: Database, run_id: int, *, skip: Collection[str] = (),
                 progress: Callable[[int, int | None], None] | None = None) -> Sized: ...


def apply_import(
    db: Database,
    preview: Preview,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    confirm: Confirm | None = None,
    skip: Collection[str] = (),
) -> Outcome[ImportReport]:
    """Write ``preview`` (see :func:`apply_preview`); the inverse undoes this import.

    Args:
        confirm: Queues the new sign-ups' confirmations once the import is
            written; when it fails the import is taken back and its error raised
            (nothing changed).
        skip: Addresses ``confirm`` leaves out (already sent a confirmation).
    """
    report = apply_preview(db, preview, progress=progress, cancelled=cancelled)
    run_id = report.run_id
    if run_id is None:  # nothing written: nothing to undo
        return Outcome(report, Changes())
    if confirm is not None and report.counts.signups_created:
        try:
            queued = confirm(db, run_id, skip=skip, progress=progress)
        except Exception:
            undo_last_import(db, run_id)
            raise
        report = replace(report, confirmations=len(queued))
    return Outcome(report, Changes.all(),
                   partial(undo_import, run_id=run_id, preview=preview, confirm=confirm,
                           skip=skip))


def undo_import(db: Database, run_id: int, preview: Preview | None = None,
                confirm: Confirm | None = None, skip: Collection[str] = ()
                ) -> Outcome[UndoneImport]:
    """Undo the recorded import ``run_id``; the inverse applies ``preview`` again, if given.

    Its queued confirmations are removed with it; those already sent stay sent
    (:attr:`UndoneImport.emails_kept`), and making the import again does not
    write to their people a second time.

    Raises:
        ImportUndoError: It is not the latest import, or its rows were changed
            since (nothing changed).
    """
    undone = undo_last_import(db, run_id)
    redo = None
    if preview is not None:
        redo = partial(apply_import, preview=preview, confirm=confirm,
                       skip=(*skip, *undone.kept_addresses))
    return Outcome(undone, Changes.all(), redo)
