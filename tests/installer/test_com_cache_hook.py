"""The Windows bundle's runtime hook: pywin32's COM cache in the user's cache folder.

pywin32 is not installed off Windows, so a stand-in ``win32com`` package does what
pywin32's own ``__init__`` does with the cache (take the path of an existing
``win32com.gen_py`` module); the hook itself runs unchanged, in a fresh interpreter
where the stand-in is importable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

HOOK = Path(__file__).resolve().parents[2] / "resources" / "installer" / "rthook_com_cache.py"

STAND_IN = """
import sys
try:
    import win32com.gen_py
    __gen_path__ = next(iter(sys.modules["win32com.gen_py"].__path__))
except ImportError:
    __gen_path__ = __path__[0] + "/gen_py"
"""

PROGRAM = """
import json, os, runpy, sys
sys.platform = "win32"  # the hook acts on Windows only
runpy.run_path({hook!r})
import win32com
made = os.path.isdir(win32com.__gen_path__)
# What gencache writes on first use, then imports as a submodule of win32com.gen_py.
with open(os.path.join(win32com.__gen_path__, "generated_wrapper.py"), "w") as file:
    file.write("VALUE = 1")
import win32com.gen_py.generated_wrapper as wrapper
print(json.dumps({{"gen_path": win32com.__gen_path__, "made": made,
                  "wrapper": wrapper.__file__}}))
"""


def test_the_com_cache_is_the_users_cache_folder(tmp_path: Path) -> None:
    package = tmp_path / "site" / "win32com"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(STAND_IN, encoding="utf-8")
    local = tmp_path / "AppData Local"
    cache = local / "AMS" / "AMS Desk" / "Cache" / "gen_py"
    env = {**os.environ, "LOCALAPPDATA": str(local), "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(PROGRAM.format(hook=str(HOOK)))],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["gen_path"]) == cache and found["made"]
    assert Path(found["wrapper"]) == cache / "generated_wrapper.py"


def test_the_hook_creates_the_folder_and_does_nothing_off_windows(tmp_path: Path) -> None:
    local = tmp_path / "local"
    program = (f"import runpy, sys; runpy.run_path({str(HOOK)!r}); "
               "print('win32com.gen_py' in sys.modules)")
    env = {**os.environ, "LOCALAPPDATA": str(local)}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == ("True" if sys.platform == "win32" else "False")
    assert (local / "AMS" / "AMS Desk" / "Cache" / "gen_py").is_dir() == (sys.platform == "win32")
