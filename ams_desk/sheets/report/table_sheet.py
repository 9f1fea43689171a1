"""A worksheet whose table rows are rendered to sheet XML at once, in order.

XlsxWriter spends about five microseconds on every cell (a cell tuple per
write, then its attributes, escaping and dimension checks when the sheet is
saved): two seconds for the 400,000 cells of a 10,000-pair report, which is
most of the export. Measured on that report, neither ``constant_memory`` nor
``write_row`` changes it by more than a tenth.

:class:`TableSheet` is an ordinary XlsxWriter worksheet — titles, header,
column widths, freeze panes, autofilter and print settings still go through
XlsxWriter — except that the rows of one plain table are rendered here, once,
to the ``<row>`` elements of the sheet's ``<sheetData>``. Strings go into the
workbook's shared-string table (XlsxWriter escapes them as it writes that
part), so only numbers, style indexes and cell references are formatted here;
no cell ever gets a ``<f>`` element, whatever its text starts with.

It relies on four XlsxWriter internals, pinned by ``constraints.txt`` and
checked by ``tests/sheets/test_report_table_sheet.py`` against XlsxWriter's
own cell writer: ``_write_sheet_data`` (overridden), ``str_table``,
``_check_dimensions`` and ``Format._get_xf_index``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

MAX_TEXT = 32767
"""The most characters a spreadsheet cell holds; longer text is cut with an ellipsis."""

EXCEL_EPOCH = date(1899, 12, 30).toordinal()
"""Day 0 of Excel's 1900 date system: a date's serial is its ordinal minus this."""

BLOCK = 1000
"""Rows rendered between two calls of ``progress``."""


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: cut to :data:`MAX_TEXT` with a visible ``…``.

    XlsxWriter would cut it too, silently; a reader should see that something is missing.
    """
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


class TableSheet(Worksheet):  # type: ignore[misc]  # XlsxWriter publishes no types
    """A worksheet with one block of table rows written as XML (see the module docstring).

    Create it with ``book.add_worksheet(name, worksheet_class=TableSheet)``.
    """

    def __init__(self) -> None:
        super().__init__()
        self._table_xml: list[str] = []
        self._table_first_row: int | None = None

    def write_table_rows(
        self,
        first_row: int,
        rows: Sequence[Sequence[object]],
        cell_formats: Sequence[Format | None],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Render ``rows`` as the sheet's rows from ``first_row`` (0-based) on.

        Args:
            first_row: The row of the first table row; nothing may be written at or
                below it in any other way.
            rows: Each a tuple of ``str``, ``int``, ``float``, ``date`` or ``None``
                (a blank, not written), one per column. A ``datetime`` is written as its
                day; a float that is not finite is left blank.
            cell_formats: The format of each column's cells; ``None`` for the default.
            progress: Called with the number of rows rendered, every :data:`BLOCK`
                rows and at the end (it may raise to stop the export).

        Raises:
            ValueError: Rows were already rendered for this sheet.
            TypeError: A value of another type (a ``bool`` included).
        """
        if self._table_first_row is not None:
            raise ValueError("a table sheet holds one block of table rows")
        width = max((len(r) for r in rows), default=0)
        styles = [
            f' s="{fmt._get_xf_index()}"' if fmt is not None else "" for fmt in cell_formats
        ]
        styles += [""] * (width - len(styles))
        # Per column, the cell's text before and after its row number and value.
        columns = [(f'<c r="{xl_col_to_name(c)}', f'"{style} t="s"><v>', f'"{style}><v>', style)
                   for c, style in enumerate(styles)]
        shared = self.str_table._get_shared_string_index
        out: list[str] = []  # the sheet's only once complete
        append = out.append
        spans = f' spans="1:{width}">' if width else ">"
        row_number = first_row
        for done, values in enumerate(rows, 1):
            row_number += 1  # 1-based in the XML
            r = str(row_number)
            append(f'<row r="{r}"{spans}')
            for value, (head, text_tail, number_tail, style) in zip(values, columns, strict=False):
                # Exact types first: the common cells cost one comparison each.
                kind = type(value)
                if value is None:
                    continue
                if kind is str:
                    text = value if len(value) <= MAX_TEXT else cell_text(value)  # type: ignore[arg-type]
                    append(f"{head}{r}{text_tail}{shared(text)}</v></c>")
                elif kind is int:
                    append(f"{head}{r}{number_tail}{value}</v></c>")
                elif kind is date:
                    serial = value.toordinal() - EXCEL_EPOCH  # type: ignore[attr-defined]
                    append(f"{head}{r}{number_tail}{serial}</v></c>")
                else:
                    append(_other_cell(head, row_number, style, value))
            append("</row>")
            if progress is not None and done % BLOCK == 0:
                progress(BLOCK)
        if progress is not None and len(rows) % BLOCK:
            progress(len(rows) % BLOCK)
        self._table_first_row = first_row
        self._table_xml = out
        if rows and width:
            self._check_dimensions(first_row, 0)
            self._check_dimensions(first_row + len(rows) - 1, width - 1)

    def _write_sheet_data(self) -> None:
        """XlsxWriter's rows (titles, header), then the rendered table rows."""
        if not self._table_xml:
            super()._write_sheet_data()
            return
        start = self._table_first_row or 0
        # XlsxWriter writes its own <row> for a cell or a set_row(); two <row> elements with
        # one number make Excel repair the file.
        written = [row for row, cells in self.table.items() if cells and row >= start]
        written += [row for row in self.row_info if row >= start]
        if written:
            raise ValueError(f"cells or rows set below the table's first row {start + 1}: "
                             f"row {min(written) + 1}")
        self._xml_start_tag("sheetData")
        self._write_rows()  # only rows above the table hold XlsxWriter's cells
        self.fh.writelines(self._table_xml)
        self._xml_end_tag("sheetData")


def _other_cell(head: str, row_number: int, style: str, value: object) -> str:
    """A cell of a less common type: float, datetime or an int subclass.

    A bool is refused: a flag is shown as words (LibreOffice saves a boolean cell back as
    the formula ``=TRUE()``).
    """
    if isinstance(value, bool):
        raise TypeError("a flag is written as text (Yes/No), not as bool")
    if isinstance(value, int):
        return f'{head}{row_number}"{style}><v>{int(value)}</v></c>'
    if isinstance(value, float):
        if not math.isfinite(value):  # no spreadsheet number; the cell keeps its format only
            return f'{head}{row_number}"{style}/>'
        return f'{head}{row_number}"{style}><v>{value:.16G}</v></c>'
    if isinstance(value, date):  # a datetime: its calendar date, like the table's dates
        return f'{head}{row_number}"{style}><v>{value.toordinal() - EXCEL_EPOCH}</v></c>'
    raise TypeError(f"cannot write {type(value).__name__} to a report cell")
