"""The name chosen for events is the one every step, note and email is credited to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from mail_support import set_up_mail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog

from ams_desk.core.workflow import PairStatus
from ams_desk.gui.main_window import MainWindow
from ams_desk.gui.step_dialog import StepDialog
from ams_desk.store import pairs as store_pairs
from ams_desk.store.database import Database
from ams_desk.store.outbox import list_outbox
from ams_desk.store.pairs import create_pair, get_pair
from ams_desk.store.people import AddedSignup

NAME = "Sanne Bakker"


@pytest.fixture(autouse=True)
def _no_name_left_behind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(store_pairs.COORDINATOR_ENV, raising=False)
    yield
    store_pairs.set_coordinator_name(None)


def test_steps_notes_and_emails_carry_the_chosen_name(
    make_window: Callable[[], MainWindow],
    db: Database,
    settings: QSettings,
    people: dict[str, AddedSignup],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.setValue("coordinator/name", NAME)
    set_up_mail(db)
    pair_id = create_pair(
        db, people["eva"].signup_id, people["jose"].signup_id, at=datetime(2026, 5, 20, 9, 0)
    ).id
    window = make_window()
    window.open_pair(pair_id)
    window.pairs.timeline.step_buttons()[PairStatus.MENTOR_AGREED].click()
    [dialog] = [d for d in window.pairs.findChildren(StepDialog) if d.isVisible()]
    assert NAME in dialog.credit_label.text()
    assert dialog.extra is not None and dialog.extra.wanted()  # type: ignore[attr-defined]
    dialog._on_save()
    assert not dialog.isVisible(), dialog.error_label.text()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *_args, **_kw: ("Called Eva; she is keen.", True))
    window.pairs.add_note()
    events = get_pair(db, pair_id).events
    assert [e.kind for e in events][1:] == ["status", "email_queued", "note"]
    assert {e.by for e in events[1:]} == {NAME}
    [message] = list_outbox(db)
    assert message.queued_by == NAME
