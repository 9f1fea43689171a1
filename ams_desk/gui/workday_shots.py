"""Screenshots of a coordinator's day for the README: the pool, Needs attention, a meeting.

Called by :func:`ams_desk.gui.screenshots.render_all` once Suggest has placed
drafts on the demo: Needs attention and the board at 1024 pixels wide (the
1360-pixel ones are taken there), then a continuing pair's later meeting —
the dialog, and the timeline and Pairs table that show it — at both widths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ams_desk.core.workflow import PairStatus

NARROW = 1024
"""The narrow width the windows are checked at."""


def _at_width(app: QApplication, window: Any, width: int) -> None:
    window.resize(width, window.height())
    for _ in range(5):
        app.processEvents()


def workday_shots(app: QApplication, window: Any, save: Callable[[QWidget, str], None]) -> None:
    """Save attention-1024, board-1024, meeting-dialog, pairs-meeting and pairs-meeting-1024."""
    wide = window.width()
    window.tabs.setCurrentWidget(window.attention)
    _at_width(app, window, NARROW)
    save(window, "attention-1024")
    window.tabs.setCurrentWidget(window.board)
    board = window.board
    # Before Suggest filled the places: a mentee selected ranks the mentors who may take them.
    suggested = window.undo_stack.undoText().startswith("Suggest")
    if suggested:
        window.undo_stack.undo()
    if board.mentee_model.rowCount():
        board.select_mentee(board.mentee_model.card_at(0).signup_id)
        board.ui.mentor_view.scrollToTop()
    save(window, "board-1024")
    _at_width(app, window, wide)
    save(window, "board-mentee-selected")
    if suggested:
        window.undo_stack.redo()
    pairs = window.pairs
    window.tabs.setCurrentWidget(pairs)
    pairs.status_combo.setCurrentIndex(pairs.status_combo.findText("All pairs"))
    going_on = [r for r in pairs.model.rows_shown() if r.status is PairStatus.CONTINUING]
    if not going_on:
        return
    pairs.select_pair(max(going_on, key=lambda r: r.since).pair.id)
    dialog = pairs.record_meeting()
    if dialog is None:
        return
    today = window.ctx.today
    dialog.ui.dateEdit.setDate(QDate(today.year, today.month, today.day).addDays(-3))
    dialog.ui.placeEdit.setText("Café de Jaren, Amsterdam")
    dialog.ui.noteEdit.setPlainText("Went through the grant proposal; next time: the interview.")
    save(dialog, "meeting-dialog")
    dialog.ui.buttonBox.accepted.emit()
    model = pairs.model
    meetings = next(c for c in range(model.columnCount())
                    if model.headerData(c, Qt.Orientation.Horizontal) == "Meetings")
    pairs.table.scrollTo(model.index(pairs.table.currentIndex().row(), meetings))
    story = pairs.timeline.browser.verticalScrollBar()
    story.setValue(story.maximum())  # the meeting just recorded, at the end of the story
    save(window, "pairs-meeting")
    _at_width(app, window, NARROW)
    story.setValue(story.maximum())
    save(window, "pairs-meeting-1024")
    _at_width(app, window, wide)
