"""The window's data safety: one window per file, changes made elsewhere, restore, erase."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from ams_desk.cli import main
from ams_desk.core.model import Role, SignupStatus
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.operations import OperationBusy
from ams_desk.gui.safety_dialogs import DamagedDialog
from ams_desk.gui.window_lock import lock_database, lock_path
from ams_desk.store import restore
from ams_desk.store.database import Database, DatabaseInUse, open_database
from ams_desk.store.ops import signups
from ams_desk.store.people import AddedSignup, find_person


def test_a_second_window_on_one_database_is_refused(db_path: Path) -> None:
    first = lock_database(db_path)
    try:
        with pytest.raises(DatabaseInUse, match="already open in another AMS Desk window"):
            lock_database(db_path)
    finally:
        first.unlock()
    lock_database(db_path).unlock()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_lock_of_a_killed_window_is_recovered(db_path: Path) -> None:
    script = (
        "import sys, time; from pathlib import Path;"
        "from ams_desk.gui.window_lock import lock_database;"
        "lock = lock_database(Path(sys.argv[1])); print('locked', flush=True); time.sleep(60)"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(db_path)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    with pytest.raises(DatabaseInUse, match=f"process {process.pid}"):
        lock_database(db_path)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert lock_path(db_path).exists()  # left behind by the killed process
    lock_database(db_path).unlock()


def test_command_line_writes_appear_in_the_open_window(
    make_window: Callable[[], MainWindow], people: dict[str, AddedSignup], db_path: Path,
    qtbot: object, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    before = window.views[Role.MENTEE].model.rowCount()
    sheet = tmp_path / "one.csv"
    sheet.write_text("Name,Email,Position,Role\nKees de Vries,kees@ams.org,Postdoc,mentee\n",
                     encoding="utf-8")
    assert main(["--db", f"sqlite:///{db_path}", "import", str(sheet)]) == 0, capsys.readouterr()
    # No F5: the window's poll notices the commit of another connection.
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: window.views[Role.MENTEE].model.rowCount() == before + 1, timeout=6000)
    assert "changes made elsewhere" in window.statusBar().currentMessage()
    # Its own changes do not count as someone else's.
    window.safety.watch.sync()
    assert not window.safety.watch.changed()


def test_restore_from_backup_in_the_window(
    make_window: Callable[[], MainWindow], people: dict[str, AddedSignup], db: Database,
    qtbot: object,
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    backup = db.backup("manual")
    assert backup is not None
    from ams_desk.store.backups import list_backups
    from ams_desk.store.signup_status import withdraw_signup

    withdraw_signup(db, people["ayse"].signup_id)
    window.reload()
    chosen = list_backups(db.sqlite_path)[0]  # type: ignore[arg-type]
    task = window.safety.restore(chosen)
    assert task is not None
    # It runs off the GUI thread, with progress; writes are refused until it is done.
    assert window.ops.busy
    with pytest.raises(OperationBusy, match="Restore from backup"):
        window.ops.run("Withdraw", partial(
            signups.set_statuses, statuses={people["jose"].signup_id: SignupStatus.WITHDRAWN}))
    qtbot.waitUntil(lambda: task.done, timeout=20000)  # type: ignore[attr-defined]
    assert not window.ops.busy
    rows = {r.signup_id: r for r in window.views[Role.MENTEE].model.all_rows()}
    assert rows[people["ayse"].signup_id].status.value == "open"
    assert any(b.reason == "restore" for b in list_backups(db.sqlite_path))  # type: ignore[arg-type]
    assert "Restored the backup" in window.statusBar().currentMessage()


def test_erase_a_person_from_the_window_after_confirmation(
    make_window: Callable[[], MainWindow], people: dict[str, AddedSignup], db: Database,
    qtbot: object,
) -> None:
    window = make_window()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    view.select_ids([people["jose"].signup_id])
    dialog = window.safety.erase_dialog()
    assert dialog is not None
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.erase_button.isEnabled()
    dialog.accept()
    # Erasing runs off the GUI thread with progress, other writes held meanwhile.
    assert window.ops.busy
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)  # type: ignore[attr-defined]
    assert "Erased José Muñoz" in window.statusBar().currentMessage()
    assert find_person(db, "jose@ams.org") is None
    assert window.undo_stack.count() == 0
    names = {r.name for r in view.model.all_rows()}
    assert "José Muñoz" not in names and "Erased person" in names


def test_a_damaged_file_at_start_offers_the_newest_backup_and_restores_it(
    db: Database, db_path: Path, people: dict[str, AddedSignup],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ams_desk.gui import app

    db.backup("daily")
    db.close()
    with db_path.open("r+b") as file:
        file.seek(0)
        file.write(b"SQLite format 2\0")
    damaged = db_path.read_bytes()
    shown: list[str] = []

    ticked = threading.Event()

    def look() -> None:  # runs only while the GUI thread's event loop runs
        shown.extend(w.labelText() for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.isVisible())
        ticked.set()

    def choose_restore(dialog: DamagedDialog) -> int:
        shown.append(dialog.windowTitle())
        QTimer.singleShot(20, look)
        return DamagedDialog.RESTORE

    restoring: list[tuple[str, bool]] = []
    real_restore = restore.restore_backup

    def spy(path: Path, backup: Path, *, progress: Any = None) -> restore.RestoreResult:
        """The real restore, noting its thread and whether the GUI stayed responsive."""
        restoring.append((threading.current_thread().name, ticked.wait(5)))
        return real_restore(path, backup, progress=progress)

    monkeypatch.setattr(DamagedDialog, "exec", choose_restore)
    monkeypatch.setattr(restore, "restore_backup", spy)
    opened = app._open_window(f"sqlite:///{db_path}")
    assert opened is not None and shown[0] == "AMS Desk — the database is damaged"
    assert len(shown) == 2 and shown[1].startswith("Restoring the backup of ")
    [(thread, responsive)] = restoring
    assert thread != threading.main_thread().name and responsive  # off the GUI thread
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()]
    reopened, window = opened
    try:
        assert find_person(reopened, "eva@ams.org") is not None
        aside = list(db_path.parent.glob("ams.damaged-*.sqlite"))
        assert len(aside) == 1 and aside[0].read_bytes() == damaged
    finally:
        window.close()
        window.deleteLater()
        reopened.close()


def test_quitting_at_the_damaged_file_dialog_changes_nothing(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ams_desk.gui import app

    db.backup("daily")
    db.close()
    with db_path.open("r+b") as file:
        file.truncate(5000)
    before = db_path.read_bytes()
    monkeypatch.setattr(DamagedDialog, "exec", lambda self: DamagedDialog.QUIT)
    assert app._open_window(f"sqlite:///{db_path}") is None
    assert db_path.read_bytes() == before


def test_the_days_backup_is_made_once_the_check_passed(
    make_window: Callable[[], MainWindow], db: Database, qtbot: object
) -> None:
    from ams_desk.store.backups import list_backups

    window = make_window()
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: [b.reason for b in list_backups(db.sqlite_path)] == ["daily"],  # type: ignore[arg-type]
        timeout=5000)
    window.safety.daily_backup()  # at most daily
    if window.safety._backup_thread is not None:
        window.safety._backup_thread.join()
    assert len(list_backups(db.sqlite_path)) == 1  # type: ignore[arg-type]


def test_window_opened_before_the_check_waits_for_it(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").close()
    db = open_database(f"sqlite:///{db_path}", deep_check=False)
    try:
        db.wait_checked(10)
        assert db.check_failure is None
    finally:
        db.close()


@pytest.mark.postgres
def test_another_coordinator_s_change_appears_on_postgresql_without_f5(
    pg_db: Database, qtbot: object, settings: object,
) -> None:
    from datetime import date

    from ams_desk.core.validation import PersonInput, SignupInput
    from ams_desk.store.people import add_signup

    window = MainWindow(pg_db, today=date(2026, 6, 1), settings=settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    assert view.model.rowCount() == 0
    other = open_database(pg_db.url)  # another coordinator's window
    try:
        add_signup(other, PersonInput("Kees de Vries", "kees@ams.org", "Postdoc"),
                   SignupInput(Role.MENTEE, date(2026, 5, 1), 2026))
    finally:
        other.close()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=6000)  # type: ignore[attr-defined]
    assert "changes made elsewhere" in window.statusBar().currentMessage()
    window.close()


def test_a_person_due_for_erasure_is_erased_from_needs_attention(
    make_window: Callable[[], MainWindow], db: Database, qtbot: object
) -> None:
    from datetime import date

    from sqlalchemy import text

    from ams_desk.core.attention import AttentionReason
    from ams_desk.core.validation import PersonInput, SignupInput
    from ams_desk.gui.safety_dialogs import EraseDialog
    from ams_desk.store.people import add_signup
    from ams_desk.store.signup_status import withdraw_signup

    old = add_signup(db, PersonInput("Piet Smit", "piet@old.org", "Postdoc"),
                     SignupInput(Role.MENTEE, date(2018, 2, 3), 2018))
    withdraw_signup(db, old.signup_id)
    with db.engine.begin() as conn:  # as if it had last been changed back then
        conn.execute(text("UPDATE signup SET modified_at = NULL"))
    window = make_window()
    view = window.attention
    window.tabs.setCurrentWidget(view)
    rows = view.model.all_rows()
    due = [i for i, r in enumerate(rows) if r.item.reason is AttentionReason.DUE_FOR_ERASURE]
    assert [rows[i].who for i in due] == ["Piet Smit"]
    view.table.setCurrentIndex(view.groups.index(0, 0))  # the group's heading, not a row
    assert not view.erase_button.isEnabled() and not view.erase_action.isEnabled()
    view.select_row(due[0])
    assert view.erase_button.isVisible() and view.erase_button.isEnabled()
    assert view.erase_action in view.table.actions() and view.erase_action.isEnabled()
    view.erase_button.click()
    [dialog] = [d for d in window.findChildren(EraseDialog) if d.isVisible()]
    assert dialog.windowTitle() == "Erase a person"  # the confirmation File → Erase asks for
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setChecked(True)
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)  # type: ignore[attr-defined]
    assert find_person(db, "piet@old.org") is None
    assert "Erased Piet Smit" in window.statusBar().currentMessage()
    assert all(r.who != "Piet Smit" and r.item.reason is not AttentionReason.DUE_FOR_ERASURE
               for r in view.model.all_rows())
    assert view.erase_button.isHidden()  # shown only while someone is due for erasure
