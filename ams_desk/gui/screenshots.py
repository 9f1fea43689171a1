"""Render the application's windows to PNG files on a demo program.

Usage: python -m ams_desk.gui.screenshots OUTPUT_DIR

The README's pictures come from here, so they always show the real windows.
Every tab is saved at 1360 pixels wide as ``NAME.png`` and at 1024 as
``NAME-1024.png``, the narrowest screen the window is made for.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QListView, QWidget

from ams_desk.core.model import Role

DEMO_TODAY = date(2026, 11, 20)
"""A fixed day, so that the pictures do not change from one day to the next."""

NARROW = 1024
"""The narrow width every tab is also saved at."""


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save_both(window: QWidget, save: Callable[[QWidget, str], None], name: str) -> None:
    """Save the window as it is (``name``), then at :data:`NARROW` pixels (``name-1024``)."""
    save(window, name)
    size = window.size()
    window.resize(NARROW, size.height())
    save(window, f"{name}-{NARROW}")
    window.resize(size)


def _pairs(window: object, save: Callable[[QWidget, str], None]) -> None:
    """The Pairs tab on a late pair with a rich story, a step dialog and a history page."""
    from ams_desk.core.workflow import TRANSITIONS, PairStatus

    pairs = window.pairs  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(pairs)  # type: ignore[attr-defined]
    model = pairs.model
    late = [r for r in model.rows_shown() if model.is_late(r)]
    rich = max(late or model.rows_shown(), key=lambda r: len(r.pair.events))
    pairs.select_pair(rich.pair.id)
    _save_both(window, save, "pairs")  # type: ignore[arg-type]
    evaluated = next((r for r in model.rows_shown() if r.status is PairStatus.MET), rich)
    pairs.select_pair(evaluated.pair.id)
    steps = TRANSITIONS[evaluated.status]
    if steps:
        dialog = pairs.record_step(steps[0])
        save(dialog, "step-dialog")
        dialog.reject()
    history = window.show_history(rich.mentor_person_id)  # type: ignore[attr-defined]
    save(history, "person-history")
    history.reject()


def _drag_over(view: QListView, data: QMimeData, row: int, *, drop: bool = False) -> None:
    """Drag ``data`` over (and maybe drop it on) ``row`` of ``view``, as Qt delivers a drag."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    index = view.model().index(row, 0)
    view.scrollTo(index, QListView.ScrollHint.PositionAtCenter)
    point = view.visualRect(index).center()
    move, button, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, move, data, button, none))
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(point, move, data, button, none))
    if drop:
        QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), move, data, button,
                                                           none))


def _with_dialog(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with ``dialog`` drawn over its middle, as the coordinator sees them."""
    picture = window.grab()
    painter = QPainter(picture)
    shown = dialog.grab()
    x = (picture.width() - shown.width()) // 2
    y = (picture.height() - shown.height()) // 2
    painter.fillRect(x - 1, y - 1, shown.width() + 2, shown.height() + 2, QColor("#8a939c"))
    painter.drawPixmap(x, y, shown)
    painter.end()
    return picture


def _suggest_and_wait(board: Any) -> None:
    """Run Suggest, which works off the GUI thread, and wait for its drafts and summary."""
    import time

    finished: list[object] = []
    board.suggestion_finished.connect(finished.append)
    app = QApplication.instance()
    if board.suggester.start() is not None:
        deadline = time.monotonic() + 60
        while not finished and time.monotonic() < deadline:
            app.processEvents()  # type: ignore[union-attr]
            time.sleep(0.01)
    board.suggestion_finished.disconnect(finished.append)
    _settle(app)  # type: ignore[arg-type]


def _board(window: object, save: Callable[[QWidget, str], None],
           save_pixmap: Callable[[QPixmap, str], None]) -> None:
    """The matching board: a refused drag and drop, drafts from Suggest, the summary."""
    board = window.board  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(board)  # type: ignore[attr-defined]
    board.ui.free_only_check.setChecked(True)
    mentors, mentees = board.mentor_model, board.mentee_model
    # A mentee some mentors with places may take, and one refuses by a hard rule.
    chosen = (0, -1)
    for row in range(min(mentees.rowCount(), 20)):
        board.select_mentee(mentees.card_at(row).signup_id)
        verdicts = [mentors.verdict(r) for r in range(mentors.rowCount())]
        refused = [r for r, v in enumerate(verdicts) if v]
        if refused and sum(1 for v in verdicts if not v) >= 2:
            chosen = (row, refused[0])
            break
    mentee_row, mentor_row = chosen
    board.select_mentee(mentees.card_at(mentee_row).signup_id)
    if mentor_row >= 0:
        data = mentees.mimeData([mentees.index(mentee_row, 0)])
        _drag_over(board.ui.mentor_view, data, mentor_row)
        save(window, "board-drag-refused")  # type: ignore[arg-type]
        _drag_over(board.ui.mentor_view, data, mentor_row, drop=True)
        if board.drafts.refusal is not None:
            _settle(QApplication.instance())  # type: ignore[arg-type]
            save_pixmap(_with_dialog(window, board.drafts.refusal), "board-refused-drop")  # type: ignore[arg-type]
            board.drafts.refusal.reject()
    board.ui.free_only_check.setChecked(False)
    _suggest_and_wait(board)
    lines = board.pair_model.cards()
    best = max(lines, key=lambda line: (line.pair.is_draft, line.pair.score.total), default=None)
    if best is not None:
        board.select_pairs([best.pair.pair_id])
        board.select_mentor(best.pair.mentor_signup_id)
        board.ui.mentor_view.scrollTo(board.ui.mentor_view.currentIndex(),
                                      QListView.ScrollHint.PositionAtTop)
    save(window, "board")  # type: ignore[arg-type]
    board.ui.side_tabs.setCurrentWidget(board.ui.unmatched)
    save(window, "board-suggestion-summary")  # type: ignore[arg-type]
    weights = board.drafts.edit_weights()
    save(weights, "board-weights")
    weights.reject()


def _mail(window: Any, save: Callable[[QWidget, str], None], drafts_folder: Path) -> None:
    """The mail bridge: the Propose review, a step offering its email, the Outbox, the
    template editor and the mail settings, on a team mail account set up for the demo."""
    from ams_desk.core.workflow import PairStatus
    from ams_desk.gui.mail.preferences import SendPreferences, SendVia, save_preferences
    from ams_desk.mail.settings import MailSettings, save_mail_settings

    save_mail_settings(window.db, MailSettings(
        host="smtp.office365.com", port=587, user="mentoring@ams-institute.org",
        from_name="AMS Mentorship Team", from_address="mentoring@ams-institute.org",
        bcc="mentoring-archive@ams-institute.org", pause_seconds=2.0, per_hour=120))
    board = window.board
    window.tabs.setCurrentWidget(board)
    drafts = [line.pair.pair_id for line in board.pair_model.cards() if line.pair.is_draft]
    board.select_pairs(drafts[:4])
    review = board.drafts.review_proposal()
    if review is not None:
        review.resize(1180, 620)
        save(review, "board-propose-review")
        review.ok_button.click()
    pairs = window.pairs
    window.tabs.setCurrentWidget(pairs)
    proposed = next((r for r in pairs.model.rows_shown() if r.status is PairStatus.PROPOSED),
                    None)
    if proposed is not None:
        pairs.select_pair(proposed.pair.id)
        dialog = pairs.record_step(PairStatus.MENTOR_AGREED)
        if dialog is not None:
            dialog.adjustSize()
            dialog.resize(max(dialog.width(), 660), dialog.height())
            save(dialog, "step-dialog-email")
            dialog._on_save()  # noqa: SLF001 - "Record step": the step and its email
    # Two proposals go out as .eml drafts (a real send through the .eml bridge), so that
    # the Outbox shows emails in more than one state.
    outbox = window.outbox
    window.tabs.setCurrentWidget(outbox)
    outbox.sending.qsettings = QSettings(str(drafts_folder / "prefs.ini"),
                                         QSettings.Format.IniFormat)
    save_preferences(outbox.sending.qsettings, SendPreferences(
        via=SendVia.EML, eml_folder=str(drafts_folder), open_eml=False))
    queued = [e.message.id for e in outbox.model.all_rows()]
    finished: list[str] = []
    outbox.sending.finished.connect(finished.append)
    if queued and outbox.sending.start(queued[:2]) is not None:
        _wait(lambda: bool(finished))
    outbox.show_states(None)
    rows = outbox.model.rows_shown()
    if rows:
        outbox.select_ids([rows[-1].message.id])
    _save_both(window, save, "outbox")
    _mail_dialogs(window, save)
    editor = window.mail.edit_templates("introduction_to_mentee")
    editor.resize(1240, 720)
    save(editor, "template-editor")
    editor.close()
    settings_dialog = window.mail.edit_settings()
    save(settings_dialog, "mail-settings")
    settings_dialog.reject()


def _mail_dialogs(window: Any, save: Callable[[QWidget, str], None]) -> None:
    """A person's History with their emails; a new sign-up offering its email."""
    from ams_desk.gui.mail.offer import EmailOffer

    people = [p for e in window.outbox.model.all_rows() for p in e.message.person_ids]
    if people:
        history = window.show_history(max(set(people), key=people.count))
        save(history, "history-emails")
        history.reject()
    window.tabs.setCurrentWidget(window.views[Role.MENTEE])
    new = window.new_signup()
    new.ui.nameEdit.setText("Zoë Ñúñez")
    new.ui.emailEdit.setText("z.nunez@ams-institute.org")
    new.ui.positionCombo.setCurrentText("PhD candidate")
    new.ui.departmentEdit.setText("Urban Mobility")
    if isinstance(new.extra, EmailOffer):
        new.extra.refresh()  # at once, not after the pause in typing
    # As it opens, and as on a screen 1024 pixels wide.
    save(new, "new-signup-email")
    new.resize(NARROW - 24, new.height())
    save(new, f"new-signup-email-{NARROW}")
    new.done(0)  # closed without its question about discarding the typed sign-up


def _wait(done: Callable[[], bool], seconds: float = 60) -> None:
    import time

    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.01)
    _settle(app)  # type: ignore[arg-type]


SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / (
    "microsoft-forms-export.xlsx")


def _import_wizard(app: QApplication, window: object,
                   save: Callable[[QWidget, str], None]) -> None:
    """Every page of the import wizard on the Microsoft Forms sample."""
    import time

    wizard = window.import_signups()  # type: ignore[attr-defined]
    wizard.file_page.path_edit.setText(str(SAMPLE))
    save(wizard, "import-1-file")
    for page, name in ((wizard.mapping_page, "import-2-mapping"),
                       (wizard.preview_page, "import-3-preview"),
                       (wizard.result_page, "import-4-result")):
        wizard.next()
        deadline = time.monotonic() + 60
        while wizard.currentPage() is not page and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        save(wizard, name)
    wizard.accept()


def _safety(window: Any, save: Callable[[QWidget, str], None]) -> None:
    """Restore from backup, a damaged database, and the confirmation of an erasure."""
    import sqlite3
    from datetime import datetime, timedelta

    from ams_desk.gui.safety_dialogs import DamagedDialog, RestoreDialog
    from ams_desk.store.backups import list_backups, write_backup
    from ams_desk.store.database_errors import DamagedDatabase

    path = window.db.sqlite_path
    source = sqlite3.connect(path)
    try:
        moment = datetime.combine(DEMO_TODAY, datetime.min.time()) + timedelta(hours=9)
        for days, reason in ((0, "import"), (0, "daily"), (1, "daily"), (3, "propose"),
                             (8, "daily"), (40, "migration")):
            write_backup(source, path, reason, now=moment - timedelta(days=days, minutes=days * 7),
                         thin=False)
    finally:
        source.close()
    backups = list_backups(path)
    restore = RestoreDialog(backups, path.name, window)
    restore.resize(700, 400)
    save(restore, "restore-from-backup")
    restore.reject()
    damaged = DamagedDialog(DamagedDatabase(
        path, "SQLite's check reports “Page 412: btreeInitPage() returns error code 11”",
        backups[1]), window)
    save(damaged, "damaged-database")
    damaged.reject()
    view = window.views[Role.MENTEE]
    window.tabs.setCurrentWidget(view)
    view.table.selectRow(0)
    erase = window.safety.erase_dialog()
    if erase is not None:
        erase.show()
        save(erase, "erase-person")
        erase.confirm.setChecked(True)
        save(erase, "erase-person-confirmed")
        erase.reject()
    _edit_conflict(window, save)


def _edit_conflict(window: Any, save: Callable[[QWidget, str], None]) -> None:
    """The sign-up editor's save refused: another coordinator changed the sign-up meanwhile."""
    from dataclasses import replace

    from ams_desk.store.coordinator import coordinator_name, set_coordinator_name
    from ams_desk.store.database import open_database
    from ams_desk.store.people import get_signup, person_input, signup_input, update_signup

    view = window.views[Role.MENTEE]
    [signup_id] = view.selected_ids()
    editor = window.edit_selected()
    other = open_database(window.db.url)  # another coordinator's window
    ours = coordinator_name()
    try:
        set_coordinator_name("Ana Lima")
        person, signup = get_signup(other, signup_id)
        update_signup(other, signup_id, replace(person_input(person), department="Optics"),
                      replace(signup_input(signup), motivation="Wants advice on a Veni grant."))
    finally:
        set_coordinator_name(ours)  # this window's coordinator again
        other.close()
    editor.ui.notesEdit.setPlainText("Prefers to meet online.")
    editor.ui.buttonBox.accepted.emit()
    if editor.conflict_box is not None:
        save(editor.conflict_box, "edit-conflict")
        editor.conflict_box.reject()
    editor.done(0)  # closed unsaved; reject() would ask about the typed notes and wait


def render_all(
    output: Path,
    *,
    today: date = DEMO_TODAY,
    extra: Callable[[QApplication, object, Path], None] | None = None,
) -> list[Path]:
    """Build a demo database in a temporary folder and save a PNG of each window."""
    from ams_desk.gui.app import make_application
    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.database import open_database
    from ams_desk.store.demo import fill_demo

    app = make_application()
    output.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        fill_demo(db, today=today)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("coordinator/name", "Anouk Verhoeven")  # one of the demo's team
        window = MainWindow(db, today=today, settings=settings)
        window.resize(1360, 780)
        window.show()
        _settle(app)

        def save(widget: QWidget, name: str) -> None:
            _settle(app)
            save_pixmap(widget.grab(), name)

        def save_pixmap(picture: QPixmap, name: str) -> None:
            path = output / f"{name}.png"
            picture.save(str(path))
            saved.append(path)

        window.tabs.setCurrentWidget(window.attention)
        save(window, "attention")
        window.tabs.setCurrentWidget(window.views[Role.MENTEE])
        _save_both(window, save, "main-window")
        window.tabs.setCurrentWidget(window.views[Role.MENTOR])
        _save_both(window, save, "mentors")
        view = window.views[Role.MENTEE]
        window.tabs.setCurrentWidget(view)
        view.search_edit.setText("phd career")
        view.apply_search_now()
        save(window, "search")
        view.search_edit.clear()
        view.apply_search_now()
        view.table.selectRow(0)
        dialog = window.edit_selected()
        if dialog is not None:
            save(dialog, "signup-editor")
            dialog.reject()
        new = window.new_signup()
        save(new, "new-signup")
        new.reject()
        from ams_desk.gui.everyday_shots import everyday_shots

        everyday_shots(window, save_pixmap, _with_dialog, lambda: _settle(app))
        _pairs(window, save)
        from ams_desk.gui.report.screenshots import report_shots

        saved.extend(report_shots(app, window, save, save_pixmap, output))
        settings_dialog = window.edit_settings()
        save(settings_dialog, "program-settings")
        settings_dialog.reject()
        _safety(window, save)
        _board(window, save, save_pixmap)  # Suggest adds drafts to the demo
        from ams_desk.gui.workday_shots import workday_shots

        workday_shots(app, window, save)  # the 1024-pixel views, a later meeting
        _mail(window, save, Path(folder) / "eml")  # proposes some of those drafts
        _import_wizard(app, window, save)
        if extra is not None:
            extra(app, window, output)
        window.close()
        db.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render_all(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
