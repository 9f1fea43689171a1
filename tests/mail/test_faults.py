"""A fault-injecting SMTP server and 300 messages: none lost, none sent twice by itself."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from mail_helpers import add_person, mail_settings
from smtp_server import Faults, Handler, Server

from ams_desk.core.model import Role
from ams_desk.core.outbox import OutboxState
from ams_desk.mail.credentials import PasswordSource
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.mail.templates import Template, save_template
from ams_desk.store.database import Database
from ams_desk.store.outbox import list_outbox
from ams_desk.store.pairs import create_pair

PAIRS = 10
PER_PAIR = 30


def _pairs(db: Database) -> list[int]:
    ids = []
    for i in range(PAIRS):
        mentor = add_person(db, f"Mentor {i}", f"mentor{i}@ams.org", "Full professor",
                            Role.MENTOR, capacity=1)
        mail = f"nobody-bad{i}@ams.org" if i in (3, 7) else f"mentee{i}@ams.org"
        mentee = add_person(db, f"Mentee {i}", mail, "PhD candidate", Role.MENTEE)
        ids.append(create_pair(db, mentor.signup_id, mentee.signup_id).id)
    return ids


@pytest.mark.slow
def test_three_hundred_messages_through_every_fault(db: Database) -> None:
    handler = Handler()
    server = Server(handler, auth=True)
    kill_at = 150

    def data_fault(n: int, data: bytes) -> str | None:
        if n == kill_at:
            threading.Thread(target=server.stop).start()  # the server dies mid-run
            return "drop-after-dot"
        if n % 29 == 0:
            return "drop-after-dot"
        if n % 13 == 0:
            return "451 4.3.0 Temporary local problem, try again"
        if n % 97 == 0:
            return "554 5.6.0 Message content refused"
        return None

    handler.faults = Faults(
        mail=lambda n: "421 4.7.0 Too many messages, slow down" if n % 17 == 0 else None,
        rcpt=lambda address: "550 5.1.1 No such user here" if "bad" in address else None,
        data=data_fault,
        logins=lambda n: n not in (9, 10),  # one whole login (PLAIN, then LOGIN) refused
    )
    server.start()
    try:
        settings = mail_settings(port=server.port, user="team")
        save_mail_settings(db, settings)
        save_template(db, Template("intro_all", "Introduction", "Meet {{ mentor.name }}",
                                   "Dear {{ mentee.first_name }},\n", ("mentee",),
                                   ("mentor", "team")))
        pairs = _pairs(db)
        for pair_id in pairs:
            for _ in range(PER_PAIR):
                queue_email(db, "intro_all", pair_id=pair_id, today=date(2026, 3, 2))
        source = PasswordSource("team", "127.0.0.1", lambda: handler.password, remember=False)
        bridge = SmtpBridge(settings, password=source, timeout=5)
        runs = []
        for _ in range(30):
            if not list_outbox(db, states=[OutboxState.QUEUED]):
                break
            report = send_outbox(db, bridge, settings, retry_pause=0, sleep=lambda s: None)
            runs.append(report)
            if report.login_refused:
                source.refused()  # the coordinator is asked again
            if "cannot connect" in report.stopped:
                server.stop()
                server.start()  # the server is back, on the same port
    finally:
        server.stop()

    messages = list_outbox(db)
    assert len(messages) == PAIRS * PER_PAIR  # 0 lost
    counts = handler.counts()
    ids = {m.message_id for m in messages}
    assert set(counts) <= ids and max(counts.values()) == 1  # 0 duplicates
    by_state = {s: [m for m in messages if m.state is s] for s in OutboxState}
    assert by_state[OutboxState.QUEUED] == [] and by_state[OutboxState.SENDING] == []
    for m in by_state[OutboxState.SENT]:
        assert counts[m.message_id] == 1
    for m in by_state[OutboxState.FAILED]:
        assert counts[m.message_id] == 0 and m.last_error.startswith(("recipient", "message"))
    for m in by_state[OutboxState.UNCONFIRMED]:
        assert counts[m.message_id] <= 1 and "may have it" in m.last_error
    bad = [m for m in messages if "bad" in m.to[0]]
    assert bad and all(m.state is OutboxState.FAILED for m in bad)
    assert "550 5.1.1 No such user here" in bad[0].last_error
    assert any("554 5.6.0" in m.last_error for m in by_state[OutboxState.FAILED])
    assert len(by_state[OutboxState.UNCONFIRMED]) >= 5
    assert len(by_state[OutboxState.SENT]) >= 200
    assert any(r.login_refused for r in runs) and any("cannot connect" in r.stopped for r in runs)
    envelopes = {m.message_id: sorted(m.envelope) for m in messages}
    for received in handler.received:
        assert sorted(received.rcpts) == envelopes[received.message_id]
    retried = [m for m in by_state[OutboxState.SENT] if m.attempts > 1]
    assert retried  # 421 and 451 were retried in the same run
