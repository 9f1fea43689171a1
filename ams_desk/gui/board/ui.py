"""The board's widgets and layout, built like a compiled form: no logic, only parts.

Three columns: the waiting mentees, the mentors (with a hint line that
explains the mentor under a drag), and a side panel with the figures, the
pairs on the board with a score breakdown, and the unmatched mentees.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.text import collation_key
from ams_desk.gui.board.models import MenteeListModel, MentorListModel, PairListModel
from ams_desk.gui.board.views import MenteeListView, MentorListView, PairListView
from ams_desk.gui.widgets import BusyBar, filter_bar, make_search_edit, search_timer
from ams_desk.store.board import Board


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("columnHeading")
    return label


def _column(*parts: QWidget | QHBoxLayout, margins: tuple[int, int, int, int]) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(*margins)
    layout.setSpacing(6)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1 if isinstance(part, MentorListView | MenteeListView) else 0)
    return column


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName("boardText")
    browser.setOpenLinks(False)
    browser.setAccessibleName(name)
    return browser


class BoardUi:
    """Every widget of the matching board, laid out in ``parent``."""

    def __init__(
        self,
        parent: QWidget,
        mentees: MenteeListModel,
        mentors: MentorListModel,
        pairs: PairListModel,
    ) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Program year")
        self.year_combo.setMinimumContentsLength(5)
        self.topic_combo = QComboBox()
        self.topic_combo.setAccessibleName("Topic")
        self.topic_combo.setMinimumContentsLength(10)
        self.project_combo = QComboBox()
        self.project_combo.setAccessibleName("Project")
        self.project_combo.setMinimumContentsLength(10)
        self.search_edit = make_search_edit("Search name, position, project, topic…   (Ctrl+F)")
        self.search_timer = search_timer(parent)
        bar = filter_bar(
            [("Program &year", self.year_combo), ("&Topic", self.topic_combo),
             ("Pro&ject", self.project_combo)],
            self.search_edit,
        )

        self.place_button = QPushButton("&Place draft")
        self.place_button.setToolTip("Place the selected mentee with the selected mentor (Enter)")
        self.remove_button = QPushButton("Re&move draft")
        self.remove_button.setToolTip("Take the selected drafts off the board (Delete)")
        self.suggest_button = QPushButton("Su&ggest")
        self.suggest_button.setToolTip(
            "Fill the free places with the best drafts the rules allow; the drafts and "
            "proposals on the board stay")
        self.propose_button = QPushButton("P&ropose drafts")
        self.propose_button.setToolTip(
            "Turn the selected drafts (or all drafts) into proposals: the mentors are to be asked")
        self.weights_button = QPushButton("&Weights…")
        self.weights_button.setToolTip("How much each soft criterion counts in a pair's score")
        actions = QHBoxLayout()
        actions.setContentsMargins(10, 0, 10, 6)
        actions.setSpacing(8)
        for button in (self.place_button, self.remove_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        for button in (self.suggest_button, self.propose_button):
            actions.addWidget(button)
        self.busy = BusyBar()
        self.busy.bar.setMaximumWidth(160)
        actions.addSpacing(8)
        actions.addWidget(self.busy)
        actions.addStretch(1)
        actions.addWidget(self.weights_button)

        self.mentee_heading = _heading("Waiting mentees")
        self.mentee_view = MenteeListView(mentees)
        mentee_column = _column(self.mentee_heading, self.mentee_view, margins=(10, 0, 4, 10))

        self.mentor_heading = _heading("Mentors")
        self.free_only_check = QCheckBox("Free pla&ces only")
        mentor_top = QHBoxLayout()
        mentor_top.addWidget(self.mentor_heading, 1)
        mentor_top.addWidget(self.free_only_check)
        self.mentor_view = MentorListView(mentors)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("boardHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setMinimumHeight(self.hint_label.fontMetrics().height() * 3 + 14)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        mentor_column = _column(mentor_top, self.mentor_view, self.hint_label,
                                margins=(4, 0, 4, 10))

        self.figures_label = QLabel()
        self.figures_label.setObjectName("boardFigures")
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        self.figures_label.setWordWrap(True)
        self.pair_view = PairListView(pairs)
        self.breakdown = _browser("Score breakdown")
        pairs_splitter = QSplitter(Qt.Orientation.Vertical)
        pairs_splitter.addWidget(self.pair_view)
        pairs_splitter.addWidget(self.breakdown)
        pairs_splitter.setSizes([180, 360])
        pairs_splitter.setChildrenCollapsible(False)
        self.unmatched = _browser("Unmatched mentees")
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("boardTabs")
        self.side_tabs.addTab(pairs_splitter, "On the board")
        self.side_tabs.addTab(self.unmatched, "Unmatched")
        self.pairs_page = pairs_splitter
        self.pairs_splitter = pairs_splitter
        figures_frame = QFrame()
        figures_frame.setObjectName("boardSummary")
        figures_layout = QVBoxLayout(figures_frame)
        figures_layout.setContentsMargins(12, 8, 12, 8)
        figures_layout.addWidget(self.figures_label)
        side = _column(_heading("Summary"), figures_frame, self.side_tabs,
                       margins=(4, 0, 10, 10))
        side.layout().setStretch(2, 1)  # type: ignore[union-attr]

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for column in (mentee_column, mentor_column, side):
            self.splitter.addWidget(column)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([380, 480, 460])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(parent)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

    def fill_filters(self, board: Board) -> None:
        """The years, topics and projects of ``board``, keeping the choices made."""
        people = (*board.mentees, *board.mentors)
        topics = sorted({t for c in people for t in c.signup.topics}, key=collation_key)
        projects = sorted({p for c in people for p in c.person.projects}, key=collation_key)
        lists = ((self.year_combo, "All years", [(str(y), y) for y in board.years], board.year),
                 (self.topic_combo, "All topics", [(t, t) for t in topics],
                  self.topic_combo.currentData()),
                 (self.project_combo, "All projects", [(p, p) for p in projects],
                  self.project_combo.currentData()))
        for combo, everything, items, chosen in lists:
            combo.blockSignals(True)
            combo.clear()
            if everything:
                combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.blockSignals(False)
