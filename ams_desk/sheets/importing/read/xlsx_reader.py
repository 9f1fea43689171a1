"""Read one worksheet of an xlsx/xlsm workbook, after the guards have passed it.

Two readers, one result:

* **calamine** (python-calamine, Rust) is the default: about 17x faster than
  openpyxl on a 10,000 x 20 sheet (see ``benchmarks/bench_read.py``). It loads
  the whole sheet as one dense grid, so it is only given sheets whose size the
  byte scan has established (:mod:`ams_desk.sheets.importing.read.sheet_scan`).
* **openpyxl** in read-only mode streams rows and stops at the row cap. It
  takes every sheet calamine is not trusted with (cells without references,
  non-UTF-8 parts, data scattered over a huge grid), and all sheets when
  python-calamine is not installed. ``reset_dimensions()`` is always called:
  a stale ``<dimension ref="A1:B2"/>`` would otherwise silently drop rows.

Both give text literally (``"=HYPERLINK(...)"`` typed as text stays that text),
numbers as ``int`` when integral else ``float``, Excel dates as ``datetime``,
TRUE/FALSE as ``bool``, and ``None`` for empty cells, error cells (``#N/A``) and
formulas that have no cached value (never the formula's text). Times of day
become ``"HH:MM:SS"`` text and durations ``"H:MM:SS"`` text. Merged cells hold
their value in the top-left cell only.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Generator
from contextlib import closing
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
from ams_desk.sheets.importing.read.guards import SheetEntry, Workbook, open_workbook
from ams_desk.sheets.importing.read.sheet_scan import SheetScan, check_shared_strings, scan_sheet
from ams_desk.sheets.importing.read.table import (
    CancelledCallback,
    CellValue,
    ProgressCallback,
    RawTable,
    TableBuilder,
)
from ams_desk.sheets.importing.read.zip_guard import damaged

XlsxEngine = Literal["calamine", "openpyxl"]
"""Which reader to prefer for xlsx; calamine is used only where it is safe."""

MAX_DENSE_CELLS = 4_000_000
"""Largest grid (rows x columns between the outermost values) handed to calamine."""

MAX_STREAMED_GRID = 20_000_000
"""Largest area (last row x last column of any cell tag) handed to openpyxl."""

_MAX_EXACT_INT = 2**53


def calamine_available() -> bool:
    """Tell whether python-calamine is installed."""
    return importlib.util.find_spec("python_calamine") is not None


def list_sheets(path: str) -> list[str]:
    """Names of the worksheets (not chart sheets), in workbook order, hidden ones included.

    Raises:
        SheetError: The workbook fails a guard.
    """
    return [sheet.name for sheet in open_workbook(path).worksheets]


def read_xlsx(
    path: str,
    sheet: str | None,
    *,
    engine: XlsxEngine,
    max_rows: int,
    max_columns: int,
    progress: ProgressCallback | None,
    cancelled: CancelledCallback | None,
    header_row: int | None = None,
) -> RawTable:
    """Read one worksheet into a :class:`RawTable`.

    Args:
        path: The workbook.
        sheet: The worksheet's name; ``None`` for the first visible worksheet.
        engine: The preferred reader (see the module docstring).
        max_rows: Cap on data rows.
        max_columns: Cap on columns.
        progress: Optional ``progress(done, total)`` in sheet rows.
        cancelled: Optional ``cancelled()``.
        header_row: The header's row number, or ``None`` to find it.

    Raises:
        SheetError: The workbook fails a guard, is damaged, or exceeds a cap.
        ReadCancelled: ``cancelled()`` returned True.
    """
    workbook = open_workbook(path)
    entry = _choose_sheet(workbook, sheet)
    scan = scan_sheet(
        workbook, entry.part, max_rows=max_rows, max_columns=max_columns, cancelled=cancelled
    )
    check_shared_strings(workbook)
    builder = TableBuilder(
        path,
        max_rows=max_rows,
        max_columns=max_columns,
        progress=progress,
        cancelled=cancelled,
        total=scan.last_row or None,
        header_row=header_row,
    )
    builder.report(0)
    if engine == "calamine" and calamine_safe(workbook, scan):
        rows = _calamine_rows(path, entry.name)
    else:
        _check_streaming_grid(path, scan)
        rows = _openpyxl_rows(path, entry.name)
    try:
        # closing(): a refusal mid-sheet must release the reader's file at once.
        with closing(rows):
            for number, values in rows:
                builder.add(number, values)
    except (SheetError, ReadCancelled):
        raise
    except MemoryError:
        raise SheetError(path, "refused: the sheet is too large to read") from None
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input is "damaged"
        raise damaged(path, _short(exc)) from None
    except BaseException as exc:
        # A Rust panic inside calamine surfaces as pyo3's PanicException, which
        # derives from BaseException; anything else (KeyboardInterrupt...) goes on.
        if type(exc).__name__ != "PanicException":
            raise
        raise damaged(path, "the reader failed on it") from None
    return builder.build(entry.name)


def calamine_safe(workbook: Workbook, scan: SheetScan) -> bool:
    """Tell whether calamine may load this sheet without risking memory."""
    return (
        calamine_available()
        and workbook.utf8
        and scan.refs_complete
        and scan.box_cells <= MAX_DENSE_CELLS
    )


def _check_streaming_grid(path: str, scan: SheetScan) -> None:
    """Refuse sheets whose empty cells alone would keep openpyxl busy for minutes.

    openpyxl yields every row up to the last row tag, each as wide as its last
    cell tag, styled empty cells included.
    """
    grid = scan.grid_rows * max(scan.grid_columns, 1)
    if grid > MAX_STREAMED_GRID:
        raise SheetError(
            path,
            f"refused: the sheet's cells are spread over {scan.grid_rows:,} rows and "
            f"{scan.grid_columns:,} columns, too large an area to read",
        )


def _choose_sheet(workbook: Workbook, sheet: str | None) -> SheetEntry:
    worksheets = workbook.worksheets
    if not worksheets:
        raise SheetError(workbook.path, "the workbook has no worksheet")
    if sheet is None:
        return next((entry for entry in worksheets if entry.visible), worksheets[0])
    for entry in worksheets:
        if entry.name == sheet:
            return entry
    names = ", ".join(repr(entry.name) for entry in worksheets)
    raise SheetError(workbook.path, f"has no worksheet named {sheet!r} (it has {names})")


def _calamine_rows(path: str, name: str) -> Generator[tuple[int, list[CellValue]], None, None]:
    from python_calamine import CalamineWorkbook

    with open(path, "rb") as handle:
        book = CalamineWorkbook.from_filelike(handle)
        try:
            worksheet = book.get_sheet_by_name(name)
            start = worksheet.start
            if start is None:
                # An empty sheet: iter_rows() would panic on it.
                return
            # iter_rows() yields rows from the sheet's first row, but columns from the
            # first used column: pad so that positions stay the sheet's own.
            lead: list[CellValue] = [None] * start[1]
            for index, row in enumerate(worksheet.iter_rows()):
                # Non-empty text, the commonest cell, skips the call to normalize().
                yield index + 1, lead + [v if type(v) is str and v else normalize(v) for v in row]
        finally:
            book.close()


def _openpyxl_rows(path: str, name: str) -> Generator[tuple[int, list[CellValue]], None, None]:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    with open(path, "rb") as handle:
        # A file object, not the path: openpyxl refuses names without an xlsx extension.
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        try:
            worksheet = book[name]
            worksheet.reset_dimensions()
            expected = 1
            for cells in worksheet.iter_rows():
                number = next(
                    (row for row in (getattr(cell, "row", None) for cell in cells) if row),
                    expected,
                )
                expected = number + 1
                yield (
                    number,
                    [None if cell.data_type == "e" else normalize(cell.value) for cell in cells],
                )
        finally:
            book.close()


def normalize(value: Any) -> CellValue:
    """Bring a cell value from either reader to the shared conventions.

    Args:
        value: What calamine or openpyxl returned for a cell.

    Returns:
        ``None`` for empty text, ``int`` for integral numbers up to 2**53,
        ``datetime`` for dates, text for times of day and durations, and
        everything else unchanged.
    """
    kind = type(value)
    if kind is str:
        return value if value else None
    if kind is float:
        if value.is_integer() and -_MAX_EXACT_INT <= value <= _MAX_EXACT_INT:
            return int(value)
        return float(value)
    if value is None or kind is int or kind is bool or kind is datetime:
        return value  # type: ignore[no-any-return]
    if kind is date:
        return datetime(value.year, value.month, value.day)
    if kind is time:
        return str(value.isoformat())
    if kind is timedelta:
        return _duration_text(value)
    return str(value)


def _duration_text(value: timedelta) -> str:
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes, second = divmod(abs(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{sign}{hours}:{minute:02d}:{second:02d}"


_FAILURE_LABELS = {
    "XmlError": "the sheet is not well-formed XML",
    "ParseError": "the sheet is not well-formed XML",
    "ZipError": "the zip is damaged",
    "BadZipFile": "the zip is damaged",
}


def _short(exc: BaseException) -> str:
    """Describe a reader's failure in a few words, for the end of a one-line message."""
    label = _FAILURE_LABELS.get(type(exc).__name__, "the reader failed")
    text = " ".join(str(exc).split())
    if len(text) <= 3:  # calamine sometimes says no more than a tag name
        return label
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{label}: {text}"
