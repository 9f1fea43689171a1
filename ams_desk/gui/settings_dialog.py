"""Program settings: deadlines, the waiting limit, the program year and the seniority ladder."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QWidget

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.gui.forms.ui_program_settings import Ui_ProgramSettingsDialog
from ams_desk.store.settings import ProgramSettings

Submit = Callable[[ProgramSettings], None]


class ProgramSettingsDialog(QDialog):
    """Edit :class:`ProgramSettings`; ``submit`` stores them (ValueError keeps it open)."""

    def __init__(
        self, settings: ProgramSettings, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ProgramSettingsDialog()
        self.ui.setupUi(self)
        self._settings = settings
        self._submit = submit
        for month in range(1, 13):
            self.ui.startMonthCombo.addItem(calendar.month_name[month], month)
        ui = self.ui
        ui.proposalSpin.setValue(settings.proposal_answer_days)
        ui.responseSpin.setValue(settings.mentor_response_days)
        ui.evaluationSpin.setValue(settings.evaluation_days)
        ui.waitingSpin.setValue(settings.waiting_alert_days)
        ui.retentionSpin.setValue(settings.retention_years)
        ui.startMonthCombo.setCurrentIndex(settings.year_start_month - 1)
        ui.ladderEdit.setPlainText("\n".join(settings.positions))
        ui.errorLabel.setObjectName("errorLabel")
        ui.errorLabel.hide()
        ui.buttonBox.accepted.connect(self._on_save)
        ui.buttonBox.rejected.connect(self.reject)

    def values(self) -> ProgramSettings:
        ui = self.ui
        positions = tuple(
            " ".join(line.split())
            for line in ui.ladderEdit.toPlainText().splitlines()
            if line.strip()
        )
        return replace(
            self._settings,
            proposal_answer_days=ui.proposalSpin.value(),
            mentor_response_days=ui.responseSpin.value(),
            evaluation_days=ui.evaluationSpin.value(),
            waiting_alert_days=ui.waitingSpin.value(),
            retention_years=ui.retentionSpin.value(),
            year_start_month=int(ui.startMonthCombo.currentData()),
            positions=positions,
        )

    def _on_save(self) -> None:
        settings = self.values()
        try:
            SeniorityLadder(settings.positions)
            self._submit(settings)
        except ValueError as error:
            self.ui.errorLabel.setText(f"{str(error).capitalize()}.")
            self.ui.errorLabel.show()
            return
        self.accept()
