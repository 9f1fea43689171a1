"""Data safety figures at 100,000 people: the page check, a backup, an erasure.

Usage: python benchmarks/bench_safety.py [--people N] [--db FILE]

Prints ``name: seconds (limit)`` lines; the status repair each opening runs is
measured too. The page check's limit (0.2 s) decides
where it runs: above it, the app runs the check after its window shows and
holds writes until it passes (see ams_desk/store/database.py).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUICK_CHECK_LIMIT = 0.2


def _status_repair(path: Path, page_check: float) -> None:
    """The query each opening for writing runs to find sign-ups left matched by a draft;
    its limit is a tenth of the page check measured in the same run."""
    from ams_desk.store.database import open_database
    from ams_desk.store.signup_status import rederive_matched_by_drafts

    db = open_database(f"sqlite:///{path}", migrate_schema=False)
    try:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            rederive_matched_by_drafts(db)
            times.append(time.perf_counter() - start)
    finally:
        db.close()
    times.sort()
    print(f"status repair on opening: best {times[0]:.4f} s, median {times[3]:.4f} s "
          f"(limit {page_check / 10:.4f} s, a tenth of the page check)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="an existing database to measure (copied)")
    args = parser.parse_args()
    from ams_desk.store.backups import write_backup
    from ams_desk.store.health import check_sqlite_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        if args.db:
            shutil.copyfile(args.db, path)
        else:
            subprocess.run([sys.executable, "-m", "ams_desk", "--db", f"sqlite:///{path}", "demo",
                            "--people", str(args.people)], check=True, stdout=subprocess.DEVNULL)
        print(f"file: {path.stat().st_size / 1e6:.0f} MB")
        start = time.perf_counter()
        check_sqlite_file(path, deep=False)
        print(f"header and schema check: {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        check_sqlite_file(path, deep=True)
        took = time.perf_counter() - start
        where = "after the window shows" if took > QUICK_CHECK_LIMIT else "before opening"
        print(f"quick_check: {took:.3f} s (limit {QUICK_CHECK_LIMIT} s: runs {where})")
        _status_repair(path, took)
        source = sqlite3.connect(path)
        start = time.perf_counter()
        write_backup(source, path, "manual")
        print(f"backup through the backup API: {time.perf_counter() - start:.3f} s")
        source.close()
        email = sqlite3.connect(path).execute("SELECT email FROM person LIMIT 1").fetchone()[0]
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ams_desk", "--db", f"sqlite:///{path}", "person",
                        "erase", email, "--yes"], check=True, stdout=subprocess.DEVNULL)
        print(f"erase one person (incl. backup, VACUUM, start-up): "
              f"{time.perf_counter() - start:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
