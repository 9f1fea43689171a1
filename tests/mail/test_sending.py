"""The sending run: throttle, hourly cap, Cancel, and the retries of transient failures."""

from __future__ import annotations

from datetime import datetime

from mail_helpers import Cast, mail_settings
from smtp_server import Faults, Handler, Server, free_port

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.sending import RETRIES, send_outbox
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.database import Database
from ams_desk.store.outbox import get_message, list_outbox


def _queue(db: Database, cast: Cast, n: int) -> list[int]:
    return [queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id).id for _ in range(n)]


def test_pause_between_messages_and_hourly_cap(db: Database, cast: Cast) -> None:
    ids = _queue(db, cast, 5)
    slept: list[float] = []
    with Server() as server:
        settings = mail_settings(port=server.port, pause_seconds=0.05, per_hour=3)
        report = send_outbox(db, SmtpBridge(settings), settings, sleep=slept.append)
    assert report.sent == ids[:3] and report.left_queued == ids[3:]
    assert report.hour_cap_until is not None and "hourly cap of 3" in report.stopped
    assert sum(slept) >= 0.05 * 2 - 0.01  # paused before the 2nd and 3rd message
    assert len(server.handler.received) == 3


def test_cancel_between_messages_leaves_the_rest_queued(db: Database, cast: Cast) -> None:
    ids = _queue(db, cast, 6)
    progress: list[tuple[int, int]] = []
    with Server() as server:
        settings = mail_settings(port=server.port)
        report = send_outbox(db, SmtpBridge(settings), settings,
                             progress=lambda d, t: progress.append((d, t)),
                             cancelled=lambda: len(progress) > 2)
    assert report.cancelled and report.sent == ids[:2] and report.left_queued == ids[2:]
    assert progress == [(0, 6), (1, 6), (2, 6)]


def test_transient_failures_are_retried_then_left_queued(db: Database, cast: Cast) -> None:
    handler = Handler(faults=Faults(data=lambda n, d: "451 4.3.0 Try later" if n <= 4 else None))
    first, second = _queue(db, cast, 2)
    pauses: list[float] = []
    with Server(handler) as server:
        settings = mail_settings(port=server.port)
        report = send_outbox(db, SmtpBridge(settings), settings, sleep=pauses.append,
                             retry_pause=0.5)
    assert report.left_queued == [first] and report.sent == [second]
    left = get_message(db, first)
    assert left.state is OutboxState.QUEUED and left.attempts == RETRIES
    assert "451 4.3.0 Try later" in left.last_error and "will try again" in left.last_error
    assert get_message(db, second).attempts == 2  # one 451, then sent in the same run
    assert pauses.count(0.5) == 3  # two for the first message, one for the second


def test_server_down_stops_the_run_without_touching_the_rest(db: Database, cast: Cast) -> None:
    ids = _queue(db, cast, 3)
    settings = mail_settings(port=free_port())
    report = send_outbox(db, SmtpBridge(settings), settings, retry_pause=0)
    assert report.sent == [] and report.left_queued == ids
    assert "cannot connect" in report.stopped and "connection refused" in report.stopped
    assert [m.attempts for m in list_outbox(db)] == [RETRIES, 0, 0]
    assert report.summary().startswith("0 sent, 3 still queued of 3.")


def test_hour_cap_counts_messages_sent_by_earlier_runs(db: Database, cast: Cast) -> None:
    _queue(db, cast, 2)
    with Server() as server:
        settings = mail_settings(port=server.port, per_hour=2)
        assert len(send_outbox(db, SmtpBridge(settings), settings).sent) == 2
        more = _queue(db, cast, 1)
        report = send_outbox(db, SmtpBridge(settings), settings, now=datetime.now)
    assert report.sent == [] and report.left_queued == more
