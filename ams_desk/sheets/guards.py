"""Checks an xlsx file must pass before any XML parser sees it.

An xlsx file is a zip of XML parts. Before calamine or openpyxl parse anything:

* the zip must open, hold ``xl/workbook.xml``, have no duplicate or encrypted
  entries, and its declared sizes must stay under the limits (total size,
  member count, compression ratio): a zip bomb is refused from its directory;
* every XML part is inflated here, in Python, in bounded chunks, so that the
  *real* unpacked size is measured too (a zip can lie about sizes), and is
  searched for ``<!DOCTYPE``/``<!ENTITY``: a DTD never belongs in an xlsx part
  and is how billion-laughs and external-entity attacks start. calamine's XML
  parser does not expand entities and openpyxl parses through defusedxml, so
  this is a second wall, and it gives one clear message whichever reader runs;
* the chosen worksheet's cells are counted (see :mod:`ams_desk.sheets.sheet_scan`)
  so an oversized sheet is refused before it is loaded.

``defusedxml.defuse_stdlib()`` is deliberately not called: it patches the
standard library for the whole process, and every XML parse here already goes
through defusedxml (openpyxl uses it when it is installed).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped,unused-ignore]
from defusedxml import DefusedXmlException  # type: ignore[import-untyped,unused-ignore]

from ams_desk.sheets.errors import SheetError
from ams_desk.sheets.sniff import refuse

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Refuse workbooks whose parts unpack to more than this (declared or measured)."""

MAX_MEMBERS = 10_000
"""Refuse zips with more entries than this."""

MAX_RATIO = 100
"""Refuse a member larger than :data:`RATIO_MIN_BYTES` compressed more than this."""

RATIO_MIN_BYTES = 1024 * 1024

_MAX_STRUCTURE_PART = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
_END_SEARCH = 22 + 65_535 + 20  # end record, the longest comment, the zip64 locator
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!doctype", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_DTD_OVERLAP = max(len(marker) for marker in _DTD_MARKERS)
_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ZIP_BOMB = "this looks like a zip bomb"


def damaged(path: str, detail: str = "") -> SheetError:
    """The standard error for a zip or workbook that is broken."""
    reason = "the workbook is damaged or incomplete"
    if detail:
        reason += f" ({detail})"
    return SheetError(path, f"{reason}; open it in Excel, save it again, and retry")


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """One sheet listed in ``xl/workbook.xml``.

    Attributes:
        name: The sheet's tab name.
        part: The zip member holding it (``xl/worksheets/sheet1.xml``).
        visible: False for hidden and very hidden sheets.
        worksheet: False for chart, dialog and macro sheets (nothing to import).
    """

    name: str
    part: str
    visible: bool
    worksheet: bool


@dataclass(frozen=True, slots=True)
class Workbook:
    """What the guards learned about a workbook that passed them.

    Attributes:
        path: The file.
        members: The zip's entries by name.
        sheets: Every sheet in workbook order.
        utf8: True when every part scanned is UTF-8 (what Excel writes). The
            fast reader is only trusted with UTF-8 parts, whose cells the
            sheet scan can count.
    """

    path: str
    members: dict[str, zipfile.ZipInfo]
    sheets: tuple[SheetEntry, ...]
    utf8: bool

    @property
    def worksheets(self) -> list[SheetEntry]:
        """The sheets that hold cells, in workbook order."""
        return [sheet for sheet in self.sheets if sheet.worksheet]


def open_workbook(path: str) -> Workbook:
    """Run every check on the zip and the non-sheet parts, and list the sheets.

    Worksheet parts are left to :func:`ams_desk.sheets.sheet_scan.scan_sheet`,
    which is run on the one sheet that is read.

    Raises:
        SheetError: The file is damaged, not an Excel workbook, too big, a zip
            bomb, or carries a DTD.
    """
    members = _read_directory(path)
    sheets, utf8 = _list_sheets(path, members)
    structure = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    sheet_parts = {sheet.part for sheet in sheets}
    for name, info in members.items():
        if name in structure or name in sheet_parts:
            continue
        if name.lower().endswith((".xml", ".rels")):
            utf8 &= scan_part(path, info).utf8
    return Workbook(path, members, sheets, utf8)


def _declared_entries(path: str) -> int | None:
    """Read the entry count from the zip's end record, without parsing the directory.

    Parsing a directory of a million entries takes minutes, so the count is
    checked first. Returns ``None`` when the end record is not found (the zip
    module then reports the damage).
    """
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _END_SEARCH))
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        return None
    (count,) = struct.unpack("<H", tail[end + 10 : end + 12])
    locator = tail.rfind(b"PK\x06\x07", 0, end)
    if count == 0xFFFF and locator >= 0:
        (record_at,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        with open(path, "rb") as handle:
            handle.seek(record_at)
            record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            (count,) = struct.unpack("<Q", record[32:40])
    return int(count)


def _read_directory(path: str) -> dict[str, zipfile.ZipInfo]:
    declared = _declared_entries(path)
    if declared is not None and declared > MAX_MEMBERS:
        raise refuse(
            path, f"{_ZIP_BOMB}: it holds {declared:,} entries (the limit is {MAX_MEMBERS:,})"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except OSError as exc:
        raise SheetError(path, f"cannot be opened: {exc.strerror or exc}") from None
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on a hostile directory
        raise damaged(path, f"not a readable zip: {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise refuse(
            path, f"{_ZIP_BOMB}: it holds {len(infos):,} entries (the limit is {MAX_MEMBERS:,})"
        )
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if info.filename in members:
            raise damaged(path, f"the entry {info.filename!r} appears twice")
        members[info.filename] = info
        if info.flag_bits & 0x1:
            raise refuse(
                path,
                "the workbook's zip entries are password-encrypted; "
                "save it without a password and retry",
            )
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse(
                path,
                f"{_ZIP_BOMB}: {info.filename} unpacks "
                f"{info.file_size // max(info.compress_size, 1):,} times larger "
                f"than it is stored (the limit is {MAX_RATIO}:1)",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise refuse(
            path,
            f"{_ZIP_BOMB}, or is far larger than a sign-up sheet: it unpacks "
            f"to {total / 1024 / 1024:,.0f} MB (the limit is "
            f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB)",
        )
    if "xl/workbook.xml" not in members:
        raise refuse(path, _not_a_workbook(path, members))
    return members


def _not_a_workbook(path: str, members: dict[str, zipfile.ZipInfo]) -> str:
    """Say what a zip without ``xl/workbook.xml`` is."""
    if "xl/workbook.bin" in members:
        return "this is a binary Excel workbook (.xlsb); save it as .xlsx or .csv"
    if "mimetype" in members:
        with zipfile.ZipFile(path) as archive:
            mimetype = (
                archive.read("mimetype")[:100] if members["mimetype"].file_size < 200 else b""
            )
        if b"opendocument.spreadsheet" in mimetype:
            return "this is an OpenDocument spreadsheet (.ods); save it as .xlsx or .csv"
        if b"opendocument" in mimetype:
            return "this is an OpenDocument file, not a spreadsheet; choose an .xlsx or .csv file"
    if "word/document.xml" in members:
        return "this is a Word document, not a spreadsheet; choose an .xlsx or .csv file"
    if any(name.startswith("ppt/") for name in members):
        return "this is a PowerPoint file, not a spreadsheet; choose an .xlsx or .csv file"
    return (
        "this is a zip file but not an Excel workbook (it has no xl/workbook.xml); "
        "choose an .xlsx or .csv file"
    )


def iter_member(path: str, info: zipfile.ZipInfo, chunk_size: int = _CHUNK) -> Iterator[bytes]:
    """Inflate one zip entry in bounded chunks, trusting none of its declared sizes.

    The compressed bytes are read straight from the file and inflated with a
    cap on every step, so a member that unpacks beyond its declared size or
    beyond :data:`MAX_UNCOMPRESSED_BYTES` is stopped as soon as it does.

    Yields:
        The member's bytes, at most ``chunk_size`` at a time.

    Raises:
        SheetError: The entry is damaged, uses an unknown compression, or
            unpacks to more than it declares.
    """
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(
            path,
            f"{info.filename} uses a compression method Excel never writes "
            f"(method {info.compress_type})",
        )
    limit = min(info.file_size, MAX_UNCOMPRESSED_BYTES)
    produced = 0
    crc = 0
    with open(path, "rb") as handle:
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise damaged(path, f"the entry {info.filename!r} is missing")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        left = info.compress_size
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        while left > 0 or (inflater is not None and inflater.unconsumed_tail):
            if inflater is not None and inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            else:
                data = handle.read(min(chunk_size, left))
                if not data:
                    raise damaged(path, f"the entry {info.filename!r} is cut short")
                left -= len(data)
            try:
                out = inflater.decompress(data, chunk_size) if inflater is not None else data
            except zlib.error:
                raise damaged(path, f"the entry {info.filename!r} is corrupt") from None
            produced += len(out)
            if produced > limit:
                raise refuse(
                    path, f"{_ZIP_BOMB}: {info.filename} unpacks to more than its declared size"
                )
            crc = zlib.crc32(out, crc)
            if out:
                yield out
        if inflater is not None:
            tail = inflater.flush()
            produced += len(tail)
            if produced > limit:
                raise refuse(
                    path, f"{_ZIP_BOMB}: {info.filename} unpacks to more than its declared size"
                )
            crc = zlib.crc32(tail, crc)
            if tail:
                yield tail
    if produced != info.file_size or crc != info.CRC:
        raise damaged(path, f"the entry {info.filename!r} does not match its checksum")


@dataclass(frozen=True, slots=True)
class PartScan:
    """What :func:`scan_part` found in one XML part."""

    size: int
    utf8: bool


def scan_part(path: str, info: zipfile.ZipInfo) -> PartScan:
    """Inflate an XML part fully and refuse it if it declares a DTD.

    Raises:
        SheetError: The part has a DOCTYPE or ENTITY declaration, or fails
            :func:`iter_member`.
    """
    size = 0
    tail = b""
    utf8 = True
    for chunk in iter_member(path, info):
        if size == 0:
            utf8 = part_is_utf8(chunk)
        size += len(chunk)
        window = (tail + chunk).lower()
        check_no_dtd(path, info.filename, window)
        tail = window[-_DTD_OVERLAP:]
    return PartScan(size, utf8)


def check_no_dtd(path: str, part: str, window: bytes) -> None:
    """Refuse a part whose (lower-cased) bytes hold a DOCTYPE or ENTITY declaration."""
    if any(marker in window for marker in _DTD_MARKERS):
        raise refuse(
            path,
            f"{part} declares a DOCTYPE or XML entities, which an Excel file "
            "never does (this is how entity-expansion attacks work)",
        )


def part_is_utf8(head: bytes) -> bool:
    """Tell whether an XML part starts like UTF-8 (or ASCII) text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")):
        return False
    match = _ENCODING_DECL.match(head[:256])
    return match is None or match.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8")


def read_small_part(path: str, info: zipfile.ZipInfo) -> bytes:
    """Read a structural part (workbook, relationships) that must be small.

    Raises:
        SheetError: The part is implausibly large, damaged, or carries a DTD.
    """
    if info.file_size > _MAX_STRUCTURE_PART:
        raise refuse(
            path, f"{info.filename} is implausibly large ({info.file_size / 1024 / 1024:,.0f} MB)"
        )
    data = b"".join(iter_member(path, info))
    check_no_dtd(path, info.filename, data.lower())
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _list_sheets(
    path: str, members: dict[str, zipfile.ZipInfo]
) -> tuple[tuple[SheetEntry, ...], bool]:
    """Read the sheet list from ``xl/workbook.xml`` and its relationships."""
    rels_info = members.get("xl/_rels/workbook.xml.rels")
    book_bytes = read_small_part(path, members["xl/workbook.xml"])
    rels_bytes = read_small_part(path, rels_info) if rels_info is not None else b""
    utf8 = part_is_utf8(book_bytes) and part_is_utf8(rels_bytes)
    try:
        book = SafeET.fromstring(book_bytes)
        rels = SafeET.fromstring(rels_bytes) if rels_bytes else None
    except DefusedXmlException:
        raise refuse(
            path, "xl/workbook.xml declares XML entities, which an Excel file never does"
        ) from None
    except SafeET.ParseError as exc:
        raise damaged(path, f"xl/workbook.xml is not valid XML: {exc}") from None
    targets: dict[str, tuple[str, str]] = {}
    for rel in rels.iter() if rels is not None else ():
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = (part, rel.get("Type", ""))
    sheets: list[SheetEntry] = []
    for element in book.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
        part, kind = targets.get(rel_id, ("", ""))
        sheets.append(
            SheetEntry(
                name=element.get("name", ""),
                part=part,
                visible=element.get("state", "visible") == "visible",
                worksheet=kind.endswith("/worksheet") and part in members,
            )
        )
    return tuple(sheets), utf8
