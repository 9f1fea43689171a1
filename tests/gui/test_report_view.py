"""The Report tab: tiles, year picker, the funnel's pairs, and the export to Excel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import shiboken6
from chart_texts import readable
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ams_desk.core.model import Role
from ams_desk.core.report import FIGURES, FUNNEL
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.report.chart_base import ACCENT, ACCENT_HOVER
from ams_desk.gui.report.export import ReportExport
from ams_desk.gui.report.tiles import change_text, shown
from ams_desk.gui.tasks import run_task
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.people import add_signup
from ams_desk.store.report import load_program_data

TODAY = date(2026, 6, 1)  # the GUI tests' day (tests/gui/conftest.py)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.fixture
def window(db: Database, make_window: Callable[[], MainWindow], qtbot: QtBot) -> MainWindow:
    fill_demo(db, today=TODAY)
    window = make_window()
    with qtbot.waitSignal(window.report_view.report_shown, timeout=30_000):
        window.tabs.setCurrentWidget(window.report_view)
    return window


def test_the_tab_and_its_shortcut(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(0)
    action = next(a for a in window.tab_actions if a.text() == "&Report")
    assert action.shortcut() == QKeySequence("Ctrl+6")
    action.trigger()
    assert window.tabs.currentWidget() is window.report_view
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Report"
    assert "Program year 2026" in window.count_label.text()


def test_tiles_show_every_figure_with_last_year(window: MainWindow) -> None:
    view = window.report_view
    report = load_program_data(window.db).report(2026, TODAY)
    assert view.year() == 2026
    assert set(view.tiles.tiles) == set(FIGURES)
    for key, tile in view.tiles.tiles.items():
        kind = FIGURES[key].kind
        assert tile.value.text() == shown(report.figures[key], kind), key
        assert tile.last.text().startswith(f"2025: {shown(report.previous[key], kind)}"), key
        assert change_text(key, report.figures[key], report.previous[key]) in tile.last.text()
    assert report.figures["pairs_proposed"] > 0
    assert view.tiles.tiles["pairs_proposed"].value.text() == str(
        report.figures["pairs_proposed"])


def test_the_year_picker(window: MainWindow, qtbot: QtBot) -> None:
    view = window.report_view
    years = [int(view.year_box.itemData(i)) for i in range(view.year_box.count())]
    assert years == [2026, 2025]
    with qtbot.waitSignal(view.report_shown, timeout=30_000):
        view.set_year(2025)
    report = load_program_data(window.db).report(2025, TODAY)
    assert view.report is not None and view.report.year == 2025
    assert view.tiles.tiles["met"].value.text() == f"{report.figures['met']:,}"
    assert "31 Dec 2025" in view.as_of_label.text()
    assert "still running" not in view.as_of_label.text()


def test_change_text() -> None:
    assert change_text("met", 12, 10) == "▲ 2"
    assert change_text("acceptance_rate", 0.5, 0.625) == "▼ 12.5 pt"
    assert change_text("median_days_waiting", 3, 3) == "= same"
    assert change_text("acceptance_rate", None, 0.5) == ""
    assert shown(None, "rate") == "—" and shown(4.0, "days") == "4 d"


def _click_step(window: MainWindow, qtbot: QtBot, index: int) -> None:
    funnel = window.report_view.funnel
    _, bar = funnel.rows()[index]
    qtbot.mouseClick(funnel, Qt.MouseButton.LeftButton, pos=bar.center().toPoint())


def test_clicking_a_funnel_step_lists_its_pairs_and_opens_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.report_view
    met = FUNNEL.index(("met", "Met"))
    _click_step(window, qtbot, met)
    qtbot.waitUntil(lambda: view.step_dialog is not None and view.step_dialog.isVisible())
    dialog = view.step_dialog
    assert dialog is not None
    assert view.report is not None
    assert dialog.model.rowCount() == view.report.figures["met"] > 0
    assert "Met" in dialog.windowTitle()
    pair = dialog.model.all_rows()[0]
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    dialog.table.activated.emit(dialog.model.index(0, 0))
    assert window.tabs.currentWidget() is window.pairs
    assert window.pairs.current_pair_id() == pair.pair_id
    stored = load_program_data(window.db).steps[pair.pair_id]
    assert PairStatus.MET in stored


def test_every_step_lists_as_many_pairs_as_it_counts(window: MainWindow) -> None:
    view = window.report_view
    assert view.report is not None
    for index, (key, _) in enumerate(FUNNEL):
        dialog = view.show_step(index)
        assert dialog is not None
        assert dialog.model.rowCount() == view.report.figures[key], key
        dialog.close()


@pytest.mark.parametrize("width, height", [(1360, 780), (1024, 720)])
def test_every_chart_label_is_drawn_whole_and_apart(
    window: MainWindow, width: int, height: int
) -> None:
    view = window.report_view
    window.resize(width, height)
    QApplication.processEvents()
    report = view.report
    assert report is not None
    funnel = readable(view.funnel)
    assert funnel[0] == "From proposal to continuing, 2026"
    first = report.figures["pairs_proposed"]
    for index, (key, label) in enumerate(FUNNEL):
        value = int(report.figures[key] or 0)
        assert label in funnel
        share = f"  ·  {value / first:.0%}" if index else ""
        assert f"{value:,}{share}" in funnel
    monthly = readable(view.monthly)
    assert {"Sign-ups", "Proposals"} <= set(monthly)
    assert [m for m in monthly if m in MONTHS] == MONTHS  # all twelve fit at both widths
    topics = readable(view.topics)
    assert topics[0] == "Topics named in 2026 (thin: 2025) — top 7 of 10"
    shown = list(report.figures.topics.items())[:7]
    assert [t for t in topics if t in dict(shown)] == [topic for topic, _ in shown]
    assert [str(count) for _, count in shown] == [t for t in topics if t.isdigit()]


def test_the_funnel_draws_each_step_as_an_accent_bar_that_lights_up_under_the_mouse(
    window: MainWindow, qtbot: QtBot
) -> None:
    funnel = window.report_view.funnel
    report = window.report_view.report
    assert report is not None
    values = [int(report.figures[key] or 0) for key, _ in FUNNEL]
    bars = [bar for _, bar in funnel.rows()]
    image = funnel.grab().toImage()
    for bar in bars:  # left end of each bar, clear of the value written in its middle
        assert image.pixelColor(int(bar.left()) + 2, int(bar.center().y())) == ACCENT
        assert image.pixelColor(int(bar.left()) - 3, int(bar.center().y())) != ACCENT
    widths = [bar.width() for bar in bars]
    assert widths == sorted(widths, reverse=True) and values == sorted(values, reverse=True)
    assert widths[-1] / widths[0] == pytest.approx(values[-1] / values[0], abs=0.02)
    assert all(bar.center().x() == pytest.approx(bars[0].center().x(), abs=1) for bar in bars)
    met = FUNNEL.index(("met", "Met"))
    qtbot.mouseMove(funnel, bars[met].center().toPoint())
    qtbot.waitUntil(lambda: funnel.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    image = funnel.grab().toImage()
    assert image.pixelColor(int(bars[met].left()) + 2, int(bars[met].center().y())) == (
        ACCENT_HOVER)
    assert image.pixelColor(int(bars[0].left()) + 2, int(bars[0].center().y())) == ACCENT


def test_a_funnel_step_chosen_with_the_keyboard_lists_its_pairs(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.report_view
    view.export_button.setFocus()
    for _ in range(12):  # Tab walks from the export button, past the tiles, to the funnel
        if view.funnel.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.funnel.hasFocus()
    assert view.funnel.current_step() == 0
    for key in (Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(view.funnel, key)
    met = FUNNEL.index(("met", "Met"))
    assert view.funnel.current_step() == met
    qtbot.keyClick(view.funnel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.step_dialog is not None and view.step_dialog.isVisible())
    assert view.step_dialog is not None and view.report is not None
    assert "“Met”" in view.step_dialog.windowTitle()
    assert view.step_dialog.model.rowCount() == view.report.figures["met"]


class _Opened(QObject):
    """Catches the URLs the export asks the desktop to open (instead of launching a program)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_export_to_excel_with_progress_then_open_or_show(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = window.report_view
    target = tmp_path / "report.xlsx"
    with qtbot.waitSignal(view.export.finished, timeout=60_000) as finished:
        view.export_to_excel(target)
    assert finished.args == [target]
    book = openpyxl.load_workbook(target, data_only=True)
    assert book.sheetnames[0] == "Summary"
    assert view.report is not None
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Pairs proposed to a mentor"] == view.report.figures["pairs_proposed"]
    buttons = {b.text(): b for b in view.export.buttons()}
    assert {"Open", "Show in folder"} <= set(buttons)
    catcher = _Opened()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        buttons["Open"].click()
        view.export.show_folder()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(target), str(tmp_path)]
    view.export.done_box.close()  # type: ignore[union-attr]


def test_a_cancelled_export_writes_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = window.report_view
    assert view.data is not None and view.report is not None
    target = tmp_path / "report.xlsx"
    task = view.export.start(target, view.data, view.report)
    task.cancel()
    with qtbot.waitSignal(view.export.finished, timeout=60_000) as finished:
        pass
    assert finished.args == [None]
    assert not target.exists() and list(tmp_path.glob("*.xlsx")) == []


def test_a_failed_export_is_reported(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[tuple[str, Exception]] = []
    view = window.report_view
    monkeypatch.setattr(view.export, "_report_error", lambda t, e: reported.append((t, e)))
    with qtbot.waitSignal(view.export.finished, timeout=60_000):
        view.export_to_excel(tmp_path / "missing" / "report.xlsx")
    assert reported and "missing" in str(reported[0][1])


def test_the_tab_follows_changes(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    view = window.report_view
    before = view.report.figures["signups_mentee"] if view.report else 0
    add_signup(db, PersonInput("Nieuwe Deelnemer", "nieuw@example.org", "PhD candidate"),
               SignupInput(Role.MENTEE, date(2026, 5, 30), 2026))
    with qtbot.waitSignal(view.report_shown, timeout=30_000):
        window.reload()
    assert view.report is not None and view.report.figures["signups_mentee"] == before + 1
    assert view.tiles.tiles["signups_mentee"].value.text() == f"{before + 1:,}"



def test_the_split_is_remembered(window: MainWindow, make_window: Callable[[], MainWindow],
                                 qtbot: QtBot) -> None:
    splitter = window.report_view.splitter
    total = sum(splitter.sizes())
    splitter.setSizes([total - 700, 700])
    wanted = splitter.sizes()
    window.close()
    again = make_window()
    again.tabs.setCurrentWidget(again.report_view)
    qtbot.waitUntil(lambda: min(again.report_view.splitter.sizes()) > 0)
    # The window may come back at another size: the split keeps its proportion.
    left, right = again.report_view.splitter.sizes()
    assert left / right == pytest.approx(wanted[0] / wanted[1], abs=0.02)
    assert left / right != pytest.approx(1, abs=0.05)


def test_an_export_that_ends_after_its_window_closed(
    db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    fill_demo(db, today=TODAY)
    data = load_program_data(db)
    tab = QWidget()
    export = ReportExport(tab, lambda title, error: None, QSettings(str(tmp_path / "s.ini"),
                                                                   QSettings.Format.IniFormat))
    gate = threading.Event()
    ahead = run_task(lambda progress, cancelled: gate.wait(30), on_success=lambda _: None,
                     on_failure=lambda _: None)  # holds the one worker thread
    target = tmp_path / "report.xlsx"
    task = export.start(target, data, data.report(2026, TODAY))
    tab.deleteLater()  # the window closed while the export waits for the worker
    qtbot.waitUntil(lambda: not shiboken6.isValid(export), timeout=10_000)
    gate.set()
    qtbot.waitUntil(lambda: ahead.done and task.done, timeout=60_000)
    assert target.exists()  # written all the same; nothing shown for it, and no error
