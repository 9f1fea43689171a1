"""Kill an importing process at random moments: the database stays intact, all or nothing.

A base database holds 300 people. A 5,000-row sheet updates 150 of them and
adds the rest. The import runs in a forked child process (so that it starts
without re-importing the libraries); the parent SIGKILLs it at a random moment
— mostly while it writes, sometimes earlier — at least 30 times, with a fixed
seed. After each kill SQLite must pass ``PRAGMA integrity_check`` and hold
exactly the base data or exactly the fully imported data.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import shutil
import signal
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from import_helpers import snapshot, write_csv
from sqlalchemy import create_engine

from ams_desk.sheets.importing.apply import apply_preview
from ams_desk.sheets.importing.importer import import_file
from ams_desk.sheets.importing.mapping import auto_map
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.sheets.importing.preview import Preview, build_preview
from ams_desk.sheets.importing.read import read_table
from ams_desk.store.database import open_database

KILLS = 32
SEED = 20_260_301
OPTIONS = ImportOptions(today=date(2026, 3, 1))

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (POSIX)"
)


def _rows(start: int, stop: int, position: str) -> list[list[str]]:
    return [
        [f"Persoon {i}", f"person{i}@example.org", "mentor" if i % 4 == 0 else "mentee",
         position, "Career guidance;Networking and visibility;", "2" if i % 4 == 0 else "",
         f"{1 + i % 28:02d}-01-2026", f"Motivation of person {i}"]
        for i in range(start, stop)
    ]  # fmt: skip


def _state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        return snapshot(engine)
    finally:
        engine.dispose()


def _child(url: str, preview: Preview, marker: int) -> None:
    """Apply ``preview`` to ``url``; write one byte to ``marker`` when writing starts."""
    signalled = False

    def progress(done: int, total: int | None) -> None:
        nonlocal signalled
        if not signalled:
            os.write(marker, b"w")
            signalled = True

    db = open_database(url)
    apply_preview(db, preview, progress=progress)
    db.close()
    time.sleep(0.15)  # an application lives on after an import: kills may land after commit
    os._exit(0)


def _copy(base: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(base, target)


@pytest.mark.timeout(300)  # a loaded machine forks and imports slowly
def test_killed_imports_leave_the_database_before_or_after(tmp_path: Path) -> None:
    base = tmp_path / "base.sqlite"
    db = open_database(f"sqlite:///{base}")
    import_file(db, write_csv(tmp_path / "first.csv", _rows(0, 300, "Postdoc")), options=OPTIONS)
    sheet = write_csv(tmp_path / "signups.csv",
                      _rows(150, 300, "Researcher") + _rows(300, 5_150, "PhD candidate"))
    table = read_table(sheet)
    preview = build_preview(db, table, auto_map(table).mapping, OPTIONS)
    db.close()
    before = _state(base)

    work = tmp_path / "work.sqlite"
    url = f"sqlite:///{work}"
    context = multiprocessing.get_context("fork")

    def start() -> tuple[Any, int, float]:
        _copy(base, work)
        read_end, write_end = os.pipe()
        process = context.Process(target=_child, args=(url, preview, write_end))
        process.start()
        os.close(write_end)
        return process, read_end, time.perf_counter()

    # Undisturbed runs give the "after" state and the length of the writing phase: the
    # shortest of three, as the first run of a process pays for warming caches.
    writings, totals = [], []
    for _ in range(3):
        process, marker, started = start()
        select.select([marker], [], [], 60)
        writing_at = time.perf_counter()
        process.join(60)
        os.close(marker)
        assert process.exitcode == 0
        writings.append(time.perf_counter() - writing_at)
        totals.append(time.perf_counter() - started)
    writing, total = min(writings), min(totals)
    after = _state(work)
    assert after != before
    assert len(after["signup"]) == len(before["signup"]) + 4_850

    rng = random.Random(SEED)
    kills = outcomes_before = outcomes_after = 0
    attempts = 0
    while kills < KILLS:
        attempts += 1
        assert attempts < KILLS * 5, "the child finished before it could be killed too often"
        process, marker, started = start()
        if rng.random() < 0.75:  # while writing: the moment that matters
            ready, _, _ = select.select([marker], [], [], 60)
            assert ready
            time.sleep(rng.uniform(0, writing * 1.4))
        else:  # anywhere, start-up and reading included
            time.sleep(rng.uniform(0, total * 1.1))
        alive = process.is_alive()
        if alive:
            os.kill(process.pid, signal.SIGKILL)
        process.join(60)
        os.close(marker)
        if alive and process.exitcode == -signal.SIGKILL:
            kills += 1
        state = _state(work)
        assert state in (before, after), "a killed import left a partial database"
        outcomes_before += state == before
        outcomes_after += state == after
    print(f"{kills} kills in {attempts} runs: {outcomes_before} before, {outcomes_after} after; "
          f"writing takes {writing:.2f} s of {total:.2f} s")
    assert outcomes_before > 0
