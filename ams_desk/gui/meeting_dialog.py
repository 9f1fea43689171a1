"""Recording a later meeting of a continuing pair: the day, how they met, a note.

The form is designed in ``ui/meeting_dialog.ui``. The dialog hands the values
to ``submit`` (which runs the operation); a refusal (a day before the first
meeting or after today) stays in the dialog, beside the field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ams_desk.core.meetings import FORMATS
from ams_desk.core.validation import ValidationError
from ams_desk.gui.forms.ui_meeting_dialog import Ui_MeetingDialog

Submit = Callable[[datetime, str, str, str], None]
"""``submit(at, how, place, note)``; raises ValidationError to keep the dialog open."""


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MeetingDialog(QDialog):
    """Ask when and how a continuing pair met again; ``submit`` records it."""

    def __init__(
        self,
        pair_title: str,
        submit: Submit,
        *,
        earliest: date | None,
        today: date,
        how: str = FORMATS[0],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_MeetingDialog()
        ui.setupUi(self)
        self._submit = submit
        self._today = today
        self.setWindowTitle(f"Record a meeting — {pair_title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ui.subtitleLabel.setText(pair_title)
        ui.subtitleLabel.setObjectName("filterLabel")  # styled as the filters' labels
        ui.formatCombo.addItems(list(FORMATS))
        ui.formatCombo.setCurrentText(how)
        ui.dateEdit.setDate(_qdate(today))
        ui.dateEdit.setMaximumDate(_qdate(today))
        if earliest is not None:
            ui.dateEdit.setMinimumDate(_qdate(earliest))
        ui.dateEdit.setToolTip(
            "The day they met: not after today"
            + (f", not before their first meeting ({earliest:%Y-%m-%d})" if earliest else ""))
        ui.errorLabel.setObjectName("errorLabel")
        ui.errorLabel.hide()
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Record meeting")
        ui.buttonBox.accepted.connect(self._on_save)
        ui.buttonBox.rejected.connect(self.reject)

    def values(self) -> tuple[datetime, str, str, str]:
        """(when, how, place, note): a meeting today is dated now, an earlier one at noon."""
        ui = self.ui
        day = ui.dateEdit.date().toPython()
        assert isinstance(day, date)
        at = (datetime.now().replace(second=0, microsecond=0) if day == self._today
              else datetime.combine(day, time(12, 0)))
        return (at, ui.formatCombo.currentText(), ui.placeEdit.text().strip(),
                ui.noteEdit.toPlainText().strip())

    def _on_save(self) -> None:
        try:
            self._submit(*self.values())
        except ValidationError as error:
            self.ui.errorLabel.setText(error.message)
            self.ui.errorLabel.show()
            widgets = {"date": self.ui.dateEdit, "format": self.ui.formatCombo}
            widgets.get(error.field, self.ui.noteEdit).setFocus()
            return
        self.accept()
