"""Start-up of the installer bundle beside the source checkout, on a 100,000-person database.

Usage: python benchmarks/bench_bundle.py [--bundle DIR] [--people N] [--repeat R] [--keep DIR]

Builds the database the way ``bench.py`` does (``ams-desk demo``), builds the bundle
with ``build_installer.spec`` in a temporary folder unless ``--bundle`` names one
(the folder holding the ``ams-desk`` program), then starts each R times, in turn, after
one warm-up start each (the first start of a new build reads it from disk). Both are
started through the command line with ``--quit-when-shown``, and timed by ``bench.py``'s
``startup``: from launching the process to the main window on screen. It prints the
best and the median of each, and the limit: the source checkout's median plus 10 %.
Exits 1 when the bundle's median is over it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import build, startup  # noqa: E402


def build_bundle(folder: Path) -> Path:
    """Build the bundle into ``folder`` and return its program."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(folder / "dist"), "--workpath", str(folder / "build"),
         str(ROOT / "build_installer.spec")],
        check=True,
    )
    print(f"bundle_build: {time.perf_counter() - start:.1f}", flush=True)
    return program_in(folder / "dist" / "ams-desk")


def program_in(folder: Path) -> Path:
    if sys.platform == "darwin" and folder.suffix == ".app":
        return folder / "Contents" / "MacOS" / "ams-desk"
    return folder / ("ams-desk.exe" if sys.platform == "win32" else "ams-desk")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, help="a bundle folder built already")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory(prefix="ams-bench-bundle-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"bench-{args.people}.sqlite"
        url = f"sqlite:///{path}"
        if not path.exists():
            print(f"demo_{args.people}_people: {build(url, args.people):.2f}", flush=True)
        program = program_in(args.bundle) if args.bundle else build_bundle(Path(scratch))
        commands = {
            "source": [sys.executable, "-m", "ams_desk"],
            "bundle": [str(program)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            startup(url, command)  # warm-up: not counted
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(startup(url, command))
    for name, found in times.items():
        print(f"start_to_first_window_{name}: best {min(found):.3f}  "
              f"median {statistics.median(found):.3f}", flush=True)
    limit = statistics.median(times["source"]) * 1.10
    bundle = statistics.median(times["bundle"])
    verdict = "within" if bundle <= limit else "OVER"
    print(f"start_to_first_window_bundle median {bundle:.3f}   limit {limit:.3f} "
          f"(source median + 10 %): {verdict}")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
