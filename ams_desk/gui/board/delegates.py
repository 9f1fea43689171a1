"""Painting the board's cards: one delegate paints every card of a list, no widget per card.

The geometry of a mentor's card (its pair lines) is computed in one place,
:meth:`MentorCardDelegate.layout`, which painting, size hints and the view's
clicks and drags all use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ams_desk.core.text import plural
from ams_desk.gui.board.models import (
    CARD_ROLE,
    RULE_BADGES,
    STATE_ROLE,
    VERDICT_ROLE,
    MenteeCard,
    MentorCard,
    PairLine,
)

Index = QModelIndex | QPersistentModelIndex

INK = QColor("#10202f")
MUTED = QColor("#5c6670")
BORDER = QColor("#d8dee4")
CARD = QColor("#ffffff")
SELECTED = QColor("#eaf3fc")
SELECTED_BORDER = QColor("#3b78b5")
ACCENT = QColor("#2f5d8a")
CHIP = QColor("#eaf1f8")
ALLOWED = QColor("#1f6f3f")
ALLOWED_BG = QColor("#eef7f1")
REFUSED = QColor("#b3261e")
REFUSED_BG = QColor("#fcefee")
DRAFT = QColor("#8a5a00")
DRAFT_BG = QColor("#fff4dc")
LINE_SELECTED = QColor("#cfe3f7")
DIMMED = QColor(246, 248, 250, 150)

GAP = 4  # between cards
PAD = 10  # inside a card


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    bold = QFont(base)
    bold.setWeight(QFont.Weight.DemiBold)
    small = QFont(base)
    small.setPointSizeF(max(base.pointSizeF() - 1, 7.0))
    return bold, small


def draw_chip(painter: QPainter, x: int, y: int, text: str, font: QFont, fg: QColor,
              bg: QColor, *, dashed: bool = False) -> int:
    """Draw a rounded label at (x, y); return its width."""
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
    painter.setPen(QPen(fg, 1, Qt.PenStyle.DashLine) if dashed else Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(QRect(x, y, width, height), height / 2, height / 2)
    painter.setPen(fg)
    painter.setFont(font)
    painter.drawText(QRect(x, y, width, height), Qt.AlignmentFlag.AlignCenter, text)
    return width


def draw_chips(painter: QPainter, rect: QRect, items: Sequence[str], font: QFont) -> None:
    """Topic chips from the left of ``rect``; those that do not fit become “+N”."""
    metrics = QFontMetrics(font)
    x = rect.left()
    for n, text in enumerate(items):
        rest = len(items) - n - 1
        reserve = metrics.horizontalAdvance(f"+{rest}") + 16 if rest else 0
        width = metrics.horizontalAdvance(text) + 12
        if x + width > rect.right() - reserve:
            if n == 0 and not rest:  # a single long topic: elide it
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 12)
                draw_chip(painter, x, rect.top(), text, font, ACCENT, CHIP)
                return
            draw_chip(painter, x, rect.top(), f"+{len(items) - n}", font, MUTED, QColor("#f0f3f6"))
            return
        x += draw_chip(painter, x, rect.top(), text, font, ACCENT, CHIP) + 4


class _CardDelegate(QStyledItemDelegate):
    """Fonts and metrics of the view the cards are painted in."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.base = QFont(view.font())
        self.bold, self.small = _fonts(self.base)
        self.metrics = QFontMetrics(self.base)
        self.bold_metrics = QFontMetrics(self.bold)
        self.small_metrics = QFontMetrics(self.small)
        self.line = self.metrics.height() + 4
        self.chip_line = self.small_metrics.height() + 4

    def header_height(self) -> int:
        """Name, details and topic chips."""
        return PAD + self.bold_metrics.height() + 4 + self.line + self.chip_line + PAD

    def card_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(GAP + 2, GAP // 2, -GAP - 2, -GAP // 2)

    def draw_frame(self, painter: QPainter, rect: QRect, option: QStyleOptionViewItem, *,
                   background: QColor = CARD, border: QColor = BORDER, width: float = 1) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            background, border, width = SELECTED, SELECTED_BORDER, max(width, 2)
        painter.setPen(QPen(border, width))
        painter.setBrush(background)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 8, 8)

    def draw_text(self, painter: QPainter, rect: QRect, text: str, font: QFont, colour: QColor,
                  align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(colour)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, elided)


class MenteeCardDelegate(_CardDelegate):
    """A waiting mentee: name and days waiting, position and projects, wanted topics."""

    alert_days = 60
    """Days of waiting shown in red (the program's waiting limit)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(240, self.header_height() + GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, MenteeCard):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.card_rect(option.rect)
        self.draw_frame(painter, rect, option)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        days = card.days_waiting
        waited = f"{card.year} · {days} {plural(days, 'day')}"  # waiting, as the list says
        waited_width = self.small_metrics.horizontalAdvance(waited) + 4
        top = inner.top()
        name_h = self.bold_metrics.height()
        self.draw_text(painter, QRect(inner.left(), top, inner.width() - waited_width - 8, name_h),
                       card.label, self.bold, INK)
        self.draw_text(painter, QRect(inner.right() - waited_width, top, waited_width, name_h),
                       waited, self.small, REFUSED if days >= self.alert_days else MUTED,
                       Qt.AlignmentFlag.AlignRight)
        top += name_h + 4
        self.draw_text(painter, QRect(inner.left(), top, inner.width(), self.line), card.details,
                       self.base, MUTED)
        top += self.line
        if card.topics:
            draw_chips(painter, QRect(inner.left(), top, inner.width(), self.chip_line),
                       card.topics, self.small)
        else:
            self.draw_text(painter, QRect(inner.left(), top, inner.width(), self.chip_line),
                           "No topics named", self.small, MUTED)
        painter.restore()


@dataclass(frozen=True, slots=True)
class MentorLayout:
    """Where the parts of a mentor's card are."""

    card: QRect
    lines: tuple[tuple[QRect, PairLine], ...]
    free: QRect | None
    others: QRect | None


class MentorCardDelegate(_CardDelegate):
    """A mentor: name and capacity slots, details, offered topics, then their pairs.

    With a mentee in focus the card is marked allowed (green) or refused
    (red, with the first broken rule); while dragging, refused cards are dimmed.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        card = index.data(CARD_ROLE)
        if not isinstance(card, MentorCard):
            return QSize(240, self.header_height())
        return QSize(240, self.height(card))

    def height(self, card: MentorCard) -> int:
        extra = len(card.lines) + (1 if card.free else 0) + (1 if card.others else 0)
        return self.header_height() + extra * self.line + (PAD // 2 if extra else 0) + GAP

    def layout(self, rect: QRect, card: MentorCard) -> MentorLayout:
        """The card's rectangle in the item's ``rect``, and its pair, free and busy lines."""
        outer = self.card_rect(rect)
        left, width = outer.left() + PAD, outer.width() - 2 * PAD
        top = outer.top() + self.header_height() - PAD // 2
        lines = []
        for line in card.lines:
            lines.append((QRect(left, top, width, self.line), line))
            top += self.line
        free = others = None
        if card.free:
            free = QRect(left, top, width, self.line)
            top += self.line
        if card.others:
            others = QRect(left, top, width, self.line)
        return MentorLayout(outer, tuple(lines), free, others)

    def pair_at(self, rect: QRect, card: MentorCard, point: QPoint) -> PairLine | None:
        """The draft or proposal line of the card under ``point``, if any."""
        for line_rect, line in self.layout(rect, card).lines:
            if line_rect.contains(point):
                return line
        return None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, MentorCard):
            return
        verdict = index.data(VERDICT_ROLE)
        dragging, hovered, selected_pairs = index.data(STATE_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        geometry = self.layout(option.rect, card)
        rect = geometry.card
        refused = verdict is not None and len(verdict) > 0
        background, border, width = CARD, BORDER, 1.0
        if verdict is not None and dragging:
            background = REFUSED_BG if refused else ALLOWED_BG
            border = REFUSED if refused else ALLOWED
            width = 3.0 if hovered else 1.5
        self.draw_frame(painter, rect, option, background=background, border=border, width=width)
        if verdict is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(REFUSED if refused else ALLOWED)
            painter.drawRoundedRect(QRect(rect.left() + 3, rect.top() + 8, 4, rect.height() - 16),
                                    2, 2)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        top, name_h = inner.top(), self.bold_metrics.height()
        slots_width = self._draw_capacity(painter, inner, card)
        self.draw_text(painter, QRect(inner.left(), top, inner.width() - slots_width - 8, name_h),
                       card.label, self.bold, INK)
        top += name_h + 4
        badge = ""
        if verdict is not None:
            badge = "✓ Allowed" if not refused else "✕ " + RULE_BADGES[verdict[0]] + (
                f" +{len(verdict) - 1}" if len(verdict) > 1 else "")
        badge_width = self.small_metrics.horizontalAdvance(badge) + 16 if badge else 0
        self.draw_text(painter, QRect(inner.left(), top, inner.width() - badge_width - 6,
                                      self.line), card.details, self.base, MUTED)
        if badge:
            colour = REFUSED if refused else ALLOWED
            draw_chip(painter, inner.right() - badge_width + 1, top + 1, badge, self.small,
                      colour, REFUSED_BG if refused else ALLOWED_BG)
        top += self.line
        if card.topics:
            draw_chips(painter, QRect(inner.left(), top, inner.width(), self.chip_line),
                       card.topics, self.small)
        else:
            self.draw_text(painter, QRect(inner.left(), top, inner.width(), self.chip_line),
                           "No topics offered", self.small, MUTED)
        for line_rect, line in geometry.lines:
            self._draw_pair(painter, line_rect, line, line.pair.pair_id in selected_pairs)
        if geometry.free is not None:
            self._draw_free(painter, geometry.free, card.free)
        if geometry.others is not None:
            self.draw_text(painter, geometry.others.adjusted(18, 0, 0, 0), card.others_text,
                           self.small,
                           MUTED)
        if verdict is not None and dragging and refused:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DIMMED)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 8, 8)
        painter.restore()

    def _draw_capacity(self, painter: QPainter, inner: QRect, card: MentorCard) -> int:
        """Filled and free slot boxes with a count at the top right; return the width used."""
        free = card.free
        text = card.places_text
        text_width = self.small_metrics.horizontalAdvance(text) + 2
        box, gap = 10, 3
        boxes = card.capacity if card.capacity <= 6 else 0
        width = text_width + (boxes * (box + gap) + 6 if boxes else 0)
        x = inner.right() - width + 1
        y = inner.top() + (self.bold_metrics.height() - box) // 2
        for slot in range(boxes):
            taken = slot < card.capacity - free
            painter.setPen(QPen(ACCENT if taken else MUTED, 1))
            painter.setBrush(ACCENT if taken else CARD)
            painter.drawRoundedRect(QRect(x, y, box, box), 2, 2)
            x += box + gap
        self.draw_text(painter, QRect(inner.right() - text_width, inner.top(), text_width,
                                      self.bold_metrics.height()),
                       text, self.small, ALLOWED if free else MUTED, Qt.AlignmentFlag.AlignRight)
        return width

    def _draw_pair(self, painter: QPainter, rect: QRect, line: PairLine, selected: bool) -> None:
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LINE_SELECTED)
            painter.drawRoundedRect(rect.adjusted(-4, 1, 4, -1), 5, 5)
        draft = line.pair.is_draft
        chip_text = "Draft" if draft else "Proposed"
        chip_width = self.small_metrics.horizontalAdvance("Proposed") + 12
        chip_y = rect.top() + (rect.height() - self.small_metrics.height() - 4) // 2
        painter.save()
        draw_chip(painter, rect.left(), chip_y, chip_text, self.small,
                  DRAFT if draft else ACCENT, DRAFT_BG if draft else CHIP, dashed=draft)
        painter.restore()
        score = f"{line.pair.score.total:.2f}"
        score_width = self.metrics.horizontalAdvance("0.00") + 4
        name_left = rect.left() + chip_width + 8
        name = line.mentee_name + ("  ⚠ rules overridden" if line.pair.override_note else "")
        self.draw_text(painter, QRect(name_left, rect.top(), rect.right() - score_width - 8
                                      - name_left, rect.height()), name, self.base, INK)
        self.draw_text(painter, QRect(rect.right() - score_width, rect.top(), score_width,
                                      rect.height()), score, self.base, ACCENT,
                       Qt.AlignmentFlag.AlignRight)

    def _draw_free(self, painter: QPainter, rect: QRect, free: int) -> None:
        box = rect.adjusted(0, 2, 0, -2)
        painter.setPen(QPen(MUTED, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 5, 5)
        text = f"{free} {plural(free, 'place')} free — drop a mentee here"
        self.draw_text(painter, box.adjusted(10, 0, -10, 0), text, self.small, MUTED)


class PairLineDelegate(_CardDelegate):
    """One line per draft or proposal: status, mentor → mentee, score."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(240, self.line + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        line = index.data(CARD_ROLE)
        if not isinstance(line, PairLine):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 1, -4, -1)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LINE_SELECTED)
            painter.drawRoundedRect(rect, 5, 5)
        inner = rect.adjusted(6, 0, -8, 0)
        draft = line.pair.is_draft
        chip_width = self.small_metrics.horizontalAdvance("Proposed") + 12
        chip_y = inner.top() + (inner.height() - self.small_metrics.height() - 4) // 2
        draw_chip(painter, inner.left(), chip_y, "Draft" if draft else "Proposed", self.small,
                  DRAFT if draft else ACCENT, DRAFT_BG if draft else CHIP, dashed=draft)
        score_width = self.metrics.horizontalAdvance("0.00") + 4
        left = inner.left() + chip_width + 8
        self.draw_text(painter, QRect(left, inner.top(), inner.right() - score_width - 8 - left,
                                      inner.height()),
                       f"{line.mentor_name} → {line.mentee_name}", self.base, INK)
        self.draw_text(painter, QRect(inner.right() - score_width, inner.top(), score_width,
                                      inner.height()),
                       f"{line.pair.score.total:.2f}", self.base, ACCENT,
                       Qt.AlignmentFlag.AlignRight)
        painter.restore()
