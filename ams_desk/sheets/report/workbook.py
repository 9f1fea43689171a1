"""The yearly report workbook: Summary, Pairs, Sign-ups, Mentors, Topics and Monthly."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.workbook import Workbook

from ams_desk.core.report import YearlyReport
from ams_desk.sheets.report.cells import WORKBOOK_OPTIONS, Formats, set_page, write_table
from ams_desk.sheets.report.charts import write_monthly, write_topics
from ams_desk.sheets.report.rows import Table, mentors_table, pairs_table, signups_table
from ams_desk.sheets.report.summary import SHEET, report_title, write_summary
from ams_desk.sheets.report.table_sheet import TableSheet
from ams_desk.store.bulk import paused_gc
from ams_desk.store.report import ProgramData

SHEETS = (SHEET, "Pairs", "Sign-ups", "Mentors", "Topics", "Monthly")
"""The workbook's sheets, in order."""

Progress = Callable[[int, int | None], None]
Cancelled = Callable[[], bool]


class ReportCancelled(Exception):
    """The export was cancelled; no file was written."""


class ReportExportError(Exception):
    """The workbook could not be written; the message names the file and why."""


def write_report(
    path: Path,
    data: ProgramData,
    report: YearlyReport,
    *,
    made: datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write the report of ``report.year`` to ``path`` (.xlsx); return the path.

    The workbook is written next to ``path`` under a temporary name and moved
    into place when complete, so a cancelled or failed export leaves any
    earlier file as it was.

    Args:
        path: The workbook to write.
        data: The program's sign-ups and pairs (see :func:`store.report.load_program_data`).
        report: The figures of the year and the year before, from ``data``.
        made: When the report was made (shown under its title; default: now).
        progress: Called with ``(rows written, rows in all)``.
        cancelled: Asked between blocks of rows; ``True`` stops without a file.

    Raises:
        ReportCancelled: ``cancelled()`` said so.
        ReportExportError: The file could not be written.
    """
    with paused_gc():  # a table of 10,000 rows: many small objects, no cycles
        return _write(path, data, report, made or datetime.now().replace(microsecond=0),
                      progress, cancelled)


def _write(
    path: Path,
    data: ProgramData,
    report: YearlyReport,
    made: datetime,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Path:
    settings = data.settings
    tables: dict[str, Table] = {
        "Pairs": pairs_table(data, report),
        "Sign-ups": signups_table(data, report),
        "Mentors": mentors_table(data, report),
    }
    total = sum(len(t.rows) for t in tables.values()) + 3
    done = 0

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        if cancelled is not None and cancelled():
            raise ReportCancelled("The export was cancelled; no file was written.")
        if progress is not None:
            progress(done, total)

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~report-", suffix=".xlsx", dir=folder)
    except OSError as exc:
        raise ReportExportError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    os.close(handle)
    try:
        title = report_title(report.year)
        book = Workbook(temporary, WORKBOOK_OPTIONS)
        book.set_properties({"title": title, "subject": "AMS mentorship program report",
                             "author": "AMS Desk", "company": "AMS", "created": made})
        formats = Formats.create(book)
        summary = book.add_worksheet(SHEET)
        sheets = {name: book.add_worksheet(name, worksheet_class=TableSheet)
                  for name in SHEETS[1:]}
        write_summary(book, summary, formats, report, made=made,
                      start_month=settings.year_start_month,
                      response_days=settings.mentor_response_days)
        advance(1)
        for name, table in tables.items():
            sheet = sheets[name]
            sheet.write_string(0, 0, f"{name} — program year {report.year}", formats.title)
            sheet.write_string(1, 0, f"{len(table.rows):,} rows. {_about(name)}", formats.subtitle)
            sheet.set_row(0, 30)
            write_table(sheet, formats, table, first_row=3, progress=advance)
            set_page(sheet, title)
            if name == "Pairs":
                sheet.set_paper(8)  # A3: two dozen columns stay legible on one page's width
        write_topics(book, sheets["Topics"], formats, report, title)
        write_monthly(book, sheets["Monthly"], formats, report, title)
        advance(2)
        book.close()
        os.replace(temporary, path)
    except ReportCancelled:
        _remove(temporary)
        raise
    except (OSError, XlsxWriterException) as exc:
        _remove(temporary)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ReportExportError(f"{path}: the report could not be written: {reason}") from None
    except BaseException:
        _remove(temporary)
        raise
    return path


def _about(name: str) -> str:
    return {
        "Pairs": "Every pair proposed this year, with the date of each step it reached. "
                 "Late: answered or responded after the due period, or still not and past due.",
        "Sign-ups": "Every sign-up of the year. Days waiting: to the first proposal, or to "
                    "the report's day while still waiting.",
        "Mentors": "Every mentor sign-up of the year: the places offered and taken "
                   "(every pair not declined or cancelled takes one).",
    }[name]


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
