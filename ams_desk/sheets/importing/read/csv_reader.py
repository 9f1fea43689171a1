"""Read a CSV (or tab-separated .txt) export into a :class:`RawTable`.

Encodings: UTF-8, UTF-8 with BOM, UTF-16 (with a BOM, or without one when the
NUL pattern shows it), UTF-32 with a BOM, and Windows-1252 for files that are
not valid UTF-8 (Excel's "CSV (Windows)" export). The fallback is decided line
by line, never for the whole file: in a UTF-8 file with a few lines typed on
an old machine, the valid lines stay UTF-8 and only the others are read as
Windows-1252, each noted on its row for the preview to flag. Delimiter:
comma, semicolon or tab, chosen by counting each outside quotes over the first
records and taking the one that splits them most consistently (``csv.Sniffer``
guesses wrong too often on real exports).

Every value is text, or ``None`` for an empty field: telling dates and numbers
apart is the mapping layer's job. Malformed quoting is refused with the row it
starts on, rather than silently swallowing the rest of the file into one cell.

Row numbers are record ordinals: the first record is row 1 and a blank line is
a record, so the number matches the row Excel shows when it opens the file; it
equals the physical line number unless a quoted cell spans several lines.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
from ams_desk.sheets.importing.read.sniff import Sniffed, refuse
from ams_desk.sheets.importing.read.table import (
    MAX_LEADING_ROWS,
    ROW_NOTE,
    CancelledCallback,
    ProgressCallback,
    RawTable,
    RowNotes,
    TableBuilder,
)

MAX_TEXT_BYTES = 200 * 1024 * 1024
"""Refuse text files larger than this: far beyond any sign-up export."""

MAX_LINE_CHARS = 10_000_000
"""Refuse text with a line longer than this (a binary or runaway file)."""

_CHUNK = 1024 * 1024
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50
_DELIMITERS = (",", ";", "\t")
_FIELD_LIMIT = csv.field_size_limit()
_FALLBACK_ERRORS = "ams_desk.sheets.c1"


def _c1_controls(error: UnicodeError) -> tuple[str, int]:
    """Map the five bytes Windows-1252 leaves undefined to the same code points, as browsers do."""
    assert isinstance(error, UnicodeDecodeError)
    undefined = error.object[error.start : error.end]
    return "".join(chr(byte) for byte in undefined), error.end


codecs.register_error(_FALLBACK_ERRORS, _c1_controls)


_FALLBACK_NOTE = (
    "this line is not UTF-8 like the rest of the file: it was read as Windows-1252; "
    "check its accented letters"
)


@dataclass(frozen=True, slots=True)
class _Survey:
    encoding: str
    errors: str
    lines: int
    sample: str
    # Line by line decoding: the physical lines (from 1) read as Windows-1252, and
    # whether to note them (only when other lines are real UTF-8 text).
    fallback_lines: frozenset[int] | None = None
    note_fallback: bool = False
    newline: bytes = b"\n"


def read_csv(
    path: str,
    sniffed: Sniffed,
    *,
    max_rows: int,
    max_columns: int,
    progress: ProgressCallback | None,
    cancelled: CancelledCallback | None,
    header_row: int | None = None,
) -> RawTable:
    """Read a text file as a table.

    Args:
        path: The file.
        sniffed: What :func:`~ams_desk.sheets.importing.read.sniff.sniff` found (the encoding,
            if marked).
        max_rows: Cap on data rows.
        max_columns: Cap on columns.
        progress: Optional ``progress(done, total)``; ``total`` is the file's
            line count, an upper bound on its rows.
        cancelled: Optional ``cancelled()``.
        header_row: The header's row number, or ``None`` to find it.

    Raises:
        SheetError: The file is too large, badly encoded, badly quoted, or
            exceeds a cap.
        ReadCancelled: ``cancelled()`` returned True.
    """
    size = os.path.getsize(path)
    if size > MAX_TEXT_BYTES:
        raise refuse(
            path,
            f"the file is {size / 1024 / 1024:,.0f} MB, far larger than a "
            f"sign-up sheet (the limit is {MAX_TEXT_BYTES // 1024 // 1024} MB)",
        )
    survey = _survey(path, sniffed.encoding, cancelled)
    delimiter = detect_delimiter(survey.sample)
    builder = TableBuilder(
        path,
        max_rows=max_rows,
        max_columns=max_columns,
        progress=progress,
        cancelled=cancelled,
        total=survey.lines,
        header_row=header_row,
    )
    builder.report(0)
    if survey.lines > max_rows + 1:
        # Possibly over the cap: count records first, keeping nothing, so a
        # million-row file is refused fast and in little memory.
        _count_records(path, survey, delimiter, max_rows, builder)
    with _open_text(path, survey) as text:
        for number, record, notes in _records(path, text, delimiter, survey):
            if number == 1 and record and record[0].startswith("\ufeff"):
                record[0] = record[0][1:]
            builder.add(number, [field or None for field in record], notes)
    return builder.build(None)


@contextmanager
def _open_text(path: str, survey: _Survey) -> Iterator[Iterable[str]]:
    if survey.fallback_lines is None:
        with open(path, encoding=survey.encoding, errors=survey.errors, newline="") as text:
            yield text
        return
    with open(path, "rb") as handle:
        yield (_decode_line(raw)[0] for raw in _binary_lines(handle, survey.newline))


def _binary_lines(handle: BinaryIO, newline: bytes) -> Iterator[bytes]:
    """The file's physical lines, line breaks kept (``newline`` is ``\\n`` or a lone ``\\r``)."""
    if newline == b"\n":
        yield from handle
        return
    rest = b""
    for block in iter(lambda: handle.read(_CHUNK), b""):
        *lines, rest = (rest + block).split(b"\r")
        for line in lines:
            yield line + b"\r"
    if rest:
        yield rest


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """One line as UTF-8, else as Windows-1252; True when it fell back."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", _FALLBACK_ERRORS), True


def _records(
    path: str, text: Iterable[str], delimiter: str, survey: _Survey
) -> Iterator[tuple[int, list[str], RowNotes]]:
    """Yield ``(row number, fields, notes)``, turning parse errors into :class:`SheetError`."""
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    fallback = survey.fallback_lines if survey.note_fallback else None
    number = 0
    last_line = 0
    try:
        for number, record in enumerate(reader, start=1):
            notes: RowNotes = ()
            if fallback:
                if any(line in fallback for line in range(last_line + 1, reader.line_num + 1)):
                    notes = ((ROW_NOTE, _FALLBACK_NOTE),)
                last_line = reader.line_num
            yield number, record, notes
    except csv.Error as exc:
        raise SheetError(path, _quoting_problem(str(exc), delimiter), row=number + 1) from None
    except UnicodeDecodeError:
        raise SheetError(
            path,
            f"the text is not valid {survey.encoding.upper()} here; save the file again "
            'as "CSV UTF-8" and retry',
            row=number + 1,
        ) from None


def _quoting_problem(message: str, delimiter: str) -> str:
    if "field larger than field limit" in message:
        return (
            f"a cell is longer than {_FIELD_LIMIT:,} characters "
            "(perhaps a closing quote mark is missing)"
        )
    if "unexpected end of data" in message:
        return 'a quoted cell starts on this row but its closing quote mark (") is missing'
    if "expected after" in message:
        shown = "tab" if delimiter == "\t" else repr(delimiter)
        return f"a quoted cell has text after its closing quote mark (expected {shown})"
    return f"the CSV is malformed ({message})"


def _count_records(
    path: str, survey: _Survey, delimiter: str, max_rows: int, builder: TableBuilder
) -> None:
    non_blank = 0
    with _open_text(path, survey) as text:
        for number, record, _notes in _records(path, text, delimiter, survey):
            if number % 1000 == 0:
                builder.check_cancelled()
            if not non_blank and number > MAX_LEADING_ROWS:
                raise SheetError(
                    path,
                    f"refused: no header row in the first {MAX_LEADING_ROWS:,} rows "
                    "(they are empty)",
                )
            if any(field.strip() for field in record):
                non_blank += 1
                if non_blank > max_rows + 1:
                    raise SheetError(
                        path,
                        f"refused: the sheet has more than {max_rows:,} rows of data "
                        f"(the limit is {max_rows:,})",
                        row=number,
                    )


class _Undecodable(Exception):
    """The text stops decoding on a given physical line (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _survey(path: str, encoding: str | None, cancelled: CancelledCallback | None) -> _Survey:
    """Decode the whole file once: settle the encoding, count lines, keep a sample."""
    if encoding is None or encoding == "utf-8":
        try:
            return _decode_all(path, "utf-8-sig" if encoding else "utf-8", "strict", cancelled)
        except _Undecodable:
            # A byte-order mark says the file is UTF-8: every other line is a doubt.
            return _decode_lines(path, cancelled, declared=encoding is not None)
    try:
        return _decode_all(path, encoding, "strict", cancelled)
    except _Undecodable as exc:
        raise SheetError(
            path,
            f"the file says it is {encoding.removesuffix('-sig').upper()} text, but line "
            f'{exc.line:,} is not; save it again as "CSV UTF-8" and retry',
        ) from None


def _decode_all(
    path: str, encoding: str, errors: str, cancelled: CancelledCallback | None
) -> _Survey:
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    lines = 0
    run = 0
    sample = ""
    with open(path, "rb") as handle:
        while True:
            if cancelled is not None and cancelled():
                raise ReadCancelled(f"reading {path} was cancelled")
            block = handle.read(_CHUNK)
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                good = block[: exc.start].decode(encoding, errors="replace")
                raise _Undecodable(lines + good.count("\n") + 1) from None
            if len(sample) < _SAMPLE_CHARS:
                sample += text[: _SAMPLE_CHARS - len(sample)]
            # Old Mac exports end lines with CR alone.
            newline = "\n" if "\n" in text or "\r" not in text else "\r"
            newlines = text.count(newline)
            if newlines:
                # The line running since the last block ends here; interior lines
                # of one block are shorter than the block.
                closed = run + text.find(newline)
                run = len(text) - text.rfind(newline) - 1
            else:
                closed = 0
                run += len(text)
            if max(closed, run) > MAX_LINE_CHARS:
                raise refuse(
                    path,
                    f"it has a line longer than {MAX_LINE_CHARS:,} characters, "
                    "which no sign-up sheet has",
                )
            lines += newlines
            if not block:
                break
    if run:
        lines += 1  # the last line has no line break after it
    return _Survey(encoding, errors, lines, sample)


def _decode_lines(path: str, cancelled: CancelledCallback | None, *, declared: bool) -> _Survey:
    """Decode a file that is not all UTF-8 line by line (see the module docstring)."""
    with open(path, "rb") as handle:
        head = handle.read(_CHUNK)
        newline = b"\n" if b"\n" in head or b"\r" not in head else b"\r"
        handle.seek(0)
        fallback: set[int] = set()
        utf8_text = False
        sample: list[str] = []
        sampled = 0
        lines = 0
        for lines, raw in enumerate(_binary_lines(handle, newline), start=1):
            if lines % 10_000 == 0 and cancelled is not None and cancelled():
                raise ReadCancelled(f"reading {path} was cancelled")
            if len(raw) > MAX_LINE_CHARS:
                raise refuse(
                    path,
                    f"it has a line longer than {MAX_LINE_CHARS:,} characters, "
                    "which no sign-up sheet has",
                )
            text, fell_back = _decode_line(raw)
            if fell_back:
                fallback.add(lines)
            elif not utf8_text and not raw.isascii():
                utf8_text = True
            if sampled < _SAMPLE_CHARS:
                sample.append(text[: _SAMPLE_CHARS - sampled])
                sampled += len(sample[-1])
    return _Survey("cp1252", _FALLBACK_ERRORS, lines, "".join(sample), frozenset(fallback),
                   utf8_text or declared, newline)


def detect_delimiter(sample: str) -> str:
    """Pick the delimiter that splits the sample's records most consistently.

    Each of comma, semicolon and tab is counted outside double quotes in every
    record of the sample (a quoted line break does not end a record). The
    winner is the candidate whose count is the same on the most records, then
    the one with the larger count, then the earlier in ``, ; tab`` order.

    Args:
        sample: The start of the file, decoded.

    Returns:
        ``","``, ``";"`` or ``"\\t"``; ``","`` when none occurs (one column).
    """
    counts = _count_outside_quotes(sample)
    best: tuple[float, int, int] | None = None
    choice = ","
    for order, delimiter in enumerate(_DELIMITERS):
        per_record = [record[delimiter] for record in counts]
        nonzero = [count for count in per_record if count]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=lambda value: (per_record.count(value), value))
        consistency = per_record.count(mode) / len(per_record)
        key = (consistency, mode, -order)
        if best is None or key > best:
            best, choice = key, delimiter
    return choice


def _count_outside_quotes(sample: str) -> list[dict[str, int]]:
    records: list[dict[str, int]] = []
    current = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    has_text = False
    for char in sample:
        if char == '"':
            # A doubled quote inside a quoted cell toggles twice: no net change.
            in_quotes = not in_quotes
            has_text = True
        elif in_quotes:
            continue
        elif char in "\r\n":
            if has_text:
                records.append(current)
                if len(records) >= _SAMPLE_RECORDS:
                    return records
            current = dict.fromkeys(_DELIMITERS, 0)
            has_text = False
        else:
            has_text = True
            if char in current:
                current[char] += 1
    if has_text and (not records or len(sample) < _SAMPLE_CHARS):
        # The last record is whole unless the sample was cut from a longer file.
        records.append(current)
    return records
