"""A byte-level pass over one worksheet part before a parser loads it.

calamine loads a whole sheet into one dense grid spanning the first to the last
cell that holds a value: a single value in cell XFD1048576 makes it allocate
17 billion cells and abort the process (measured; not an exception Python can
catch). openpyxl streams, but yields an empty row for every row number it
skips, so ``<row r="99999999">`` keeps it busy for minutes. Neither can be
told to stop at the row cap cheaply. So before either reader runs, this pass
inflates the sheet in bounded chunks and, inside ``<sheetData>``, finds with
C-speed searches:

* every cell start tag and its reference (``<c r="AB12" ...>``), telling
  cells with content from self-closing empty ones (``<c r="B2" s="1"/>``,
  ignored by both readers), giving the bounding box of the data;
* how many distinct rows hold content, so a 1,000,000-row sheet is refused in
  about a second without building a single cell;
* references outside Excel's grid (refused as damaged).

The DOCTYPE/ENTITY check runs over the whole part. The figures are exact for
what Excel, LibreOffice, Google Sheets and openpyxl write (``r`` first in every
cell tag). A sheet the pass cannot fully account for (cells without a
reference, namespace-prefixed tags, a non-UTF-8 part) is not refused: it goes
to the streaming openpyxl reader, within the grid bounds checked here.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NoReturn

from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
from ams_desk.sheets.importing.read.guards import DTD_OVERLAP, Workbook, check_no_dtd, part_encoding
from ams_desk.sheets.importing.read.sniff import refuse
from ams_desk.sheets.importing.read.table import CancelledCallback
from ams_desk.sheets.importing.read.zip_guard import damaged, iter_member

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384

MAX_SHARED_STRINGS = 4_000_000
"""Refuse workbooks with more distinct texts than this (both readers load them all)."""

_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"')
_EMPTY_CELL_REF = re.compile(rb'<c r="([^"]*)"[^>]*/>')
_UPPER = bytes(range(65, 91))
_DIGITS = b"0123456789"
_ROW = re.compile(rb'<row\s[^>]*?(?<=\s)r\s*=\s*["\']([^"\']*)["\']')
_ANY_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?c\s[^>]*?(?<=\s)r\s*=\s*[\"']([^\"']*)[\"']")
_PREFIXED_ROW = re.compile(rb"<[A-Za-z_][\w.\-]*:row\s[^>]*?(?<=\s)r\s*=\s*[\"']([^\"']*)")
_PREFIXED_ANY_CELL = re.compile(rb"<[A-Za-z_][\w.\-]*:c[\s>/]")
_REF = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})")
_SHEET_DATA_START = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sheetData(?:\s[^>]*?)?(/?)>")
_CELL_OR_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:c|row)[\s>/]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?sheetData\s*>")
# Elements inside <sheetData> whose names start with "c" but are not cells
# (run properties of rich text in inline strings).
_NOT_CELLS = (b"<color", b"<charset", b"<condense")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")
_CARRY_LIMIT = 16 * 1024 * 1024


def column_number(letters: bytes) -> int:
    """Turn column letters into a 1-based column number (``b"A"`` -> 1, ``b"AB"`` -> 28)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_key(letters: bytes) -> tuple[int, bytes]:
    # Longer letters always mean a later column.
    return len(letters), letters


def _split_refs(refs: list[bytes]) -> tuple[set[bytes], set[bytes]]:
    """Return the distinct row numbers and column letters of valid A1 references."""
    joined = b" ".join(refs)
    return set(joined.translate(None, _UPPER).split()), set(joined.translate(None, _DIGITS).split())


@dataclass(frozen=True, slots=True)
class SheetScan:
    """What the pass found in one worksheet part.

    Attributes:
        refs_complete: Every cell tag is a plain ``<c r="A1"`` in a UTF-8 part,
            so the content figures below are exact.
        content_rows: Distinct rows holding a cell with content.
        first_row: Lowest row with content (1-based); 0 when there is none.
        last_row: Highest row with content.
        first_column: Lowest column with content (1-based).
        last_column: Highest column with content.
        grid_rows: Highest row number of any row or cell tag.
        grid_columns: Highest column of any cell tag, empty ones included.
    """

    refs_complete: bool
    content_rows: int
    first_row: int
    last_row: int
    first_column: int
    last_column: int
    grid_rows: int
    grid_columns: int

    @property
    def box_cells(self) -> int:
        """Cells in the dense grid calamine would allocate."""
        if self.last_row == 0:
            return 0
        rows = self.last_row - self.first_row + 1
        return rows * (self.last_column - self.first_column + 1)


@dataclass
class _Tally:
    path: str
    part: str
    max_rows: int
    max_columns: int
    complete: bool = True
    rows: set[bytes] = field(default_factory=set)
    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0
    grid_rows: int = 0
    grid_columns: int = 0

    def take(self, body: bytes) -> None:
        """Count the cells in a stretch of ``<sheetData>`` made of whole tags."""
        refs = _CELL_REF.findall(body)
        tags = body.count(b"<c") - sum(body.count(name) for name in _NOT_CELLS)
        prefixed = b":c" in body and _PREFIXED_ANY_CELL.search(body) is not None
        if tags != len(refs) or prefixed:
            # Some cell tag is not a plain <c r="A1": check its reference the slow way.
            self.complete = False
            self._check_refs(_ANY_CELL_REF.findall(body))
        row_tags = _ROW.findall(body)
        if b":row" in body:
            row_tags += _PREFIXED_ROW.findall(body)
        if row_tags:
            # Validate in bulk: one row tag per row makes a Python loop costly.
            if not b"".join(row_tags).isdigit() or max(map(len, row_tags)) > 7:
                bad = next(tag for tag in row_tags if not tag.isdigit() or len(tag) > 7)
                self._outside_grid("row number", bad)
            self.grid_rows = max(self.grid_rows, max(map(int, row_tags)))
        if not refs:
            self._check_grid()
            return
        # Split references into row numbers and column letters in bulk (C speed):
        # a per-reference Python loop would cost more than the whole of calamine.
        rows, letters = _split_refs(refs)
        self.grid_rows = max(self.grid_rows, max(map(int, rows)))
        self.grid_columns = max(self.grid_columns, column_number(max(letters, key=_column_key)))
        self._check_grid()
        empties = _EMPTY_CELL_REF.findall(body) if b"/>" in body else []
        if empties:
            # Self-closing cells hold nothing and neither reader keeps them.
            remaining = Counter(refs)
            remaining.subtract(empties)
            content = [ref for ref, count in remaining.items() if count > 0]
            if not content:
                return
            rows, letters = _split_refs(content)
        self.rows |= rows
        numbers = list(map(int, rows))
        low, high = min(numbers), max(numbers)
        self.first_row = low if self.first_row == 0 else min(self.first_row, low)
        self.last_row = max(self.last_row, high)
        low_col = column_number(min(letters, key=_column_key))
        high_col = column_number(max(letters, key=_column_key))
        self.first_column = low_col if self.first_column == 0 else min(self.first_column, low_col)
        self.last_column = max(self.last_column, high_col)
        self._check_caps(high_col)

    def _check_refs(self, refs: list[bytes]) -> None:
        for ref in refs:
            match = _REF.fullmatch(ref)
            if match is None:
                self._outside_grid("cell reference", ref)
            self.grid_rows = max(self.grid_rows, int(match.group(2)))
            self.grid_columns = max(self.grid_columns, column_number(match.group(1)))
        self._check_grid()

    def _check_grid(self) -> None:
        if self.grid_rows > EXCEL_ROWS or self.grid_columns > EXCEL_COLUMNS:
            raise damaged(self.path, f"{self.part} has cells beyond Excel's last row or column")

    def _outside_grid(self, what: str, value: bytes) -> NoReturn:
        shown = value[:20].decode("ascii", "replace")
        raise damaged(self.path, f"{self.part} has a {what} outside Excel's grid: {shown!r}")

    def _check_caps(self, column: int) -> None:
        # The header takes one of the rows; everything else is data. No row is
        # named: the pass knows the count, not which row crossed the line.
        if len(self.rows) > self.max_rows + 1:
            raise SheetError(
                self.path,
                f"refused: the sheet has more than {self.max_rows:,} rows of data "
                f"(the limit is {self.max_rows:,})",
            )
        if column > self.max_columns:
            raise SheetError(
                self.path,
                f"refused: the sheet has more than {self.max_columns} columns "
                f"(the limit is {self.max_columns})",
            )

    def result(self) -> SheetScan:
        return SheetScan(
            refs_complete=self.complete,
            content_rows=len(self.rows),
            first_row=self.first_row,
            last_row=self.last_row,
            first_column=self.first_column,
            last_column=self.last_column,
            grid_rows=self.grid_rows,
            grid_columns=self.grid_columns,
        )


def scan_sheet(
    workbook: Workbook,
    part: str,
    *,
    max_rows: int,
    max_columns: int,
    cancelled: CancelledCallback | None = None,
) -> SheetScan:
    """Run the pass over one worksheet part.

    Args:
        workbook: A workbook that passed :func:`~.guards.open_workbook`.
        part: The worksheet's zip member.
        max_rows: The cap on data rows; one more row is allowed for the header.
        max_columns: The cap on columns.
        cancelled: Optional ``cancelled()`` callable, polled once per chunk.

    Returns:
        The figures, for choosing a reader.

    Raises:
        SheetError: The sheet certainly exceeds a cap, carries a DTD, or is damaged.
        ReadCancelled: ``cancelled()`` returned True.
    """
    path = workbook.path
    info = workbook.members.get(part)
    if info is None:
        raise damaged(path, f"the sheet's part {part!r} is missing")
    tally = _Tally(path, part, max_rows, max_columns)
    carry = raw_tail = b""
    decoder: codecs.IncrementalDecoder | None = None
    started = False
    state = "before"  # where we are relative to <sheetData>: before, inside, after
    for chunk in iter_member(path, info):
        if cancelled is not None and cancelled():
            raise ReadCancelled(f"reading {path} was cancelled")
        if not started:
            started = True
            encoding = part_encoding(chunk)
            if encoding is None:
                raise damaged(path, f"{part} declares an unknown text encoding")
            if encoding != "utf-8":
                # Excel never does this; the figures are counted on a UTF-8 copy
                # and the sheet goes to openpyxl, which decodes it itself.
                decoder = codecs.getincrementaldecoder(encoding)("replace")
                tally.complete = False
        raw = raw_tail + chunk
        check_no_dtd(path, part, raw.lower())
        raw_tail = raw[-DTD_OVERLAP:]
        data = chunk if decoder is None else decoder.decode(chunk).encode("utf-8")
        window = carry + data
        # Only whole tags are examined: keep everything after the last '>' for the next chunk.
        cut = window.rfind(b">") + 1
        carry = window[cut:]
        if len(carry) > _CARRY_LIMIT:
            raise damaged(path, f"{part} has a tag longer than 16 MB")
        body = window[:cut]
        if state == "after":
            # Nothing cell-like may follow the end of <sheetData> (a fake end tag
            # inside a comment must not hide cells from this pass).
            if _CELL_OR_ROW_TAG.search(body) or _SHEET_DATA_START.search(body):
                raise damaged(path, f"{part} has cells outside <sheetData>")
            continue
        if state == "before":
            start = _SHEET_DATA_START.search(body) if b"sheetData" in body else None
            if start is None:
                continue
            state = "after" if start.group(1) else "inside"
            after_start = body[start.end() :]
            body = b"" if state == "after" else after_start
            if state == "after" and _CELL_OR_ROW_TAG.search(after_start):
                raise damaged(path, f"{part} has cells outside <sheetData>")
        end = _SHEET_DATA_END.search(body) if b"sheetData" in body else None
        if end is not None:
            rest = body[end.end() :]
            body = body[: end.start()]
            state = "after"
            if _CELL_OR_ROW_TAG.search(rest) or _SHEET_DATA_START.search(rest):
                raise damaged(path, f"{part} has cells outside <sheetData>")
        tally.take(body)
    if state == "before":
        raise damaged(path, f"{part} has no <sheetData>")
    return tally.result()


def check_shared_strings(workbook: Workbook) -> None:
    """Refuse a workbook whose shared-string table is absurdly long.

    Raises:
        SheetError: More than :data:`MAX_SHARED_STRINGS` entries.
    """
    for name, info in workbook.members.items():
        if not name.lower().endswith("sharedstrings.xml"):
            continue
        count = 0
        carry = b""
        for chunk in iter_member(workbook.path, info):
            window = carry + chunk
            cut = window.rfind(b">") + 1
            count += len(_SHARED_STRING.findall(window, 0, cut))
            carry = window[cut:][-_CARRY_LIMIT:]
            if count > MAX_SHARED_STRINGS:
                raise refuse(
                    workbook.path,
                    f"the workbook holds more than {MAX_SHARED_STRINGS:,} distinct texts "
                    f"(the limit is {MAX_SHARED_STRINGS:,})",
                )
