"""The Report tab's charts, painted with QPainter: the funnel, months, and topics.

Each chart is fed plain values; none reads the store. The funnel tells which step was
chosen — clicked, or picked with the arrow keys and Enter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from ams_desk.gui.report.chart_base import (
    ACCENT,
    ACCENT_HOVER,
    FAINT,
    GRID,
    GROUND,
    HOVER_ROW,
    INK,
    MUTED,
    SECOND,
    Chart,
    nice_ticks,
    snapped,
)

LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _show_tip(event: QEvent, widget: QWidget, text: str | None) -> bool:
    """Answer a tooltip event with ``text`` (or none); True when ``event`` was one."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True


class FunnelChart(Chart):
    """Pairs that reached each step, as centred bars, widest on top.

    A step is chosen with the mouse, or — the chart taking focus with Tab — with ↑ ↓
    Home End and Enter or Space.

    Signals:
        step_clicked(int): The index of the step chosen.
    """

    step_clicked = Signal(int)

    HINT = "Click a step — or pick one with ↑ ↓ and press Enter — to list its pairs"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[int] = []
        self._hovered: int | None = None
        self._pressed: int | None = None
        self._current = 0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(self.HINT)

    def set_steps(self, labels: Sequence[str], values: Sequence[int], title: str) -> None:
        """Show ``values`` (one per step, in order) under ``title``."""
        self._labels, self._values = list(labels), list(values)
        self._current = min(self._current, max(len(self._values) - 1, 0))
        self.set_title(title)
        self.updateGeometry()

    def current_step(self) -> int | None:
        """The step Enter would choose (marked while the chart has focus)."""
        return self._current if self._values else None

    def is_empty(self) -> bool:
        return not self._values

    def body_min_height(self) -> float:
        return max(len(self._values), 1) * (self.line_height() + 4)

    def _label_width(self, width: float) -> float:
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(label) for label in self._labels), default=0)
        return min(widest + 14, width * 0.4)

    def rows(self) -> list[tuple[QRectF, QRectF]]:
        """Each step's band (its label and bar: what a click hits) and its bar."""
        if not self._values:
            return []
        body = self.body_rect()
        row_height = min(body.height() / len(self._values), self.line_height() * 2.4)
        bar_height = max(round(min(row_height * 0.74, row_height - 2)), 1)
        left = body.left() + self._label_width(body.width())
        centre, width = (left + body.right()) / 2, body.right() - left
        widest = max(self._values) or 1
        found = []
        for index, value in enumerate(self._values):
            top = body.top() + index * row_height
            bar_width = max(width * 0.92 * value / widest, 2) if value > 0 else 0
            bar = snapped(centre - bar_width / 2, top + (row_height - bar_height) / 2,
                          bar_width, bar_height)
            found.append((QRectF(body.left(), top, body.width(), row_height), bar))
        return found

    def step_at(self, pos: QPointF) -> int | None:
        """The step whose band holds ``pos`` (widget pixels), if any."""
        return next((i for i, (band, _) in enumerate(self.rows()) if band.contains(pos)), None)

    def _value_text(self, index: int) -> str:
        value, first = self._values[index], self._values[0]
        share = f"  ·  {value / first:.0%}" if first and index else ""
        return f"{value:,}{share}"

    def step_tip(self, index: int) -> str:
        """The tooltip of step ``index``: its count, its share of the first, and the hint."""
        value, first = self._values[index], self._values[0]
        share = (f", {value / first:.0%} of the {first:,} {self._labels[0].lower()}"
                 if first and index else "")
        return f"{self._labels[index]}: {value:,} pairs{share}\n{self.HINT}"

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        label_width = self._label_width(body.width())
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetricsF(bold)
        marked = self._current if self.hasFocus() else None
        for index, (band, bar) in enumerate(self.rows()):
            if index in (self._hovered, marked):
                painter.fillRect(band, HOVER_ROW)
            if index == marked:
                painter.setPen(QPen(ACCENT, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(band.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            self.paint_text(painter, QRectF(band.left() + 2, band.top(), label_width - 12,
                                            band.height()),
                            self._labels[index], RIGHT_MIDDLE, INK, elide=True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ACCENT_HOVER if index == self._hovered else ACCENT)
            painter.drawRoundedRect(bar, 2, 2)
            text, place, inside = self._value_place(index, band, bar, metrics)
            color = INK if not inside else GROUND if self._values[index] else MUTED
            self.paint_text(painter, place, text, Qt.AlignmentFlag.AlignCenter, color, bold)

    def _value_place(self, index: int, band: QRectF, bar: QRectF,
                     metrics: QFontMetricsF) -> tuple[str, QRectF, bool]:
        """Step ``index``'s count and share, where they go, and whether that is inside the
        bar: inside when they fit, else beside it; when neither fits (a narrow chart) the
        share is left to the tooltip rather than written over the bar."""
        value = self._values[index]
        for text in dict.fromkeys((self._value_text(index), f"{value:,}")):
            width = metrics.horizontalAdvance(text) + 2
            if width + 8 <= bar.width() or not value:  # no bar: the count stands in for it
                return text, QRectF(bar.center().x() - width / 2, band.top(), width,
                                    band.height()), True
            if bar.right() + 8 + width <= band.right():
                return text, QRectF(bar.right() + 8, band.top(), width, band.height()), False
        return text, QRectF(band.right() - width, band.top(), width, band.height()), False

    # -- mouse and keyboard ---------------------------------------------------------------

    def _hover(self, index: int | None) -> None:
        if index == self._hovered:
            return
        self._hovered = index
        if index is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._hover(self.step_at(event.position()))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._hover(None)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.step_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        index = self.step_at(event.position())
        pressed, self._pressed = self._pressed, None
        if event.button() == Qt.MouseButton.LeftButton and index is not None and index == pressed:
            self._current = index
            self.update()
            self.step_clicked.emit(index)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, last = Qt.Key(event.key()), len(self._values) - 1
        moves = {Qt.Key.Key_Up: self._current - 1, Qt.Key.Key_Down: self._current + 1,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: last}
        if self._values and key in moves:
            self._current = min(max(moves[key], 0), last)
            self.update()
        elif self._values and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.step_clicked.emit(self._current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            index = self.step_at(QPointF(event.pos()))
            if _show_tip(event, self, None if index is None else self.step_tip(index)):
                return True
        return super().event(event)


class MonthlyChart(Chart):
    """Sign-ups and proposals per month, side by side, over a light grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = [("Sign-ups", ACCENT), ("Proposals", SECOND)]
        self._labels: list[str] = []
        self._signups: list[int] = []
        self._proposals: list[int] = []

    def set_months(self, labels: Sequence[str], signups: Sequence[int],
                   proposals: Sequence[int], title: str) -> None:
        """Show one pair of bars per month: ``labels`` under them, ``title`` above."""
        self._labels, self._signups, self._proposals = (
            list(labels), list(signups), list(proposals))
        self.set_title(title)

    def is_empty(self) -> bool:
        return not self._labels

    def body_min_height(self) -> float:
        return 5 * self.line_height(self.small_font())

    def plot(self) -> tuple[QRectF, list[int]]:
        """The bars' area (the axis and month labels around it) and the value ticks."""
        body = self.body_rect()
        metrics = QFontMetricsF(self.small_font())
        top = body.top() + metrics.height() / 2  # the top tick's label is centred on its line
        bottom = body.bottom() - metrics.height() - 4
        room = int((bottom - top) / (metrics.height() * 1.8))
        ticks = nice_ticks(max([*self._signups, *self._proposals, 1]), room)
        axis = max(metrics.horizontalAdvance(f"{tick:,}") for tick in ticks) + 8
        return QRectF(body.left() + axis, top, body.width() - axis, bottom - top), ticks

    def month_at(self, pos: QPointF) -> int | None:
        """The month whose column holds ``pos``, if any."""
        plot, _ = self.plot()
        if not self._labels or not plot.left() <= pos.x() < plot.right():
            return None
        if not plot.top() <= pos.y() <= self.body_rect().bottom():
            return None
        return min(int((pos.x() - plot.left()) / (plot.width() / len(self._labels))),
                   len(self._labels) - 1)

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        plot, ticks = self.plot()
        font = self.small_font()
        metrics = QFontMetricsF(font)
        height = metrics.height()
        for tick in ticks:
            y = round(plot.bottom() - tick / ticks[-1] * plot.height()) + 0.5
            painter.setPen(QPen(FAINT if tick == 0 else GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            self.paint_text(painter, QRectF(body.left(), y - height / 2, plot.left() - body.left()
                                            - 6, height), f"{tick:,}", RIGHT_MIDDLE, MUTED, font)
        count = len(self._labels)
        slot = plot.width() / count
        bar = min(slot * 0.36, 26.0)
        gap = max(1.0, min(3.0, slot * 0.04))
        painter.setPen(Qt.PenStyle.NoPen)
        widest_label = max(metrics.horizontalAdvance(label) for label in self._labels)
        every = max(1, math.ceil((widest_label + 8) / slot))  # labels that would touch skip
        for index in range(count):
            centre = plot.left() + slot * (index + 0.5)
            for x, value, color in ((centre - gap / 2 - bar, self._signups[index], ACCENT),
                                    (centre + gap / 2, self._proposals[index], SECOND)):
                tall = round(value / ticks[-1] * plot.height())  # standing on the baseline
                painter.fillRect(snapped(x, round(plot.bottom()) - tall, bar, tall), color)
            if index % every == 0:
                width = metrics.horizontalAdvance(self._labels[index]) + 2
                left = min(max(centre - width / 2, plot.left()), body.right() - width)
                self.paint_text(painter, QRectF(left, plot.bottom() + 3, width, height),
                                self._labels[index], Qt.AlignmentFlag.AlignCenter, MUTED, font)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            index = self.month_at(QPointF(event.pos()))
            tip = None if index is None else (
                f"{self._labels[index]}: {self._signups[index]:,} sign-ups, "
                f"{self._proposals[index]:,} pairs proposed")
            if _show_tip(event, self, tip):
                return True
        return super().event(event)


class TopicsChart(Chart):
    """Sign-ups naming each topic this year (bars) and last year (thin marks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, int]] = []

    def set_topics(self, topics: Sequence[tuple[str, int, int]], title: str,
                   shown: int = 7) -> None:
        """``topics`` as (topic, this year, last year), most named first; the ``shown``
        most named are drawn, and the title says so when there are more."""
        if len(topics) > shown:
            title = f"{title} — top {shown} of {len(topics)}"
        self._rows = list(topics[:shown])
        self.set_title(title)
        self.updateGeometry()

    def is_empty(self) -> bool:
        return not self._rows

    def body_min_height(self) -> float:
        return max(len(self._rows), 1) * (self.line_height() + 4)

    def _columns(self, body: QRectF) -> tuple[float, float]:
        """The topic names' width and the room kept right of the bars for their values."""
        names = max(QFontMetricsF(self.font()).horizontalAdvance(r[0]) for r in self._rows)
        widest = max(max(r[1], r[2]) for r in self._rows)
        values = QFontMetricsF(self.small_font()).horizontalAdvance(f"{widest:,}") + 10
        return min(names + 14, body.width() * 0.42), values

    def rows(self) -> list[tuple[QRectF, QRectF, QRectF]]:
        """Each topic's band, its bar (this year) and its thin mark (last year)."""
        if not self._rows:
            return []
        body = self.body_rect()
        names, values = self._columns(body)
        left = body.left() + names
        width = max(body.right() - values - left, 1)
        widest = max(max(r[1], r[2]) for r in self._rows) or 1
        row_height = min(body.height() / len(self._rows), self.line_height() * 2.2)
        bar_height = max(round(row_height * 0.56), 3)
        mark_height = max(2, round(row_height * 0.1))
        found = []
        for index, (_, now, before) in enumerate(self._rows):
            top = body.top() + index * row_height
            bar_top = round(top + (row_height - bar_height - mark_height - 1) / 2)
            found.append((QRectF(body.left(), top, body.width(), row_height),
                          snapped(left, bar_top, width * now / widest, bar_height),
                          snapped(left, bar_top + bar_height + 1, width * before / widest,
                                  mark_height)))
        return found

    def topic_at(self, pos: QPointF) -> int | None:
        """The shown topic whose band holds ``pos``, if any."""
        return next((i for i, (band, _, _) in enumerate(self.rows()) if band.contains(pos)),
                    None)

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        names, _ = self._columns(body)
        small = self.small_font()
        height = self.line_height()  # centred on the bar, a row apart: never overlapping
        for (band, bar, mark), (topic, now, _) in zip(self.rows(), self._rows, strict=True):
            middle = bar.center().y() - height / 2
            self.paint_text(painter, QRectF(band.left(), middle, names - 10, height),
                            topic, RIGHT_MIDDLE, INK, elide=True)
            painter.fillRect(bar, ACCENT)
            painter.fillRect(mark, SECOND)
            left = bar.right() + 6  # level with the bar, clear of the thin mark below it
            self.paint_text(painter, QRectF(left, middle, body.right() - left, height),
                            f"{now:,}", LEFT_MIDDLE, MUTED, small)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            index = self.topic_at(QPointF(event.pos()))
            tip = None
            if index is not None:
                topic, now, before = self._rows[index]
                tip = f"{topic}\n{now:,} this year (bar), {before:,} last year (thin mark)"
            if _show_tip(event, self, tip):
                return True
        return super().event(event)
