"""Turn each row of a mapped sheet into checked AMS values, or the reason it cannot be imported.

This step needs no database: it cleans and checks every mapped cell of every
row (:func:`parse_rows`). Comparing with what is stored happens in
:mod:`ams_desk.sheets.importing.preview`.

Rules, per row:

- Text is trimmed, inner runs of spaces collapsed, control and invisible
  characters removed — each removal *flagged* on its row and column;
  otherwise kept literally (``=HYPERLINK(...)`` stays text). Names lose their
  bidirectional-text controls (flagged).
- The email must be valid (email-validator, no DNS), the name present, the
  role recognisable (or given for the whole sheet as ``default_role``). An
  address mixing writing systems (a Cyrillic ``а`` among Latin letters) is
  flagged.
- A mentor's capacity, when given, is a whole number from 1 to 10.
- A sign-up date, when given, must be readable. Dates in the future or before
  2000 are flagged; so is an ambiguous ``05/06/2026`` when its column does not
  show which order it is written in (with the reading used).
- A position not on the seniority ladder is kept as typed and *flagged*; an
  unrecognised meeting preference is flagged and ignored.
- What the reader noted on a row (a line not in the file's encoding, control
  characters removed from a mapped cell) is flagged.
- An empty cell means "not given": it never clears a stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import MeetingFormat, Role
from ams_desk.core.validation import MAX_CAPACITY, ValidationError, email_key
from ams_desk.sheets.importing.cells.choices import (
    canonical_position,
    parse_languages,
    parse_meeting_format,
    parse_role,
    parse_topics,
)
from ams_desk.sheets.importing.cells.dates import (
    DateOrder,
    date_evidence,
    is_ambiguous,
    parse_day,
)
from ams_desk.sheets.importing.cells.values import (
    bidi_controls,
    cell_text,
    clean_block,
    clean_line,
    dropped_characters,
    parse_capacity,
    parse_email,
    parse_list,
    scripts,
    without_bidi,
)
from ams_desk.sheets.importing.errors import ImportCancelled
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.mapping import Mapping
from ams_desk.sheets.importing.read.table import (
    ROW_NOTE,
    CellValue,
    RawRow,
    RawTable,
    describe_characters,
)
from ams_desk.store.bulk import paused_gc

# The widths of the database columns these values go to (PostgreSQL enforces them).
MAX_LENGTHS = {
    Field.NAME: 200, Field.POSITION: 120, Field.DEPARTMENT: 200, Field.PROJECTS: 200,
    Field.TOPICS: 200, Field.LANGUAGES: 80,
}  # fmt: skip
_EVERY = 500  # rows between progress reports and cancel checks


@dataclass(frozen=True)
class ImportOptions:
    """Choices that are not part of the column mapping.

    Attributes:
        default_role: The role of rows whose role cell is empty, or of every
            row when no column holds the role (a "mentor sign-up" sheet).
        date_order: How to read ambiguous dates such as ``1/2/2026``; ``None``
            detects it per column (see
            :func:`ams_desk.sheets.importing.cells.dates.detect_date_order`).
        today: The sign-up date of rows without one (default: the day of the import).
    """

    default_role: Role | None = None
    date_order: DateOrder | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class RowIssue:
    """Why a row is skipped, or what is flagged on it.

    Attributes:
        row: The sheet's own row number (header = row 1 in a plain export).
        field: The AMS field at fault, if any.
        column: The header of the column at fault, if any.
        message: What is wrong, in words a coordinator understands.
        name: For a skipped row, the name its cells give (as typed), if any.
        email: For a skipped row, the email its cells give (as typed), if any.
    """

    row: int
    field: Field | None
    column: str | None
    message: str
    name: str = ""
    email: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One importable row's values. Empty strings, empty tuples and ``None`` mean "not given"."""

    row: int
    email: str
    email_key: str
    name: str
    role: Role
    position: str = ""
    department: str = ""
    projects: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    meeting_format: MeetingFormat | None = None
    capacity: int | None = None
    motivation: str = ""
    signed_up: date | None = None
    flags: tuple[RowIssue, ...] = ()


class _Skip(Exception):
    def __init__(self, field: Field, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _shown(text: str, limit: int = 60) -> str:
    """A value quoted for a message, shortened."""
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


class RowParser:
    """Parses the rows of one table under one mapping (column lookups done once)."""

    def __init__(
        self, table: RawTable, mapping: Mapping, ladder: SeniorityLadder, options: ImportOptions
    ) -> None:
        if mapping.headers != table.headers:
            raise ValueError("the mapping was made for a sheet with other headers")
        self.headers = table.headers
        self.mapping = mapping
        self.ladder = ladder
        self.options = options
        self.columns = {f: mapping.columns(f) for f in Field}
        self.cache: dict[tuple[Field, tuple[CellValue, ...]], tuple[str, ...]] = {}
        date_column = mapping.column(Field.SIGNED_UP)
        self.date_order = options.date_order
        self.date_doubt: str | None = None
        if self.date_order is None and date_column is not None:
            evidence = date_evidence(r.values[date_column] for r in table.rows)
            self.date_order, self.date_doubt = evidence.order, evidence.doubt
        self.today = options.today or date.today()
        # The mapped columns whose cells are looked at for removed characters.
        self.checked = [
            (c, f) for c, f in enumerate(mapping.fields) if f is not None and f is not Field.NAME
        ]

    def header(self, field: Field) -> str | None:
        found = self.columns[field]
        if not found and field is Field.NAME:
            found = self.columns[Field.FIRST_NAME] or self.columns[Field.LAST_NAME]
        return self.headers[found[0]] if found else None

    def one(self, values: tuple[CellValue, ...], field: Field) -> CellValue:
        found = self.columns[field]
        return values[found[0]] if found else None

    def line(self, values: tuple[CellValue, ...], field: Field) -> str:
        text = clean_line(self.one(values, field))
        limit = MAX_LENGTHS.get(field)
        if limit is not None and len(text) > limit:
            raise _Skip(field, f"{_shown(text)} is longer than {limit:,} characters")
        return text

    def items(
        self, values: tuple[CellValue, ...], field: Field, split: Callable[[str], tuple[str, ...]]
    ) -> tuple[str, ...]:
        columns = self.columns[field]
        if not columns:
            return ()
        # Lists repeat a lot (projects, topics, languages): work each distinct answer out once.
        key = (field, tuple(values[c] for c in columns))
        cached = self.cache.get(key)
        if cached is None:
            cached = self.cache[key] = self._items(values, field, split)
        return cached

    def _items(
        self, values: tuple[CellValue, ...], field: Field, split: Callable[[str], tuple[str, ...]]
    ) -> tuple[str, ...]:
        found: list[str] = []
        for column in self.columns[field]:
            text = clean_line(values[column])
            if text:
                found.extend(split(text))
        limit = MAX_LENGTHS[field]
        for item in found:
            if len(item) > limit:
                raise _Skip(field, f"{_shown(item)} is longer than {limit:,} characters")
        return tuple(dict.fromkeys(found))

    def motivation(self, values: tuple[CellValue, ...]) -> str:
        columns = self.columns[Field.MOTIVATION]
        parts = [(self.headers[c], clean_block(values[c])) for c in columns]
        parts = [(h, t) for h, t in parts if t]
        if len(columns) == 1 or len(parts) <= 1:
            return parts[0][1] if parts else ""
        # Several free-text questions: keep each answer with its question.
        return "\n\n".join(f"{h}: {t}" for h, t in parts)

    def parse(self, raw: RawRow) -> ParsedRow:
        """Parse one row.

        Raises:
            _Skip: The row cannot be imported (field and reason attached).
        """
        values = raw.values
        flags: list[RowIssue] = self.notes(raw)
        email_cell = self.one(values, Field.EMAIL)
        if not clean_line(email_cell):
            raise _Skip(Field.EMAIL, "the email address is empty")
        try:
            email = parse_email(email_cell)
        except ValidationError as error:
            raise _Skip(Field.EMAIL, error.message) from None
        found = scripts(email)
        if len(found) > 1:
            shown = " and ".join(s.title() for s in found)
            flags.append(self.flag(raw.number, Field.EMAIL,
                                   f"{_shown(email)} mixes {shown} letters: a look-alike "
                                   "address? Check it before writing to it"))
        name = self.name(raw, flags)
        role = self.role(values)
        position = self.line(values, Field.POSITION)
        if position:
            canonical = canonical_position(position, self.ladder)
            if canonical is None:
                flags.append(self.flag(raw.number, Field.POSITION,
                                       f"{_shown(position)} is not on the seniority ladder; "
                                       "stored as typed (matching needs a ladder position)"))
            position = canonical or position
        meeting: MeetingFormat | None = None
        meeting_text = self.line(values, Field.MEETING_FORMAT)
        if meeting_text:
            meeting = parse_meeting_format(meeting_text)
            if meeting is None:
                flags.append(self.flag(raw.number, Field.MEETING_FORMAT,
                                       f"{_shown(meeting_text)} is not a meeting preference; "
                                       "ignored"))
        signed_up = self.signed_up(values, raw.number, flags)
        return ParsedRow(
            row=raw.number,
            email=email,
            email_key=email_key(email),
            name=name,
            role=role,
            position=position,
            department=self.line(values, Field.DEPARTMENT),
            projects=self.items(values, Field.PROJECTS, parse_list),
            languages=self.items(values, Field.LANGUAGES, parse_languages),
            topics=self.items(values, Field.TOPICS, parse_topics),
            meeting_format=meeting,
            capacity=self.capacity(values) if role is Role.MENTOR else None,
            motivation=self.motivation(values),
            signed_up=signed_up,
            flags=tuple(flags),
        )

    def flag(self, row: int, field: Field, message: str) -> RowIssue:
        return RowIssue(row, field, self.header(field), message)

    def notes(self, raw: RawRow) -> list[RowIssue]:
        """Flags for what reading noted and for characters cleaning removes from mapped cells."""
        flags: list[RowIssue] = []
        noted: set[int] = set()
        for column, message in raw.notes:
            if column == ROW_NOTE:
                flags.append(RowIssue(raw.number, None, None, message))
            elif self.mapping.fields[column] is not None:
                noted.add(column)
                flags.append(RowIssue(raw.number, self.mapping.fields[column],
                                      self.headers[column], message))
        for column, field in self.checked:
            dropped = dropped_characters(raw.values[column])
            if dropped and column not in noted:
                what = describe_characters(dropped)
                message = (f"the address held {what}, invisible when it is shown; removed"
                           if field is Field.EMAIL else f"{what} removed")
                flags.append(RowIssue(raw.number, field, self.headers[column], message))
        return flags

    def name(self, raw: RawRow, flags: list[RowIssue]) -> str:
        """The row's name; invisible characters and bidi controls removed and flagged."""
        values = raw.values
        columns = self.columns[Field.NAME] or (
            self.columns[Field.FIRST_NAME] + self.columns[Field.LAST_NAME])
        for column in columns:
            cell = values[column]
            if not isinstance(cell, str):
                continue
            bidi = bidi_controls(cell)
            dropped = dropped_characters(cell)
            if bidi or dropped:
                what = describe_characters(bidi + dropped)
                flags.append(RowIssue(raw.number, self.mapping.fields[column],
                                      self.headers[column],
                                      f"the name held {what}, which can make text display as "
                                      "something else; removed" if bidi else f"{what} removed"))
        name = without_bidi(self.line(values, Field.NAME))
        if not name:
            parts = (self.line(values, Field.FIRST_NAME), self.line(values, Field.LAST_NAME))
            name = without_bidi(" ".join(p for p in parts if p))
            if len(name) > MAX_LENGTHS[Field.NAME]:
                raise _Skip(Field.NAME, f"{_shown(name)} is longer than 200 characters")
        name = " ".join(name.split())
        if not name:
            raise _Skip(Field.NAME, "the name is empty")
        return name

    def who(self, values: tuple[CellValue, ...]) -> tuple[str, str]:
        """The name and email a row gives, as typed (for a skipped row's line)."""
        name = clean_line(self.one(values, Field.NAME))
        if not name:
            parts = (clean_line(self.one(values, Field.FIRST_NAME)),
                     clean_line(self.one(values, Field.LAST_NAME)))
            name = " ".join(p for p in parts if p)
        return without_bidi(name)[:200], clean_line(self.one(values, Field.EMAIL))[:320]

    def role(self, values: tuple[CellValue, ...]) -> Role:
        text = clean_line(self.one(values, Field.ROLE))
        if not text:
            if self.options.default_role is not None:
                return self.options.default_role
            raise _Skip(Field.ROLE, "the role is empty: say mentor or mentee")
        role = parse_role(text)
        if role is None:
            raise _Skip(Field.ROLE, f"{_shown(text)} is not a role: say mentor or mentee")
        return role

    def capacity(self, values: tuple[CellValue, ...]) -> int | None:
        cell = self.one(values, Field.CAPACITY)
        text = clean_line(cell)
        if not text:
            return None
        capacity = parse_capacity(cell if not isinstance(cell, str) else text)
        if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
            raise _Skip(
                Field.CAPACITY,
                f"{_shown(text)} is not a mentor capacity: a whole number of mentees "
                f"from 1 to {MAX_CAPACITY}",
            )
        return capacity

    def signed_up(
        self, values: tuple[CellValue, ...], row: int, flags: list[RowIssue]
    ) -> date | None:
        cell = self.one(values, Field.SIGNED_UP)
        if not clean_line(cell):
            return None
        day = parse_day(cell, self.date_order)
        if day is None:
            raise _Skip(Field.SIGNED_UP, f"{_shown(cell_text(cell))} is not a date")
        if self.date_doubt is not None and is_ambiguous(cell):
            flags.append(self.flag(row, Field.SIGNED_UP,
                                   f"{_shown(cell_text(cell))} could be read two ways: "
                                   f"{day.isoformat()} used ({self.date_doubt})"))
        if day > self.today:
            flags.append(self.flag(row, Field.SIGNED_UP,
                                   f"{day.isoformat()} is in the future; stored as given"))
        elif day.year < 2000:
            flags.append(self.flag(row, Field.SIGNED_UP,
                                   f"{day.isoformat()} is before 2000; stored as given"))
        return day


def parse_rows(
    table: RawTable,
    mapping: Mapping,
    ladder: SeniorityLadder,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ParsedRow | RowIssue]:
    """Parse every row of ``table``: a :class:`ParsedRow`, or the :class:`RowIssue` that skips it.

    Raises:
        ImportCancelled: ``cancelled()`` returned True.
    """
    parser = RowParser(table, mapping, ladder, options or ImportOptions())
    total = len(table.rows)
    out: list[ParsedRow | RowIssue] = []
    with paused_gc():
        for done, raw in enumerate(table.rows):
            if done % _EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled(f"checking {table.file} was cancelled")
                if progress is not None:
                    progress(done, total)
            try:
                out.append(parser.parse(raw))
            except _Skip as skip:
                name, email = parser.who(raw.values)
                out.append(RowIssue(raw.number, skip.field, parser.header(skip.field),
                                    skip.message, name, email))
    if progress is not None:
        progress(total, total)
    return out
