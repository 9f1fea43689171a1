"""The Pairs tab: a table of every pair beside the selected pair's timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.meetings import FORMATS, is_meeting
from ams_desk.core.step_emails import step_email
from ams_desk.core.workflow import OPEN, STATUS_LABELS, TERMINAL, PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.offer import EmailOffer
from ams_desk.gui.meeting_dialog import MeetingDialog
from ams_desk.gui.pair_model import PairTableModel
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.step_dialog import StepDialog
from ams_desk.gui.table_model import ROW_ROLE
from ams_desk.gui.timeline import TimelinePanel
from ams_desk.gui.widgets import (
    EmptyNote,
    busy_cursor,
    filter_bar,
    make_search_edit,
    make_table,
    search_timer,
)
from ams_desk.mail import step_ops
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.ops import pairs as pair_ops
from ams_desk.store.pair_rows import PairListRow, get_pair_row, list_pair_rows, pair_years
from ams_desk.store.pairs import get_pair

PARTIAL_LIMIT = 500
"""Above this many pairs changed, the table reads all its rows again."""
LATE_FILTER = "late"
STATUS_FILTERS: list[tuple[str, object]] = [
    ("Open pairs", frozenset(OPEN - {PairStatus.DRAFT})),
    ("Late", LATE_FILTER),
    ("All pairs", None),
    *[(label, frozenset({status})) for status, label in STATUS_LABELS.items()],
]


def _needs_ended(shown: object) -> bool:
    """Whether the status filter ``shown`` (a STATUS_FILTERS entry) can show ended pairs."""
    return shown is None or (isinstance(shown, frozenset) and bool(shown & TERMINAL))


def _pair_id(row: PairListRow) -> int:
    return row.pair.id


class PairsView(QWidget):
    """Pairs with filters, search and sort, and the selected pair's timeline.

    Signals:
        person_requested(int): Show the history of the person with this id.
        mail_settings_requested: A step's email needs the mail settings first.
        counts_changed: The number of shown or late pairs changed.
    """

    person_requested = Signal(int)
    counts_changed = Signal()
    mail_settings_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = PairTableModel(ctx.today, self)
        self.pending = PendingChanges(self, self._wants, self._refresh)
        # Pairs that ended (most of them, after a few years) are read only once a filter
        # can show them: the tab opens on the open pairs, and opens fast.
        self._with_ended = False
        self._build()
        self._connect_signals()
        self._on_status_changed()

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setMinimumContentsLength(9)
        self.status_combo = QComboBox()
        for text, data in STATUS_FILTERS:
            self.status_combo.addItem(text, data)
        self.search_edit = make_search_edit("Search mentor, mentee, status…   (Ctrl+F)")
        self._search_timer = search_timer(self)
        bar = filter_bar(
            [("Program &year", self.year_combo), ("&Show", self.status_combo)], self.search_edit
        )

        self.table = make_table(self.model)
        self.empty_note = EmptyNote(self.table, self._empty_reason)

        self.timeline = TimelinePanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.timeline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # Two thirds for the table, kept as the window narrows: Due shows even at 1024 px.
        self.splitter.setSizes([880, 440])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _empty_reason(self) -> str:
        """Why no pair is shown, in the coordinator's words."""
        search, shown = self.search_edit.text().strip(), self.status_combo.currentText()
        if search:
            return f"No pair matches “{search}” in “{shown}”."
        return f"No pair in “{shown}”." if self.pending.loaded else ""

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._on_search)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._show_current)
        self.model.layoutChanged.connect(self._show_current)
        self.timeline.step_requested.connect(self.record_step)
        self.timeline.note_requested.connect(self.add_note)
        self.timeline.meeting_requested.connect(self.record_meeting)
        self.timeline.person_requested.connect(self.person_requested)
        self.ctx.ops.changed.connect(self.apply_changes)

    # -- data ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.pending.flush()  # what changed while the tab was hidden
        super().showEvent(event)

    def apply_changes(self, changes: Changes) -> None:
        """Read the pairs again when pairs, their people or the deadlines changed."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.pairs or changes.people) or changes.touches_setting(PROGRAM_SETTINGS)

    def _refresh(self, changes: Changes) -> None:
        if changes.everything or changes.people or changes.settings or (
                len(changes.pairs) > PARTIAL_LIMIT):
            self.reload()
            return
        # Only the pairs touched (a step, a note, drafts placed or taken back).
        ids = changes.pairs
        self._show(lambda: self.model.replace_rows(
            list_pair_rows(self.ctx.db, ids), _pair_id, ids))

    def reload(self) -> None:
        """Read the pairs from the store and show them, keeping the current one.

        Until a filter asks for ended pairs, only the open ones are read.
        """
        statuses = None if self._with_ended else OPEN
        self._show(lambda: self.model.set_rows(list_pair_rows(self.ctx.db, statuses=statuses)))

    def _read_ended(self) -> None:
        """Read the ended pairs too (once), before a filter that shows them."""
        if self._with_ended:
            return
        self._with_ended = True
        if self.pending.loaded:
            with busy_cursor():
                self.reload()

    def _show(self, read: Callable[[], None]) -> None:
        current = self.current_pair_id()
        read()
        years = pair_years(self.ctx.db)
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("All years", None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        self.year_combo.blockSignals(False)
        self.model.set_year(self.year_combo.currentData())
        if current is not None:
            self.select_pair(current)
        self._show_current()
        self.counts_changed.emit()

    def _on_year_changed(self) -> None:
        self._keep(lambda: self.model.set_year(self.year_combo.currentData()))

    def _on_status_changed(self) -> None:
        data = self.status_combo.currentData()
        if _needs_ended(data):
            self._read_ended()
        late = data == LATE_FILTER
        self._keep(lambda: self.model.set_filters(None if late else data, late_only=late))

    def _on_search(self) -> None:
        self._keep(lambda: self.model.set_search(self.search_edit.text()))

    def apply_search_now(self) -> None:
        self._search_timer.stop()
        self._on_search()

    def _keep(self, change: object) -> None:
        self.model.pinned = None
        current = self.current_pair_id()
        change()  # type: ignore[operator]
        if current is not None:
            self.select_pair(current)
        self.counts_changed.emit()

    # -- selection -------------------------------------------------------------------------

    def current_row(self) -> PairListRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def current_pair_id(self) -> int | None:
        row = self.current_row()
        return row.pair.id if row else None

    def select_pair(self, pair_id: int) -> bool:
        """Select the pair if it is shown; return whether it is."""
        row = self.model.find_row(lambda r: r.pair.id == pair_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def show_pair(self, pair_id: int) -> None:
        """Select the pair, widening the filters if it is hidden."""
        if not self.select_pair(pair_id):
            self.search_edit.clear()
            self.apply_search_now()
            self.status_combo.setCurrentIndex(self.status_combo.findText("All pairs"))
            self.year_combo.setCurrentIndex(0)
            self.select_pair(pair_id)

    def _show_current(self) -> None:
        row = self.current_row()
        if row is not None and row.pair.id != self.model.pinned:
            self.model.pinned = None
        full = get_pair_row(self.ctx.db, row.pair.id) if row is not None else None
        self.timeline.show_pair(full, self.ctx.today)

    # -- steps -----------------------------------------------------------------------------

    def _title(self, row: PairListRow) -> str:
        return f"{row.mentor_name} → {row.mentee_name}"

    def record_step(self, target: PairStatus) -> StepDialog | None:
        """Open the dialog for ``target`` on the current pair."""
        row = self.timeline.row
        if row is None:
            return None
        steps = [e.at for e in row.pair.events if e.status]
        pair_id, title = row.pair.id, self._title(row)
        base = get_pair(self.ctx.db, pair_id)  # a step is refused if someone moved it on since
        key = step_email(target)
        offer = EmailOffer(self.ctx, key, pair_id) if key else None
        if offer is not None:
            offer.settings_requested.connect(self.mail_settings_requested)

        def submit(at: datetime, note: str, details: dict[str, str]) -> None:
            # Keep showing the pair even if its new status is outside the filter.
            pinned, self.model.pinned = self.model.pinned, pair_id
            op: Any = partial(pair_ops.step, pair_id=pair_id, target=target, at=at, note=note,
                              details=details, base=base)
            if offer is not None and offer.wanted():
                # The step and its email are one operation: one Undo takes back both.
                op = partial(step_ops.with_emails, step=op, emails=[(offer.template_key,
                                                                     pair_id)],
                             today=self.ctx.today)
            try:
                self.ctx.ops.run(f"{STATUS_LABELS[target]}: {title}", op)
            except Exception:
                self.model.pinned = pinned
                raise

        def reload() -> None:
            self.model.pinned = pair_id  # keep showing it, whatever its status now
            self.ctx.ops.changed.emit(pair_ops.pair_changes(base))

        dialog = StepDialog(
            target, title, submit, earliest=max(steps) if steps else None, extra=offer,
            reload=reload, now=self.ctx.now(), parent=self
        )
        dialog.open()
        return dialog

    def add_note(self) -> None:
        row = self.timeline.row
        if row is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, "Add note", f"Note on {self._title(row)}")
        if not ok or not text.strip():
            return
        op = partial(pair_ops.add_note, pair_id=row.pair.id, note=text)
        try:
            self.ctx.ops.run(f"Note on {self._title(row)}", op)
        except Exception as exc:  # noqa: BLE001 - shown to the coordinator
            self.ctx.report("Could not add the note", exc)

    def record_meeting(self) -> MeetingDialog | None:
        """Ask when and how the current (continuing) pair met again, and record it."""
        row = self.timeline.row
        if row is None:
            return None
        pair_id, title, today = row.pair.id, self._title(row), self.ctx.today
        met = [e for e in row.pair.events if is_meeting(e)]
        how = (met[-1].details or {}).get("format", FORMATS[0]) if met else FORMATS[0]

        def submit(at: datetime, how: str, place: str, note: str) -> None:
            op = partial(pair_ops.record_meeting, pair_id=pair_id, at=at, how=how, place=place,
                         note=note, today=today)
            self.ctx.ops.run(f"Meeting of {title}", op)

        first = min((e.at.date() for e in met), default=None)
        dialog = MeetingDialog(title, submit, earliest=first, today=today,
                               how=how if how in FORMATS else FORMATS[0], parent=self)
        dialog.open()
        return dialog

    # -- state -----------------------------------------------------------------------------

    def save_state(self) -> tuple[QByteArray, QByteArray]:
        return self.table.horizontalHeader().saveState(), self.splitter.saveState()

    def restore_state(self, header: QByteArray | None, splitter: QByteArray | None) -> None:
        if header:
            self.table.horizontalHeader().restoreState(header)
        if splitter:
            self.splitter.restoreState(splitter)
