"""The SMTP password: in the OS keyring, or — without one — in memory for this session only.

Never written to a file, a log or an exception. Without a keyring backend
the coordinator is asked once per session (the process), not once per email.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

SERVICE = "AMS Desk SMTP"

_session: dict[str, str] = {}
_lock = threading.Lock()


def account_key(user: str, host: str) -> str:
    """The keyring's user name for a login at a server."""
    return f"{user}@{host}"


def _keyring_get(key: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, key)
    except (KeyringError, RuntimeError):
        return None


def has_keyring() -> bool:
    """Whether a real OS keyring is available (else passwords live for one session)."""
    import keyring
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


def remember_password(user: str, host: str, password: str) -> bool:
    """Keep ``password`` for the session, and in the keyring if there is one (then True)."""
    key = account_key(user, host)
    with _lock:
        _session[key] = password
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, key, password)
    except (KeyringError, RuntimeError):
        return False
    return True


def forget_password(user: str, host: str) -> None:
    """Drop a refused password from the session and the keyring."""
    key = account_key(user, host)
    with _lock:
        _session.pop(key, None)
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError, RuntimeError):
        keyring.delete_password(SERVICE, key)


def stored_password(user: str, host: str) -> str | None:
    """The password from this session or the keyring, if either has it."""
    key = account_key(user, host)
    with _lock:
        if key in _session:
            return _session[key]
    found = _keyring_get(key)
    if found is not None:
        with _lock:
            _session[key] = found
    return found


class PasswordSource:
    """What the SMTP bridge calls for the password: stored one, else ``ask`` (then remembered).

    Args:
        ask: Asks the coordinator (a dialog, or ``--password-stdin``); returns
            ``None`` when they decline.
        remember: Keep an asked password (keyring / session); ``--password-stdin``
            uses it for one run only.
    """

    def __init__(self, user: str, host: str, ask: Callable[[], str | None], *,
                 remember: bool = True) -> None:
        self.user = user
        self.host = host
        self._ask = ask
        self._remember = remember
        self._once: str | None = None

    def __call__(self) -> str:
        if self._once is not None:
            return self._once
        found = stored_password(self.user, self.host) if self._remember else None
        if found is not None:
            return found
        asked = self._ask()
        if asked is None:
            from ams_desk.mail.bridge import LoginError

            raise LoginError(f"no password was given for {self.user} at {self.host}")
        if self._remember:
            remember_password(self.user, self.host, asked)
        else:
            self._once = asked
        return asked

    def refused(self) -> None:
        """The server refused the password: forget it, so that the next run asks again."""
        self._once = None
        if self._remember:
            forget_password(self.user, self.host)
