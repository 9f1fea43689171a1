"""Table models of the import wizard: the column mapping and the row-by-row preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ams_desk.gui.table_model import Column, FastTableModel
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.mapping import Mapping
from ams_desk.sheets.importing.outcome import Change, RowOutcome
from ams_desk.sheets.importing.read.table import RawTable

Index = QModelIndex | QPersistentModelIndex
SAMPLES = 3
SKIPPED = QColor("#b3261e")
NEW = QColor("#1f6f3f")
QUIET = QColor("#5c6670")
TO_CHECK = QColor("#8a5300")


def outcome_text(row: RowOutcome) -> str:
    """The kind of change, in a word or two."""
    if row.skipped is not None:
        return "Skipped"
    if row.flags and not row.changes:
        return "Check"
    if row.person is Change.NEW:
        return "New person"
    if row.signup is Change.NEW:
        return "New sign-up"
    if row.changes:
        return "Update"
    return "No change"


class MappingModel(QAbstractTableModel):
    """One row per sheet column: its header, sample values, and the AMS field it fills.

    The field column is editable (a combo box delegate offers the fields);
    every edit replaces the immutable :class:`Mapping`.
    """

    HEADERS = ("Column in the sheet", "Example values", "Imported as", "Why")

    def __init__(self, table: RawTable, mapping: Mapping, reasons: tuple[str, ...],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.table = table
        self.mapping = mapping
        self.reasons = list(reasons) + [""] * (len(table.headers) - len(reasons))
        self._samples = [self._sample(c) for c in range(len(table.headers))]

    def _sample(self, column: int) -> str:
        values: list[str] = []
        for row in self.table.rows:
            if column < len(row.values) and row.values[column] not in (None, ""):
                text = " ".join(str(row.values[column]).split())
                values.append(text if len(text) <= 40 else text[:39] + "…")
                if len(values) == SAMPLES:
                    break
        return " · ".join(values)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 2:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.table.headers):
            return None
        row, column = index.row(), index.column()
        field = self.mapping.field_of(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return self.table.headers[row]
            if column == 1:
                return self._samples[row]
            if column == 2:
                return field.label if field else "— not imported —"
            if column == 3:
                return self.reasons[row]
        if role == Qt.ItemDataRole.EditRole and column == 2:
            return field.value if field else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and field is None:
            return QUIET
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 2:
            return False
        field = Field(value) if value else None
        try:
            self.mapping = self.mapping.assign(index.row(), field)
        except ValueError:
            return False
        self.reasons[index.row()] = "chosen by you"
        top, bottom = self.index(0, 2), self.index(self.rowCount() - 1, 3)
        self.dataChanged.emit(top, bottom)  # assigning may have freed another column
        return True


class PreviewModel(FastTableModel[RowOutcome]):
    """The preview: one line per sheet row, with what importing it would do."""

    KINDS = ("All rows", "Changes", "To check", "Skipped", "No change")

    def __init__(self, parent: Any = None) -> None:
        self._kind = "All rows"
        super().__init__([
            Column("Row", lambda r: str(r.row), lambda r: r.row, 55, True),
            Column("Outcome", outcome_text, None, 110),
            Column("Name", lambda r: r.skipped.name if r.skipped else r.name, None, 190),
            Column("Email", lambda r: r.skipped.email if r.skipped else r.email, None, 220),
            Column("Role", lambda r: r.role.value if r.role else "", None, 70),
            Column("To check", self._to_check, None, 300, tooltip=self._to_check),
            Column("Details", lambda r: r.summary, None, 300, tooltip=lambda r: r.summary),
        ], parent)

    def set_kind(self, kind: str) -> None:
        """Show all rows, only changes, only skipped rows or only unchanged ones."""
        if kind != self._kind:
            self._kind = kind
            self.refilter()

    def accepts(self, row: RowOutcome) -> bool:
        if self._kind == "Changes":
            return row.skipped is None and row.changes
        if self._kind == "Skipped":
            return row.skipped is not None
        if self._kind == "To check":
            return bool(row.flags)
        if self._kind == "No change":
            return row.skipped is None and not row.changes
        return True

    @staticmethod
    def _to_check(row: RowOutcome) -> str:
        """The row's flags, each with its column: what the coordinator should look at."""
        return "; ".join(f"{f.column}: {f.message}" if f.column else f.message
                         for f in row.flags)

    def foreground(self, row: RowOutcome, column: int) -> Any:
        if column == 5 and row.flags:
            return TO_CHECK
        if column != 1:
            return None
        if row.skipped is not None:
            return SKIPPED
        if row.person is Change.NEW or row.signup is Change.NEW:
            return NEW
        return None if row.changes else QUIET
