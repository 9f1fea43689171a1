"""The table sheets' row writer: the same cells as XlsxWriter's own, read back by two readers."""

from __future__ import annotations

import math
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from libreoffice import convert
from report_files import formulas, sheet_parts
from xlsxwriter.workbook import Workbook

from ams_desk.sheets.report.cells import WORKBOOK_OPTIONS, Formats, write_value
from ams_desk.sheets.report.table_sheet import BLOCK, MAX_TEXT, TableSheet

HOSTILE = '=HYPERLINK("http://example.invalid/x","Click me")'
ROWS: list[tuple[Any, ...]] = [
    (1, HOSTILE, date(2026, 1, 31), 0.125, "Yes"),
    (2, "=1+1", date(1900, 3, 1), 3.0, "  padded  "),
    (3, "<b>&amp; 'quoted' \"text\"</b>", datetime(2026, 6, 15, 23, 59), -2.5, "No"),
    (4, "control \x01\x1f chars", None, math.nan, None),
    (5, "x" * (MAX_TEXT + 10), date(2026, 12, 31), 1e-7, "Ünïcødé — ✓ 测试"),
    (6, "http://example.org/looks-like-a-link", date(2026, 2, 28), 7, "+41 79 000 00 00"),
    (None, None, None, None, None),
    (8, "", date(2026, 3, 1), 12345678901234, "_x0041_"),
]
KINDS = ("int", "text", "date", "percent", "text")


def _formats(book: Workbook) -> list[Any]:
    formats = Formats.create(book)
    return [formats.for_column(kind) for kind in KINDS]


def _reference(path: Path, rows: list[tuple[Any, ...]]) -> None:
    """XlsxWriter's typed per-cell writer, the way the report wrote cells before."""
    book = Workbook(str(path), WORKBOOK_OPTIONS)
    cell_formats = _formats(book)
    sheet = book.add_worksheet("Table")
    sheet.write_string(0, 0, "Title")
    for r, values in enumerate(rows, 3):
        for c, value in enumerate(values):
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                continue
            if isinstance(value, datetime):
                value = value.date()
            write_value(sheet, r, c, value, cell_formats[c])
    book.close()


def _table_sheet(path: Path, rows: list[tuple[Any, ...]]) -> None:
    book = Workbook(str(path), WORKBOOK_OPTIONS)
    cell_formats = _formats(book)
    sheet = book.add_worksheet("Table", worksheet_class=TableSheet)
    sheet.write_string(0, 0, "Title")
    sheet.write_table_rows(3, rows, cell_formats)
    book.close()


def _cells(path: Path) -> dict[str, tuple[Any, str]]:
    sheet = openpyxl.load_workbook(path)["Table"]
    return {c.coordinate: (c.value, c.number_format) for row in sheet.iter_rows() for c in row
            if c.value is not None}


def test_the_same_cells_as_xlsxwriters_own_writer(tmp_path: Path) -> None:
    _reference(tmp_path / "reference.xlsx", ROWS)
    _table_sheet(tmp_path / "table.xlsx", ROWS)
    written = _cells(tmp_path / "table.xlsx")
    assert written == _cells(tmp_path / "reference.xlsx")
    assert written["B4"] == (HOSTILE, "General")
    assert written["C4"] == (datetime(2026, 1, 31), "d mmm yyyy")
    assert written["E5"][0] == "  padded  "
    assert written["B8"][0] == "x" * (MAX_TEXT - 1) + "…"
    assert written["E11"][0] == "_x0041_"
    assert "D7" not in written  # not a number: left blank
    assert not any(key.endswith("10") for key in written)  # the all-blank row
    assert formulas(tmp_path / "table.xlsx") == {"Table": []}
    with zipfile.ZipFile(tmp_path / "table.xlsx") as archive:
        xml = archive.read(sheet_parts(tmp_path / "table.xlsx")["Table"]).decode()
    assert '<dimension ref="A1:E11"/>' in xml


def test_libreoffice_reads_the_rows_back(tmp_path: Path) -> None:
    rows = [r for r in ROWS if r[0] is not None]
    _table_sheet(tmp_path / "table.xlsx", rows)
    resaved = convert(tmp_path / "table.xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    again = _cells(resaved)
    # An empty text cell is no cell to LibreOffice.
    expected = {k: v for k, v in _cells(tmp_path / "table.xlsx").items() if v[0] != ""}
    assert again.keys() == expected.keys()
    for key, (value, _) in expected.items():
        if isinstance(value, float):
            assert again[key][0] == pytest.approx(value), key
        elif isinstance(value, str):  # control characters come back as _x001f_, not _x001F_
            assert again[key][0].lower() == value.lower(), key
        else:
            assert again[key][0] == value, key
    assert formulas(resaved) == {"Table": []}


def test_progress_every_block_and_one_block_per_sheet(tmp_path: Path) -> None:
    book = Workbook(str(tmp_path / "t.xlsx"), WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Table", worksheet_class=TableSheet)
    seen: list[int] = []
    rows = [(i, f"text {i}") for i in range(2 * BLOCK + 7)]  # text: shared-string indexes
    sheet.write_table_rows(1, rows, [None, None], seen.append)
    assert seen == [BLOCK, BLOCK, 7]
    with pytest.raises(ValueError, match="one block"):
        sheet.write_table_rows(5000, [(1,)], [None])
    with pytest.raises(TypeError, match="complex"):
        book.add_worksheet("Other", worksheet_class=TableSheet).write_table_rows(
            1, [(1j,)], [None])
    with pytest.raises(TypeError, match="Yes/No"):
        book.add_worksheet("Flags", worksheet_class=TableSheet).write_table_rows(
            1, [(True,)], [None])
    book.close()


def test_a_cell_written_inside_the_table_is_refused(tmp_path: Path) -> None:
    book = Workbook(str(tmp_path / "t.xlsx"), WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Table", worksheet_class=TableSheet)
    sheet.write_table_rows(3, [(1,), (2,)], [None])
    sheet.write_string(4, 0, "overlapping")
    with pytest.raises(ValueError, match="row 5"):
        book.close()
    book = Workbook(str(tmp_path / "u.xlsx"), WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Table", worksheet_class=TableSheet)
    sheet.write_table_rows(3, [(1,), (2,)], [None])
    sheet.set_row(5, 30)
    with pytest.raises(ValueError, match="row 6"):
        book.close()


def test_an_empty_table_is_a_plain_sheet(tmp_path: Path) -> None:
    book = Workbook(str(tmp_path / "t.xlsx"), WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Table", worksheet_class=TableSheet)
    sheet.write_string(0, 0, "Header")
    sheet.write_table_rows(1, [], [None])
    book.close()
    assert _cells(tmp_path / "t.xlsx") == {"A1": ("Header", "General")}
