"""The Mentors and Mentees tables: sign-ups joined with their person."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from PySide6.QtGui import QColor, QIcon

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.places import free_places
from ams_desk.core.text import count
from ams_desk.gui.table_model import Column, FastTableModel
from ams_desk.store.people import SignupListRow

STATUS_TEXT = {
    SignupStatus.OPEN: "Open",
    SignupStatus.MATCHED: "Matched",
    SignupStatus.WITHDRAWN: "Withdrawn",
    SignupStatus.CLOSED: "Closed",
}
STATUS_COLOURS = {
    SignupStatus.OPEN: QColor("#1f6f3f"),
    SignupStatus.MATCHED: QColor("#2f5d8a"),
    SignupStatus.WITHDRAWN: QColor("#8a939c"),
    SignupStatus.CLOSED: QColor("#5c6670"),
}
WAITING_STATUSES = (SignupStatus.OPEN,)


class SignupTableModel(FastTableModel[SignupListRow]):
    """Sign-ups of one role, filtered by program year, status and search text."""

    @staticmethod
    def natural_key(row: SignupListRow) -> Any:
        """Newest sign-up first, as :func:`~ams_desk.store.people.list_signups` reads them."""
        return row.signed_up, row.signup_id

    def __init__(
        self, role: Role, ladder: SeniorityLadder, today: date | None = None, parent: Any = None
    ) -> None:
        self.role = role
        self._ladder = ladder
        self._today = today or date.today()
        self._year: int | None = None
        self._statuses: frozenset[SignupStatus] | None = None
        self._warning = QIcon(":/ams/icons/warning.svg")
        super().__init__(self._make_columns(), parent)

    # -- columns ---------------------------------------------------------------------------

    def _waiting(self, row: SignupListRow) -> int | None:
        if row.status not in WAITING_STATUSES:
            return None
        return max(0, (self._today - row.signed_up).days)

    def _make_columns(self) -> list[Column[SignupListRow]]:
        def waiting_text(row: SignupListRow) -> str:
            days = self._waiting(row)
            return "" if days is None else f"{days} d"

        def position_tip(row: SignupListRow) -> str | None:
            if row.position and self._ladder.rank(row.position) is None:
                return (
                    f"“{row.position}” is not on the seniority ladder; this sign-up "
                    "cannot be matched until the position is corrected."
                )
            if not row.position:
                return "No position given; this sign-up cannot be matched until it has one."
            return None

        def places_tip(row: SignupListRow) -> str:
            free = free_places(row.capacity, row.taken)
            return (f"{count(free, 'place')} free of the {row.capacity} this sign-up offers "
                    "in all; every pair not declined or cancelled takes one, drafts and "
                    "closed pairs too")

        columns: list[Column[SignupListRow]] = [
            Column("Name", lambda r: r.name, None, 165),
            Column("Email", lambda r: r.email, lambda r: r.email.casefold(), 190),
            Column(
                "Position",
                lambda r: r.position,
                lambda r: (self._ladder.rank(r.position) or 0, r.position.casefold()),
                135,
                tooltip=position_tip,
            ),
            Column(
                "Department",
                lambda r: r.department,
                None,
                140,
                tooltip=lambda r: r.department or None,
            ),
            Column(
                "Projects",
                lambda r: ", ".join(r.projects),
                None,
                145,
                tooltip=lambda r: "\n".join(r.projects) or None,
            ),
            Column(
                "Topics",
                lambda r: ", ".join(r.topics),
                None,
                190,
                tooltip=lambda r: "\n".join(r.topics) or None,
            ),
        ]
        if self.role is Role.MENTOR:
            columns.append(
                Column(
                    "Places",
                    lambda r: f"{r.taken} of {r.capacity} taken",
                    lambda r: (free_places(r.capacity, r.taken), r.capacity),
                    104,  # "10 of 12 taken" with room before the Status beside it
                    True,
                    tooltip=places_tip,
                )
            )
        columns += [
            Column("Signed up", lambda r: r.signed_up.isoformat(), lambda r: r.signed_up, 88),
            Column(
                "Waiting",
                waiting_text,
                self._waiting,
                64,
                True,
                tooltip=lambda r: "Days since sign-up, while waiting for a match",
            ),
            Column(
                "Status",
                lambda r: STATUS_TEXT[r.status],
                lambda r: list(SignupStatus).index(r.status),
                78,
            ),
            Column("Year", lambda r: str(r.program_year), lambda r: r.program_year, 52, True),
        ]
        return columns

    def set_ladder(self, ladder: SeniorityLadder) -> None:
        """Use ``ladder`` for ranks and warnings from the next :meth:`set_rows` on."""
        self._ladder = ladder

    # -- filters ---------------------------------------------------------------------------

    def set_year(self, year: int | None) -> None:
        if year != self._year:
            self._year = year
            self.refilter()

    def set_statuses(self, statuses: Collection[SignupStatus] | None) -> None:
        wanted = frozenset(statuses) if statuses is not None else None
        if wanted != self._statuses:
            self._statuses = wanted
            self.refilter()

    def accepts(self, row: SignupListRow) -> bool:
        if self._year is not None and row.program_year != self._year:
            return False
        return self._statuses is None or row.status in self._statuses

    # -- looks -----------------------------------------------------------------------------

    def decoration(self, row: SignupListRow, column: int) -> Any:
        if column == 2 and (not row.position or self._ladder.rank(row.position) is None):
            return self._warning
        return None

    def foreground(self, row: SignupListRow, column: int) -> Any:
        if row.status is SignupStatus.WITHDRAWN:
            return STATUS_COLOURS[SignupStatus.WITHDRAWN]
        if self._columns[column].title == "Status":
            return STATUS_COLOURS[row.status]
        return None

    def counts(self) -> dict[SignupStatus, int]:
        """How many shown rows have each status."""
        result = dict.fromkeys(SignupStatus, 0)
        for row in self.rows_shown():
            result[row.status] += 1
        return result
