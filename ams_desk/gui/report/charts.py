"""The Report tab's charts, drawn with pyqtgraph: the funnel, months, and topics.

Each chart is a :class:`pyqtgraph.PlotWidget` fed plain values; none reads the
store. The funnel tells which step was clicked.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

INK = "#1F2A37"
MUTED = "#6B7280"
ACCENT = "#1D4E89"
ACCENT_HOVER = "#2D6BB5"
SECOND = "#E07B39"
FAINT = "#C9D3DF"

pg.setConfigOptions(antialias=True, background="w", foreground=INK)


def _font(size: int = 9, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


class FunnelChart(pg.PlotWidget):  # type: ignore[misc]
    """Pairs that reached each step, as centred bars, widest on top.

    Signals:
        step_clicked(int): The index of the step whose bar was clicked.
    """

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(80)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click a step to list its pairs")
        item = self.getPlotItem()
        item.hideAxis("bottom")
        left = item.getAxis("left")
        left.setPen(pg.mkPen(None))
        left.setTextPen(pg.mkPen(INK))
        left.setStyle(tickLength=0)
        left.setWidth(110)
        self._values: list[int] = []
        self._labels: list[str] = []
        self._items: list[pg.GraphicsObject] = []
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_steps(self, labels: Sequence[str], values: Sequence[int], title: str) -> None:
        """Show ``values`` (one per step, in order) under ``title``."""
        item = self.getPlotItem()
        item.setTitle(
            f"<span style='color:{ACCENT}; font-size:11pt; font-weight:600'>{title}</span>")
        for old in self._items:
            item.removeItem(old)
        self._items = []
        self._labels, self._values = list(labels), list(values)
        widest = max(self._values, default=0) or 1
        count = len(self._values)
        ys = [count - 1 - i for i in range(count)]
        bars = pg.BarGraphItem(
            x0=[(widest - v) / 2 for v in self._values], y=ys, height=0.72,
            width=[max(v, widest * 0.004) for v in self._values],
            brush=QColor(ACCENT), pen=pg.mkPen(None),
        )  # fmt: skip
        item.addItem(bars)
        self._items.append(bars)
        first = self._values[0] if self._values else 0
        for y, value in zip(ys, self._values, strict=True):
            share = f"  ·  {value / first:.0%}" if first and value != first else ""
            text = pg.TextItem(f"{value:,}{share}", color=INK if value < widest * 0.3 else "w",
                               anchor=(0.5, 0.5))
            text.setFont(_font(9, bold=True))
            inside = value >= widest * 0.3
            text.setPos(widest / 2 if inside else (widest + value) / 2 + widest * 0.08, y)
            if not inside:
                text.setAnchor((0, 0.5))
            item.addItem(text)
            self._items.append(text)
        item.getAxis("left").setTicks([[(y, label) for y, label in zip(ys, self._labels,
                                                                        strict=True)]])
        item.setXRange(0, widest * 1.15, padding=0)
        item.setYRange(-0.6, count - 0.4, padding=0)

    def step_at(self, scene_pos: QPointF) -> int | None:
        """The step whose row holds ``scene_pos``, if any."""
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos) and not self.getPlotItem().getAxis(
            "left"
        ).sceneBoundingRect().contains(scene_pos):
            return None
        y = view.mapSceneToView(scene_pos).y()
        index = len(self._values) - 1 - round(y)
        return index if 0 <= index < len(self._values) else None

    def _on_click(self, event: object) -> None:
        index = self.step_at(event.scenePos())  # type: ignore[attr-defined]
        if index is not None:
            self.step_clicked.emit(index)


class MonthlyChart(pg.PlotWidget):  # type: ignore[misc]
    """Sign-ups and proposals per month, side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(80)
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(FAINT))
            axis.setTextPen(pg.mkPen(MUTED))
        item.showGrid(y=True, alpha=0.15)
        self._legend = item.addLegend(offset=(-8, 2), labelTextColor=INK, labelTextSize="8pt",
                                      colCount=2)
        self._items: list[pg.GraphicsObject] = []

    def set_months(self, labels: Sequence[str], signups: Sequence[int],
                   proposals: Sequence[int], title: str) -> None:
        item = self.getPlotItem()
        item.setTitle(
            f"<span style='color:{ACCENT}; font-size:11pt; font-weight:600'>{title}</span>")
        for old in self._items:
            item.removeItem(old)
        self._legend.clear()
        xs = list(range(len(labels)))
        first = pg.BarGraphItem(x=[x - 0.19 for x in xs], height=list(signups), width=0.36,
                                brush=QColor(ACCENT), pen=pg.mkPen(None))
        second = pg.BarGraphItem(x=[x + 0.19 for x in xs], height=list(proposals), width=0.36,
                                 brush=QColor(SECOND), pen=pg.mkPen(None))
        for bars in (first, second):
            item.addItem(bars)
            self._items.append(bars)
        self._legend.addItem(first, "Sign-ups")
        self._legend.addItem(second, "Proposals")
        item.getAxis("bottom").setTicks([[(x, label) for x, label in zip(xs, labels,
                                                                          strict=True)]])
        top = max([*signups, *proposals, 1])
        item.setYRange(0, top * 1.3, padding=0)  # room for the legend above the bars
        item.setXRange(-0.6, len(labels) - 0.4, padding=0)


class TopicsChart(pg.PlotWidget):  # type: ignore[misc]
    """Sign-ups naming each topic this year (bars) and last year (thin marks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(80)
        item = self.getPlotItem()
        item.hideAxis("bottom")
        left = item.getAxis("left")
        left.setPen(pg.mkPen(None))
        left.setTextPen(pg.mkPen(INK))
        left.setStyle(tickLength=0)
        left.setWidth(185)
        self._items: list[pg.GraphicsObject] = []

    def set_topics(self, topics: Sequence[tuple[str, int, int]], title: str,
                   shown: int = 7) -> None:
        """``topics`` as (topic, this year, last year), most named first; the ``shown``
        most named are drawn, and the title says so when there are more."""
        if len(topics) > shown:
            title = f"{title} — top {shown} of {len(topics)}"
        item = self.getPlotItem()
        item.setTitle(
            f"<span style='color:{ACCENT}; font-size:11pt; font-weight:600'>{title}</span>")
        for old in self._items:
            item.removeItem(old)
        self._items = []
        rows = list(topics[:shown])
        count = len(rows)
        ys = [count - 1 - i for i in range(count)]
        widest = max([*(r[1] for r in rows), *(r[2] for r in rows), 1])
        now = pg.BarGraphItem(x0=[0] * count, y=ys, height=0.62, width=[r[1] for r in rows],
                              brush=QColor(ACCENT), pen=pg.mkPen(None))
        before = pg.BarGraphItem(x0=[0] * count, y=[y - 0.36 for y in ys], height=0.1,
                                 width=[r[2] for r in rows], brush=QColor(SECOND),
                                 pen=pg.mkPen(None))
        for bars in (now, before):
            item.addItem(bars)
            self._items.append(bars)
        for y, row in zip(ys, rows, strict=True):
            text = pg.TextItem(f"{row[1]}", color=MUTED, anchor=(0, 0.5))
            text.setFont(_font(8))
            text.setPos(row[1] + widest * 0.02, y)
            item.addItem(text)
            self._items.append(text)
        item.getAxis("left").setTicks([[(y, r[0]) for y, r in zip(ys, rows, strict=True)]])
        item.setXRange(0, widest * 1.12, padding=0)
        item.setYRange(-0.7, max(count, 1) - 0.4, padding=0)
