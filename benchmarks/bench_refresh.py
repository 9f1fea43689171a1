"""Benchmark: an action refreshes only the rows it touched, not the whole table.

Usage: python benchmarks/bench_refresh.py [--people N] [--repeat R]

Builds a demo program of N people (default 20,000), opens the main window on
the Mentees tab and times, median of R runs:

- ``withdraw``: withdrawing one mentee — the operation, its undo step, and the
  refresh of the rows it touched (the Mentees table and the attention list);
- ``undo``: taking it back the same way;
- ``reload``: F5, reading the whole Mentees table and the attention list again:
  what every action cost before views refreshed only what changed;
- ``rows``: the Mentees table refreshing the one row a change touched, beside
  ``table``, the same table reading all its rows (the limit: a quarter of it).

An action must cost less than the reload measured in the same run. Most of
what remains is the attention list, which is computed over the whole program
after every change to sign-ups or pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from ams_desk.core.model import Role, SignupStatus
    from ams_desk.gui.app import make_application
    from ams_desk.gui.main_window import MainWindow
    from ams_desk.store.changes import Changes
    from ams_desk.store.database import open_database

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        subprocess.run([sys.executable, "-m", "ams_desk", "--db", url, "demo", "--people",
                        str(args.people)], check=True, stdout=subprocess.DEVNULL)
        db = open_database(url)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings=settings)
        window.show()
        view = window.views[Role.MENTEE]
        window.tabs.setCurrentWidget(view)
        app.processEvents()
        row = next(r for r in view.model.rows_shown() if r.status is SignupStatus.OPEN)
        rows = view.model.rowCount()

        def withdraw() -> None:
            view.select_ids([row.signup_id])
            window.withdraw_selected()
            window.undo_stack.undo()  # back, so that the next run withdraws again

        def undo_only() -> None:
            window.undo_stack.redo()
            window.undo_stack.undo()

        both = _median(args.repeat, withdraw)
        undo = _median(args.repeat, undo_only) / 2
        reload = _median(args.repeat, window.reload)
        one = Changes.of(signups=[row.signup_id])
        rows_time = _median(args.repeat, lambda: view.apply_changes(one))
        table = _median(args.repeat, lambda: view.apply_changes(Changes.all()))
        print(f"mentees shown: {rows:,} of {args.people:,} people")
        print(f"withdraw: {both - undo:.3f} s   (limit {reload:.3f} s: a reload)")
        print(f"undo: {undo:.3f} s   (limit {reload:.3f} s)")
        print(f"reload: {reload:.3f} s")
        print(f"rows: {rows_time:.3f} s   (limit {table / 4:.3f} s: a quarter of the table)")
        print(f"table: {table:.3f} s")
        window.close()
        db.close()
        ok = both - undo < reload and undo < reload and rows_time < table / 4
    print("OK" if ok else "TOO SLOW")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
