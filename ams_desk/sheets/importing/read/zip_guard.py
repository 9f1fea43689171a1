"""The zip layer of an xlsx file: its directory, and inflating one entry safely.

The directory is checked before anything is unpacked: entry count (read from
the end record, before Python parses a possibly huge directory), duplicate
and encrypted entries, declared sizes and compression ratios, and the presence
of ``xl/workbook.xml``. Entries are then inflated by :func:`iter_member`, which
trusts none of the declared sizes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.read.sniff import refuse

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Refuse workbooks whose parts unpack to more than this (declared or measured)."""

MAX_MEMBERS = 10_000
"""Refuse zips with more entries than this."""

MAX_RATIO = 100
"""Refuse a member larger than :data:`RATIO_MIN_BYTES` compressed more than this."""

RATIO_MIN_BYTES = 1024 * 1024

_CHUNK = 1024 * 1024
_END_SEARCH = 22 + 65_535 + 20  # end record, the longest comment, the zip64 locator
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_ZIP_BOMB = "this looks like a zip bomb"


def damaged(path: str, detail: str = "") -> SheetError:
    """The standard error for a zip or workbook that is broken."""
    reason = "the workbook is damaged or incomplete"
    if detail:
        reason += f" ({detail})"
    return SheetError(path, f"{reason}; open it in Excel, save it again, and retry")


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


def read_directory(path: str) -> dict[str, zipfile.ZipInfo]:
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
