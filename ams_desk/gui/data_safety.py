"""The main window's data safety: changes made elsewhere, daily backups, restore, export, erase.

A controller beside the window: it adds its actions to the File menu, polls
for commits made by other connections (the command line, other coordinators)
and reloads the window when there are some, waits for the background check of
the file, and makes the day's backup once that check has passed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ams_desk import APP_NAME
from ams_desk.gui.operations import BackgroundJob, OperationBusy
from ams_desk.gui.safety_dialogs import DamagedDialog, EraseDialog, RestoreDialog
from ams_desk.gui.tasks import Cancelled, Progress, Task, run_task
from ams_desk.store.backups import BackupInfo, has_backup_of_day, list_backups
from ams_desk.store.change_watch import ChangeWatch
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import DamagedDatabase, Database, StoreError

if TYPE_CHECKING:
    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.restore import RestoreResult

T = TypeVar("T")
POLL_MS = 2000
DAILY_CHECK_MS = 60 * 60 * 1000


def progress_dialog(parent: QWidget | None, title: str, label: str) -> QProgressDialog:
    """A progress dialog without Cancel: the work is all or nothing once it started."""
    progress = QProgressDialog(label, "", 0, 100, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                              else Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)
    return progress


def close_progress(progress: QProgressDialog) -> None:
    progress.close()
    progress.deleteLater()


def progress_to(progress: QProgressDialog) -> Progress:
    """A job's ``progress(done, total)`` shown as a percentage (99 at most until it ends)."""

    def progressed(done: int, total: int | None) -> None:
        if total:
            progress.setValue(min(99, done * 100 // total))

    return progressed


def restore_in_background(
    path: Path, backup: Path, parent: QWidget | None, label: str = ""
) -> RestoreResult:
    """Restore ``backup`` over ``path`` on the worker thread, showing its steps; wait for it.

    The event loop runs meanwhile (the progress repaints, the window stays
    responsive), as File → Restore does; used where nothing else can go on
    until the file is good again (a damaged file, before or as the window opens).

    Raises:
        StoreError: As :func:`~ams_desk.store.restore.restore_backup`; nothing changed.
    """
    from ams_desk.store.restore import restore_backup

    progress = progress_dialog(parent, "Restore from backup", label or f"Restoring {backup.name}…")
    ended: list[RestoreResult | BaseException] = []
    loop = QEventLoop()
    task = run_task(lambda report, _cancelled: restore_backup(path, backup, progress=report),
                    on_success=ended.append, on_failure=ended.append,
                    on_progress=progress_to(progress))
    task.finished.connect(loop.quit)
    loop.exec()  # the task's callbacks are queued: none can have run before this
    close_progress(progress)
    result = ended[0]
    if isinstance(result, BaseException):
        raise result
    return result


def offer_restore(problem: DamagedDatabase, parent: QWidget | None = None) -> bool:
    """Tell the coordinator the file is damaged; restore the backup they pick.

    The restore runs off the GUI thread with its progress
    (:func:`restore_in_background`).

    Returns:
        Whether a backup was restored (the damaged file is kept aside, renamed).
    """
    path = problem.path
    while True:
        choice = DamagedDialog(problem, parent).exec()
        if choice == DamagedDialog.QUIT:
            return False
        backup: BackupInfo | Path | None = problem.backup
        if choice == DamagedDialog.CHOOSE:
            backups = list_backups(path)
            if backups:
                dialog = RestoreDialog(backups, path.name, parent)
                accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
                backup = dialog.chosen() if accepted else None
            else:
                name, _ = QFileDialog.getOpenFileName(parent, "Choose a backup", str(path.parent),
                                                      "AMS Desk databases (*.sqlite *.db)")
                backup = Path(name) if name else None
        if backup is None:
            continue
        file, label = (
            (backup.path, f"Restoring the backup of {backup.created:%Y-%m-%d %H:%M}…")
            if isinstance(backup, BackupInfo) else (backup, f"Restoring {backup.name}…"))
        try:
            restore_in_background(path, file, parent, label)
        except StoreError as exc:
            QMessageBox.warning(parent, APP_NAME, f"The backup was not restored.\n\n{exc}")
            continue
        return True


class DataSafety(QObject):
    """Data safety actions and watchers of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watch = ChangeWatch(window.db)
        self.restore_action = QAction("Restore from &backup…", window)
        self.restore_action.setToolTip("Put an automatic backup of this database in place")
        self.restore_action.setEnabled(window.db.sqlite_path is not None)
        self.export_action = QAction("E&xport a person's data…", window)
        self.export_action.setToolTip("Everything stored about the selected person, as JSON")
        self.erase_action = QAction("E&rase a person…", window)
        self.erase_action.setToolTip("Erase the selected person for good (on request)")
        self.name_action = QAction("Your &name on events…", window)
        self.name_action.setToolTip("The name the timeline credits your steps and notes to")
        self.name_action.triggered.connect(self.ask_name)
        self._apply_name()
        self.restore_action.triggered.connect(self.restore)
        self.export_action.triggered.connect(self.export_selected)
        self.erase_action.triggered.connect(self.erase_selected)
        window.ops.changed.connect(lambda _changes: self.watch.sync())
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._poll.start()
        self._daily = QTimer(self)
        self._daily.setInterval(DAILY_CHECK_MS)
        self._daily.timeout.connect(self.daily_backup)
        self._daily.start()
        self._backup_thread: threading.Thread | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(100)
        self._check_timer.timeout.connect(self._check_done)
        self._check_timer.start()

    @property
    def actions(self) -> list[QAction]:
        return [self.restore_action, self.export_action, self.erase_action, self.name_action]

    def _apply_name(self) -> None:
        from ams_desk.store.pairs import set_coordinator_name

        stored = self.window.settings_store().value("coordinator/name", "")
        set_coordinator_name(str(stored) if stored else None)

    def ask_name(self) -> str | None:
        """Ask for the name events are credited to (default: the account's full name)."""
        from PySide6.QtWidgets import QInputDialog

        from ams_desk.store.pairs import account_full_name, coordinator_name

        name, ok = QInputDialog.getText(
            self.window, "Your name on events",
            f"Steps, notes and emails you record are credited to this name\n"
            f"(empty: the account's full name, {account_full_name()}).",
            text=coordinator_name())
        if not ok:
            return None
        settings = self.window.settings_store()
        settings.setValue("coordinator/name", name.strip())
        self._apply_name()
        return coordinator_name()

    def close(self) -> None:
        self._poll.stop()
        self._daily.stop()
        self._check_timer.stop()
        self.watch.close()

    # -- watching -----------------------------------------------------------------------------

    def poll(self) -> None:
        """Reload when another connection committed since we last looked."""
        if not self._poll.isActive() or self.window.ops.busy:
            return  # a background write reloads the views itself when it is done
        db = self.window.db
        if db.checked.is_set() and db.check_failure is None and self.watch.changed():
            self.window.reload()
            self.watch.sync()
            self.window.statusBar().showMessage("Updated with changes made elsewhere.", 5000)

    def _check_done(self) -> None:
        db = self.window.db
        if not db.checked.is_set():
            return
        self._check_timer.stop()
        if db.check_failure is None:
            self.daily_backup()
            return
        db.engine.dispose()  # pooled connections must not outlive the damaged file
        if not offer_restore(db.check_failure, self.window):
            self.window.close()
            return
        db.check_failure = None
        self.window.undo_stack.clear()
        self.window.reload()

    def daily_backup(self) -> None:
        """Back the file up once a day while the app is used (on a thread of its own)."""
        db = self.window.db
        path = db.sqlite_path
        if path is None or db.check_failure is not None or not db.checked.is_set():
            return
        if self._backup_thread is not None and self._backup_thread.is_alive():
            return
        if has_backup_of_day(path, datetime.now()):
            return
        import sqlite3

        from ams_desk.store.backups import write_backup

        def job() -> None:
            source = sqlite3.connect(path)
            try:
                write_backup(source, path, "daily")
            except StoreError:
                pass  # tried again within the hour; the status bar is not the place
            finally:
                source.close()

        self._backup_thread = threading.Thread(target=job, name="ams-desk-backup", daemon=True)
        self._backup_thread.start()

    # -- restore ------------------------------------------------------------------------------

    def choose_backup(self, parent: QWidget) -> BackupInfo | None:
        path = self.window.db.sqlite_path
        assert path is not None
        dialog = RestoreDialog(list_backups(path), path.name, parent)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def restore(self, backup: BackupInfo | None = None) -> Task[Any] | None:
        """Restore ``backup`` (else one the coordinator chooses) off the GUI thread.

        A progress dialog shows the steps; every write waits until it is done.
        Returns the running task (None when nothing was started).
        """
        from ams_desk.store.restore import restore_backup

        db = self.window.db
        path = db.sqlite_path
        if path is None:
            return None
        backup = backup or self.choose_backup(self.window)
        if backup is None:
            return None
        if self._backup_thread is not None:
            self._backup_thread.join()
        chosen = backup
        progress = progress_dialog(self.window, "Restore from backup",
                                  f"Restoring the backup of {chosen.created:%Y-%m-%d %H:%M}…")

        def job(db: Database, report: Progress, _cancelled: Cancelled) -> Outcome[RestoreResult]:
            db.engine.dispose()  # pooled connections must not outlive the old file
            result = restore_backup(path, chosen.path, progress=report)
            db.check_failure = None
            db.checked.set()
            return Outcome(result, Changes.all())  # a restore is not undone: restore again

        def succeeded(result: RestoreResult) -> None:
            close_progress(progress)
            self.window.undo_stack.clear()  # its steps were made on the replaced data
            kept = (f"The database it replaced was backed up as {result.saved_current.name}."
                    if result.saved_current else
                    f"The damaged file was kept as {result.moved_aside.name}."
                    if result.moved_aside else "")
            self.window.statusBar().showMessage(
                f"Restored the backup of {chosen.created:%Y-%m-%d %H:%M}. {kept}", 15000)

        def failed(error: BaseException) -> None:
            close_progress(progress)
            QMessageBox.warning(self.window, APP_NAME, f"The backup was not restored.\n\n{error}")

        return self._run_held("Restore from backup", job, succeeded, failed, progress)

    def _run_held(
        self,
        text: str,
        job: BackgroundJob[T],
        succeeded: Callable[[T], None],
        failed: Callable[[BaseException], None],
        progress: QProgressDialog,
    ) -> Task[Any] | None:
        """Run ``job`` as a background operation: other writes are refused meanwhile."""
        try:
            return self.window.ops.run_in_background(text, job, on_success=succeeded,
                                                     on_failure=failed,
                                                     on_progress=progress_to(progress))
        except OperationBusy as exc:
            close_progress(progress)
            QMessageBox.information(self.window, APP_NAME, str(exc))
            return None

    # -- a person's data ----------------------------------------------------------------------

    def _selected_person(self) -> tuple[int, str, str] | None:
        from ams_desk.gui.people_view import PeopleView

        view = self.window.tabs.currentWidget()
        rows = view.selected_rows() if isinstance(view, PeopleView) else []
        if len(rows) != 1:
            QMessageBox.information(self.window, APP_NAME,
                                    "Select the person's sign-up in Mentees or Mentors first.")
            return None
        return rows[0].person_id, rows[0].name, rows[0].email

    def export_selected(self) -> Path | None:
        """File → Export a person's data: every row about them, as a JSON file."""
        from ams_desk.store.person_data import export_person, save_export

        selected = self._selected_person()
        if selected is None:
            return None
        _, name, email = selected
        suggested = str(Path.home() / f"{name} — AMS Desk data.json")
        target, _ = QFileDialog.getSaveFileName(
            self.window, "Export a person's data", suggested, "JSON (*.json)")
        if not target:
            return None
        try:
            data = export_person(self.window.db, email)
            save_export(data, Path(target))
        except (StoreError, LookupError) as exc:
            QMessageBox.warning(self.window, APP_NAME, f"Nothing was exported.\n\n{exc}")
            return None
        rows = sum(len(v) for v in data["tables"].values())
        self.window.statusBar().showMessage(f"Exported {rows} rows about {name} to {target}.",
                                            8000)
        return Path(target)

    def erase_dialog(self, person: tuple[int, str, str] | None = None) -> EraseDialog | None:
        """The confirmation of erasing ``person`` (id, name, email; else the selected one)."""
        from ams_desk.store.pair_rows import person_history

        selected = person or self._selected_person()
        if selected is None:
            return None
        person_id, name, email = selected
        history = person_history(self.window.db, person_id)
        dialog = EraseDialog(name, email, len(history.signups), len(history.pairs), self.window)
        dialog.accepted.connect(lambda: self._erase(name, email))
        return dialog

    def erase_selected(self) -> EraseDialog | None:
        """File → Erase a person…: after confirmation, the person is erased for good."""
        dialog = self.erase_dialog()
        if dialog is not None:
            dialog.open()
        return dialog

    def erase_signup(self, signup_id: int) -> EraseDialog | None:
        """Needs attention → Erase…: the same confirmation, for this sign-up's person."""
        from ams_desk.store.people import get_signup
        from ams_desk.store.rows import NotFoundError

        try:
            person, _signup = get_signup(self.window.db, signup_id)
        except NotFoundError:
            self.window.reload()  # erased or removed meanwhile: the row goes
            return None
        dialog = self.erase_dialog((person.id, person.name, person.email))
        if dialog is not None:
            dialog.open()
        return dialog

    def _erase(self, name: str, email: str) -> Task[Any] | None:
        from ams_desk.store.erasure import ErasureResult, erase_person

        progress = progress_dialog(self.window, "Erase a person", f"Erasing {name}…")

        def job(db: Database, report: Progress, _cancelled: Cancelled) -> Outcome[ErasureResult]:
            return Outcome(erase_person(db, email, progress=report), Changes.all())

        def succeeded(result: ErasureResult) -> None:
            close_progress(progress)
            # The steps on the undo stack may refer to what was erased; erasing is not undone.
            self.window.undo_stack.clear()
            self.window.statusBar().showMessage(
                f"Erased {result.name}; {result.pairs} pairs kept as anonymous counts.", 10000)

        def failed(error: BaseException) -> None:
            close_progress(progress)
            QMessageBox.warning(self.window, APP_NAME, f"{name} was not erased.\n\n{error}")

        return self._run_held(f"Erase {name}", job, succeeded, failed, progress)
