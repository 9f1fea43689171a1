"""On demo data: propose, send the proposals, record "mentor agreed", send the introduction."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import keyring
from keyring.backends import fail
from mail_helpers import mail_settings
from smtp_server import Server, client_context, self_signed

from ams_desk.core.outbox import OutboxState
from ams_desk.core.workflow import PairStatus
from ams_desk.mail import credentials
from ams_desk.mail.credentials import PasswordSource
from ams_desk.mail.eml import EmlBridge
from ams_desk.mail.ops import queue, queue_many
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import Security, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.database import Database
from ams_desk.store.demo import fill_demo
from ams_desk.store.ops.pairs import step
from ams_desk.store.outbox import list_outbox
from ams_desk.store.pairs import list_pairs


def test_demo_program_emails_over_starttls_auth_and_as_eml(
    db: Database, tmp_path: Path
) -> None:
    fill_demo(db, people=60, seed=3)
    proposed = [p.id for p in list_pairs(db) if p.status == PairStatus.PROPOSED][:5]
    assert len(proposed) >= 2
    cert = self_signed(tmp_path)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # no keyring: asked once for the session
    credentials._session.clear()
    try:
        with Server(tls=cert, auth=True) as server:
            settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
            save_mail_settings(db, settings)
            review = queue_many(db, "proposal_to_mentor", proposed)
            assert [m.pair_id for m in review.value] == proposed
            asked: list[str] = []
            source = PasswordSource("team", "127.0.0.1",
                                    lambda: asked.append("x") or server.handler.password)
            bridge = SmtpBridge(settings, password=source, ssl_context=client_context(cert[0]))
            report = send_outbox(db, bridge, settings)
            assert report.sent == [m.id for m in review.value]

            agreed = step(db, proposed[0], PairStatus.MENTOR_AGREED)
            intro = queue(db, "introduction_to_mentee", pair_id=agreed.value.id).value
            assert intro.cc  # the mentor is copied
            report = send_outbox(db, bridge, settings)
            assert report.sent == [intro.id] and asked == ["x"]
        received = {r.message_id: r for r in server.handler.received}
        assert set(received) == {m.message_id for m in review.value} | {intro.message_id}
        assert sorted(received[intro.message_id].rcpts) == sorted((*intro.to, *intro.cc))
        events = [e.kind for e in next(p for p in list_pairs(db) if p.id == proposed[0]).events
                  if e.kind.startswith("email_")]
        assert events == ["email_queued", "email_sent", "email_queued", "email_sent"]

        again = queue(db, "proposal_reminder_to_mentor", pair_id=proposed[1]).value
        drafts = EmlBridge(tmp_path / "drafts")
        assert send_outbox(db, drafts, settings).exported == [again.id]
        (path,) = drafts.written
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert parsed["Message-ID"] == again.message_id and parsed["X-Unsent"] == "1"
        assert [a.addr_spec for a in parsed["To"].addresses] == list(again.to)
        assert parsed.get_content().startswith("Dear ")
        states = {m.state for m in list_outbox(db)}
        assert states == {OutboxState.SENT, OutboxState.EXPORTED}
    finally:
        keyring.set_keyring(before)
        credentials._session.clear()
