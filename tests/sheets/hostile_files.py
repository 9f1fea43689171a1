"""A corpus of hostile and broken files, each with the refusal it must produce.

Every builder writes one file into a folder and returns its path; ``CASES``
pairs it with a fragment of the expected ``str(SheetError)``.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sheet_files import (
    SHEET_HEAD,
    SIGNUP_ROWS,
    inline,
    ole2_file,
    openpyxl_book,
    patch_directory,
    patch_member,
    write_parts,
)

SHEET = "xl/worksheets/sheet1.xml"

LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _good(folder: Path) -> Path:
    return openpyxl_book(folder / "base.xlsx", SIGNUP_ROWS)


def ole2_xls(folder: Path) -> Path:
    path = folder / "old.xlsx"
    path.write_bytes(ole2_file(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    return path


def ole2_encrypted(folder: Path) -> Path:
    path = folder / "locked.xlsx"
    path.write_bytes(ole2_file(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    return path


def ole2_other(folder: Path) -> Path:
    path = folder / "mystery.xls"
    path.write_bytes(ole2_file(["Root Entry"]))
    return path


def pdf(folder: Path) -> Path:
    path = folder / "signups.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return path


def png(folder: Path) -> Path:
    path = folder / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return path


def binary(folder: Path) -> Path:
    path = folder / "data.csv"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def truncated_zip(folder: Path) -> Path:
    data = _good(folder).read_bytes()
    path = folder / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_member(folder: Path) -> Path:
    source = _good(folder)
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(SHEET)
    data = bytearray(source.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for index in range(start + 20, start + 40):
        data[index] ^= 0x5A
    path = folder / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    return path


def bad_checksum(folder: Path) -> Path:
    path = folder / "crc.xlsx"
    path.write_bytes(_good(folder).read_bytes())
    return patch_directory(path, SHEET, crc=0x12345678)


def zip_bomb_ratio(folder: Path) -> Path:
    zeros = bytes(64 * 1024 * 1024)
    return write_parts(folder / "bomb.xlsx", SHEET_HEAD, extra={"xl/media/image1.bin": zeros})


def zip_bomb_declared_total(folder: Path) -> Path:
    # Three stored members whose directory claims 75 MB each: every ratio is under
    # 100:1, but together they unpack past the 200 MB limit.
    noise = {f"xl/media/noise{index}.bin": os.urandom(800_000) for index in range(3)}
    path = write_parts(
        folder / "huge.xlsx", SHEET_HEAD, extra=noise, compression=zipfile.ZIP_STORED
    )
    for name in noise:
        patch_directory(path, name, size=75_000_000)
    return path


def lying_size(folder: Path) -> Path:
    sheet = SHEET_HEAD + "<sheetData>" + f'<row r="1">{inline("x", "A1")}</row>' * 2000
    path = write_parts(folder / "liar.xlsx", sheet + "</sheetData></worksheet>")
    return patch_directory(path, SHEET, size=1000)


def too_many_members(folder: Path) -> Path:
    extra = {f"xl/junk/{index}.bin": b"" for index in range(10_001)}
    return write_parts(folder / "crowd.xlsx", SHEET_HEAD, extra=extra)


def encrypted_entries(folder: Path) -> Path:
    path = folder / "zipcrypto.xlsx"
    path.write_bytes(_good(folder).read_bytes())
    return patch_directory(path, SHEET, flags=0x1)


def bzip2_member(folder: Path) -> Path:
    path = folder / "bzip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>", compress_type=zipfile.ZIP_BZIP2)
    return path


def word_document(folder: Path) -> Path:
    path = folder / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


def ods(folder: Path) -> Path:
    path = folder / "calc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def xlsb(folder: Path) -> Path:
    path = folder / "binary.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


def plain_zip(folder: Path) -> Path:
    path = folder / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def billion_laughs(folder: Path) -> Path:
    return patch_member(
        _good(folder),
        folder / "laughs.xlsx",
        SHEET,
        lambda xml: LAUGHS + xml.replace(b"<t>Ann Archer</t>", b"<t>&lol9;</t>"),
    )


def external_entity(folder: Path) -> Path:
    sheet = SHEET_HEAD + "<sheetData/></worksheet>"
    sst = EXTERNAL.decode() + '<sst xmlns="x"><si><t>&xxe;</t></si></sst>'
    return write_parts(folder / "xxe.xlsx", sheet, shared_strings=sst)


def workbook_doctype(folder: Path) -> Path:
    return patch_member(
        _good(folder),
        folder / "wbdtd.xlsx",
        "xl/workbook.xml",
        lambda xml: b'<!DOCTYPE workbook [<!ENTITY name "Sheet">]>' + xml,
    )


def utf16_doctype(folder: Path) -> Path:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>'
    xml += SHEET_HEAD.split("?>", 1)[1] + "<sheetData/></worksheet>"
    return write_parts(folder / "utf16.xlsx", xml.encode("utf-16"))


def far_cell(folder: Path) -> Path:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    sheet = SHEET_HEAD + f'<sheetData><row r="1">{inline("Name", "A1")}</row>{far}'
    return write_parts(folder / "far.xlsx", sheet + "</sheetData></worksheet>")


def cell_outside_grid(folder: Path) -> Path:
    sheet = SHEET_HEAD + '<sheetData><row r="1"><c r="A99999999"><v>1</v></c></row>'
    return write_parts(folder / "outside.xlsx", sheet + "</sheetData></worksheet>")


def row_outside_grid(folder: Path) -> Path:
    sheet = SHEET_HEAD + f'<sheetData><row r="1">{inline("Name", "A1")}</row>'
    sheet += '<row r="2000000" ht="20" customHeight="1"/></sheetData></worksheet>'
    return write_parts(folder / "tallrow.xlsx", sheet)


def hidden_after_fake_end(folder: Path) -> Path:
    sheet = SHEET_HEAD + f'<sheetData><row r="1">{inline("Name", "A1")}'
    sheet += "<!-- </sheetData> -->"
    sheet += '<c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    return write_parts(folder / "sneaky.xlsx", sheet)


def not_xml_sheet(folder: Path) -> Path:
    sheet = SHEET_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</is></row>'
    return write_parts(folder / "badxml.xlsx", sheet + "</sheetData></worksheet>")


def no_sheet_part(folder: Path) -> Path:
    path = folder / "nosheet.xlsx"
    with zipfile.ZipFile(_good(folder)) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            if info.filename != SHEET:
                zout.writestr(info, zin.read(info.filename))
    return path


def html_table(folder: Path) -> Path:
    path = folder / "report.xls"
    path.write_text("<html><body><table><tr><td>Name</td></tr></table></body></html>")
    return path


def xml_2003(folder: Path) -> Path:
    path = folder / "legacy.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'
    )
    return path


def csv_unclosed_quote(folder: Path) -> Path:
    path = folder / "quote.csv"
    path.write_text('Name,Note\nAnn,"starts here\nBob,b\n' + "Carl,c\n" * 100)
    return path


def csv_endless_line(folder: Path) -> Path:
    path = folder / "oneline.csv"
    with path.open("w") as handle:
        for _ in range(11):
            handle.write("a," * 500_000)
    return path


def many_columns_csv(folder: Path) -> Path:
    path = folder / "wide.csv"
    path.write_text(",".join(f"H{i}" for i in range(300)) + "\n" + "x," * 299 + "x\n")
    return path


@dataclass(frozen=True)
class Case:
    """One hostile file and the refusal it must produce."""

    build: Callable[[Path], Path]
    message: str


CASES: dict[str, Case] = {
    "ole2-xls": Case(
        ole2_xls, "old.xlsx: refused: this is an old Excel .xls file; save it as .xlsx or .csv"
    ),
    "ole2-encrypted": Case(
        ole2_encrypted, "locked.xlsx: refused: the workbook is password-protected"
    ),
    "ole2-other": Case(ole2_other, "mystery.xls: refused: this is an old-format Office file"),
    "pdf": Case(pdf, "signups.xlsx: refused: this is a PDF document, not a spreadsheet"),
    "png": Case(png, "photo.csv: refused: this is a PNG image, not a spreadsheet"),
    "binary": Case(binary, "data.csv: refused: this is not a spreadsheet (it holds binary data)"),
    "empty": Case(empty, "empty.xlsx: the file is empty"),
    "truncated-zip": Case(
        truncated_zip, "cut.xlsx: the workbook is damaged or incomplete (not a readable zip"
    ),
    "corrupt-member": Case(corrupt_member, "corrupt.xlsx: the workbook is damaged or incomplete"),
    "bad-checksum": Case(bad_checksum, "does not match its checksum"),
    "zip-bomb-ratio": Case(
        zip_bomb_ratio,
        "bomb.xlsx: refused: this looks like a zip bomb: xl/media/image1.bin unpacks",
    ),
    "zip-bomb-declared": Case(
        zip_bomb_declared_total, "huge.xlsx: refused: this looks like a zip bomb, or is far larger"
    ),
    "lying-size": Case(
        lying_size,
        "liar.xlsx: refused: this looks like a zip bomb: "
        "xl/worksheets/sheet1.xml unpacks to more than its declared size",
    ),
    "too-many-members": Case(
        too_many_members, "crowd.xlsx: refused: this looks like a zip bomb: it holds 10,007 entries"
    ),
    "encrypted-entries": Case(
        encrypted_entries,
        "zipcrypto.xlsx: refused: the workbook's zip entries are password-encrypted",
    ),
    "bzip2-member": Case(
        bzip2_member,
        "bzip.xlsx: refused: xl/workbook.xml uses a compression method Excel never writes",
    ),
    "word-document": Case(word_document, "letter.xlsx: refused: this is a Word document"),
    "ods": Case(ods, "calc.xlsx: refused: this is an OpenDocument spreadsheet (.ods)"),
    "xlsb": Case(xlsb, "binary.xlsx: refused: this is a binary Excel workbook (.xlsb)"),
    "plain-zip": Case(
        plain_zip, "photos.xlsx: refused: this is a zip file but not an Excel workbook"
    ),
    "billion-laughs": Case(
        billion_laughs,
        "laughs.xlsx: refused: xl/worksheets/sheet1.xml declares a DOCTYPE or XML entities",
    ),
    "external-entity": Case(
        external_entity,
        "xxe.xlsx: refused: xl/sharedStrings.xml declares a DOCTYPE or XML entities",
    ),
    "workbook-doctype": Case(
        workbook_doctype, "wbdtd.xlsx: refused: xl/workbook.xml declares a DOCTYPE or XML entities"
    ),
    "utf16-doctype": Case(
        utf16_doctype, "utf16.xlsx: refused: xl/worksheets/sheet1.xml declares a DOCTYPE"
    ),
    "far-cell": Case(
        far_cell,
        "far.xlsx: refused: the sheet has more than 200 columns (the limit is 200)",
    ),
    "cell-outside-grid": Case(
        cell_outside_grid,
        "outside.xlsx: the workbook is damaged or incomplete "
        "(xl/worksheets/sheet1.xml has a cell reference outside Excel's grid: 'A99999999')",
    ),
    "row-outside-grid": Case(
        row_outside_grid,
        "tallrow.xlsx: the workbook is damaged or incomplete "
        "(xl/worksheets/sheet1.xml has cells beyond Excel's last row or column)",
    ),
    "hidden-after-fake-end": Case(
        hidden_after_fake_end,
        "sneaky.xlsx: the workbook is damaged or incomplete "
        "(xl/worksheets/sheet1.xml has cells outside <sheetData>)",
    ),
    "not-xml-sheet": Case(
        not_xml_sheet,
        "badxml.xlsx: the workbook is damaged or incomplete (the sheet is not well-formed XML)",
    ),
    "no-sheet-part": Case(no_sheet_part, "nosheet.xlsx: the workbook has no worksheet"),
    "html-table": Case(html_table, "report.xls: refused: this is a web page (HTML)"),
    "xml-2003": Case(xml_2003, "legacy.xls: refused: this is an XML file"),
    "csv-unclosed-quote": Case(
        csv_unclosed_quote,
        "quote.csv, row 2: a quoted cell starts on this row but its closing quote mark",
    ),
    "csv-endless-line": Case(
        csv_endless_line, "oneline.csv: refused: it has a line longer than 10,000,000 characters"
    ),
    "csv-too-wide": Case(
        many_columns_csv,
        "wide.csv, row 1: refused: the sheet has more than 200 columns (the limit is 200)",
    ),
}
