"""Hostile names and subjects: no extra header, the envelope exactly the intended recipients."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.utils import getaddresses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mail_helpers import Cast, mail_settings
from smtp_server import Server
from sqlalchemy import update

from ams_desk.mail.message import (
    HEADER_SET,
    MessageCheckError,
    build_message,
    check_envelope,
    clean_header_text,
)
from ams_desk.mail.outbox import queue_email
from ams_desk.mail.sending import send_outbox
from ams_desk.mail.settings import make_address, save_mail_settings
from ams_desk.mail.smtp import SmtpBridge
from ams_desk.mail.templates import Template, save_template
from ams_desk.store.database import Database
from ams_desk.store.outbox import list_outbox
from ams_desk.store.schema import PersonRow

HOSTILE = [
    "Eva\r\nBcc: evil@attacker.example",
    "Eva\nBcc: evil@attacker.example",
    "Eva\rTo: evil@attacker.example",
    "=?utf-8?q?Eva=0D=0ABcc=3A_evil=40attacker.example?=",
    "Eva%0d%0aBcc:%20evil@attacker.example",
    "Eva \u2028Bcc: evil@attacker.example",
    "Eva \u202eelgooG\u202c <evil@attacker.example>",
    "Eva\x00\x1b[31m, evil@attacker.example",
    'Eva", evil@attacker.example, "',
    "Bcc: evil@attacker.example",
]

EXPECTED_HEADERS = {"from", "to", "cc", "subject", "date", "message-id", "mime-version",
                    "content-type", "content-transfer-encoding", "auto-submitted"}


def _set_names(db: Database, cast: Cast, mentor: str, mentee: str) -> None:
    # Straight into the table, as an older import or another tool might have left them.
    with db.session() as session:
        session.execute(update(PersonRow).where(PersonRow.id == cast.mentor.person_id)
                        .values(name=mentor))
        session.execute(update(PersonRow).where(PersonRow.id == cast.mentee.person_id)
                        .values(name=mentee))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_and_subjects_add_no_header_and_no_recipient(
    db: Database, cast: Cast, name: str
) -> None:
    save_template(db, Template(
        "hostile", "Hostile", "Hello {{ mentee.name }}\r\nBcc: evil@attacker.example %0d%0a",
        "Dear {{ mentee.name }},\nBcc: evil@attacker.example\n", ("mentee",), ("mentor",)))
    _set_names(db, cast, name, name)
    with Server() as server:
        settings = mail_settings(port=server.port)
        save_mail_settings(db, settings)
        message = queue_email(db, "hostile", pair_id=cast.pair_id)
        report = send_outbox(db, SmtpBridge(settings), settings)
    assert report.sent == [message.id]
    (received,) = server.handler.received
    assert sorted(received.rcpts) == ["eva@ams.org", "jan@ams.org"]
    parsed = message_from_bytes(received.data, policy=policy.default)
    assert sorted(k.lower() for k in parsed) == sorted(EXPECTED_HEADERS)
    headers = [k.lower() for k in message_from_bytes(message.raw, policy=policy.default)]
    assert sorted(headers) == sorted(EXPECTED_HEADERS)
    to = getaddresses([str(v) for v in parsed.get_all("to")])
    cc = getaddresses([str(v) for v in parsed.get_all("cc")])
    assert [a for _n, a in to] == ["jan@ams.org"] and [a for _n, a in cc] == ["eva@ams.org"]
    assert "\n" not in str(parsed["subject"]) and "\r" not in str(parsed["subject"])
    assert "\u202e" not in str(parsed["to"]) and "\u202e" not in str(parsed["subject"])
    assert b"\nBcc:" not in message.raw.split(b"\r\n\r\n", 1)[0]


def test_non_ascii_names_arrive_encoded(db: Database, cast: Cast) -> None:
    _set_names(db, cast, "Åsa Öberg-Łukasiewicz", "Zoë Ñúñez 王小明")
    with Server() as server:
        settings = mail_settings(port=server.port, from_name="Équipe Mentorat AMS")
        save_mail_settings(db, settings)
        queue_email(db, "introduction_to_mentee", pair_id=cast.pair_id)
        send_outbox(db, SmtpBridge(settings), settings)
    (received,) = server.handler.received
    head = received.data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # RFC 2047 words, not raw UTF-8
    parsed = message_from_bytes(received.data, policy=policy.default)
    assert parsed["To"].addresses[0].display_name == "Zoë Ñúñez 王小明"
    assert parsed["Cc"].addresses[0].display_name == "Åsa Öberg-Łukasiewicz"
    assert parsed["From"].addresses[0].display_name == "Équipe Mentorat AMS"
    assert str(parsed["Subject"]) == "Your mentor in the AMS Mentorship Program: " \
                                     "Åsa Öberg-Łukasiewicz"
    assert "Dear Zoë," in parsed.get_content()


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=120), subject=st.text(min_size=1, max_size=300))
def test_any_name_or_subject_builds_the_same_header_set(name: str, subject: str) -> None:
    built = build_message(
        sender=make_address("Team", "team@ams.org", "from"),
        to=[make_address(name, "jan@ams.org", "to")],
        cc=[make_address(name, "eva@ams.org", "cc")],
        bcc=[make_address("", "copy@ams.org", "bcc")],
        subject=subject, body=f"{name}\n{subject}\n",
    )
    parsed = message_from_bytes(built.raw, policy=policy.default)
    assert sorted(k.lower() for k in parsed) == sorted(EXPECTED_HEADERS)
    head = built.raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and max(len(line) for line in head.split(b"\r\n")) <= 998
    assert str(parsed["Subject"]) == clean_header_text(subject)
    assert parsed["To"].addresses[0].display_name == clean_header_text(name)
    assert set(EXPECTED_HEADERS) <= HEADER_SET
    assert built.envelope == ("jan@ams.org", "eva@ams.org", "copy@ams.org")
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jan@ams.org"]


def test_stored_bytes_that_name_other_recipients_are_never_sent(db: Database,
                                                               cast: Cast) -> None:
    message = queue_email(db, "proposal_to_mentor", pair_id=cast.pair_id)
    head, body = message.raw.split(b"\r\n\r\n", 1)
    tampered = head.replace(b"<eva@ams.org>", b"<evil@attacker.example>") + b"\r\n\r\n" + body
    assert tampered != message.raw
    with pytest.raises(MessageCheckError):
        check_envelope(tampered, message.sender, message.envelope)
    with db.session() as session:
        from ams_desk.store.schema import OutboxMessageRow

        session.execute(update(OutboxMessageRow).values(raw=tampered))
    with Server() as server:
        settings = mail_settings(port=server.port)
        report = send_outbox(db, SmtpBridge(settings), settings)
    assert report.failed == [message.id] and server.handler.received == []
    assert "not sent" in list_outbox(db)[0].last_error


@pytest.mark.parametrize("subject", [
    "Your mentor: Åsa Öberg Łukasiewicz and Zoë Ñúñez 王小明 and a long line of words to fold",
    "x" * 300,
    "word " * 60,
    "¡ " * 80,
])
def test_long_subjects_and_names_fold_and_read_back_exactly(subject: str) -> None:
    name = "Zoë Ñúñez 王小明 de la Fuente y Ñúñez-Öberg Łukasiewicz"
    built = build_message(sender=make_address("Équipe AMS", "team@ams.org", "from"),
                          to=[make_address(name, "zoe@ams.org", "to"),
                              make_address('Eva "the" Müller, PhD', "eva@ams.org", "to")],
                          subject=subject, body="Hi\n")
    head = built.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    subject_lines = head[head.index("Subject:"):head.index("\r\nDate:")].split("\r\n")
    assert max(len(line) for line in subject_lines) <= 78
    assert max(len(line) for line in head.split("\r\n")) <= 998
    parsed = message_from_bytes(built.raw, policy=policy.default)
    assert str(parsed["Subject"]) == clean_header_text(subject)
    assert [a.display_name for a in parsed["To"].addresses] == [name, 'Eva "the" Müller, PhD']


def test_a_huge_non_ascii_name_is_shortened_to_fit_a_line() -> None:
    name = "Ñúñez " * 150
    built = build_message(sender=make_address("Team", "team@ams.org", "from"),
                          to=[make_address(name, "zoe@ams.org", "to")], subject="s", body="b")
    head = built.raw.split(b"\r\n\r\n", 1)[0]
    assert max(len(line) for line in head.split(b"\r\n")) <= 998
    shown = message_from_bytes(built.raw, policy=policy.default)["To"].addresses[0]
    assert shown.display_name.endswith("…") and shown.addr_spec == "zoe@ams.org"
    assert clean_header_text(name).startswith(shown.display_name[:-1])


TAMPERED = [
    ("an extra Bcc", lambda raw: raw.replace(b"Subject:",
                                             b"Bcc: evil@attacker.example\r\nSubject:")),
    ("a second To", lambda raw: raw.replace(b"Subject:", b"To: evil@attacker.example\r\nSubject:")),
    ("another To address", lambda raw: raw.replace(b"<jan@ams.org>", b"<evil@attacker.example>")),
    ("a To name hiding an address", lambda raw: raw.replace(
        b"Jan Jansen <jan@ams.org>", b'"Jan" <jan@ams.org>, evil@attacker.example')),
    ("another name", lambda raw: raw.replace(b"Jan Jansen", b"Jan Janssen")),
    ("another sender", lambda raw: raw.replace(b"<mentorship@ams.org>", b"<evil@ams.org>")),
    ("another Reply-To", lambda raw: raw.replace(b"Reply-To: replies@ams.org",
                                                  b"Reply-To: evil@ams.org")),
    ("no Cc", lambda raw: raw.replace(b"Cc: Eva <eva@ams.org>\r\n", b"")),
    ("another subject", lambda raw: raw.replace(b"Subject: Hello", b"Subject: Hullo")),
    ("another Message-ID", lambda raw: raw.replace(b"<fixed@ams.org>", b"<other@ams.org>")),
    ("an HTML body", lambda raw: raw.replace(b"text/plain", b"text/html")),
    ("a multipart body", lambda raw: raw.replace(b"text/plain", b'multipart/mixed; boundary="b"')),
]


@pytest.mark.parametrize("tamper", [t for _n, t in TAMPERED], ids=[n for n, _t in TAMPERED])
def test_the_parse_back_check_refuses_bytes_that_say_anything_else(tamper: object) -> None:
    from dataclasses import replace

    from ams_desk.mail.message import verify

    built = build_message(
        sender=make_address("AMS Team", "mentorship@ams.org", "from"),
        to=[make_address("Jan Jansen", "jan@ams.org", "to")],
        cc=[make_address("Eva", "eva@ams.org", "cc")],
        reply_to=make_address("", "replies@ams.org", "reply-to"),
        subject="Hello", body="Dear Jan,\n", message_id="<fixed@ams.org>",
    )
    names = {"from": ["AMS Team"], "to": ["Jan Jansen"], "cc": ["Eva"]}
    verify(built, reply_to="replies@ams.org", names=names)  # as built: it reads back
    tampered = tamper(built.raw)  # type: ignore[operator]
    assert tampered != built.raw
    with pytest.raises(MessageCheckError):
        verify(replace(built, raw=tampered), reply_to="replies@ams.org", names=names)
