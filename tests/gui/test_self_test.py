"""``ams-desk --self-test`` from the source checkout: one line per check, or the first failure."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from ams_desk.gui.self_test import CHECKS, SAMPLE_SHEET, run_self_test


def test_the_self_test_passes_from_the_source_checkout(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ams_desk", "--self-test"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=110)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"ok  {name}" for name, _ in CHECKS]
    text = dict(line[4:].split(": ", 1) for line in lines)
    assert text["database"].startswith("new SQLite file migrated through ")
    assert text["import"].startswith(f"{SAMPLE_SHEET}: 30 rows read, 28 created, 1 skipped")
    assert "proposed" in text["matching"] and "the Report tab drawn" in text["main window"]
    assert "Summary" in text["report"] and text["email"].endswith("read back")
    assert text["keyring"].startswith("keyring.backends.")
    assert text["postgresql"].startswith("psycopg ")  # the test extra installs it
    assert "self-test failed" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # its files went with its temporary folder


def test_the_first_failing_check_ends_the_run_with_one_line(tmp_path: Path) -> None:
    (tmp_path / SAMPLE_SHEET).write_bytes(b"PK\x03\x04 this is no workbook")
    out, err = io.StringIO(), io.StringIO()
    assert run_self_test(out, err, samples=tmp_path) == 1
    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == [
        "ok  qt", "ok  database"]
    (failure,) = err.getvalue().splitlines()
    assert failure.startswith("ams-desk: self-test failed at import: ")
    assert SAMPLE_SHEET in failure

