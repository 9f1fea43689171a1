"""How this workstation sends: SMTP, Outlook or .eml drafts — kept per computer in QSettings.

The mail settings in the database (sender, server, pace) are the team's;
whether this computer has Outlook, and which folder takes the drafts, are
the workstation's, so they live with the window state.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ams_desk.mail.outlook import OutlookMode


class SendVia(enum.StrEnum):
    """The bridge the Outbox sends through."""

    SMTP = "smtp"
    OUTLOOK = "outlook"
    EML = "eml"


VIA_LABELS: dict[SendVia, str] = {
    SendVia.SMTP: "The team's mail server (SMTP)",
    SendVia.OUTLOOK: "Outlook on this computer",
    SendVia.EML: ".eml drafts in a folder (any mail program)",
}


OUTLOOK_MODE_LABELS: dict[OutlookMode, str] = {
    OutlookMode.DISPLAY: "shown in Outlook to review and send",
    OutlookMode.DRAFTS: "saved to Outlook's Drafts",
    OutlookMode.SEND: "sent by Outlook at once",
}


def default_eml_folder() -> str:
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(documents) / "AMS Desk drafts")


@dataclass(frozen=True)
class SendPreferences:
    """This workstation's way of sending."""

    via: SendVia = SendVia.SMTP
    eml_folder: str = ""
    open_eml: bool = True
    outlook_mode: OutlookMode = OutlookMode.DISPLAY

    @property
    def folder(self) -> Path:
        return Path(self.eml_folder or default_eml_folder())


def load_preferences(settings: QSettings) -> SendPreferences:
    """The preferences stored in ``settings`` (defaults for anything missing or unknown)."""
    def choice(enum_type: type[enum.StrEnum], key: str, default: enum.StrEnum) -> enum.StrEnum:
        try:
            return enum_type(str(settings.value(key, default.value)))
        except ValueError:
            return default

    open_eml = settings.value("mail/open_eml", True)
    return SendPreferences(
        via=choice(SendVia, "mail/via", SendVia.SMTP),  # type: ignore[arg-type]
        eml_folder=str(settings.value("mail/eml_folder", "") or ""),
        open_eml=open_eml in (True, "true", "1", 1),
        outlook_mode=choice(OutlookMode, "mail/outlook_mode",  # type: ignore[arg-type]
                            OutlookMode.DISPLAY),
    )


def save_preferences(settings: QSettings, preferences: SendPreferences) -> None:
    settings.setValue("mail/via", preferences.via.value)
    settings.setValue("mail/eml_folder", preferences.eml_folder)
    settings.setValue("mail/open_eml", preferences.open_eml)
    settings.setValue("mail/outlook_mode", preferences.outlook_mode.value)
    settings.sync()
