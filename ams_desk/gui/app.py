"""Starting the application: QApplication, style, database, main window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QIODevice, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ams_desk import APP_NAME, ORG_NAME, __version__
from ams_desk.gui import resources_rc  # noqa: F401 - registers :/ams resources
from ams_desk.gui.start_window import StartWindow

if TYPE_CHECKING:
    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.database import Database


def style_sheet() -> str:
    file = QFile(":/ams/style.qss")
    if not file.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Text):
        return ""
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with AMS Desk's names, icon and style (reused if one exists)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # The menu entry's name (resources/linux/ams-desk.desktop): Wayland shows its icon.
    app.setDesktopFileName("ams-desk")
    app.setWindowIcon(QIcon(":/ams/icons/app.svg"))
    # Setting a style replaces (deletes) the old one: once is enough, and doing it again
    # on a reused application crashed after an import wizard had been shown.
    if not app.property("ams_desk_style"):
        app.setStyle("Fusion")
        app.setProperty("ams_desk_style", "Fusion")
    sheet = style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    return app


def run(
    url: str | None,
    on_shown: Callable[[MainWindow], None] | None = None,
    on_first_window: Callable[[QMainWindow], None] | None = None,
) -> int:
    """Open the database at ``url`` and run the main window until it closes.

    A start window is on screen before the program's modules load and the
    database opens (see :mod:`ams_desk.gui.start_window`); the main window
    takes its place once it shows what it read. ``on_first_window`` is called
    once the start window is on screen, ``on_shown`` once the main window is
    (the start-up benchmark uses both).
    """
    app = make_application()
    first = StartWindow()
    first.show_now()
    if on_first_window is not None:
        on_first_window(first)
    try:
        return _run(app, first, url, on_shown)
    finally:
        first.close()


def _run(
    app: QApplication, first: StartWindow, url: str | None,
    on_shown: Callable[[MainWindow], None] | None,
) -> int:
    from ams_desk.store.database import StoreError, default_url, sqlite_file

    lock = None
    try:
        path = sqlite_file(url or default_url())
        if path is not None:
            from ams_desk.gui.window_lock import lock_database

            lock = lock_database(path)
        opened = _open_window(url)
    except StoreError as exc:
        first.close()
        QMessageBox.critical(None, APP_NAME, f"AMS Desk cannot open its database.\n\n{exc}")
        print(f"ams-desk: {exc}", file=sys.stderr)
        return 1
    if opened is None:
        return 1
    db, window = opened
    window.show()
    first.close()
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    try:
        return app.exec()
    finally:
        db.close()
        if lock is not None:
            lock.unlock()


def _open_window(url: str | None) -> tuple[Database, MainWindow] | None:
    """Open the database and its window; offer a backup while the file is damaged.

    The full page check runs while the window is built (writes wait for it);
    a read that meets a damaged page before the check ends is the check's failure.
    """
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    from ams_desk.gui.data_safety import offer_restore
    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.database import DamagedDatabase, open_database

    while True:
        db = None
        try:
            db = open_database(url, deep_check=False)
            return db, MainWindow(db)
        except DamagedDatabase as exc:
            problem = exc
        except (sqlite3.DatabaseError, DBAPIError):
            if db is None:
                raise
            db.checked.wait(120)
            if db.check_failure is None:
                raise
            problem = db.check_failure
        if db is not None:
            db.close()
        if not offer_restore(problem):
            print(f"ams-desk: {problem}", file=sys.stderr)
            return None
