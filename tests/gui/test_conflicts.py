"""Two coordinators: the editor, the step dialog and the settings say who changed what, and reload.

The other coordinator writes through an engine of their own on the same file,
as their window would; this window's dialogs were opened before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtWidgets import QAbstractButton

from ams_desk.core.model import Role
from ams_desk.core.scoring import Criterion, MatchWeights
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.conflicts import reload_button
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.step_dialog import StepDialog
from ams_desk.store.coordinator import set_coordinator_name
from ams_desk.store.database import Database, open_database
from ams_desk.store.ops import settings as settings_ops
from ams_desk.store.pairs import change_status, create_pair, get_pair
from ams_desk.store.people import (
    AddedSignup,
    get_signup,
    person_input,
    signup_input,
    update_signup,
)
from ams_desk.store.settings import get_program_settings

MakeWindow = Callable[[], MainWindow]


@pytest.fixture
def ben(db: Database) -> Iterator[Database]:
    """The other coordinator's connection to the same file."""
    other = open_database(db.url)
    try:
        yield other
    finally:
        set_coordinator_name(None)
        other.close()


def _click_reload(dialog: object) -> None:
    box = dialog.conflict_box  # type: ignore[attr-defined]
    assert box is not None and box.isVisible()
    button = reload_button(box)
    assert isinstance(button, QAbstractButton)
    button.click()


def test_the_editor_refuses_a_stale_save_and_reloads(
    make_window: MakeWindow, db: Database, ben: Database, people: dict[str, AddedSignup]
) -> None:
    window = make_window()
    view = window.views[Role.MENTOR]
    window.tabs.setCurrentWidget(view)
    view.select_ids([people["eva"].signup_id])
    dialog = window.edit_selected()
    assert dialog is not None
    person, signup = get_signup(ben, people["eva"].signup_id)
    set_coordinator_name("Ben Okafor")  # in one process, the name is the last one chosen
    update_signup(ben, signup.id, person_input(person), replace(signup_input(signup), capacity=3))
    dialog.ui.departmentEdit.setText("Optics")
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible()
    text = dialog.conflict_box.text()  # type: ignore[union-attr]
    assert "Ben Okafor changed Eva Müller’s mentor sign-up (capacity)" in text
    assert get_signup(db, signup.id)[0].department == "Urban Mobility"  # nothing saved
    _click_reload(dialog)
    assert dialog.ui.capacitySpin.value() == 3 and dialog.ui.departmentEdit.text() == \
        "Urban Mobility"
    assert "Reloaded" in dialog.ui.errorLabel.text()
    dialog.ui.departmentEdit.setText("Optics")
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    person, signup = get_signup(db, signup.id)
    assert (person.department, signup.capacity) == ("Optics", 3)  # both changes kept


def test_the_step_dialog_refuses_a_step_on_a_pair_moved_on_and_reloads(
    make_window: MakeWindow, db: Database, ben: Database, people: dict[str, AddedSignup]
) -> None:
    pair = create_pair(db, people["eva"].signup_id, people["jose"].signup_id,
                       at=datetime(2026, 5, 20, 9))
    window = make_window()
    window.open_pair(pair.id)
    window.pairs.timeline.step_buttons()[PairStatus.MENTOR_AGREED].click()
    [dialog] = [d for d in window.pairs.findChildren(StepDialog) if d.isVisible()]
    set_coordinator_name("Ben Okafor")
    change_status(ben, pair.id, PairStatus.MENTOR_DECLINED, at=datetime(2026, 5, 21, 9))
    dialog._on_save()
    assert dialog.isVisible()
    assert ("Ben Okafor changed the pair Eva Müller → José Muñoz (status proposed → mentor "
            "declined)") in dialog.error_label.text()
    assert get_pair(db, pair.id).status is PairStatus.MENTOR_DECLINED
    _click_reload(dialog)
    assert not dialog.isVisible()
    timeline = window.pairs.timeline
    assert timeline.row is not None and timeline.row.pair.status is PairStatus.MENTOR_DECLINED
    assert PairStatus.MENTOR_AGREED not in timeline.step_buttons()


def test_program_settings_changed_meanwhile_are_refused_and_reloaded(
    make_window: MakeWindow, db: Database, ben: Database
) -> None:
    window = make_window()
    dialog = window.edit_settings()
    stored = get_program_settings(ben)
    set_coordinator_name("Ben Okafor")
    settings_ops.save_program(ben, replace(stored, waiting_alert_days=30), base=stored)
    dialog.ui.retentionSpin.setValue(7)
    dialog.ui.buttonBox.accepted.emit()
    assert dialog.isVisible()
    assert "Ben Okafor changed the program settings (waiting alert days)" in \
        dialog.ui.errorLabel.text()
    _click_reload(dialog)
    assert dialog.ui.waitingSpin.value() == 30 and dialog.ui.retentionSpin.value() == 5
    dialog.ui.retentionSpin.setValue(7)
    dialog.ui.buttonBox.accepted.emit()
    assert not dialog.isVisible()
    saved = get_program_settings(db)
    assert (saved.waiting_alert_days, saved.retention_years) == (30, 7)


def test_match_weights_changed_meanwhile_are_refused_and_reloaded(
    make_window: MakeWindow, db: Database, ben: Database
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.board)
    dialog = window.board.drafts.edit_weights()
    set_coordinator_name("Ben Okafor")
    settings_ops.save_weights(ben, MatchWeights(language=5.0), base=get_program_settings(ben))
    dialog.spins[Criterion.TOPICS].setValue(4.0)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "Ben Okafor changed the match weights (language)" in dialog.error_label.text()
    assert dialog.conflict_box is not None
    assert "Ben Okafor changed the match weights" in dialog.conflict_box.text()
    assert MatchWeights.from_dict(get_program_settings(db).match_weights).topics == 3.0
    _click_reload(dialog)
    assert dialog.values() == MatchWeights(language=5.0)
    assert window.board.board is not None and window.board.board.weights.language == 5.0
    dialog.spins[Criterion.TOPICS].setValue(4.0)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert MatchWeights.from_dict(get_program_settings(db).match_weights) == \
        MatchWeights(language=5.0, topics=4.0)
    # Ben changes a weight again: Undo would overwrite it, so it is refused and says why.
    settings_ops.save_weights(ben, MatchWeights(topics=1.0), base=get_program_settings(ben))
    reported: list[str] = []
    window.ops.report = lambda title, error: reported.append(f"{title}: {error}")
    window.undo_action.trigger()
    assert reported and "changed the match weights (topic overlap, language)" in reported[0]
    assert MatchWeights.from_dict(get_program_settings(db).match_weights) == \
        MatchWeights(topics=1.0)
