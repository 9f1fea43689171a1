"""``--quit-when-shown``: the start-up benchmark's probe (benchmarks/bench_bundle.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from ams_desk.store.database import open_database
from ams_desk.store.demo import fill_demo


def test_it_prints_when_the_window_showed_and_exits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ams.sqlite'}"
    db = open_database(url)
    fill_demo(db, people=40)
    db.close()
    started = time.time()
    done = subprocess.run([sys.executable, "-m", "ams_desk", "--db", url, "--quit-when-shown"],
                          capture_output=True, text=True, timeout=100,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    word, when = line.split()
    assert word == "SHOWN" and started < float(when) < time.time()
    assert "--quit-when-shown" not in subprocess.run(
        [sys.executable, "-m", "ams_desk", "--help"], capture_output=True, text=True).stdout
