"""The “Needs attention” tab: what the team should act on today, shown when the app opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.attention import REASON_TEXT, AttentionReason
from ams_desk.core.step_emails import reminder_email
from ams_desk.core.text import collation_key, plural
from ams_desk.gui.context import AppContext
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.table_model import ROW_ROLE, Column, FastTableModel
from ams_desk.gui.widgets import make_table
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.pair_rows import AttentionEntry, attention_entries


class AttentionModel(FastTableModel[AttentionEntry]):
    def __init__(self, parent: Any = None) -> None:
        self._late = QColor("#b3261e")
        super().__init__(
            [
                Column("Needs", lambda r: REASON_TEXT[r.item.reason], None, 330),
                Column("Who", lambda r: r.who, lambda r: collation_key(r.who), 320),
                Column("Due", lambda r: r.item.due.isoformat(), lambda r: r.item.due, 95),
                Column(
                    "Late by",
                    lambda r: f"{r.item.days_late} d",
                    lambda r: r.item.days_late,
                    75,
                    True,
                ),
                Column("About", lambda r: r.about, None, 260),
            ],
            parent,
        )

    def foreground(self, row: AttentionEntry, column: int) -> Any:
        return self._late if column == 3 and row.item.days_late > 7 else None


class AttentionView(QWidget):
    """The list of things to act on, with a jump to each.

    Signals:
        pair_requested(int): Open this pair's timeline.
        signup_requested(int): Show this sign-up in its table.
        reminder_requested(int, str): Remind this pair with this template (key).
    """

    pair_requested = Signal(int)
    signup_requested = Signal(int)
    reminder_requested = Signal(int, str)

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
        top = QHBoxLayout()
        top.setContentsMargins(12, 12, 12, 4)
        column = QVBoxLayout()
        column.addWidget(self.summary_label)
        column.addWidget(self.hint_label)
        top.addLayout(column, 1)
        top.addWidget(self.remind_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.table = make_table(self.model)
        self.table.addAction(self.remind_action)
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
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_current_changed)
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
        late_pairs = sum(1 for r in rows if r.item.pair_id is not None)
        waiting = sum(1 for r in rows if r.item.reason is AttentionReason.MENTEE_WAITING)
        erase = sum(1 for r in rows if r.item.reason is AttentionReason.DUE_FOR_ERASURE)
        if not rows:
            self.summary_label.setText("Nothing needs attention today. ✓")
        else:
            self.summary_label.setText(
                f"{late_pairs} pair {plural(late_pairs, 'step')} late · "
                f"{waiting} {plural(waiting, 'mentee')} waiting too long"
                + (f" · {erase} {plural(erase, 'person', 'people')} due for erasure"
                   if erase else "")
            )

    def _on_current_changed(self) -> None:
        self.open_button.setEnabled(self.table.currentIndex().isValid())
        reminder = self._reminder()
        self.remind_button.setEnabled(reminder is not None)
        self.remind_action.setEnabled(reminder is not None)

    def _reminder(self) -> tuple[int, str] | None:
        """The current row's pair and the reminder it calls for, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: AttentionEntry = self.model.data(index, ROW_ROLE)
        key = reminder_email(row.item.reason)
        return (row.item.pair_id, key) if key and row.item.pair_id is not None else None

    def remind_current(self) -> None:
        reminder = self._reminder()
        if reminder is not None:
            self.reminder_requested.emit(*reminder)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row: AttentionEntry = self.model.data(index, ROW_ROLE)
        if row.item.pair_id is not None:
            self.pair_requested.emit(row.item.pair_id)
        elif row.item.signup_id is not None:
            self.signup_requested.emit(row.item.signup_id)
