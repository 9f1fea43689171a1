"""``ams-desk --self-test``: does this installation of AMS Desk work, here, now?

It runs what a coordinator's first hour runs, on a database of its own in a temporary
folder (the real one and the user's settings are not touched): Qt on the offscreen
platform, a new database migrated with the shipped revisions, a sample sheet
imported, a suggestion (the lap solver) turned into a pair, the main window shown and
rendered with its Report tab, the report workbook written and read back, an email
written as an ``.eml`` draft and read back, the keyring backend and the PostgreSQL
driver named. One line per check; the first failure ends the run with one line on
stderr and exit code 1.

An installer bundle (``build_installer.spec``) and the source checkout run the same
checks, so a check that fails only in the bundle points at what the bundle lacks.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.database import Database

#: The sample sheets: ``resources/samples`` beside the package (checkout and bundle alike).
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SAMPLE_SHEET = "microsoft-forms-export.xlsx"
#: Each system's own keyring backend, and a module it needs that the bundle must hold.
NATIVE_KEYRING = {
    "linux": ("keyring.backends.SecretService", "secretstorage"),
    "win32": ("keyring.backends.Windows", "win32ctypes.core"),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
}


class CheckFailed(Exception):
    """A check found something wrong; the message says what, in one sentence."""


@dataclass
class _Run:
    """What the checks share: the folder, the sheet, and what earlier checks made."""

    folder: Path
    sheet: Path
    app: QApplication | None = None
    db: Database | None = None
    window: MainWindow | None = None
    pair_id: int | None = None
    closers: list[Callable[[], object]] = field(default_factory=list)

    def database(self) -> Database:
        if self.db is None:
            raise CheckFailed("no database (its check did not run)")
        return self.db


def _qt(run: _Run) -> str:
    from PySide6.QtCore import qVersion

    from ams_desk.gui.app import make_application

    run.app = make_application()
    return f"Qt {qVersion()} on the {run.app.platformName()} platform"


def _database(run: _Run) -> str:
    from sqlalchemy import text

    from ams_desk.store import migrate
    from ams_desk.store.database import open_database

    path = run.folder / "self-test.sqlite"
    run.db = open_database(f"sqlite:///{path}")
    run.closers.append(run.db.close)
    with run.db.engine.connect() as conn:
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = migrate.head_revision()
    if current != head:
        raise CheckFailed(f"the new database is at revision {current}, not {head}")
    return f"new SQLite file migrated through {len(migrate.revisions())} revisions to {head}"


def _import(run: _Run) -> str:
    from ams_desk.sheets.importing.importer import import_file

    report = import_file(run.database(), run.sheet)
    counts = report.counts
    if not report.applied or counts.rows_created == 0:
        raise CheckFailed(f"{run.sheet.name}: nothing was imported ({report.summary()})")
    return (f"{run.sheet.name}: {counts.rows_read} rows read, {counts.rows_created} created, "
            f"{counts.skipped} skipped")


def _matching(run: _Run) -> str:
    from ams_desk.store.board import suggestions
    from ams_desk.store.pairs import create_pair

    board, suggestion = suggestions(run.database())
    if not suggestion.pairs:
        raise CheckFailed(f"no pair suggested for the {len(board.mentees)} mentees imported")
    best = max(suggestion.pairs, key=lambda pair: pair.total)
    pair = create_pair(run.database(), best.mentor_signup_id, best.mentee_signup_id)
    run.pair_id = pair.id
    return (f"{len(suggestion.pairs)} pairs suggested for {len(board.mentees)} mentees; "
            f"the best (score {best.total:.2f}) proposed")


def _main_window(run: _Run) -> str:
    from PySide6.QtCore import QSettings

    from ams_desk.core.model import Role
    from ams_desk.gui.main_window import MainWindow

    if run.app is None:
        raise CheckFailed("no Qt application (its check did not run)")
    settings = QSettings(str(run.folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(run.database(), settings=settings)
    run.window = window
    run.closers.insert(0, window.close)
    window.resize(1200, 760)
    window.show()
    distinct = 0
    for tab in (window.views[Role.MENTEE], window.report_view):
        window.tabs.setCurrentWidget(tab)
        for _ in range(5):
            run.app.processEvents()
        picture = window.grab()
        picture.save(str(run.folder / f"window-{window.tabs.currentIndex()}.png"))
        distinct = max(distinct, _colours(picture.toImage()))
        if picture.isNull() or distinct < 8:
            raise CheckFailed(f"the window's {window.tabs.tabText(window.tabs.currentIndex())} "
                              f"tab rendered blank ({distinct} colours)")
    rows = window.views[Role.MENTEE].model.rowCount()
    if rows < 1:
        raise CheckFailed("the Mentees table shows no rows after the import")
    return (f"{window.width()}×{window.height()} pixels, {window.tabs.count()} tabs, "
            f"{rows} mentees listed, the Report tab drawn")


def _colours(image: QImage) -> int:
    """How many colours a grid of 40 × 40 samples of ``image`` finds (a blank one has 1)."""
    width, height = image.width(), image.height()
    return len({image.pixel(x * width // 40, y * height // 40)
                for x in range(40) for y in range(40)})


def _report(run: _Run) -> str:
    from ams_desk.sheets.importing.read.reader import sheet_names
    from ams_desk.sheets.report import write_report
    from ams_desk.store.report import load_program_data

    data = load_program_data(run.database())
    report = data.report(None, date.today())
    path = run.folder / f"report-{report.year}.xlsx"
    write_report(path, data, report)
    sheets = sheet_names(path)
    if "Summary" not in sheets:
        raise CheckFailed(f"{path.name} has no Summary sheet (sheets: {', '.join(sheets)})")
    return f"{path.name}: {len(sheets)} sheets ({', '.join(sheets)}), read back"


def _email(run: _Run) -> str:
    from ams_desk.mail.eml import EmlBridge
    from ams_desk.mail.outbox import queue_email
    from ams_desk.mail.sending import send_outbox
    from ams_desk.mail.settings import MailSettings, save_mail_settings

    if run.pair_id is None:
        raise CheckFailed("no pair to write to (the matching check did not run)")
    settings = MailSettings(from_name="AMS Desk self-test", from_address="self-test@example.org")
    save_mail_settings(run.database(), settings)
    message = queue_email(run.database(), "proposal_to_mentor", pair_id=run.pair_id)
    bridge = EmlBridge(run.folder / "drafts")
    sent = send_outbox(run.database(), bridge, settings, sleep=lambda _seconds: None)
    if sent.exported != [message.id] or len(bridge.written) != 1:
        raise CheckFailed(f"the draft was not written: {sent.summary()}")
    parsed = message_from_bytes(bridge.written[0].read_bytes(), policy=policy.default)
    if parsed["Message-ID"] != message.message_id:
        raise CheckFailed(f"{bridge.written[0].name} does not read back as queued")
    return f"{bridge.written[0].name}: “{parsed['Subject']}”, read back"


def _keyring(run: _Run) -> str:
    import importlib

    import keyring

    from ams_desk.mail.credentials import has_keyring

    native = NATIVE_KEYRING.get(sys.platform)
    if native is not None:
        for module in native:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                raise CheckFailed(f"this system's keyring backend cannot load: {exc}") from None
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if has_keyring():
        return f"{name}: passwords are kept in the system keyring"
    return f"{name}: no system keyring here, so passwords are asked once per session"


def _postgresql(_run: _Run) -> str:
    try:
        import psycopg
    except ImportError:
        if getattr(sys, "frozen", False):
            raise CheckFailed("the bundle has no PostgreSQL driver (psycopg)") from None
        return 'no driver installed: a team database on PostgreSQL needs ".[postgres]"'
    version = psycopg.pq.version()
    return (f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}) with libpq "
            f"{version // 10000}.{version % 10000}")


CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("qt", _qt),
    ("database", _database),
    ("import", _import),
    ("matching", _matching),
    ("main window", _main_window),
    ("report", _report),
    ("email", _email),
    ("keyring", _keyring),
    ("postgresql", _postgresql),
)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, CheckFailed):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_self_test(
    out: TextIO | None = None, err: TextIO | None = None, *, samples: Path = SAMPLES
) -> int:
    """Run every check in order; return 0 when all pass, 1 at the first failure.

    Args:
        out: Where each passed check's line goes (default: stdout).
        err: Where the failure's line goes (default: stderr).
        samples: The folder holding :data:`SAMPLE_SHEET`.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    # Before the QApplication exists: the self-test never needs (or opens) a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # Every window shown offscreen says the platform has no window manager: noise here.
        if "does not support propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=err)

    previous = qInstallMessageHandler(handle)
    try:
        return _run_checks(out, err, samples)
    finally:
        qInstallMessageHandler(previous)


def _run_checks(out: TextIO, err: TextIO, samples: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="ams-desk-self-test-") as folder:
        run = _Run(Path(folder), samples / SAMPLE_SHEET)
        try:
            for name, check in CHECKS:
                try:
                    detail = check(run)
                except Exception as exc:  # noqa: BLE001 - every failure becomes one line
                    print(f"ams-desk: self-test failed at {name}: {_one_line(exc)}", file=err)
                    return 1
                print(f"ok  {name}: {detail}", file=out, flush=True)
        finally:
            for close in run.closers:
                close()
    return 0
