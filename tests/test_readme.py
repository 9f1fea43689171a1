"""README stands alone: whatever it points to is in the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Folders of the repository a README path may start with.
TOP = ("ams_desk/", "tests/", "resources/", "ui/", "benchmarks/", ".ci/")


def test_every_link_and_image_is_in_the_repository() -> None:
    targets = re.findall(r"\]\(([^)\s]+)\)", README)
    assert targets, "the README shows its screenshots"
    missing = [t for t in targets if not t.startswith("#") and not (ROOT / t).exists()]
    assert missing == []


def test_every_repository_path_it_names_exists() -> None:
    words = (w.strip("`\"'(),;:.") for w in README.split())
    named = {w.strip("`") for w in words if w.startswith(TOP)}
    assert "ams_desk/cli.py" in named
    missing = sorted(p for p in named if "*" not in p and not (ROOT / p).exists())
    assert missing == []


def test_it_names_no_document_outside_the_repository() -> None:
    documents = set(re.findall(r"[\w./-]+\.md\b", README))
    assert {d for d in documents if not (ROOT / d).exists()} == set()
    assert "/work/" not in README and "shared/" not in README
