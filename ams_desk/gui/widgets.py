"""Building blocks shared by the views: tables over FastTableModel, search fields, labels."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from ams_desk.gui.table_model import FastTableModel

ROW_HEIGHT = 28


def make_table(model: FastTableModel, *, multi_select: bool = False) -> QTableView:  # type: ignore[type-arg]
    """A read-only table of whole-row selection that sorts through ``model`` on header clicks.

    Rows have one fixed height and columns their model's widths: measuring
    100,000 rows to fit them would take seconds.
    """
    return setup_table(QTableView(), model, multi_select=multi_select)


def setup_table(
    table: QTableView,
    model: FastTableModel,  # type: ignore[type-arg]
    *,
    multi_select: bool = False,
) -> QTableView:
    """Make ``table`` (built by a form) the read-only, model-sorted table of :func:`make_table`."""
    table.setModel(model)
    table.setProperty("wholeRows", True)  # the style sheet draws no framed cell in it
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(model.column_widths()):
        header.resizeSection(column, width)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.sortIndicatorChanged.connect(model.sort)
    return table


def make_search_edit(placeholder: str) -> QLineEdit:
    """A search field with a magnifier and a clear button."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.addAction(QIcon(":/ams/icons/search.svg"), QLineEdit.ActionPosition.LeadingPosition)
    edit.setAccessibleName("Search")
    clear_on_escape(edit)
    return edit


def clear_on_escape(edit: QLineEdit) -> None:
    """Escape in ``edit`` empties it (a search field's way back to every row)."""
    action = QAction("Clear search", edit)
    action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(edit.clear)
    edit.addAction(action)


class EmptyNote(QLabel):
    """Words in an empty table saying why it is empty ("No mentee matches 'xyz'").

    ``reason()`` gives the words for the current filters; the note shows while
    the table's model has no rows and follows the model's resets.
    """

    def __init__(self, table: QTableView, reason: Callable[[], str]) -> None:
        super().__init__(table.viewport())
        self.setObjectName("emptyNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._table = table
        self._reason = reason
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(self.update_note)
        table.viewport().installEventFilter(self)
        self.update_note()

    def update_note(self) -> None:
        """Show the reason while the table is empty; hide it otherwise."""
        empty = self._table.model().rowCount() == 0
        text = self._reason() if empty else ""
        self.setText(text)
        self.setVisible(bool(text))
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)

    def _place(self) -> None:
        area = self._table.viewport().rect()
        self.setGeometry(24, 24, max(0, area.width() - 48), min(80, max(0, area.height() - 48)))


def filter_label(text: str, buddy: QWidget) -> QLabel:
    """A quiet label for a filter control, with ``&`` marking its shortcut letter."""
    label = QLabel(text)
    label.setObjectName("filterLabel")
    label.setBuddy(buddy)
    return label


SEARCH_DELAY_MS = 120
"""Typing pauses shorter than this do not refilter (keeps typing smooth at 100k rows)."""


def filter_bar(filters: list[tuple[str, QWidget]], search: QLineEdit) -> QHBoxLayout:
    """Labelled filter controls, then the search field taking the remaining width."""
    bar = QHBoxLayout()
    bar.setContentsMargins(10, 10, 10, 6)
    bar.setSpacing(8)
    for text, widget in filters:
        bar.addWidget(filter_label(text, widget))
        bar.addWidget(widget)
        bar.addSpacing(12)
    bar.addWidget(search, 1)
    return bar


def search_timer(parent: QWidget) -> QTimer:
    """A single-shot timer that waits for a pause in typing."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    return timer


class BusyBar(QWidget):
    """A step label, a progress bar and Cancel, shown while long work runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("filterLabel")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop before anything is written")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.show()

    def progress(self, done: int, total: int | None) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def step(self, text: str, done: int, total: int) -> None:
        self.label.setText(text)
        self.progress(done, total)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor over the application while a read of under a second or so blocks it."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
