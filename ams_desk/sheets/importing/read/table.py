"""The reader's output (:class:`RawTable`) and the builder every format feeds.

Each format reader (CSV, xlsx through calamine or openpyxl) yields rows as
``(row number, values)`` and hands them to :class:`TableBuilder`, which applies
the rules that must not differ between formats: where the header is, which rows
and columns are empty, how headers are named, and the row and column limits.

The header is the first of the first :data:`HEADER_SEARCH_ROWS` non-empty rows
that names at least two known fields (title rows such as "AMS Mentorship
sign-ups 2026" above it are passed over); when none does, the first non-empty
row. A caller may name the header row instead. The search is bounded: a file
whose first :data:`MAX_LEADING_ROWS` rows hold no header is refused without
reading on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
from ams_desk.sheets.importing.headers import header_hint

CellValue = str | int | float | datetime | date | None
"""One cell as read: text literally, numbers as int/float, Excel dates as datetime.

Excel TRUE/FALSE cells arrive as ``bool`` (a subclass of ``int``). CSV cells are
always ``str`` (or ``None`` when empty): parsing them is the mapping layer's job.
"""

ProgressCallback = Callable[[int, int | None], None]
"""``progress(done, total)``: sheet rows read so far and the expected total, if known."""

CancelledCallback = Callable[[], bool]
"""``cancelled()``: return True to stop reading (raises :class:`ReadCancelled`)."""

MAX_DATA_ROWS = 200_000
"""Default cap on data rows (rows below the header that are not empty)."""

MAX_COLUMNS = 200
"""Default cap on columns (after dropping empty trailing columns)."""

HEADER_SEARCH_ROWS = 20
"""Non-empty rows searched for a header that names known fields."""

MAX_LEADING_ROWS = 10_000
"""Rows (blank ones included) read before the header is given up for lost."""

ROW_NOTE = -1
"""The column of a :attr:`RawRow.notes` entry that is about the whole row."""

RowNotes = tuple[tuple[int, str], ...]
"""``(column, message)`` pairs: see :attr:`RawRow.notes`."""

_PROGRESS_EVERY = 1_000
_CANCEL_CHECK_EVERY = 200

# C0 control characters other than tab, line feed and carriage return: invisible,
# never typed on purpose, and illegal in the xlsx report the data ends up in.
_CONTROL_CHARS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
_CONTROL_RE = re.compile(f"[{re.escape(_CONTROL_CHARS)}]")
_CONTROL_TABLE = str.maketrans("", "", _CONTROL_CHARS)


def describe_characters(chars: str) -> str:
    """Name characters for a message: ``"NUL (U+0000), U+200B ZERO WIDTH SPACE"``."""
    import unicodedata

    names = []
    for char in dict.fromkeys(chars):
        code = f"U+{ord(char):04X}"
        if char == "\x00":
            names.append(f"NUL ({code})")
        else:
            name = unicodedata.name(char, "")
            names.append(f"{code} {name}" if name else f"{code} (a control character)")
    return ", ".join(names)


def strip_control_chars(text: str) -> str:
    """Remove C0 control characters (NUL and friends) except tab, LF and CR.

    Args:
        text: A cell's text.

    Returns:
        The text without invisible control characters; the same object when
        there were none, which is the common case.
    """
    # isprintable() is a fast C check that is False for any control character
    # (and for tabs, line breaks and some spaces, which the regex then clears).
    if text.isprintable() or _CONTROL_RE.search(text) is None:
        return text
    return text.translate(_CONTROL_TABLE)


@dataclass(frozen=True, slots=True)
class RawRow:
    """One non-empty row below the header.

    Attributes:
        number: The spreadsheet's own row number. For xlsx the sheet row
            (header = the row it is on). For CSV the record's ordinal counting
            the first record as 1 and blank lines as records: the row number
            Excel shows when it opens the file, equal to the physical line
            number unless a quoted cell spans several lines.
        values: One value per header, in header order (``None`` = empty).
        notes: What reading changed or doubted in this row, as ``(column,
            message)``; the column counts from 0 (:data:`ROW_NOTE` for the
            whole row): control characters removed, a line not in the file's
            encoding.
    """

    number: int
    values: tuple[CellValue, ...]
    notes: RowNotes = ()


@dataclass(frozen=True)
class RawTable:
    """A sheet as read from a file, before any mapping to sign-up fields.

    Attributes:
        file: The path that was read.
        sheet: The worksheet's name for xlsx, ``None`` for CSV.
        headers: Unique, non-blank column names. A blank header becomes
            ``"Column 7"`` (its position in the sheet, counting from 1); a
            repeated one gets a suffix, ``"Email (2)"``; names are compared
            case-insensitively. Runs of whitespace in a header become one space.
        rows: The non-empty rows below the header, in file order. Every
            ``values`` tuple has ``len(headers)`` entries.
        header_row: The sheet's own number of the header row.
        title_rows: The non-empty rows above the header that were passed
            over (their first cell's text), for the wizard to show.
    """

    file: str
    sheet: str | None
    headers: tuple[str, ...]
    rows: list[RawRow]
    header_row: int = 1
    title_rows: tuple[tuple[int, str], ...] = ()


def is_blank(value: CellValue) -> bool:
    """Tell whether a cell counts as empty: ``None`` or whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def names_known_fields(values: Sequence[CellValue]) -> bool:
    """True when at least two cells of a row name two different known fields: a header."""
    found = set()
    for value in values:
        if isinstance(value, str) and value.strip() and len(value) <= 200:
            field = header_hint(value).field
            if field is not None:
                found.add(field)
                if len(found) >= 2:
                    return True
    return False


_Pending = tuple[int, list[CellValue], RowNotes]


class TableBuilder:
    """Collects rows from a format reader and builds the :class:`RawTable`.

    The header is found as the module docstring says (or is the row
    ``header_row``); later empty rows are dropped; the row and column caps are
    checked as rows arrive, so an oversized file is refused without being read
    whole.
    """

    def __init__(
        self,
        file: str,
        *,
        max_rows: int,
        max_columns: int,
        progress: ProgressCallback | None,
        cancelled: CancelledCallback | None,
        total: int | None = None,
        header_row: int | None = None,
    ) -> None:
        self._file = file
        self._header_row = header_row
        self._header_number = 0
        self._candidates: list[_Pending] = []
        self._titles: list[tuple[int, str]] = []
        self._max_rows = max_rows
        self._max_columns = max_columns
        self._progress = progress
        self._cancelled = cancelled
        self.total = total
        self._header: list[CellValue] | None = None
        self._rows: list[_Pending] = []
        self._width = 0
        self._seen = 0
        self._last_number = 0

    def check_cancelled(self) -> None:
        """Raise :class:`ReadCancelled` if the caller asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise ReadCancelled(f"reading {self._file} was cancelled")

    def report(self, done: int) -> None:
        """Report progress in sheet rows to the caller, if it listens."""
        if self._progress is not None:
            self._progress(done, self.total)

    def add(
        self, number: int, values: Sequence[CellValue], notes: RowNotes = ()
    ) -> None:
        """Take one sheet row.

        Args:
            number: The row's number in the spreadsheet.
            values: Its cells from the first column on; strings are kept
                literally except for control characters, which are removed
                and noted.
            notes: What the format reader noted about the row (see
                :attr:`RawRow.notes`).

        Raises:
            SheetError: The row pushes the sheet past a limit, or no header
                was found in time.
            ReadCancelled: The caller's ``cancelled()`` returned True.
        """
        self._seen += 1
        self._last_number = number
        if self._seen % _CANCEL_CHECK_EVERY == 0:
            self.check_cancelled()
        if self._seen % _PROGRESS_EVERY == 0:
            self.report(number)
        row = list(values)
        for col, value in enumerate(row):
            if type(value) is str and not value.isprintable():
                cleaned = strip_control_chars(value)
                if cleaned is not value:
                    removed = "".join(c for c in value if c not in cleaned)
                    notes += ((col, f"{describe_characters(removed)} removed"),)
                    row[col] = cleaned or None
        width = len(row)
        while width and row[width - 1] is None:
            width -= 1
        if width == 0 or all(is_blank(value) for value in row[:width]):
            if self._header is None:
                self._check_header_search(number)
            return
        if width > self._max_columns:
            raise SheetError(
                self._file,
                f"refused: the sheet has more than {self._max_columns} columns "
                f"(the limit is {self._max_columns})",
                row=number,
            )
        del row[width:]
        if self._header is None:
            self._search_header(number, row, notes)
            return
        self._append(number, row, notes)

    def _append(self, number: int, row: list[CellValue], notes: RowNotes) -> None:
        if len(self._rows) >= self._max_rows:
            raise SheetError(
                self._file,
                f"refused: the sheet has more than {self._max_rows:,} rows of data "
                f"(the limit is {self._max_rows:,})",
                row=number,
            )
        self._width = max(self._width, len(row))
        self._rows.append((number, row, notes))

    def _check_header_search(self, number: int) -> None:
        if self._header_row is not None and number >= self._header_row:
            raise SheetError(self._file, f"row {self._header_row} (the header row chosen) is empty",
                             row=self._header_row)
        if self._seen > MAX_LEADING_ROWS:
            if self._candidates:
                self._take_header(0)
                return
            raise SheetError(
                self._file,
                f"refused: no header row in the first {MAX_LEADING_ROWS:,} rows "
                "(they are empty)",
            )

    def _search_header(
        self, number: int, row: list[CellValue], notes: RowNotes
    ) -> None:
        if self._header_row is not None:
            if number < self._header_row:
                first = next((v for v in row if not is_blank(v)), None)
                self._titles.append((number, header_text(first)))
                self._check_header_search(number)
                return
            if number > self._header_row:
                raise SheetError(
                    self._file, f"row {self._header_row} (the header row chosen) is empty",
                    row=self._header_row)
            self._candidates = [(number, row, notes)]
            self._take_header(0)
            return
        self._candidates.append((number, row, notes))
        if names_known_fields(row):
            self._take_header(len(self._candidates) - 1)
        elif len(self._candidates) >= HEADER_SEARCH_ROWS or self._seen > MAX_LEADING_ROWS:
            self._take_header(0)

    def _take_header(self, index: int) -> None:
        """Make candidate ``index`` the header: those above are titles, those below data."""
        candidates, self._candidates = self._candidates, []
        for number, row, _notes in candidates[:index]:
            first = next((v for v in row if not is_blank(v)), None)
            self._titles.append((number, header_text(first)))
        self._header_number, self._header, _ = candidates[index]
        self._width = len(self._header)
        for number, row, notes in candidates[index + 1 :]:
            self._append(number, row, notes)

    def build(self, sheet: str | None) -> RawTable:
        """Finish: name the columns and return the table.

        Args:
            sheet: The worksheet name (xlsx) or ``None`` (CSV).

        Raises:
            SheetError: No row had any value.
        """
        if self._header is None and self._candidates:
            self._take_header(0)
        if self._header is None:
            if self._header_row is not None and self._last_number >= 1:
                raise SheetError(
                    self._file, f"row {self._header_row} (the header row chosen) is empty",
                    row=self._header_row)
            raise SheetError(self._file, "has no header row: every row is empty")
        header = self._header + [None] * (self._width - len(self._header))
        keep = [
            col
            for col in range(self._width)
            if not is_blank(header[col]) or self._column_has_value(col)
        ]
        headers = unique_headers([(col + 1, header[col]) for col in keep])
        # Pop the collected rows as they are converted, so the table is not
        # held twice in memory at its largest.
        pending, self._rows = self._rows, []
        pending.reverse()
        rows: list[RawRow] = []
        width = len(keep)
        contiguous = keep == list(range(width))
        position = {col: index for index, col in enumerate(keep)}
        while pending:
            number, values, notes = pending.pop()
            if contiguous:
                # The common case: slice and pad instead of picking cell by cell.
                cells = tuple(values) + (None,) * (width - len(values))
            else:
                cells = tuple(values[col] if col < len(values) else None for col in keep)
            if notes:
                notes = tuple(
                    (ROW_NOTE if col == ROW_NOTE else position.get(col, ROW_NOTE), message)
                    for col, message in notes
                )
            rows.append(RawRow(number, cells, notes))
        done = max(self._last_number, self.total or 0)
        self.total = done
        self.report(done)
        return RawTable(self._file, sheet, headers, rows, self._header_number,
                        tuple(self._titles))

    def _column_has_value(self, col: int) -> bool:
        return any(
            col < len(values) and not is_blank(values[col]) for _, values, _ in self._rows
        )


def header_text(value: CellValue) -> str:
    """Turn a header cell into a name: text with whitespace runs collapsed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return " ".join(text.split())


def unique_headers(columns: Sequence[tuple[int, CellValue]]) -> tuple[str, ...]:
    """Name columns uniquely (case-insensitively).

    Args:
        columns: ``(position counting from 1, header cell)`` per kept column.

    Returns:
        One name per column: blank ones become ``"Column N"``, repeats get
        ``" (2)"``, ``" (3)"``... never clashing with a name already present.
    """
    texts = [header_text(value) for _, value in columns]
    taken = {text.casefold() for text in texts if text}
    used: set[str] = set()
    names: list[str] = []
    for (position, _), text in zip(columns, texts, strict=True):
        if text and text.casefold() not in used:
            name = text
        else:
            # A generated name must not take a name that appears elsewhere in the header.
            base = text or f"Column {position}"
            name, suffix = base, 2
            while name.casefold() in used or name.casefold() in taken:
                name = f"{base} ({suffix})"
                suffix += 1
        used.add(name.casefold())
        names.append(name)
    return tuple(names)
