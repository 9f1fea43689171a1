"""Who is making changes: the coordinator's name, credited on events and edited rows."""

from __future__ import annotations

import getpass
import os
from functools import cache

COORDINATOR_ENV = "AMS_DESK_COORDINATOR"
_chosen_name: str | None = None


def set_coordinator_name(name: str | None) -> None:
    """Use ``name`` on events from now on (the app's setting); None for the default."""
    global _chosen_name
    _chosen_name = " ".join(name.split()) if name and name.strip() else None


@cache
def account_full_name() -> str:
    """The full name of the account running the app (the login when none is recorded).

    Read once: every row written is stamped with the coordinator's name, so an import
    of 100,000 rows asks for it 100,000 times."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = ""
    full = ""
    if os.name == "posix":
        import pwd

        try:
            full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        except (KeyError, OSError):
            full = ""
    elif os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        size = ctypes.c_ulong(0)
        secur32 = ctypes.windll.secur32  # type: ignore[attr-defined]
        secur32.GetUserNameExW(3, None, ctypes.byref(size))  # 3: NameDisplay
        buffer = ctypes.create_unicode_buffer(size.value)
        if secur32.GetUserNameExW(3, buffer, ctypes.byref(size)):
            full = buffer.value.strip()
    return full or login or "coordinator"


def coordinator_name() -> str:
    """Who is credited on events: the name chosen in the app or in ``AMS_DESK_COORDINATOR``,
    else the account's full name (not a login such as ``root``)."""
    return _chosen_name or os.environ.get(COORDINATOR_ENV, "").strip() or account_full_name()


def stamp_name() -> str:
    """:func:`coordinator_name` cut to the 120 characters a ``modified_by`` column holds."""
    return coordinator_name()[:120]
