"""A real SMTP server for the GUI's mail tests: aiosmtpd on a free local port, with AUTH.

It keeps every message it accepts (envelope and bytes) so that a test can
check what arrived. Logins are checked against one user and password; a
wrong one is refused (535) as a real server would.
"""

from __future__ import annotations

import base64
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
    """Stores what arrives; counts logins.

    Attributes:
        tokens: The OAuth 2.0 access tokens XOAUTH2 accepts (for ``USER``).
        drop_after_dot: Close the connection after the final dot of this many more
            messages, keeping them, without answering (RFC 1047: the client cannot
            know they arrived).
    """

    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    drop_after_dot: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          bytes(envelope.original_content or envelope.content)))
            drop, self.drop_after_dot = self.drop_after_dot > 0, max(0, self.drop_after_dot - 1)
        if drop:
            server.transport.close()
        return "250 OK"

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:  # noqa: N802
        """Microsoft's XOAUTH2: a token it knows logs in; another gets 334 then 535."""
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        decoded = base64.b64decode(args[1]).decode()
        parts = dict(p.split("=", 1) for p in decoded.split("\x01") if "=" in p)
        token = parts.get("auth", "").removeprefix("Bearer ")
        if token in self.tokens and parts.get("user") == USER:
            with self.lock:
                self.logins.append(f"xoauth2:{token}")
            return AuthResult(success=True, auth_data=parts["user"])
        await server.challenge_auth(base64.b64encode(b'{"status":"401"}').decode(),
                                    encode_to_b64=False)
        return AuthResult(success=False, handled=False)


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
