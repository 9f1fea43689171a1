"""Suggest mentors for the mentees of a program year.

:func:`suggest` matches as many mentees as the hard rules and the mentors'
capacities allow and, among all such matchings, picks one with the highest
total score (the exact solver is :func:`ams_desk.core.solver.assign`), then
explains each pair and each mentee left without a mentor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ams_desk.core.coverage import coverage
from ams_desk.core.eligibility import Candidate, PairingHistory
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.matching import rank_array, rule_matrices, score_matrix, unmatched_reasons
from ams_desk.core.places import free_places
from ams_desk.core.scoring import MatchWeights, Score, check_roles, score_ranked
from ams_desk.core.solver import Cancelled, assign

__all__ = ["Cancelled", "SuggestedPair", "Suggestion", "Unmatched", "assign", "suggest"]


class SuggestedPair:
    """A mentor suggested for a mentee, with the pair's score.

    ``total`` is the score's total; the full :class:`Score`, a sentence per
    criterion, is worded when ``score`` is first read: the board only needs
    the pairs, and wording thousands of breakdowns nobody reads costs more
    than choosing the pairs.
    """

    __slots__ = ("_explain", "_score", "mentee_signup_id", "mentor_signup_id", "total")

    def __init__(
        self, mentor_signup_id: int, mentee_signup_id: int, total: float,
        explain: Callable[[], Score],
    ) -> None:  # fmt: skip
        self.mentor_signup_id = mentor_signup_id
        self.mentee_signup_id = mentee_signup_id
        self.total = total
        self._explain = explain
        self._score: Score | None = None

    @property
    def score(self) -> Score:
        """The pair's score with its breakdown (the same as ``score_pair`` gives)."""
        if self._score is None:
            self._score = self._explain()
        return self._score

    def __repr__(self) -> str:
        return (
            f"SuggestedPair(mentor_signup_id={self.mentor_signup_id}, "
            f"mentee_signup_id={self.mentee_signup_id}, total={self.total!r})"
        )


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A mentee no mentor was found for, and why, one sentence per reason."""

    mentee_signup_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The outcome of :func:`suggest`.

    Attributes:
        pairs: The new pairs, in the order of the mentees given (fixed pairs
            are not repeated here).
        unmatched: The mentees left without a mentor, in the order given.
        coverage: The share of the mentees given that have a mentor, new or
            fixed (1.0 when no mentee was given).
    """

    pairs: list[SuggestedPair]
    unmatched: list[Unmatched]
    coverage: float


def suggest(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    taken: Mapping[int, int],
    weights: MatchWeights,
    today: date,
    fixed: Iterable[tuple[int, int]] = (),
    cancelled: Callable[[], bool] | None = None,
) -> Suggestion:
    """Suggest a mentor for as many mentees as possible, then the best-scoring ones.

    Among all matchings that break no hard rule and no mentor's capacity, the
    result has the most pairs and, among those, the highest total score.

    Args:
        mentors: The mentor sign-ups on offer, with their people.
        mentees: The mentee sign-ups to place, with their people.
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        taken: Places already taken, by mentor sign-up id, by pairs other
            than ``fixed`` (missing: none).
        weights: How much each soft criterion counts.
        today: The day waiting time is counted to.
        fixed: (mentor sign-up id, mentee sign-up id) of drafts and proposals
            that stay: each takes a place of its mentor, and its mentee gets
            no other suggestion.
        cancelled: Asked between the optimiser's rounds; when it returns
            True, :class:`Cancelled` is raised.

    Returns:
        The new pairs, the mentees left without a mentor with the reasons,
        and the coverage.

    Raises:
        ValueError: When a sign-up has the wrong role, a sign-up id is given
            twice, or a mentee is in two fixed pairs.
        Cancelled: ``cancelled()`` returned True.
    """
    check_roles(mentors, mentees)
    for label, group in (("mentor", mentors), ("mentee", mentees)):
        twice = [i for i, n in Counter(c.signup.id for c in group).items() if n > 1]
        if twice:
            raise ValueError(f"{label} sign-up {twice[0]} is given twice")
    taken_now: Counter[int] = Counter(dict(taken))
    fixed_mentees: set[int] = set()
    for mentor_id, mentee_id in fixed:
        if mentee_id in fixed_mentees:
            raise ValueError(f"mentee sign-up {mentee_id} is in two fixed pairs")
        fixed_mentees.add(mentee_id)
        taken_now[mentor_id] += 1

    open_mentees = [m for m in mentees if m.signup.id not in fixed_mentees]
    rules = rule_matrices(mentors, open_mentees, ladder=ladder, history=history, taken=taken_now)
    places = np.array([free_places(m.signup.capacity, taken_now[m.signup.id]) for m in mentors])
    # Only mentors with a free place are scored: a full one takes no new mentee.
    free = np.flatnonzero(places > 0)
    scores = score_matrix([mentors[c] for c in free.tolist()], open_mentees, ladder=ladder,
                          weights=weights, today=today)  # fmt: skip
    chosen = dict(assign(rules.allowed.take(free, axis=1), scores,
                         places.take(free).astype(np.int64), cancelled=cancelled))  # fmt: skip

    mentor_ranks = rank_array(mentors, ladder).tolist()
    mentee_ranks = rank_array(open_mentees, ladder).tolist()

    def explainer(column: int, row: int) -> Callable[[], Score]:
        return lambda: score_ranked(
            mentors[column],
            open_mentees[row],
            mentor_ranks[column] or None,
            mentee_ranks[row] or None,
            ladder=ladder,
            weights=weights,
            today=today,
        )

    pairs: list[SuggestedPair] = []
    unmatched: list[Unmatched] = []
    for row, mentee in enumerate(open_mentees):
        scored = chosen.get(row)  # a column of scores
        if scored is None:
            reasons = unmatched_reasons(mentee, row, mentors, rules, ladder)
            unmatched.append(Unmatched(mentee.signup.id, reasons))
            continue
        # score_matrix agrees with score_ranked to the last bit (tested).
        column, total = int(free[scored]), float(scores[row, scored])
        mentor_id = mentors[column].signup.id
        pairs.append(SuggestedPair(mentor_id, mentee.signup.id, total, explainer(column, row)))
    placed = len(mentees) - len(unmatched)
    return Suggestion(pairs, unmatched, coverage(placed, len(unmatched)))
