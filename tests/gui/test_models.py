"""Every item model of the GUI, holding rows, through pytest-qt's model tester.

The models are taken from a running main window and import wizard, filled from
a real database and a sample export, then sorted and filtered. A model class
added to ``ams_desk/gui/`` later fails the test until it is checked here too.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester

import ams_desk.gui
from ams_desk.core.model import Role
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "google-forms-export.csv"
MakeWindow = Callable[[], MainWindow]
#: Generated code (pyside6-uic, pyside6-rcc): no models, and not worth importing.
GENERATED = ("ams_desk.gui.forms", "ams_desk.gui.resources_rc")


def _model_classes() -> set[type[QAbstractItemModel]]:
    """Every concrete item model class defined in ``ams_desk.gui`` (bases left out)."""
    for info in pkgutil.walk_packages(ams_desk.gui.__path__, "ams_desk.gui."):
        if not info.name.startswith(GENERATED):
            importlib.import_module(info.name)
    found: set[type[QAbstractItemModel]] = set()
    todo: list[type[QAbstractItemModel]] = [QAbstractItemModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ams_desk.gui."):
                found.add(sub)
    return {cls for cls in found if not any(other is not cls and issubclass(other, cls)
                                            for other in found)}


def _check(qtmodeltester: Any, model: QAbstractItemModel, checked: set[type]) -> None:
    rows = model.rowCount()
    assert rows > 0, f"{type(model).__name__} has no rows to check"
    qtmodeltester.check(model, force_py=True)
    checked.add(type(model))


def _models_with_rows(
    qtbot: Any, qtmodeltester: Any, window: MainWindow
) -> set[type]:
    """Check each model of the window and the wizard, and return their classes."""
    checked: set[type] = set()
    for widget in (window.attention, window.pairs, *window.views.values()):
        window.tabs.setCurrentWidget(widget)
    window.tabs.setCurrentWidget(window.board)
    window.board.reload()
    for model in (window.attention.model, window.pairs.model, window.views[Role.MENTOR].model,
                  window.views[Role.MENTEE].model, window.board.mentee_model,
                  window.board.mentor_model, window.board.pair_model):
        _check(qtmodeltester, model, checked)

    # The attention groups follow their flat model inside its resets (as a proxy model
    # does), which one tester watching both would take for a reset within a reset.
    _check(ModelTester(None), window.attention.groups, checked)

    mentees = window.views[Role.MENTEE].model
    mentees.sort(0)
    mentees.set_search("e")
    _check(qtmodeltester, mentees, checked)
    window.pairs.model.sort(3)
    _check(qtmodeltester, window.pairs.model, checked)

    with qtbot.waitSignal(window.report_view.report_shown, timeout=30_000):
        window.tabs.setCurrentWidget(window.report_view)  # read off the GUI thread
    window.report_view.set_year(2026)  # the year of the pair proposed above
    qtbot.waitUntil(lambda: not window.report_view.loader.busy, timeout=30_000)
    step = window.report_view.show_step(0)  # the pairs that reached "Proposed"
    assert step is not None
    _check(qtmodeltester, step.model, checked)
    step.reject()

    _check_mail_models(qtmodeltester, window, checked)

    wizard = window.import_signups()
    wizard.file_page.path_edit.setText(str(SAMPLE))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=20000)
    _check(qtmodeltester, wizard.mapping_page.model, checked)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
    preview = wizard.preview_page.model
    _check(qtmodeltester, preview, checked)
    preview.sort(0)
    preview.set_kind("Changes")
    _check(qtmodeltester, preview, checked)
    wizard.reject()
    return checked


def _check_mail_models(qtmodeltester: Any, window: MainWindow, checked: set[type]) -> None:
    """The Outbox with a queued email, the mentor's emails in their History, the template
    editor's lists, the Propose review."""
    from functools import partial

    from mail_support import set_up_mail

    from ams_desk.gui.mail.review_dialog import ReviewModel, ReviewRow
    from ams_desk.mail import ops as mail_ops

    set_up_mail(window.db)
    pair_id = window.pairs.model.row_at(0).pair.id
    window.ops.run("Queue", partial(mail_ops.queue, template_key="proposal_reminder_to_mentor",
                                    pair_id=pair_id))
    window.tabs.setCurrentWidget(window.outbox)
    assert window.outbox.model.rowCount() == 1
    _check(qtmodeltester, window.outbox.model, checked)
    mentor = window.outbox.model.row_at(0).message.person_ids[0]
    history = window.show_history(mentor)
    assert history.emails_model.rowCount() == 1
    _check(qtmodeltester, history.emails_model, checked)
    history.close()
    editor = window.mail.edit_templates("proposal_to_mentor")
    _check(qtmodeltester, editor.templates, checked)
    _check(qtmodeltester, editor.fields, checked)
    editor.close()
    review = ReviewModel()
    review.set_rows([ReviewRow(pair_id, "Eva Müller", "José Muñoz", None, "cannot")])
    _check(qtmodeltester, review, checked)


@pytest.fixture
def window(make_window: MakeWindow, db: Database, people: dict[str, AddedSignup]) -> MainWindow:
    """The main window on a small program with one pair proposed long ago (so late)."""
    create_pair(db, people["eva"].signup_id, people["jose"].signup_id,
                at=datetime(2026, 4, 1, 9, 0), by="Anouk")
    return make_window()


def test_every_model_passes_the_model_tester_with_rows(
    qtbot: Any, qtmodeltester: Any, window: MainWindow
) -> None:
    checked = _models_with_rows(qtbot, qtmodeltester, window)
    classes = _model_classes()
    unchecked = sorted(f"{c.__module__}.{c.__qualname__}" for c in classes - checked)
    assert unchecked == [], "check these models with rows in tests/gui/test_models.py"
    assert len(classes) >= 9  # attention, pairs, people, board, report and wizard models
