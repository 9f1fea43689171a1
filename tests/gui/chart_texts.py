"""What a Report chart shows a reader: its painted texts, each whole and apart."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRectF

from ams_desk.gui.report.chart_base import Chart


def readable(chart: Chart) -> list[str]:
    """Paint ``chart`` and give the texts it painted, in order, after checking that each
    lies inside the chart and that no two overlap."""
    chart.grab()
    inside = QRectF(chart.rect())
    for text in chart.texts:
        assert inside.contains(text.rect), (text.text, text.rect, inside)
    for one, other in combinations(chart.texts, 2):
        assert not one.rect.intersects(other.rect), (one.text, other.text)
    return [text.text for text in chart.texts]
