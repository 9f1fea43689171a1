"""The attention list in groups: one per kind, late pair steps first, each with its count.

:class:`AttentionGroups` is a two-level view of the flat
:class:`~ams_desk.gui.attention_view.AttentionModel` (which keeps the rows,
their sort and their count for the tab title): a heading row per kind
(:func:`ams_desk.core.attention.group_rank` orders them) and the kind's
rows under it, in the flat model's order. The flat model's first column, the
kind, becomes the heading; the other columns are shown under it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ams_desk.core.attention import REASON_TEXT, AttentionReason, group_rank
from ams_desk.gui.table_model import ROW_ROLE, FastTableModel
from ams_desk.store.pair_rows import AttentionEntry

Index = QModelIndex | QPersistentModelIndex

_HEADING = 0
"""``internalId`` of a heading row; a row under group ``g`` has ``g + 1``."""


class AttentionGroups(QAbstractItemModel):
    """Headings per kind of item, with the flat model's rows (``ROW_ROLE`` works on them)."""

    def __init__(self, source: FastTableModel[AttentionEntry], parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._groups: list[tuple[AttentionReason, list[int]]] = []
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)
        for signal in (source.modelReset, source.layoutChanged):
            signal.connect(self._rebuild)
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        rows: defaultdict[AttentionReason, list[int]] = defaultdict(list)
        for row in range(self._source.rowCount()):
            rows[self._source.row_at(row).item.reason].append(row)
        self._groups = sorted(rows.items(), key=lambda group: group_rank(group[0]))
        self.endResetModel()

    # -- what the view asks ----------------------------------------------------------------

    def groups(self) -> list[tuple[AttentionReason, int]]:
        """Each group's kind and how many rows it holds, in order."""
        return [(reason, len(rows)) for reason, rows in self._groups]

    def heading(self, group: int) -> str:
        reason, rows = self._groups[group]
        return f"{REASON_TEXT[reason]}  ·  {len(rows):,}"

    def source_row(self, index: Index) -> int | None:
        """The flat model's row under ``index`` (None for a heading)."""
        if not index.isValid() or index.internalId() == _HEADING:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_of(self, source_row: int) -> QModelIndex:
        """The index showing the flat model's ``source_row`` (invalid when it is not shown)."""
        for group, (_reason, rows) in enumerate(self._groups):
            if source_row in rows:
                return self.index(rows.index(source_row), 0, self.index(group, 0))
        return QModelIndex()

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _HEADING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _HEADING and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return self._source.columnCount() - 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self._source.headerData(section + 1, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _HEADING:
            if index.column() != 0:
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.heading(index.row())
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        row = self.source_row(index)
        assert row is not None
        return self._source.data(self._source.index(row, index.column() + 1), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows within their groups (the groups keep their order)."""
        self._source.sort(column + 1 if column >= 0 else -1, order)


__all__ = ["ROW_ROLE", "AttentionGroups"]
