"""The Topics and Monthly sheets: a small table each, and its native chart beside it."""

from __future__ import annotations

from datetime import date

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ams_desk.core.report import YearlyReport
from ams_desk.sheets.report.cells import ACCENT, MUTED, SERIES, Formats, set_page, write_table
from ams_desk.sheets.report.rows import Column, Table, Value
from ams_desk.sheets.report.table_sheet import TableSheet

TOPICS_SHOWN = 15
"""Topics in the chart (the table lists them all)."""


def _title(sheet: Worksheet, formats: Formats, title: str, subtitle: str) -> None:
    sheet.write_string(0, 0, title, formats.title)
    sheet.write_string(1, 0, subtitle, formats.subtitle)
    sheet.set_row(0, 30)


def topics_table(report: YearlyReport) -> Table:
    """Every topic named this year or last, most named this year first."""
    now, before = report.figures.topics, report.previous.topics
    names = list(now) + sorted((t for t in before if t not in now), key=str.casefold)
    columns = (Column("Topic", max_width=40), Column(str(report.year), "int"),
               Column(str(report.year - 1), "int"))
    return Table(columns, [(t, now.get(t, 0), before.get(t, 0)) for t in names])


def write_topics(book: Workbook, sheet: TableSheet, formats: Formats, report: YearlyReport,
                 title: str) -> None:
    """The Topics sheet: sign-ups naming each topic, this year and last, and a bar chart."""
    _title(sheet, formats, "Topics sign-ups asked for",
           f"Sign-ups of {report.year} naming each topic (a sign-up may name several), "
           f"beside {report.year - 1}.")
    table = topics_table(report)
    top = 3
    write_table(sheet, formats, table, first_row=top)
    shown = min(len(table.rows), TOPICS_SHOWN)
    if shown:
        chart = book.add_chart({"type": "bar"})
        for index in range(2):  # this year, last year
            col = 1 + index
            chart.add_series({
                "name": ["Topics", top, col],
                "categories": ["Topics", top + 1, 0, top + shown, 0],
                "values": ["Topics", top + 1, col, top + shown, col],
                "fill": {"color": SERIES[index]},
                "border": {"none": True},
                "gap": 60,
                "data_labels": {"value": True, "font": {"size": 8, "color": MUTED}}
                if index == 0 else {},
            })  # fmt: skip
        chart.set_title({"name": f"Topics named in {report.year}",
                         "name_font": {"size": 12, "bold": True, "color": ACCENT}})
        # Most named on top; the values' axis stays at the bottom.
        chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": {"size": 9}})
        chart.set_x_axis({"major_gridlines": {"visible": True, "line": {"color": "#E5E7EB"}},
                          "num_font": {"size": 9, "color": MUTED}})
        chart.set_legend({"position": "bottom"})
        chart.set_chartarea({"border": {"none": True}})
        chart.set_size({"width": 620, "height": max(300, 40 + shown * 26)})
        sheet.insert_chart(top, 4, chart, {"x_offset": 10})
    set_page(sheet, title)


def _month(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def monthly_table(report: YearlyReport) -> Table:
    """Sign-ups and proposals in each month of the year, and the same month a year before."""
    columns = (Column("Month", "month", max_width=12), Column("Sign-ups", "int"),
               Column("Proposals", "int"), Column(f"Sign-ups {report.year - 1}", "int"),
               Column(f"Proposals {report.year - 1}", "int"))
    before = report.previous.by_month
    rows: list[tuple[Value, ...]] = []
    for key, counts in report.figures.by_month.items():
        year, month = key.split("-")
        last = before.get(f"{int(year) - 1:04d}-{month}")
        rows.append((_month(key), counts.signups, counts.proposals,
                     last.signups if last else None, last.proposals if last else None))
    return Table(columns, rows)


def write_monthly(book: Workbook, sheet: TableSheet, formats: Formats, report: YearlyReport,
                  title: str) -> None:
    """The Monthly sheet: sign-ups and proposals per month, and a column chart."""
    _title(sheet, formats, "Sign-ups and proposals per month",
           f"Program year {report.year}, with the same months of {report.year - 1} beside.")
    table = monthly_table(report)
    top = 3
    write_table(sheet, formats, table, first_row=top)
    rows = len(table.rows)
    chart = book.add_chart({"type": "column"})
    for index in range(2):  # sign-ups, proposals
        col = 1 + index
        chart.add_series({
            "name": ["Monthly", top, col],
            "categories": ["Monthly", top + 1, 0, top + rows, 0],
            "values": ["Monthly", top + 1, col, top + rows, col],
            "fill": {"color": SERIES[index]},
            "border": {"none": True},
            "gap": 80,
        })  # fmt: skip
    chart.set_title({"name": f"Sign-ups and proposals per month, {report.year}",
                     "name_font": {"size": 12, "bold": True, "color": ACCENT}})
    chart.set_x_axis({"num_font": {"size": 9, "rotation": -45}, "num_format": "mmm yyyy"})
    chart.set_y_axis({"major_gridlines": {"visible": True, "line": {"color": "#E5E7EB"}},
                      "num_font": {"size": 9, "color": MUTED}, "min": 0})
    chart.set_legend({"position": "bottom"})
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": 640, "height": 340})
    sheet.insert_chart(top, 6, chart, {"x_offset": 10})
    set_page(sheet, title)
