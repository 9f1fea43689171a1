"""The template editor: live preview on a real pair, refusals that name the field, undo."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from mail_support import Reports, make_ctx, pair_at, set_up_mail
from PySide6.QtWidgets import QMessageBox

from ams_desk.core.workflow import PairStatus
from ams_desk.gui.context import AppContext
from ams_desk.gui.mail.template_editor import TemplateEditor, key_for
from ams_desk.gui.mail.template_models import FieldTableModel, TemplateListModel, field_rows
from ams_desk.mail.templates import default_template, get_template, list_templates
from ams_desk.store.database import Database
from ams_desk.store.people import AddedSignup


@pytest.fixture
def ctx(db: Database, today: date, people: dict[str, AddedSignup]) -> AppContext:
    set_up_mail(db)
    pair_at(db, people["eva"].signup_id, people["jose"].signup_id, PairStatus.MENTOR_AGREED,
            datetime(2026, 5, 10, 9, 0))
    return make_ctx(db, today, Reports())


@pytest.fixture
def editor(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> TemplateEditor:
    # Closing with unsaved changes asks; the tests' answer is "Discard".
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog = TemplateEditor(ctx, key="introduction_to_mentee")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _preview(editor: TemplateEditor) -> str:
    return editor.ui.previewBrowser.toPlainText()


def test_the_preview_shows_the_email_for_a_real_pair(editor: TemplateEditor) -> None:
    assert editor.current_template().key == "introduction_to_mentee"  # type: ignore[union-attr]
    text = _preview(editor)
    assert "Dear José," in text
    assert "Eva Müller (Full professor) has agreed" in text
    assert "jose@ams.org" in text and "eva@ams.org" in text  # To the mentee, Cc the mentor
    values = {r.name: r.value for r in editor.fields.all_rows()}
    assert values["mentor.first_name"] == "Eva"
    assert values["pair.questions"] is None  # not known before first contact


def test_typing_updates_the_preview(qtbot: Any, editor: TemplateEditor) -> None:
    editor.ui.subjectEdit.selectAll()
    qtbot.keyClicks(editor.ui.subjectEdit, "Meet {{ mentor.first_name }}!")
    qtbot.waitUntil(lambda: "Meet Eva!" in _preview(editor))
    assert editor.save_button.isEnabled()


def test_an_unknown_field_is_refused_naming_template_field_and_pair(
    qtbot: Any, editor: TemplateEditor, db: Database
) -> None:
    editor.ui.bodyEdit.setPlainText("Dear {{ mentee.shoe_size }},\n")
    qtbot.waitUntil(lambda: "cannot be written" in _preview(editor))
    assert not editor.save()
    message = editor.ui.errorLabel.text()
    assert "Introduction to mentee" in message
    assert "mentee.shoe_size" in message
    assert "Eva Müller → José Muñoz" in message
    assert get_template(db, "introduction_to_mentee") == default_template(
        "introduction_to_mentee")


def test_save_reset_and_undo(qtbot: Any, editor: TemplateEditor, ctx: AppContext,
                             db: Database) -> None:
    editor.ui.subjectEdit.setText("Your mentor: {{ mentor.name }}")
    editor.ui.subjectEdit.textEdited.emit("")
    assert editor.save()
    stored = get_template(db, "introduction_to_mentee")
    assert stored.subject == "Your mentor: {{ mentor.name }}" and stored.is_edited
    assert editor.ui.resetButton.isEnabled()
    editor.reset_to_default()
    assert not get_template(db, "introduction_to_mentee").is_edited
    assert editor.ui.subjectEdit.text() == default_template("introduction_to_mentee").subject
    ctx.ops.undo_stack.undo()  # the reset
    assert get_template(db, "introduction_to_mentee").subject == "Your mentor: {{ mentor.name }}"
    ctx.ops.undo_stack.undo()  # the save
    assert get_template(db, "introduction_to_mentee") == default_template(
        "introduction_to_mentee")
    ctx.ops.undo_stack.redo()
    assert get_template(db, "introduction_to_mentee").is_edited


def test_a_new_template_of_the_teams_own(editor: TemplateEditor, ctx: AppContext,
                                         db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    new = editor.new_template("Thank you, mentors!")
    assert new is not None and new.key == "thank_you_mentors"
    editor.ui.bodyEdit.setPlainText("Dear {{ mentor.first_name }},\nthank you!\n")
    assert editor.save()
    keys = [t.key for t in list_templates(db)]
    assert keys[-1] == "thank_you_mentors"
    assert editor.ui.deleteButton.isEnabled() and not editor.ui.resetButton.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.delete_template()
    assert "thank_you_mentors" not in [t.key for t in list_templates(db)]
    ctx.ops.undo_stack.undo()
    restored = get_template(db, "thank_you_mentors")
    assert restored.body == "Dear {{ mentor.first_name }},\nthank you!\n"


def test_double_clicking_a_field_inserts_it(qtbot: Any, editor: TemplateEditor) -> None:
    editor.ui.bodyEdit.setPlainText("")
    editor.ui.bodyEdit.setFocus()
    row = editor.fields.find_row(lambda r: r.name == "mentee.position")
    editor.ui.fieldList.doubleClicked.emit(editor.fields.index(row, 0))
    assert editor.ui.bodyEdit.toPlainText() == "{{ mentee.position }}"
    qtbot.waitUntil(lambda: "Postdoc" in _preview(editor))


def test_keys_made_from_names() -> None:
    assert key_for("Thank you, mentors!", set()) == "thank_you_mentors"
    assert key_for("Thank you, mentors!", {"thank_you_mentors"}) == "thank_you_mentors_2"
    assert key_for("2027 kick-off", set()) == "t_2027_kick_off"


def test_models_pass_the_model_tester(qtmodeltester: Any, ctx: AppContext) -> None:
    templates = TemplateListModel()
    templates.set_templates(list_templates(ctx.db))
    qtmodeltester.check(templates, force_py=True)
    fields = FieldTableModel()
    fields.set_rows(field_rows({"mentor": {"name": "Eva"}}))
    qtmodeltester.check(fields, force_py=True)
    assert fields.rowCount() > 20


def test_a_template_saved_by_someone_else_meanwhile_is_refused_and_reloaded(
    editor: TemplateEditor, db: Database
) -> None:
    from dataclasses import replace

    from ams_desk.gui.conflicts import reload_button
    from ams_desk.mail.templates import save_template

    shown = editor.current_template()
    assert shown is not None
    save_template(db, replace(shown, subject="Meet {{ mentor.name }}"), by="Ana Lima")
    editor.ui.subjectEdit.setText("Your mentor: {{ mentor.name }}")
    editor.ui.subjectEdit.textEdited.emit("")
    assert not editor.save()
    assert "Ana Lima changed the template “Introduction to mentee”" in \
        editor.ui.errorLabel.text()
    assert get_template(db, "introduction_to_mentee").subject == "Meet {{ mentor.name }}"
    assert editor.conflict_box is not None
    reload_button(editor.conflict_box).click()  # type: ignore[attr-defined]
    assert editor.ui.subjectEdit.text() == "Meet {{ mentor.name }}"
    editor.ui.subjectEdit.setText("Your mentor: {{ mentor.name }}")
    editor.ui.subjectEdit.textEdited.emit("")
    assert editor.save()
    assert get_template(db, "introduction_to_mentee").subject == "Your mentor: {{ mentor.name }}"
