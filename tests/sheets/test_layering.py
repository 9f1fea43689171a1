"""The sheets package stays free of Qt (core, store, sheets and mail never import PySide6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_sheets_does_not_import_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, ams_desk.sheets as pkg\n"
        "for info in pkgutil.iter_modules(pkg.__path__):\n"
        "    importlib.import_module(f'ams_desk.sheets.{info.name}')\n"
        "import python_calamine, openpyxl\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    for source in (REPO / "ams_desk" / "sheets").glob("*.py"):
        assert "PySide6" not in source.read_text(encoding="utf-8"), source.name
