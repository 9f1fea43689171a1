"""Make the project importable when pytest runs without an installed ``ams_desk``.

The project's venv does not install the package (no ``pip install -e .``) and
pyproject.toml sets no ``pythonpath``, so ``.venv/bin/pytest`` would not find
``ams_desk``. Either of those fixes makes this file unnecessary.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
