"""Render the application's windows to PNG files on a demo program.

Usage: python -m ams_desk.gui.screenshots OUTPUT_DIR

The README's pictures come from here, so they always show the real windows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ams_desk.core.model import Role

DEMO_TODAY = date(2026, 11, 20)
"""A fixed day, so that the pictures do not change from one day to the next."""


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _pairs(window: object, save: Callable[[QWidget, str], None]) -> None:
    """The Pairs tab on a late pair with a rich story, a step dialog and a history page."""
    from ams_desk.core.workflow import TRANSITIONS, PairStatus

    pairs = window.pairs  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(pairs)  # type: ignore[attr-defined]
    model = pairs.model
    late = [r for r in model.rows_shown() if model.is_late(r)]
    rich = max(late or model.rows_shown(), key=lambda r: len(r.pair.events))
    pairs.select_pair(rich.pair.id)
    save(window, "pairs")  # type: ignore[arg-type]
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
        window = MainWindow(db, today=today, settings=settings)
        window.resize(1360, 780)
        window.show()
        _settle(app)

        def save(widget: QWidget, name: str) -> None:
            _settle(app)
            path = output / f"{name}.png"
            widget.grab().save(str(path))
            saved.append(path)

        window.tabs.setCurrentWidget(window.attention)
        save(window, "attention")
        window.tabs.setCurrentWidget(window.views[Role.MENTEE])
        save(window, "main-window")
        window.tabs.setCurrentWidget(window.views[Role.MENTOR])
        save(window, "mentors")
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
        _pairs(window, save)
        settings_dialog = window.edit_settings()
        save(settings_dialog, "program-settings")
        settings_dialog.reject()
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
