"""A stand-in for classic Outlook's COM objects (the one mock the tests allow besides
Microsoft sign-in): ``Outlook.Application``, its mail items, and pythoncom's COM set-up."""

from __future__ import annotations

import threading
from typing import Any


class FakeItem:
    def __init__(self, log: list[tuple[str, Any]]) -> None:
        self._log = log
        self.PropertyAccessor = self

    def SetProperty(self, name: str, value: str) -> None:  # noqa: N802 — COM's names
        self._log.append(("property", value))

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") and name != "PropertyAccessor":
            self._log.append((name, value))
        object.__setattr__(self, name, value)

    def Display(self, modal: bool) -> None:  # noqa: N802
        self._log.append(("Display", modal))

    def Save(self) -> None:  # noqa: N802
        self._log.append(("Save", None))

    def Send(self) -> None:  # noqa: N802
        self._log.append(("Send", threading.current_thread().name))


class FakeOutlook:
    """A stand-in for Outlook.Application (the one mock the tests allow)."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []

    def CreateItem(self, kind: int) -> FakeItem:  # noqa: N802
        assert kind == 0
        return FakeItem(self.log)


class FakeCom:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def CoInitialize(self) -> None:  # noqa: N802
        self.calls.append(("init", threading.current_thread().name))

    def CoUninitialize(self) -> None:  # noqa: N802
        self.calls.append(("uninit", threading.current_thread().name))
