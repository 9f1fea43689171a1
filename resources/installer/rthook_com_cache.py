"""PyInstaller runtime hook (Windows): pywin32's COM cache in a folder the user may write.

win32com keeps the Python wrappers it generates for COM type libraries (Outlook's)
in ``win32com.gen_py``. Inside the bundle that folder is the program's own, which a
coordinator's account may not write to (Program Files), and the Outlook bridge
would fail there. win32com adopts a ``win32com.gen_py`` module that already
exists, so this hook registers one whose path is AMS Desk's cache folder
(``%LOCALAPPDATA%\\AMS\\AMS Desk\\Cache\\gen_py``, where platformdirs puts the
app's cache) — without importing win32com, so start-up is not slowed.
"""

import os
import sys
import types


def _point_com_cache_at_user_folder() -> None:
    base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    folder = os.path.join(base, "AMS", "AMS Desk", "Cache", "gen_py")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return  # win32com then falls back to its folder under %TEMP%
    module = types.ModuleType("win32com.gen_py")
    module.__path__ = [folder]
    sys.modules["win32com.gen_py"] = module


if sys.platform == "win32":
    _point_com_cache_at_user_folder()
