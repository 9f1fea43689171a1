"""What one sheet row does (:class:`RowOutcome`) and the totals of a preview or import."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ams_desk.core.model import Role
from ams_desk.sheets.importing.parse import RowIssue


class Change(enum.StrEnum):
    """What a row does to a person or a sign-up."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


class RowKind(enum.StrEnum):
    """What one row comes to, for the summary: every row is exactly one of these.

    ``created``: it makes a new person or sign-up. ``updated``: it changes a
    stored one. ``merged``: it is about a person an earlier row of the same
    sheet is about, and adds nothing new of its own (its values are merged into
    that row's). ``unchanged``: it matches what is stored. ``skipped``: it
    cannot be imported.
    """

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MERGED = "merged"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What one sheet row does.

    Attributes:
        row: The sheet's own row number.
        name, email, role: Who the row is about (empty when skipped early).
        person: New person, update, or unchanged; ``None`` when skipped.
        signup: New sign-up, update, or unchanged; ``None`` when skipped.
        person_fields: The person's fields this row changes.
        signup_fields: The sign-up's fields this row changes.
        same_as_row: An earlier row of this sheet for the same person.
        skipped: Why the row is not imported, if it is not.
        flags: Things to check that do not stop the import.
    """

    row: int
    name: str = ""
    email: str = ""
    role: Role | None = None
    person: Change | None = None
    signup: Change | None = None
    person_fields: tuple[str, ...] = ()
    signup_fields: tuple[str, ...] = ()
    same_as_row: int | None = None
    skipped: RowIssue | None = None
    flags: tuple[RowIssue, ...] = ()

    @property
    def kind(self) -> RowKind:
        """What the row comes to (see :class:`RowKind`)."""
        if self.skipped is not None:
            return RowKind.SKIPPED
        if Change.NEW in (self.person, self.signup):
            return RowKind.CREATED
        if self.same_as_row is not None:
            return RowKind.MERGED
        if Change.UPDATE in (self.person, self.signup):
            return RowKind.UPDATED
        return RowKind.UNCHANGED

    @property
    def changes(self) -> bool:
        """True when the row creates or changes anything."""
        return Change.NEW in (self.person, self.signup) or Change.UPDATE in (
            self.person, self.signup)

    @property
    def summary(self) -> str:
        """One line for the preview table: "new person, new sign-up", "no change", "skipped: …"."""
        if self.skipped is not None:
            return f"skipped: {self.skipped.message}"
        parts: list[str] = []
        if self.person is Change.NEW:
            parts.append("new person")
        elif self.person is Change.UPDATE:
            parts.append(f"update person ({', '.join(self.person_fields)})")
        if self.signup is Change.NEW:
            parts.append(f"new {self.role.value if self.role else ''} sign-up".replace("  ", " "))
        elif self.signup is Change.UPDATE:
            parts.append(f"update sign-up ({', '.join(self.signup_fields)})")
        text = ", ".join(parts) or "no change"
        if self.same_as_row is not None:
            text += f" (same person as row {self.same_as_row})"
        return text


@dataclass(frozen=True)
class ImportCounts:
    """The totals of a preview or an import.

    Rows add up: ``rows_read == rows_created + rows_updated + unchanged_rows +
    rows_merged + skipped`` (see :class:`RowKind`). People and sign-ups are
    counted once each, however many rows touch them.
    """

    rows_read: int = 0
    people_created: int = 0
    people_updated: int = 0
    signups_created: int = 0
    signups_updated: int = 0
    unchanged_rows: int = 0
    skipped: int = 0
    flagged: int = 0
    rows_created: int = 0
    rows_updated: int = 0
    rows_merged: int = 0

    @classmethod
    def of_rows(
        cls, rows: tuple[RowOutcome, ...] | list[RowOutcome], *, people_created: int = 0,
        people_updated: int = 0, signups_created: int = 0, signups_updated: int = 0,
    ) -> ImportCounts:
        """The totals of ``rows``, with the people and sign-ups the writes hold."""
        kinds = [r.kind for r in rows]
        return cls(
            rows_read=len(rows),
            people_created=people_created,
            people_updated=people_updated,
            signups_created=signups_created,
            signups_updated=signups_updated,
            unchanged_rows=kinds.count(RowKind.UNCHANGED),
            skipped=kinds.count(RowKind.SKIPPED),
            flagged=sum(1 for r in rows if r.flags),
            rows_created=kinds.count(RowKind.CREATED),
            rows_updated=kinds.count(RowKind.UPDATED),
            rows_merged=kinds.count(RowKind.MERGED),
        )

    def rows_line(self) -> str:
        """``"12 rows read = 5 created + 3 updated + 2 unchanged + 1 merged + 1 skipped"``."""
        return (
            f"{self.rows_read:,} rows read = {self.rows_created:,} created + "
            f"{self.rows_updated:,} updated + {self.unchanged_rows:,} unchanged + "
            f"{self.rows_merged:,} merged + {self.skipped:,} skipped"
        )

    @property
    def changes(self) -> int:
        """People and sign-ups created or updated."""
        return self.people_created + self.people_updated + self.signups_created + (
            self.signups_updated)
