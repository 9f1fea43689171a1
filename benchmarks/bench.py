"""AMS Desk benchmarks: build a 100,000-person database, print ``name: seconds`` lines.

Usage: python benchmarks/bench.py [--people N] [--repeat R] [--keep DIR] [--only-tables]

Figures, not pass/fail: each line is the median of R runs on this machine.
After the tables' figures it runs the other benchmarks of this folder
(reading and importing sheets, matching suggestions, the board) and prints
their lines too.
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

STARTUP_SCRIPT = """
import sys, time
from PySide6.QtWidgets import QApplication
from ams_desk.gui.app import run

def shown(window):
    print(f"SHOWN {time.time():.6f}", flush=True)
    QApplication.instance().quit()

sys.exit(run(sys.argv[1], on_shown=shown))
"""


def median_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(url: str, people: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ams_desk", "--db", url, "demo", "--people", str(people)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def startup(url: str, command: list[str] | None = None) -> float:
    """Seconds from starting the app on ``url`` to its window on screen.

    ``command`` starts another build of the app (the installer bundle: bench_bundle.py),
    which prints the same SHOWN line with ``--quit-when-shown``.
    """
    argv = [sys.executable, "-c", STARTUP_SCRIPT, url] if command is None else [
        *command, "--db", url, "--quit-when-shown"]
    start = time.time()
    out = subprocess.run(
        argv,
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    shown = next(line for line in out.splitlines() if line.startswith("SHOWN "))
    return float(shown.split()[1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    parser.add_argument("--only-tables", action="store_true",
                        help="skip the sheet, matching and board benchmarks")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="ams-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{args.people}.sqlite"
    url = f"sqlite:///{path}"
    if not path.exists():
        # The limit is measured in the same run: a tenth of the people, built first,
        # times 10 for linear growth, plus half again for noise and larger indexes.
        tenth = max(args.people // 10, 1)
        small = build(f"sqlite:///{folder / f'bench-{tenth}.sqlite'}", tenth)
        whole = build(url, args.people)
        limit = small * 10 * 1.5
        verdict = "within" if whole <= limit else "OVER"
        print(f"demo_{tenth}_people: {small:.2f}", flush=True)
        print(f"demo_{args.people}_people: {whole:.2f}   limit {limit:.2f} "
              f"(15 x demo_{tenth}_people): {verdict}", flush=True)

    from ams_desk.core.model import Role
    from ams_desk.gui.app import make_application
    from ams_desk.gui.signup_model import SignupTableModel
    from ams_desk.store.database import open_database
    from ams_desk.store.people import list_signups
    from ams_desk.store.settings import get_program_settings

    make_application()
    db = open_database(url)
    ladder = get_program_settings(db).ladder
    model = SignupTableModel(Role.MENTEE, ladder)

    def load() -> None:
        model.set_rows(list_signups(db, Role.MENTEE))

    print(f"load_mentees_view: {median_of(args.repeat, load):.3f}", flush=True)
    print(f"mentee_rows: {len(model.all_rows())}")

    columns = iter(range(10 * args.repeat))

    def sort() -> None:
        model.sort(next(columns) % 2 * 7)  # alternate Name and Waiting

    print(f"sort_one_column: {median_of(args.repeat, sort):.3f}", flush=True)

    words = iter(["m", "ma", "mar", "mari", "maria", "j", "jo", "jos", "jose", "e", "em"] * 10)

    def keystroke() -> None:
        model.set_search(next(words))

    print(f"search_keystroke: {median_of(args.repeat, keystroke):.3f}", flush=True)
    db.close()

    starts = [startup(url) for _ in range(args.repeat)]
    print(f"start_to_first_window: {statistics.median(starts):.3f}", flush=True)
    if not args.only_tables:
        here = Path(__file__).resolve().parent
        for script in ("bench_read.py", "bench_import.py", "bench_match.py", "bench_board.py"):
            subprocess.run([sys.executable, str(here / script)], check=True)
    if args.keep is None:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
