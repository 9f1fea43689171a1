"""The Report tab: the program year's figures as tiles, the funnel, months and topics.

Every figure comes from :mod:`ams_desk.core.report` through
:class:`ams_desk.store.report.ProgramData`, the same values the workbook and
``ams-desk report --json`` show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.report import FUNNEL, FUNNEL_STATUS, YearlyReport, year_span
from ams_desk.core.text import collation_key
from ams_desk.core.workflow import STATUS_LABELS, PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.report.charts import FunnelChart, MonthlyChart, TopicsChart
from ams_desk.gui.report.export import ReportExport
from ams_desk.gui.report.loading import LoadedReport, ReportLoader
from ams_desk.gui.report.tiles import TilesPanel
from ams_desk.gui.table_model import ROW_ROLE, Column, FastTableModel
from ams_desk.gui.widgets import make_table
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.report import ProgramData


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


@dataclass(frozen=True, slots=True)
class StepPair:
    """A pair that reached a funnel step, for the list under a clicked step."""

    pair_id: int
    mentor: str
    mentee: str
    status: str
    reached: date


class StepPairsModel(FastTableModel[StepPair]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Mentor", lambda r: r.mentor, lambda r: collation_key(r.mentor), 200),
                Column("Mentee", lambda r: r.mentee, lambda r: collation_key(r.mentee), 200),
                Column("Reached", lambda r: _day(r.reached), lambda r: r.reached, 95),
                Column("Status now", lambda r: r.status, None, 150),
            ],
            parent,
        )


def step_pairs(data: ProgramData, year: int, status: PairStatus) -> list[StepPair]:
    """The pairs of ``year`` that reached ``status``, earliest first."""
    found = []
    for pair in data.pairs:
        if pair.program_year != year:
            continue
        reached = data.steps[pair.id].get(status)
        if reached is None:
            continue
        found.append(StepPair(pair.id, data.person_of(pair.mentor_signup_id).name,
                              data.person_of(pair.mentee_signup_id).name,
                              STATUS_LABELS[PairStatus(pair.status)], reached))
    found.sort(key=lambda p: (p.reached, p.pair_id))
    return found


class StepPairsDialog(QDialog):
    """The pairs behind one funnel step; double-click (or Enter) opens a pair.

    Signals:
        pair_requested(int): Open this pair's timeline.
    """

    pair_requested = Signal(int)

    def __init__(self, title: str, rows: list[StepPair], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{title} ({len(rows):,})")
        heading.setObjectName("headingLabel")
        layout.addWidget(heading)
        hint = QLabel("Double-click a pair to open its timeline.")
        hint.setObjectName("filterLabel")
        layout.addWidget(hint)
        self.model = StepPairsModel(self)
        self.model.set_rows(rows)
        self.table = make_table(self.model)
        if rows:  # the first pair chosen, so Enter opens it (and no lone cell is framed)
            self.table.selectRow(0)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.table.activated.connect(self._on_activated)
        self.resize(720, 460)

    def _on_activated(self) -> None:
        index = self.table.currentIndex()
        row = self.model.data(index, ROW_ROLE) if index.isValid() else None
        if isinstance(row, StepPair):
            self.pair_requested.emit(row.pair_id)
            self.accept()


class ReportView(QWidget):
    """The Report tab.

    It reads the whole program again when sign-ups, people, pairs or the
    program settings changed — while hidden only once it is shown again —,
    off the GUI thread (:class:`ReportLoader`); the figures shown stay until
    the newest read has answered.

    Signals:
        pair_requested(int): Open this pair's timeline (from a funnel step's list).
        counts_changed: The figures shown changed (the status bar line follows).
        report_shown: A read or a year's figures were shown (tests and screenshots wait
            for it).
    """

    pair_requested = Signal(int)
    counts_changed = Signal()
    report_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: ProgramData | None = None
        self.report: YearlyReport | None = None
        self.export = ReportExport(self, ctx.report, settings)
        self.loader = ReportLoader(ctx.db, lambda: ctx.today, self)
        self.step_dialog: StepPairsDialog | None = None
        self.pending = PendingChanges(self, self._wants, self._refresh)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.year_box = QComboBox()
        self.year_box.setMinimumWidth(90)
        self.year_box.setToolTip("The program year to report on")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("filterLabel")
        self.busy_label = QLabel("Reading the program…")
        self.busy_label.setObjectName("filterLabel")
        self.busy_label.setVisible(False)
        # Wraps rather than holding the window wider than a 1024-pixel screen.
        self.as_of_label.setWordWrap(True)
        self.export_button = QPushButton(QIcon(":/ams/icons/report.svg"), "Export to Excel…")
        self.export_button.setToolTip("Save this year's report as an Excel workbook (Ctrl+Shift+E)")
        self.export_button.setShortcut("Ctrl+Shift+E")
        top = QHBoxLayout()
        year_label = QLabel("Program &year")
        year_label.setBuddy(self.year_box)
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addSpacing(12)
        top.addWidget(self.as_of_label, 1)
        top.addWidget(self.busy_label)
        top.addSpacing(8)
        top.addWidget(self.export_button)

        self.tiles = TilesPanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.tiles)
        scroll.setMinimumWidth(300)
        scroll.viewport().setObjectName("reportTilesViewport")
        scroll.viewport().setStyleSheet("QWidget#reportTilesViewport { background: #f4f6f9; }")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.funnel = FunnelChart()
        self.monthly = MonthlyChart()
        self.topics = TopicsChart()
        charts = QSplitter(Qt.Orientation.Vertical)
        for chart in (self.funnel, self.monthly, self.topics):
            charts.addWidget(chart)
        charts.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.export_button.clicked.connect(self.export_to_excel)
        self.funnel.step_clicked.connect(self.show_step)
        self.ctx.ops.changed.connect(self.apply_changes)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.busy_changed.connect(self.busy_label.setVisible)

    # -- state -----------------------------------------------------------------------------

    def save_state(self) -> QByteArray:
        """The tiles/charts split, for the window's remembered state."""
        return self.splitter.saveState()

    def restore_state(self, state: object) -> None:
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)

    # -- data ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.pending.flush()  # what changed while the tab was hidden
        super().showEvent(event)

    def apply_changes(self, changes: Changes) -> None:
        """Read the program again when what the figures count changed."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.signups or changes.pairs or changes.people) or (
            changes.touches_setting(PROGRAM_SETTINGS))

    def _refresh(self, _changes: Changes) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the program from the store and show the chosen year (the running one at first).

        The read runs on the worker thread; :attr:`report_shown` follows when it is shown.
        """
        self.loader.read(self.year())

    def _on_loaded(self, loaded: LoadedReport) -> None:
        self.data = loaded.data
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in loaded.years:
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(loaded.years.index(loaded.report.year))
        self.year_box.blockSignals(False)
        self._show(loaded.report)

    def _on_failed(self, error: BaseException) -> None:
        self.ctx.report("The report could not be read", error)  # type: ignore[arg-type]

    def year(self) -> int | None:
        value = self.year_box.currentData()
        return int(value) if value is not None else None

    def set_year(self, year: int) -> None:
        index = self.year_box.findData(year)
        if index >= 0:
            self.year_box.setCurrentIndex(index)

    def _on_year_changed(self) -> None:
        self.loader.compute(self.data, self.year())

    def _show(self, report: YearlyReport) -> None:
        assert self.data is not None
        settings = self.data.settings
        self.report = report
        first, last = year_span(report.year, settings.year_start_month)
        running = " — the year is still running" if report.as_of < last else ""
        self.as_of_label.setText(
            f"{_day(first)} – {_day(last)}; figures as of {_day(report.as_of)}{running}. "
            f"Beside each: {report.year - 1}.")
        self.tiles.show_report(report, settings.mentor_response_days)
        self.funnel.set_steps([label for _, label in FUNNEL],
                              [int(report.figures[key] or 0) for key, _ in FUNNEL],
                              f"From proposal to continuing, {report.year}")
        months = list(report.figures.by_month.items())
        self.monthly.set_months(
            [date.fromisoformat(f"{key}-01").strftime("%b") for key, _ in months],
            [c.signups for _, c in months], [c.proposals for _, c in months],
            f"Sign-ups and proposals per month, {report.year}")
        before = report.previous.topics
        topics = [(topic, count, before.get(topic, 0))
                  for topic, count in report.figures.topics.items()]
        self.topics.set_topics(topics, f"Topics named in {report.year} (thin: {report.year - 1})")
        self.counts_changed.emit()
        self.report_shown.emit()

    def status_text(self) -> str:
        """One line for the status bar: the year's sign-ups and pairs."""
        if self.report is None:
            return ""
        f = self.report.figures
        return (f"Program year {self.report.year}: {f['signups_mentee']:,} mentee and "
                f"{f['signups_mentor']:,} mentor sign-ups   ·   {f['pairs_proposed']:,} pairs "
                f"proposed   ·   {f['met']:,} met")

    # -- actions ---------------------------------------------------------------------------

    def show_step(self, index: int) -> StepPairsDialog | None:
        """List the pairs behind funnel step ``index``."""
        if self.data is None or self.report is None:
            return None
        key, label = FUNNEL[index]
        rows = step_pairs(self.data, self.report.year, FUNNEL_STATUS[key])
        dialog = StepPairsDialog(f"Pairs of {self.report.year} that reached “{label}”", rows, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.pair_requested.connect(self.pair_requested)
        self.step_dialog = dialog
        dialog.open()
        return dialog

    def export_to_excel(self, path: Path | None = None) -> None:
        """Ask where to save (unless ``path``), then write the workbook with progress."""
        if self.data is None or self.report is None:
            return
        path = path or self.export.ask_path(self.report.year)
        if path is not None:
            self.export.start(path, self.data, self.report)
