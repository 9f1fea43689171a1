"""Starting the app: a window at once, the main window once the database is read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QTabBar

from ams_desk.gui.app import run
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.start_window import TAB_TITLES, StartWindow


def test_a_window_shows_before_the_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "ams.sqlite"
    seen: dict[str, object] = {}

    def first(window: QMainWindow) -> None:
        seen["first"] = window
        seen["first visible"] = window.isVisible() and window.windowHandle().isExposed()
        seen["database then"] = path.exists()
        seen["main windows then"] = [w for w in QApplication.topLevelWidgets()
                                     if isinstance(w, MainWindow) and w.isVisible()]

    def shown(window: MainWindow) -> None:
        seen["main"] = window
        seen["first visible after"] = seen["first"].isVisible()  # type: ignore[attr-defined]
        window.close()  # the last window: the app's loop ends

    assert run(f"sqlite:///{path}", on_shown=shown, on_first_window=first) == 0
    main, start = seen["main"], seen["first"]
    assert isinstance(main, MainWindow) and isinstance(start, StartWindow)
    start.deleteLater()
    assert seen["first visible"] is True
    assert seen["database then"] is False  # nothing was opened before the window showed
    assert seen["main windows then"] == []
    assert seen["first visible after"] is False  # the main window took its place


def test_the_start_window_takes_the_main_windows_place(settings: QSettings) -> None:
    placed = QMainWindow()
    placed.setGeometry(40, 30, 700, 500)
    settings.setValue("main/geometry", placed.saveGeometry())
    window = StartWindow(settings)
    assert (window.width(), window.height()) == (700, 500)
    [tabs] = window.findChildren(QTabBar)
    assert [tabs.tabText(i) for i in range(tabs.count())] == list(TAB_TITLES)
    assert not tabs.isEnabled()
    assert window.message.text() == "Opening the database…"
