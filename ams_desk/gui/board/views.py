"""The board's list views: what a drag, a click or a key on a list means.

The views only translate gestures into signals (and drops into the model's
``dropMimeData``); :class:`~ams_desk.gui.board.board_view.BoardView` decides
what to do with them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ams_desk.gui.board.delegates import MenteeCardDelegate, MentorCardDelegate, PairLineDelegate
from ams_desk.gui.board.mime import DragPayload, decode, draft_mime
from ams_desk.gui.board.models import (
    CARD_ROLE,
    MenteeListModel,
    MentorCard,
    MentorListModel,
    PairLine,
    PairListModel,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def _setup(view: QListView) -> None:
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setDropIndicatorShown(False)
    view.setMouseTracking(True)
    view.setObjectName("boardList")


_KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
    Qt.FocusReason.OtherFocusReason,
)


def _select_on_keyboard_focus(view: QListView, event: QFocusEvent) -> None:
    """Coming in by keyboard selects the current card, so arrows and Enter act on it."""
    if event.reason() in _KEYBOARD_FOCUS and not view.selectionModel().hasSelection():
        index = view.currentIndex()
        if not index.isValid() and view.model().rowCount():
            index = view.model().index(0, 0)
        if index.isValid():
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _card_pixmap(view: QListView, index: QModelIndex, width: int | None = None) -> QPixmap:
    """The card at ``index`` painted alone, to show under the cursor while dragging."""
    rect = view.visualRect(index)
    size = rect.size()
    if width is not None:
        size.setWidth(min(width, size.width()))
    pixmap = QPixmap(size * view.devicePixelRatioF())
    pixmap.setDevicePixelRatio(view.devicePixelRatioF())
    pixmap.fill(Qt.GlobalColor.transparent)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(QPoint(0, 0), size)
    painter = QPainter(pixmap)
    painter.setOpacity(0.9)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    return pixmap


def _start_drag(view: QListView, data: QMimeData | None, index: QModelIndex) -> None:
    if data is None:
        return
    drag = QDrag(view)
    drag.setMimeData(data)
    pixmap = _card_pixmap(view, index, 360)
    drag.setPixmap(pixmap)
    drag.setHotSpot(QPoint(24, 16))
    drag.exec(Qt.DropAction.MoveAction)


class MenteeListView(QListView):
    """Waiting mentees: drag one onto a mentor; drop a draft here to take it back.

    Signals:
        activated_by_key: Enter was pressed on a mentee (go choose a mentor).
    """

    activated_by_key = Signal()

    def __init__(self, model: MenteeListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _setup(self)
        self.setModel(model)
        self.card_delegate = MenteeCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAccessibleName("Waiting mentees")

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 - Qt override
        index = self.currentIndex()
        if index.isValid():
            _start_drag(self, self.model().mimeData([index]), index)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        _select_on_keyboard_focus(self, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        payload = decode(event.mimeData())  # only drafts come back here
        if payload is not None and payload.is_move:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        model = self.model()
        if model.dropMimeData(event.mimeData(), event.dropAction(), -1, -1, QModelIndex()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in ENTER_KEYS and self.currentIndex().isValid():
            self.activated_by_key.emit()
            return
        super().keyPressEvent(event)


class MentorListView(QListView):
    """Mentors with their drafts: the drop target, and where drafts are clicked and dragged.

    Signals:
        drag_entered(object): A board drag (a :class:`DragPayload`) came over the list.
        drag_hovered(object): The drag is over this mentor sign-up id (None: no mentor).
        drag_left: The drag left the list or was dropped.
        pair_clicked(int, object): A pair line (pair id) was clicked, with the modifiers.
        place_requested: Enter on a mentor: place the selected mentee here.
        remove_requested: Delete: take the selected drafts off the board.
    """

    drag_entered = Signal(object)
    drag_hovered = Signal(object)
    drag_left = Signal()
    pair_clicked = Signal(int, object)
    place_requested = Signal()
    remove_requested = Signal()

    def __init__(self, model: MentorListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _setup(self)
        self.setModel(model)
        self.card_delegate = MentorCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setAccessibleName("Mentors")
        self.tooltip_for: Callable[[MentorCard, PairLine | None], str] | None = None
        self._pressed: tuple[QPoint, PairLine] | None = None

    def mentor_model(self) -> MentorListModel:
        model = self.model()
        assert isinstance(model, MentorListModel)
        return model

    def _card_at(self, point: QPoint) -> tuple[QModelIndex, MentorCard | None]:
        index = self.indexAt(point)
        card = index.data(CARD_ROLE) if index.isValid() else None
        return index, card if isinstance(card, MentorCard) else None

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        _select_on_keyboard_focus(self, event)

    def pair_at(self, point: QPoint) -> PairLine | None:
        """The draft or proposal line under ``point`` (viewport coordinates)."""
        index, card = self._card_at(point)
        if card is None:
            return None
        return self.card_delegate.pair_at(self.visualRect(index), card, point)

    # -- dragging onto the mentors -------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        payload = decode(event.mimeData())
        if payload is None:
            event.ignore()
            return
        self.setState(QAbstractItemView.State.DraggingState)
        self.drag_entered.emit(payload)
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        point = event.position().toPoint()
        index, card = self._card_at(point)
        self.mentor_model().set_hovered(card.signup_id if card else None)
        self.drag_hovered.emit(card.signup_id if card else None)
        can = card is not None and self.mentor_model().canDropMimeData(
            event.mimeData(), event.dropAction(), -1, -1, index)
        if can:
            event.acceptProposedAction()
        else:
            event.ignore()
        margin = self.autoScrollMargin()
        if self.hasAutoScroll() and (point.y() < margin
                                     or point.y() > self.viewport().height() - margin):
            self.startAutoScroll()

    def _end_drag(self) -> None:
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.mentor_model().set_hovered(None)
        self.drag_left.emit()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt override
        self._end_drag()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        index, card = self._card_at(event.position().toPoint())
        self._end_drag()
        if card is None:
            event.ignore()
            return
        # The model asks for the drop to be stored; the board reloads from the store.
        if self.mentor_model().dropMimeData(event.mimeData(), event.dropAction(), -1, -1, index):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- clicking and dragging drafts ----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        point = event.position().toPoint()
        line = self.pair_at(point)
        self._pressed = (point, line) if line is not None else None
        super().mousePressEvent(event)
        if line is not None:
            self.pair_clicked.emit(line.pair.pair_id, event.modifiers())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._pressed is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, line = self._pressed
            distance = (event.position().toPoint() - start).manhattanLength()
            if distance >= QApplication.startDragDistance() and line.pair.is_draft:
                self._pressed = None
                pair = line.pair
                index = self.indexAt(start)
                _start_drag(self, draft_mime(pair.pair_id, pair.mentee_signup_id,
                                             pair.mentor_signup_id), index)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._pressed = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in ENTER_KEYS:
            self.place_requested.emit()
            return
        if event.key() in DELETE_KEYS:
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            _index, card = self._card_at(event.pos())
            text = ""
            if card is not None and self.tooltip_for is not None:
                text = self.tooltip_for(card, self.pair_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class PairListView(QListView):
    """The board's drafts and proposals; several can be selected to propose or remove.

    Signals:
        remove_requested: Delete: take the selected drafts off the board.
    """

    remove_requested = Signal()

    def __init__(self, model: PairListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _setup(self)
        self.setModel(model)
        self.setObjectName("pairList")
        self.setItemDelegate(PairLineDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setAccessibleName("Drafts and proposals")

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 - Qt override
        index = self.currentIndex()
        if index.isValid():
            _start_drag(self, self.model().mimeData([index]), index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in DELETE_KEYS:
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


__all__ = ["DragPayload", "MenteeListView", "MentorListView", "PairListView"]
