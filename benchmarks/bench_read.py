"""Time the two xlsx readers on a generated 10,000 x 20 sign-up sheet.

Run from the repository root::

    .venv/bin/python benchmarks/bench_read.py

Prints, in seconds (median of 3 runs)::

    read_xlsx_10k_openpyxl: X.XX
    read_xlsx_10k_calamine: X.XX

Both figures are full ``read_table`` calls (guards, sheet scan and value
normalisation included) with the given reader; ``# raw ...`` lines after them
time the bare libraries, for reference.

Then the bounded header search (issue 14): a CSV of 50 MB of blank lines must be
refused in under 2 s, and a 10,000-row UTF-8 CSV with some Windows-1252 lines
(decoded line by line) is timed beside the same file all UTF-8::

    refuse_50mb_newlines: X.XX (limit 2.00)
    read_csv_10k_utf8: X.XX
    read_csv_10k_mixed_encoding: X.XX
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

from ams_desk.sheets.importing.read.reader import read_table  # noqa: E402

ROWS = 10_000
COLUMNS = 20
RUNS = 3


def make_workbook(path: Path) -> Path:
    """Write a 10,000 x 20 workbook shaped like a sign-up export."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sign-ups"
    sheet.append(
        ["Name", "Email", "Signed up", "Seniority", "Score"] + [f"Q{i}" for i in range(15)]
    )
    start = datetime(2024, 1, 1, 9, 0)
    for row in range(ROWS):
        sheet.append(
            [
                f"Person {row}",
                f"person{row}@example.org",
                start + timedelta(hours=row),
                row % 6,
                row * 0.5,
            ]
            + [f"Answer {row}-{column}" for column in range(15)]
        )
    book.save(path)
    return path


def median_seconds(action: Callable[[], object]) -> float:
    """Run ``action`` RUNS times and return the median wall time."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def raw_openpyxl(path: Path) -> int:
    """Bare openpyxl read-only iteration (with the reset_dimensions fix)."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book["Sign-ups"]
    sheet.reset_dimensions()
    count = sum(1 for _ in sheet.iter_rows(values_only=True))
    book.close()
    return count


def raw_calamine(path: Path) -> int:
    """Bare python-calamine iteration."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    count = sum(1 for _ in book.get_sheet_by_name("Sign-ups").iter_rows())
    book.close()
    return count


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_workbook(Path(folder) / "bench_10k.xlsx")
        table = read_table(path)
        assert len(table.rows) == ROWS and len(table.headers) == COLUMNS
        openpyxl_time = median_seconds(lambda: read_table(path, engine="openpyxl"))
        calamine_time = median_seconds(lambda: read_table(path, engine="calamine"))
        print(f"read_xlsx_10k_openpyxl: {openpyxl_time:.2f}")
        print(f"read_xlsx_10k_calamine: {calamine_time:.2f}")
        print(f"# raw openpyxl read-only: {median_seconds(lambda: raw_openpyxl(path)):.2f}")
        print(f"# raw python-calamine:    {median_seconds(lambda: raw_calamine(path)):.2f}")
        bench_text_files(Path(folder))


def bench_text_files(folder: Path) -> None:
    """The bounded header search and the line-by-line decoding of mixed-encoding CSVs."""
    from ams_desk.sheets.importing.errors import SheetError

    blank = folder / "blank.csv"
    blank.write_bytes(b"\n" * (50 * 1024 * 1024))

    def refuse() -> None:
        try:
            read_table(blank)
        except SheetError as error:
            assert "no header row" in error.reason, error
        else:
            raise AssertionError("50 MB of newlines was not refused")

    print(f"refuse_50mb_newlines: {median_seconds(refuse):.2f} (limit 2.00)")
    lines = ["Name,Email,Motivation"] + [
        f"Zoë Müller {i},z{i}@example.org,I would like to learn how others balance things"
        for i in range(ROWS)]
    utf8 = folder / "utf8.csv"
    utf8.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    mixed = folder / "mixed.csv"
    mixed.write_bytes(b"\n".join(
        line.encode("cp1252" if i % 100 == 7 else "utf-8") for i, line in enumerate(lines)
    ) + b"\n")
    assert len(read_table(mixed).rows) == ROWS
    print(f"read_csv_10k_utf8: {median_seconds(lambda: read_table(utf8)):.2f}")
    print(f"read_csv_10k_mixed_encoding: {median_seconds(lambda: read_table(mixed)):.2f}")


if __name__ == "__main__":
    main()
