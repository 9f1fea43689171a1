"""The Outlook bridge: classic Outlook on Windows through COM (``pywin32``, late binding).

Each message becomes an Outlook mail item with the stored message's
recipients, subject and text, then is shown for review (Display), saved to
Drafts, or sent from Outlook's own account. ``SentOnBehalfOfName`` sends for
a shared team mailbox. COM is initialised on the thread that sends (the
sender runs off the GUI thread). The new Outlook has no COM interface: then,
as without Outlook, the bridge says so and the .eml bridge is the way out.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from email import message_from_bytes, policy
from types import ModuleType
from typing import Any

from ams_desk.core.outbox import OutboxState
from ams_desk.mail.bridge import PermanentError, TransientError, UnavailableError
from ams_desk.mail.message import MessageCheckError, check_envelope
from ams_desk.store.outbox import OutboxMessage

NO_OUTLOOK = (
    "Classic Outlook for Windows is not available here (the new Outlook cannot be "
    "driven by other programs). Save the emails as .eml drafts instead: any mail "
    "program opens them ready to send."
)
_MAIL_ITEM = 0  # olMailItem
_PR_INTERNET_MESSAGE_ID = "http://schemas.microsoft.com/mapi/proptag/0x1035001F"


class OutlookMode(enum.StrEnum):
    """What happens to each message in Outlook."""

    DISPLAY = "display"
    DRAFTS = "drafts"
    SEND = "send"


def _com() -> tuple[Callable[[str], Any], ModuleType]:
    try:
        import pythoncom
        import win32com.client
    except ImportError:
        raise UnavailableError(NO_OUTLOOK) from None
    return win32com.client.dynamic.Dispatch, pythoncom


class OutlookBridge:
    """Hand messages to classic Outlook.

    Args:
        mode: Display each, save to Drafts, or send.
        on_behalf_of: The shared mailbox to send for (``SentOnBehalfOfName``).
        dispatch: Creates the COM object (default: pywin32's late-bound Dispatch).
        com: The module with ``CoInitialize``/``CoUninitialize`` (default: pythoncom).
    """

    def __init__(self, mode: OutlookMode = OutlookMode.DISPLAY, *, on_behalf_of: str = "",
                 dispatch: Callable[[str], Any] | None = None, com: Any = None) -> None:
        self.mode = mode
        self.name = "Outlook"
        self.done_state = OutboxState.SENT if mode is OutlookMode.SEND else OutboxState.EXPORTED
        self._on_behalf_of = on_behalf_of
        self._dispatch = dispatch
        self._comlib = com
        self._outlook: Any = None
        self._initialised = False

    def open(self) -> None:
        """Initialise COM on this thread and reach Outlook.

        Raises:
            UnavailableError: No pywin32, no classic Outlook, or it cannot start.
        """
        if self._outlook is not None:
            return
        if self._dispatch is None or self._comlib is None:
            self._dispatch, self._comlib = _com()
        self._comlib.CoInitialize()
        self._initialised = True
        try:
            self._outlook = self._dispatch("Outlook.Application")
        except Exception:  # noqa: BLE001 — pywintypes.com_error and friends
            self.close()
            raise UnavailableError(NO_OUTLOOK) from None

    def send(self, message: OutboxMessage) -> None:
        """Create the mail item and display, save or send it.

        Raises:
            PermanentError: The stored bytes do not check out, or Outlook refused the item.
            TransientError: Outlook was busy (a dialog open); try again.
        """
        try:
            check_envelope(message.raw, message.sender, message.envelope, message.bcc)
        except MessageCheckError as exc:
            raise PermanentError(f"not handed to Outlook: {exc}") from None
        self.open()
        parsed = message_from_bytes(message.raw, policy=policy.default)
        body = parsed.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        try:
            item = self._outlook.CreateItem(_MAIL_ITEM)
            item.To = "; ".join(message.to)
            if message.cc:
                item.CC = "; ".join(message.cc)
            if message.bcc:
                item.BCC = "; ".join(message.bcc)
            item.Subject = message.subject
            item.Body = text.replace("\r\n", "\n")
            if self._on_behalf_of:
                item.SentOnBehalfOfName = self._on_behalf_of
            # Keep our Message-ID, so a resend is recognisable (Outlook may override it).
            with contextlib.suppress(Exception):
                item.PropertyAccessor.SetProperty(_PR_INTERNET_MESSAGE_ID, message.message_id)
            if self.mode is OutlookMode.DISPLAY:
                item.Display(False)
            elif self.mode is OutlookMode.DRAFTS:
                item.Save()
            else:
                item.Send()
        except UnavailableError:
            raise
        except Exception as exc:  # noqa: BLE001 — a COM error from Outlook
            words = _com_words(exc)
            if "busy" in words.lower() or "rejected" in words.lower():
                raise TransientError(f"Outlook is busy ({words}); close its dialogs") from None
            raise PermanentError(f"Outlook refused the message: {words}") from None

    def reset(self) -> None:
        pass

    def close(self) -> None:
        self._outlook = None
        if self._initialised and self._comlib is not None:
            self._initialised = False
            self._comlib.CoUninitialize()


def _com_words(exc: BaseException) -> str:
    """The readable part of a COM error (its ``excepinfo`` description), else its text."""
    args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
    if len(args) >= 3 and isinstance(args[2], tuple) and len(args[2]) >= 3 and args[2][2]:
        return " ".join(str(args[2][2]).split())
    return " ".join(str(exc).split()) or type(exc).__name__
