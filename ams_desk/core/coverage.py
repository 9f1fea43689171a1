"""Coverage and the matching board's figures: how far the mentees of a board are placed.

*Coverage* is the share of the mentees in question that have a mentor: the
placed ones over the placed and the still waiting. With no mentee at all it
is 1.0 (nobody is left without a mentor). Suggest's result and the board's
summary both report it through :func:`coverage`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ams_desk.core.places import free_places


def coverage(placed: int, waiting: int) -> float:
    """The share of mentees that have a mentor: ``placed / (placed + waiting)``, 1.0 for none."""
    total = placed + waiting
    return placed / total if total else 1.0


@dataclass(frozen=True, slots=True)
class BoardFigures:
    """How far the board is: mentees placed, places free, scores of the placed pairs.

    Attributes:
        waiting: Mentees of the board without a draft or proposal.
        drafts: Drafts on the board.
        proposals: Proposals on the board.
        free_places: Places the board's mentors still offer (:func:`free_places`).
        mentors: Mentor sign-ups on the board.
        mean_score: The mean score of the drafts and proposals (None without any).
        min_score: The lowest of those scores (None without any).
    """

    waiting: int
    drafts: int
    proposals: int
    free_places: int
    mentors: int
    mean_score: float | None
    min_score: float | None

    @property
    def placed(self) -> int:
        """Mentees with a draft or a proposal."""
        return self.drafts + self.proposals

    @property
    def coverage(self) -> float:
        """Share of the board's mentees (waiting or placed) that have a mentor."""
        return coverage(self.placed, self.waiting)


def board_figures(
    *,
    waiting: int,
    pairs: Iterable[tuple[bool, float]],
    mentors: Iterable[tuple[int, int]],
) -> BoardFigures:
    """The figures of a board.

    Args:
        waiting: How many of its mentees wait without a draft or proposal.
        pairs: Its drafts and proposals as (is a draft, score total).
        mentors: Its mentor sign-ups as (capacity, places taken).
    """
    pairs = list(pairs)
    mentors = list(mentors)
    scores = [score for _draft, score in pairs]
    drafts = sum(1 for draft, _score in pairs if draft)
    return BoardFigures(
        waiting=waiting,
        drafts=drafts,
        proposals=len(pairs) - drafts,
        free_places=sum(free_places(capacity, taken) for capacity, taken in mentors),
        mentors=len(mentors),
        mean_score=sum(scores) / len(scores) if scores else None,
        min_score=min(scores) if scores else None,
    )
