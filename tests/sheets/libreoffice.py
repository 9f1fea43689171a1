"""Run LibreOffice headless on a file, with a private profile per run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def soffice() -> str:
    """The soffice command; fails in CI (``.ci/run`` installs it), skips elsewhere."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert(source: Path, target_format: str, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice (e.g. ``"pdf"``, ``"xlsx"``); return the new file."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target_format, "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=240, check=False,
        )
    extension = target_format.split(":")[0]
    made = outdir / f"{source.stem}.{extension}"
    assert result.returncode == 0 and made.exists(), (result.stdout, result.stderr)
    return made
