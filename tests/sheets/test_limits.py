"""Row and column caps: oversized files are refused in little memory, without being read.

How fast they are refused is measured by ``benchmarks/bench_refusals.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_files import SHEET_HEAD, column_letters, inline, write_parts

from ams_desk.sheets.importing.read import RawRow, SheetError, read_table

REPO = Path(__file__).resolve().parents[2]
MILLION = 1_000_000
MEMORY_LIMIT_BYTES = 300 * 1024 * 1024
REFUSAL = "refused: the sheet has more than 200,000 rows of data (the limit is 200,000)"


def _million_row_csv(folder: Path) -> Path:
    path = folder / "million.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Email,Signed up\n")
        for start in range(0, MILLION, 50_000):
            handle.write(
                "".join(
                    f"Person {i},p{i}@example.org,2024-01-01\n"
                    for i in range(start, start + 50_000)
                )
            )
    return path


def _sheet_rows(rows: int) -> Iterator[bytes]:
    yield (SHEET_HEAD + f'<sheetData><row r="1">{inline("Number", "A1")}</row>').encode()
    for start in range(2, rows + 2, 50_000):
        stop = min(start + 50_000, rows + 2)
        yield "".join(
            f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(start, stop)
        ).encode()
    yield b"</sheetData></worksheet>"


def _million_row_xlsx(folder: Path) -> Path:
    return write_parts(folder / "million.xlsx", _sheet_rows(MILLION))


def _measure(path: Path) -> tuple[SheetError, int]:
    """Refuse ``path`` under tracemalloc: the error and the Python memory peak."""
    tracemalloc.start()
    try:
        with pytest.raises(SheetError) as caught:
            read_table(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"{path.name}: refused, Python peak {peak / 1024 / 1024:.1f} MB")
    return caught.value, peak


def _peak_rss_of_a_fresh_read(path: Path) -> int:
    """Read in a new interpreter and return its peak resident memory, Rust included."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    code = (
        "import sys\n"
        "from ams_desk.sheets.importing.read import SheetError, read_table\n"
        "try:\n    read_table(sys.argv[1])\nexcept SheetError as error:\n    print(error)\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "print(int(status.split()[0]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.strip().splitlines()
    assert REFUSAL in lines[0]
    return int(lines[-1]) * 1024  # VmHWM is in kB


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_million_row_csv_is_refused_in_little_memory(tmp_path: Path) -> None:
    path = _million_row_csv(tmp_path)
    error, peak = _measure(path)
    assert str(error).startswith("million.csv, row 200002: " + REFUSAL)
    assert peak < MEMORY_LIMIT_BYTES
    rss = _peak_rss_of_a_fresh_read(path)
    print(f"million.csv: peak RSS of a fresh process {rss / 1024 / 1024:.0f} MB")
    assert rss < MEMORY_LIMIT_BYTES


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_million_row_xlsx_is_refused_in_little_memory(tmp_path: Path) -> None:
    path = _million_row_xlsx(tmp_path)
    error, peak = _measure(path)
    assert str(error) == "million.xlsx: " + REFUSAL
    assert peak < MEMORY_LIMIT_BYTES
    rss = _peak_rss_of_a_fresh_read(path)
    print(f"million.xlsx: peak RSS of a fresh process {rss / 1024 / 1024:.0f} MB")
    assert rss < MEMORY_LIMIT_BYTES


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_row_cap_is_exact_for_xlsx(tmp_path: Path, engine: str) -> None:
    path = write_parts(tmp_path / "rows.xlsx", b"".join(_sheet_rows(100)))
    assert len(read_table(path, max_rows=100, engine=engine).rows) == 100  # type: ignore[arg-type]
    with pytest.raises(SheetError) as caught:
        read_table(path, max_rows=99, engine=engine)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "rows.xlsx: refused: the sheet has more than 99 rows of data (the limit is 99)"
    )


def test_row_cap_is_exact_for_csv(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("N\n" + "".join(f"{i}\n" for i in range(100)), encoding="utf-8")
    assert len(read_table(path, max_rows=100).rows) == 100
    with pytest.raises(SheetError) as caught:
        read_table(path, max_rows=99)
    assert str(caught.value) == (
        "rows.csv, row 101: refused: the sheet has more than 99 rows of data (the limit is 99)"
    )


def test_row_cap_while_streaming_names_the_row(tmp_path: Path) -> None:
    # Cells without references go to the streaming reader, which counts as it goes.
    rows = "".join(f"<row>{inline(f'P{i}')}</row>" for i in range(6))
    path = write_parts(
        tmp_path / "stream.xlsx", SHEET_HEAD + f"<sheetData>{rows}</sheetData></worksheet>"
    )
    with pytest.raises(SheetError) as caught:
        read_table(path, max_rows=4)
    assert str(caught.value) == (
        "stream.xlsx, row 6: refused: the sheet has more than 4 rows of data (the limit is 4)"
    )


def _wide_sheet(columns: int) -> str:
    header = "".join(inline(f"H{c}", f"{column_letters(c)}1") for c in range(1, columns + 1))
    data = "".join(f'<c r="{column_letters(c)}2"><v>{c}</v></c>' for c in range(1, columns + 1))
    return (
        SHEET_HEAD
        + f'<sheetData><row r="1">{header}</row><row r="2">{data}</row></sheetData></worksheet>'
    )


def test_column_cap(tmp_path: Path) -> None:
    fits = write_parts(tmp_path / "fits.xlsx", _wide_sheet(200))
    table = read_table(fits)
    assert len(table.headers) == 200
    assert table.rows[0] == RawRow(2, tuple(range(1, 201)))
    too_wide = write_parts(tmp_path / "wide.xlsx", _wide_sheet(201))
    with pytest.raises(SheetError) as caught:
        read_table(too_wide)
    assert str(caught.value) == (
        "wide.xlsx: refused: the sheet has more than 200 columns (the limit is 200)"
    )
    assert len(read_table(too_wide, max_columns=201).headers) == 201
