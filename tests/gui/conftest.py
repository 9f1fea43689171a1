"""GUI fixtures: the application with AMS Desk's style, settings in a temporary file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from mail_server import MailServer
from PySide6.QtCore import QSettings

from ams_desk.core.model import MeetingFormat, Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.app import make_application
from ams_desk.gui.main_window import MainWindow
from ams_desk.store.database import Database
from ams_desk.store.people import AddedSignup, add_signup

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _styled_app(qapp: object) -> None:
    make_application()


@pytest.fixture
def today() -> date:
    """The day the windows of the tests judge deadlines on."""
    return TODAY


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def people(db: Database) -> dict[str, AddedSignup]:
    """A small program: three mentors and four mentees over two years."""

    def add(
        key: str,
        name: str,
        email: str,
        position: str,
        role: Role,
        year: int,
        projects: tuple[str, ...] = (),
        topics: tuple[str, ...] = (),
        capacity: int = 1,
    ) -> tuple[str, AddedSignup]:
        return key, add_signup(
            db,
            PersonInput(name, email, position, "Urban Mobility", projects, ("English",)),
            SignupInput(
                role, date(year, 3, 1 + len(name) % 20), year, topics, MeetingFormat.ANY, capacity
            ),
        )

    return dict(
        [
            add(
                "eva",
                "Eva Müller",
                "eva@ams.org",
                "Full professor",
                Role.MENTOR,
                2026,
                ("Roboat",),
                ("Career guidance",),
                2,
            ),
            add(
                "lukasz",
                "Łukasz Wójcik",
                "lukasz@ams.org",
                "Associate professor",
                Role.MENTOR,
                2026,
                ("Circular Amsterdam",),
                ("Funding opportunities",),
                1,
            ),
            add(
                "soren",
                "Søren Ødegård",
                "soren@ams.org",
                "Assistant professor",
                Role.MENTOR,
                2025,
                (),
                ("Leadership",),
                1,
            ),
            add(
                "ayse",
                "Ayşe Öztürk",
                "ayse@ams.org",
                "PhD candidate",
                Role.MENTEE,
                2026,
                ("Roboat",),
                ("Career guidance", "Networking and visibility"),
            ),
            add(
                "jose",
                "José Muñoz",
                "jose@ams.org",
                "Postdoc",
                Role.MENTEE,
                2026,
                (),
                ("Funding opportunities",),
            ),
            add(
                "huong",
                "Nguyễn Thị Hương",
                "huong@ams.org",
                "Researcher",
                Role.MENTEE,
                2025,
                (),
                ("Work/life balance",),
            ),
            add(
                "zoe",
                "Zoë van den Berg",
                "zoe@ams.org",
                "PhD candidate",
                Role.MENTEE,
                2025,
                ("Urban Heat",),
                ("Stress and time management",),
            ),
        ]
    )


@pytest.fixture
def make_window(
    qtbot: object, db: Database, settings: QSettings
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(db, today=TODAY, settings=settings)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        windows.append(window)
        return window

    yield make


# -- the mail tests' fixtures ------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[MailServer]:
    """A real SMTP server (aiosmtpd) on a free local port, with AUTH."""
    running = MailServer().start()
    yield running
    running.stop()


@pytest.fixture
def no_kept_password() -> Iterator[None]:
    """A computer without a keyring, in a new session: no password kept from another test."""
    import keyring
    from keyring.backends import fail

    from ams_desk.mail import credentials

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    credentials._session.clear()  # noqa: SLF001 - the session memory is per process
    yield
    credentials._session.clear()  # noqa: SLF001
    keyring.set_keyring(before)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the window would show in a message box (none blocks the test)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *a: shown.append(text))
    return shown

