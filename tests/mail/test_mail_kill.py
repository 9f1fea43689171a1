"""Killing the sending process (SIGKILL) at random moments loses and duplicates nothing."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mail_helpers import Cast, mail_settings
from smtp_server import Handler, Server

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.settings import save_mail_settings
from ams_desk.store.database import Database, open_database
from ams_desk.store.outbox import list_outbox

MESSAGES = 60
KILLS = 20
# Fewer messages waiting than this after a kill: more are queued, so that a run which
# outlives its kill on a fast machine cannot empty the outbox before the kills are done.
REFILL_BELOW = 30


class SlowHandler(Handler):
    """Takes a little while over each message, so kills land in every step of a send."""

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.slow
@pytest.mark.timeout(360)  # a loaded machine starts each sender slowly
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_while_sending_loses_and_duplicates_nothing(
    db: Database, db_path: Path, cast: Cast
) -> None:
    handler = SlowHandler()
    rng = random.Random(20261201)
    with Server(handler) as server:
        save_mail_settings(db, mail_settings(port=server.port, pause_seconds=0.0))
        for _ in range(MESSAGES):
            queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
        db.close()
        queued_total = MESSAGES
        command = [sys.executable, "-m", "ams_desk", "--db", f"sqlite:///{db_path}",
                   "outbox", "send", "--json"]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        kills = 0
        started = time.monotonic()
        while kills < KILLS and time.monotonic() - started < 300:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            # Import time is most of a run's start; the kill lands anywhere from
            # start-up (recovering) to mid-DATA and the commits between messages.
            deadline = time.monotonic() + rng.uniform(0.3, 1.6)
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.005)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
            queued_total += _refill(db_path, cast.pair_id)
        final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert final.returncode == 0, final.stderr
    assert kills >= KILLS

    reopened = open_database(f"sqlite:///{db_path}")
    try:
        messages = list_outbox(reopened)
    finally:
        reopened.close()
    assert len(messages) == queued_total  # nothing lost
    counts = handler.counts()
    assert max(counts.values()) == 1  # nothing sent twice
    assert set(counts) <= {m.message_id for m in messages}
    states = {m.state for m in messages}
    assert states <= {OutboxState.SENT, OutboxState.UNCONFIRMED}
    for m in messages:
        if m.state is OutboxState.SENT:
            assert counts[m.message_id] == 1
        else:
            assert counts[m.message_id] <= 1 and "stopped while sending" in m.last_error
    assert sum(m.state is OutboxState.SENT for m in messages) >= queued_total - kills


def _refill(db_path: Path, pair_id: int) -> int:
    """Queue more messages while no sender runs; return how many were added."""
    database = open_database(f"sqlite:///{db_path}")
    try:
        waiting = sum(m.state is OutboxState.QUEUED for m in list_outbox(database))
        added = 0
        while waiting + added < REFILL_BELOW:
            queue_email(database, "proposal_to_mentor", pair_id=pair_id)
            added += 1
        return added
    finally:
        database.close()
