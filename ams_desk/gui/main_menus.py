"""The main window's toolbar and menus, laid out from the actions the window made."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

if TYPE_CHECKING:
    from ams_desk.gui.main_window import MainWindow


def add_toolbar_and_menus(window: MainWindow) -> None:
    """Put the window's actions in its toolbar and in its File, Edit and View menus."""
    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (window.new_action, window.edit_action, window.withdraw_action):
        toolbar.addAction(action)
    toolbar.addAction(window.import_action)
    toolbar.addSeparator()
    toolbar.addAction(window.undo_action)
    toolbar.addAction(window.redo_action)
    stack = window.undo_stack
    _elide_label(toolbar, window.undo_action, "Undo", stack.undoTextChanged, stack.undoText())
    _elide_label(toolbar, window.redo_action, "Redo", stack.redoTextChanged, stack.redoText())
    toolbar.addSeparator()
    toolbar.addAction(window.refresh_action)
    window.addToolBar(toolbar)

    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(window.import_action)
    file_menu.addAction(window.refresh_action)
    file_menu.addAction(window.settings_action)
    file_menu.addSeparator()
    for action in window.safety.actions:
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menu.addMenu("&Edit")
    for action in (window.undo_action, window.redo_action):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    w = window
    for action in (w.new_action, w.edit_action, w.withdraw_action, w.reopen_action):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    edit_menu.addAction(window.find_action)
    view_menu = menu.addMenu("&View")
    for action in window.tab_actions:
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(window.history_action)
    window.mail.add_menu(window, window.tab_actions[-1])


TOOLBAR_LABEL_WIDTH = 170
"""Pixels an Undo or Redo label may take in the toolbar (the menu shows it whole)."""


def _elide_label(
    toolbar: QToolBar, action: QAction, verb: str, text_changed: SignalInstance, text: str
) -> None:
    """Keep ``action``'s toolbar label short: "Undo Edit sign-up Jos…", whole in its tooltip.

    Without this the label grows with each command's description until the
    buttons after it fall off the toolbar of a narrow window.
    """
    # A closure, as Operations does: the stack empties itself as it is destroyed,
    # after the action may be gone.
    def update(what: str) -> None:
        if not (shiboken6.isValid(action) and shiboken6.isValid(toolbar)):
            return
        label = f"{verb} {what}".strip()
        elided = toolbar.fontMetrics().elidedText(
            label, Qt.TextElideMode.ElideRight, TOOLBAR_LABEL_WIDTH
        )
        action.setIconText(elided)
        action.setToolTip(label)

    text_changed.connect(update)
    update(text)
