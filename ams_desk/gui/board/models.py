"""List models of the matching board: waiting mentees, mentors with their drafts, and pairs.

Each row is a card object built once per load (``CARD_ROLE`` returns it); the
delegates paint the cards. Filters are applied inside the models by keeping a
list of visible rows, as :class:`~ams_desk.gui.table_model.FastTableModel`
does, because a ``QSortFilterProxyModel`` calls back into Python per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ams_desk.core.eligibility import Rule
from ams_desk.core.scoring import text_key
from ams_desk.core.text import collation_key
from ams_desk.gui.board.cards import (
    RULE_BADGES,
    MenteeCard,
    MentorCard,
    PairLine,
    mentee_cards,
    mentor_cards,
    pair_lines,
)
from ams_desk.gui.board.mime import (
    DRAFT_MIME,
    MENTEE_MIME,
    MIME_TYPES,
    DragPayload,
    decode,
    draft_mime,
    mentee_mime,
)

Index = QModelIndex | QPersistentModelIndex
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, CARD_ROLE)`` returns the row's card."""
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Mentors: the rules forbidding the mentee in focus (empty: allowed), None without focus."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
"""Mentors: (dragging, hovered, selected pair ids) for the delegate."""

CardT = TypeVar("CardT", MenteeCard, MentorCard, PairLine)


class _CardListModel(QAbstractListModel, Generic[CardT]):
    """Cards of one kind with the board's filters: topic, project and search words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards: list[CardT] = []
        self._visible: list[int] = []
        self._topic: str | None = None
        self._project: str | None = None
        self._words: tuple[str, ...] = ()

    def set_cards(self, cards: Sequence[CardT]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self._visible = self._filtered()
        self.endResetModel()

    def set_filters(self, topic: str | None, project: str | None, search: str) -> None:
        """Show cards with the topic and project (None: any) that contain every search word."""
        self._topic = text_key(topic) if topic else None
        self._project = text_key(project) if project else None
        self._words = tuple(collation_key(search).split())
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        self._visible = self._filtered()
        self.endResetModel()

    def accepts(self, card: CardT) -> bool:
        topic_keys: frozenset[str] = getattr(card, "topic_keys", frozenset())
        project_keys: frozenset[str] = getattr(card, "project_keys", frozenset())
        haystack: str = getattr(card, "haystack", "")
        if self._topic is not None and self._topic not in topic_keys:
            return False
        if self._project is not None and self._project not in project_keys:
            return False
        return all(word in haystack for word in self._words)

    def _filtered(self) -> list[int]:
        accepts = self.accepts
        return [i for i, card in enumerate(self._cards) if accepts(card)]

    def card_at(self, row: int) -> CardT:
        return self._cards[self._visible[row]]

    def cards(self) -> list[CardT]:
        """Every card, shown or not."""
        return list(self._cards)

    def total(self) -> int:
        return len(self._cards)

    def row_where(self, predicate: Callable[[CardT], bool]) -> int:
        """The shown row of the first card matching ``predicate``, or -1."""
        for row, source in enumerate(self._visible):
            if predicate(self._cards[source]):
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._visible)

    def _card(self, index: Index) -> CardT | None:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        return self._cards[self._visible[index.row()]]


class MenteeListModel(_CardListModel[MenteeCard]):
    """The mentees waiting for a mentor, longest waiting first; a drag carries one.

    Signals:
        draft_returned(int): A draft (pair id) was dropped back among the waiting.
    """

    draft_returned = Signal(int)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self._card(index)
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return card.label
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            wanted = ", ".join(card.topics) or "no topics named"
            return (f"{card.label}, {card.details}. Wants: {wanted}. Signed up for "
                    f"{card.year}, waiting {card.days_waiting} days.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MENTEE_MIME, DRAFT_MIME]

    def mimeData(  # type: ignore[override]  # noqa: N802 - None: nothing to drag
        self, indexes: Sequence[QModelIndex]
    ) -> QMimeData | None:
        cards = [c for c in (self._card(i) for i in indexes) if c is not None]
        return mentee_mime(cards[0].signup_id) if cards else None

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = decode(data)
        return payload is not None and payload.is_move

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = decode(data)
        if payload is None or payload.pair_id is None:
            return False
        self.draft_returned.emit(payload.pair_id)
        return True


class MentorListModel(_CardListModel[MentorCard]):
    """The mentors with capacity slots and their drafts; dropping a mentee places a draft.

    While a mentee is in focus (selected, or being dragged) each mentor carries
    the hard rules that forbid the pair (``VERDICT_ROLE``).

    Signals:
        drop_requested(object, int): A :class:`DragPayload` was dropped on the
            mentor sign-up with this id.
    """

    drop_requested = Signal(object, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._verdicts: list[tuple[Rule, ...]] | None = None
        self._ranks: list[tuple[bool, float, int]] | None = None
        self._dragging = False
        self._hovered: int | None = None
        self._selected_pairs: frozenset[int] = frozenset()
        self.free_only = False

    def set_cards(self, cards: Sequence[MentorCard]) -> None:
        self._verdicts = None
        self._ranks = None
        self._dragging = False
        self._hovered = None
        super().set_cards(cards)

    def accepts(self, card: MentorCard) -> bool:
        return (not self.free_only or card.free > 0) and super().accepts(card)

    def _filtered(self) -> list[int]:
        shown = super()._filtered()
        ranks = self._ranks
        return shown if ranks is None else sorted(shown, key=ranks.__getitem__)

    def rank_for_focus(self, scores: Sequence[float] | None) -> None:
        """Order the mentors for the mentee in focus: allowed (and free) first, then by score.

        ``scores`` are each card's score with the mentee (None: the loaded order again).
        Uses the verdicts set by :meth:`set_verdicts`; the selection stays on its card.
        """
        verdicts = self._verdicts
        if scores is None or verdicts is None:
            ranks = None
        else:
            ranks = [(bool(verdict), -score, i)
                     for i, (verdict, score) in enumerate(zip(verdicts, scores, strict=True))]
        if ranks == self._ranks:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self._visible[i.row()] if i.isValid() else -1 for i in persistent]
        self._ranks = ranks
        self._visible = self._filtered()
        rows = {source: row for row, source in enumerate(self._visible)}
        self.changePersistentIndexList(persistent, [
            self.index(rows[s]) if s in rows else QModelIndex() for s in sources])
        self.layoutChanged.emit()

    # -- focus: the mentee being placed ------------------------------------------------------

    def set_verdicts(self, verdicts: list[tuple[Rule, ...]] | None, *, dragging: bool) -> None:
        """Mark every mentor allowed or refused for the mentee in focus (None: no focus)."""
        self._verdicts = verdicts
        self._dragging = dragging and verdicts is not None
        if not dragging:
            self._hovered = None
        self._changed_all()

    def verdict(self, card_row: int) -> tuple[Rule, ...] | None:
        if self._verdicts is None:
            return None
        return self._verdicts[self._visible[card_row]]

    @property
    def dragging(self) -> bool:
        return self._dragging

    def set_hovered(self, signup_id: int | None) -> None:
        if signup_id != self._hovered:
            self._hovered = signup_id
            self._changed_all()

    def set_selected_pairs(self, pair_ids: Iterable[int]) -> None:
        selected = frozenset(pair_ids)
        if selected != self._selected_pairs:
            self._selected_pairs = selected
            self._changed_all()

    def _changed_all(self) -> None:
        if self._visible:
            self.dataChanged.emit(self.index(0), self.index(len(self._visible) - 1),
                                  [VERDICT_ROLE, STATE_ROLE])

    # -- data --------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self._card(index)
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return card.label
        if role == CARD_ROLE:
            return card
        if role == VERDICT_ROLE:
            return self.verdict(index.row())
        if role == STATE_ROLE:
            return (self._dragging, card.signup_id == self._hovered, self._selected_pairs)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"{card.label}, {card.details}. {card.free} of {card.capacity} places free. "
                    f"Offers: {', '.join(card.topics) or 'no topics named'}.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDropEnabled)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return list(MIME_TYPES)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self._card(parent) is not None and decode(data) is not None

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the drop to be stored: the model itself changes only when the store did."""
        card, payload = self._card(parent), decode(data)
        if card is None or payload is None:
            return False
        self.drop_requested.emit(payload, card.signup_id)
        return True


class PairListModel(_CardListModel[PairLine]):
    """The board's drafts and proposals, by mentor; a draft can be dragged to another mentor."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self._card(index)
        if line is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{line.mentor_name} → {line.mentee_name}"
        if role == CARD_ROLE:
            return line
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{line.status_label}: {line.mentee_name} with {line.mentor_name}, "
                    f"score {line.pair.score.total:.2f}.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        line = self._card(index)
        if line is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsDragEnabled if line.pair.is_draft else flags

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [DRAFT_MIME]

    def mimeData(  # type: ignore[override]  # noqa: N802 - None: nothing to drag
        self, indexes: Sequence[QModelIndex]
    ) -> QMimeData | None:
        lines = [c for c in (self._card(i) for i in indexes) if c is not None and c.pair.is_draft]
        if not lines:
            return None
        pair = lines[0].pair
        return draft_mime(pair.pair_id, pair.mentee_signup_id, pair.mentor_signup_id)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction


__all__ = [
    "CARD_ROLE",
    "RULE_BADGES",
    "mentee_cards",
    "mentor_cards",
    "pair_lines",
    "DragPayload",
    "MenteeCard",
    "MenteeListModel",
    "MentorCard",
    "MentorListModel",
    "PairLine",
    "PairListModel",
    "STATE_ROLE",
    "VERDICT_ROLE",
]
