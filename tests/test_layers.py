"""The layers of DESIGN.md §5: nothing below the GUI imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ams_desk"
QT_FREE = ("core", "store", "sheets", "mail")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_source_never_imports_qt(layer: str) -> None:
    folder = PACKAGE / layer
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in folder.rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_core_imports_nothing_of_ours_or_the_database() -> None:
    offenders = [
        (str(path.relative_to(PACKAGE)), name)
        for path in (PACKAGE / "core").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in {"sqlalchemy", "alembic"}
        or (name.startswith("ams_desk.") and not name.startswith("ams_desk.core"))
    ]
    assert offenders == []


def test_importing_the_lower_layers_loads_no_qt() -> None:
    modules = [
        ".".join(("ams_desk", *path.relative_to(PACKAGE).with_suffix("").parts))
        for layer in QT_FREE
        if (PACKAGE / layer).is_dir()
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        # Alembic's env.py only runs inside an Alembic command.
        if path.stem != "__init__" and "migrations" not in path.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert len(modules) >= 10


def test_the_main_window_starts_without_scipy_or_openpyxl() -> None:
    code = (
        "import os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import ams_desk.gui.main_window\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'openpyxl', 'alembic'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
