"""The exact solver behind the suggestions: most pairs first, then the best total score.

:func:`assign` solves an assignment problem with one column per free place of
a mentor, in integers: each score becomes a whole number of small steps, and
every allowed pair is worth a base that outweighs any sum of scores, so the
number of pairs wins first.

The full cost matrix is solved by the compiled Jonker-Volgenant solver of the
``lap`` package (:func:`lap.lapjv`). Its costs are those integers times a
power of two, all in [-1, 0]: every sum it forms stays a multiple of that power
with room to spare in float64, so its arithmetic is exact (no rounding, hence
no trouble with the many ties coarse scores bring) and far below the 10⁶ it
takes for infinity.

Its answer is then proven optimal by linear-programming duality, in integers:
prices are derived for mentors and mentees such that no pair is worth more
than its two prices, with no price on a place left free. Should that proof
ever fail, the problem is solved again by a plain shortest-augmenting-path
solver in NumPy: exact, but slow on large problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ams_desk.core.matching import BoolArray, FloatArray, IntArray

_HEADROOM = 16
"""Float64 holds the scaled costs exactly up to this many times (rows + 2) in size: the
solver's prices stay within a few times rows × the largest cost."""

_FORBIDDEN = -(1 << 61)
"""The gain of a forbidden pair: below anything prices can make up."""


class Cancelled(Exception):
    """The caller's ``cancelled()`` returned True, so the suggestion was given up."""


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("the suggestion was cancelled")


def _steps(rows: int) -> tuple[int, int]:
    """(quantum, exponent): scores count in units of 1/quantum; costs in units of 2⁻ᵉˣᵖᵒⁿᵉⁿᵗ.

    A pair is worth at most (rows + 2) × quantum ≤ 2^exponent, so the costs lie
    in [-1, 0]; float64 keeps multiples of 2⁻ᵉˣᵖᵒⁿᵉⁿᵗ exact up to
    2^(53 - exponent) ≥ _HEADROOM × (rows + 2).
    """
    exponent = 53 - (_HEADROOM * (rows + 2)).bit_length()
    return 1 << (exponent - (rows + 2).bit_length()), exponent


@dataclass
class _Problem:
    """An assignment problem in integers.

    A pair is worth ``base + gain``: ``gain`` is its score in units of
    1/quantum, ``base`` = (rows + 1) × quantum outweighs any sum of gains, so
    the number of pairs wins first. ``gain`` is :data:`_FORBIDDEN` where the
    pair is not allowed. A row without a pair is worth 0.
    """

    allowed: BoolArray
    gain: IntArray
    places: IntArray
    base: int
    exponent: int

    @classmethod
    def of(cls, allowed: BoolArray, scores: FloatArray, places: IntArray) -> _Problem:
        """The problem of ``assign``'s arguments (rows and columns with some pair only)."""
        quantum, exponent = _steps(allowed.shape[0])
        gain = np.multiply(scores, quantum)
        gain = np.rint(gain, out=gain).astype(np.int64)
        np.copyto(gain, _FORBIDDEN, where=~allowed)
        return cls(allowed, gain, places, (allowed.shape[0] + 1) * quantum, exponent)

    def worth(self) -> IntArray:
        """Rows × columns: what each pair is worth, 0 where it is forbidden."""
        return np.where(self.allowed, self.gain + self.base, 0)


def _solve_lapjv(problem: _Problem) -> IntArray:
    """Each row's column (-1: none), from :func:`lap.lapjv` on the full cost matrix."""
    # Imported on first use, like everything the suggestions alone need.
    import lap  # type: ignore[import-untyped]

    n, m = problem.gain.shape
    slot_column = np.repeat(np.arange(m), problem.places)
    size = max(n, slot_column.size)
    # Square, so that lap does not copy it; a row on a zero (a forbidden pair, or the
    # padding) has no mentor. Scaling integers below 2⁵³ by a power of two is exact.
    cost = np.zeros((size, size))
    scaled = problem.worth().astype(np.float64)
    scaled *= -(2.0**-problem.exponent)
    np.take(scaled, slot_column, axis=1, out=cost[:n, : slot_column.size], mode="clip")
    slot, _ = lap.lapjv(cost, return_cost=False)
    slot = slot[:n].astype(np.int64)
    match = np.full(n, -1, dtype=np.int64)
    real = np.flatnonzero(slot < slot_column.size)
    columns = slot_column[slot[real]]
    kept = problem.allowed[real, columns]
    match[real[kept]] = columns[kept]
    return match


def _proven(problem: _Problem, match: IntArray) -> bool:
    """Whether ``match`` has the highest total worth, by linear-programming duality.

    Column prices are raised to the least that cover every pair: a row
    without a pair asks its worth, a row with one asks what moving to the
    column would gain on top of its own column's price (longest paths,
    Bellman-Ford, one pass over the rows whose column's price rose). ``match``
    is optimal exactly when those prices leave every row a price ≥ 0 and put
    none on a column with a free place (complementary slackness).
    """
    n, m = problem.gain.shape
    matched = match >= 0
    rows = np.flatnonzero(matched)
    source = match[rows]
    own = problem.gain[rows, source]
    ceiling = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(ceiling, source, own + problem.base)
    ceiling[np.bincount(source, minlength=m) < problem.places] = 0
    price = np.zeros(m, dtype=np.int64)
    if rows.size < n:
        np.maximum(price, (problem.gain[~matched] + problem.base).max(axis=0), out=price)
    step = problem.gain[rows] - own[:, None]
    active = np.arange(rows.size)
    for _ in range(m + 1):  # a longer chain of raises is a cycle: an improvement
        if (price > ceiling).any():
            return False
        reach = (step[active] + price[source[active]][:, None]).max(axis=0, initial=0)
        raised = reach > price
        if not raised.any():
            return True
        np.maximum(price, reach, out=price)
        active = np.flatnonzero(raised[source])
    return False


def _solve_plain(problem: _Problem, cancelled: Callable[[], bool] | None) -> IntArray:
    """Each row's column (-1: none): shortest augmenting paths, one row at a time.

    The textbook Hungarian method with potentials, each step vectorised over
    the slots (one per place, plus one "no mentor" slot per row). Exact in
    integers; its Python loop makes it slow on large problems.
    """
    n, m = problem.gain.shape
    slot_column = np.concatenate((np.repeat(np.arange(m), problem.places), np.full(n, -1)))
    cost = np.zeros((n, slot_column.size), dtype=np.int64)
    cost[:, : slot_column.size - n] = -np.repeat(problem.worth(), problem.places, axis=1)
    slots = slot_column.size
    start = slots  # a virtual slot that holds the row being placed
    row_of = np.full(slots + 1, -1, dtype=np.int64)
    row_price = np.zeros(n, dtype=np.int64)
    slot_price = np.zeros(slots + 1, dtype=np.int64)
    far = np.iinfo(np.int64).max // 4
    for row in range(n):
        _check(cancelled)
        row_of[start] = row
        here = start
        least = np.full(slots, far, dtype=np.int64)
        via = np.full(slots, start, dtype=np.int64)
        done = np.zeros(slots + 1, dtype=bool)
        while True:
            done[here] = True
            i = row_of[here]
            through = cost[i] - row_price[i] - slot_price[:slots]
            better = ~done[:slots] & (through < least)
            least[better] = through[better]
            via[better] = here
            open_least = np.where(done[:slots], far, least)
            nearest = int(open_least.argmin())
            delta = open_least[nearest]
            row_price[row_of[done]] += delta
            slot_price[done] -= delta
            least[~done[:slots]] -= delta
            here = nearest
            if row_of[here] < 0:
                break
        while here != start:  # flip the path back to the virtual slot
            previous = via[here]
            row_of[here] = row_of[previous]
            here = previous
    placed = np.flatnonzero(row_of[:slots] >= 0)
    placed_rows, columns = row_of[placed], slot_column[placed]
    kept = columns >= 0
    kept[kept] = problem.allowed[placed_rows[kept], columns[kept]]
    match = np.full(n, -1, dtype=np.int64)
    match[placed_rows[kept]] = columns[kept]
    return match


def assign(
    allowed: BoolArray,
    scores: FloatArray,
    places: IntArray,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> list[tuple[int, int]]:
    """The most (row, column) pairs within ``places``, then the highest score sum.

    Args:
        allowed: Rows × columns, True where a pair is allowed.
        scores: Rows × columns, each pair's score in 0..1.
        places: Per column, how many rows it may take.
        cancelled: Asked before the solver starts (and, should its answer not
            be proven optimal, before each row of the slower one); when it
            returns True, :class:`Cancelled` is raised.

    Returns:
        (row, column) pairs, by row: every row at most once, every column at
        most ``places`` times, only allowed cells. Scores are rounded to
        integer steps (2⁻²⁷ for 2,000 rows, finer for fewer), so matchings
        whose totals differ by less than that count as equal.
    """
    allowed = allowed & (places > 0)[None, :]
    rows = np.flatnonzero(allowed.any(axis=1))
    columns = np.flatnonzero(allowed.any(axis=0))
    if not rows.size:
        return []
    if rows.size < allowed.shape[0]:
        allowed, scores = allowed.take(rows, axis=0), scores.take(rows, axis=0)
    if columns.size < allowed.shape[1]:
        allowed, scores = allowed.take(columns, axis=1), scores.take(columns, axis=1)
    # A column never needs more places than rows it may take: fewer slots, same optimum.
    problem = _Problem.of(allowed, scores, np.minimum(places[columns], allowed.sum(axis=0)))
    _check(cancelled)
    match = _solve_lapjv(problem)
    if not _proven(problem, match):
        match = _solve_plain(problem, cancelled)
    return [(int(rows[r]), int(columns[c])) for r, c in enumerate(match.tolist()) if c >= 0]
