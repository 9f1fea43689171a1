"""The Report tab's figure tiles: this year's value, last year's, and the change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ams_desk.core.report import FIGURES, SECTIONS, YearlyReport, change, figure_label

UP, DOWN = "#2E7D4F", "#B3261E"
LOWER_IS_BETTER = frozenset({
    "mentor_declined", "cancelled", "median_days_to_answer", "median_days_to_response",
    "median_days_waiting", "mentees_waiting",
})  # fmt: skip
"""Figures where a fall is good news (the change shows green)."""

STYLE = """
QWidget#reportTiles { background: #f4f6f9; }
QFrame#reportTile { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
QLabel#tileLabel { color: #44505c; font-size: 9pt; }
QLabel#tileValue { color: #10202f; font-size: 17pt; font-weight: 600; }
QLabel#tileLast { color: #6b7280; font-size: 8pt; }
QLabel#sectionLabel { color: #1d4e89; font-size: 10pt; font-weight: 600; padding-top: 6px; }
"""


def shown(value: int | float | None, kind: str) -> str:
    """A figure as the tile shows it: counts with separators, rates in %, days with one decimal."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value:.0%}"
    if kind == "days":
        return f"{value:.1f}".removesuffix(".0") + " d"
    return f"{int(value):,}"


def change_text(key: str, now: int | float | None, before: int | float | None) -> str:
    """``▲ 5``, ``▼ 3.2 pt``, ``= 0``, or empty when a value is missing."""
    difference = change(now, before)
    if difference is None:
        return ""
    kind = FIGURES[key].kind
    if kind == "rate":
        amount = f"{abs(difference) * 100:.1f} pt"
    elif kind == "days":
        amount = f"{abs(difference):.1f} d"
    else:
        amount = f"{abs(int(difference)):,}"
    if difference == 0:
        return "= same"
    return ("▲ " if difference > 0 else "▼ ") + amount


class FigureTile(QFrame):
    """One figure: its label, this year's value, and last year's with the change."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("reportTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 7, 10, 7)
        layout.setSpacing(1)
        self.label = QLabel()
        self.label.setObjectName("tileLabel")
        self.label.setWordWrap(True)
        self.value = QLabel()
        self.value.setObjectName("tileValue")
        self.last = QLabel()
        self.last.setObjectName("tileLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.label, self.value, self.last):
            layout.addWidget(widget)
        self.setMinimumWidth(130)

    def show_figure(self, report: YearlyReport, response_days: int) -> None:
        kind = FIGURES[self.key].kind
        now, before = report.figures[self.key], report.previous[self.key]
        self.label.setText(figure_label(self.key, response_days))
        self.value.setText(shown(now, kind))
        text = change_text(self.key, now, before)
        difference = change(now, before)
        colour = "#6b7280"
        if difference:
            good = (difference < 0) if self.key in LOWER_IS_BETTER else (difference > 0)
            colour = UP if good else DOWN
        arrow = f" &nbsp;<span style='color:{colour}; font-weight:600'>{text}</span>" if text \
            else ""
        self.last.setText(f"{report.previous.year}: {shown(before, kind)}{arrow}")
        self.setToolTip(f"{figure_label(self.key, response_days)}\n"
                        f"{report.year}: {shown(now, kind)}   {report.previous.year}: "
                        f"{shown(before, kind)}")


class TilesPanel(QWidget):
    """Every figure as a tile, in the report's sections; as many columns as fit."""

    TILE_WIDTH = 150
    """The width a column of tiles needs: the panel reflows to ``width // TILE_WIDTH``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTiles")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.tiles: dict[str, FigureTile] = {}
        self._sections: list[tuple[QLabel, list[FigureTile]]] = []
        for section, keys in SECTIONS:
            heading = QLabel(section, self)
            heading.setObjectName("sectionLabel")
            tiles = []
            for key in keys:
                tile = FigureTile(key, self)
                self.tiles[key] = tile
                tiles.append(tile)
            self._sections.append((heading, tiles))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 0, 8, 4)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(8)
        self.columns = 0
        self._arrange(3)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        for col in range(6):
            grid.setColumnStretch(col, 1 if col < columns else 0)
        row = 0
        for heading, tiles in self._sections:
            grid.addWidget(heading, row, 0, 1, columns)
            row += 1
            for index, tile in enumerate(tiles):
                grid.addWidget(tile, row + index // columns, index % columns)
            row += (len(tiles) + columns - 1) // columns
        grid.setRowStretch(row, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(max(2, min(4, event.size().width() // self.TILE_WIDTH)))
        super().resizeEvent(event)

    def show_report(self, report: YearlyReport, response_days: int) -> None:
        for tile in self.tiles.values():
            tile.show_figure(report, response_days)
