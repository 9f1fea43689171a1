"""Mail settings kept in the database beside the program settings (never a password)."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from email.headerregistry import Address
from email.utils import parseaddr
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ams_desk.core.validation import ValidationError
from ams_desk.store.database import Database
from ams_desk.store.schema import SettingRow

MAIL_KEY = "mail"


class Security(enum.StrEnum):
    """How the SMTP connection is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


class AuthMethod(enum.StrEnum):
    """How the app logs in to the SMTP server."""

    PASSWORD = "password"
    XOAUTH2 = "xoauth2"
    NONE = "none"


DEFAULT_PORTS: dict[Security, int] = {Security.STARTTLS: 587, Security.TLS: 465,
                                      Security.NONE: 25}


@dataclass(frozen=True)
class MailSettings:
    """Where and how the team's emails go out.

    Attributes:
        host: The SMTP server (``smtp.office365.com``); empty until set up.
        port: Its port.
        security: ``starttls``, ``tls`` (implicit TLS) or ``none`` (a local relay).
        user: The login name; empty for a server without login.
        auth: ``password`` (kept in the OS keyring), ``xoauth2`` (Microsoft 365
            sign-in) or ``none``.
        from_name: The sender's display name (the team's name).
        from_address: The team's address; also the ``team`` role of templates.
        reply_to: Where replies go, if not to ``from_address``.
        bcc: An address that gets a blind copy of every email (e.g. the team's own).
        pause_seconds: Pause between two messages (providers' rate limits).
        per_hour: At most this many messages in any hour (0: no cap).
        oauth_client_id: The Azure app registration for XOAUTH2.
        oauth_tenant: The Microsoft 365 tenant (``organizations`` for any work account).
        outlook_account: For the Outlook bridge, the shared mailbox to send on behalf of.
    """

    host: str = ""
    port: int = 587
    security: Security = Security.STARTTLS
    user: str = ""
    auth: AuthMethod = AuthMethod.PASSWORD
    from_name: str = "AMS Mentorship Team"
    from_address: str = ""
    reply_to: str = ""
    bcc: str = ""
    pause_seconds: float = 1.0
    per_hour: int = 0
    oauth_client_id: str = ""
    oauth_tenant: str = "organizations"
    outlook_account: str = ""

    @property
    def is_set_up(self) -> bool:
        """Whether emails can be queued (they need a sender) and sent by SMTP (a host)."""
        return bool(self.host and self.from_address)

    @property
    def sender(self) -> Address:
        """The From address (raises ValidationError if none is set)."""
        return make_address(self.from_name, self.from_address, "from")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MailSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "security" in known:
            known["security"] = Security(known["security"])
        if "auth" in known:
            known["auth"] = AuthMethod(known["auth"])
        return cls(**known)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["security"] = self.security.value
        data["auth"] = self.auth.value
        return data


def make_address(name: str, address: str, field: str) -> Address:
    """An ``Address`` from a display name and an address, both checked.

    Raises:
        ValidationError: The address is empty or not ``user@domain``.
    """
    from ams_desk.mail.message import clean_header_text

    address = address.strip()
    if not address:
        raise ValidationError(field, f"The {field} address is not set.")
    user, at, domain = address.rpartition("@")
    if not at or not user or not domain or any(c.isspace() or c in "<>,;\"" for c in address):
        raise ValidationError(field, f"“{address}” is not an email address.")
    try:
        return Address(display_name=clean_header_text(name), username=user, domain=domain)
    except (ValueError, IndexError) as exc:
        raise ValidationError(field, f"“{address}” is not an email address ({exc}).") from None


def parse_from(text: str) -> tuple[str, str]:
    """Split ``"Name <address>"`` (or a bare address) into name and address."""
    name, address = parseaddr(text)
    if not address or "@" not in address:
        raise ValidationError("from", f"“{text}” is not like “AMS Mentorship <ams@example.org>”.")
    return name, address


def check_mail_settings(settings: MailSettings) -> None:
    """Raise ValidationError naming the field unless ``settings`` can be stored."""
    if not 0 < settings.port < 65536:
        raise ValidationError("port", f"Port {settings.port} is not between 1 and 65535.")
    if settings.pause_seconds < 0 or settings.pause_seconds > 3600:
        raise ValidationError("pause_seconds", "The pause must be 0 to 3600 seconds.")
    if settings.per_hour < 0:
        raise ValidationError("per_hour", "The hourly cap cannot be negative (0: no cap).")
    if any(c.isspace() for c in settings.host):
        raise ValidationError("host", f"“{settings.host}” is not a host name.")
    if settings.from_address:
        make_address(settings.from_name, settings.from_address, "from")
    for field in ("reply_to", "bcc"):
        value = getattr(settings, field)
        if value:
            make_address("", value, field.replace("_", "-"))


def load_mail_settings(session: Session) -> MailSettings:
    row = session.scalar(select(SettingRow).where(SettingRow.key == MAIL_KEY))
    return MailSettings.from_dict(row.value) if row else MailSettings()


def get_mail_settings(db: Database) -> MailSettings:
    """The mail settings stored in ``db`` (defaults where none are stored)."""
    with db.session() as session:
        return load_mail_settings(session)


def save_mail_settings(db: Database, settings: MailSettings) -> MailSettings:
    """Store ``settings`` for everyone using ``db``; return the settings they replaced (undo).

    Raises:
        ValidationError: A field is invalid (see :func:`check_mail_settings`).
    """
    check_mail_settings(settings)
    with db.session() as session:
        row = session.scalar(select(SettingRow).where(SettingRow.key == MAIL_KEY))
        if row is None:
            session.add(SettingRow(key=MAIL_KEY, value=settings.to_dict()))
            return MailSettings()
        before = MailSettings.from_dict(row.value)
        row.value = settings.to_dict()
        return before


