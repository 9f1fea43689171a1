"""How fast hostile and oversized files are refused, beside limits measured in the same run.

Run from the repository root::

    .venv/bin/python benchmarks/bench_refusals.py

The tests check *that* each file of the hostile corpus (``tests/sheets/``) is
refused clearly and in bounded memory; this script checks how fast, against
limits taken on this machine in this run rather than fixed seconds:

- a small hostile or awkward file (zip bomb, wrong format, 32,767-character
  cell, ...) must be refused, or imported, in no more time than reading an
  honest 10,000-row Microsoft Forms export takes;
- a million-row sheet must be refused in no more than 1.5 times the time of
  reading a sheet of the same shape at the row cap (200,000 rows), which is
  accepted: the refusal must stop at the cap instead of reading on.

Prints one ``name: seconds   limit seconds (what): within|OVER`` line per
file, then a count; exits 1 when a figure is over its limit.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sheets"), str(ROOT / "benchmarks")]

from ams_desk.sheets.importer import import_file  # noqa: E402
from ams_desk.sheets.parse import ImportOptions  # noqa: E402
from bench_import import make_workbook  # noqa: E402
from hostile_files import CASES  # noqa: E402
from sheet_files import write_parts  # noqa: E402
from test_import_hostile import ACCEPTED  # noqa: E402
from test_limits import _million_row_csv, _million_row_xlsx, _sheet_rows  # noqa: E402

from ams_desk.sheets import SheetError, read_table  # noqa: E402
from ams_desk.store.database import open_database  # noqa: E402

CAP = 200_000
RUNS = 3


def seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median time of ``runs`` calls; a SheetError counts as the end of the work."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(SheetError):
            action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Verdicts:
    """The printed lines and how many were over their limit."""

    def __init__(self) -> None:
        self.within = self.over = 0

    def report(self, name: str, figure: float, limit: float, what: str) -> None:
        ok = figure <= limit
        self.within += ok
        self.over += not ok
        print(f"{name}: {figure:.3f}   limit {limit:.3f} ({what}): "
              f"{'within' if ok else 'OVER'}", flush=True)


def _room(folder: Path, name: str) -> Path:
    """A new folder for one builder (each names its own file)."""
    path = folder / name
    path.mkdir()
    return path


def _cap_csv(folder: Path) -> Path:
    path = folder / "cap.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Email,Signed up\n")
        handle.write("".join(f"Person {i},p{i}@example.org,2024-01-01\n" for i in range(CAP)))
    return path


def main() -> int:
    verdicts = Verdicts()
    with tempfile.TemporaryDirectory(prefix="ams-bench-refusals-") as name:
        folder = Path(name)
        honest = make_workbook(folder / "honest.xlsx")
        small_limit = seconds(lambda: read_table(honest))
        print(f"# reading the honest 10,000-row export: {small_limit:.3f} s "
              f"(median of {RUNS})", flush=True)
        small = "reading 10,000 honest rows"

        for case_name, case in sorted(CASES.items()):
            path = case.build(_room(folder, f"read-{case_name}"))
            verdicts.report(f"refuse_read_{case_name}",
                            seconds(lambda path=path: read_table(path)), small_limit, small)

        db = open_database(f"sqlite:///{folder / 'import.sqlite'}")
        options = ImportOptions(today=date(2026, 3, 1))
        try:
            for case_name, case in sorted(CASES.items()):
                path = case.build(_room(folder, f"import-{case_name}"))
                verdicts.report(f"refuse_import_{case_name}", seconds(
                    lambda path=path: import_file(db, path, options=options)),
                    small_limit, small)
            for case_name, accepted in sorted(ACCEPTED.items()):
                # Once each: an accepted file is imported, and the second run changes nothing.
                path = accepted.build(_room(folder, f"awkward-{case_name}"))
                verdicts.report(f"import_awkward_{case_name}", seconds(
                    lambda path=path: import_file(db, path, options=options), runs=1),
                    small_limit, small)

            csv_cap = _cap_csv(folder)
            xlsx_cap = write_parts(folder / "cap.xlsx", _sheet_rows(CAP))
            csv_limit = 1.5 * seconds(lambda: read_table(csv_cap), runs=1)
            xlsx_limit = 1.5 * seconds(lambda: read_table(xlsx_cap), runs=1)
            million_csv, million_xlsx = _million_row_csv(folder), _million_row_xlsx(folder)
            at_cap = "1.5 x reading 200,000 accepted rows"
            verdicts.report("refuse_read_million_csv",
                            seconds(lambda: read_table(million_csv), runs=1), csv_limit, at_cap)
            verdicts.report("refuse_import_million_csv", seconds(
                lambda: import_file(db, million_csv, options=options), runs=1),
                csv_limit, at_cap)
            verdicts.report("refuse_read_million_xlsx",
                            seconds(lambda: read_table(million_xlsx), runs=1), xlsx_limit, at_cap)
        finally:
            db.close()
    print(f"{verdicts.within} within their limits, {verdicts.over} over")
    return 1 if verdicts.over else 0


if __name__ == "__main__":
    raise SystemExit(main())
