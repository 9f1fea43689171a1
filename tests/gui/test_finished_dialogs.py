"""Dialogs that look finished: whole addresses, no field that does not apply, alike fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from mail_support import set_up_mail
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot
from showing import show_active

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.report.view import StepPair, StepPairsDialog
from ams_desk.gui.safety_dialogs import EraseDialog
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.mail.settings import save_mail_settings
from ams_desk.store.database import Database

PERSON = PersonInput("Maximilian Hoffmann", "maximilian.hoffmann@ams-institute.org", "Postdoc",
                     "Urban Water & Infrastructure")
FIELD_BORDER = "#c9d1d9"
"""The border of the style sheet's input fields."""


def _editor(qtbot: object, role: Role) -> SignupEditor:
    dialog = SignupEditor(lambda _person, _signup: None, SeniorityLadder(), person=PERSON,
                          signup=SignupInput(role, date(2026, 3, 1), 2026, capacity=2))
    show_active(qtbot, dialog)
    return dialog


def test_the_editor_shows_a_long_email_address_whole(qtbot: object) -> None:
    dialog = _editor(qtbot, Role.MENTEE)
    edit = dialog.ui.emailEdit
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.text()) + 12


def test_a_mentee_sign_up_has_no_places_and_a_mentor_sign_up_has(qtbot: object) -> None:
    mentee = _editor(qtbot, Role.MENTEE)
    assert not mentee.ui.capacitySpin.isVisible()
    assert not mentee.ui.capacityLabel.isVisible()
    mentor = _editor(qtbot, Role.MENTOR)
    assert mentor.ui.capacitySpin.isVisible()
    assert mentor.ui.capacitySpin.text() == "2 mentees in all"
    mentor.ui.roleCombo.setCurrentIndex(mentor.ui.roleCombo.findData(Role.MENTEE))
    assert not mentor.ui.capacitySpin.isVisible()


@pytest.mark.parametrize("kind", [QDoubleSpinBox, QDateTimeEdit])
def test_every_kind_of_number_and_date_field_has_the_fields_border(qtbot: object,
                                                                  kind: type) -> None:
    """The Pause of Mail settings (a decimal) and a step's date and time look like the rest."""
    holder = QWidget()
    qtbot.addWidget(holder)  # type: ignore[attr-defined]
    layout = QVBoxLayout(holder)
    fields = [QSpinBox(), kind()]
    for field in fields:
        field.setFixedSize(160, 30)
        field.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the border of a field without focus
        layout.addWidget(field)
    holder.show()
    QApplication.processEvents()
    edges = []
    for field in fields:
        image = field.grab().toImage()
        edges.append(QColor(image.pixel(40, 0)).name())  # the top border, left of the text
    assert edges[1] == edges[0] == FIELD_BORDER


def _erase_text(qtbot: object, pairs: int) -> str:
    dialog = EraseDialog("Pieter van Dijk", "pieter.vandijk@ams-institute.org", 1, pairs)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_erasing_a_person_without_pairs_names_no_pairs(qtbot: object) -> None:
    text = _erase_text(qtbot, 0)
    assert "removed: their details, the text of their 1 sign-up and the emails to them." in text
    assert "pair" not in text


def test_erasing_a_person_with_pairs_says_the_pairs_stay_as_counts(qtbot: object) -> None:
    text = _erase_text(qtbot, 2)
    assert "the text of their 1 sign-up, the notes on their 2 pairs and the emails" in text
    assert "The pairs stay as anonymous counts" in text


def test_mail_settings_show_the_teams_sender_whole(make_window: Callable[[], MainWindow],
                                                   db: Database) -> None:
    settings = set_up_mail(db)
    save_mail_settings(db, replace(settings, from_address="mentoring@ams-institute.org"))
    window = make_window()
    dialog = window.mail.edit_settings()
    QApplication.processEvents()
    edit = dialog.ui.fromEdit
    assert edit.text() == "AMS Mentorship Team <mentoring@ams-institute.org>"
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.text()) + 12
    dialog.reject()


def test_a_funnel_steps_list_opens_with_its_first_pair_chosen(qtbot: QtBot) -> None:
    rows = [StepPair(7, "Nadia Bouzid", "Koen Mulder", "Closed", date(2026, 3, 27)),
            StepPair(9, "Liv Dahl", "Torbjørn Sørensen", "Closed", date(2026, 4, 1))]
    dialog = StepPairsDialog("Pairs of 2026 that reached “Met”", rows)
    show_active(qtbot, dialog)
    assert [i.row() for i in dialog.table.selectionModel().selectedRows()] == [0]
    with qtbot.waitSignal(dialog.pair_requested) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == [7]


def test_a_whole_row_table_frames_no_single_cell(qtbot: QtBot) -> None:
    rows = [StepPair(7, "Nadia Bouzid", "Koen Mulder", "Closed", date(2026, 3, 27))]
    dialog = StepPairsDialog("Pairs of 2026 that reached “Met”", rows)
    show_active(qtbot, dialog)
    table = dialog.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    cell = table.visualRect(dialog.model.index(0, 0))
    image = table.viewport().grab().toImage()
    # Along the first cell's right edge: the row's selection colour, no focus frame.
    edge = {QColor(image.pixel(cell.right(), y)).name()
            for y in range(cell.top() + 2, cell.bottom() - 1)}
    assert edge == {"#cfe3f7"}
