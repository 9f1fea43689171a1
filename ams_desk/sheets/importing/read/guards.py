"""Checks an xlsx file must pass before any XML parser sees it.

An xlsx file is a zip of XML parts. Before calamine or openpyxl parse anything:

* the zip must pass :mod:`ams_desk.sheets.importing.read.zip_guard` (directory, sizes,
  ratios, entry count): a zip bomb is refused from its directory;
* every XML part is inflated here, in Python, in bounded chunks, so that the
  *real* unpacked size is measured too (a zip can lie about sizes), and is
  searched for ``<!DOCTYPE``/``<!ENTITY``: a DTD never belongs in an xlsx part
  and is how billion-laughs and external-entity attacks start. calamine's XML
  parser does not expand entities and openpyxl parses through defusedxml, so
  this is a second wall, and it gives one clear message whichever reader runs;
* the chosen worksheet's cells are counted (see :mod:`ams_desk.sheets.importing.read.sheet_scan`)
  so an oversized sheet is refused before it is loaded.

``defusedxml.defuse_stdlib()`` is deliberately not called: it patches the
standard library for the whole process, and every XML parse here already goes
through defusedxml (openpyxl uses it when it is installed).
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped,unused-ignore]
from defusedxml import DefusedXmlException  # type: ignore[import-untyped,unused-ignore]

from ams_desk.sheets.importing.read.sniff import refuse
from ams_desk.sheets.importing.read.zip_guard import damaged, iter_member, read_directory

_MAX_STRUCTURE_PART = 16 * 1024 * 1024
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!doctype", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
DTD_OVERLAP = max(len(marker) for marker in _DTD_MARKERS)
_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


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

    Worksheet parts are left to :func:`ams_desk.sheets.importing.read.sheet_scan.scan_sheet`,
    which is run on the one sheet that is read.

    Raises:
        SheetError: The file is damaged, not an Excel workbook, too big, a zip
            bomb, or carries a DTD.
    """
    members = read_directory(path)
    sheets, utf8 = _list_sheets(path, members)
    structure = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    sheet_parts = {sheet.part for sheet in sheets}
    for name, info in members.items():
        if name in structure or name in sheet_parts:
            continue
        if name.lower().endswith((".xml", ".rels")):
            utf8 &= scan_part(path, info).utf8
    return Workbook(path, members, sheets, utf8)


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
        tail = window[-DTD_OVERLAP:]
    return PartScan(size, utf8)


def check_no_dtd(path: str, part: str, window: bytes) -> None:
    """Refuse a part whose (lower-cased) bytes hold a DOCTYPE or ENTITY declaration."""
    if any(marker in window for marker in _DTD_MARKERS):
        raise refuse(
            path,
            f"{part} declares a DOCTYPE or XML entities, which an Excel file "
            "never does (this is how entity-expansion attacks work)",
        )


def part_encoding(head: bytes) -> str | None:
    """Name the codec an XML part is written in, from its first bytes.

    Returns:
        A Python codec name (``"utf-8"`` for what Excel writes), or ``None``
        when the part declares an encoding Python does not know.
    """
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    match = _ENCODING_DECL.match(head[:256])
    if match is None:
        return "utf-8"
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def part_is_utf8(head: bytes) -> bool:
    """Tell whether an XML part starts like UTF-8 (or ASCII) text."""
    return part_encoding(head) == "utf-8"


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
