"""Generated files (forms, resources) must match their sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed beside {sys.executable}")
    return path


def _strip_version(text: str) -> list[str]:
    # The generator stamps its own Qt version; it is not part of the form.
    return [line for line in text.splitlines() if "Created by:" not in line]


@pytest.mark.parametrize("ui_file", sorted((ROOT / "ui").glob("*.ui")), ids=lambda p: p.name)
def test_forms_are_compiled_from_their_ui_files(ui_file: Path, tmp_path: Path) -> None:
    compiled = ROOT / "ams_desk" / "gui" / "forms" / f"ui_{ui_file.stem}.py"
    fresh = tmp_path / compiled.name
    subprocess.run([_tool("pyside6-uic"), str(ui_file), "-o", str(fresh)], check=True)
    assert compiled.exists(), f"run pyside6-uic {ui_file} -o {compiled}"
    assert _strip_version(compiled.read_text()) == _strip_version(fresh.read_text()), (
        f"{compiled.name} is out of date: run pyside6-uic {ui_file} -o {compiled}"
    )


def test_resources_are_compiled_from_the_qrc(tmp_path: Path) -> None:
    compiled = ROOT / "ams_desk" / "gui" / "resources_rc.py"
    fresh = tmp_path / "resources_rc.py"
    # Format version 1 stores no file times, so a fresh checkout compiles the same.
    subprocess.run(
        [
            _tool("pyside6-rcc"),
            "--format-version",
            "1",
            str(ROOT / "resources" / "ams_desk.qrc"),
            "-o",
            str(fresh),
        ],
        check=True,
    )
    assert _strip_version(compiled.read_text()) == _strip_version(fresh.read_text()), (
        "resources_rc.py is out of date: run "
        "pyside6-rcc --format-version 1 resources/ams_desk.qrc -o ams_desk/gui/resources_rc.py"
    )


def test_every_compiled_form_has_its_ui_file() -> None:
    compiled = (ROOT / "ams_desk" / "gui" / "forms").glob("ui_*.py")
    forms = {p.stem.removeprefix("ui_") for p in compiled}
    sources = {p.stem for p in (ROOT / "ui").glob("*.ui")}
    assert forms == sources
    # The dialogs designed in Qt Designer (more come with mail and the report).
    assert {"signup_editor", "program_settings", "step_dialog", "board_weights"} <= sources
