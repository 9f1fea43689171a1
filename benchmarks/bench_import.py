"""Time the sign-up import of a 10,000-row Microsoft Forms-style xlsx, end to end.

Run from the repository root::

    .venv/bin/python benchmarks/bench_import.py

Prints, in seconds (median of 3 runs)::

    import_xlsx_10k: X.XX      import_file: read + map + preview + apply into a fresh database
    read_xlsx_10k: X.XX        read_table alone

and, as ``#`` lines, the later phases on their own (apply: once). Each run
imports into a new, migrated SQLite file; creating and migrating that file is
not part of the figure.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ams_desk.sheets.importing.apply import apply_preview  # noqa: E402
from ams_desk.sheets.importing.importer import choose_mapping, import_file  # noqa: E402
from ams_desk.sheets.importing.preview import build_preview  # noqa: E402
from ams_desk.sheets.importing.read.reader import read_table  # noqa: E402
from ams_desk.store.database import open_database  # noqa: E402

ROWS = 10_000
RUNS = 3
HEADERS = [
    "Id", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Full name", "Your email address", "Do you want to be a mentor or a mentee?",
    "What is your current position?", "Which AMS project(s) are you working on?",
    "Department / research group", "Which topics would you like to discuss?",
    "How would you like to meet?", "Which languages do you speak?",
    "As a mentor, how many mentees can you take on?", "Why do you want to take part?",
    "Anything else we should know?", "How did you hear about the program?", "Points",
]  # fmt: skip
ROLES = ["Mentor (I would like to guide a junior researcher)", "Mentee (I'm looking for a mentor)"]
POSITIONS = ["PhD candidate", "Postdoc", "Researcher", "Assistant professor", "Full professor"]
TOPICS = ["Career guidance;", "Stress and time management;Work/life balance;",
          "Networking and visibility;Funding opportunities;"]  # fmt: skip


def make_workbook(path: Path, rows: int = ROWS) -> Path:
    """Write a ``rows``-row workbook shaped like a Microsoft Forms export (20 columns)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(HEADERS)
    start = datetime(2026, 1, 5, 8, 0)
    for i in range(rows):
        mentor = i % 3 == 0
        at = start + timedelta(minutes=7 * i)
        sheet.append([
            i + 1, at - timedelta(minutes=4), at, "anonymous", "", None,
            f"Persoon Nummer{i} Ödegård", f"person{i}@example.org", ROLES[0 if mentor else 1],
            POSITIONS[-1 - i % 2] if mentor else POSITIONS[i % 3],
            f"Project {i % 40};Project {(i + 7) % 40};", f"Department {i % 25}",
            TOPICS[i % 3], "In person" if i % 2 else "Online", "English;Dutch;",
            (1 + i % 3) if mentor else None, f"I would like to take part because {i}.",
            "", "Colleague", 0,
        ])  # fmt: skip
    book.save(path)
    return path


def median_seconds(
    action: Callable[[], object], before: Callable[[], object] | None = None
) -> float:
    """Run ``action`` RUNS times (``before`` untimed ahead of each) and return the median."""
    times = []
    for _ in range(RUNS):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_workbook(Path(folder) / "forms_10k.xlsx")
        counter = iter(range(1000))
        state: dict[str, object] = {}

        def fresh_db() -> None:
            state["db"] = open_database(f"sqlite:///{folder}/bench-{next(counter)}.sqlite")

        def end_to_end() -> None:
            db = state["db"]
            report = import_file(db, path)  # type: ignore[arg-type]
            assert report.counts.signups_created == ROWS, report.counts
            db.close()  # type: ignore[attr-defined]

        total = median_seconds(end_to_end, fresh_db)
        read = median_seconds(lambda: read_table(path))
        print(f"import_xlsx_10k: {total:.2f}")
        print(f"read_xlsx_10k: {read:.2f}")

        fresh_db()
        db = state["db"]
        table = read_table(path)
        mapping = choose_mapping(db, table).mapping  # type: ignore[arg-type]
        preview = build_preview(db, table, mapping)  # type: ignore[arg-type]
        phases = {
            "map": lambda: choose_mapping(db, table),  # type: ignore[arg-type]
            "preview": lambda: build_preview(db, table, mapping),  # type: ignore[arg-type]
            "apply": lambda: apply_preview(db, preview),  # type: ignore[arg-type]
        }
        for name, action in phases.items():
            runs = 1 if name == "apply" else RUNS
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                action()
                times.append(time.perf_counter() - started)
            print(f"# {name}: {statistics.median(times):.2f}")
        started = time.perf_counter()
        fresh_db()
        print(f"# create and migrate the empty database (not counted): "
              f"{time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
