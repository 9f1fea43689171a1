"""Decide what a file is from its bytes, never from its name.

A coordinator's "signups.xlsx" may really be an old .xls, a password-protected
workbook, a PDF, or a CSV someone renamed. The kind found here picks the reader;
anything that is not a workbook or text is refused with a message saying what
the file is and what to do instead.
"""

from __future__ import annotations

import codecs
import enum
import os
import stat
from dataclasses import dataclass

from ams_desk.sheets.importing.errors import SheetError

_HEAD_BYTES = 64 * 1024
_BINARY_PROBE = 1024
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE2_SCAN_LIMIT = 256 * 1024 * 1024
_SAVE_AS = "save it as .xlsx or .csv"

# Friendlier names for common files picked by mistake; everything else binary
# is caught by the NUL-byte test.
_MAGIC_NAMES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
)


class FileKind(enum.Enum):
    """Which reader a file goes to."""

    XLSX = "xlsx"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What :func:`sniff` found.

    Attributes:
        kind: The reader to use.
        encoding: For text with a byte-order mark or UTF-16 without one, the
            codec to decode with; ``None`` means "UTF-8 if it decodes, else
            Windows-1252", decided by the CSV reader over the whole file.
        bom_length: Bytes of byte-order mark to skip before decoding.
    """

    kind: FileKind
    encoding: str | None = None
    bom_length: int = 0


def refuse(path: str, what: str) -> SheetError:
    """Build the standard refusal error for a file that is not a usable sheet."""
    return SheetError(path, f"refused: {what}")


def sniff(path: str) -> Sniffed:
    """Look at a file's first bytes and say how to read it.

    Args:
        path: The file to look at.

    Returns:
        The kind of file and, for text, its encoding if the bytes tell it.

    Raises:
        SheetError: The file is empty, unreadable, not a regular file (a
            folder, FIFO, device or socket), or not a spreadsheet this app
            reads (old .xls, encrypted workbook, PDF, image, binary...).
    """
    check_regular_file(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise SheetError(path, f"cannot be opened: {exc.strerror or exc}") from None
    if not head:
        raise SheetError(path, "the file is empty")
    if head.startswith(_ZIP_MAGICS):
        return Sniffed(FileKind.XLSX)
    if head.startswith(_OLE2_MAGIC):
        raise refuse(path, _describe_ole2(path))
    for magic, name in _MAGIC_NAMES:
        if head.startswith(magic):
            raise refuse(path, f"this is {name}, not a spreadsheet; choose an .xlsx or .csv file")
    sniffed = _text_encoding(head)
    _check_text(path, head, sniffed)
    return sniffed


_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def check_regular_file(path: str) -> None:
    """Refuse at once anything that is not a regular file.

    Opening a FIFO waits for a writer and reading a device may never end, so
    this looks at the file's type (``stat``, which never blocks) before any
    ``open``.

    Raises:
        SheetError: The path does not exist, cannot be examined, or is not a
            regular file.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise SheetError(path, f"cannot be opened: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return
    what = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    raise refuse(path, f"this is {what}, not a spreadsheet file; choose an .xlsx or .csv file")


def _text_encoding(head: bytes) -> Sniffed:
    # UTF-32 marks must be tested before UTF-16: FF FE 00 00 starts with FF FE.
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Sniffed(FileKind.TEXT, "utf-32", 0)
    if head.startswith(codecs.BOM_UTF8):
        return Sniffed(FileKind.TEXT, "utf-8", len(codecs.BOM_UTF8))
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Sniffed(FileKind.TEXT, "utf-16", 0)
    probe = head[:_BINARY_PROBE]
    if len(probe) >= 4 and probe.count(0) * 4 >= len(probe):
        # UTF-16 without a mark: ASCII text leaves every other byte NUL.
        even_nuls = probe[0::2].count(0)
        odd_nuls = probe[1::2].count(0)
        if odd_nuls * 2 >= len(probe) // 2 and even_nuls * 8 < len(probe) // 2:
            return Sniffed(FileKind.TEXT, "utf-16-le", 0)
        if even_nuls * 2 >= len(probe) // 2 and odd_nuls * 8 < len(probe) // 2:
            return Sniffed(FileKind.TEXT, "utf-16-be", 0)
    return Sniffed(FileKind.TEXT, None, 0)


def _check_text(path: str, head: bytes, sniffed: Sniffed) -> None:
    """Refuse binary data and documents that only look like text."""
    if sniffed.encoding is None:
        if 0 in head[:_BINARY_PROBE]:
            raise refuse(
                path,
                "this is not a spreadsheet (it holds binary data); choose an .xlsx or .csv file",
            )
        text = head[:_BINARY_PROBE].decode("cp1252", errors="replace")
    else:
        body = head[sniffed.bom_length :]
        # Cut at a 4-byte boundary so a multi-byte unit is never split.
        text = body[: _BINARY_PROBE - _BINARY_PROBE % 4].decode(sniffed.encoding, errors="replace")
        if "\x00" in text:
            raise refuse(
                path,
                "this is not a spreadsheet (it holds binary data); choose an .xlsx or .csv file",
            )
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v\x1a")
    if text and controls * 10 > len(text):
        raise refuse(
            path, "this is not a spreadsheet (it holds binary data); choose an .xlsx or .csv file"
        )
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<head", "<body")):
        raise refuse(
            path,
            f"this is a web page (HTML) with a spreadsheet's name; open it in Excel and {_SAVE_AS}",
        )
    if start.startswith("<?xml"):
        raise refuse(
            path,
            "this is an XML file (perhaps an Excel 2003 XML workbook), not a CSV; "
            f"open it in Excel and {_SAVE_AS}",
        )


def _describe_ole2(path: str) -> str:
    """Say what an OLE2 compound file is: encrypted workbook, .xls, or other Office file."""
    names = {
        "encrypted": ("EncryptedPackage", "EncryptionInfo"),
        "xls": ("Workbook", "Book"),
        "doc": ("WordDocument",),
        "ppt": ("PowerPoint Document",),
    }
    wanted = {key: [name.encode("utf-16-le") for name in values] for key, values in names.items()}
    found: set[str] = set()
    overlap = max(len(name) for values in wanted.values() for name in values)
    tail = b""
    scanned = 0
    # Directory entries (stream names, UTF-16) may sit anywhere in the file.
    with open(path, "rb") as handle:
        while scanned < _OLE2_SCAN_LIMIT:
            chunk = handle.read(1024 * 1024)
            if not chunk:
                break
            scanned += len(chunk)
            window = tail + chunk
            for key, encoded in wanted.items():
                if key not in found and any(name in window for name in encoded):
                    found.add(key)
            if "encrypted" in found:
                break
            tail = window[-overlap:]
    if "encrypted" in found:
        return (
            "the workbook is password-protected (encrypted); open it in Excel, remove the "
            "password (File > Info > Protect Workbook), save it, and import it again"
        )
    if "doc" in found:
        return "this is an old Word .doc document, not a spreadsheet; choose an .xlsx or .csv file"
    if "ppt" in found:
        return "this is an old PowerPoint file, not a spreadsheet; choose an .xlsx or .csv file"
    if "xls" in found:
        return f"this is an old Excel .xls file; {_SAVE_AS}"
    return f"this is an old-format Office file, not an .xlsx or .csv spreadsheet; {_SAVE_AS}"
