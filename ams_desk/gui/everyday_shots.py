"""Pictures of the everyday rough edges made smooth, at 1360 and 1024 px wide.

An empty search, the sign-up editor's message under its field, a step date
refused under its field, and the toolbar of a narrow window after an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from ams_desk.core.model import Role

WIDTHS = (1360, 1024)


def everyday_shots(
    window: Any,
    save_pixmap: Callable[[QPixmap, str], None],
    over: Callable[[QWidget, QWidget], QPixmap],
    settle: Callable[[], None],
) -> None:
    """Save ``search-empty``, ``signup-editor-invalid``, ``step-dialog-refused`` and
    ``toolbar-after-edit``, each at 1360 and 1024 px (``-1024`` after the name).

    ``over(window, dialog)`` draws a dialog over its window; ``settle()`` lets Qt
    finish drawing (both from the screenshot module).
    """
    from ams_desk.core.workflow import PairStatus

    size = window.size()
    view = window.views[Role.MENTEE]
    pairs = window.pairs
    for width in WIDTHS:
        suffix = "" if width == WIDTHS[0] else f"-{width}"
        window.resize(width, size.height())
        window.tabs.setCurrentWidget(view)
        view.search_edit.setText("xyz")
        view.apply_search_now()
        settle()
        save_pixmap(window.grab(), f"search-empty{suffix}")
        view.search_edit.clear()
        view.apply_search_now()
        view.table.selectRow(0)
        editor = window.edit_selected()
        if editor is not None:
            editor.ui.emailEdit.setText("maria.jimenez@")
            editor._on_save()  # noqa: SLF001 - what Save does
            settle()
            save_pixmap(over(window, editor), f"signup-editor-invalid{suffix}")
            editor.ui.emailEdit.setText(editor._initial[0].email)  # noqa: SLF001 - unchanged
            editor.done(0)
        window.tabs.setCurrentWidget(pairs)
        row = next((r for r in pairs.model.rows_shown() if r.status is PairStatus.FIRST_CONTACT),
                   None)
        if row is not None and pairs.select_pair(row.pair.id) and pairs.timeline.row is not None:
            # A date typed before the pair was proposed: refused under the field.
            first = min(e.at for e in pairs.timeline.row.pair.events)
            dialog = pairs.record_step(PairStatus.MENTOR_RESPONDED)
            if dialog is not None:
                edit = dialog.when_edit
                edit.setDateTime(edit.dateTime().fromString(f"{first:%Y-%m-%d} 08:00",
                                                            "yyyy-MM-dd HH:mm"))
                settle()
                dialog.adjustSize()
                save_pixmap(over(window, dialog), f"step-dialog-refused{suffix}")
                dialog.reject()
        window.tabs.setCurrentWidget(view)
        view.table.selectRow(0)
        editor = window.edit_selected()
        if editor is not None:
            department = editor.ui.departmentEdit
            department.setText(department.text() + " and Circular Cities")
            editor._on_save()  # noqa: SLF001 - what Save does
            settle()
            save_pixmap(window.grab(), f"toolbar-after-edit{suffix}")
            window.undo_action.trigger()
    window.resize(size)
    settle()
