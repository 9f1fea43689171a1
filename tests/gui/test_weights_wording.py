"""The Weights dialog says what range its weights really have."""

from __future__ import annotations

from ams_desk.core.scoring import MatchWeights
from ams_desk.gui.board.dialogs import WeightsDialog


def test_the_intro_names_the_range_the_weight_fields_take(qtbot: object) -> None:
    dialog = WeightsDialog(MatchWeights(), lambda _weights: None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    text = dialog.ui.introLabel.text()
    spins = list(dialog.spins.values())
    low, high = {s.minimum() for s in spins}, {s.maximum() for s in spins}
    assert low == {0.0} and high == {10.0}
    assert "Weights run from 0 to 10" in text
    # The 0-to-1 range belongs to the criteria and the score, and says so.
    assert "each from 0 to 1" not in text
    assert "from 0 (no fit) to 1 (best fit)" in text
