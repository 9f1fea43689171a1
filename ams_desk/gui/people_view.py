"""One tab of the main window: the Mentors or the Mentees table with its filters."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.model import SignupStatus
from ams_desk.gui.signup_model import STATUS_TEXT, SignupTableModel
from ams_desk.gui.table_model import ROW_ROLE
from ams_desk.gui.widgets import filter_bar, make_search_edit, make_table, search_timer
from ams_desk.store.people import SignupListRow

STATUS_FILTERS: list[tuple[str, frozenset[SignupStatus] | None]] = [
    ("Open and matched", frozenset({SignupStatus.OPEN, SignupStatus.MATCHED})),
    ("All statuses", None),
    *[(text, frozenset({status})) for status, text in STATUS_TEXT.items()],
]


class PeopleView(QWidget):
    """A filter bar over a table of sign-ups.

    Signals:
        selection_changed: The selected rows changed.
        activated: A row was double-clicked or Enter was pressed on it.
        filters_changed: The shown rows changed (filter or search).
    """

    selection_changed = Signal()
    activated = Signal()
    filters_changed = Signal()

    def __init__(self, model: SignupTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Program year")
        self.year_combo.setMinimumContentsLength(9)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for text, statuses in STATUS_FILTERS:
            self.status_combo.addItem(text, statuses)
        self.model.set_statuses(self.status_combo.currentData())
        self.search_edit = make_search_edit("Search name, email, project, topic…   (Ctrl+F)")
        self._search_timer = search_timer(self)
        bar = filter_bar(
            [("Program &year", self.year_combo), ("&Status", self.status_combo)], self.search_edit
        )

        self.table = make_table(self.model, multi_select=True)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setToolTip("Click to sort; drag to reorder; right-click to show or hide columns")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.doubleClicked.connect(self.activated)
        self.table.activated.connect(self.activated)
        self.model.modelReset.connect(self.selection_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._on_header_menu)

    def _on_header_menu(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setTitle("Columns")
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setData(column)
            # The name column always stays, so a row can be recognised.
            action.setEnabled(column != 0)
        chosen = menu.exec(header.mapToGlobal(position))
        if chosen is not None:
            header.setSectionHidden(int(chosen.data()), not chosen.isChecked())

    # -- filters ---------------------------------------------------------------------------

    def set_years(self, years: list[int]) -> None:
        """Offer ``years`` in the year filter, keeping the current choice when possible."""
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("All years", None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)
        self.model.set_year(self.year_combo.currentData())

    def _on_year_changed(self) -> None:
        self._keep_selection(lambda: self.model.set_year(self.year_combo.currentData()))

    def _on_status_changed(self) -> None:
        self._keep_selection(lambda: self.model.set_statuses(self.status_combo.currentData()))

    def _on_search(self) -> None:
        self._keep_selection(lambda: self.model.set_search(self.search_edit.text()))

    def apply_search_now(self) -> None:
        """Refilter without waiting for the typing pause (tests, Enter key)."""
        self._search_timer.stop()
        self._on_search()

    def _keep_selection(self, change: object) -> None:
        selected = self.selected_ids()
        current = self.current_id()
        change()  # type: ignore[operator]
        self.select_ids(selected, current)
        self.filters_changed.emit()

    # -- selection -------------------------------------------------------------------------

    def selected_rows(self) -> list[SignupListRow]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.data(index, ROW_ROLE) for index in sorted(rows, key=lambda i: i.row())]

    def selected_ids(self) -> list[int]:
        return [row.signup_id for row in self.selected_rows()]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE).signup_id if index.isValid() else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the rows of ``ids`` that are shown, and scroll to the current one."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if not wanted:
            return
        for row, item in enumerate(self.model.rows_shown()):
            if item.signup_id in wanted:
                selection.select(self.model.index(row, 0), flags)
        focus = current if current in wanted else next(iter(ids))
        row = self.model.find_row(lambda r: r.signup_id == focus)
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)

    def reveal(self, signup_id: int) -> None:
        """Select the sign-up, clearing filters that hide it."""
        if self.model.find_row(lambda r: r.signup_id == signup_id) < 0:
            self.search_edit.clear()
            self.apply_search_now()
            self.year_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(self.status_combo.findText("All statuses"))
        self.select_ids([signup_id], signup_id)
        self.table.setFocus()

    # -- state -----------------------------------------------------------------------------

    def header_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray | None) -> None:
        if state:
            self.table.horizontalHeader().restoreState(state)
