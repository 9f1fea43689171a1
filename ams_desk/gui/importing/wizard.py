"""The import wizard: choose a file, check the column mapping, preview every row, import.

Each step's long work (reading, checking, writing) runs off the GUI thread
through :func:`ams_desk.gui.tasks.run_task` with a progress bar and Cancel;
nothing is written before the coordinator presses Import on the preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ams_desk.core.model import Role
from ams_desk.core.text import plural
from ams_desk.core.validation import ValidationError
from ams_desk.gui.context import AppContext
from ams_desk.gui.importing.confirmations import ConfirmationChoice
from ams_desk.gui.importing.models import MappingModel, PreviewModel, outcome_text
from ams_desk.gui.importing.result_page import ResultPage
from ams_desk.gui.operations import OperationBusy
from ams_desk.gui.tasks import Task, run_task
from ams_desk.gui.widgets import BusyBar, filter_bar, make_search_edit, make_table
from ams_desk.mail.import_emails import queue_import_confirmations
from ams_desk.sheets.importing.apply import ImportReport
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.importer import (
    NO_HEADER,
    MappingChoice,
    choose_mapping,
    nothing_to_import,
    save_profile,
)
from ams_desk.sheets.importing.operations import apply_import
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.sheets.importing.preview import Preview, build_preview
from ams_desk.sheets.importing.read.reader import read_table, sheet_names
from ams_desk.sheets.importing.read.table import RawTable
from ams_desk.store.changes import Outcome
from ams_desk.store.database import Database

FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)"
SAMPLES_HINT = "the sheets in the resources/samples folder of AMS Desk."


class Busy(BusyBar):
    """The wizard's progress bar: Cancel stops the running task."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task[Any] | None = None
        self.cancel_button.clicked.connect(self._cancel)

    def stop(self) -> None:
        self.task = None
        self.hide()

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.label.setText("Cancelling…")


class StepPage(QWizardPage):
    """A wizard page whose Next runs background work first, then moves on by itself."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.busy = Busy()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self._ready = False

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def run(self, text: str, job: Any, done: Any, *, writes: bool = False,
            undo_text: Any = None) -> None:
        """Run ``job`` with progress; on success call ``done(result)`` and go to the next page.

        A job that ``writes`` is an operation (``job(db, progress, cancelled)``
        returning an :class:`~ams_desk.store.changes.Outcome`), run through the
        window's :class:`~ams_desk.gui.operations.Operations` so that the tabs refresh.
        """
        self.show_error("")

        def succeeded(result: Any) -> None:
            self.busy.stop()
            self.owner.set_working(False)
            done(result)
            self._ready = True
            self.owner.next()

        def failed(error: BaseException) -> None:
            self.busy.stop()
            self.owner.set_working(False)
            cancelled = type(error).__name__ in ("ReadCancelled", "ImportCancelled")
            self.show_error("Cancelled; nothing was changed." if cancelled else str(error))

        if writes:
            try:
                self.busy.task = self.owner.ctx.ops.run_in_background(
                    text, job, on_success=succeeded, on_failure=failed,
                    on_progress=self.busy.progress, undo_text=undo_text, parent=self)
            except OperationBusy as error:
                self.show_error(str(error))
                return
        else:
            self.busy.task = run_task(job, on_success=succeeded, on_failure=failed,
                                      on_progress=self.busy.progress, parent=self)
        self.busy.start(text)
        self.owner.set_working(True)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._ready:
            self._ready = False
            return True
        if self.busy.task is None:
            self.start_work()
        return False

    def start_work(self) -> None:
        raise NotImplementedError


class FilePage(StepPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Choose the sign-up sheet")
        self.setSubTitle("An Excel workbook (.xlsx) or a CSV file: a Microsoft Forms or Google "
                         "Forms export, or a sheet typed by hand.")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Choose a file…")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setEnabled(False)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(0, 10_000)
        self.header_spin.setSpecialValueText("found automatically")
        self.header_spin.setMaximumWidth(260)
        self.header_spin.setToolTip(
            "The sheet's row number of the header. Found automatically: the first of the "
            "first 20 rows that names two known fields (title rows above it are passed over).")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        file_label = QLabel("&File")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        form.addRow("&Worksheet", self.sheet_combo)
        form.addRow("&Header row", self.header_spin)
        steps = QLabel(
            "<p><b>What happens next</b></p><ol>"
            "<li>AMS Desk recognises the columns by their names and by the values below "
            "them; you check and change the choices. Columns you leave out are not stored."
            "</li><li>Every row is checked and shown as a new person, an update, a new "
            "sign-up, or skipped with the reason — nothing is written yet.</li>"
            "<li>You import, in one go: all rows or none. The same file imported again "
            "changes nothing, and Ctrl+Z takes the import back.</li></ol>"
            "<p>The header row is found by itself (title rows above it are passed over); "
            "give its row number if the sheet's header is elsewhere.</p>"
            f"<p style='color:#5c6670'>Examples to try: {SAMPLES_HINT}</p>")
        steps.setWordWrap(True)
        steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(steps)
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        self.path_edit.textChanged.connect(self._on_path_changed)
        self.path_edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.path_edit.text().strip())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the sign-up sheet", "", FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def _on_path_changed(self, text: str) -> None:
        self.sheet_combo.clear()
        path = Path(text.strip())
        names: list[str] = []
        if path.suffix.casefold() in (".xlsx", ".xlsm") and path.is_file():
            try:
                names = sheet_names(path)
            except Exception as error:  # noqa: BLE001 - shown; reading reports it again
                self.show_error(str(error))
        self.sheet_combo.addItems(names)
        self.sheet_combo.setEnabled(len(names) > 1)

    def start_work(self) -> None:
        path = self.path_edit.text().strip()
        sheet = self.sheet_combo.currentText() or None
        header_row = self.header_spin.value() or None
        db = self.owner.ctx.db

        def job(progress: Any, cancelled: Any) -> tuple[RawTable, MappingChoice]:
            try:
                table = read_table(path, sheet, progress=progress, cancelled=cancelled,
                                   header_row=header_row)
            except SheetError as error:
                if error.reason == NO_HEADER:
                    raise nothing_to_import(error.file, sheet, NO_HEADER) from None
                raise
            if not table.rows:
                raise nothing_to_import(table.file, sheet)
            return table, choose_mapping(db, table)

        self.run(f"Reading {Path(path).name}…", job, self.owner.set_table)


class FieldDelegate(QStyledItemDelegate):
    """Offers the AMS fields (or “not imported”) for a column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("— not imported —", "")
        for field in Field:
            combo.addItem(field.label, field.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingPage(StepPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Check the columns")
        self.profile_label = QLabel()
        self.profile_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setItemDelegateForColumn(2, FieldDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.role_combo = QComboBox()
        self.role_combo.addItem("Taken from the sheet", None)
        self.role_combo.addItem("Everyone is a mentee", Role.MENTEE)
        self.role_combo.addItem("Everyone is a mentor", Role.MENTOR)
        self.save_check = QCheckBox("Remember these choices as a profile named")
        self.profile_edit = QLineEdit()
        self.profile_edit.setPlaceholderText("e.g. Microsoft Forms sign-up 2026")
        options = QHBoxLayout()
        options.addWidget(QLabel("Role of rows without one:"))
        options.addWidget(self.role_combo)
        options.addSpacing(24)
        options.addWidget(self.save_check)
        options.addWidget(self.profile_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.profile_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(options)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        table, choice = self.owner.table, self.owner.choice
        assert table is not None and choice is not None
        self.model = MappingModel(table, choice.mapping, choice.reasons, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, width in enumerate((200, 300, 190)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        source = f" (worksheet “{table.sheet}”)" if table.sheet else ""
        rows = (f"{len(table.rows):,} rows in {Path(table.file).name}{source}, "
                f"below the header on row {table.header_row}")
        if table.title_rows:
            titles = "; ".join(f"“{text[:40]}”" for _, text in table.title_rows[:2])
            rows += f" (passed over above it: {titles})"
        rows += ". "
        if choice.profile:
            self.profile_label.setText(rows + f"Columns mapped with your saved profile "
                                       f"“{choice.profile}”. Change any choice below.")
        else:
            self.profile_label.setText(rows + "Columns recognised by their names and values. "
                                       "Check them; columns set to “not imported” are not "
                                       "stored.")
        self.setSubTitle("Each column of the sheet and the AMS field it fills.")

    def start_work(self) -> None:
        mapping = self.model.mapping
        options = ImportOptions(default_role=self.role_combo.currentData())
        missing = mapping.missing(default_role=options.default_role)
        if missing:
            names = ", ".join(f.label for f in missing)
            self.show_error(f"Choose a column for: {names}.")
            return
        db, table = self.owner.ctx.db, self.owner.table
        assert table is not None
        if self.save_check.isChecked():
            try:
                save_profile(db, self.profile_edit.text(), mapping)
            except ValueError as error:
                self.show_error(str(error))
                return

        def job(progress: Any, cancelled: Any) -> Preview:
            return build_preview(db, table, mapping, options, progress=progress,
                                 cancelled=cancelled)

        self.run("Checking every row…", job, self.owner.set_preview)


class PreviewPage(StepPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Preview")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("headingLabel")
        self.counts_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = PreviewModel(self)
        self.show_combo = QComboBox()
        self.show_combo.addItems(list(PreviewModel.KINDS))
        self.search_edit = make_search_edit("Search name, email, reason…")
        self.table = make_table(self.model)
        self.confirmation = ConfirmationChoice(wizard.ctx)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.detail_label)
        layout.addLayout(filter_bar([("&Show", self.show_combo)], self.search_edit))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        self.show_combo.currentTextChanged.connect(self.model.set_kind)
        self.search_edit.textChanged.connect(self.model.set_search)
        self.confirmation.settings_requested.connect(wizard.mail_settings_requested)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        preview = self.owner.preview
        assert preview is not None
        self.model.set_rows(list(preview.rows))
        c = preview.counts
        self.counts_label.setText(c.rows_line())
        details = [
            f"People: {c.people_created} new, {c.people_updated} updated · Sign-ups: "
            f"{c.signups_created} new, {c.signups_updated} updated · "
            f"<b>{c.flagged} {plural(c.flagged, 'row')} to check</b> (Show: To check)"
            if c.flagged else
            f"People: {c.people_created} new, {c.people_updated} updated · Sign-ups: "
            f"{c.signups_created} new, {c.signups_updated} updated"
        ]
        if preview.unmapped:
            shown = ", ".join(
                f"“{u.header}” ({u.filled})" for u in preview.unmapped[:8])
            more = len(preview.unmapped) - 8
            details.append(
                f"<b>Not imported</b> ({len(preview.unmapped)} "
                f"{plural(len(preview.unmapped), 'column')}, values in brackets): {shown}"
                + (f" and {more} more" if more > 0 else "")
                + " — go Back to map one.")
        self.detail_label.setText("<br>".join(details))
        self.setSubTitle("Nothing has been written yet. Row numbers are the sheet's own, as "
                         "Excel shows them.")
        self.owner.setButtonText(QWizard.WizardButton.NextButton,
                                 f"Import {c.changes} {plural(c.changes, 'change')}")
        self.confirmation.set_count(c.signups_created)

    def start_work(self) -> None:
        preview = self.owner.preview
        assert preview is not None
        if not preview.importable:
            self.show_error("No row of this sheet can be imported.")
            return

        confirm = queue_import_confirmations if self.confirmation.wanted() else None

        def job(db: Database, progress: Any, cancelled: Any) -> Outcome[ImportReport]:
            # A backup first, as before every import (SQLite; a failure imports nothing).
            db.backup("import")
            # The inverse undoes this import (Ctrl+Z), refused if its rows changed since,
            # and its queued confirmations with it.
            try:
                return apply_import(db, preview, progress=progress, cancelled=cancelled,
                                    confirm=confirm)
            except ValidationError as error:  # the import was taken back
                raise ValidationError(error.field, (
                    f"Nothing was imported: the sign-up confirmation cannot be written. "
                    f"{error.message} Untick “Queue the sign-up confirmation” to import "
                    "without it.")) from None

        self.run("Importing…", job, self.owner.set_report, writes=True,
                 undo_text=lambda report: f"Import {Path(report.file).name}")


class ImportWizard(QWizard):
    """Import a sign-up sheet in four steps.

    Signals:
        imported: The import was written (the tabs refresh through the window's operations).
        mail_settings_requested: The sign-up confirmation needs the mail settings first.
    """

    imported = Signal()
    mail_settings_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: RawTable | None = None
        self.choice: MappingChoice | None = None
        self.preview: Preview | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle("Import sign-ups")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(1000, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)

    def set_working(self, working: bool) -> None:
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not working)

    def set_table(self, result: tuple[RawTable, MappingChoice]) -> None:
        self.table, self.choice = result

    def set_preview(self, preview: Preview) -> None:
        self.preview = preview

    def set_report(self, report: ImportReport) -> None:
        self.report = report
        self.imported.emit()


__all__ = ["ImportWizard", "outcome_text"]
