"""The window shown the moment AMS Desk starts, while the program and its database open.

Loading the program's modules and opening a database of 100,000 people takes
a good part of a second; a coordinator who double-clicked the icon should see
the window at once. This one has the main window's place, size, title and
tabs, and says what is happening; the main window takes its place as soon as
it is ready. It imports only Qt: whatever it imported would delay it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ams_desk import APP_NAME

TABS = (("warning", "Needs attention"), ("mentee", "Mentees"), ("mentor", "Mentors"),
        ("board", "Matching board"), ("pair", "Pairs"), ("report", "Report"), ("mail", "Outbox"))
"""The main window's tabs (icon, title), shown (not yet usable) while it is built."""

TAB_TITLES = tuple(title for _, title in TABS)

TOOLBAR = (("add", "New sign-up"), ("edit", "Edit"), ("withdraw", "Withdraw"),
           ("import", "Import sign-ups"), None, ("undo", "Undo"), ("redo", "Redo"), None,
           ("refresh", "Reload"))
"""The main window's toolbar (icon, text; None: a separator), so that nothing moves when
the main window takes this one's place."""

MENUS = ("&File", "&Edit", "&View", "&Mail")

SHOW_WAIT_S = 0.25
"""How long to let the window system put the window on screen before the heavy work."""


class StartWindow(QMainWindow):
    """The main window's frame with "Opening the database…", until the main window is ready."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(":/ams/icons/app.svg"))
        for title in MENUS:
            self.menuBar().addMenu(title).setEnabled(False)
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for item in TOOLBAR:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(QIcon(f":/ams/icons/{item[0]}.svg"), item[1]).setEnabled(False)
        self.addToolBar(toolbar)
        tabs = QTabBar()
        tabs.setExpanding(False)
        for icon, title in TABS:
            tabs.addTab(QIcon(f":/ams/icons/{icon}.svg"), title)
        tabs.setEnabled(False)
        self.message = QLabel("Opening the database…")
        self.message.setObjectName("headingLabel")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(tabs, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message, 1)
        self.setCentralWidget(container)
        geometry = (settings or QSettings()).value("main/geometry")
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1360, 800)

    def show_now(self) -> None:
        """Show the window and let it be painted before the caller goes on with heavy work."""
        self.show()
        app = QApplication.instance()
        handle = self.windowHandle()
        deadline = time.monotonic() + SHOW_WAIT_S
        while app is not None and handle is not None and not handle.isExposed() and (
                time.monotonic() < deadline):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        self.repaint()
        if app is not None:
            app.processEvents()
