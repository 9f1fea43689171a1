"""Microsoft 365 sign-in for XOAUTH2 SMTP (``msal``; never the device-code flow).

Microsoft turns basic-auth SMTP off by default at the end of December 2026,
so a team on Microsoft 365 signs in once in the system browser (``msal``'s
interactive flow with a loopback redirect); the refresh token is cached,
encrypted by the OS (``msal-extensions``: DPAPI on Windows, Keychain on macOS,
libsecret on Linux). Without an encrypted store the cache lives in memory for
the session — it is never written as plain text.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from ams_desk.mail.bridge import LoginError

SCOPES = ["https://outlook.office.com/SMTP.Send"]
"""The one permission the app asks for: sending mail by SMTP as the signed-in user."""


class _App(Protocol):
    """The part of ``msal.PublicClientApplication`` the provider uses (tests give a stand-in)."""

    def get_accounts(self, username: str | None = None) -> list[dict[str, Any]]: ...

    def acquire_token_silent(self, scopes: list[str], account: dict[str, Any] | None
                             ) -> dict[str, Any] | None: ...

    def acquire_token_interactive(self, scopes: list[str], **kwargs: Any) -> dict[str, Any]: ...

    def remove_account(self, account: dict[str, Any]) -> None: ...


def token_cache(location: Path) -> Any:
    """An encrypted token cache at ``location``, or one in memory if the OS cannot encrypt."""
    import msal

    try:
        from msal_extensions import PersistedTokenCache, build_encrypted_persistence

        persistence = build_encrypted_persistence(str(location))
        return PersistedTokenCache(persistence)
    except Exception:  # noqa: BLE001 — no OS encryption here: keep tokens in memory only
        return msal.SerializableTokenCache()


class MsalTokenProvider:
    """Access tokens for XOAUTH2 from Microsoft's identity platform.

    Args:
        client_id: The Azure app registration (public client, redirect ``http://localhost``).
        tenant: The tenant id or domain, or ``organizations``.
        cache_location: Where the encrypted token cache lives (data folder).
        app: A stand-in for ``msal.PublicClientApplication`` (tests).
    """

    def __init__(self, client_id: str, tenant: str = "organizations", *,
                 cache_location: Path | None = None, app: _App | None = None) -> None:
        if app is None:
            if not client_id:
                raise LoginError("XOAUTH2 needs the app's client id (Mail settings)")
            import msal

            cache = token_cache(cache_location) if cache_location else None
            authority = f"https://login.microsoftonline.com/{tenant or 'organizations'}"
            app = msal.PublicClientApplication(client_id, authority=authority, token_cache=cache)
        self._app = app
        self._lock = threading.Lock()

    def token(self, user: str) -> str:
        """A valid access token for ``user``: from the cache, else by signing in in the browser.

        Raises:
            LoginError: The sign-in was cancelled or refused (the reason, no token, in the message).
        """
        with self._lock:
            accounts = self._app.get_accounts(username=user) or []
            result = None
            if accounts:
                result = self._app.acquire_token_silent(SCOPES, account=accounts[0])
            if not result or "access_token" not in result:
                result = self._app.acquire_token_interactive(
                    SCOPES, login_hint=user, prompt="select_account")
            if not result or "access_token" not in result:
                reason = (result or {}).get("error_description") or (result or {}).get("error")
                raise LoginError(f"Microsoft sign-in for {user} did not succeed"
                                 + (f": {str(reason).splitlines()[0]}" if reason else ""))
            return str(result["access_token"])

    def forget(self, user: str) -> None:
        """Drop the cached account whose token the server refused."""
        with self._lock:
            for account in self._app.get_accounts(username=user) or []:
                self._app.remove_account(account)
