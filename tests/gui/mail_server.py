"""A real SMTP server for the GUI's mail tests: aiosmtpd on a free local port, with AUTH.

It keeps every message it accepts (envelope and bytes) so that a test can
check what arrived. Logins are checked against one user and password; a
wrong one is refused (535) as a real server would.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "team@ams.example"
PASSWORD = "s3cret-Passw0rd"


@dataclass
class Received:
    """One message the server accepted."""

    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """Stores what arrives; counts logins."""

    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          bytes(envelope.original_content or envelope.content)))
        return "250 OK"


def _authenticator(handler: Handler) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str,
              auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user = auth_data.login.decode()
            ok = user == USER and auth_data.password.decode() == PASSWORD
            if ok:
                handler.logins.append(user)
                return AuthResult(success=True)
        # handled=False: aiosmtpd answers 535 itself, as servers do for a wrong password.
        return AuthResult(success=False, handled=False)

    return check


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailServer:
    """An aiosmtpd controller on 127.0.0.1 with AUTH (no TLS: a local relay)."""

    def __init__(self) -> None:
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port,
            authenticator=_authenticator(self.handler), auth_require_tls=False,
        )

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def start(self) -> MailServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
