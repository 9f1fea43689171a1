"""The SMTP bridge (smtplib): STARTTLS, implicit TLS or none; password or XOAUTH2 login.

The SMTP dialogue is driven step by step (MAIL, RCPT, DATA, the bytes, the
reply) rather than through ``sendmail``, because what to do after a failure
depends on exactly where it happened:

- a 4xx reply, a refused connection, or a connection lost *before* the final
  ``.`` was written: nothing was delivered — transient, try again;
- any recipient refused: ``RSET``, so that no one gets a partial delivery
  (4xx transient, 5xx failed naming the address);
- the connection lost *after* the final ``.``, while waiting for the reply:
  the server may have the message (RFC 1047) — unconfirmed, never re-sent.

``smtplib``'s debug output is never switched on: it prints the AUTH line.
"""

from __future__ import annotations

import contextlib
import hmac
import re
import smtplib
import socket
import ssl
from base64 import b64decode, b64encode
from collections.abc import Callable
from typing import Protocol

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.bridge import (
    ConnectError,
    LoginError,
    PermanentError,
    TransientError,
    UnconfirmedError,
)
from ams_desk.mail.message import MessageCheckError, check_envelope
from ams_desk.mail.settings import AuthMethod, MailSettings, Security
from ams_desk.store.outbox import OutboxMessage

TIMEOUT = 30.0
"""Seconds to wait for the server at any step."""


class TokenProvider(Protocol):
    """Gives OAuth 2.0 access tokens for XOAUTH2 (see :mod:`ams_desk.mail.oauth`)."""

    def token(self, user: str) -> str:
        """A valid access token for ``user`` (signing in if needed)."""

    def forget(self, user: str) -> None:
        """Drop a token the server refused, so that the next call gets a fresh one."""


def _words(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}".strip()


def _classify(code: int, reply: bytes | str, what: str) -> Exception:
    words = _words(code, reply)
    if 400 <= code < 500:
        return TransientError(f"{what}: the server said “{words}” (will try again)")
    return PermanentError(f"{what}: the server refused: “{words}”")


class SmtpBridge:
    """Send stored messages through an SMTP server.

    Args:
        settings: Host, port, security, user and login method.
        password: Called (once per connection) for the password; it must not be
            stored by the bridge. Unused without a login.
        tokens: The XOAUTH2 token provider (``auth == xoauth2``).
        ssl_context: TLS settings (default: the system's trusted certificates).
        timeout: Seconds to wait for the server at any step.
    """

    done_state = OutboxState.SENT

    def __init__(
        self,
        settings: MailSettings,
        *,
        password: Callable[[], str] | None = None,
        tokens: TokenProvider | None = None,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = TIMEOUT,
    ) -> None:
        self.settings = settings
        self.name = f"SMTP {settings.host}:{settings.port}"
        self._password = password
        self._tokens = tokens
        self._context = ssl_context
        self._timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def _tls(self) -> ssl.SSLContext:
        return self._context or ssl.create_default_context()

    def open(self) -> None:
        """Connect, secure and log in.

        Raises:
            ConnectError: The server cannot be reached or TLS fails.
            LoginError: The login was refused.
        """
        self.reset()
        s = self.settings
        try:
            if s.security is Security.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=self._timeout, context=self._tls())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=self._timeout)
            smtp.set_debuglevel(0)
            self._smtp = smtp
            smtp.ehlo()
            if s.security is Security.STARTTLS:
                if not smtp.has_extn("starttls"):
                    raise ConnectError(f"{self.name} does not offer STARTTLS; choose "
                                       "implicit TLS or ask the server's administrator")
                smtp.starttls(context=self._tls())
                smtp.ehlo()
        except ConnectError:
            self.reset()
            raise
        except ssl.SSLError as exc:
            self.reset()
            raise ConnectError(f"{self.name}: secure connection failed ({exc.reason or exc})"
                               ) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.reset()
            raise ConnectError(f"cannot connect to {self.name}: {_why(exc)}") from None
        self._login()

    def _login(self) -> None:
        s = self.settings
        smtp = self._smtp
        assert smtp is not None
        if s.auth is AuthMethod.NONE or not s.user:
            return
        try:
            if s.auth is AuthMethod.XOAUTH2:
                if self._tokens is None:
                    raise LoginError("XOAUTH2 needs a Microsoft sign-in")
                token = self._tokens.token(s.user)
                try:
                    smtp.auth("XOAUTH2", _XOAuth2(s.user, token), initial_response_ok=True)
                except smtplib.SMTPAuthenticationError:
                    self._tokens.forget(s.user)
                    raise
                finally:
                    del token
            else:
                if self._password is None:
                    raise LoginError(f"{self.name} needs the password of {s.user}")
                login_utf8(smtp, s.user, self._password())
        except smtplib.SMTPAuthenticationError as exc:
            self.reset()
            raise LoginError(f"{self.name} refused the login of {s.user}: "
                             f"“{_words(exc.smtp_code, exc.smtp_error)}”") from None
        except smtplib.SMTPNotSupportedError:
            self.reset()
            raise LoginError(f"{self.name} offers no login; choose “no login” or another "
                             "security setting") from None
        except (OSError, smtplib.SMTPException) as exc:
            self.reset()
            raise ConnectError(f"{self.name}: connection lost while logging in ({_why(exc)})"
                               ) from None

    def send(self, message: OutboxMessage) -> None:
        """Send ``message``'s stored bytes to its envelope recipients.

        Raises:
            TransientError, PermanentError, UnconfirmedError, ConnectError, LoginError.
        """
        try:
            check_envelope(message.raw, message.sender, message.envelope, message.bcc)
        except MessageCheckError as exc:
            raise PermanentError(f"not sent: {exc}") from None
        if self._smtp is None:
            self.open()
        smtp = self._smtp
        assert smtp is not None
        try:
            code, reply = smtp.mail(message.sender)
            if code != 250:
                self._rset()
                raise _classify(code, reply, f"sender {message.sender}")
            for address in message.envelope:
                code, reply = smtp.rcpt(address)
                if code not in (250, 251):
                    self._rset()
                    raise _classify(code, reply, f"recipient {address}")
            code, reply = smtp.docmd("DATA")
            if code != 354:
                self._rset()
                raise _classify(code, reply, "DATA")
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.reset()
            raise TransientError(f"{self.name}: connection lost before the message was "
                                 f"sent ({_why(exc)})") from None
        payload = _dot_stuffed(message.raw)
        try:
            smtp.send(payload)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            # sendall failed: the final dot was not written, so the server
            # cannot have accepted the message.
            self.reset()
            raise TransientError(f"{self.name}: connection lost while sending the message "
                                 f"({_why(exc)})") from None
        try:
            code, reply = smtp.getreply()
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.reset()
            raise UnconfirmedError(
                f"{self.name}: the connection was lost after the whole message was sent "
                f"({_why(exc)}); the server may have it. Check the recipient's or the "
                "team's mailbox before sending it again.") from None
        if code != 250:
            raise _classify(code, reply, "message")

    def _rset(self) -> None:
        smtp = self._smtp
        if smtp is None:
            return
        try:
            smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.reset()

    def reset(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(OSError):
                smtp.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
        finally:
            with contextlib.suppress(OSError):
                smtp.close()


class _XOAuth2:
    """smtplib's auth object for XOAUTH2 (an empty answer to the server's error challenge)."""

    def __init__(self, user: str, token: str) -> None:
        self._initial = f"user={user}\x01auth=Bearer {token}\x01\x01"
        self._used = False

    def __call__(self, challenge: bytes | None = None) -> str:
        if self._used:
            return ""
        self._used = True
        initial, self._initial = self._initial, ""
        return initial


def _b64(data: bytes) -> str:
    return b64encode(data).decode("ascii")


def login_utf8(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in with PLAIN, LOGIN or CRAM-MD5, the user name and password sent as UTF-8.

    ``smtplib.SMTP.login`` encodes them as ASCII, so a password such as
    ``Pässwörd€`` raised ``UnicodeEncodeError`` — whose message holds the
    password. RFC 4616 (PLAIN) says UTF-8, and servers read LOGIN the same way.

    Raises:
        smtplib.SMTPAuthenticationError: The server refused the login (its reply only).
        smtplib.SMTPNotSupportedError: The server offers no login this supports.
    """
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    offered = smtp.esmtp_features["auth"].upper().split()
    name, secret = user.encode("utf-8"), password.encode("utf-8")
    if "PLAIN" in offered:
        code, reply = smtp.docmd("AUTH", "PLAIN " + _b64(b"\0" + name + b"\0" + secret))
        if code == 334:  # a server that wants the credentials after an empty challenge
            code, reply = smtp.docmd(_b64(b"\0" + name + b"\0" + secret))
    elif "LOGIN" in offered:
        code, reply = smtp.docmd("AUTH", "LOGIN " + _b64(name))
        if code == 334:
            code, reply = smtp.docmd(_b64(secret))
    elif "CRAM-MD5" in offered:
        code, reply = smtp.docmd("AUTH", "CRAM-MD5")
        if code == 334:
            digest = hmac.HMAC(secret, b64decode(reply), "md5").hexdigest()
            code, reply = smtp.docmd(_b64(name + b" " + digest.encode("ascii")))
    else:
        raise smtplib.SMTPNotSupportedError("No suitable authentication method found.")
    del secret
    if code not in (235, 503):  # 503: already logged in on this connection
        raise smtplib.SMTPAuthenticationError(code, reply)


def xoauth2_string(user: str, token: str) -> str:
    """The base64 XOAUTH2 initial response (for tests and servers)."""
    return b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode()


def _dot_stuffed(raw: bytes) -> bytes:
    """The DATA payload: CRLF line ends, leading dots doubled, ending in CRLF.CRLF."""
    data = _EOL.sub(b"\r\n", raw)
    data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


_EOL = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"(?m)^\.")


def _why(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
