"""“Export to Excel…”: choose a file, write the workbook off the GUI thread, then offer it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from ams_desk.core.report import YearlyReport
from ams_desk.gui.tasks import Task, run_task
from ams_desk.sheets.report import ReportCancelled, write_report
from ams_desk.store.report import ProgramData


def default_name(year: int) -> str:
    return f"AMS mentorship report {year}.xlsx"


class ReportExport(QObject):
    """One export of the report: progress with Cancel, then “Open” / “Show in folder”.

    Signals:
        finished(object): The workbook's path once written, or ``None`` (cancelled, failed).
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        report_error: Callable[[str, Exception], None],
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._report_error = report_error
        self._settings = settings or QSettings()
        self.task: Task[Path] | None = None
        self.progress: QProgressDialog | None = None
        self.done_box: QMessageBox | None = None
        self.path: Path | None = None

    def ask_path(self, year: int) -> Path | None:
        """The file to write, from a save dialog that starts in the last folder used."""
        folder = str(self._settings.value("report/folder", "") or Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Export the report to Excel", str(Path(folder) / default_name(year)),
            "Excel workbook (*.xlsx)",
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def start(self, path: Path, data: ProgramData, report: YearlyReport) -> Task[Path]:
        """Write the workbook to ``path`` on the worker thread, with a progress dialog."""
        self.path = path
        self._settings.setValue("report/folder", str(path.parent))
        progress = QProgressDialog(f"Writing {path.name}…", "Cancel", 0, 100, self._parent)
        progress.setWindowTitle("Export to Excel")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.progress = progress
        made = datetime.now().replace(microsecond=0)

        def job(report_progress: Callable[[int, int | None], None],
                cancelled: Callable[[], bool]) -> Path:
            return write_report(path, data, report, made=made, progress=report_progress,
                                cancelled=cancelled)

        # No parent: closing the window during an export must not delete the task's bridge
        # under the worker; the file is still written, and nothing is shown for it.
        self.task = run_task(job, on_success=self._succeeded, on_failure=self._failed,
                             on_progress=self._progressed)
        progress.canceled.connect(self.task.cancel)
        return self.task

    def _progressed(self, done: int, total: int | None) -> None:
        if shiboken6.isValid(self) and self.progress is not None and total:
            self.progress.setValue(min(99, int(done * 100 / total)))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _succeeded(self, path: Path) -> None:
        if not shiboken6.isValid(self):  # the window was closed meanwhile
            return
        self._close_progress()
        box = QMessageBox(self._parent)
        box.setWindowTitle("Report exported")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"The report was saved as {path.name}.")
        box.setInformativeText(str(path.parent))
        open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        open_button.clicked.connect(self.open_file)
        folder_button.clicked.connect(self.show_folder)
        self.done_box = box
        box.open()
        self.finished.emit(path)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._close_progress()
        if not isinstance(error, ReportCancelled):
            self._report_error("The report could not be exported", error)  # type: ignore[arg-type]
        self.finished.emit(None)

    def open_file(self) -> bool:
        """Open the workbook in the program the system uses for .xlsx."""
        return self.path is not None and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.path)))

    def show_folder(self) -> bool:
        """Open the folder that holds the workbook."""
        return self.path is not None and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.path.parent)))

    def buttons(self) -> list[QPushButton]:
        """The finished dialog's buttons (for tests and screenshots)."""
        return [b for b in (self.done_box.buttons() if self.done_box else [])
                if isinstance(b, QPushButton)]
