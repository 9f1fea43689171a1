"""The app icon in each system's file format, rendered from the SVG the window shows.

``python -m ams_desk.gui.app_icon FOLDER`` writes ``ams-desk.png`` (Linux, 256 px),
``ams-desk.ico`` (Windows) and ``ams-desk.icns`` (macOS). The installer build
(``build_installer.spec``) runs it, so the icon has one source:
``resources/icons/app.svg``. Both containers hold PNG images, which Windows
(since Vista) and macOS (since 10.7) read at every size.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

from ams_desk.gui import resources_rc  # noqa: F401 - registers :/ams resources

SVG = ":/ams/icons/app.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: The ICNS entry types that hold PNG data, with their size in pixels.
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256,
              b"ic09": 512, b"ic10": 1024}


def render_png(size: int) -> bytes:
    """The icon as a ``size`` × ``size`` PNG with a transparent background."""
    renderer = QSvgRenderer(SVG)
    if not renderer.isValid():
        raise RuntimeError(f"cannot read the icon {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"cannot encode the {size} px icon as PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes: Sequence[int] = ICO_SIZES) -> bytes:
    """A Windows ``.ico`` holding one PNG per size (256 is written as 0, as the format says)."""
    pngs = [render_png(size) for size in sizes]
    offset = 6 + 16 * len(pngs)
    entries = []
    for size, png in zip(sizes, pngs, strict=True):
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32,
                                   len(png), offset))
        offset += len(png)
    return struct.pack("<HHH", 0, 1, len(pngs)) + b"".join(entries) + b"".join(pngs)


def icns_bytes() -> bytes:
    """A macOS ``.icns``: a header, then one PNG entry per type of :data:`ICNS_TYPES`."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png
                    for kind, png in ((k, render_png(s)) for k, s in ICNS_TYPES.items()))
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(folder: Path) -> list[Path]:
    """Write ``ams-desk.png``, ``.ico`` and ``.icns`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"ams-desk.png": render_png(256), "ams-desk.ico": ico_bytes(),
                "ams-desk.icns": icns_bytes()}
    written = []
    for name, data in contents.items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m ams_desk.gui.app_icon FOLDER", file=sys.stderr)
        return 2
    # QPainter needs a GUI application for its fonts and pixmaps, even with no text drawn.
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_icons(Path(args[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
