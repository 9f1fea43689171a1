"""The Pairs table: every pair with its status, next step and due date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from PySide6.QtGui import QColor, QIcon

from ams_desk.core.workflow import (
    DEADLINE_LABELS,
    STATUS_LABELS,
    TERMINAL,
    PairStatus,
)
from ams_desk.gui.table_model import Column, FastTableModel
from ams_desk.store.pair_rows import PairListRow

LATE = QColor("#b3261e")
SOON = QColor("#8a5a00")
DONE = QColor("#5c6670")
STATUS_ORDER = {status: i for i, status in enumerate(PairStatus)}


NEXT_STEP_TEXT: dict[PairStatus, str] = {
    PairStatus.DRAFT: "Propose to the mentor",
    PairStatus.PROPOSED: "Mentor's answer",
    PairStatus.MENTOR_AGREED: "Introduce the mentee",
    PairStatus.INTRODUCED: "Mentee's first contact",
    PairStatus.FIRST_CONTACT: "Mentor's response",
    PairStatus.MENTOR_RESPONDED: "Plan a meeting",
    PairStatus.MEETING_PLANNED: "The meeting",
    PairStatus.MET: "Mentee's evaluation",
    PairStatus.EVALUATED: "Continue or close",
    PairStatus.CONTINUING: "Close when done",
}


def next_step_text(row: PairListRow) -> str:
    """What the pair waits for, in words (empty once it ended)."""
    return NEXT_STEP_TEXT.get(row.status, "")


class PairTableModel(FastTableModel[PairListRow]):
    """Pairs, filtered by program year and status, late ones marked."""

    @staticmethod
    def natural_key(row: PairListRow) -> Any:
        """By id, as :func:`~ams_desk.store.pair_rows.list_pair_rows` reads them."""
        return -row.pair.id

    def __init__(self, today: date | None = None, parent: Any = None) -> None:
        self._today = today or date.today()
        self._year: int | None = None
        self._statuses: frozenset[PairStatus] | None = None
        self._late_only = False
        self._pinned: int | None = None
        self._late_icon = QIcon(":/ams/icons/warning.svg")
        super().__init__(self._make_columns(), parent)

    @property
    def pinned(self) -> int | None:
        """A pair shown whatever the filters (the one a step was just recorded on)."""
        return self._pinned

    @pinned.setter
    def pinned(self, pair_id: int | None) -> None:
        if pair_id != self._pinned:
            self._pinned = pair_id
            self.filters_changed()

    @property
    def today(self) -> date:
        return self._today

    def _due(self, row: PairListRow) -> date | None:
        deadline = row.open_deadline()
        return deadline.due if deadline else None

    def is_late(self, row: PairListRow) -> bool:
        deadline = row.open_deadline()
        return deadline is not None and deadline.is_overdue(self._today)

    def _due_text(self, row: PairListRow) -> str:
        deadline = row.open_deadline()
        if deadline is None:
            return ""
        days = deadline.days_left(self._today)
        if days < 0:
            return f"{deadline.due.isoformat()}  ({-days} d late)"
        if days == 0:
            return f"{deadline.due.isoformat()}  (today)"
        return f"{deadline.due.isoformat()}  ({days} d left)"

    def _due_tip(self, row: PairListRow) -> str | None:
        deadline = row.open_deadline()
        return DEADLINE_LABELS[deadline.kind] if deadline else None

    def _make_columns(self) -> list[Column[PairListRow]]:
        return [
            Column(
                "Mentor",
                lambda r: r.mentor_name,
                None,
                165,
                tooltip=lambda r: r.mentor_email,
            ),
            Column(
                "Mentee",
                lambda r: r.mentee_name,
                None,
                165,
                tooltip=lambda r: r.mentee_email,
            ),
            Column(
                "Status", lambda r: STATUS_LABELS[r.status], lambda r: STATUS_ORDER[r.status], 140
            ),
            Column("Due", self._due_text, self._due, 165, tooltip=self._due_tip),
            Column("Next step", next_step_text, None, 150),
            Column("Since", lambda r: r.since.isoformat(), lambda r: r.since, 90),
            Column(
                "Meetings",
                lambda r: str(r.meetings) if r.meetings else "",
                lambda r: r.meetings,
                72,
                True,
                tooltip=lambda r: "Times they met: the first meeting and those recorded after",
            ),
            Column(
                "Year", lambda r: str(r.pair.program_year), lambda r: r.pair.program_year, 50, True
            ),
        ]

    def set_year(self, year: int | None) -> None:
        if year != self._year:
            self._year = year
            self.refilter()

    def set_filters(
        self, statuses: Collection[PairStatus] | None, *, late_only: bool = False
    ) -> None:
        """Show pairs in ``statuses`` (all if None), or only late ones."""
        wanted = frozenset(statuses) if statuses is not None else None
        if (wanted, late_only) != (self._statuses, self._late_only):
            self._statuses, self._late_only = wanted, late_only
            self.refilter()

    def accepts(self, row: PairListRow) -> bool:
        if row.pair.id == self.pinned:
            return True
        if self._year is not None and row.pair.program_year != self._year:
            return False
        if self._late_only and not self.is_late(row):
            return False
        return self._statuses is None or row.status in self._statuses

    def decoration(self, row: PairListRow, column: int) -> Any:
        if column == 3 and self.is_late(row):
            return self._late_icon
        return None

    def foreground(self, row: PairListRow, column: int) -> Any:
        if row.status in TERMINAL:
            return DONE
        if column == 3:
            if self.is_late(row):
                return LATE
            deadline = row.open_deadline()
            if deadline is not None and deadline.days_left(self._today) <= 2:
                return SOON
        return None

    def late_count(self) -> int:
        return sum(1 for row in self.rows_shown() if self.is_late(row))
