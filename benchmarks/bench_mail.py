"""Benchmark of the outbox: queueing 1,000 emails and sending them to a local SMTP server.

Builds a SQLite database with 100 proposed pairs, then times:

- ``queue_1000_one_by_one``: 1,000 × :func:`ams_desk.mail.outbox.queue_email`
  (render, build, re-parse check, store with its timeline event — one
  transaction each, as a step's email or a reminder is queued);
- ``queue_1000_batch``: :func:`ams_desk.mail.outbox.queue_many` (one transaction, as
  the board's Propose review queues its proposals), ``--repeat`` times (best, median);
- ``email_package_floor`` (the queueing's limit, measured in the same run):
  the same 1,000 messages built with :class:`email.message.EmailMessage` and
  parsed back whole with ``policy.default`` — no template, no database — the
  least a queue that re-parses what it stores can cost. The batch must stay
  within ``--factor`` times it (exit 1 otherwise);
- ``send_1000``: :func:`ams_desk.mail.sending.send_outbox` through the SMTP
  bridge to an aiosmtpd on 127.0.0.1 (no pause, no cap): the claim and finish
  commits around every message included;
- ``smtplib_same_bytes`` (the limit, measured in the same run): raw
  ``smtplib.SMTP.sendmail`` of the same 1,000 stored messages over one
  connection to the same server, with no database at all.

Usage::

    .venv/bin/python benchmarks/bench_mail.py [--messages N]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from aiosmtpd.controller import Controller

from ams_desk.core.model import Role
from ams_desk.core.outbox import OutboxState
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.mail.outbox import queue_email, queue_many
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import MailSettings, Security, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.database import Database, open_database
from ams_desk.store.outbox import OutboxMessage, list_outbox
from ams_desk.store.pairs import create_pair
from ams_desk.store.people import add_signup

PAIRS = 100


class Sink:
    """Counts what arrives."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.count += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pairs(db: Database) -> list[int]:
    ids = []
    for i in range(PAIRS):
        mentor = add_signup(db, PersonInput(f"Mentor Nummer {i}", f"mentor{i}@ams.org",
                                            "Full professor"),
                            SignupInput(Role.MENTOR, date(2026, 1, 5), 2026, capacity=1))
        mentee = add_signup(db, PersonInput(f"Mentee Zoë {i}", f"mentee{i}@ams.org",
                                            "PhD candidate"),
                            SignupInput(Role.MENTEE, date(2026, 1, 5), 2026))
        ids.append(create_pair(db, mentor.signup_id, mentee.signup_id).id)
    return ids


def _floor(stored: list[OutboxMessage]) -> None:
    """Build and parse back the same messages with the email package alone."""
    for m in stored:
        message = EmailMessage(policy=policy.SMTP)
        message["From"] = m.sender
        message["To"] = ", ".join(m.to)
        if m.cc:
            message["Cc"] = ", ".join(m.cc)
        message["Subject"] = m.subject
        message["Date"] = format_datetime(datetime.now().astimezone())
        message["Message-ID"] = m.message_id
        message.set_content(m.raw.partition(b"\r\n\r\n")[2].decode("ascii"), charset="utf-8",
                            cte="quoted-printable")
        parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
        assert [str(parsed[h]) for h in ("to", "subject")]


def _clock(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--factor", type=float, default=3.0,
                        help="the batch may cost this many times the email package's floor")
    parser.add_argument("--repeat", type=int, default=3, help="queueing runs (best and median)")
    args = parser.parse_args()
    n = args.messages
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)  # type: ignore[arg-type]
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
            settings = MailSettings(host="127.0.0.1", port=port, security=Security.NONE,
                                    from_address="mentorship@ams.org", pause_seconds=0.0)
            save_mail_settings(db, settings)
            pairs = _pairs(db)
            targets = [pairs[i % PAIRS] for i in range(n)]

            one_by_one = _clock(lambda: [queue_email(db, "proposal_to_mentor", pair_id=p)
                                         for p in targets])
            batches = [_clock(lambda: queue_many(db, "introduction_to_mentee", targets))
                       for _ in range(args.repeat)]
            queued = list_outbox(db, states=[OutboxState.QUEUED])
            first = [m.id for m in queued[:n]]
            floors = [_clock(lambda: _floor(queued[n:2 * n])) for _ in range(args.repeat)]
            sent = _clock(lambda: send_outbox(db, SmtpBridge(settings), settings, ids=first))
            assert sink.count == n, sink.count
            stored = [m for m in list_outbox(db) if m.id in set(first)]

            def raw_smtplib() -> None:
                with smtplib.SMTP("127.0.0.1", port) as smtp:
                    for m in stored:
                        smtp.sendmail(m.sender, list(m.envelope), m.raw)

            limit = _clock(raw_smtplib)
            assert sink.count == 2 * n, sink.count
            db.close()
    finally:
        controller.stop()
    batch, floor = min(batches), min(floors)
    print(f"queue_{n}_one_by_one: {one_by_one:.2f} s ({one_by_one / n * 1000:.1f} ms each, "
          "one transaction each)")
    print(f"queue_{n}_batch: best {batch:.2f} s, median {statistics.median(batches):.2f} s "
          f"({batch / n * 1000:.1f} ms each)")
    print(f"email_package_floor (limit): best {floor:.2f} s, median "
          f"{statistics.median(floors):.2f} s; the batch costs {batch / floor:.1f}× it "
          f"(allowed {args.factor:.1f}×)")
    print(f"send_{n}: {sent:.2f} s ({n / sent:.0f} messages/s)")
    print(f"smtplib_same_bytes (limit): {limit:.2f} s ({n / limit:.0f} messages/s); "
          f"the outbox's bookkeeping costs {sent / limit:.1f}× the bare SMTP dialogue")
    return 0 if batch <= args.factor * floor else 1


if __name__ == "__main__":
    sys.exit(main())
