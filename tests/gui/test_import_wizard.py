"""The import wizard on the sample exports: mapping, preview, import, re-import, cancel."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from ams_desk.gui.importing import ImportWizard
from ams_desk.gui.main_window import MainWindow
from ams_desk.sheets.importing.fields import Field
from ams_desk.store.database import Database
from ams_desk.store.people import list_people, list_signups

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
MakeWindow = Callable[[], MainWindow]


def _advance(qtbot: object, wizard: ImportWizard, page: object) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=20000)  # type: ignore[attr-defined]


def _fields(wizard: ImportWizard) -> dict[str, Field | None]:
    model = wizard.mapping_page.model
    return {h: model.mapping.field_of(i) for i, h in enumerate(model.table.headers)}


@pytest.mark.parametrize(
    ("sample", "email_header"),
    [
        ("microsoft-forms-export.xlsx", "Your work email address"),
        ("google-forms-export.csv", None),
        ("excel-dutch-semicolon.csv", None),
    ],
)
def test_import_each_sample_then_again_changes_nothing(
    qtbot: object, make_window: MakeWindow, db: Database, sample: str, email_header: str | None
) -> None:
    window = make_window()
    wizard = window.import_signups()
    wizard.file_page.path_edit.setText(str(SAMPLES / sample))
    _advance(qtbot, wizard, wizard.mapping_page)
    fields = _fields(wizard)
    assert Field.EMAIL in fields.values() and Field.POSITION in fields.values()
    if email_header is not None:  # the form's own respondent column reads "anonymous"
        assert fields[email_header] is Field.EMAIL
        assert fields["Email"] is None
    _advance(qtbot, wizard, wizard.preview_page)
    counts = wizard.preview.counts  # type: ignore[union-attr]
    assert counts.people_created > 20 and counts.signups_created > 20
    assert wizard.preview_page.model.rowCount() == counts.rows_read
    _advance(qtbot, wizard, wizard.result_page)
    people = list_people(db)
    signups = list_signups(db)
    assert len(people) == counts.people_created
    assert "imported" in wizard.result_page.summary_label.text()
    assert any(not p.name.isascii() for p in people)

    again = window.import_signups()
    again.file_page.path_edit.setText(str(SAMPLES / sample))
    _advance(qtbot, again, again.mapping_page)
    _advance(qtbot, again, again.preview_page)
    second = again.preview.counts  # type: ignore[union-attr]
    assert (second.people_created, second.people_updated, second.signups_created,
            second.signups_updated) == (0, 0, 0, 0)
    _advance(qtbot, again, again.result_page)
    assert list_people(db) == people
    assert list_signups(db) == signups


def test_a_refused_file_is_named_and_the_wizard_stays(qtbot: object, make_window: MakeWindow,
                                                      db: Database, tmp_path: Path) -> None:
    fake = tmp_path / "signups.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    wizard = make_window().import_signups()
    wizard.file_page.path_edit.setText(str(fake))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.error_label.isVisible(), timeout=10000)  # type: ignore[attr-defined]
    assert "signups.xlsx" in wizard.file_page.error_label.text()
    assert wizard.currentPage() is wizard.file_page
    assert list_people(db) == []


def test_a_missing_column_is_asked_for(qtbot: object, make_window: MakeWindow,
                                       tmp_path: Path) -> None:
    sheet = tmp_path / "names.csv"
    sheet.write_text("Name,Remark\nZoë,hello\nJan,bye\n", encoding="utf-8")
    wizard = make_window().import_signups()
    wizard.file_page.path_edit.setText(str(sheet))
    _advance(qtbot, wizard, wizard.mapping_page)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert "Choose a column for" in wizard.mapping_page.error_label.text()
    assert "Email" in wizard.mapping_page.error_label.text()


def test_cancel_while_checking_writes_nothing(qtbot: object, make_window: MakeWindow,
                                              db: Database, tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Email", "Role", "Position"])
        for i in range(60000):
            writer.writerow([f"Person {i}", f"p{i}@ams.org", "mentee", "PhD candidate"])
    wizard = make_window().import_signups()
    wizard.file_page.path_edit.setText(str(sheet))
    _advance(qtbot, wizard, wizard.mapping_page)
    wizard.next()
    page = wizard.mapping_page
    assert page.busy.isVisible() and page.busy.task is not None
    page.busy.cancel_button.click()
    qtbot.waitUntil(lambda: page.busy.task is None, timeout=30000)  # type: ignore[attr-defined]
    assert wizard.currentPage() is page
    assert "Cancelled" in page.error_label.text()
    assert list_people(db) == []


def test_ctrl_z_takes_an_import_back_and_ctrl_shift_z_makes_it_again(
    qtbot: object, make_window: MakeWindow, db: Database
) -> None:
    from sqlalchemy import text

    window = make_window()
    wizard = window.import_signups()
    wizard.file_page.path_edit.setText(str(SAMPLES / "google-forms-export.csv"))
    for page in (wizard.mapping_page, wizard.preview_page, wizard.result_page):
        _advance(qtbot, wizard, page)
    assert "Ctrl+Z" in wizard.result_page.summary_label.text()
    imported = list_people(db)
    assert len(imported) > 20
    assert window.undo_stack.undoText() == "Import google-forms-export.csv"
    wizard.accept()
    window.undo_stack.undo()
    assert list_people(db) == [] and list_signups(db) == []
    window.undo_stack.redo()
    again = list_people(db)
    assert [(p.name, p.email) for p in again] == [(p.name, p.email) for p in imported]
    # A person edited since the import: undo is refused, naming them; nothing changes.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET department = 'Edited' WHERE id = :id"),
                     {"id": again[0].id})
    errors: list[str] = []
    window.ctx.report = lambda title, error: errors.append(f"{title}: {error}")  # type: ignore[method-assign]
    window.ops.report = window.ctx.report  # type: ignore[method-assign]
    window.undo_stack.undo()
    assert len(list_people(db)) == len(again)
    assert errors and "cannot be undone" in errors[0] and "department edited" in errors[0]


def test_the_wizard_backs_the_file_up_before_importing(
    qtbot: object, make_window: MakeWindow, db: Database
) -> None:
    from ams_desk.store.backups import list_backups

    window = make_window()
    wizard = window.import_signups()
    wizard.file_page.path_edit.setText(str(SAMPLES / "google-forms-export.csv"))
    for page in (wizard.mapping_page, wizard.preview_page):
        _advance(qtbot, wizard, page)
    assert db.sqlite_path is not None
    assert [b for b in list_backups(db.sqlite_path) if b.reason == "import"] == []
    _advance(qtbot, wizard, wizard.result_page)
    [backup] = [b for b in list_backups(db.sqlite_path) if b.reason == "import"]
    assert backup.people == 0 and len(list_people(db)) > 20  # taken before the import
