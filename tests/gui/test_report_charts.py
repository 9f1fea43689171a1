"""The Report tab's charts on their own: what they draw and say at the edges — nothing
counted, one value, long topic names, many months, narrow widths."""

from __future__ import annotations

import pytest
from chart_texts import readable
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from ams_desk.core.report import FUNNEL
from ams_desk.gui.report.chart_base import ACCENT, SECOND, Chart, nice_ticks
from ams_desk.gui.report.charts import FunnelChart, MonthlyChart, TopicsChart

STEPS = [label for _, label in FUNNEL]
LONG = "Finding a way back into research after a career break abroad with two small children"


def _shown(qtbot: QtBot, chart: Chart, width: int, height: int) -> None:
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)


def _tooltip(qtbot: QtBot, chart: QWidget, pos: QPointF) -> str:
    """The tooltip the chart shows for a mouse resting at ``pos`` ("" for none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    point = QPoint(int(pos.x()), int(pos.y()))
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_the_topics_chart_says_when_it_shows_only_the_most_named(qtbot: QtBot) -> None:
    chart = TopicsChart()
    _shown(qtbot, chart, 520, 220)
    many = [(f"Topic {i}", 20 - i, i) for i in range(10)]
    chart.set_topics(many, "Topics named in 2026")
    assert chart.title() == "Topics named in 2026 — top 7 of 10"
    texts = readable(chart)
    assert texts[0] == chart.title()
    assert [t for t in texts if t.startswith("Topic ")] == [f"Topic {i}" for i in range(7)]
    assert [t for t in texts if t.isdigit()] == [str(20 - i) for i in range(7)]
    chart.set_topics(many[:3], "Topics named in 2026")
    assert chart.title() == "Topics named in 2026"
    assert [t for t in readable(chart) if t.isdigit()] == ["20", "19", "18"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip shown offscreen
def test_a_long_topic_is_elided_and_named_in_full_by_its_tooltip(qtbot: QtBot) -> None:
    chart = TopicsChart()
    _shown(qtbot, chart, 420, 200)
    chart.set_topics([(LONG, 12, 30), ("Funding", 3, 0)], "Topics named in 2026 (thin: 2025)")
    texts = readable(chart)
    elided = next(t for t in texts if t.startswith("Finding"))
    assert elided != LONG and elided.endswith("…")
    (band, bar, mark), _ = chart.rows()
    assert mark.width() > bar.width()  # last year's mark runs past this year's bar
    image = chart.grab().toImage()
    assert image.pixelColor(int(bar.left()) + 1, int(bar.center().y())) == ACCENT
    assert image.pixelColor(int(mark.right()) - 2, int(mark.center().y())) == SECOND
    assert _tooltip(qtbot, chart, band.center()) == (
        f"{LONG}\n12 this year (bar), 30 last year (thin mark)")


def test_a_funnel_with_nothing_counted_draws_no_bar_and_says_zero(qtbot: QtBot) -> None:
    chart = FunnelChart()
    _shown(qtbot, chart, 400, 170)
    chart.set_steps(STEPS, [0] * len(STEPS), "From proposal to continuing, 2027")
    chart.clearFocus()  # its focus frame is drawn in the accent colour
    texts = readable(chart)
    assert [t for t in texts if t in STEPS] == STEPS
    assert texts.count("0") == len(STEPS)  # no share of nothing
    assert all(bar.width() == 0 for _, bar in chart.rows())
    image = chart.grab().toImage()
    body = chart.body_rect().toRect()  # under the title, which is written in the accent colour
    assert not any(image.pixelColor(x, y) == ACCENT
                   for x in range(body.left(), body.right(), 2)
                   for y in range(body.top(), body.bottom(), 2))
    with qtbot.waitSignal(chart.step_clicked) as clicked:  # a step still lists its (no) pairs
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=chart.rows()[2][0].center().toPoint())
    assert clicked.args == [2]


@pytest.mark.parametrize("width", [300, 400, 620])
def test_a_funnel_count_is_written_in_its_bar_or_beside_it_never_over_another(
    qtbot: QtBot, width: int
) -> None:
    chart = FunnelChart()
    _shown(qtbot, chart, width, 200)
    values = [12_000, 9_000, 5_000, 80, 3, 0]
    chart.set_steps(STEPS, values, "From proposal to continuing, 2026")
    texts = readable(chart)
    counts = [t for t in texts if t[0].isdigit()]
    assert [int(t.split()[0].replace(",", "")) for t in counts] == values
    assert counts[0] == "12,000"
    if width >= 400:  # room for every share
        assert counts[1:] == ["9,000  ·  75%", "5,000  ·  42%", "80  ·  1%", "3  ·  0%",
                              "0  ·  0%"]
    painted = [t for t in chart.texts if t.text in counts]
    within = []
    for (_, bar), text in zip(chart.rows(), painted, strict=True):
        within.append(bar.contains(text.rect))
        assert within[-1] or not bar.intersects(text.rect), (text.text, text.rect, bar)
    assert within[:2] == [True, True] and within[3:] == [False, False, False]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip shown offscreen
def test_a_funnel_of_one_pair_and_its_tooltips(qtbot: QtBot) -> None:
    chart = FunnelChart()
    _shown(qtbot, chart, 240, 170)
    chart.set_steps(STEPS, [1, 1, 0, 0, 0, 0], "From proposal to continuing, 2026")
    texts = readable(chart)
    assert texts[0].startswith("From proposal") and texts[0].endswith("…")  # narrow: elided
    assert [t for t in texts if t[0].isdigit()][:3] == ["1", "1  ·  100%", "0  ·  0%"]
    first, second = (bar for _, bar in chart.rows()[:2])
    assert first.width() == second.width() > 60
    assert _tooltip(qtbot, chart, chart.rows()[1][0].center()).startswith(
        "Mentor agreed: 1 pairs, 100% of the 1 proposed\n")
    assert _tooltip(qtbot, chart, QPointF(5, 5)) == ""  # the title is no step


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip shown offscreen
def test_many_months_label_every_few_and_keep_apart(qtbot: QtBot) -> None:
    chart = MonthlyChart()
    _shown(qtbot, chart, 380, 200)
    months = [f"{m} {y}" for y in (2025, 2026) for m in ("Jan", "Feb", "Mar", "Apr", "May",
                                                         "Jun", "Jul", "Aug", "Sep", "Oct",
                                                         "Nov", "Dec")]
    chart.set_months(months, list(range(0, 2400, 100)), list(range(2400, 0, -100)),
                     "Sign-ups and proposals per month")
    texts = readable(chart)
    labelled = [t for t in texts if t in months]
    assert labelled[0] == "Jan 2025" and 2 <= len(labelled) < len(months)
    assert {"0", "1,000", "2,000"} <= set(texts)  # the value axis, with separators
    middle = chart.plot()[0]
    assert _tooltip(qtbot, chart, QPointF(middle.right() - 2, middle.center().y())) == (
        "Dec 2026: 2,300 sign-ups, 100 pairs proposed")


def test_months_with_nothing_and_a_chart_with_no_data(qtbot: QtBot) -> None:
    chart = MonthlyChart()
    _shown(qtbot, chart, 400, 160)
    chart.set_months(["Jan", "Feb"], [0, 0], [0, 0], "Sign-ups and proposals per month")
    texts = readable(chart)
    assert {"Jan", "Feb", "0", "1"} <= set(texts)
    chart.set_months([], [], [], "Sign-ups and proposals per month")
    assert "Nothing to show for this year" in readable(chart)


def test_nice_ticks() -> None:
    assert nice_ticks(20, 4) == [0, 5, 10, 15, 20]
    assert nice_ticks(0, 3) == [0, 1]
    assert nice_ticks(2300, 3) == [0, 1000, 2000, 3000]
    assert nice_ticks(7, 0) == [0, 10]  # one step when there is no room for more


@pytest.mark.parametrize("width", [260, 600])
def test_each_chart_keeps_its_labels_apart_at_its_least_height(qtbot: QtBot,
                                                               width: int) -> None:
    funnel, monthly, topics = FunnelChart(), MonthlyChart(), TopicsChart()
    funnel.set_steps(STEPS, [86, 76, 69, 53, 48, 23], "From proposal to continuing, 2026")
    monthly.set_months(["Jan", "Feb", "Mar"], [17, 7, 20], [0, 2, 7], "Per month, 2026")
    topics.set_topics([(f"Topic {i}", 40 - i, i) for i in range(9)], "Topics named in 2026")
    for chart in (funnel, monthly, topics):
        _shown(qtbot, chart, width, chart.minimumSizeHint().height())
        assert len(readable(chart)) > 5
