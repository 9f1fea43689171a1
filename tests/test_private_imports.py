"""A private name (``_x``) is never used outside its module (STYLE.md habit 11).

What several modules share is public, in one place (the store's shared row
mappers and queries are in :mod:`ams_desk.store.rows`). The check reads the
source with :mod:`ast`: ``from m import _x`` (absolute or relative), and
``m._x`` on a module bound by ``import m [as n]`` or ``from pkg import m``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ams_desk"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of the module at ``path`` under ``root`` (whose name is the package's)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module an ``ImportFrom`` reads from, with a relative one resolved."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def private_imports(root: Path) -> list[str]:
    """Every use of another module's private name in the package at ``root``, as text.

    Args:
        root: The package folder; its name is the top-level package name.

    Returns:
        ``"file:line: module._name"`` for each offence, sorted.
    """
    ours = root.name
    modules = {_module_name(path, root)[0] for path in root.rglob("*.py")}
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module, is_package = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        aliases: dict[str, str] = {}  # local name or dotted path -> module of ours
        where = f"{path.relative_to(root.parent)}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(node, module, is_package)
                if source != ours and not source.startswith(ours + "."):
                    continue
                for alias in node.names:
                    if _is_private(alias.name) and source != module:
                        found.append(f"{where}:{node.lineno}: {source}.{alias.name}")
                    if f"{source}.{alias.name}" in modules:
                        aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == ours or alias.name.startswith(ours + "."):
                        aliases[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _is_private(node.attr):
                target = aliases.get(_dotted(node.value) or "")
                if target is not None and target != module:
                    found.append(f"{where}:{node.lineno}: {target}.{node.attr}")
    return sorted(found)


def test_no_module_uses_a_private_name_of_another() -> None:
    assert private_imports(PACKAGE) == []


def test_the_check_finds_each_kind_of_private_use(tmp_path: Path) -> None:
    """The check fails on a package that breaks the rule in each way it looks for."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "kernel.py").write_text(
        "def _helper():\n    return 1\n\n_SEPARATOR = ','\n\ndef public():\n    return _helper()\n"
    )
    (package / "absolute.py").write_text("from pkg.sub.kernel import _helper, public\n")
    (package / "sub" / "relative.py").write_text("from .kernel import _SEPARATOR\n")
    (package / "attribute.py").write_text(
        "import pkg.sub.kernel as kernel\nfrom pkg.sub import kernel as k2\n"
        "import pkg.sub.kernel\n\n"
        "def f():\n    return kernel._helper(), k2._SEPARATOR, pkg.sub.kernel._helper()\n"
    )
    (package / "fine.py").write_text(
        "from pkg.sub.kernel import public\nimport pkg.sub.kernel as kernel\n"
        "def f():\n    return public(), kernel.public(), kernel.__name__\n"
    )

    assert private_imports(package) == [
        "pkg/absolute.py:1: pkg.sub.kernel._helper",
        "pkg/attribute.py:6: pkg.sub.kernel._SEPARATOR",
        "pkg/attribute.py:6: pkg.sub.kernel._helper",
        "pkg/attribute.py:6: pkg.sub.kernel._helper",
        "pkg/sub/relative.py:1: pkg.sub.kernel._SEPARATOR",
    ]
