"""Coverage and the board's figures, computed once in the core."""

from __future__ import annotations

from ams_desk.core.coverage import board_figures, coverage


def test_coverage_is_the_share_of_mentees_with_a_mentor() -> None:
    assert coverage(3, 1) == 0.75
    assert coverage(0, 4) == 0.0
    assert coverage(0, 0) == 1.0  # nobody is left without a mentor


def test_board_figures() -> None:
    figures = board_figures(
        waiting=2,
        pairs=[(True, 0.5), (False, 0.9), (True, 0.7)],
        mentors=[(3, 2), (1, 3), (2, 0)],  # (capacity, taken): the second is over by override
    )
    assert (figures.waiting, figures.drafts, figures.proposals, figures.placed) == (2, 2, 1, 3)
    assert figures.free_places == 1 + 0 + 2
    assert figures.mentors == 3
    assert figures.mean_score == (0.5 + 0.9 + 0.7) / 3 and figures.min_score == 0.5
    assert figures.coverage == coverage(3, 2) == 0.6


def test_an_empty_board() -> None:
    figures = board_figures(waiting=0, pairs=[], mentors=[])
    assert figures.mean_score is None and figures.min_score is None
    assert figures.coverage == 1.0 and figures.free_places == 0
