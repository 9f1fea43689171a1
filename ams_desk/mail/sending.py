"""Sending the outbox through a bridge: retries, throttle, progress and Cancel.

Runs off the GUI thread: it takes ``progress(done, total)`` and
``cancelled()`` callables and touches nothing but the database and the
bridge. Each message is claimed (``queued → sending``, committed) before it
goes out and finished (``sent``/``failed``/``unconfirmed``/back to ``queued``)
right after, so a crash at any moment leaves at worst one message
``sending`` — which the next start turns into ``unconfirmed``, never sent twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.bridge import (
    Bridge,
    ConnectError,
    LoginError,
    PermanentError,
    SendError,
    TransientError,
    UnavailableError,
    UnconfirmedError,
)
from ams_desk.mail.settings import MailSettings
from ams_desk.store.database import Database
from ams_desk.store.outbox import (
    OutboxMessage,
    claim,
    count_sent_since,
    finish,
    list_outbox,
    note_attempt,
    recover_interrupted,
)
from ams_desk.store.pairs import coordinator_name

RETRIES = 3
"""Attempts of one message in one run before a transient failure leaves it queued."""

RETRY_PAUSE = 2.0
"""Seconds between two attempts of the same message."""


@dataclass
class SendReport:
    """What one run did; ``stopped`` says why it ended early (empty: it went through the list).

    Attributes:
        login_refused: The server refused the login; ask for the password and run again.
        hour_cap_until: The hourly cap was reached; the rest can go at this time.
    """

    total: int = 0
    sent: list[int] = field(default_factory=list)
    exported: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unconfirmed: list[int] = field(default_factory=list)
    left_queued: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    stopped: str = ""
    login_refused: bool = False
    cancelled: bool = False
    hour_cap_until: datetime | None = None

    def summary(self) -> str:
        """One line for the coordinator."""
        parts = [f"{len(self.sent)} sent"] if self.sent or not self.exported else []
        if self.exported:
            parts.append(f"{len(self.exported)} saved as drafts")
        for count, word in ((len(self.failed), "failed"), (len(self.unconfirmed), "unconfirmed"),
                            (len(self.left_queued), "still queued")):
            if count:
                parts.append(f"{count} {word}")
        line = ", ".join(parts) + f" of {self.total}."
        return f"{line} {self.stopped}" if self.stopped else line

    def to_json(self) -> dict[str, object]:
        return {
            "total": self.total, "sent": self.sent, "exported": self.exported,
            "failed": self.failed,
            "unconfirmed": self.unconfirmed, "queued": self.left_queued,
            "errors": {str(k): v for k, v in self.errors.items()}, "stopped": self.stopped,
            "login_refused": self.login_refused, "cancelled": self.cancelled,
        }


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    pass


class _Throttle:
    """The pause between messages and the hourly cap (counted from the database's sent times)."""

    def __init__(self, db: Database, settings: MailSettings, sleep: Callable[[float], None],
                 now: Callable[[], datetime], cancelled: Callable[[], bool]) -> None:
        self._db = db
        self._pause = max(settings.pause_seconds, 0.0)
        self._cap = settings.per_hour
        self._sleep = sleep
        self._now = now
        self._cancelled = cancelled
        self._first = True
        self._sent_this_hour: int | None = None

    def wait(self) -> bool:
        """Pause before the next message; False if Cancel was pressed meanwhile."""
        if self._first:
            self._first = False
            return True
        end = time.monotonic() + self._pause
        while (left := end - time.monotonic()) > 0:
            if self._cancelled():
                return False
            self._sleep(min(left, 0.2))
        return not self._cancelled()

    def cap_reached(self) -> datetime | None:
        """When the next message may go, if the hourly cap is reached now."""
        if self._cap <= 0:
            return None
        since = self._now() - timedelta(hours=1)
        if count_sent_since(self._db, since) < self._cap:
            return None
        return self._now() + timedelta(minutes=5)


def send_outbox(
    db: Database,
    bridge: Bridge,
    settings: MailSettings,
    *,
    ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] = _ignore,
    cancelled: Callable[[], bool] = _never,
    by: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = datetime.now,
    retry_pause: float | None = None,
) -> SendReport:
    """Send queued messages (``ids``, or every queued one) through ``bridge``.

    Args:
        ids: The messages to send, in order; those not queued are skipped.
        progress: Called with (messages done, total) after each message.
        cancelled: Polled between messages (and during pauses); True stops the run.
        retry_pause: Seconds between attempts of one message (default :data:`RETRY_PAUSE`).

    Returns:
        What happened to each message. A refused login, an unreachable server,
        Cancel or the hourly cap stop the run; the messages not tried stay queued.
    """
    by = by or coordinator_name()
    pause = RETRY_PAUSE if retry_pause is None else retry_pause
    wanted = list(ids) if ids is not None else [
        m.id for m in list_outbox(db, states=[OutboxState.QUEUED])]
    report = SendReport(total=len(wanted))
    throttle = _Throttle(db, settings, sleep, now, cancelled)
    progress(0, len(wanted))
    try:
        for done, outbox_id in enumerate(wanted):
            if cancelled() or not throttle.wait():
                report.cancelled = True
                report.stopped = "Cancelled; the rest is still queued."
                break
            until = throttle.cap_reached()
            if until is not None:
                report.hour_cap_until = until
                report.stopped = (f"The hourly cap of {settings.per_hour} is reached; the rest "
                                  f"can go from {until:%H:%M}.")
                break
            message = claim(db, outbox_id)
            if message is None:  # cancelled, sent or taken meanwhile
                progress(done + 1, len(wanted))
                continue
            if not _send_one(db, bridge, message.id, message, report, by, sleep, pause):
                break
            progress(done + 1, len(wanted))
    finally:
        bridge.close()
    report.left_queued = [m.id for m in list_outbox(db, states=[OutboxState.QUEUED])
                          if m.id in set(wanted)]
    return report


def _send_one(db: Database, bridge: Bridge, outbox_id: int, message: OutboxMessage,
              report: SendReport, by: str, sleep: Callable[[float], None],
              retry_pause: float) -> bool:
    """One message, up to :data:`RETRIES` attempts; False when the whole run must stop."""
    for attempt in range(1, RETRIES + 1):
        try:
            bridge.send(message)
        except UnconfirmedError as exc:
            bridge.reset()
            finish(db, outbox_id, OutboxState.UNCONFIRMED, by=by, error=str(exc))
            report.unconfirmed.append(outbox_id)
            report.errors[outbox_id] = str(exc)
            return True
        except PermanentError as exc:
            finish(db, outbox_id, OutboxState.FAILED, by=by, error=str(exc))
            report.failed.append(outbox_id)
            report.errors[outbox_id] = str(exc)
            return True
        except LoginError as exc:
            finish(db, outbox_id, OutboxState.QUEUED, by=by, error=str(exc))
            report.errors[outbox_id] = str(exc)
            report.login_refused = True
            report.stopped = f"{exc}. Enter the password again and send again."
            return False
        except UnavailableError as exc:
            finish(db, outbox_id, OutboxState.QUEUED, by=by, error=str(exc))
            report.errors[outbox_id] = str(exc)
            report.stopped = str(exc)
            return False
        except TransientError as exc:
            bridge.reset()
            report.errors[outbox_id] = str(exc)
            if attempt < RETRIES:
                note_attempt(db, outbox_id, str(exc))
                sleep(retry_pause)
                continue
            finish(db, outbox_id, OutboxState.QUEUED, by=by, error=str(exc))
            if isinstance(exc, ConnectError):
                report.stopped = f"{exc}. The rest is still queued."
                return False
            return True
        except SendError as exc:  # a bridge's own kind of failure: keep it, visibly
            finish(db, outbox_id, OutboxState.FAILED, by=by, error=str(exc))
            report.failed.append(outbox_id)
            report.errors[outbox_id] = str(exc)
            return True
        finish(db, outbox_id, bridge.done_state, by=by)
        done = report.exported if bridge.done_state is OutboxState.EXPORTED else report.sent
        done.append(outbox_id)
        report.errors.pop(outbox_id, None)
        return True
    return True


def recover_at_start(db: Database, by: str | None = None) -> list[int]:
    """Call once when the app or a sending command starts: ``sending`` → ``unconfirmed``."""
    return recover_interrupted(db, by=by or coordinator_name())
