"""Reading ordinary and awkward (but legitimate) xlsx workbooks, with both readers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from sheet_files import (
    SHEET_HEAD,
    SIGNUP_ROWS,
    inline,
    openpyxl_book,
    patch_member,
    shared_strings_sheet,
    write_parts,
)

from ams_desk.sheets.importing.read import RawRow, SheetError, read_table, sheet_names
from ams_desk.sheets.importing.read.xlsx_reader import XlsxEngine

ENGINES: list[XlsxEngine] = ["calamine", "openpyxl"]


@pytest.mark.parametrize("engine", ENGINES)
def test_reads_an_ordinary_workbook(signup_xlsx: Path, engine: XlsxEngine) -> None:
    table = read_table(signup_xlsx, engine=engine)
    assert table.file == str(signup_xlsx)
    assert table.sheet == "Sign-ups"
    assert table.headers == ("Name", "Email", "Role", "Signed up", "Seniority")
    assert table.rows == [
        RawRow(2, ("Ann Archer", "ann@example.org", "mentee", "2024-01-02", 1)),
        RawRow(3, ("Bob Baker", "bob@example.org", "mentor", "2024-01-03", 4)),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_cell_values_follow_one_convention(tmp_path: Path, engine: XlsxEngine) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Text", "Int", "Float", "Big", "Bool", "Stamp", "Day", "Clock", "Span"])
    sheet.append(
        [
            "  keep  spaces ",
            7,
            2.5,
            1e20,
            True,
            datetime(2024, 3, 4, 5, 6, 7),
            date(2024, 3, 4),
            time(9, 30),
            timedelta(hours=30, minutes=5),
        ]
    )
    sheet["B2"].value = 7.0  # integral float: read as int
    path = tmp_path / "values.xlsx"
    book.save(path)
    table = read_table(path, engine=engine)
    assert table.rows[0].values == (
        "  keep  spaces ",
        7,
        2.5,
        1e20,
        True,
        datetime(2024, 3, 4, 5, 6, 7),
        datetime(2024, 3, 4),
        "09:30:00",
        "30:05:00",
    )
    assert type(table.rows[0].values[1]) is int
    assert type(table.rows[0].values[3]) is float


@pytest.mark.parametrize("engine", ENGINES)
def test_formula_text_stays_text_and_formulas_without_cache_are_empty(
    tmp_path: Path, engine: XlsxEngine
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Link", "Sum", "Name"])
    sheet.append([None, "=1+1", "Ann"])
    sheet["A2"].value = '=HYPERLINK("http://evil.example","click")'
    sheet["A2"].data_type = "s"  # typed as text in Excel: a string, not a formula
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    table = read_table(path, engine=engine)
    assert table.rows == [RawRow(2, ('=HYPERLINK("http://evil.example","click")', None, "Ann"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_cached_formula_values_and_error_cells(tmp_path: Path, engine: XlsxEngine) -> None:
    sheet = (
        SHEET_HEAD + "<sheetData>"
        '<row r="1"><c r="A1" t="str"><v>Name</v></c><c r="B1" t="str"><v>Score</v></c>'
        '<c r="C1" t="str"><v>Check</v></c></row>'
        '<row r="2"><c r="A2" t="str"><f>"An"&amp;"n"</f><v>Ann</v></c>'
        '<c r="B2"><f>2*21</f><v>42</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        "</sheetData></worksheet>"
    )
    path = write_parts(tmp_path / "cached.xlsx", sheet)
    table = read_table(path, engine=engine)
    assert table.rows == [RawRow(2, ("Ann", 42, None))]


@pytest.mark.parametrize("engine", ENGINES)
def test_shared_strings_as_excel_writes_them(tmp_path: Path, engine: XlsxEngine) -> None:
    sheet, sst = shared_strings_sheet([["Name", "Email"], ["Zoë <Z> & co", "z@example.org"]])
    path = write_parts(tmp_path / "excel.xlsx", sheet, shared_strings=sst)
    table = read_table(path, engine=engine)
    assert table.headers == ("Name", "Email")
    assert table.rows == [RawRow(2, ("Zoë <Z> & co", "z@example.org"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_stale_dimension_tag_does_not_drop_rows(tmp_path: Path, engine: XlsxEngine) -> None:
    rows = [["Name", "Email"]] + [[f"P{i}", f"p{i}@example.org"] for i in range(50)]
    good = openpyxl_book(tmp_path / "good.xlsx", rows)
    stale = patch_member(
        good,
        tmp_path / "stale.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:B51" />', b'<dimension ref="A1:B2" />'),
    )
    check = openpyxl.load_workbook(stale, read_only=True)  # the trap is real
    assert len(list(check.active.iter_rows())) == 2
    check.close()
    table = read_table(stale, engine=engine)
    assert len(table.rows) == 50
    assert table.rows[-1] == RawRow(51, ("P49", "p49@example.org"))


@pytest.mark.parametrize("engine", ENGINES)
def test_blank_rows_and_columns_keep_honest_numbers(tmp_path: Path, engine: XlsxEngine) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"] = "Name"
    sheet["D3"] = "Email"
    sheet["F3"] = "Email"
    sheet["C4"] = "Ann"
    sheet["E4"] = "unnamed column"
    sheet["C6"] = "Bob"
    sheet["D6"] = "  padded  "  # kept literally
    sheet["C8"] = " "  # whitespace-only row: dropped
    sheet["Z9"].number_format = "0.00"  # styled empty cell far out: ignored
    path = tmp_path / "offset.xlsx"
    book.save(path)
    table = read_table(path, engine=engine)
    assert table.headers == ("Name", "Email", "Column 5", "Email (2)")
    assert table.rows == [
        RawRow(4, ("Ann", None, "unnamed column", None)),
        RawRow(6, ("Bob", "  padded  ", None, None)),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_merged_cells_and_long_text(tmp_path: Path, engine: XlsxEngine) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Motivation", "Other"])
    long_text = "x" * 32_767
    sheet.append(["Ann", long_text, None])
    sheet.merge_cells("A3:B3")
    sheet["A3"] = "merged"
    path = tmp_path / "merged.xlsx"
    book.save(path)
    table = read_table(path, engine=engine)
    assert table.headers == ("Name", "Motivation", "Other")
    assert table.rows == [RawRow(2, ("Ann", long_text, None)), RawRow(3, ("merged", None, None))]


def test_sheet_names_and_choice_of_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Hidden"
    book.active.append(["secret"])
    book.active.sheet_state = "hidden"
    book.create_sheet("Mentors").append(["Name"])
    mentees = book.create_sheet("Mentees")
    mentees.append(["Name"])
    mentees.append(["Ann"])
    book.create_chartsheet("Chart")
    path = tmp_path / "multi.xlsx"
    book.save(path)
    assert sheet_names(path) == ["Hidden", "Mentors", "Mentees"]
    assert read_table(path).sheet == "Mentors"  # first visible worksheet
    table = read_table(path, "Mentees")
    assert table.rows == [RawRow(2, ("Ann",))]
    with pytest.raises(SheetError, match=r"multi\.xlsx: has no worksheet named 'Nope'"):
        read_table(path, "Nope")


def test_kind_comes_from_bytes_not_name(signup_xlsx: Path, tmp_path: Path) -> None:
    disguised = tmp_path / "signups.csv"
    disguised.write_bytes(signup_xlsx.read_bytes())
    assert read_table(disguised).headers == tuple(SIGNUP_ROWS[0])
    csv_named_xlsx = tmp_path / "export.xlsx"
    csv_named_xlsx.write_text("Name,Email\nAnn,a@example.org\n", encoding="utf-8")
    assert read_table(csv_named_xlsx).rows == [RawRow(2, ("Ann", "a@example.org"))]
    assert sheet_names(csv_named_xlsx) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_header_only_and_empty_sheets(tmp_path: Path, engine: XlsxEngine) -> None:
    header_only = openpyxl_book(tmp_path / "header.xlsx", [["Name", "Email"]])
    table = read_table(header_only, engine=engine)
    assert table.headers == ("Name", "Email")
    assert table.rows == []
    empty = openpyxl_book(tmp_path / "empty.xlsx", [])
    with pytest.raises(SheetError) as caught:
        read_table(empty, engine=engine)
    assert str(caught.value) == "empty.xlsx: has no header row: every row is empty"


def test_cells_without_references_go_to_the_streaming_reader(tmp_path: Path) -> None:
    # Legal but unusual: no r attributes. The scan cannot size it, openpyxl reads it.
    sheet = (
        SHEET_HEAD + "<sheetData>"
        f"<row>{inline('Name')}{inline('Email')}</row>"
        f"<row>{inline('Ann')}{inline('a@x')}</row>"
        "</sheetData></worksheet>"
    )
    path = write_parts(tmp_path / "norefs.xlsx", sheet)
    table = read_table(path)
    assert table.headers == ("Name", "Email")
    assert table.rows == [RawRow(2, ("Ann", "a@x"))]


def test_progress_and_cancel(tmp_path: Path) -> None:
    from ams_desk.sheets.importing.read import ReadCancelled

    rows = [["Name"]] + [[f"P{i}"] for i in range(5000)]
    path = openpyxl_book(tmp_path / "many.xlsx", rows)
    calls: list[tuple[int, int | None]] = []
    table = read_table(path, progress=lambda done, total: calls.append((done, total)))
    assert len(table.rows) == 5000
    assert calls[0] == (0, 5001)
    assert calls[-1] == (5001, 5001)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    with pytest.raises(ReadCancelled):
        read_table(path, cancelled=lambda: True)
    polls = iter([False] * 3 + [True] * 10_000)
    with pytest.raises(ReadCancelled):
        read_table(path, cancelled=lambda: next(polls))


def test_namespace_prefixed_sheet_is_read_by_the_streaming_reader(tmp_path: Path) -> None:
    # Some .NET generators prefix every element; legal, and read through openpyxl.
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cell = '<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{ns}"><x:sheetData>'
        f'<x:row r="1">{cell.format(ref="A1", text="Name")}</x:row>'
        f'<x:row r="2">{cell.format(ref="A2", text="Ann")}</x:row>'
        "</x:sheetData></x:worksheet>"
    )
    path = write_parts(tmp_path / "prefixed.xlsx", sheet)
    table = read_table(path)
    assert table.headers == ("Name",)
    assert table.rows == [RawRow(2, ("Ann",))]


def test_scattered_data_is_streamed_not_loaded_as_one_grid(tmp_path: Path) -> None:
    # Values in A1 and J1000000 would make calamine allocate a 10-million-cell grid.
    sheet = (
        SHEET_HEAD + "<sheetData>"
        f'<row r="1">{inline("Name", "A1")}{inline("Far", "J1")}</row>'
        f'<row r="1000000">{inline("Zed", "A1000000")}{inline("far away", "J1000000")}</row>'
        "</sheetData></worksheet>"
    )
    path = write_parts(tmp_path / "scattered.xlsx", sheet)
    table = read_table(path)
    assert table.headers == ("Name", "Far")
    assert table.rows == [RawRow(1_000_000, ("Zed", "far away"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_both_readers_agree_on_a_varied_sheet(tmp_path: Path, engine: XlsxEngine) -> None:
    rows: list[list[object]] = [["Name", "Score", "When", "Flag", "Note"]]
    for index in range(300):
        rows.append(
            [
                f"Person {index}",
                index * 1.25,
                datetime(2024, 1, 1) + timedelta(days=index),
                index % 2 == 0,
                None if index % 7 else f"note {index}",
            ]
        )
    path = openpyxl_book(tmp_path / "varied.xlsx", rows)
    expected = read_table(path, engine="openpyxl")
    assert read_table(path, engine=engine) == expected
    assert expected.rows[4] == RawRow(6, ("Person 4", 5, datetime(2024, 1, 5), True, None))


def test_macro_enabled_workbook_reads_like_xlsx(signup_xlsx: Path, tmp_path: Path) -> None:
    import zipfile

    xlsm = tmp_path / "signups.xlsm"
    with zipfile.ZipFile(signup_xlsx) as source, zipfile.ZipFile(xlsm, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(512))
    assert sheet_names(xlsm) == ["Sign-ups"]
    assert read_table(xlsm).rows == read_table(signup_xlsx).rows


def test_utf16_sheet_is_counted_on_a_utf8_copy_and_streamed(tmp_path: Path) -> None:
    body = (
        f'<sheetData><row r="1">{inline("Name", "A1")}</row>'
        f'<row r="2">{inline("Zoë", "A2")}</row></sheetData></worksheet>'
    )
    xml = '<?xml version="1.0" encoding="UTF-16"?>' + SHEET_HEAD.split("?>", 1)[1] + body
    path = write_parts(tmp_path / "utf16.xlsx", xml.encode("utf-16"))
    assert read_table(path).rows == [RawRow(2, ("Zoë",))]
    far = xml.replace("</sheetData>", '<row r="2000000"/></sheetData>')
    with pytest.raises(SheetError, match="beyond Excel's last row"):
        read_table(write_parts(tmp_path / "far16.xlsx", far.encode("utf-16")))
