"""What the Report tab's charts share: colours, the title and legend, and painted text.

A chart is a plain :class:`QWidget` that paints itself with :class:`QPainter` in the
app's font. The base paints the white ground, the title (elided when the chart is
narrow) and a legend beside the title when both fit, under it when not; the chart
paints the rest in :meth:`Chart.paint_body`. Every text painted is kept in
:attr:`Chart.texts` with the rectangle it took, so a test can tell what a coordinator
reads and that no two labels overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#1F2A37")
MUTED = QColor("#6B7280")
ACCENT = QColor("#1D4E89")
ACCENT_HOVER = QColor("#2D6BB5")
SECOND = QColor("#E07B39")
FAINT = QColor("#C9D3DF")
GRID = QColor("#EEF1F5")
HOVER_ROW = QColor("#EEF3F9")
GROUND = QColor("#FFFFFF")

PAD = 8.0
"""Space between the widget's edge and anything painted, in pixels."""


@dataclass(frozen=True, slots=True)
class PaintedText:
    """A text a chart painted, and the rectangle its glyphs took (widget pixels)."""

    text: str
    rect: QRectF


def scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    """``font`` made ``factor`` times as large (point or pixel sized), optionally bolder."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(font.pointSizeF() * factor)
    else:
        result.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if weight is not None:
        result.setWeight(weight)
    return result


def snapped(x: float, y: float, width: float, height: float) -> QRectF:
    """A rectangle on whole pixels, so that a bar's edges stay sharp when antialiased
    (its size rounded on its own, so that bars of one height all come out alike)."""
    return QRectF(round(x), round(y), max(0, round(width)), max(0, round(height)))


def nice_ticks(top: float, room: int) -> list[int]:
    """Whole-number ticks from 0 past ``top`` in steps of 1, 2 or 5 × 10ⁿ; at most ``room``
    steps (and at least one)."""
    top, room = max(top, 1.0), max(room, 1)
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            count = math.ceil(top / step)
            if count <= room:
                return [i * step for i in range(count + 1)]
        magnitude *= 10


class Chart(QWidget):
    """A titled chart; subclasses paint their body and say when they have nothing to show."""

    EMPTY_TEXT = "Nothing to show for this year"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._title = ""
        self.legend: list[tuple[str, QColor]] = []
        self.texts: list[PaintedText] = []

    # -- what subclasses give -------------------------------------------------------------

    def is_empty(self) -> bool:
        """True when there is nothing to draw (a note says so instead)."""
        return True

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        """Paint the chart itself inside ``body`` (below the title and legend)."""

    def body_min_height(self) -> float:
        """The least height the body needs for its labels not to overlap."""
        return 3 * self.line_height()

    # -- shared ---------------------------------------------------------------------------

    def title(self) -> str:
        """The title as given (the painted one may be elided when the chart is narrow)."""
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def title_font(self) -> QFont:
        return scaled(self.font(), 1.2, QFont.Weight.DemiBold)

    def small_font(self) -> QFont:
        return scaled(self.font(), 0.9)

    def line_height(self, font: QFont | None = None) -> float:
        return QFontMetricsF(font or self.font()).height()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        header = self.line_height(self.title_font()) + 6
        if self.legend:  # on a line of its own when the chart is narrow
            header += self.line_height(self.small_font()) + 2
        return QSize(220, math.ceil(2 * PAD + header + self.body_min_height()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, max(200, self.minimumSizeHint().height()))

    def body_rect(self) -> QRectF:
        """Where :meth:`paint_body` paints, as laid out for the widget's present size."""
        return self._layout()[2]

    def _layout(self) -> tuple[QRectF, QRectF | None, QRectF]:
        """The title's line, the legend's rectangle (if any) and the body."""
        area = QRectF(self.rect()).adjusted(PAD, PAD / 2, -PAD, -PAD)
        title_height = self.line_height(self.title_font())
        title_line = QRectF(area.left(), area.top(), area.width(), title_height)
        top = title_line.bottom() + 6
        legend = None
        if self.legend:
            width = self._legend_width()
            height = self.line_height(self.small_font())
            title_width = QFontMetricsF(self.title_font()).horizontalAdvance(self._title)
            if area.center().x() + title_width / 2 + 16 <= area.right() - width:
                legend = QRectF(area.right() - width, title_line.center().y() - height / 2,
                                width, height)
            else:  # on a line of its own under the title
                legend = QRectF(area.right() - width, top - 2, width, height)
                top = legend.bottom() + 4
        return title_line, legend, QRectF(area.left(), top, area.width(), area.bottom() - top)

    def _legend_width(self) -> float:
        metrics = QFontMetricsF(self.small_font())
        swatch = metrics.height() * 0.75
        return sum(swatch + 5 + metrics.horizontalAdvance(name) for name, _ in self.legend) + (
            14 * (len(self.legend) - 1))

    def paint_text(self, painter: QPainter, rect: QRectF, text: str, flags: Qt.AlignmentFlag,
                   color: QColor, font: QFont | None = None, elide: bool = False) -> QRectF:
        """Paint ``text`` aligned in ``rect`` (elided to its width if ``elide``) and keep it
        in :attr:`texts`; the rectangle its glyphs took."""
        font = font or self.font()
        if elide:
            text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(font)
        painter.setPen(color)
        taken = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        if text:
            self.texts.append(PaintedText(text, taken))
        return taken

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), GROUND)
        self.texts = []
        title_line, legend, body = self._layout()
        self.paint_text(painter, title_line, self._title, Qt.AlignmentFlag.AlignCenter, ACCENT,
                        self.title_font(), elide=True)
        if legend is not None:
            self._paint_legend(painter, legend)
        if self.is_empty():
            self.paint_text(painter, body, self.EMPTY_TEXT, Qt.AlignmentFlag.AlignCenter, MUTED,
                            elide=True)
        else:
            self.paint_body(painter, body)
        painter.end()

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        font = self.small_font()
        metrics = QFontMetricsF(font)
        swatch = metrics.height() * 0.75
        x = rect.left()
        for name, color in self.legend:
            painter.fillRect(snapped(x, rect.center().y() - swatch / 2, swatch, swatch), color)
            x += swatch + 5
            width = metrics.horizontalAdvance(name)
            self.paint_text(painter, QRectF(x, rect.top(), width + 1, rect.height()), name,
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, INK, font)
            x += width + 14
