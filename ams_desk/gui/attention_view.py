"""The “Needs attention” tab: what the team should act on today, shown when the app opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.attention import REASON_TEXT, AttentionReason
from ams_desk.core.step_emails import reminder_email
from ams_desk.core.text import collation_key, plural
from ams_desk.gui.attention_groups import AttentionGroups
from ams_desk.gui.context import AppContext
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.table_model import ROW_ROLE, Column, FastTableModel
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.pair_rows import AttentionEntry, attention_entries


def about_text(row: AttentionEntry) -> str:
    """The row's About: the pair's step and people, or the mentee (and why they wait on)."""
    if row.draft_with:
        return f"{row.about} — draft with {row.draft_with}, not proposed yet"
    return f"{row.about} — cannot be placed: {row.blocked}" if row.blocked else row.about


class AttentionModel(FastTableModel[AttentionEntry]):
    """The attention list, flat: the rows, their sort and count (shown in groups)."""

    def __init__(self, parent: Any = None) -> None:
        self._late = QColor("#b3261e")
        super().__init__(
            [
                Column("Needs", lambda r: REASON_TEXT[r.item.reason], None, 330),
                Column("Who", lambda r: r.who, lambda r: collation_key(r.who), 300),
                Column("Due", lambda r: r.item.due.isoformat(), lambda r: r.item.due, 95),
                Column(
                    "Late by",
                    lambda r: f"{r.item.days_late} d",
                    lambda r: r.item.days_late,
                    75,
                    True,
                ),
                Column("About", about_text, None, 520, tooltip=about_text),
            ],
            parent,
        )

    def foreground(self, row: AttentionEntry, column: int) -> Any:
        late = column == 3 and row.item.days_late > 7
        return self._late if late or (column == 4 and row.blocked) else None


def _grouped_tree(model: AttentionGroups, widths: list[int]) -> QTreeView:
    """A read-only tree of the groups, one row selected at a time, sorted on header clicks."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = tree.header()
    header.setStretchLastSection(True)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the list's own order first
    header.sortIndicatorChanged.connect(model.sort)
    for column, width in enumerate(widths):
        tree.setColumnWidth(column, width)
    tree.setAccessibleName("Needs attention")
    return tree


class AttentionView(QWidget):
    """The list of things to act on, with a jump to each.

    Signals:
        pair_requested(int): Open this pair's timeline.
        signup_requested(int): Show this sign-up in its table.
        reminder_requested(int, str): Remind this pair with this template (key).
        erase_requested(int): Erase the person of this sign-up (due for erasure),
            after the confirmation File → Erase a person… asks for.
    """

    pair_requested = Signal(int)
    signup_requested = Signal(int)
    reminder_requested = Signal(int, str)
    erase_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AttentionModel(self)
        # Eager: the number of items shows on the tab even while another tab is shown.
        self.pending = PendingChanges(self, self._wants, self._refresh, eager=True)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.summary_label = QLabel()
        self.summary_label.setObjectName("headingLabel")
        self.summary_label.setWordWrap(True)  # a long summary wraps beside the buttons at 1024
        self.hint_label = QLabel(
            "Double-click a row (or press Enter) to open the pair or the sign-up."
        )
        self.hint_label.setObjectName("filterLabel")
        self.open_button = QPushButton(QIcon(":/ams/icons/edit.svg"), "Open")
        self.open_button.setEnabled(False)
        self.remind_button = QPushButton(QIcon(":/ams/icons/mail.svg"), "&Remind…")
        self.remind_button.setToolTip("The reminder email this row calls for, to review and "
                                      "send (Ctrl+R)")
        self.remind_button.setEnabled(False)
        self.remind_action = QAction("Send &reminder…", self)
        self.remind_action.setShortcut(QKeySequence("Ctrl+R"))
        self.remind_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.remind_action)
        self.erase_button = QPushButton(QIcon(":/ams/icons/withdraw.svg"), "&Erase…")
        self.erase_button.setToolTip("Erase this person for good: their sign-ups ended longer "
                                     "ago than the program keeps people")
        self.erase_button.setEnabled(False)
        self.erase_button.hide()  # until someone is due for erasure (see set_rows)
        self.erase_action = QAction("&Erase this person…", self)
        self.erase_action.setEnabled(False)
        top = QHBoxLayout()
        top.setContentsMargins(12, 12, 12, 4)
        column = QVBoxLayout()
        column.addWidget(self.summary_label)
        column.addWidget(self.hint_label)
        top.addLayout(column, 1)
        top.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.remind_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.groups = AttentionGroups(self.model, self)
        self.table = _grouped_tree(self.groups, self.model.column_widths()[1:])
        self.table.addAction(self.remind_action)
        self.table.addAction(self.erase_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _connect_signals(self) -> None:
        self.table.doubleClicked.connect(self.open_current)
        self.table.activated.connect(self.open_current)
        self.open_button.clicked.connect(self.open_current)
        self.remind_button.clicked.connect(self.remind_current)
        self.remind_action.triggered.connect(self.remind_current)
        self.erase_button.clicked.connect(self.erase_current)
        self.erase_action.triggered.connect(self.erase_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.groups.modelReset.connect(self._on_groups_reset)
        self.ctx.ops.changed.connect(self.apply_changes)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.pending.flush()  # what changed while the tab was hidden
        super().showEvent(event)

    def apply_changes(self, changes: Changes) -> None:
        """Read the list again when sign-ups, pairs or the deadlines changed."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.signups or changes.people or changes.pairs) or (
            changes.touches_setting(PROGRAM_SETTINGS))

    def _refresh(self, _changes: Changes) -> None:
        self.set_rows(attention_entries(self.ctx.db, self.ctx.today))

    def set_rows(self, rows: list[AttentionEntry]) -> None:
        self.model.set_rows(rows)
        erase = sum(1 for r in rows if r.item.reason is AttentionReason.DUE_FOR_ERASURE)
        self.erase_button.setVisible(bool(erase))  # shown while someone is due for erasure
        late_pairs = sum(1 for r in rows if r.item.pair_id is not None)
        waiting = sum(1 for r in rows if r.item.reason is AttentionReason.MENTEE_WAITING)
        blocked = sum(1 for r in rows if r.blocked)
        if not rows:
            self.summary_label.setText("Nothing needs attention today. ✓")
        else:
            text = (f"{late_pairs} pair {plural(late_pairs, 'step')} late · "
                    f"{waiting} {plural(waiting, 'mentee')} waiting too long")
            if blocked:
                text += f" · {blocked} cannot be placed now"
            if erase:
                text += f" · {erase} {plural(erase, 'person', 'people')} due for erasure"
            self.summary_label.setText(text)

    def _on_groups_reset(self) -> None:
        self.table.expandAll()
        for group in range(self.groups.rowCount()):
            self.table.setFirstColumnSpanned(group, QModelIndex(), True)
        self._on_current_changed()

    def current_entry(self) -> AttentionEntry | None:
        """The item of the current row (None on a heading or without one)."""
        index = self.table.currentIndex()
        if self.groups.source_row(index) is None:
            return None
        entry: AttentionEntry = self.groups.data(index, ROW_ROLE)
        return entry

    def select_row(self, row: int) -> None:
        """Make the flat model's ``row`` the current one (and show it)."""
        index = self.groups.index_of(row)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _on_current_changed(self) -> None:
        self.open_button.setEnabled(self.current_entry() is not None)
        reminder = self._reminder()
        self.remind_button.setEnabled(reminder is not None)
        self.remind_action.setEnabled(reminder is not None)
        erasable = self._erasable() is not None
        self.erase_button.setEnabled(erasable)
        self.erase_action.setEnabled(erasable)

    def _erasable(self) -> int | None:
        """The current row's sign-up when the row says its person is due for erasure."""
        row = self.current_entry()
        if row is None or row.item.reason is not AttentionReason.DUE_FOR_ERASURE:
            return None
        return row.item.signup_id

    def erase_current(self) -> None:
        signup_id = self._erasable()
        if signup_id is not None:
            self.erase_requested.emit(signup_id)

    def _reminder(self) -> tuple[int, str] | None:
        """The current row's pair and the reminder it calls for, if any."""
        row = self.current_entry()
        if row is None:
            return None
        key = reminder_email(row.item.reason)
        return (row.item.pair_id, key) if key and row.item.pair_id is not None else None

    def remind_current(self) -> None:
        reminder = self._reminder()
        if reminder is not None:
            self.reminder_requested.emit(*reminder)

    def open_current(self) -> None:
        row = self.current_entry()
        if row is None:
            return
        if row.item.pair_id is not None:
            self.pair_requested.emit(row.item.pair_id)
        elif row.item.signup_id is not None:
            self.signup_requested.emit(row.item.signup_id)
