"""A byte-level pass over one worksheet part before a parser loads it.

calamine loads a whole sheet into one dense grid spanning the first to the last
cell that holds a value: a single value in cell XFD1048576 makes it allocate
17 billion cells and abort the process (measured; not an exception Python can
catch). And neither reader can be told to stop after N rows in a way that
bounds memory for calamine. So, before either reader runs, this pass inflates
the sheet in bounded chunks and, with C-speed regular expressions, finds:

* every cell that has content (a start tag that is not self-closing: empty
  styled cells ``<c r="B2" s="1"/>`` are ignored by both readers) and its
  reference (``r="AB12"``), giving the bounding box of the data;
* how many distinct rows hold content, so a 1,000,000-row sheet is refused in
  about a second without building a single cell;
* any DOCTYPE/ENTITY declaration (refused, as in every other part).

The counts are exact for what Excel, LibreOffice, Google Sheets and openpyxl
write. A sheet the pass cannot account for (cells without a plain ``r``
reference, a non-UTF-8 part) is not refused: it goes to the streaming openpyxl
reader, which needs none of these guarantees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ams_desk.sheets.errors import ReadCancelled, SheetError
from ams_desk.sheets.guards import Workbook, check_no_dtd, damaged, iter_member, part_is_utf8
from ams_desk.sheets.sniff import refuse
from ams_desk.sheets.table import CancelledCallback

# A cell start tag that is not self-closing, with any namespace prefix.
_CONTENT_CELL = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?c(?=[\s>])[^>]*(?<!/)>")
# The same, where the tag carries a plain A1-style reference in attribute r.
_CONTENT_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?c\s[^>]*?(?<=\s)r\s*=\s*[\"']([A-Z]{1,3})([1-9][0-9]{0,6})[\"']"
    rb"[^>]*(?<!/)>"
)
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")
_CARRY_LIMIT = 16 * 1024 * 1024

MAX_SHARED_STRINGS = 4_000_000
"""Refuse workbooks with more distinct texts than this (calamine loads them all)."""


def column_number(letters: bytes) -> int:
    """Turn column letters into a 1-based column number (``b"A"`` -> 1, ``b"AB"`` -> 28)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True, slots=True)
class SheetScan:
    """What the pass found in one worksheet part.

    Attributes:
        content_cells: Cells with content (start tags that are not self-closing).
        refs_complete: Every such cell has a plain A1 reference, so the
            bounding box below is exact.
        content_rows: Distinct rows holding a referenced content cell.
        first_row: Lowest referenced row (1-based), 0 when there is none.
        last_row: Highest referenced row.
        first_column: Lowest referenced column (1-based).
        last_column: Highest referenced column.
        utf8: The part is UTF-8, so the figures above could be counted.
    """

    content_cells: int
    refs_complete: bool
    content_rows: int
    first_row: int
    last_row: int
    first_column: int
    last_column: int
    utf8: bool

    @property
    def box_cells(self) -> int:
        """Cells in the dense grid calamine would allocate."""
        if self.last_row == 0:
            return 0
        rows = self.last_row - self.first_row + 1
        return rows * (self.last_column - self.first_column + 1)


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
        workbook: A workbook that passed :func:`ams_desk.sheets.guards.open_workbook`.
        part: The worksheet's zip member.
        max_rows: The cap on data rows; one more row is allowed for the header.
        max_columns: The cap on columns.
        cancelled: Optional ``cancelled()`` callable, polled once per chunk.

    Returns:
        The counts, for choosing a reader.

    Raises:
        SheetError: The sheet certainly exceeds a cap, carries a DTD, or is damaged.
        ReadCancelled: ``cancelled()`` returned True.
    """
    path = workbook.path
    info = workbook.members.get(part)
    if info is None:
        raise damaged(path, f"the sheet's part {part!r} is missing")
    cells = refs = 0
    rows: set[int] = set()
    first_row = last_row = first_column = last_column = 0
    carry = b""
    utf8 = True
    started = False
    for chunk in iter_member(path, info):
        if cancelled is not None and cancelled():
            raise ReadCancelled(f"reading {path} was cancelled")
        if not started:
            utf8 = part_is_utf8(chunk)
            started = True
        window = carry + chunk
        check_no_dtd(path, part, window[-len(chunk) - 16 :].lower())
        if not utf8:
            carry = window[-16:]
            continue
        # Only whole tags are matched: keep everything after the last '>' for the next chunk.
        cut = window.rfind(b">") + 1
        carry = window[cut:]
        if len(carry) > _CARRY_LIMIT:
            raise damaged(path, f"{part} has a tag longer than 16 MB")
        body = window[:cut]
        cells += len(_CONTENT_CELL.findall(body))
        found = _CONTENT_REF.findall(body)
        if not found:
            continue
        refs += len(found)
        chunk_rows = {int(row) for _, row in found}
        rows |= chunk_rows
        low, high = min(chunk_rows), max(chunk_rows)
        first_row = low if first_row == 0 else min(first_row, low)
        last_row = max(last_row, high)
        # Longer letters always mean a later column, so compare (length, letters).
        letters = {column for column, _ in found}
        low_col = column_number(min(letters, key=lambda c: (len(c), c)))
        high_col = column_number(max(letters, key=lambda c: (len(c), c)))
        first_column = low_col if first_column == 0 else min(first_column, low_col)
        last_column = max(last_column, high_col)
        _check_caps(path, len(rows), high, high_col, max_rows=max_rows, max_columns=max_columns)
    if carry.strip() and utf8:
        # Text after the last tag is the end of a truncated part.
        raise damaged(path, f"{part} ends in the middle of a tag")
    return SheetScan(
        content_cells=cells,
        refs_complete=utf8 and refs == cells,
        content_rows=len(rows),
        first_row=first_row,
        last_row=last_row,
        first_column=first_column,
        last_column=last_column,
        utf8=utf8,
    )


def _check_caps(
    path: str, rows: int, row: int, column: int, *, max_rows: int, max_columns: int
) -> None:
    # The header takes one of the rows; everything else is data.
    if rows > max_rows + 1:
        raise SheetError(
            path,
            f"refused: the sheet has more than {max_rows:,} rows of data "
            f"(the limit is {max_rows:,})",
            row=row,
        )
    if column > max_columns:
        raise SheetError(
            path,
            f"refused: the sheet has more than {max_columns} columns (the limit is {max_columns})",
            row=row,
        )


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
