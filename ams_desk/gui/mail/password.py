"""The SMTP password: from the OS keyring, or asked once per session when there is none.

The password is never written to a file: with a keyring backend it is kept
there; without one it is held in memory for this session only and asked
again next time. A refused login forgets it, so the next send asks again.
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
    """Finds the password for an account: keyring first, then this session's memory, then asks."""

    def __init__(self, asker: Asker = ask_password) -> None:
        self._session: dict[str, str] = {}
        self._asker = asker

    @staticmethod
    def has_keyring() -> bool:
        return credentials.keyring_available()

    def stored(self, account: str) -> bool:
        """Whether a password is at hand for ``account`` without asking."""
        return account in self._session or credentials.get_password(account) is not None

    def remember(self, account: str, password: str) -> str:
        """Keep ``password``: in the keyring if there is one, else for this session.

        Returns where it went, in words, for the settings dialog.
        """
        if credentials.set_password(account, password):
            self._session.pop(account, None)
            return "in the system keyring"
        self._session[account] = password
        return "for this session only (this computer has no keyring)"

    def password(self, account: str, parent: QWidget | None, reason: str = "") -> str | None:
        """The password for ``account``, asking (once per session) when none is kept."""
        if not reason:
            known = self._session.get(account) or credentials.get_password(account)
            if known:
                return known
        password = self._asker(parent, account, reason)
        if password:
            self.remember(account, password)
        return password

    def forget(self, account: str) -> None:
        """Drop the password kept for ``account`` (the server refused it)."""
        self._session.pop(account, None)
        credentials.delete_password(account)
