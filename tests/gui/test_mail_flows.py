"""The program's emails as a coordinator sends them, to a real SMTP server (aiosmtpd).

On the demo program: propose pairs on the board, review and send the
proposal emails, record "mentor agreed" and send the introduction; undo of a
queueing removes the message; a refused login asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from mail_server import PASSWORD, MailServer
from mail_support import set_up_mail
from PySide6.QtCore import QSettings

from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import PairStatus
from ams_desk.gui.mail.offer import EmailOffer
from ams_desk.gui.mail.review_dialog import ProposalReview
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.outbox import list_outbox
from ams_desk.store.pair_rows import list_pair_rows
from ams_desk.store.pairs import get_pair

DEMO_TODAY = date(2026, 11, 20)
pytestmark = pytest.mark.usefixtures("no_kept_password")


class Asker:
    """Stands in for the password dialog: gives the answers in order, records the reasons."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.reasons: list[str] = []

    def __call__(self, _parent: object, account: str, reason: str) -> str | None:
        self.reasons.append(reason)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def demo_window(qtbot: Any, db: Database, server: MailServer, settings: QSettings,
                warnings: list[str]) -> Callable[..., MainWindow]:
    fill_demo(db, today=DEMO_TODAY)
    set_up_mail(db, server.port)

    def make(asker: Asker) -> MainWindow:
        window = MainWindow(db, today=DEMO_TODAY, settings=settings)
        qtbot.addWidget(window)
        window.mail.passwords.asker = asker
        window.show()
        return window

    return make


def _send(qtbot: Any, window: MainWindow, ids: list[int] | None) -> Any:
    sending = window.outbox.sending
    with qtbot.waitSignal(sending.finished, timeout=30_000):
        assert sending.start(ids) is not None
    return sending.last_report


def _messages(db: Database, state: OutboxState | None = None) -> list[Any]:
    return list_outbox(db, states=[state] if state else None)


def test_propose_review_send_then_introduce(qtbot: Any, demo_window: Callable[..., MainWindow],
                                            db: Database, server: MailServer,
                                            warnings: list[str]) -> None:
    asker = Asker(PASSWORD)
    window = demo_window(asker)
    board = window.board
    window.tabs.setCurrentWidget(board)
    with qtbot.waitSignal(board.suggestion_finished, timeout=30_000):
        assert board.suggester.start() is not None
    drafts = [line.pair for line in board.pair_model.cards() if line.pair.is_draft][:3]
    assert len(drafts) == 3
    board.select_pairs([p.pair_id for p in drafts])

    review = board.drafts.review_proposal()
    assert isinstance(review, ProposalReview)
    assert review.model.rowCount() == 3
    assert all(r.preview is not None for r in review.rows)
    first = review.rows[0]
    assert first.preview is not None
    assert first.preview.built.subject == f"Would you mentor {first.mentee}?"
    assert "2026-11-27" in review.ui.previewBrowser.toPlainText()  # answer due in 7 days
    assert review.ok_button.text() == "Propose and queue 3 emails"
    review.ok_button.click()

    proposed = {p.pair_id for p in drafts}
    assert {get_pair(db, i).status for i in proposed} == {PairStatus.PROPOSED.value}
    queued = _messages(db, OutboxState.QUEUED)
    assert {m.pair_id for m in queued} == proposed
    assert window.tabs.tabText(window.tabs.indexOf(window.outbox)) == "Outbox  (3 queued)"

    window.tabs.setCurrentWidget(window.outbox)
    window.outbox.send_all_action.trigger()
    qtbot.waitUntil(lambda: not window.outbox.sending.busy, timeout=30_000)
    assert warnings == []
    assert [m.state for m in _messages(db)] == [OutboxState.SENT] * 3
    assert sorted(r.message["Message-ID"] for r in server.received) == sorted(
        m.message_id for m in queued)
    for message in queued:
        [arrived] = [r for r in server.received if r.message["Message-ID"] == message.message_id]
        assert arrived.recipients == list(message.to)  # the mentor, and no one else
        assert arrived.message["Subject"] == message.subject
    assert asker.reasons == [""]  # asked once (no keyring here), then kept for the session

    # The mentor of the first pair agreed: the step offers the introduction.
    pair_id = queued[0].pair_id
    assert pair_id is not None
    window.open_pair(pair_id)
    dialog = window.pairs.record_step(PairStatus.MENTOR_AGREED)
    assert dialog is not None
    offer = dialog.extra
    assert isinstance(offer, EmailOffer) and offer.wanted()  # on by default
    assert "has agreed" in offer.browser.toPlainText()
    dialog._on_save()  # noqa: SLF001 - what "Record step" does
    assert get_pair(db, pair_id).status == PairStatus.MENTOR_AGREED.value
    [intro] = _messages(db, OutboxState.QUEUED)
    assert intro.template_key == "introduction_to_mentee" and intro.pair_id == pair_id

    # One Undo takes back the step and its email; Redo brings back the same email.
    window.undo_action.trigger()
    assert get_pair(db, pair_id).status == PairStatus.PROPOSED.value
    assert _messages(db, OutboxState.QUEUED) == []
    window.redo_action.trigger()
    assert get_pair(db, pair_id).status == PairStatus.MENTOR_AGREED.value
    [again] = _messages(db, OutboxState.QUEUED)
    assert again.message_id == intro.message_id and again.raw == intro.raw

    report = _send(qtbot, window, None)
    assert report.sent == [again.id]
    arrived = server.received[-1]
    assert arrived.message["Message-ID"] == intro.message_id
    assert set(arrived.recipients) == set(intro.to) | set(intro.cc)  # mentee, cc the mentor
    assert "has agreed to" in arrived.message.get_body(("plain",)).get_content()
    assert asker.reasons == [""]
    events = [e.kind for e in get_pair(db, pair_id).events]
    assert events.count("email_sent") == 2 and "email_queued" in events

    # Once sent, the queueing cannot be taken back: Undo says so and changes nothing.
    window.undo_action.trigger()
    assert len(warnings) == 1 and "cannot be taken back" in warnings[0]
    assert get_pair(db, pair_id).status == PairStatus.MENTOR_AGREED.value


def test_a_refused_login_asks_again(qtbot: Any, demo_window: Callable[..., MainWindow],
                                    db: Database, server: MailServer) -> None:
    asker = Asker("wrong password", PASSWORD)
    window = demo_window(asker)
    proposed = [r for r in list_pair_rows(db) if r.status is PairStatus.PROPOSED]
    from functools import partial

    from ams_desk.mail import ops as mail_ops

    for row in proposed[:2]:
        window.ops.run("Queue", partial(mail_ops.queue, template_key="proposal_reminder_to_mentor",
                                        pair_id=row.pair.id, today=DEMO_TODAY))
    sending = window.outbox.sending
    with qtbot.waitSignal(sending.finished, timeout=30_000):
        sending.start(None)
    # The first run stopped at the refused login and asked again; the second one sends.
    qtbot.waitUntil(lambda: not sending.busy and len(server.received) == 2, timeout=30_000)
    assert len(asker.reasons) == 2 and "refused" in asker.reasons[1]
    assert [m.state for m in _messages(db)] == [OutboxState.SENT] * 2
    assert server.handler.logins == ["team@ams.example"]


def test_eml_drafts_from_the_outbox(qtbot: Any, demo_window: Callable[..., MainWindow],
                                    db: Database, settings: QSettings, tmp_path: Path) -> None:
    from functools import partial

    from ams_desk.gui.mail.preferences import SendPreferences, SendVia, save_preferences
    from ams_desk.mail import ops as mail_ops

    save_preferences(settings, SendPreferences(via=SendVia.EML, eml_folder=str(tmp_path / "eml"),
                                               open_eml=False))
    asker = Asker()
    window = demo_window(asker)
    row = next(r for r in list_pair_rows(db) if r.status is PairStatus.PROPOSED)
    message = window.ops.run("Queue", partial(
        mail_ops.queue, template_key="proposal_reminder_to_mentor", pair_id=row.pair.id,
        today=DEMO_TODAY))
    report = _send(qtbot, window, [message.id])
    assert report.exported == [message.id] and asker.reasons == []  # no password for drafts
    [path] = list((tmp_path / "eml").glob("*.eml"))
    from email import message_from_bytes, policy

    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1" and parsed["Message-ID"] == message.message_id
    assert _messages(db)[0].state is OutboxState.EXPORTED
