"""The template editor: the templates, their text, the field list and a live preview on a real pair.

Saving, resetting and deleting are operations (undoable in the main window).
A template that does not render for the pair of the preview is refused, and
the message names the template, the field and the pair.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ams_desk import APP_NAME
from ams_desk.core.step_emails import PREVIEW_STATUS
from ams_desk.core.validation import ValidationError
from ams_desk.gui.conflicts import offer_reload
from ams_desk.gui.context import AppContext
from ams_desk.gui.forms.ui_template_editor import Ui_TemplateEditor
from ams_desk.gui.mail.preview import error_html, preview_html
from ams_desk.gui.mail.template_models import (
    FieldTableModel,
    TemplateListModel,
    field_rows,
    template_kind,
)
from ams_desk.gui.table_model import ROW_ROLE
from ams_desk.gui.widgets import setup_table
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.listing import PairChoice, pair_choices, pair_field_values
from ams_desk.mail.outbox import NotSetUpError, Preview, preview_email
from ams_desk.mail.render import render
from ams_desk.mail.templates import ROLES, Template, list_templates
from ams_desk.store.versions import EditConflict

PREVIEW_DELAY_MS = 150
"""Typing pauses shorter than this do not render the preview again."""

NEW_BODY = """Dear {{ mentor.first_name }},



Kind regards,
{{ coordinator.name }}
{{ program.team_name }}
"""


def key_for(name: str, taken: set[str]) -> str:
    """A template key made from its name (``Thank you, mentors!`` → ``thank_you_mentors``)."""
    base = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:60] or "template"
    if not base[0].isalpha():
        base = f"t_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class TemplateEditor(QDialog):
    """Edit the program's email templates, previewed on a real pair.

    Signals:
        template_saved(str): The template with this key was stored.
    """

    template_saved = Signal(str)

    def __init__(self, ctx: AppContext, *, key: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_TemplateEditor()
        self.ui.setupUi(self)
        self.ui.headingLabel.setObjectName("headingLabel")
        self.ui.errorLabel.setObjectName("errorLabel")
        self.ui.errorLabel.hide()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.templates = TemplateListModel(self)
        self.ui.templateList.setModel(self.templates)
        self.fields = FieldTableModel(self)
        setup_table(self.ui.fieldList, self.fields)
        self.ui.splitter.setSizes([230, 500, 500])
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setStretchFactor(2, 1)
        self.ui.sideSplitter.setSizes([420, 240])
        self._to = {"mentor": self.ui.toMentorCheck, "mentee": self.ui.toMenteeCheck,
                    "team": self.ui.toTeamCheck}
        self._cc = {"mentor": self.ui.ccMentorCheck, "mentee": self.ui.ccMenteeCheck,
                    "team": self.ui.ccTeamCheck}
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save template")
        self._current: Template | None = None
        self._new: Template | None = None  # a template added here and not saved yet
        self._dirty = False
        self.conflict_box: QMessageBox | None = None
        self._loading = False
        self._last_text_edit: QObject = self.ui.bodyEdit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._choices: list[PairChoice] = []
        self._load_pairs()
        self._connect_signals()
        self._load_templates(key)

    # -- building --------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.templateList.selectionModel().currentRowChanged.connect(self._on_template_chosen)
        ui.nameEdit.textEdited.connect(self._on_edited)
        ui.subjectEdit.textEdited.connect(self._on_edited)
        ui.bodyEdit.textChanged.connect(self._on_edited)
        for box in (*self._to.values(), *self._cc.values()):
            box.toggled.connect(self._on_edited)
        ui.subjectEdit.installEventFilter(self)
        ui.bodyEdit.installEventFilter(self)
        ui.pairCombo.currentIndexChanged.connect(self._render_now)
        self._timer.timeout.connect(self._render_now)
        ui.fieldList.doubleClicked.connect(self._insert_field)
        ui.fieldList.activated.connect(self._insert_field)
        ui.newButton.clicked.connect(self.new_template)
        ui.resetButton.clicked.connect(self.reset_to_default)
        ui.deleteButton.clicked.connect(self.delete_template)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Remember where the coordinator writes, so that a field goes in there.
        if event.type() == QEvent.Type.FocusIn and watched in (self.ui.subjectEdit,
                                                               self.ui.bodyEdit):
            self._last_text_edit = watched
        return False

    def _load_pairs(self) -> None:
        self._choices = pair_choices(self.ctx.db)
        combo = self.ui.pairCombo
        combo.blockSignals(True)
        combo.clear()
        for choice in self._choices:
            combo.addItem(choice.title, choice.pair_id)
        combo.blockSignals(False)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText("Type a name to find a pair")

    def _load_templates(self, key: str | None) -> None:
        templates = list_templates(self.ctx.db)
        if self._new is not None and all(t.key != self._new.key for t in templates):
            templates.append(self._new)
        self.templates.set_templates(templates)
        row = self.templates.row_of(key) if key else -1
        self._select_row(max(row, 0))

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.templates.rowCount():
            return
        self.ui.templateList.selectionModel().setCurrentIndex(
            self.templates.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # -- the template shown ----------------------------------------------------------------

    def current_template(self) -> Template | None:
        return self._current

    def edited_template(self) -> Template | None:
        """The template as the form shows it now."""
        if self._current is None:
            return None
        ui = self.ui
        return replace(
            self._current,
            name=ui.nameEdit.text().strip(),
            subject=ui.subjectEdit.text(),
            body=ui.bodyEdit.toPlainText(),
            to_roles=tuple(r for r in ROLES if self._to[r].isChecked()),
            cc_roles=tuple(r for r in ROLES if self._cc[r].isChecked()),
        )

    def _on_template_chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        if self._dirty and previous.isValid() and not self._may_leave():
            self._loading = True
            self.ui.templateList.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._loading = False
            return
        template = self.templates.data(current, ROW_ROLE) if current.isValid() else None
        self._show(template)

    def _show(self, template: Template | None) -> None:
        self._loading = True
        self._current = template
        ui = self.ui
        ui.nameEdit.setText(template.name if template else "")
        ui.subjectEdit.setText(template.subject if template else "")
        ui.subjectEdit.setCursorPosition(0)
        ui.nameEdit.setCursorPosition(0)
        ui.bodyEdit.setPlainText(template.body if template else "")
        for roles, boxes in (((template.to_roles if template else ()), self._to),
                             ((template.cc_roles if template else ()), self._cc)):
            for role, box in boxes.items():
                box.setChecked(role in roles)
        self._loading = False
        self._dirty = False
        self._choose_pair_for(template)
        self._update_buttons()
        self._render_now()

    def _choose_pair_for(self, template: Template | None) -> None:
        """Preview on a pair the template can be written for (the first found), if any."""
        if template is None or not self._choices:
            return
        status = PREVIEW_STATUS.get(template.key)
        fitting = [c for c in self._choices if c.status is status][:30]
        current = self.ui.pairCombo.currentData()
        order = fitting + [c for c in self._choices if c.pair_id == current]
        order += [c for c in self._choices if c.pair_id != current][:40]
        for choice in order:
            try:
                self._preview(template, choice.pair_id)
            except ValidationError:
                continue
            self.ui.pairCombo.blockSignals(True)
            self.ui.pairCombo.setCurrentIndex(self.ui.pairCombo.findData(choice.pair_id))
            self.ui.pairCombo.blockSignals(False)
            line = self.ui.pairCombo.lineEdit()
            if line is not None:
                line.setCursorPosition(0)
            return

    def _update_buttons(self) -> None:
        template = self._current
        ui = self.ui
        ui.resetButton.setEnabled(bool(template and template.is_edited))
        ui.deleteButton.setEnabled(bool(template and not template.is_default))
        self.save_button.setEnabled(self._dirty)
        kind = template_kind(template) if template else ""
        title = f"{template.name} — {kind}" if template else "Email templates"
        self.setWindowTitle(f"Email templates — {title}" if template else title)

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._update_buttons()
        self._timer.start()

    def _may_leave(self) -> bool:
        """Ask what to do with unsaved changes; ``False`` keeps the coordinator here."""
        answer = QMessageBox.question(
            self, APP_NAME,
            f"Save the changes to “{self._current.name if self._current else ''}”?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            if self._new is not None and self._current is self._new:
                self._new = None
            return True
        return False

    # -- preview ---------------------------------------------------------------------------

    def preview_pair_id(self) -> int | None:
        data = self.ui.pairCombo.currentData()
        return int(data) if data is not None else None

    def _render_now(self) -> None:
        self._timer.stop()
        template = self.edited_template()
        pair_id = self.preview_pair_id()
        ui = self.ui
        if template is None:
            ui.previewBrowser.setHtml("")
            return
        if pair_id is None:
            ui.previewBrowser.setHtml(error_html("There is no pair to show the email for yet."))
            self.fields.set_rows(field_rows(None))
            return
        self.fields.set_rows(field_rows(pair_field_values(self.ctx.db, pair_id, self.ctx.today)))
        try:
            preview = self._preview(template, pair_id)
        except ValidationError as error:
            ui.previewBrowser.setHtml(error_html(str(error)))
            return
        built = preview.built
        ui.previewBrowser.setHtml(preview_html(built.subject, built.to, built.cc,
                                               preview.text.body, sender=built.sender))

    def _check_renders(self, template: Template, pair_id: int) -> None:
        """Refuse a template that does not render for the preview's pair (RenderError).

        Without a sender (mail not set up yet) only the rendering is checked.
        """
        try:
            self._preview(template, pair_id)
        except NotSetUpError:
            pair_values = pair_field_values(self.ctx.db, pair_id, self.ctx.today)
            what = next((c.what for c in self._choices if c.pair_id == pair_id), "")
            render(template, pair_values, pair_id=pair_id, what=what)

    def _preview(self, template: Template, pair_id: int) -> Preview:
        return preview_email(self.ctx.db, template, pair_id=pair_id, today=self.ctx.today)

    def _insert_field(self, index: QModelIndex) -> None:
        row = self.fields.data(index, ROW_ROLE) if index.isValid() else None
        if row is None:
            return
        text = f"{{{{ {row.name} }}}}"
        target = self._last_text_edit
        if isinstance(target, QLineEdit):
            target.insert(text)
            self._on_edited()
            target.setFocus()
        else:
            self.ui.bodyEdit.insertPlainText(text)
            self.ui.bodyEdit.setFocus()

    # -- actions ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the template shown; refuse it if it does not render for the preview's pair."""
        template = self.edited_template()
        if template is None:
            return False
        pair_id = self.preview_pair_id()
        try:
            if pair_id is not None:
                self._check_renders(template, pair_id)
            self.ctx.ops.run(f"Save template “{template.name or template.key}”",
                             partial(mail_ops.save, template=template,
                                     base_version=template.version))
        except EditConflict as conflict:  # someone else saved it since it was shown
            self._show_error(conflict.message)
            self.conflict_box = offer_reload(self, conflict, partial(self.reload, template.key))
            return False
        except ValidationError as error:
            self._show_error(str(error))
            return False
        self._new = None
        self._dirty = False
        self.ui.errorLabel.hide()
        self._load_templates(template.key)
        self.template_saved.emit(template.key)
        return True

    def reload(self, key: str) -> None:
        """Show the templates as stored now (someone else saved this one)."""
        self._dirty = False
        self._load_templates(key)

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()

    def reset_to_default(self) -> None:
        template = self._current
        if template is None or not template.is_edited:
            return
        try:
            self.ctx.ops.run(f"Reset template “{template.name}”",
                             partial(mail_ops.reset, key=template.key))
        except ValidationError as error:
            self._show_error(str(error))
            return
        self._dirty = False
        self._load_templates(template.key)

    def delete_template(self) -> None:
        template = self._current
        if template is None or template.is_default:
            return
        if template is self._new:
            self._new, self._dirty = None, False
            self._load_templates(None)
            return
        answer = QMessageBox.question(
            self, APP_NAME, f"Delete the template “{template.name}”? (Undo brings it back.)")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.ops.run(f"Delete template “{template.name}”",
                             partial(mail_ops.delete, key=template.key))
        except ValidationError as error:
            self._show_error(str(error))
            return
        self._dirty = False
        self._load_templates(None)

    def new_template(self, name: str | None = None) -> Template | None:
        """Start a template of the team's own (stored once saved)."""
        if self._dirty and not self._may_leave():
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, "New template", "Name of the new template:")
            if not ok or not name.strip():
                return None
        taken = {t.key for t in self.templates.templates()}
        self._new = Template(key=key_for(name, taken), name=name.strip(),
                             subject=name.strip(), body=NEW_BODY, to_roles=("mentor",))
        self._dirty = False
        self._load_templates(self._new.key)
        self._dirty = True
        self._update_buttons()
        self.ui.subjectEdit.setFocus()
        return self._new

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._dirty and not self._may_leave():
            event.ignore()
            return
        super().closeEvent(event)

    def role_box(self, line: str, role: str) -> QCheckBox:
        """The To or Cc checkbox of ``role`` (for tests and shortcuts)."""
        return (self._to if line == "to" else self._cc)[role]
