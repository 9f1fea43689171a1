"""Telling a coordinator that someone else changed what they were editing, and reloading.

A service refuses an edit made on stale data with
:class:`~ams_desk.store.versions.EditConflict` (what changed, by whom, when).
The editor keeps its window open and shows this message box: **Reload** puts
the stored values in (the coordinator then makes their change again),
**Keep editing** leaves the form as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ams_desk.store.versions import EditConflict


def offer_reload(
    parent: QWidget, conflict: EditConflict, reload: Callable[[], None]
) -> QMessageBox:
    """Show ``conflict`` with Reload (which calls ``reload``) and Keep editing; return the box."""
    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed by someone else")
    box.setText(conflict.message)
    box.setInformativeText("Reload shows what is stored now; your changes in this window are "
                           "replaced by it.")
    reload_button = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    reload_button.clicked.connect(reload)
    box.open()
    return box


def reload_button(box: QMessageBox) -> QWidget:
    """The box's Reload button (for keyboard users' tests and screenshots)."""
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
            return button
    raise LookupError("no Reload button")


__all__ = ["offer_reload", "reload_button"]
