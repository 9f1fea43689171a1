"""File builders for the spreadsheet reader tests (a plain module: ``conftest`` names clash).

Every file is made here, in ``tmp_path``: real workbooks written by openpyxl,
hand-assembled xlsx zips for what openpyxl cannot write (shared strings the way
Excel writes them, huge sheets written fast), and patched copies of both for
the hostile cases.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _override(part: str, kind: str) -> str:
    return f'<Override PartName="{part}" ContentType="{_OFFICE}.{kind}+xml"/>'


def _relationship(rel_id: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rel_id}" Type="{_REL_TYPE}/{kind}" Target="{target}"/>'


CONTENT_TYPES = (
    _DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + _override("/xl/workbook.xml", "sheet.main")
    + _override("/xl/worksheets/sheet1.xml", "worksheet")
    + _override("/xl/sharedStrings.xml", "sharedStrings")
    + "</Types>"
)
ROOT_RELS = (
    _DECL
    + f'<Relationships xmlns="{_RELS_NS}">'
    + _relationship("rId1", "officeDocument", "xl/workbook.xml")
    + "</Relationships>"
)
WORKBOOK = (
    _DECL + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_REL_TYPE}">'
    '<sheets><sheet name="Sign-ups" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    _DECL
    + f'<Relationships xmlns="{_RELS_NS}">'
    + _relationship("rId1", "worksheet", "worksheets/sheet1.xml")
    + _relationship("rId2", "sharedStrings", "sharedStrings.xml")
    + "</Relationships>"
)
SHEET_HEAD = _DECL + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def inline(text: str, ref: str = "") -> str:
    """An inline-string cell, with a reference when ``ref`` is given."""
    where = f' r="{ref}"' if ref else ""
    return f'<c{where} t="inlineStr"><is><t>{_escape(text)}</t></is></c>'


def column_letters(number: int) -> str:
    """1 -> A, 28 -> AB."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def shared_strings_sheet(rows: Sequence[Sequence[str | int | None]]) -> tuple[str, str]:
    """Sheet XML and sharedStrings XML for rows of text/int, the way Excel writes them."""
    strings: dict[str, int] = {}
    out = [SHEET_HEAD, f'<dimension ref="A1:{column_letters(20)}{len(rows)}"/><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row, start=1):
            ref = f"{column_letters(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                index = strings.setdefault(value, len(strings))
                out.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    items = "".join(f'<si><t xml:space="preserve">{_escape(s)}</t></si>' for s in strings)
    sst = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )
    return "".join(out), sst


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_parts(
    path: Path,
    sheet_xml: str | bytes | Iterable[bytes],
    *,
    shared_strings: str | None = None,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Assemble an xlsx zip by hand. ``sheet_xml`` may be an iterable of chunks (big sheets)."""
    sst = shared_strings or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
        'uniqueCount="0"/>'
    )
    with zipfile.ZipFile(path, "w", compression, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", sst)
        if isinstance(sheet_xml, str | bytes):
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
                for chunk in sheet_xml:
                    member.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def patch_member(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Copy a zip, passing one member's bytes through ``change``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = change(data)
            zout.writestr(info.filename, data)
    return target


def openpyxl_book(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sign-ups") -> Path:
    """Write rows to a one-sheet workbook with openpyxl (normal mode: has a dimension tag)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


SIGNUP_ROWS: list[list[Any]] = [
    ["Name", "Email", "Role", "Signed up", "Seniority"],
    ["Ann Archer", "ann@example.org", "mentee", "2024-01-02", 1],
    ["Bob Baker", "bob@example.org", "mentor", "2024-01-03", 4],
]


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2_file(directory_names: list[str]) -> bytes:
    """An OLE2 compound file header followed by directory entries with the given names."""
    header = OLE2_MAGIC + bytes(504)
    entries = b""
    for name in directory_names:
        encoded = (name + "\0").encode("utf-16-le")
        entries += encoded.ljust(64, b"\0") + struct.pack("<H", len(encoded)) + bytes(62)
    return header + entries.ljust(4096, b"\0")


def _central_records(data: bytes) -> dict[str, tuple[int, int]]:
    """Map member name -> (central record offset, local header offset)."""
    end = data.rindex(b"PK\x05\x06")
    count, _, offset = struct.unpack("<HII", data[end + 10 : end + 20])
    records: dict[str, tuple[int, int]] = {}
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28 : offset + 34])
        (local,) = struct.unpack("<I", data[offset + 42 : offset + 46])
        name = data[offset + 46 : offset + 46 + name_len].decode()
        records[name] = (offset, local)
        offset += 46 + name_len + extra_len + comment_len
    return records


def patch_directory(path: Path, member: str, **fields: int) -> Path:
    """Overwrite ``flags``, ``crc`` or ``size`` (uncompressed) of one member, in both headers."""
    data = bytearray(path.read_bytes())
    central, local = _central_records(bytes(data))[member]
    spots = {"flags": (8, 6, "<H"), "crc": (16, 14, "<I"), "size": (24, 22, "<I")}
    for field, value in fields.items():
        central_at, local_at, fmt = spots[field]
        struct.pack_into(fmt, data, central + central_at, value)
        struct.pack_into(fmt, data, local + local_at, value)
    path.write_bytes(bytes(data))
    return path
