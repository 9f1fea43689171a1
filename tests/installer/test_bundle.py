"""The installer bundle: built from build_installer.spec in a temporary folder, then started.

The build takes a minute or two, so it is made once for this module. It needs
PyInstaller (the ``build`` extra); without it these tests are skipped, except in CI,
where ``.ci/run`` installs it and a missing PyInstaller is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ams_desk import __version__
from ams_desk.gui.self_test import CHECKS

ROOT = Path(__file__).resolve().parents[2]
#: The largest bundle allowed on Linux, in MB (10^6 bytes). See README "Install for
#: coordinators": Qt with its ICU data, and NumPy with its OpenBLAS library, are most of
#: it and cannot be left out.
SIZE_LIMIT_MB = 200
#: Qt libraries the app must never carry: the web engine, Qt Quick/QML and Qt 3D.
FORBIDDEN_QT = re.compile(r"Qt6?(WebEngine|Quick|Qml|3D)|[/\\]qml[/\\]", re.IGNORECASE)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


@dataclass(frozen=True)
class Bundle:
    folder: Path
    program: Path
    log: str
    seconds: float


def _pyinstaller_or_skip() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("PyInstaller is missing: .ci/run installs the build extra for this test")
    pytest.skip("PyInstaller is not installed; to build and check the installer bundle: "
                'pip install -c constraints.txt -e ".[build]"')


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    _pyinstaller_or_skip()
    work = tmp_path_factory.mktemp("installer")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "build_installer.spec")],
        cwd=work, capture_output=True, text=True, timeout=1100,
    )
    seconds = time.perf_counter() - start
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-3000:]
    folder = work / "dist" / "ams-desk"
    program = folder / ("ams-desk.exe" if sys.platform == "win32" else "ams-desk")
    if sys.platform == "darwin":
        folder = work / "dist" / "AMS Desk.app"
        program = folder / "Contents" / "MacOS" / "ams-desk"
    return Bundle(folder, program, log, seconds)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_bundle_passes_its_self_test(bundle: Bundle, tmp_path: Path) -> None:
    done = subprocess.run([str(bundle.program), "--self-test"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"ok  {name}" for name, _ in CHECKS]
    print(f"built in {bundle.seconds:.0f} s; self-test:\n{done.stdout}")


def test_the_bundle_holds_no_web_engine_quick_qml_or_3d(bundle: Bundle) -> None:
    found = [str(p.relative_to(bundle.folder)) for p in bundle.folder.rglob("*")
             if FORBIDDEN_QT.search(str(p.relative_to(bundle.folder)))]
    assert found == []
    # And the check would see them: the Qt libraries it must keep have these names.
    kept = {p.name for p in bundle.folder.rglob("*Qt6Widgets*")}
    assert kept and not any(FORBIDDEN_QT.search(name) for name in kept)
    assert FORBIDDEN_QT.search("PySide6/Qt/lib/libQt6Quick.so.6")
    assert FORBIDDEN_QT.search("PySide6/Qt/lib/libQt6WebEngineCore.so.6")


def test_the_build_prints_the_size_and_it_is_within_the_limit(bundle: Bundle) -> None:
    size = _size(bundle.folder) / 1e6
    printed = re.search(r"^Bundle (.+): ([\d.]+) MB$", bundle.log, re.MULTILINE)
    assert printed is not None, bundle.log[-2000:]
    assert abs(float(printed.group(2)) - size) < 0.1
    print(f"bundle: {size:.1f} MB, limit {SIZE_LIMIT_MB} MB, built in {bundle.seconds:.0f} s")
    assert size <= SIZE_LIMIT_MB
    # Nothing left out is still pointed at (links to the Qt libraries nothing needs).
    assert [p.name for p in bundle.folder.rglob("*") if p.is_symlink() and not p.exists()] == []


def test_the_bundle_names_its_version_and_migrations(bundle: Bundle) -> None:
    done = subprocess.run([str(bundle.program), "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == f"ams-desk {__version__}"
    internal = bundle.folder / ("_internal" if sys.platform != "darwin" else "Contents/Frameworks")
    shipped = sorted(p.name for p in (ROOT / "ams_desk/store/migrations/versions").glob("*.py"))
    bundled = sorted(p.name for p in (internal / "ams_desk/store/migrations/versions").iterdir())
    assert bundled == shipped  # no cached bytecode, nothing missing
    templates = sorted(p.name for p in (ROOT / "resources/templates").glob("*.txt"))
    assert sorted(p.name for p in (internal / "ams_desk/mail/default_templates").iterdir()) \
        == templates


@pytest.mark.postgres
def test_the_bundle_opens_a_team_database_on_postgresql(bundle: Bundle, pg_url: str) -> None:
    def run(*argv: str) -> str:
        done = subprocess.run([str(bundle.program), "--db", pg_url, *argv],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Demo program created: 40 people" in run("demo", "--people", "40")
    assert len(json.loads(run("list", "people", "--json"))) == 40


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux menu entry")
def test_the_linux_menu_entry_starts_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    # Installed from a folder whose path has a space, which the entry must quote.
    folder = tmp_path / "My Apps"
    folder.symlink_to(bundle.folder, target_is_directory=True)
    script = folder / "install-desktop-entry.sh"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "data/applications/ams-desk.desktop"
    fields = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert fields["Exec"] == f'"{folder / "ams-desk"}"'
    assert fields["TryExec"] == str(folder / "ams-desk")
    assert fields["Icon"] == "ams-desk" and fields["Name"] == "AMS Desk"
    icon = tmp_path / "data/icons/hicolor/scalable/apps/ams-desk.svg"
    assert icon.read_bytes() == (ROOT / "resources/icons/app.svg").read_bytes()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True, timeout=60)
        assert check.returncode == 0, check.stdout + check.stderr
    # The program the entry starts is the bundle's, and it runs.
    version = subprocess.run([fields["TryExec"], "--version"], capture_output=True, text=True,
                             timeout=60)
    assert version.stdout.strip() == f"ams-desk {__version__}"
    done = subprocess.run([str(script), "--remove"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and not entry.exists() and not icon.exists()
