"""Showing a widget the way a person meets it: on screen and active."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def show_active(qtbot: object, widget: QWidget) -> None:
    """Show ``widget``, make it the active window and wait until it is."""
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # type: ignore[attr-defined]


def show_tab_at(window: Any, view: QWidget, width: int) -> dict[str, int]:
    """Resize ``window`` to ``width`` pixels, show ``view``'s tab, and give its table's
    columns by title."""
    window.resize(width, 700)
    window.tabs.setCurrentWidget(view)
    QApplication.processEvents()
    model = view.model  # type: ignore[attr-defined]
    return {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
