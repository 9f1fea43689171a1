"""Reading CSV and tab-separated text in the encodings and dialects exports use."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ams_desk.sheets.importing.read import RawRow, SheetError, read_table
from ams_desk.sheets.importing.read.csv_reader import detect_delimiter

ROWS = [["Name", "Email", "Comment"], ["Zoë Ærø", "zoe@example.org", "Café, crème; brûlée"]]


def _render(rows: list[list[str]], delimiter: str) -> str:
    def cell(text: str) -> str:
        if any(char in text for char in ',;\t"\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(text) for text in row) + "\r\n" for row in rows)


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-bom-le": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-bom-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
    "utf-32-bom": lambda text: text.encode("utf-32"),
    "cp1252": lambda text: text.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_every_encoding_and_delimiter(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(ENCODINGS[encoding](_render(ROWS, delimiter)))
    table = read_table(path)
    assert table.sheet is None
    assert table.headers == ("Name", "Email", "Comment")
    assert table.rows == [RawRow(2, ("Zoë Ærø", "zoe@example.org", "Café, crème; brûlée"))]


def test_windows_1252_bytes_undefined_in_the_code_page_still_decode(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"Name;Note\nJos\xe9;\x80 5 \x81\n")
    assert read_table(path).rows == [RawRow(2, ("José", "€ 5 \x81"))]


def test_quoted_multiline_cells_keep_record_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        'Name,Motivation\n"Ann","line one\nline two\r\nline three"\n\nBob,"say ""hi"""\n',
        encoding="utf-8",
    )
    table = read_table(path)
    # Ann's record spans lines 2-4, the blank line is record 3, Bob is record 4
    # (physical line 6): numbers are record ordinals, as Excel shows them.
    assert table.rows == [
        RawRow(2, ("Ann", "line one\nline two\r\nline three")),
        RawRow(4, ("Bob", 'say "hi"')),
    ]


def test_blank_leading_lines_short_rows_and_extra_cells(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("\n,,\nName,,Email,\nAnn\nBob,x,b@example.org,,extra\n , ,\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Name", "Column 2", "Email", "Column 5")
    assert table.rows == [
        RawRow(4, ("Ann", None, None, None)),
        RawRow(5, ("Bob", "x", "b@example.org", "extra")),
    ]


def test_duplicate_and_blank_headers_are_made_unique(tmp_path: Path) -> None:
    path = tmp_path / "dupes.csv"
    path.write_text("Email,email,,Column 3, Email  (2) ,Email\n1,2,3,4,5,6\n", encoding="utf-8")
    assert read_table(path).headers == (
        "Email",
        "email (3)",
        "Column 3 (2)",
        "Column 3",
        "Email (2)",
        "Email (4)",
    )


def test_control_characters_are_removed_and_noted_nul_deep_in_the_file(tmp_path: Path) -> None:
    filler = "".join(f"P{i},p{i}@example.org\n" for i in range(200))  # past the binary probe
    path = tmp_path / "controls.csv"
    path.write_bytes(
        ("Name,Email\n" + filler + "A\x00nn\x07,\x1ba@example.org\tx\n").encode("utf-8")
    )
    table = read_table(path)
    assert table.rows[-1] == RawRow(202, ("Ann", "a@example.org\tx"), (
        (0, "NUL (U+0000), U+0007 (a control character) removed"),
        (1, "U+001B (a control character) removed"),
    ))


def test_formula_like_text_is_kept_literally(tmp_path: Path) -> None:
    path = tmp_path / "formula.csv"
    path.write_text('Name,Link\nAnn,"=HYPERLINK(""http://x"")"\n', encoding="utf-8")
    assert read_table(path).rows == [RawRow(2, ("Ann", '=HYPERLINK("http://x")'))]


def test_header_only_file(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("Name;Email\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Name", "Email")
    assert table.rows == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.csv: the file is empty"),
        (b"\r\n\r\n ; ;\r\n", "empty.csv: has no header row: every row is empty"),
        (
            b'Name,Note\nAnn,"never closed\nBob,b\n',
            'empty.csv, row 2: a quoted cell starts on this row but its closing quote mark (") '
            "is missing",
        ),
        (
            b'Name,Note\nAnn,ok\nBob,"closed"junk\n',
            "empty.csv, row 3: a quoted cell has text after its closing quote mark (expected ',')",
        ),
    ],
    ids=["empty", "blank", "unclosed-quote", "junk-after-quote"],
)
def test_broken_text_is_refused_with_file_and_row(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(SheetError) as caught:
        read_table(path)
    assert str(caught.value) == message
    assert caught.value.file == str(path)


def test_overlong_cell_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Name,Note\nAnn," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"long\.csv, row 2: a cell is longer than 131,072"):
        read_table(path)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
        ("a\tb\n1\t2,3;4\n", "\t"),
        ('Name;Comment\nAnn;"Hi, I am; here"\nBob;"x,y,z"\n', ";"),
        ('"a,b";c\n"d,e";f\n', ";"),
        ("Name, Email; Phone\n", ","),
        ("Name;Email, or phone;Notes\n", ";"),
        ("single column\nvalue\n", ","),
        ('a,b\n"multi\nline, with; stuff",c\n', ","),
    ],
)
def test_detect_delimiter(sample: str, expected: str) -> None:
    assert detect_delimiter(sample) == expected


def test_progress_and_cancel(tmp_path: Path) -> None:
    from ams_desk.sheets.importing.read import ReadCancelled

    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"P{i}\n" for i in range(5000)), encoding="utf-8")
    calls: list[tuple[int, int | None]] = []
    table = read_table(path, progress=lambda done, total: calls.append((done, total)))
    assert len(table.rows) == 5000
    assert calls[0] == (0, 5001)
    assert calls[-1] == (5001, 5001)
    with pytest.raises(ReadCancelled):
        read_table(path, cancelled=lambda: True)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SheetError) as caught:
        read_table(tmp_path / "gone.csv")
    assert str(caught.value) == "gone.csv: cannot be opened: No such file or directory"
    with pytest.raises(SheetError, match="refused: this is a folder, not a spreadsheet file"):
        read_table(tmp_path)


def test_sheet_error_is_one_line_and_survives_pickling() -> None:
    import pickle

    error = SheetError("/data/in/signups.csv", "bad\nthing", row=7, field="Email")
    assert str(error) == "signups.csv, row 7, column 'Email': bad thing"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.row, copy.field, str(copy)) == (
        "/data/in/signups.csv",
        7,
        "Email",
        str(error),
    )
