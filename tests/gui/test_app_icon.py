"""The app icon files the installer build embeds: each container holds the sizes it declares."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from ams_desk.gui.app_icon import ICNS_TYPES, ICO_SIZES, main, write_icons


def _png(data: bytes, size: int) -> QImage:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(data, "PNG")
    assert (image.width(), image.height()) == (size, size)
    return image


def test_the_png_is_the_svg_drawn_on_a_transparent_square(tmp_path: Path) -> None:
    paths = write_icons(tmp_path)
    assert [p.name for p in paths] == ["ams-desk.png", "ams-desk.ico", "ams-desk.icns"]
    image = _png((tmp_path / "ams-desk.png").read_bytes(), 256)
    assert image.pixelColor(0, 0).alpha() == 0  # outside the rounded corner
    assert image.pixelColor(128, 20) == QColor("#2f5d8a")  # the tile's blue


def test_the_ico_lists_each_size_with_its_png(tmp_path: Path) -> None:
    write_icons(tmp_path)
    data = (tmp_path / "ams-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(ICO_SIZES):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        assert (width, height) == (size % 256, size % 256) and (planes, bits) == (1, 32)
        _png(data[offset:offset + length], size)


def test_the_icns_holds_every_entry_it_declares(tmp_path: Path) -> None:
    write_icons(tmp_path)
    data = (tmp_path / "ams-desk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    found, position = {}, 8
    while position < len(data):
        kind = data[position:position + 4]
        (length,) = struct.unpack_from(">I", data, position + 4)
        found[kind] = _png(data[position + 8:position + length], ICNS_TYPES[kind]).width()
        position += length
    assert found == ICNS_TYPES


def test_the_build_runs_it_as_a_module(tmp_path: Path) -> None:
    assert main([str(tmp_path / "icons")]) == 0
    assert sorted(p.name for p in (tmp_path / "icons").iterdir()) == [
        "ams-desk.icns", "ams-desk.ico", "ams-desk.png"]
    assert main([]) == 2
