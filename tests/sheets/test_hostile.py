"""Every hostile or broken file ends in a clear SheetError, in little memory.

How fast each is refused is measured by ``benchmarks/bench_refusals.py``.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hostile_files import CASES

from ams_desk.sheets.importing.read import SheetError, read_table, sheet_names

# A generous ceiling: the files are small; it only catches a reader that balloons.
MEMORY_LIMIT_BYTES = 150 * 1024 * 1024


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_clearly(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = case.build(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(SheetError) as caught:
            read_table(path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    message = str(caught.value)
    print(f"{name}: Python peak {peak / 1024 / 1024:.1f} MB -> {message}")
    assert case.message in message
    assert message.startswith(path.name)
    assert "\n" not in message
    assert caught.value.file == str(path)
    assert peak < MEMORY_LIMIT_BYTES


@pytest.mark.parametrize("name", sorted(CASES))
def test_sheet_names_never_raises_anything_else(tmp_path: Path, name: str) -> None:
    path = CASES[name].build(tmp_path)
    try:
        names = sheet_names(path)
    except SheetError as error:
        assert str(error).startswith(path.name)
    else:
        assert isinstance(names, list)
