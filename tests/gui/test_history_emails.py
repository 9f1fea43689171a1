"""A person's History lists the emails written to them; double-click opens one in the Outbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from mail_support import set_up_mail
from PySide6.QtCore import Qt

from ams_desk.core.model import Role
from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.history_dialog import HistoryDialog
from ams_desk.gui.main_window import MainWindow
from ams_desk.mail import ops as mail_ops
from ams_desk.store.database import Database
from ams_desk.store.outbox import claim, finish
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import AddedSignup

MakeWindow = Callable[[], MainWindow]


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.emails_model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_history_lists_the_persons_emails_and_opens_one_in_the_outbox(
    qtbot: Any, make_window: MakeWindow, db: Database, people: dict[str, AddedSignup],
) -> None:
    set_up_mail(db)
    pair = create_pair(db, people["lukasz"].signup_id, people["ayse"].signup_id,
                       status=PairStatus.PROPOSED, at=datetime(2026, 5, 4, 9, 0))
    window = make_window()
    welcome = window.ops.run("Queue", partial(mail_ops.queue, template_key="signup_received",
                                               signup_id=people["ayse"].signup_id))
    proposal = window.ops.run("Queue", partial(mail_ops.queue, template_key="proposal_to_mentor",
                                                pair_id=pair.id))
    window.ops.run("Cancel", partial(mail_ops.cancel, outbox_id=welcome.id))
    assert claim(db, proposal.id) is not None
    finish(db, proposal.id, OutboxState.SENT, by="Test")

    ayse = window.show_history(people["ayse"].person_id)
    [row] = _rows(ayse)  # the proposal went to Łukasz alone
    assert row[0] == "Cancelled" and row[2] == "Your sign-up for the AMS Mentorship Program"
    assert row[3] == "Sign-up received" and row[1].startswith("20")
    assert "1 email written to Ayşe Öztürk" in ayse.emails_label.text()
    ayse.close()

    lukasz = window.show_history(people["lukasz"].person_id)
    [row] = _rows(lukasz)
    assert row[0] == "Sent" and row[2] == "Would you mentor Ayşe Öztürk?"
    assert row[3] == "Proposal to mentor"
    lukasz.close()

    # Double-click the cancelled email: the Outbox shows it, though its filter hid it.
    ayse = window.show_history(people["ayse"].person_id)
    table = ayse.emails_table
    assert window.outbox.model.find_row(lambda e: e.message.id == welcome.id) < 0
    rect = table.visualRect(ayse.emails_model.index(0, 2))
    # A double-click is a press and release, then the second press (Qt reads both).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.outbox
    assert window.outbox.selected_ids() == [welcome.id]
    assert window.outbox.current_id() == welcome.id


def test_history_without_emails_says_so(
    make_window: MakeWindow, people: dict[str, AddedSignup],
) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.views[Role.MENTOR])
    dialog = window.show_history(people["soren"].person_id)
    assert dialog.emails_model.rowCount() == 0 and not dialog.emails_table.isVisibleTo(dialog)
    assert "none written to them yet" in dialog.emails_label.text()
