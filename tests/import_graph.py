"""The import-graph rule of DESIGN.md §5, read from the source with :mod:`ast`.

``core ◀ store ◀ sheets, mail ◀ gui, cli``: a package imports only those to its
left (and itself); nothing below ``gui`` imports Qt; ``core`` imports nothing of
ours and no database library. Every import is absolute and static, so that this
rule sees it: a relative import, or ``importlib.import_module("...")`` /
``__import__("...")`` with a literal name, is a finding of its own (the second
also judged by where it points).

:func:`check_package` is the one checker; ``tests/test_layers.py`` runs it on
``ams_desk/`` and on small synthetic packages that break each rule once.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: What each layer may import of ours, besides itself. The package root
#: (``ams_desk/__init__.py``: name and version) is open to every layer.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "store": frozenset({"core"}),
    "sheets": frozenset({"core", "store"}),
    "mail": frozenset({"core", "store"}),
    "gui": frozenset({"core", "store", "sheets", "mail"}),
    "cli": frozenset({"core", "store", "sheets", "mail", "gui"}),
}
#: Where the root's own modules sit: ``__main__`` starts the CLI.
ROOT_MODULES = {"__init__": "root", "__main__": "cli", "cli": "cli", "cli_common": "cli",
                "mail_cli": "cli", "list_cli": "cli", "import_cli": "cli", "backup_cli": "cli",
                "person_cli": "cli", "report_cli": "cli"}
#: Third-party top-level packages a layer must not import.
QT = frozenset({"PySide6", "shiboken6"})
FORBIDDEN: dict[str, frozenset[str]] = {
    "root": QT | {"sqlalchemy", "alembic"},
    "core": QT | {"sqlalchemy", "alembic"},
    "store": QT,
    "sheets": QT,
    "mail": QT,
}


@dataclass(frozen=True)
class Finding:
    """One broken rule: where, and a sentence saying which."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class _Import:
    line: int
    target: str  # the absolute dotted name imported
    how: str  # "import", "relative", "importlib", "__import__"


def layer_of(package: Path, path: Path) -> str:
    """The layer a source file belongs to (its first folder under the package)."""
    parts = path.relative_to(package).parts
    if len(parts) == 1:
        return ROOT_MODULES.get(Path(parts[0]).stem, "unplaced")
    return parts[0] if parts[0] in MAY_IMPORT else "unplaced"


def _layer_of_module(package: Path, dotted: str) -> str:
    parts = dotted.split(".")
    if len(parts) == 1:
        return "root"
    if (package / parts[1]).is_dir() or parts[1] in MAY_IMPORT:
        return parts[1] if parts[1] in MAY_IMPORT else "unplaced"
    return ROOT_MODULES.get(parts[1], "unplaced")


def _module_name(package: Path, path: Path) -> list[str]:
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return [package.name, *parts]


def _is_ours_module(package: Path, dotted: str) -> bool:
    parts = dotted.split(".")
    if parts[0] != package.name:
        return False
    base = package.joinpath(*parts[1:])
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _literal(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant):
        value = call.args[0].value
        return value if isinstance(value, str) else None
    return None


def _imports(package: Path, path: Path) -> Iterator[_Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = _module_name(package, path)
    is_package = path.name == "__init__.py"
    import_module_names = {"importlib.import_module"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib":
            import_module_names.update(
                alias.asname or alias.name for alias in node.names
                if alias.name == "import_module"
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield _Import(node.lineno, alias.name, "import")
        elif isinstance(node, ast.ImportFrom):
            how = "import"
            if node.level:
                how = "relative"
                # ``from . import x`` means the package that holds this file.
                holder = here if is_package else here[:-1]
                base = holder[: len(holder) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                # ``from ams_desk.gui import board`` imports the module ams_desk.gui.board.
                sub = f"{module}.{alias.name}"
                target = sub if _is_ours_module(package, sub) else module
                yield _Import(node.lineno, target, how)
        elif isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            name = _literal(node)
            if func in import_module_names and name is not None:
                yield _Import(node.lineno, name, "importlib")
            elif func in {"__import__", "builtins.__import__"} and name is not None:
                yield _Import(node.lineno, name, "__import__")


def check_file(package: Path, path: Path) -> list[Finding]:
    """Every finding in one source file of ``package``."""
    rel = str(path.relative_to(package.parent))
    layer = layer_of(package, path)
    if layer == "unplaced":
        return [Finding(rel, 1, f"{rel} is in no layer of DESIGN.md §5 (add it to MAY_IMPORT)")]
    findings: list[Finding] = []
    for imp in _imports(package, path):
        if imp.how == "relative":
            findings.append(Finding(rel, imp.line, f"relative import of {imp.target}: "
                                    "write it absolute"))
        elif imp.how in {"importlib", "__import__"}:
            findings.append(Finding(rel, imp.line, f"{imp.how} of {imp.target!r}: import it "
                                    "statically, so that the layer rule sees it"))
        top = imp.target.split(".")[0]
        if top == package.name:
            target_layer = _layer_of_module(package, imp.target)
            if target_layer in {"root", layer}:
                continue  # the package root (name and version), or the layer itself
            allowed = MAY_IMPORT.get(layer, frozenset())
            if target_layer not in allowed:
                may = ", ".join(sorted(allowed | {layer})) if layer != "root" else "nothing"
                findings.append(Finding(rel, imp.line, f"{layer} imports {imp.target} "
                                        f"({target_layer}); {layer} may import {may}"))
        elif top in FORBIDDEN.get(layer, frozenset()):
            findings.append(Finding(rel, imp.line, f"{layer} imports {imp.target}, "
                                    f"which {layer} must not use"))
    return findings


def check_package(package: Path) -> list[Finding]:
    """Every finding in every source file under ``package`` (a folder holding ``__init__.py``)."""
    return [
        finding
        for path in sorted(package.rglob("*.py"))
        for finding in check_file(package, path)
    ]
