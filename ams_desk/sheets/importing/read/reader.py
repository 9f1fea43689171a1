"""Read a sign-up spreadsheet (xlsx, xlsm, csv, txt) into a :class:`RawTable`.

This is the file-reading layer of the sign-up import: it turns a file into
headers and rows of plain values, and refuses anything unsafe or unusable with
a :class:`SheetError` that names the file, the row if any, and the reason.
Mapping columns to sign-up fields and validating values come later.

The kind of file is decided by its bytes, never its name (see
:mod:`ams_desk.sheets.importing.read.sniff`); xlsx files pass the zip and XML guards of
:mod:`ams_desk.sheets.importing.read.guards` before any parser sees them.

Example::

    table = read_table("signups.xlsx", progress=report, cancelled=stop_requested)
    for row in table.rows:
        print(row.number, dict(zip(table.headers, row.values)))
"""

from __future__ import annotations

import os

from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
from ams_desk.sheets.importing.read.csv_reader import read_csv
from ams_desk.sheets.importing.read.sniff import FileKind, sniff
from ams_desk.sheets.importing.read.table import (
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    CancelledCallback,
    CellValue,
    ProgressCallback,
    RawRow,
    RawTable,
)
from ams_desk.sheets.importing.read.xlsx_reader import XlsxEngine, list_sheets, read_xlsx

__all__ = [
    "MAX_COLUMNS",
    "MAX_DATA_ROWS",
    "CancelledCallback",
    "CellValue",
    "ProgressCallback",
    "RawRow",
    "RawTable",
    "ReadCancelled",
    "SheetError",
    "XlsxEngine",
    "read_table",
    "sheet_names",
    "sheets_with_rows",
]


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """List the worksheets of an xlsx workbook, in workbook order.

    Chart sheets are left out; hidden worksheets are listed.

    Args:
        path: The workbook.

    Returns:
        The worksheet names. A CSV file has no sheets: an empty list.

    Raises:
        SheetError: The file is not a readable, safe workbook or CSV.
    """
    file = os.fspath(path)
    if sniff(file).kind is FileKind.TEXT:
        return []
    return list_sheets(file)


def read_table(
    path: str | os.PathLike[str],
    sheet: str | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
    max_rows: int = MAX_DATA_ROWS,
    max_columns: int = MAX_COLUMNS,
    engine: XlsxEngine = "calamine",
    header_row: int | None = None,
) -> RawTable:
    """Read one sheet of a spreadsheet file as headers and rows of values.

    The header is the first of the first 20 non-empty rows that names two
    known fields, else the first non-empty row (title and blank rows above it
    are skipped; row numbers stay the file's own), unless ``header_row``
    names it. Rows with no value are dropped,
    columns with neither a header nor a value are dropped, and header names are
    made unique (see :class:`RawTable`).

    Args:
        path: An .xlsx/.xlsm workbook or a .csv/.txt file (recognised by content).
        sheet: The worksheet to read; ``None`` for the first visible one.
            Ignored for CSV.
        progress: Optional ``progress(done, total)``, called now and then with
            sheet rows read and the expected total (an estimate, or ``None``).
        cancelled: Optional ``cancelled()``, polled often; when it returns True
            reading stops with :class:`ReadCancelled`.
        max_rows: Refuse sheets with more data rows than this.
        max_columns: Refuse sheets whose data reaches past this column.
        engine: The xlsx reader to prefer; ``"calamine"`` is used whenever the
            guards show it is safe, ``"openpyxl"`` always streams.
        header_row: The sheet's own number of the header row; ``None`` finds it.

    Returns:
        The table.

    Raises:
        SheetError: The file cannot be read, is refused, or exceeds a limit.
        ReadCancelled: ``cancelled()`` returned True.
    """
    file = os.fspath(path)
    try:
        sniffed = sniff(file)
        if sniffed.kind is FileKind.XLSX:
            return read_xlsx(
                file,
                sheet,
                engine=engine,
                max_rows=max_rows,
                max_columns=max_columns,
                progress=progress,
                cancelled=cancelled,
                header_row=header_row,
            )
        return read_csv(
            file,
            sniffed,
            max_rows=max_rows,
            max_columns=max_columns,
            progress=progress,
            cancelled=cancelled,
            header_row=header_row,
        )
    except OSError as exc:
        raise SheetError(file, f"cannot be read: {exc.strerror or exc}") from None
    except MemoryError:
        raise SheetError(file, "refused: the file is too large to read") from None


def sheets_with_rows(path: str | os.PathLike[str], but: str | None) -> list[tuple[str, int]]:
    """The other worksheets of a workbook that hold rows below a header, with their row counts.

    Used to point a coordinator at the right sheet when the chosen one is
    empty. Sheets that cannot be read are left out; a CSV has none.

    Args:
        path: The workbook.
        but: The sheet already read (left out).
    """
    found: list[tuple[str, int]] = []
    try:
        names = sheet_names(path)
    except SheetError:
        return found
    for name in names:
        if name == but:
            continue
        try:
            table = read_table(path, name)
        except (SheetError, ReadCancelled):
            continue
        if table.rows:
            found.append((name, len(table.rows)))
    return found
