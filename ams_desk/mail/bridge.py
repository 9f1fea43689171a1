"""What every bridge (SMTP, Outlook, .eml) promises the sender, and how a send can fail.

A bridge hands one stored message to the outside world and either returns
(the message left the app) or raises one of the errors below, which decide
what the outbox does with it. No error message ever carries a password or a
token: they hold the server's words and the app's explanation only.
"""

from __future__ import annotations

from typing import Protocol

from ams_desk.core.outbox import OutboxState
from ams_desk.store.outbox import OutboxMessage


class SendError(Exception):
    """A send that did not go through; ``str(error)`` is shown to the coordinator."""


class TransientError(SendError):
    """Try again soon (4xx reply, connection refused, or lost before the end of DATA)."""


class ConnectError(TransientError):
    """The server cannot be reached at all; the run stops once retries are spent."""


class PermanentError(SendError):
    """The server refused the message for good (5xx): it becomes ``failed``."""


class LoginError(SendError):
    """The server refused the login: the run stops and the password is asked again."""


class UnconfirmedError(SendError):
    """The connection was lost after the final ``.`` of DATA: the server may have the message."""


class UnavailableError(SendError):
    """The bridge cannot work on this machine (no Outlook, no COM); the message says what to do."""


class Bridge(Protocol):
    """One way out of the app.

    Attributes:
        name: Shown in messages (``SMTP smtp.example.org:587``).
        done_state: The state a message takes when :meth:`send` returns
            (``sent``, or ``exported`` for drafts handed to a mail program).
    """

    name: str
    done_state: OutboxState

    def open(self) -> None:
        """Connect (and log in); raise ConnectError, LoginError or UnavailableError."""

    def send(self, message: OutboxMessage) -> None:
        """Hand over ``message``'s stored bytes; raise a :class:`SendError` subclass if not."""

    def reset(self) -> None:
        """Drop a connection that may be broken; the next :meth:`send` reconnects."""

    def close(self) -> None:
        """End the session politely (errors are ignored)."""
