"""What an import would do, row by row, before anything is written.

Duplicates, decided here and applied identically by :mod:`ams_desk.sheets.apply`:

- **People** are one per case-folded email. A row for a stored person updates
  them; a later row of the same sheet for the same email updates the person
  the earlier row made or updated ("later rows win", in file order). Empty
  cells never clear a stored value; the stored email's spelling is kept.
- **Sign-ups**: a row is the same sign-up as a stored (or earlier-row) one of
  that person with the same role and program year when it is the same
  submission (same sign-up date, or the same file and row) or, failing that,
  when that sign-up is still open. Otherwise — another role, another program
  year, or no open one left — it is a new sign-up (re-participation keeps
  history). An update keeps the earliest sign-up date, never changes the
  status, and records the file and row that changed it.
- A row that changes nothing is *unchanged*: importing the same file twice
  changes nothing the second time.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ams_desk.core.model import MeetingFormat, Role, SignupStatus, program_year_for
from ams_desk.sheets.errors import SheetError
from ams_desk.sheets.mapping import Mapping
from ams_desk.sheets.parse import ImportOptions, ParsedRow, RowIssue, parse_rows
from ams_desk.sheets.table import RawTable
from ams_desk.store.database import Database
from ams_desk.store.imports import (
    ImportState,
    ImportWrites,
    NewSignup,
    PersonValues,
    SignupValues,
    StoredPerson,
    StoredSignup,
    load_import_state,
)
from ams_desk.store.settings import get_program_settings


class Change(enum.StrEnum):
    """What a row does to a person or a sign-up."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


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
    """The totals of a preview or an import (people and sign-ups counted once each)."""

    rows_read: int = 0
    people_created: int = 0
    people_updated: int = 0
    signups_created: int = 0
    signups_updated: int = 0
    unchanged_rows: int = 0
    skipped: int = 0
    flagged: int = 0

    @property
    def changes(self) -> int:
        """People and sign-ups created or updated."""
        return self.people_created + self.people_updated + self.signups_created + (
            self.signups_updated)


@dataclass(frozen=True)
class Preview:
    """An import, worked out but not written. Hand it to :func:`ams_desk.sheets.apply.apply_preview`.

    Attributes:
        file: The path that was read.
        sheet: The worksheet (``None`` for CSV).
        mapping: The mapping it was made with.
        options: The options it was made with.
        rows: One outcome per data row, in sheet order.
        counts: The totals.
        parsed: The checked values per row (what apply re-resolves in its transaction).
    """

    file: str
    sheet: str | None
    mapping: Mapping
    options: ImportOptions
    rows: tuple[RowOutcome, ...]
    counts: ImportCounts
    parsed: tuple[ParsedRow | RowIssue, ...] = field(repr=False)

    @property
    def skipped(self) -> tuple[RowIssue, ...]:
        """The skipped rows' reasons, in sheet order."""
        return tuple(r.skipped for r in self.rows if r.skipped is not None)

    @property
    def importable(self) -> bool:
        """True when at least one row can be imported."""
        return any(r.skipped is None for r in self.rows)


@dataclass
class _SignupSlot:
    values: SignupValues
    stored: StoredSignup | None = None
    first_row: int | None = None

    @property
    def open(self) -> bool:
        return self.stored is None or self.stored.status is SignupStatus.OPEN


@dataclass
class _PersonSlot:
    values: PersonValues
    first_row: int
    stored: StoredPerson | None = None
    signups: list[_SignupSlot] = field(default_factory=list)


def _same_items(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    return {x.casefold() for x in old} == {x.casefold() for x in new}


def _merge_items(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return old if not new or _same_items(old, new) else new


def _person_diff(old: PersonValues, new: PersonValues) -> tuple[str, ...]:
    changed = [n for n in ("name", "position", "department") if getattr(old, n) != getattr(new, n)]
    changed += [n for n in ("languages", "projects") if getattr(old, n) != getattr(new, n)]
    return tuple(changed)


def _signup_diff(old: SignupValues, new: SignupValues) -> tuple[str, ...]:
    names = ("signed_up", "topics", "meeting_format", "capacity", "motivation")
    labels = {"signed_up": "date", "meeting_format": "meeting preference"}
    return tuple(labels.get(n, n) for n in names if getattr(old, n) != getattr(new, n))


def _stored_person(p: StoredPerson) -> PersonValues:
    return PersonValues(p.name, p.email, p.position, p.department, p.languages, p.projects)


def _stored_signup(s: StoredSignup) -> SignupValues:
    return SignupValues(s.role, s.signed_up, s.program_year, s.topics, s.meeting_format,
                        s.capacity, s.motivation, s.source_file, s.source_row)


class _Resolver:
    """Walks the parsed rows in sheet order against the stored state."""

    def __init__(self, state: ImportState, source_file: str, options: ImportOptions) -> None:
        self.state = state
        self.source_file = source_file
        self.today = options.today or date.today()
        self.people: dict[str, _PersonSlot] = {}

    def row(self, p: ParsedRow) -> RowOutcome:
        slot = self.people.get(p.email_key)
        same_as: int | None = None
        if slot is None:
            stored = self.state.people.get(p.email_key)
            if stored is None:
                slot = _PersonSlot(PersonValues(p.name, p.email, p.position, p.department,
                                                p.languages, p.projects), p.row)
                person, person_fields = Change.NEW, ()
            else:
                slot = _PersonSlot(_stored_person(stored), p.row, stored, [
                    _SignupSlot(_stored_signup(s), s)
                    for s in self.state.signups.get(stored.id, ())
                ])
            self.people[p.email_key] = slot
        else:
            same_as = slot.first_row
        if slot.stored is not None or same_as is not None:
            old = slot.values
            slot.values = PersonValues(
                p.name, old.email, p.position or old.position, p.department or old.department,
                _merge_items(old.languages, p.languages), _merge_items(old.projects, p.projects),
            )
            person_fields = _person_diff(old, slot.values)
            person = Change.UPDATE if person_fields else Change.UNCHANGED
        signup, signup_fields, flags = self.signup(slot, p)
        return RowOutcome(p.row, slot.values.name, slot.values.email, p.role, person, signup,
                          person_fields, signup_fields, same_as, None, p.flags + flags)

    def signup(
        self, slot: _PersonSlot, p: ParsedRow
    ) -> tuple[Change, tuple[str, ...], tuple[RowIssue, ...]]:
        day = p.signed_up
        year = program_year_for(day or self.today, self.state.settings.year_start_month)
        same = [s for s in slot.signups if s.values.role is p.role and s.values.program_year == year]
        target = next(
            (s for s in same if s.stored is not None and (
                s.stored.signed_up == day
                or (s.stored.source_file, s.stored.source_row) == (self.source_file, p.row))),
            None,
        ) or next((s for s in reversed(same) if s.open), None)
        flags: list[RowIssue] = []
        if target is None:
            if day is None:
                flags.append(RowIssue(p.row, None, None,
                                      f"no sign-up date: {self.today.isoformat()} used"))
            slot.signups.append(_SignupSlot(SignupValues(
                p.role, day or self.today, year, p.topics, p.meeting_format or MeetingFormat.ANY,
                (p.capacity or 1) if p.role is Role.MENTOR else 1, p.motivation,
                self.source_file, p.row), None, p.row))
            return Change.NEW, (), tuple(flags)
        old = target.values
        capacity = old.capacity
        if p.role is Role.MENTOR and p.capacity is not None:
            load = target.stored.load if target.stored is not None else 0
            if p.capacity < load:
                flags.append(RowIssue(p.row, None, None,
                                      f"capacity {p.capacity} is below the mentor's {load} live "
                                      f"pairs: {old.capacity} kept"))
            else:
                capacity = p.capacity
        new = replace(
            old,
            signed_up=min(old.signed_up, day) if day else old.signed_up,
            topics=_merge_items(old.topics, p.topics),
            meeting_format=p.meeting_format or old.meeting_format,
            capacity=capacity,
            motivation=p.motivation or old.motivation,
        )
        changed = _signup_diff(old, new)
        if target.first_row is None:
            target.first_row = p.row
        if not changed:
            return Change.UNCHANGED, (), tuple(flags)
        target.values = replace(new, source_file=self.source_file, source_row=p.row)
        return Change.UPDATE, changed, tuple(flags)

    def writes(self) -> tuple[ImportWrites, ImportCounts]:
        writes = ImportWrites()
        signups_updated = 0
        for slot in self.people.values():
            new_index: int | None = None
            if slot.stored is None:
                new_index = len(writes.new_people)
                writes.new_people.append(slot.values)
            else:
                if _person_diff(_stored_person(slot.stored), slot.values):
                    writes.person_updates[slot.stored.id] = slot.values
                    if slot.values.projects != slot.stored.projects:
                        writes.project_updates.add(slot.stored.id)
            for s in slot.signups:
                if s.stored is None:
                    person_id = slot.stored.id if slot.stored is not None else None
                    writes.new_signups.append(NewSignup(s.values, person_id, new_index))
                elif s.values != _stored_signup(s.stored):
                    writes.signup_updates[s.stored.id] = s.values
                    signups_updated += 1
        counts = ImportCounts(
            people_created=len(writes.new_people),
            people_updated=len(writes.person_updates),
            signups_created=len(writes.new_signups),
            signups_updated=signups_updated,
        )
        return writes, counts


def resolve(
    parsed: Sequence[ParsedRow | RowIssue],
    state: ImportState,
    source_file: str,
    options: ImportOptions,
) -> tuple[ImportWrites, tuple[RowOutcome, ...], ImportCounts]:
    """Decide, for every row, what it does against ``state``; return the writes, outcomes, totals."""
    resolver = _Resolver(state, source_file, options)
    outcomes: list[RowOutcome] = []
    for item in parsed:
        if isinstance(item, RowIssue):
            outcomes.append(RowOutcome(item.row, skipped=item))
        else:
            outcomes.append(resolver.row(item))
    writes, counts = resolver.writes()
    counts = replace(
        counts,
        rows_read=len(outcomes),
        unchanged_rows=sum(1 for o in outcomes if o.skipped is None and not o.changes),
        skipped=sum(1 for o in outcomes if o.skipped is not None),
        flagged=sum(1 for o in outcomes if o.flags),
    )
    return writes, tuple(outcomes), counts


def source_name(path: str) -> str:
    """The file name recorded on imported sign-ups (the base name, at most 260 characters)."""
    return (os.path.basename(path) or path)[:260]


def email_keys(parsed: Sequence[ParsedRow | RowIssue]) -> set[str]:
    """The email keys of the importable rows."""
    return {p.email_key for p in parsed if isinstance(p, ParsedRow)}


def build_preview(
    db: Database,
    table: RawTable,
    mapping: Mapping,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Preview:
    """Check every row of ``table`` and compare it with what ``db`` holds; write nothing.

    Args:
        db: The database to compare with (read only).
        table: The sheet, from :func:`ams_desk.sheets.read_table`.
        mapping: The column mapping (check :meth:`Mapping.missing` first).
        options: Default role, date order, the date for rows without one.
        progress: Optional ``progress(done, total)`` in rows checked.
        cancelled: Optional ``cancelled()``, polled every few hundred rows.

    Raises:
        SheetError: The mapping lacks a field every import needs.
        ImportCancelled: ``cancelled()`` returned True.
    """
    # Fix "today" now, so that applying tomorrow decides exactly as this preview shows.
    options = options or ImportOptions()
    options = replace(options, today=options.today or date.today())
    missing = mapping.missing(default_role=options.default_role)
    if missing:
        names = ", ".join(f.label.lower() for f in missing)
        raise SheetError(table.file, f"refused: no column holds the {names}")
    ladder = get_program_settings(db).ladder
    parsed = parse_rows(table, mapping, ladder, options, progress=progress, cancelled=cancelled)
    state = load_import_state(db, email_keys(parsed))
    _, outcomes, counts = resolve(parsed, state, source_name(table.file), options)
    return Preview(table.file, table.sheet, mapping, options, outcomes, counts, tuple(parsed))
