"""What an import would do, row by row, before anything is written.

Duplicates, decided here and applied identically by :mod:`ams_desk.sheets.importing.apply`:

- **People** are one per case-folded email. A row for a stored person updates
  them; a later row of the same sheet for the same email updates the person
  the earlier row made or updated ("later rows win", in file order). Empty
  cells never clear a stored value; the stored email's spelling is kept.
- **Sign-ups**: a row is the same sign-up as a stored (or earlier-row) one of
  that person with the same role and program year when it is the same
  submission (same sign-up date, or the same file and row) or, failing that,
  when that sign-up is still open. Otherwise — another role, another program
  year, or no open one left — it is a new sign-up (re-participation keeps
  history). An update keeps the earliest sign-up date, never changes the
  status, and records the file and row that changed it.
- A row that changes nothing is *unchanged*: importing the same file twice
  changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from ams_desk.sheets.importing.cells.values import cell_text
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.mapping import Mapping
from ams_desk.sheets.importing.outcome import Change, ImportCounts, RowOutcome
from ams_desk.sheets.importing.parse import ImportOptions, ParsedRow, RowIssue, parse_rows
from ams_desk.sheets.importing.read.table import RawTable, is_blank
from ams_desk.sheets.importing.resolve import email_keys, resolve, source_name
from ams_desk.store.database import Database
from ams_desk.store.imports import ImportState, ImportWrites, load_import_state
from ams_desk.store.settings import get_program_settings

__all__ = [
    "Change", "ImportCounts", "Preview", "RowOutcome", "UnmappedColumn", "build_preview",
    "unmapped_columns",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class UnmappedColumn:
    """A column the mapping leaves out: its answers are not stored.

    Attributes:
        position: The column's index in the table (from 0).
        header: Its header.
        filled: How many rows have a value in it.
        example: Its first value, shortened ("" when it is empty).
    """

    position: int
    header: str
    filled: int
    example: str


def unmapped_columns(table: RawTable, mapping: Mapping) -> tuple[UnmappedColumn, ...]:
    """Every column of ``table`` that ``mapping`` does not import, in sheet order."""
    out: list[UnmappedColumn] = []
    for index, (header, target) in enumerate(zip(table.headers, mapping.fields, strict=True)):
        if target is not None:
            continue
        values = [r.values[index] for r in table.rows if not is_blank(r.values[index])]
        example = " ".join(cell_text(values[0]).split()) if values else ""
        if len(example) > 60:
            example = example[:59] + "…"
        out.append(UnmappedColumn(index, header, len(values), example))
    return tuple(out)


@dataclass(frozen=True)
class Preview:
    """An import worked out but not written; :func:`~.apply.apply_preview` writes it.

    Attributes:
        file: The path that was read.
        sheet: The worksheet (``None`` for CSV).
        mapping: The mapping it was made with.
        options: The options it was made with.
        rows: One outcome per data row, in sheet order.
        counts: The totals.
        parsed: The checked values per row (what apply re-resolves in its transaction).
        state: What was stored when the preview was made.
        writes: What applying it to that state writes.
        unmapped: The columns left out, each with its header.
        header_row: The sheet's own number of the header row.
    """

    file: str
    sheet: str | None
    mapping: Mapping
    options: ImportOptions
    rows: tuple[RowOutcome, ...]
    counts: ImportCounts
    parsed: tuple[ParsedRow | RowIssue, ...] = field(repr=False)
    state: ImportState | None = field(default=None, repr=False, compare=False)
    writes: ImportWrites | None = field(default=None, repr=False, compare=False)
    unmapped: tuple[UnmappedColumn, ...] = ()
    header_row: int = 1

    @property
    def skipped(self) -> tuple[RowIssue, ...]:
        """The skipped rows' reasons, in sheet order."""
        return tuple(r.skipped for r in self.rows if r.skipped is not None)

    @property
    def importable(self) -> bool:
        """True when at least one row can be imported."""
        return any(r.skipped is None for r in self.rows)


def build_preview(
    db: Database,
    table: RawTable,
    mapping: Mapping,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Preview:
    """Check every row of ``table`` and compare it with what ``db`` holds; write nothing.

    Args:
        db: The database to compare with (read only).
        table: The sheet, from :func:`ams_desk.sheets.read_table`.
        mapping: The column mapping (check :meth:`Mapping.missing` first).
        options: Default role, date order, the date for rows without one.
        progress: Optional ``progress(done, total)`` in rows checked.
        cancelled: Optional ``cancelled()``, polled every few hundred rows.

    Raises:
        SheetError: The mapping lacks a field every import needs.
        ImportCancelled: ``cancelled()`` returned True.
    """
    # Fix "today" now, so that applying tomorrow decides exactly as this preview shows.
    options = options or ImportOptions()
    options = replace(options, today=options.today or date.today())
    missing = mapping.missing(default_role=options.default_role)
    if missing:
        names = " or ".join(f.label.lower() for f in missing)
        shown = ", ".join(table.headers[:8]) + (", …" if len(table.headers) > 8 else "")
        raise SheetError(
            table.file, f"refused: no column holds the {names} (the columns are: {shown})"
        )
    ladder = get_program_settings(db).ladder
    parsed = parse_rows(table, mapping, ladder, options, progress=progress, cancelled=cancelled)
    state = load_import_state(db, email_keys(parsed))
    writes, outcomes, counts = resolve(parsed, state, source_name(table.file), options)
    return Preview(table.file, table.sheet, mapping, options, outcomes, counts, tuple(parsed),
                   state, writes, unmapped_columns(table, mapping), table.header_row)
