"""Before proposing: the pairs and each mentor's proposal email (``ui/proposal_review.ui``).

The coordinator reads the list, looks at any email, and proposes — with the
emails queued (the default) or without. An email that cannot be written is
listed with the template, field and pair named; its pair is proposed without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ams_desk.core.step_emails import STEP_EMAILS
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.forms.ui_proposal_review import Ui_ProposalReview
from ams_desk.gui.mail.preview import error_html, preview_html
from ams_desk.gui.table_model import ROW_ROLE, Column, FastTableModel
from ams_desk.gui.widgets import setup_table
from ams_desk.mail.listing import preview_as_proposed
from ams_desk.mail.outbox import Preview

PROPOSAL_EMAIL = STEP_EMAILS[PairStatus.PROPOSED]


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One pair to propose and its email (or why the email cannot be written)."""

    pair_id: int
    mentor: str
    mentee: str
    preview: Preview | None
    error: str = ""


class ReviewModel(FastTableModel[ReviewRow]):
    def __init__(self, parent: Any = None) -> None:
        self._bad = QColor("#b3261e")
        super().__init__(
            [
                Column("Mentor", lambda r: r.mentor, None, 170),
                Column("Mentee", lambda r: r.mentee, None, 170),
                Column("Email to", lambda r: ", ".join(r.preview.built.to) if r.preview
                       else "", None, 190),
                Column("Subject", lambda r: r.preview.built.subject if r.preview
                       else "cannot be written", None, 260, tooltip=lambda r: r.error or None),
            ],
            parent,
        )

    def foreground(self, row: ReviewRow, column: int) -> Any:
        return self._bad if row.preview is None and column == 3 else None


def review_rows(ctx: AppContext, pairs: Sequence[tuple[int, str, str]]) -> list[ReviewRow]:
    """Each (pair id, mentor, mentee) with its proposal email written as if proposed today."""
    rows = []
    for pair_id, mentor, mentee in pairs:
        try:
            preview = preview_as_proposed(ctx.db, PROPOSAL_EMAIL, pair_id, ctx.today)
        except ValidationError as error:
            rows.append(ReviewRow(pair_id, mentor, mentee, None, str(error)))
        else:
            rows.append(ReviewRow(pair_id, mentor, mentee, preview))
    return rows


Submit = Callable[[list[int]], None]
"""Proposes the pairs, queueing the emails of the pair ids given (raises to keep it open)."""


class ProposalReview(QDialog):
    """The pairs about to be proposed and their emails; OK proposes (and queues)."""

    def __init__(self, rows: list[ReviewRow], submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProposalReview()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.rows = rows
        self._submit = submit
        ui = self.ui
        ui.headingLabel.setObjectName("headingLabel")
        ui.introLabel.setObjectName("filterLabel")
        ui.errorLabel.setObjectName("errorLabel")
        self.model = ReviewModel(self)
        self.model.set_rows(rows)
        self.table = setup_table(ui.table, self.model)
        ui.splitter.setSizes([640, 440])
        n = len(rows)
        good = [r for r in rows if r.preview is not None]
        bad = [r for r in rows if r.preview is None]
        pairs = f"{n} pair{'s' if n != 1 else ''}"
        ui.headingLabel.setText(f"Propose {pairs}")
        self.setWindowTitle(f"Propose {pairs}")
        ui.introLabel.setText(
            "Each mentor is asked by email whether they would mentor the mentee. The emails "
            "wait in the Outbox until you press Send; Undo takes back the proposals and their "
            "emails together.")
        ui.queueCheck.setText(
            f"&Queue the proposal email for {len(good)} of the {pairs}")
        ui.queueCheck.setEnabled(bool(good))
        ui.queueCheck.setChecked(bool(good))
        if bad:
            first = bad[0].error
            more = f" ({len(bad) - 1} more in the list)" if len(bad) > 1 else ""
            ui.errorLabel.setText(
                f"{len(bad)} email{'s' if len(bad) != 1 else ''} cannot be written, so "
                f"{'those pairs are' if len(bad) != 1 else 'that pair is'} proposed without "
                f"one: {first}{more}")
        else:
            ui.errorLabel.hide()
        self.ok_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ui.queueCheck.toggled.connect(self._update_ok)
        self._update_ok()
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        ui.buttonBox.accepted.connect(self._on_ok)
        ui.buttonBox.rejected.connect(self.reject)
        if rows:
            self.table.selectRow(0)
        self._show_current()

    def _update_ok(self) -> None:
        queue = self.ui.queueCheck.isChecked()
        good = sum(1 for r in self.rows if r.preview is not None)
        self.ok_button.setText(f"Propose and queue {good} email{'s' if good != 1 else ''}"
                               if queue and good else "Propose")

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        row: ReviewRow | None = self.model.data(index, ROW_ROLE) if index.isValid() else None
        if row is None:
            self.ui.previewBrowser.setHtml("")
        elif row.preview is None:
            self.ui.previewBrowser.setHtml(error_html(row.error))
        else:
            built = row.preview.built
            self.ui.previewBrowser.setHtml(preview_html(
                built.subject, built.to, built.cc, row.preview.text.body, sender=built.sender))

    def emails_to_queue(self) -> list[int]:
        """The pairs whose email is to be queued with the proposal."""
        if not self.ui.queueCheck.isChecked():
            return []
        return [r.pair_id for r in self.rows if r.preview is not None]

    def _on_ok(self) -> None:
        try:
            self._submit(self.emails_to_queue())
        except ValueError as error:
            self.ui.errorLabel.setText(str(error))
            self.ui.errorLabel.show()
            return
        self.accept()
