"""The main window on a 1024-pixel screen: it shrinks, and every tab's controls stay whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from mail_support import set_up_mail
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from showing import show_tab_at

from ams_desk.core.model import Role
from ams_desk.gui import tasks
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo

MakeWindow = Callable[[], MainWindow]
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)


@pytest.fixture
def demo_window(qtbot: QtBot, db: Database, make_window: MakeWindow,
                today: object) -> MainWindow:
    """The main window on the demo program (its long names and figures), every tab shown
    once and every background read (the Report's) reported, so no late result retitles
    the tabs during a test."""
    fill_demo(db, today=today)  # type: ignore[arg-type]
    window = make_window()
    window.resize(1360, 780)
    for index in range(window.tabs.count()):  # a tab reads its data when first shown
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=30_000)
    QApplication.processEvents()
    return window


def _is_part_of_another(control: QWidget, tab: QWidget) -> bool:
    """A line edit's clear button, a table's corner button: parts, not controls."""
    parent = control.parentWidget()
    while parent is not None and parent is not tab:
        if isinstance(parent, (*CONTROLS, QAbstractScrollArea)):
            return True
        parent = parent.parentWidget()
    return False


def _clipped_controls(tab: QWidget) -> list[str]:
    """The tab's visible controls that stick out of it or are squeezed below their minimum."""
    inside = tab.rect()
    found = []
    for control in tab.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(tab):
            continue
        if control.window() is not tab.window() or _is_part_of_another(control, tab):
            continue
        where = QRect(control.mapTo(tab, control.rect().topLeft()), control.size())
        squeezed = control.width() < control.minimumSizeHint().width()
        if not inside.contains(where) or squeezed:
            name = control.objectName() or getattr(control, "text", lambda: "")()
            found.append(f"{type(control).__name__} {name!r} at {where.getRect()}")
    return found


@pytest.fixture
def larger_font(qapp: QApplication) -> Iterator[None]:
    """Text a tenth larger, as on a workstation whose system font is wider than ours."""
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * 1.1)
    qapp.setFont(larger)
    yield
    qapp.setFont(font)


def test_the_main_window_shrinks_below_1000_px(demo_window: MainWindow) -> None:
    assert demo_window.minimumSizeHint().width() <= 1000
    demo_window.resize(1000, 700)
    QApplication.processEvents()
    assert demo_window.width() == 1000


def test_with_a_larger_font_the_window_still_shrinks_below_1000_px(
    larger_font: None, demo_window: MainWindow
) -> None:
    assert demo_window.minimumSizeHint().width() <= 1000


def test_at_1024_px_every_tab_shows_its_controls_whole(demo_window: MainWindow) -> None:
    window = demo_window
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.width() == 1024
    bar = window.tabs.tabBar()
    for index in range(window.tabs.count()):
        assert bar.tabRect(index).right() <= bar.width(), window.tabs.tabText(index)
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        tab = window.tabs.currentWidget()
        assert tab.width() < 1024
        assert _clipped_controls(tab) == [], window.tabs.tabText(index)


def test_at_1024_px_the_mentors_table_shows_the_places_taken(demo_window: MainWindow) -> None:
    window = demo_window
    view = window.views[Role.MENTOR]
    titles = show_tab_at(window, view, 1024)
    header = view.table.horizontalHeader()
    for title in ("Name", "Position", "Places", "Status"):
        left = header.sectionViewportPosition(titles[title])
        assert left >= 0 and left + header.sectionSize(titles[title]) <= header.width(), title
    assert view.model.data(view.model.index(0, titles["Places"])).endswith("taken")


def _columns_shown(view: QWidget, titles: tuple[str, ...]) -> list[str]:
    """Those of ``titles`` whose whole column lies inside ``view.table``'s viewport."""
    table, model = view.table, view.model  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    logical = {model.headerData(c, Qt.Orientation.Horizontal): c
               for c in range(model.columnCount())}
    shown = []
    for title in titles:
        left = header.sectionViewportPosition(logical[title])
        if left >= 0 and left + header.sectionSize(logical[title]) <= table.viewport().width():
            shown.append(title)
    return shown


def test_at_1024_px_the_pairs_table_shows_when_each_step_is_due(demo_window: MainWindow) -> None:
    window = demo_window
    pairs = window.pairs
    window.tabs.setCurrentWidget(pairs)
    pairs.select_pair(pairs.model.rows_shown()[0].pair.id)
    window.resize(1024, 700)
    QApplication.processEvents()
    wanted = ("Mentor", "Mentee", "Status", "Due")
    assert _columns_shown(pairs, wanted) == list(wanted)
    timeline = pairs.timeline
    buttons = [*timeline.step_buttons().values(), timeline.note_button]
    assert len(buttons) >= 3
    for button in buttons:  # on a second row where one does not hold them all
        assert button.isVisible()
        assert QRect(button.mapTo(timeline, button.rect().topLeft()), button.size()).right() \
            <= timeline.width()


def test_long_tab_titles_give_up_their_icons_rather_than_scroll_out_of_sight(
    demo_window: MainWindow,
) -> None:
    window, tabs = demo_window, demo_window.tabs
    bar = tabs.tabBar()
    # As long as the titles grow on a busy day: hundreds of pairs, emails waiting and failed.
    tabs.setTabText(tabs.indexOf(window.pairs), "Pairs  (1,184)")
    tabs.setTabText(tabs.indexOf(window.outbox), "Outbox  (3 queued, 1 failed)")
    window.tab_fit.fit()
    window.resize(1360, 700)
    QApplication.processEvents()
    assert window.tab_fit.icons_shown
    window.resize(1024, 700)
    QApplication.processEvents()
    assert not window.tab_fit.icons_shown
    for index in range(tabs.count()):
        rect = bar.tabRect(index)
        assert rect.left() >= 0 and rect.right() <= bar.width(), tabs.tabText(index)
    window.resize(1360, 700)
    QApplication.processEvents()
    assert window.tab_fit.icons_shown
    assert not tabs.tabIcon(tabs.indexOf(window.outbox)).isNull()


@pytest.mark.parametrize("role", list(Role))
def test_a_new_sign_up_with_its_email_fits_a_1024_px_screen(
    make_window: MakeWindow, db: Database, role: Role
) -> None:
    set_up_mail(db)
    window = make_window()
    window.tabs.setCurrentWidget(window.views[role])
    dialog = window.new_signup()
    assert dialog.extra is not None  # the email offered beside the fields
    QApplication.processEvents()
    assert dialog.minimumSizeHint().width() <= 1000
    dialog.done(0)
