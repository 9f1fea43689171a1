"""A real spreadsheet program opens the report: LibreOffice reads back the same figures."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from libreoffice import convert
from report_files import chart_parts, read_summary

from ams_desk.core.report import FIGURES
from ams_desk.sheets.report import SHEETS, write_report
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.report import load_program_data

TODAY = date(2026, 6, 15)

pytestmark = pytest.mark.slow


def test_libreoffice_reads_the_summary_back_equal_to_the_figures(
    db: Database, tmp_path: Path
) -> None:
    fill_demo(db, today=TODAY)
    data = load_program_data(db)
    report = data.report(2026, TODAY)
    path = write_report(tmp_path / "report.xlsx", data, report, made=datetime(2026, 6, 15, 9))
    # LibreOffice loads the workbook and saves it as its own .xlsx: what it read is what
    # it writes, charts included.
    resaved = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "libreoffice")
    assert openpyxl.load_workbook(resaved).sheetnames == list(SHEETS)
    assert len(chart_parts(resaved)) == 3
    shown = read_summary(resaved)
    assert set(shown) == set(FIGURES)
    for key, (now, last, change) in shown.items():
        for value, expected in ((now, report.figures[key]), (last, report.previous[key])):
            if expected is None:
                assert value in (None, ""), key
            else:
                assert value == pytest.approx(expected, rel=1e-12), key
        if now is not None and last is not None:
            factor = 100 if FIGURES[key].kind == "rate" else 1
            assert change == pytest.approx((now - last) * factor), key
    pdf = convert(path, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000
