"""The Report tab reads off the GUI thread, shows only the newest read, and reads only when seen."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.report import loading
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.people import add_signup
from ams_desk.store.report import ProgramData, load_program_data

TODAY = date(2026, 6, 1)  # the GUI tests' day (tests/gui/conftest.py)
WAIT_MS = 30_000


class Reads:
    """Every read of the program the Report tab makes: on which thread, and a gate that can
    hold a read back after it has read (so that a newer read can overtake it)."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.gate = threading.Event()
        self.gate.set()
        self.holding = threading.Event()

    def __call__(self, db: Database) -> ProgramData:
        data = load_program_data(db)
        self.threads.append(threading.current_thread())
        if not self.gate.is_set():
            self.holding.set()
            self.gate.wait(WAIT_MS / 1000)
        return data


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Reads]:
    recorder = Reads()
    monkeypatch.setattr(loading, "load_program_data", recorder)
    yield recorder
    recorder.gate.set()


@pytest.fixture
def window(db: Database, make_window: Callable[[], MainWindow], qtbot: QtBot,
           reads: Reads) -> MainWindow:
    fill_demo(db, today=TODAY)
    window = make_window()
    with qtbot.waitSignal(window.report_view.report_shown, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(window.report_view)
    return window


def _new_mentee(db: Database, n: int) -> None:
    add_signup(db, PersonInput(f"New Mentee {n}", f"new{n}@example.org", "PhD candidate"),
               SignupInput(Role.MENTEE, date(2026, 5, 30), 2026))


def test_the_program_is_read_off_the_gui_thread(window: MainWindow, reads: Reads) -> None:
    assert reads.threads and threading.main_thread() not in reads.threads
    view = window.report_view
    assert view.report is not None and view.report.figures["pairs_proposed"] > 0
    assert not view.busy_label.isVisible()


def test_an_older_read_that_answers_late_is_dropped(
    window: MainWindow, db: Database, qtbot: QtBot, reads: Reads
) -> None:
    view = window.report_view
    assert view.report is not None
    before = view.report.figures["signups_mentee"]
    shown: list[int | float | None] = []
    view.report_shown.connect(lambda: shown.append(
        view.report.figures["signups_mentee"] if view.report else None))
    reads.gate.clear()
    window.reload()  # read 1: reads the program, then is held back
    assert reads.holding.wait(WAIT_MS / 1000)
    assert view.busy_label.isVisible()
    _new_mentee(db, 1)
    window.reload()  # read 2: queued behind read 1, reads the new sign-up
    reads.gate.set()
    qtbot.waitUntil(lambda: not view.loader.busy, timeout=WAIT_MS)
    assert shown == [before + 1]  # read 1's older answer was never shown
    assert view.tiles.tiles["signups_mentee"].value.text() == f"{before + 1:,}"
    assert not view.busy_label.isVisible()


def test_a_year_picked_during_a_read_shows_the_newest_program(
    window: MainWindow, db: Database, qtbot: QtBot, reads: Reads
) -> None:
    view = window.report_view
    count = len(view.data.signups) if view.data else 0
    _new_mentee(db, 2)
    reads.gate.clear()
    window.reload()
    assert reads.holding.wait(WAIT_MS / 1000)
    view.set_year(2025)  # while the new read is held: 2025 of the new program, not the old
    reads.gate.set()
    qtbot.waitUntil(lambda: not view.loader.busy, timeout=WAIT_MS)
    assert view.report is not None and view.report.year == 2025 and view.year() == 2025
    assert view.data is not None and len(view.data.signups) == count + 1


def test_a_hidden_tab_reads_only_once_it_is_shown(
    window: MainWindow, db: Database, qtbot: QtBot, reads: Reads
) -> None:
    view = window.report_view
    window.tabs.setCurrentWidget(window.pairs)
    read_so_far = len(reads.threads)
    _new_mentee(db, 3)
    window.reload()
    window.reload()
    qtbot.wait(50)
    assert len(reads.threads) == read_so_far and not view.loader.busy
    assert not view.pending.loaded  # marked to read when shown
    with qtbot.waitSignal(view.report_shown, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(view)
    assert len(reads.threads) == read_so_far + 1  # two changes, one read
    assert view.data is not None and any(
        view.data.people[s.person_id].email == "new3@example.org" for s in view.data.signups)


def test_a_failed_read_is_reported_and_the_figures_stay(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.report_view
    shown = view.report
    reported: list[tuple[str, BaseException]] = []

    def broken(db: Database) -> ProgramData:
        raise OSError("disk I/O error")

    monkeypatch.setattr(loading, "load_program_data", broken)
    monkeypatch.setattr(view.ctx, "report", lambda title, error: reported.append((title, error)))
    window.reload()
    qtbot.waitUntil(lambda: bool(reported), timeout=WAIT_MS)
    assert reported[0][0] == "The report could not be read"
    assert "disk I/O error" in str(reported[0][1])
    assert view.report is shown


def test_a_read_that_answers_after_its_tab_is_gone(
    db: Database, qtbot: QtBot, reads: Reads
) -> None:
    fill_demo(db, today=TODAY)
    tab = QObject()
    loader = loading.ReportLoader(db, lambda: TODAY, tab)
    answers: list[object] = []
    loader.loaded.connect(answers.append)
    reads.gate.clear()
    task = loader.read(None)
    assert reads.holding.wait(WAIT_MS / 1000)
    tab.deleteLater()  # the window closed while the read runs
    qtbot.waitUntil(lambda: not shiboken6.isValid(loader), timeout=WAIT_MS)
    reads.gate.set()  # the answer finds no loader: dropped, and no error on either thread
    qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    assert answers == []
