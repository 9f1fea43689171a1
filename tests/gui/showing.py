"""Showing a widget the way a person meets it: on screen and active."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def show_active(qtbot: object, widget: QWidget) -> None:
    """Show ``widget``, make it the active window and wait until it is."""
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # type: ignore[attr-defined]
