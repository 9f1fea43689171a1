"""Pictures of the report for the README: the Report tab, a funnel step, and the Summary sheet.

The Summary is the exported workbook as LibreOffice renders it (to PDF, then
the first page to PNG with ``pdftoppm``), so the picture shows what a
spreadsheet program makes of the file, not what we meant it to look like.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from ams_desk.core.report import FUNNEL


def _settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def render_summary(workbook: Path, png: Path) -> bool:
    """Render the first sheet of ``workbook`` with LibreOffice to ``png``; False if it cannot."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("report-summary: needs LibreOffice (soffice) and pdftoppm (poppler-utils)",
              file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="ams-lo-") as folder:
        profile = Path(folder) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", folder, str(workbook)],
            check=True, capture_output=True, timeout=240,
        )
        pdf = Path(folder) / f"{workbook.stem}.pdf"
        subprocess.run([pdftoppm, "-r", "110", "-f", "1", "-l", "1", "-png", "-singlefile",
                        str(pdf), str(png.with_suffix(""))], check=True, timeout=120)
    return png.exists()


def report_shots(
    app: QApplication,
    window: Any,
    save: Callable[[QWidget, str], None],
    save_pixmap: Callable[[QPixmap, str], None],
    output: Path,
) -> list[Path]:
    """The Report tab (wide and at 1024 px), a funnel step's pairs, and the Summary sheet."""
    view = window.report_view
    window.tabs.setCurrentWidget(view)
    deadline = time.monotonic() + 120
    while (view.loader.busy or view.report is None) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)  # read off-thread
    _settle(app)
    save(window, "report")
    size = window.size()
    window.resize(1024, 720)
    _settle(app)
    save(window, "report-1024")
    window.resize(size)
    _settle(app)
    dialog = view.show_step(FUNNEL.index(("met", "Met")))
    if dialog is not None:
        save(dialog, "report-funnel-step")
        dialog.close()
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ams-report-") as folder:
        workbook = Path(folder) / "AMS mentorship report.xlsx"
        from ams_desk.sheets.report import write_report

        assert view.data is not None and view.report is not None
        # Made on the screenshots' fixed day, so "made on" and "figures as of" agree.
        made_at = datetime.combine(view.ctx.today, datetime.min.time()).replace(hour=9, minute=30)
        write_report(workbook, view.data, view.report, made=made_at)
        png = output / "report-summary.png"
        if render_summary(workbook, png):
            made.append(png)
    return made
