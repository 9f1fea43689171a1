"""The SMTP bridge against a real aiosmtpd: STARTTLS, implicit TLS, AUTH, XOAUTH2, the run."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from mail_helpers import Cast, mail_settings
from smtp_server import Handler, Server, client_context, self_signed

from ams_desk.core.outbox import OutboxState
from ams_desk.mail import credentials
from ams_desk.mail.credentials import PasswordSource, remember_password
from ams_desk.mail.oauth import SCOPES, MsalTokenProvider
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import AuthMethod, Security, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.store.database import Database
from ams_desk.store.outbox import get_message, list_outbox
from ams_desk.store.pairs import get_pair

PASSWORD = "s3cret-Pa55"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    credentials._session.clear()
    yield ring
    keyring.set_keyring(before)
    credentials._session.clear()


@pytest.fixture
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"))


def _queue(db: Database, cast: Cast, n: int = 1) -> list[int]:
    return [queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id).id for _ in range(n)]


def test_starttls_and_auth_send_the_stored_bytes(
    db: Database, cast: Cast, cert: tuple[Path, Path], memory_keyring: MemoryKeyring,
) -> None:
    with Server(tls=cert, auth=True) as server:
        settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
        save_mail_settings(db, settings)
        ids = _queue(db, cast, 2)
        remember_password("team", "127.0.0.1", PASSWORD)
        bridge = SmtpBridge(settings, password=PasswordSource("team", "127.0.0.1", lambda: None),
                            ssl_context=client_context(cert[0]))
        seen: list[tuple[int, int]] = []
        report = send_outbox(db, bridge, settings, progress=lambda d, t: seen.append((d, t)))
    assert report.sent == ids and report.summary() == "2 sent of 2."
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    stored = [get_message(db, i) for i in ids]
    assert [r.data.replace(b"\r\n", b"\n") for r in server.handler.received] == [
        m.raw.replace(b"\r\n", b"\n") for m in stored]
    assert all(r.rcpts == ["eva@ams.org"] for r in server.handler.received)
    assert all(m.state is OutboxState.SENT and m.attempts == 1 for m in stored)
    kinds = [e.kind for e in get_pair(db, cast.pair_id).events if e.kind.startswith("email_")]
    assert kinds == ["email_queued", "email_queued", "email_sent", "email_sent"]


def test_implicit_tls(db: Database, cast: Cast, cert: tuple[Path, Path]) -> None:
    with Server(tls=cert, implicit_tls=True) as server:
        settings = mail_settings(port=server.port, security=Security.TLS)
        save_mail_settings(db, settings)
        ids = _queue(db, cast)
        report = send_outbox(db, SmtpBridge(settings, ssl_context=client_context(cert[0])),
                             settings)
    assert report.sent == ids and len(server.handler.received) == 1


def test_untrusted_certificate_is_refused_and_nothing_is_lost(
    db: Database, cast: Cast, cert: tuple[Path, Path]
) -> None:
    with Server(tls=cert) as server:
        settings = mail_settings(port=server.port, security=Security.STARTTLS)
        ids = _queue(db, cast)
        report = send_outbox(db, SmtpBridge(settings), settings, retry_pause=0)
    assert report.left_queued == ids and "secure connection failed" in report.errors[ids[0]]
    assert server.handler.received == []


def test_refused_login_stops_the_run_and_asks_again(
    db: Database, cast: Cast, cert: tuple[Path, Path], memory_keyring: MemoryKeyring,
) -> None:
    with Server(tls=cert, auth=True) as server:
        settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
        ids = _queue(db, cast, 3)
        remember_password("team", "127.0.0.1", "last-years-password")
        asked: list[str] = []

        def ask() -> str:
            asked.append("asked")
            return PASSWORD

        source = PasswordSource("team", "127.0.0.1", ask)
        bridge = SmtpBridge(settings, password=source, ssl_context=client_context(cert[0]))
        first = send_outbox(db, bridge, settings, retry_pause=0)
        assert first.login_refused and first.sent == [] and first.left_queued == ids
        assert "refused the login" in first.stopped and "last-years" not in first.stopped
        assert get_message(db, ids[0]).state is OutboxState.QUEUED
        assert asked == []
        source.refused()
        assert memory_keyring.items == {}
        second = send_outbox(db, bridge, settings, retry_pause=0)
    assert second.sent == ids and asked == ["asked"]
    assert server.handler.counts() == {get_message(db, i).message_id: 1 for i in ids}
    assert memory_keyring.items == {(credentials.SERVICE, "team@127.0.0.1"): PASSWORD}


def test_without_a_keyring_the_password_is_asked_once_per_session(
    db: Database, cast: Cast, cert: tuple[Path, Path], tmp_path: Path,
) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    credentials._session.clear()
    try:
        with Server(tls=cert, auth=True) as server:
            settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
            asked: list[int] = []
            for _ in range(2):
                _queue(db, cast)
                source = PasswordSource("team", "127.0.0.1",
                                        lambda: asked.append(1) or PASSWORD)  # type: ignore[func-returns-value]
                report = send_outbox(db, SmtpBridge(settings, password=source,
                                                    ssl_context=client_context(cert[0])), settings)
                assert len(report.sent) == 1
        assert asked == [1]
        assert not credentials.has_keyring()
    finally:
        keyring.set_keyring(before)
        credentials._session.clear()


def test_the_password_appears_in_no_file_log_or_database(
    db: Database, db_path: Path, cast: Cast, cert: tuple[Path, Path],
    memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    with Server(tls=cert, auth=True) as server:
        settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
        save_mail_settings(db, settings)
        _queue(db, cast, 2)
        answers = iter([PASSWORD[::-1], PASSWORD])
        source = PasswordSource("team", "127.0.0.1", lambda: next(answers))
        bridge = SmtpBridge(settings, password=source, ssl_context=client_context(cert[0]))
        reports = [send_outbox(db, bridge, settings, retry_pause=0)]
        assert reports[0].login_refused
        source.refused()
        reports.append(send_outbox(db, bridge, settings, retry_pause=0))
    assert len(reports[1].sent) == 2
    secrets = [PASSWORD.encode(), PASSWORD[::-1].encode(), base64.b64encode(PASSWORD.encode()),
               base64.b64encode(b"\0team\0" + PASSWORD.encode()),
               base64.b64encode(b"team\0team\0" + PASSWORD.encode())]
    db.close()
    files = [p for p in tmp_path.rglob("*") if p.is_file()] + list(db_path.parent.glob("*"))
    for path in files:
        content = path.read_bytes()
        assert not any(s in content for s in secrets), path
    out, err = capfd.readouterr()
    logs = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    for text in (out, err, logs, *(str(r.to_json()) for r in reports)):
        assert not any(s.decode() in text for s in secrets)
    assert list(memory_keyring.items.values()) == [PASSWORD]  # only in the OS keyring


class FakeMsalApp:
    """Stands in for msal.PublicClientApplication (Microsoft sign-in is not reachable here)."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.accounts: list[dict[str, Any]] = []
        self.calls: list[str] = []

    def get_accounts(self, username: str | None = None) -> list[dict[str, Any]]:
        return [a for a in self.accounts if username in (None, a["username"])]

    def acquire_token_silent(self, scopes: list[str], account: dict[str, Any] | None
                             ) -> dict[str, Any] | None:
        self.calls.append("silent")
        return {"access_token": self.token} if account else None

    def acquire_token_interactive(self, scopes: list[str], **kwargs: Any) -> dict[str, Any]:
        assert scopes == SCOPES and kwargs["login_hint"] == "team@ams.org"
        self.calls.append("interactive")
        self.accounts.append({"username": "team@ams.org"})
        return {"access_token": self.token}

    def remove_account(self, account: dict[str, Any]) -> None:
        self.calls.append("removed")
        self.accounts.remove(account)


def test_xoauth2_with_a_token_provider(db: Database, cast: Cast, cert: tuple[Path, Path]) -> None:
    handler = Handler()
    handler.tokens.add("good-token")
    with Server(handler, tls=cert, auth=True) as server:
        settings = replace(mail_settings(port=server.port, security=Security.STARTTLS,
                                         user="team@ams.org"), auth=AuthMethod.XOAUTH2)
        app = FakeMsalApp("good-token")
        tokens = MsalTokenProvider("client-id", app=app)
        ids = _queue(db, cast, 2)
        bridge = SmtpBridge(settings, tokens=tokens, ssl_context=client_context(cert[0]))
        report = send_outbox(db, bridge, settings)
        assert report.sent == ids and app.calls == ["interactive"]
        _queue(db, cast)
        assert len(send_outbox(db, bridge, settings).sent) == 1
        assert app.calls == ["interactive", "silent"]  # the cached account, no browser
        app.token = "expired"
        app.accounts.clear()
        refused = _queue(db, cast)
        report = send_outbox(db, bridge, settings, retry_pause=0)
    assert report.login_refused and report.left_queued == refused
    assert "removed" in app.calls and "expired" not in report.stopped


def test_message_bytes_on_the_wire_parse_back(db: Database, cast: Cast) -> None:
    with Server() as server:
        settings = mail_settings(port=server.port)
        _queue(db, cast)
        send_outbox(db, SmtpBridge(settings), settings)
    (received,) = server.handler.received
    parsed = message_from_bytes(received.data, policy=policy.default)
    assert parsed["Subject"] == "Would you mentor Jan Jansen?"
    assert "Dear Eva," in parsed.get_content()
    assert [m.state for m in list_outbox(db)] == [OutboxState.SENT]


UNICODE_PASSWORD = "Pässwörd€"


@pytest.mark.parametrize("offered", ["PLAIN", "LOGIN"])
def test_a_non_ascii_password_logs_in_as_utf8_and_is_written_nowhere(
    db: Database, db_path: Path, cast: Cast, cert: tuple[Path, Path], offered: str,
    memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    other = "LOGIN" if offered == "PLAIN" else "PLAIN"
    handler = Handler(password=UNICODE_PASSWORD)
    with Server(handler, tls=cert, auth=True, auth_exclude=(other, "XOAUTH2")) as server:
        settings = mail_settings(port=server.port, security=Security.STARTTLS, user="team")
        ids = _queue(db, cast, 2)
        answers = iter(["Päss-wrong€", UNICODE_PASSWORD])
        source = PasswordSource("team", "127.0.0.1", lambda: next(answers))
        bridge = SmtpBridge(settings, password=source, ssl_context=client_context(cert[0]))
        refused = send_outbox(db, bridge, settings, retry_pause=0)
        source.refused()
        report = send_outbox(db, bridge, settings, retry_pause=0)
    # A wrong non-ASCII password is a refused login (asked again), not an encoding crash.
    assert refused.login_refused and refused.left_queued == ids
    assert report.sent == ids and report.stopped == ""
    assert server.handler.logins_seen == [("team", "Päss-wrong€"), ("team", UNICODE_PASSWORD)]
    assert server.handler.counts() == {get_message(db, i).message_id: 1 for i in ids}
    utf8 = UNICODE_PASSWORD.encode("utf-8")
    secrets = [utf8, UNICODE_PASSWORD.encode("latin-1", "replace"), base64.b64encode(utf8),
               base64.b64encode(b"\0team\0" + utf8), "Päss-wrong€".encode()]
    db.close()
    for path in [p for p in tmp_path.rglob("*") if p.is_file()] + list(db_path.parent.glob("*")):
        content = path.read_bytes()
        assert not any(s in content for s in secrets), path
    out, err = capfd.readouterr()
    logs = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    texts = (out, err, logs, *(str(r.to_json()) for r in (refused, report)))
    for text in texts:
        assert UNICODE_PASSWORD not in text and "Päss-wrong€" not in text
        assert not any(s.decode("latin-1") in text for s in secrets)
    assert list(memory_keyring.items.values()) == [UNICODE_PASSWORD]  # only in the OS keyring
