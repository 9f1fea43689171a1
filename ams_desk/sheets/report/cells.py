"""Cell formats and the one way the report writes a value: typed, never parsed.

XlsxWriter's ``write()`` guesses: a string starting with ``=`` becomes a
formula, one that looks like a URL becomes a link. Nothing from the data may
become either, so every single cell goes through :func:`write_value`, which calls
``write_string``/``write_number``/``write_datetime``/``write_blank`` for the
value's type, and the table sheets' rows are rendered by
:class:`~ams_desk.sheets.report.table_sheet.TableSheet`, which writes text only
as shared strings. The workbook also turns XlsxWriter's guessing off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ams_desk.sheets.report.rows import Table, Value
from ams_desk.sheets.report.table_sheet import TableSheet, cell_text

FONT = "Calibri"
INK = "#1F2A37"
MUTED = "#6B7280"
ACCENT = "#1D4E89"
ACCENT_LIGHT = "#DCE7F3"
RULE = "#C9D3DF"
SERIES = ("#1D4E89", "#E07B39", "#4C9A6A", "#8E6BB8")

WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": "d mmm yyyy",
    # Table cells of text and whole numbers use the default format (no style attribute on
    # each of their cells: a tenth of the writing time at 10,000 pairs).
    "default_format_properties": {"font_name": FONT, "font_size": 10},
}


@dataclass(frozen=True)
class Formats:
    """The report's cell formats, made once per workbook."""

    title: Format
    subtitle: Format
    section: Format
    header: Format
    header_number: Format
    header_center: Format
    text: Format
    int: Format
    id: Format
    date: Format
    month: Format
    percent: Format
    days: Format
    flag: Format
    label: Format
    figure: Format
    figure_percent: Format
    figure_days: Format
    figure_last: Format
    figure_last_percent: Format
    figure_last_days: Format
    change: Format
    change_percent: Format
    change_days: Format
    note: Format

    @classmethod
    def create(cls, book: Workbook) -> Formats:
        def fmt(**props: Any) -> Format:
            return book.add_format({"font_name": FONT, "font_size": 10, "font_color": INK,
                                    "valign": "vcenter", **props})

        header = {"bold": True, "bg_color": ACCENT, "font_color": "#FFFFFF", "border": 1,
                  "border_color": ACCENT, "text_wrap": True}
        figure = {"font_size": 11, "bottom": 1, "bottom_color": RULE}
        last = {**figure, "font_color": MUTED}
        change = {**figure, "font_color": MUTED, "italic": True}
        return cls(
            title=fmt(bold=True, font_size=18, font_color=ACCENT),
            subtitle=fmt(font_color=MUTED, font_size=10),
            section=fmt(bold=True, font_size=11, font_color=ACCENT, bottom=2,
                        bottom_color=ACCENT),
            header=fmt(**header),
            header_number=fmt(**header, align="right"),
            header_center=fmt(**header, align="center"),
            text=fmt(),
            int=fmt(num_format="0"),
            id=fmt(num_format="0", align="center"),
            date=fmt(num_format="d mmm yyyy", align="left"),
            month=fmt(num_format="mmm yyyy", align="left"),
            percent=fmt(num_format="0.0%"),
            days=fmt(num_format="0.#"),
            flag=fmt(align="center"),
            label=fmt(font_size=11, bottom=1, bottom_color=RULE, indent=1),
            figure=fmt(**figure, bold=True, num_format="#,##0"),
            figure_percent=fmt(**figure, bold=True, num_format="0.0%"),
            figure_days=fmt(**figure, bold=True, num_format="0.0"),
            figure_last=fmt(**last, num_format="#,##0"),
            figure_last_percent=fmt(**last, num_format="0.0%"),
            figure_last_days=fmt(**last, num_format="0.0"),
            change=fmt(**change, num_format="+#,##0;−#,##0;0"),
            change_percent=fmt(**change, num_format='+0.0" pt";−0.0" pt";0.0" pt"'),
            change_days=fmt(**change, num_format="+0.0;−0.0;0.0"),
            note=fmt(font_color=MUTED, italic=True, text_wrap=True, valign="top"),
        )

    def for_column(self, kind: str) -> Format | None:
        """The format of a table column's cells; ``None`` for the workbook's default."""
        return {"id": self.id, "flag": self.flag, "date": self.date, "month": self.month,
                "percent": self.percent, "days": self.days}.get(kind)


def write_value(sheet: Worksheet, row: int, col: int, value: Value, cell_format: Format) -> None:
    """Write one value as what it is: text stays text, whatever it starts with."""
    if value is None:
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, col, cell_text(value), cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, cell_format)
    elif isinstance(value, datetime | date):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                    value.day)
        sheet.write_datetime(row, col, moment, cell_format)
    else:  # pragma: no cover - rows hold only the types above
        raise TypeError(f"cannot write {type(value).__name__} to a report cell")


def _shown_width(value: Value, kind: str) -> float:
    if value is None:
        return 0
    if kind in ("date", "month"):
        return 11
    return len(str(value))


def write_table(
    sheet: TableSheet,
    formats: Formats,
    table: Table,
    *,
    first_row: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``table`` with a bold frozen header, an autofilter and fitted widths.

    Returns the index of the row after the table. ``progress(rows)`` is
    called every 1,000 rows (it may raise to stop the export).
    """
    widths: list[float] = [min(max(len(c.header) * 0.9, 6), c.max_width) for c in table.columns]
    for col, column in enumerate(table.columns):
        fmt = (formats.header_number if column.kind in ("int", "percent", "days")
               else formats.header_center if column.kind in ("id", "flag") else formats.header)
        sheet.write_string(first_row, col, column.header, fmt)
    kinds = [c.kind for c in table.columns]
    sheet.write_table_rows(first_row + 1, table.rows, [formats.for_column(k) for k in kinds],
                           progress)
    # Widths from the first rows: enough to fit, quick at 10,000.
    for values in table.rows[:2000]:
        for col, value in enumerate(values):
            width = _shown_width(value, kinds[col])
            if width > widths[col]:
                widths[col] = min(width, table.columns[col].max_width)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width + 2)
    sheet.set_row(first_row, 30)
    last_row = max(first_row + len(table.rows), first_row + 1)
    sheet.autofilter(first_row, 0, last_row, len(table.columns) - 1)
    sheet.freeze_panes(first_row + 1, 0)
    sheet.repeat_rows(first_row)
    return first_row + len(table.rows) + 1


def set_page(sheet: Worksheet, title: str, *, landscape: bool = True) -> None:
    """A4, fitted to the page width, the report's title and page numbers in header/footer."""
    sheet.set_paper(9)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    safe = title.replace("&", "&&")
    sheet.set_header(f"&L&8{safe}&R&8&A")
    sheet.set_footer("&L&8AMS Desk&R&8Page &P of &N")

