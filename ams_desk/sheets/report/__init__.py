"""The yearly program report as an Excel workbook (XlsxWriter), with native charts.

Every figure comes from :mod:`ams_desk.core.report`; every cell is written as
what it is (text stays text), so nothing from the data becomes a formula.
"""

from ams_desk.sheets.report.workbook import (
    SHEETS,
    ReportCancelled,
    ReportExportError,
    write_report,
)

__all__ = ["SHEETS", "ReportCancelled", "ReportExportError", "write_report"]
