"""The Summary sheet: every figure with last year beside it, and the funnel chart."""

from __future__ import annotations

from datetime import date, datetime

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ams_desk.core.report import (
    FIGURES,
    FUNNEL,
    SECTIONS,
    YearlyReport,
    change,
    figure_label,
    year_span,
)
from ams_desk.sheets.report.cells import ACCENT, MUTED, Formats, set_page, write_value

SHEET = "Summary"
HEADER_ROW = 4
"""The row of the figures' header (0-based): Figure | this year | last year | Change."""
FUNNEL_COL = 5
"""The first column of the funnel's table (F)."""


def day_text(day: date) -> str:
    """``15 Jun 2026``, the same on every platform."""
    return f"{day.day} {day:%b %Y}"


def report_title(year: int) -> str:
    return f"AMS Mentorship Program — yearly report {year}"


def write_summary(
    book: Workbook,
    sheet: Worksheet,
    formats: Formats,
    report: YearlyReport,
    *,
    made: datetime,
    start_month: int,
    response_days: int,
) -> None:
    """Fill the Summary sheet; the funnel chart is drawn from the table beside the figures."""
    year, last = report.year, report.year - 1
    first_day, last_day = year_span(year, start_month)
    sheet.write_string(0, 0, report_title(year), formats.title)
    running = " (the year is still running)" if report.as_of < last_day else ""
    sheet.write_string(
        1, 0,
        f"Program year {day_text(first_day)} – {day_text(last_day)}; figures as of "
        f"{day_text(report.as_of)}{running}, beside program year {last}.",
        formats.subtitle,
    )  # fmt: skip
    sheet.write_string(
        2, 0, f"Made on {day_text(made.date())} at {made:%H:%M} with AMS Desk.", formats.subtitle
    )
    sheet.set_row(0, 30)
    for col, text in enumerate(("Figure", str(year), str(last), "Change")):
        sheet.write_string(HEADER_ROW, col, text, formats.header if col == 0
                           else formats.header_number)
    sheet.set_row(HEADER_ROW, 20)
    row = HEADER_ROW
    for section, keys in SECTIONS:
        row += 1
        sheet.write_string(row, 0, section, formats.section)
        for col in (1, 2, 3):
            sheet.write_blank(row, col, None, formats.section)
        sheet.set_row(row, 24)
        for key in keys:
            row += 1
            _figure_row(sheet, formats, row, key, report, response_days)
    row += 2
    sheet.merge_range(row, 0, row, 3, "", formats.note)
    sheet.write_string(
        row, 0,
        "A pair belongs to the program year of the day it was proposed; it counts for every "
        "step it reached. Days are counted between calendar dates; medians are the middle "
        "value. A rate is left blank when there was nothing to count. Change is this year "
        "minus last year (rates in percentage points).",
        formats.note,
    )  # fmt: skip
    sheet.set_row(row, 54)

    funnel_end = _funnel(book, sheet, formats, report)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 3, 11)
    sheet.set_column(4, 4, 3)
    sheet.set_column(FUNNEL_COL, FUNNEL_COL, 24)
    sheet.set_column(FUNNEL_COL + 1, FUNNEL_COL + 3, 12)
    sheet.set_column(FUNNEL_COL + 4, FUNNEL_COL + 4, None, None, {"hidden": True})
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    sheet.hide_gridlines(2)
    set_page(sheet, report_title(year), landscape=True)
    sheet.repeat_rows(HEADER_ROW)
    sheet.print_area(0, 0, max(row, funnel_end), FUNNEL_COL + 3)
    sheet.activate()


def _figure_row(
    sheet: Worksheet,
    formats: Formats,
    row: int,
    key: str,
    report: YearlyReport,
    response_days: int,
) -> None:
    kind = FIGURES[key].kind
    now, before = report.figures[key], report.previous[key]
    current_fmt, last_fmt, change_fmt = {
        "count": (formats.figure, formats.figure_last, formats.change),
        "rate": (formats.figure_percent, formats.figure_last_percent, formats.change_percent),
        "days": (formats.figure_days, formats.figure_last_days, formats.change_days),
    }[kind]
    sheet.write_string(row, 0, figure_label(key, response_days), formats.label)
    write_value(sheet, row, 1, now, current_fmt)
    write_value(sheet, row, 2, before, last_fmt)
    difference = change(now, before)
    if difference is None:
        sheet.write_blank(row, 3, None, change_fmt)
    else:
        # The team may correct a figure by hand; the change follows. Its value is stored too,
        # so every reader shows it without recalculating.
        shown = difference * 100 if kind == "rate" else difference
        formula = f"=(B{row + 1}-C{row + 1})*100" if kind == "rate" else f"=B{row + 1}-C{row + 1}"
        sheet.write_formula(row, 3, formula, change_fmt, shown)


def _funnel(book: Workbook, sheet: Worksheet, formats: Formats, report: YearlyReport) -> int:
    """The funnel's table beside the figures and its chart below it; returns the last row."""
    # One row below the figures' header: the funnel's rows then line up with plain figure rows.
    col, top = FUNNEL_COL, HEADER_ROW + 1
    headers = ("Pairs that reached", str(report.year), "Share", str(report.year - 1))
    for offset, text in enumerate(headers):
        sheet.write_string(top, col + offset, text,
                           formats.header if offset == 0 else formats.header_number)
    values = [report.figures[key] or 0 for key, _ in FUNNEL]
    widest = max(values) if values else 0
    proposed = values[0]
    for index, (key, label) in enumerate(FUNNEL):
        row = top + 1 + index
        value = values[index]
        sheet.write_string(row, col, label, formats.label)
        sheet.write_number(row, col + 1, value, formats.figure)
        write_value(sheet, row, col + 2, value / proposed if proposed else None,
                    formats.figure_last_percent)
        write_value(sheet, row, col + 3, report.previous[key], formats.figure_last)
        # The invisible half-gap that centres each bar: a funnel from a stacked bar chart.
        sheet.write_number(row, col + 4, (widest - value) / 2, formats.int)
    first, last = top + 1, top + len(FUNNEL)
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    ref = f"'{SHEET}'!${{}}${first + 1}:${{}}${last + 1}"
    letter = _letters(col)
    chart.add_series({
        "name": "gap",
        "categories": ref.format(letter[0], letter[0]),
        "values": ref.format(letter[4], letter[4]),
        "fill": {"none": True},
        "border": {"none": True},
    })  # fmt: skip
    chart.add_series({
        "name": f"Pairs {report.year}",
        "categories": ref.format(letter[0], letter[0]),
        "values": ref.format(letter[1], letter[1]),
        "fill": {"color": ACCENT},
        "border": {"none": True},
        "gap": 35,
        "data_labels": {"value": True, "position": "center",
                        "font": {"color": "#FFFFFF", "bold": True, "size": 10}},
    })  # fmt: skip
    chart.set_title({"name": f"From proposal to continuing, {report.year}",
                     "name_font": {"size": 12, "bold": True, "color": ACCENT}})
    chart.set_x_axis({"visible": False, "major_gridlines": {"visible": False},
                      "min": 0, "max": max(widest, 1)})
    chart.set_y_axis({"reverse": True, "line": {"none": True},
                      "num_font": {"size": 10, "color": MUTED}})
    chart.set_legend({"none": True})
    chart.set_chartarea({"border": {"none": True}})
    chart.show_hidden_data()  # the gaps live in a hidden column
    chart.set_size({"width": 440, "height": 290})
    chart_row = last + 2
    sheet.insert_chart(chart_row, col, chart, {"x_offset": 4, "y_offset": 4})
    return chart_row + 16


def _letters(col: int) -> list[str]:
    return [chr(65 + col + i) for i in range(5)]
