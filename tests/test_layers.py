"""The layers of DESIGN.md §5: the import graph of ``ams_desk/``, and what start-up loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from import_graph import check_package

PACKAGE = Path(__file__).resolve().parents[1] / "ams_desk"
QT_FREE = ("core", "store", "sheets", "mail")


def test_the_package_keeps_its_layers() -> None:
    findings = [str(finding) for finding in check_package(PACKAGE)]
    assert findings == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    """A synthetic ``ams_desk`` with one module per layer, plus ``files``."""
    root = tmp_path / "ams_desk"
    skeleton = {
        "__init__.py": 'APP_NAME = "x"\n',
        "__main__.py": "from ams_desk.cli import main\n",
        "cli.py": "from ams_desk.gui import app\nfrom ams_desk.sheets import reader\n",
        "core/__init__.py": "",
        "core/model.py": "import dataclasses\nfrom ams_desk.core import text\n",
        "core/text.py": "from ams_desk import APP_NAME\n",
        "store/__init__.py": "",
        "store/db.py": "import sqlalchemy\nfrom ams_desk.core.model import x\n",
        "sheets/__init__.py": "",
        "sheets/reader.py": "from ams_desk.store import db\nfrom ams_desk.core import model\n",
        "sheets/report/__init__.py": "",
        "sheets/report/book.py": "import ams_desk.sheets.reader\n",
        "mail/__init__.py": "",
        "mail/outbox.py": "from ams_desk.store.db import y\n",
        "gui/__init__.py": "",
        "gui/app.py": (
            "from PySide6.QtWidgets import QWidget\n"
            "from ams_desk.mail import outbox\nfrom ams_desk.sheets.report import book\n"
        ),
        **files,
    }
    for name, text in skeleton.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_package_that_keeps_the_rules_has_no_findings(tmp_path: Path) -> None:
    assert check_package(_package(tmp_path, {})) == []


BROKEN = {
    "relative import": ("store/people.py", "from .db import y\n",
                        "relative import of ams_desk.store.db"),
    "relative import upward": ("store/people.py", "from ..gui import app\n",
                               "relative import of ams_desk.gui.app"),
    "importlib with a literal name": (
        "store/people.py", "import importlib\nimportlib.import_module('ams_desk.core.model')\n",
        "importlib of 'ams_desk.core.model'"),
    "import_module imported by name": (
        "core/rules.py", "from importlib import import_module as im\nim('json')\n",
        "importlib of 'json'"),
    "__import__ with a literal name": ("core/rules.py", "__import__('ams_desk.core.text')\n",
                                       "__import__ of 'ams_desk.core.text'"),
    "store imports sheets": ("store/people.py", "from ams_desk.sheets.reader import r\n",
                             "store imports ams_desk.sheets.reader (sheets)"),
    "store imports mail": ("store/people.py", "import ams_desk.mail.outbox\n",
                           "store imports ams_desk.mail.outbox (mail)"),
    "store imports gui": ("store/people.py", "from ams_desk import gui\n",
                          "store imports ams_desk.gui (gui)"),
    "store imports the cli": ("store/people.py", "from ams_desk.cli import main\n",
                              "store imports ams_desk.cli (cli)"),
    "sheets imports mail": ("sheets/report/mailing.py", "from ams_desk.mail import outbox\n",
                            "sheets imports ams_desk.mail.outbox (mail)"),
    "mail imports sheets": ("mail/report.py", "from ams_desk.sheets.report.book import b\n",
                            "mail imports ams_desk.sheets.report.book (sheets)"),
    "core imports store": ("core/rules.py", "from ams_desk.store.db import y\n",
                           "core imports ams_desk.store.db (store); core may import core"),
    "core imports an unplaced package": ("core/rules.py", "import ams_desk.report\n",
                                         "core imports ams_desk.report (unplaced)"),
    "store imports Qt in a function": (
        "store/people.py", "def f():\n    from PySide6.QtCore import QObject\n",
        "store imports PySide6.QtCore, which store must not use"),
    "sheets imports shiboken6": ("sheets/chart.py", "import shiboken6\n",
                                 "sheets imports shiboken6"),
    "core imports SQLAlchemy": ("core/rules.py", "from sqlalchemy import select\n",
                                "core imports sqlalchemy"),
    "a package in no layer": ("report/__init__.py", "", "report/__init__.py is in no layer"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_the_checker_finds_each_kind_of_broken_rule(tmp_path: Path, kind: str) -> None:
    name, text, expected = BROKEN[kind]
    findings = [str(finding) for finding in check_package(_package(tmp_path, {name: text}))]
    assert len(findings) >= 1
    assert all(f.startswith(f"ams_desk/{name}:") for f in findings), findings
    assert any(expected in f for f in findings), findings


def test_a_finding_names_the_file_and_line(tmp_path: Path) -> None:
    package = _package(tmp_path, {"store/people.py": "import json\n\nimport ams_desk.gui.app\n"})
    assert [str(f) for f in check_package(package)] == [
        "ams_desk/store/people.py:3: store imports ams_desk.gui.app (gui); "
        "store may import core, store"
    ]


def test_importing_the_lower_layers_loads_no_qt() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for layer in QT_FREE
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if "migrations" not in path.parts  # Alembic runs these; importing them is not loading
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


def test_the_main_window_starts_without_the_solver_or_openpyxl() -> None:
    # lap (the matching solver), openpyxl and alembic load when first used, not at start-up.
    code = (
        "import os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import ams_desk.gui.main_window\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'lap', 'openpyxl', 'alembic'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
