"""The SMTP password: from the OS keyring, or asked once per session when there is none.

The password is never written to a file: the mail layer keeps it in the
keyring when there is one, else in memory for this session
(:mod:`ams_desk.mail.credentials`). The dialog asks on the GUI thread before
a send starts, never from the worker. A refused login forgets it, so the next
send asks again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ams_desk.mail import credentials

Asker = Callable[[QWidget | None, str, str], str | None]
"""Shows the password dialog: (parent, account, reason) → the password, or None if cancelled."""


def ask_password(parent: QWidget | None, account: str, reason: str) -> str | None:
    """Ask for the password of ``account`` in a dialog (masked input)."""
    text = f"{reason}\n\nPassword for {account}:" if reason else f"Password for {account}:"
    password, ok = QInputDialog.getText(parent, "Mail password", text,
                                        QLineEdit.EchoMode.Password)
    return password if ok and password else None


class PasswordKeeper:
    """Finds the password of a login at a server: kept (keyring or session), else asked."""

    def __init__(self, asker: Asker = ask_password) -> None:
        self.asker = asker

    @staticmethod
    def has_keyring() -> bool:
        return credentials.has_keyring()

    @staticmethod
    def stored(user: str, host: str) -> bool:
        """Whether a password is at hand without asking."""
        return credentials.stored_password(user, host) is not None

    @staticmethod
    def remember(user: str, host: str, password: str) -> bool:
        """Keep ``password`` (keyring, else this session); True if it went to the keyring."""
        return credentials.remember_password(user, host, password)

    def password(self, user: str, host: str, parent: QWidget | None,
                 reason: str = "") -> str | None:
        """The password, asking (once per session without a keyring) when none is kept.

        With a ``reason`` (the server refused the last one) it always asks.
        """
        if not reason:
            known = credentials.stored_password(user, host)
            if known:
                return known
        asked = self.asker(parent, credentials.account_key(user, host), reason)
        if asked:
            credentials.remember_password(user, host, asked)
        return asked

    @staticmethod
    def forget(user: str, host: str) -> None:
        """Drop the kept password (the server refused it)."""
        credentials.forget_password(user, host)
