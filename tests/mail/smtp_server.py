"""A real SMTP server for the tests (aiosmtpd): TLS, AUTH, XOAUTH2, and injected faults."""

from __future__ import annotations

import base64
import datetime as dt
import socket
import ssl
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1/localhost and its key, made now (cryptography)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class Received:
    sender: str
    rcpts: list[str]
    data: bytes

    @property
    def message_id(self) -> str:
        return str(message_from_bytes(self.data, policy=policy.default)["Message-ID"])


@dataclass
class Faults:
    """What the server does wrong; each callable gets a running count and decides."""

    mail: Callable[[int], str | None] = lambda n: None
    rcpt: Callable[[str], str | None] = lambda address: None
    data: Callable[[int, bytes], str | None] = lambda n, data: None
    logins: Callable[[int], bool] = lambda n: True


@dataclass
class Handler:
    faults: Faults = field(default_factory=Faults)
    received: list[Received] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    logins_seen: list[tuple[str, str]] = field(default_factory=list)
    mail_count: int = 0
    data_count: int = 0
    login_count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        with self.lock:
            self.mail_count += 1
            n = self.mail_count
        fault = self.faults.mail(n)
        if fault:
            return fault
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        fault = self.faults.rcpt(address)
        if fault:
            return fault
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.data_count += 1
            n = self.data_count
        data = envelope.original_content or b""
        fault = self.faults.data(n, data)
        if fault == "drop-after-dot":
            # The server has the message but the client never hears so (RFC 1047).
            self._keep(envelope, data)
            assert server.transport is not None
            server.transport.close()
            return "250 OK"
        if fault:
            return fault
        self._keep(envelope, data)
        return "250 OK"

    def _keep(self, envelope: Envelope, data: bytes) -> None:
        with self.lock:
            self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), data))

    def authenticate(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                     auth_data: Any) -> AuthResult:
        with self.lock:
            self.login_count += 1
            n = self.login_count
        if isinstance(auth_data, LoginPassword):
            self.logins_seen.append((auth_data.login.decode(), auth_data.password.decode()))
            if self.faults.logins(n) and (auth_data.login, auth_data.password) == (
                    b"team", self.password.encode()):
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    password: str = "s3cret-Pa55"

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        decoded = base64.b64decode(args[1]).decode()
        parts = dict(p.split("=", 1) for p in decoded.split("\x01") if "=" in p)
        token = parts.get("auth", "").removeprefix("Bearer ")
        if token in self.tokens and parts.get("user") == "team@ams.org":
            return AuthResult(success=True, auth_data=parts["user"])
        # Microsoft's way: a 334 error challenge, then 535 after the client's empty answer.
        await server.challenge_auth(base64.b64encode(b'{"status":"401"}').decode(),
                                    encode_to_b64=False)
        return AuthResult(success=False, handled=False)

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(r.message_id for r in self.received)


class Server:
    """An aiosmtpd server on a free port of 127.0.0.1 (``start``/``stop`` may repeat)."""

    def __init__(self, handler: Handler | None = None, *, tls: tuple[Path, Path] | None = None,
                 implicit_tls: bool = False, auth: bool = False, port: int | None = None,
                 auth_exclude: tuple[str, ...] = ()) -> None:
        self.handler = handler or Handler()
        self.port = port or free_port()
        self._tls = tls
        self._implicit = implicit_tls
        self._auth = auth
        self._auth_exclude = auth_exclude
        self._controller: Controller | None = None

    def _context(self) -> ssl.SSLContext | None:
        if self._tls is None:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self._tls[0]), str(self._tls[1]))
        return context

    def start(self) -> Server:
        kwargs: dict[str, Any] = {}
        context = self._context()
        if context is not None and not self._implicit:
            kwargs.update(tls_context=context, require_starttls=True)
        if self._auth:
            kwargs.update(authenticator=self.handler.authenticate,
                          auth_require_tls=context is not None,
                          auth_exclude_mechanism=list(self._auth_exclude))
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port,
            ssl_context=context if self._implicit else None, ready_timeout=10,
            **kwargs,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            controller, self._controller = self._controller, None
            controller.stop()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def client_context(cert: Path) -> ssl.SSLContext:
    """What the app uses to trust the test's certificate."""
    return ssl.create_default_context(cafile=str(cert))
