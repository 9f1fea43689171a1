"""Program settings: deadlines, the waiting limit, the program year and the seniority ladder."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.gui.conflicts import offer_reload
from ams_desk.gui.forms.ui_program_settings import Ui_ProgramSettingsDialog
from ams_desk.store.settings import ProgramSettings
from ams_desk.store.versions import EditConflict

Submit = Callable[[ProgramSettings], None]


class ProgramSettingsDialog(QDialog):
    """Edit :class:`ProgramSettings`; ``submit`` stores them (ValueError keeps it open).

    When someone else changed the settings since the dialog opened
    (:class:`EditConflict`), it says who and what and offers to ``reload`` them.
    """

    def __init__(
        self,
        settings: ProgramSettings,
        submit: Submit,
        parent: QWidget | None = None,
        *,
        reload: Callable[[], ProgramSettings] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ProgramSettingsDialog()
        self.ui.setupUi(self)
        self._submit = submit
        self._reload = reload
        self.conflict_box: QMessageBox | None = None
        for month in range(1, 13):
            self.ui.startMonthCombo.addItem(calendar.month_name[month], month)
        self.set_values(settings)
        self.ui.errorLabel.setObjectName("errorLabel")
        self.ui.errorLabel.hide()
        self.ui.buttonBox.accepted.connect(self._on_save)
        self.ui.buttonBox.rejected.connect(self.reject)

    def set_values(self, settings: ProgramSettings) -> None:
        self._settings = settings
        ui = self.ui
        ui.proposalSpin.setValue(settings.proposal_answer_days)
        ui.responseSpin.setValue(settings.mentor_response_days)
        ui.evaluationSpin.setValue(settings.evaluation_days)
        ui.waitingSpin.setValue(settings.waiting_alert_days)
        ui.poolSpin.setValue(settings.mentor_pool_months)
        ui.retentionSpin.setValue(settings.retention_years)
        ui.startMonthCombo.setCurrentIndex(settings.year_start_month - 1)
        ui.ladderEdit.setPlainText("\n".join(settings.positions))

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
            mentor_pool_months=ui.poolSpin.value(),
            retention_years=ui.retentionSpin.value(),
            year_start_month=int(ui.startMonthCombo.currentData()),
            positions=positions,
        )

    def _on_save(self) -> None:
        settings = self.values()
        try:
            SeniorityLadder(settings.positions)
            self._submit(settings)
        except EditConflict as conflict:
            self.ui.errorLabel.setText(conflict.message)
            self.ui.errorLabel.show()
            if self._reload is not None:
                self.conflict_box = offer_reload(self, conflict, self.reload)
            return
        except ValueError as error:
            self.ui.errorLabel.setText(f"{str(error).capitalize()}.")
            self.ui.errorLabel.show()
            return
        self.accept()

    def reload(self) -> None:
        """Show the stored settings again (someone else changed them)."""
        if self._reload is not None:
            self.set_values(self._reload())
            self.ui.errorLabel.setText("Reloaded with the stored settings: make your change "
                                       "again.")
            self.ui.errorLabel.show()
