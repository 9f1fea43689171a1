"""The style sheet as a coordinator sees it: drop-down lists stay readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

HIGHLIGHT = QColor("#cfe3f7")


def _colours(image: QImage, left: int, top: int, width: int, height: int) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(max(0, left), min(image.width(), left + width))
        for y in range(max(0, top), min(image.height(), top + height))
    }


# The offscreen platform cannot raise a popup or grab the keyboard; it says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
@pytest.mark.parametrize("editable", [False, True], ids=["choice", "editable"])
def test_the_current_item_of_an_open_drop_down_is_highlighted_and_readable(
    qtbot: object, editable: bool
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)  # type: ignore[attr-defined]
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(["Open", "Withdrawn", "Matched"])
    QVBoxLayout(holder).addWidget(combo)
    holder.resize(320, 200)
    holder.show()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)  # type: ignore[attr-defined]
    qtbot.keyClick(view, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    current = view.currentIndex()
    assert current.row() == 1
    image = view.viewport().grab().toImage()
    box = view.visualRect(current)
    colours = _colours(image, box.left(), box.top(), box.width(), box.height())
    assert HIGHLIGHT.rgb() in colours, "the current item is not highlighted"
    dark = [c for c in colours if QColor(c).lightness() < 100]
    assert dark, "the current item's text is not drawn"
    other = view.visualRect(combo.model().index(2, 0))
    assert HIGHLIGHT.rgb() not in _colours(
        image, other.left(), other.top(), other.width(), other.height()
    )
    combo.hidePopup()
