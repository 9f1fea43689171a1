"""SIGKILL during a backup, a restore and an erase: the database is whole, all or nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ams_desk.store.backups import list_backups
from ams_desk.store.database import open_database
from ams_desk.store.demo import fill_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
RUNS = 10


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "ams.sqlite"
    db = open_database(f"sqlite:///{path}")
    fill_demo(db, people=8_000, seed=3)
    db.close()
    return path


def _copy(program: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ams.sqlite"
    shutil.copyfile(program, path)
    return path


def _command(path: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "ams_desk", "--db", f"sqlite:///{path}", *argv]


def _duration(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def _kill_after(argv: list[str], delay: float) -> bool:
    """Run ``argv`` and SIGKILL it after ``delay`` s; return whether it was still running."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return alive


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _scalar(path: Path, sql: str) -> object:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def _delays(duration: float, runs: int = RUNS) -> list[float]:
    """Kill moments spread over the second half of a run (after Python's start-up)."""
    rng = random.Random(13)
    return sorted(rng.uniform(duration * 0.45, duration * 0.98) for _ in range(runs))


def test_kill_during_a_backup(program: Path, tmp_path: Path) -> None:
    path = _copy(program, tmp_path / "calibrate")
    duration = _duration(_command(path, "backup", str(tmp_path / "calibrate" / "b.sqlite")))
    interrupted = 0
    for n, delay in enumerate(_delays(duration)):
        path = _copy(program, tmp_path / f"run{n}")
        target = tmp_path / f"run{n}" / "copy.sqlite"
        interrupted += _kill_after(_command(path, "backup", str(target)), delay)
        assert _integrity(path) == "ok"
        # The target is whole or absent; a half-written copy is only ever a hidden .partial.
        if target.exists():
            assert _integrity(target) == "ok"
            assert _scalar(target, "SELECT count(*) FROM person") == 8_000
        partials = [p for p in target.parent.iterdir() if p.name.endswith(".partial")]
        for partial in partials:
            assert partial.name.startswith(".")
    assert interrupted >= RUNS // 2


def test_kill_during_an_automatic_backup_leaves_no_partial_behind(
    program: Path, tmp_path: Path
) -> None:
    """The backup before an erase is the automatic one; its leftovers are cleaned up."""
    for n in range(RUNS // 2):
        path = _copy(program, tmp_path / f"run{n}")
        _kill_after(_command(path, "person", "erase", "nobody@x.org", "--yes"), 0.01)
        folder = path.parent / "backups"
        folder.mkdir(exist_ok=True)
        (folder / ".ams-20261201-000000-erase.sqlite.999999999.partial").write_bytes(b"half")
        assert list_backups(path) == []
        assert not any(p.name.endswith(".partial") for p in folder.iterdir())


def test_kill_during_a_restore(program: Path, tmp_path: Path) -> None:
    backups = tmp_path / "kept"
    backups.mkdir()
    backup = backups / "ams-20261130-120000-daily.sqlite"
    shutil.copyfile(program, backup)
    with sqlite3.connect(backup) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")

    def changed_copy(folder: Path) -> Path:
        path = _copy(program, folder)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE person SET notes = 'after the backup'")
        return path

    path = changed_copy(tmp_path / "calibrate")
    duration = _duration(_command(path, "restore", str(backup)))
    outcomes = set()
    for n, delay in enumerate(_delays(duration)):
        path = changed_copy(tmp_path / f"run{n}")
        _kill_after(_command(path, "restore", str(backup)), delay)
        assert _integrity(path) == "ok"
        changed = _scalar(path, "SELECT count(*) FROM person WHERE notes = 'after the backup'")
        assert changed in (0, 8_000)  # the restored file, or the old one: never a mixture
        outcomes.add(changed)
        assert _scalar(path, "SELECT count(*) FROM person") == 8_000
        open_database(f"sqlite:///{path}").close()  # and the app opens it
    assert outcomes  # (which of the two each kill left depends on the machine's speed)


def test_kill_during_an_erase(program: Path, tmp_path: Path) -> None:
    with sqlite3.connect(program) as conn:
        name, email, pid = conn.execute(
            "SELECT p.name, p.email, p.id FROM person p JOIN signup s ON s.person_id = p.id"
            " JOIN pair ON pair.mentee_signup_id = s.id ORDER BY p.id LIMIT 1"
        ).fetchone()
        pairs = conn.execute("SELECT count(*) FROM pair").fetchone()[0]
    path = _copy(program, tmp_path / "calibrate")
    duration = _duration(_command(path, "person", "erase", email, "--yes"))
    for n, delay in enumerate(_delays(duration)):
        path = _copy(program, tmp_path / f"run{n}")
        _kill_after(_command(path, "person", "erase", email, "--yes"), delay)
        assert _integrity(path) == "ok"
        stored = _scalar(path, f"SELECT name FROM person WHERE id = {pid}")
        with sqlite3.connect(path) as conn:
            mine = conn.execute(
                "SELECT count(*), sum(motivation <> '') FROM signup WHERE person_id = ?", (pid,)
            ).fetchone()
        if stored == name:  # nothing of the erasure happened
            assert mine[1] == mine[0]
        else:  # all of it
            assert stored == "Erased person" and not mine[1]
            assert _scalar(path, f"SELECT count(*) FROM person WHERE email = '{email}'") == 0
        assert _scalar(path, "SELECT count(*) FROM pair") == pairs
