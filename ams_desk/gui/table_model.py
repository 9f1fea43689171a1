"""A table model that sorts and filters itself, for tables of 100,000 rows.

A ``QSortFilterProxyModel`` calls back into Python ``data()`` for every
comparison and needs 10–17 s to sort 100k rows; sorting a list of keys in
Python takes well under a tenth of that. So the model keeps its rows in
their original order and a list of visible row numbers in display order.

Each column's sort keys are gathered once per load (texts through the same
collation keys the search prepares), and which rows pass the filters is kept
as one flag per row: a click on a header then costs about one ``sorted`` of
the keys. Display strings are built only in ``data()``, for the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from ams_desk.core.text import collation_key

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex

HAYSTACK_CHUNK = 5000
"""Search texts are prepared this many rows at a time, between events."""

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ROW_ROLE)`` returns the row's object."""

FEW_PERSISTENT = 64
"""Up to this many kept indexes (selection, current row) are found again one by one."""


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: its title, how a row shows in it, and how it sorts."""

    title: str
    display: Callable[[RowT], str]
    sort_key: Callable[[RowT], Any] | None = None
    """None: by the display text, without case or accents (:func:`collation_key`)."""
    width: int = 120
    align_right: bool = False
    tooltip: Callable[[RowT], str | None] | None = None


class FastTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of one kind, sorted and filtered inside the model.

    Subclasses give the columns and may override :meth:`accepts` (filters
    besides the search text) and :meth:`decoration`/:meth:`foreground`.
    """

    def __init__(self, columns: Sequence[Column[RowT]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[RowT] = []
        self._haystacks: list[str] = []
        self._memo: dict[str, str] = {}
        self._keys: dict[int, tuple[list[Any], bool]] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._shown: bytearray | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._search: tuple[str, ...] = ()

    # -- loading -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace every row, keeping the current sort and filters."""
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = []
        self._keys = {}
        self._forget_old_texts()
        if len(self._rows) > HAYSTACK_CHUNK:
            QTimer.singleShot(0, self._build_haystacks_chunk)
        self._order = self._sorted_order()
        self._visible = self._filtered()
        self.endResetModel()

    def replace_rows(
        self, rows: Sequence[RowT], key: Callable[[RowT], Hashable], keys: Collection[Hashable]
    ) -> None:
        """Refresh the rows whose ``key`` is in ``keys`` from ``rows``, keeping sort and filters.

        ``rows`` are those rows as stored now: a row of ``keys`` missing from
        them is gone, one not shown yet is added. Only the rows touched get a
        new search text, so refreshing a few rows of 100,000 stays quick.
        """
        fresh = {key(row): row for row in rows}
        touched = set(keys) | fresh.keys()
        built = len(self._haystacks) == len(self._rows)
        natural = self.natural_key
        moved = False  # whether a row's place in the store's order changed
        kept: list[RowT] = []
        hay: list[str] = []
        for index, row in enumerate(self._rows):
            k = key(row)
            if k in touched:
                new = fresh.pop(k, None)
                if new is None:
                    continue  # gone
                moved = moved or (natural is not None and natural(new) != natural(row))
                row = new
                if built:
                    hay.append(self.haystack(row, self._memo))
            elif built:
                hay.append(self._haystacks[index])
            kept.append(row)
        for row in fresh.values():  # new rows
            moved = True
            kept.append(row)
            if built:
                hay.append(self.haystack(row, self._memo))
        if natural is not None and moved:
            order = sorted(range(len(kept)), key=lambda i: natural(kept[i]), reverse=True)
            kept = [kept[i] for i in order]
            hay = [hay[i] for i in order] if built else []
        self.beginResetModel()
        self._rows = kept
        self._keys = {}
        self._haystacks = hay if built else []
        if not built and len(self._rows) > HAYSTACK_CHUNK:
            QTimer.singleShot(0, self._build_haystacks_chunk)
        self._order = self._sorted_order()
        self._visible = self._filtered()
        self.endResetModel()

    natural_key: Callable[[RowT], Any] | None = None
    """The order rows come in from the store (descending), kept when rows are added."""

    def _forget_old_texts(self) -> None:
        """Keep the collation keys of texts seen (names come back on every reload) within bounds."""
        if len(self._memo) > 8 * len(self._rows) + 10_000:
            self._memo = {}

    def _build_haystacks_chunk(self) -> None:
        """Prepare search texts a chunk at a time while the event loop is idle."""
        done = len(self._haystacks)
        if done >= len(self._rows):
            return
        self._haystacks.extend(
            self.haystack(row, self._memo) for row in self._rows[done : done + HAYSTACK_CHUNK]
        )
        if len(self._haystacks) < len(self._rows):
            QTimer.singleShot(0, self._build_haystacks_chunk)

    def _ensure_haystacks(self) -> list[str]:
        done = len(self._haystacks)
        if done < len(self._rows):
            self._haystacks.extend(self.haystack(row, self._memo) for row in self._rows[done:])
        return self._haystacks

    def haystack(self, row: RowT, memo: dict[str, str] | None = None) -> str:
        """The text a search looks in: every column's display text, without case or accents.

        ``memo`` remembers keys of texts seen before (positions, topics and
        projects repeat across thousands of rows).
        """
        memo = {} if memo is None else memo
        parts = []
        for column in self._columns:
            text = column.display(row)
            key = memo.get(text)
            if key is None:
                key = memo[text] = collation_key(text)
            parts.append(key)
        return "\x1f".join(parts)

    # -- filtering ---------------------------------------------------------------------------

    def accepts(self, row: RowT) -> bool:
        """Filters other than the search text; every row by default."""
        return True

    def set_search(self, text: str) -> None:
        """Show only rows containing every word of ``text`` in some column."""
        words = tuple(collation_key(text).split())
        if words == self._search:
            return
        self._search = words
        self.refilter()

    def refilter(self) -> None:
        """Apply the filters again (call after changing what :meth:`accepts` checks)."""
        self.beginResetModel()
        self._visible = self._filtered()
        self.endResetModel()

    def filters_changed(self) -> None:
        """Say that :meth:`accepts` may answer otherwise, without showing it yet.

        The next sort or :meth:`refilter` asks every row again.
        """
        self._shown = None

    def _filtered(self) -> list[int]:
        """The rows passing the filters, in display order; remembered one flag per row."""
        rows, words = self._rows, self._search
        accepts = self.accepts
        if not words:
            visible = [i for i in self._order if accepts(rows[i])]
        else:
            hay = self._ensure_haystacks()
            if len(words) == 1:
                word = words[0]
                visible = [i for i in self._order if word in hay[i] and accepts(rows[i])]
            else:
                visible = [i for i in self._order
                           if all(w in hay[i] for w in words) and accepts(rows[i])]
        shown = bytearray(len(rows))
        for i in visible:
            shown[i] = 1
        self._shown = shown
        return visible

    def _reordered(self) -> list[int]:
        """The rows shown now, in the new order (the filters did not change)."""
        shown, order = self._shown, self._order
        if shown is None or len(shown) != len(self._rows):
            return self._filtered()
        if len(self._visible) == len(order):
            return list(order)  # nothing hidden
        if len(order) < 2:
            return [i for i in order if shown[i]]
        # One C call picks every row's flag in the new order (faster than a loop or a map).
        return list(compress(order, itemgetter(*order)(shown)))

    # -- sorting -----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._visible[p.row()], p.column()) for p in persistent]
        self._sort_column, self._sort_order = column, order
        self._order = self._sorted_order()
        self._visible = self._reordered()
        self.changePersistentIndexList(persistent, self._moved(remembered))
        self.layoutChanged.emit()

    def _moved(self, remembered: list[tuple[int, int]]) -> list[QModelIndex]:
        """Where the remembered (row, column) are shown now."""
        if not remembered:
            return []
        visible = self._visible
        if len(remembered) <= FEW_PERSISTENT:
            shown = self._shown
            return [
                self.index(visible.index(source), col)
                if shown is not None and shown[source] else QModelIndex()
                for source, col in remembered
            ]
        position = {source: row for row, source in enumerate(visible)}
        return [
            self.index(position[source], col) if source in position else QModelIndex()
            for source, col in remembered
        ]

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's sort key in ``column`` (None: no value), gathered once per load."""
        return self._gathered_keys(column)[0]

    def _gathered_keys(self, column: int) -> tuple[list[Any], bool]:
        """The column's keys, and whether some are None."""
        found = self._keys.get(column)
        if found is None:
            spec = self._columns[column]
            if spec.sort_key is not None:
                keys = [spec.sort_key(row) for row in self._rows]
            else:
                memo = self._memo
                known = memo.get
                keys = []
                for text in map(spec.display, self._rows):
                    key = known(text)
                    if key is None:
                        key = memo[text] = collation_key(text)
                    keys.append(key)
            found = self._keys[column] = (keys, None in keys)
        return found

    def _sorted_order(self) -> list[int]:
        if self._sort_column < 0:
            return list(range(len(self._rows)))
        keys, some_missing = self._gathered_keys(self._sort_column)
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        if not some_missing:
            return sorted(range(len(keys)), key=keys.__getitem__, reverse=reverse)
        # Rows with no value (None) go last in either direction.
        present = [i for i in range(len(keys)) if keys[i] is not None]
        missing = [i for i in range(len(keys)) if keys[i] is None]
        present.sort(key=keys.__getitem__, reverse=reverse)
        return present + missing

    # -- access ------------------------------------------------------------------------------

    def row_at(self, row: int) -> RowT:
        """The object shown in display row ``row``."""
        return self._rows[self._visible[row]]

    def rows_shown(self) -> list[RowT]:
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[RowT]:
        return list(self._rows)

    def find_row(self, predicate: Callable[[RowT], bool]) -> int:
        """The display row of the first object matching ``predicate``, or -1."""
        for row, source in enumerate(self._visible):
            if predicate(self._rows[source]):
                return row
        return -1

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                right = self._columns[section].align_right
                return int(
                    (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignVCenter
                )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        return None

    def decoration(self, row: RowT, column: int) -> Any:
        return None

    def foreground(self, row: RowT, column: int) -> Any:
        return None

    def column_widths(self) -> list[int]:
        return [c.width for c in self._columns]
