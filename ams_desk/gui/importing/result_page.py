"""The import wizard's last page: what was imported, skipped and queued, and how to undo it."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from ams_desk.core.text import plural
from ams_desk.gui.importing.confirmations import confirmations_html

if TYPE_CHECKING:
    from ams_desk.gui.importing.wizard import ImportWizard


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Imported")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.save_button = QPushButton("Save report…")
        self.save_button.clicked.connect(self.save_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        report = self.owner.report
        assert report is not None
        c = report.counts
        skipped = "".join(
            f"<li>row {s.row}"
            + (f" — {escape(s.name)} &lt;{escape(s.email)}&gt;" if s.email or s.name else "")
            + f": {escape(s.message)}</li>" for s in report.skipped[:12])
        more = len(report.skipped) - 12
        undo = ("<p>Changed your mind? <b>Edit › Undo</b> (Ctrl+Z) takes this import back — "
                "as long as its rows have not been changed since"
                + (", with its confirmations not yet sent" if report.confirmations else "")
                + ".</p>"
                if report.run_id is not None else "<p>Nothing was written: nothing to undo.</p>")
        verb = "imported" if report.run_id is not None else "checked: nothing new to write"
        self.summary_label.setText(
            f"<p>{escape(Path(report.file).name)} {verb}.</p>"
            f"<p><b>{escape(c.rows_line())}</b></p>"
            f"<p>People: {c.people_created} created, {c.people_updated} updated · sign-ups: "
            f"{c.signups_created} created, {c.signups_updated} updated · "
            f"{c.flagged} {plural(c.flagged, 'row')} to check</p>"
            + (f"<p>Skipped:</p><ul>{skipped}</ul>" if skipped else "")
            + (f"<p>… and {more} more in the saved report.</p>" if more > 0 else "")
            + (f"<p>Not imported: {len(report.unmapped)} "
               f"{plural(len(report.unmapped), 'column')} "
               f"({escape(', '.join(u.header for u in report.unmapped[:6]))}"
               f"{', …' if len(report.unmapped) > 6 else ''}).</p>" if report.unmapped else "")
            + confirmations_html(report.confirmations)
            + undo)

    def save_report(self) -> None:
        report = self.owner.report
        if report is None:
            return
        default = Path(report.file).with_suffix("").name + "-import-report.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Save the import report", default,
                                              "CSV for Excel (*.csv);;Text (*.txt)")
        if path:
            report.save(path)
