"""The exact solver behind the suggestions: most pairs first, then the best total score.

:func:`assign` solves an assignment problem with one column per free place of
a mentor, in integers: each score becomes a whole number of small steps, and
every allowed pair is worth a base that outweighs any sum of scores, so the
number of pairs wins first. The solvers are the compiled Jonker-Volgenant ones
of the ``lap`` package; their costs are those integers times a power of two,
within [-1, 1]: every sum they form stays a multiple of that power with room
to spare in float64, so their arithmetic is exact (no rounding, hence no
trouble with the many ties coarse scores bring) and far below the 10⁶ they
take for infinity.

Where there are about as many mentees as places, or the problem is small,
:func:`lap.lapjv` solves the full cost matrix (square: every mentee or place
left over costs it a padding row or column, and it slows down sharply with
many of them). Its answer is proven optimal by linear-programming duality, in
integers: prices are derived for mentors and mentees such that no pair is
worth more than its two prices, with no price on a place left free. Should
that proof ever fail, a plain shortest-augmenting-path solver in NumPy
(:mod:`ams_desk.core.solver_plain`) solves it again: exact, but slow.

Otherwise the problem is solved on a few promising pairs per mentee with
:func:`lap.lapmod` (sparse), and the result is proven optimal among *all*
pairs the same way: where some pair left out is worth more than its two
prices, it is added and the problem solved again; if that does not settle
within a few rounds, the full matrix is solved instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

import numpy as np

from ams_desk.core.matching import BoolArray, FloatArray, IntArray

DENSE_LIMIT = 200_000
"""Up to this many cells (mentees × places), the full cost matrix is solved directly."""

BALANCE = 0.1
"""Beyond this share of mentees or places left over, a large problem goes the sparse way."""

_FIRST_PER_MENTEE = 16  # best-scoring mentors per mentee in the first round
_RANDOM_PER_MENTEE = 4  # random allowed mentors per mentee, so that enough can pair up
_PER_MENTOR = 4  # per place: mentees for whom the mentor is nearly their best
_ADDED_PER_MENTEE = 16  # most underpriced pairs added per mentee and round
_TIE_BREAK = 1e-6  # random noise on scores when picking candidates: breaks ties only
_BLOCK_ROWS = 128  # rows priced at a time (128 × 1,000 int64 fit a CPU cache)
_ROUNDS = 12
_PROOF_STEPS = 60  # price-raising passes before a proof counts as failed (then: another round)
_HEADROOM = 16
"""Float64 holds the scaled costs exactly up to this many times (rows + 3) in size: the
solvers' prices stay within a few times rows × the largest cost."""

_FORBIDDEN = -(1 << 61)
"""The gain of a forbidden pair: below anything prices can make up."""


class Cancelled(Exception):
    """The caller's ``cancelled()`` returned True, so the suggestion was given up."""


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("the suggestion was cancelled")


def _quantum(rows: int) -> int:
    """Scores count in units of 1/quantum: a cost is at most (rows + 3) × quantum, and
    float64 keeps multiples of the power of two above that exact up to _HEADROOM times
    as much."""
    scale = (rows + 3).bit_length()
    return 1 << (53 - (_HEADROOM * (rows + 3)).bit_length() - scale)


def _exact(values: IntArray, largest: int) -> FloatArray:
    """``values`` (integers, at most ``largest`` in size) divided by a power of two ≥ it."""
    return np.ldexp(values.astype(np.float64), -int(largest).bit_length())


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
    quantum: int
    base: int

    @classmethod
    def of(cls, allowed: BoolArray, scores: FloatArray, places: IntArray) -> _Problem:
        """The problem of ``assign``'s arguments (rows and columns with some pair only)."""
        quantum = _quantum(allowed.shape[0])
        gain = np.multiply(scores, quantum)
        gain = np.rint(gain, out=gain).astype(np.int64)
        np.copyto(gain, _FORBIDDEN, where=~allowed)
        return cls(allowed, gain, places, quantum, (allowed.shape[0] + 1) * quantum)

    def worth(self) -> IntArray:
        """Rows × columns: what each pair is worth, 0 where it is forbidden."""
        return np.where(self.allowed, self.gain + self.base, 0)


def _solve_dense(problem: _Problem, cancelled: Callable[[], bool] | None = None) -> IntArray:
    """Each row's column (-1: none), on the full cost matrix, proven optimal."""
    # Imported on first use, like everything the suggestions alone need.
    import lap  # type: ignore[import-untyped]

    n, m = problem.gain.shape
    slot_column = np.repeat(np.arange(m), problem.places)
    size = max(n, slot_column.size)
    # Square, so that lap does not copy it; a row on a zero (a forbidden pair, or the
    # padding) has no mentor.
    cost = np.zeros((size, size))
    scaled = _exact(-problem.worth(), problem.base + problem.quantum)
    np.take(scaled, slot_column, axis=1, out=cost[:n, : slot_column.size], mode="clip")
    slot, _ = lap.lapjv(cost, return_cost=False)
    slot = slot[:n].astype(np.int64)
    match = np.full(n, -1, dtype=np.int64)
    real = np.flatnonzero(slot < slot_column.size)
    columns = slot_column[slot[real]]
    kept = problem.allowed[real, columns]
    match[real[kept]] = columns[kept]
    if _optimal(problem, match):
        return match
    from ams_desk.core.solver_plain import solve_plain

    return solve_plain(problem.worth(), problem.places, partial(_check, cancelled))


def _optimal(problem: _Problem, match: IntArray) -> bool:
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


def _first_candidates(problem: _Problem, scores: FloatArray, rng: np.random.Generator) -> BoolArray:
    """The pairs the first round may use: likely ones, plus random ones for the count."""
    n, m = scores.shape
    # Picking candidates needs no exactness: float32 halves the memory traffic, and the
    # random tie-breaks (far below any real difference of scores) spread the choices
    # among the many mentors coarse scores tie.
    key = rng.random((n, m), dtype=np.float32)
    key *= np.float32(_TIE_BREAK)
    key += scores
    np.copyto(key, -np.inf, where=~problem.allowed)
    candidates = np.zeros((n, m), dtype=bool)
    every_row = np.arange(n)[:, None]
    k = min(_FIRST_PER_MENTEE, m)
    flat = candidates.ravel()  # a view: indexing by flat positions is much faster
    flat[(every_row * m + np.argpartition(key, m - k, axis=1)[:, m - k :]).ravel()] = True
    wanted = np.minimum(problem.places * _PER_MENTOR + 2, n)
    k = int(wanted.max())
    if k < n:
        # Per mentor, the mentees for whom it is (nearly) their best.
        behind = np.subtract(key.max(axis=1, keepdims=True), key, out=key)
        top = np.argpartition(behind.T, k - 1, axis=1)[:, :k]
        within = np.arange(k)[None, :] < wanted[:, None]
        flat[(top * m + np.arange(m)[:, None])[within]] = True
    else:
        candidates[:] = True
    flat[(every_row * m + rng.integers(0, m, size=(n, _RANDOM_PER_MENTEE))).ravel()] = True
    candidates[np.count_nonzero(problem.allowed, axis=1) <= _RANDOM_PER_MENTEE] = True
    candidates &= problem.allowed
    return candidates


def _solve_restricted(
    problem: _Problem, rows: IntArray, columns: IntArray, column_price: IntArray | None = None
) -> IntArray:
    """Each row's column (-1: none), using only the candidate pairs (rows, columns).

    ``column_price``, the last round's prices, speeds the solver up; give it
    only when that round took every place (so this one does too).
    """
    import lap

    n, m = problem.allowed.shape
    quantum = problem.quantum
    # A mentor needs no more places here than it has candidates: fewer rows and entries.
    places = np.minimum(problem.places, np.bincount(columns, minlength=m))
    copies = places[columns]
    slot_rows = np.repeat(rows, copies)
    # Each pair becomes one entry per place of its mentor, numbered consecutively.
    first_slot = np.concatenate(([0], np.cumsum(places)[:-1]))
    slots = np.repeat(first_slot[columns] - (np.cumsum(copies) - copies), copies)
    slots += np.arange(slots.size)
    n_slots = int(places.sum())
    # Costs in [q, 2q] per pair against (n + 3)q for "no mentor" (one dummy per row):
    # the same objective as base + gain.
    gain = problem.gain.ravel()[rows * m + columns]
    cost = 2 * quantum - gain
    dummy = np.full(n, (n + 3) * quantum, dtype=np.int64)
    starts = np.flatnonzero(np.diff(rows, prepend=-1))
    if column_price is not None:
        # Plus the last round's prices, the pairs that were best then cost least now, and
        # the solver's searches stay short. Every place is taken in any matching with the
        # most pairs, so this adds the same to each of them; "no mentor" gets the highest
        # price added, so that it never becomes cheaper than a pair. Then each row's
        # least cost is brought down to 1 (the same for every matching again).
        cost += column_price[columns]
        dummy += column_price.max()
        least = dummy.copy()
        least[rows[starts]] = np.minimum(np.minimum.reduceat(cost, starts), dummy[rows[starts]])
        cost -= least[rows] - 1
        dummy -= least - 1
    # lapmod solves square problems: the mentees and one row per place, against the
    # places and one "no mentor" column per mentee. A place's row takes the place when
    # nobody does, or else the "no mentor" column of a mentee who may take the place
    # (who then has a place): both at no cost. Columns ascend within each row.
    size = n + n_slots
    per_slot = np.bincount(slots, minlength=n_slots)
    start = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.concatenate((np.bincount(slot_rows, minlength=n), per_slot)) + 1, out=start[1:])
    column = np.empty(int(start[-1]), dtype=np.int64)
    value = np.zeros(column.size, dtype=np.int64)
    at = slot_rows + np.arange(slots.size)  # the mentees' entries: rows come sorted
    column[at] = slots
    value[at] = np.repeat(cost, copies)
    column[start[1 : n + 1] - 1] = n_slots + np.arange(n)
    value[start[1 : n + 1] - 1] = dummy
    column[start[n:-1]] = np.arange(n_slots)
    by_slot = np.argsort(slots, kind="stable")  # mentees ascending within each place
    rank = np.arange(slots.size) - np.repeat(np.cumsum(per_slot) - per_slot, per_slot)
    column[start[n + slots[by_slot]] + 1 + rank] = n_slots + slot_rows[by_slot]
    slot, _ = lap.lapmod(size, _exact(value, int(value.max())), start, column,
                         return_cost=False)  # fmt: skip
    slot = slot[:n].astype(np.int64)
    match = np.full(n, -1, dtype=np.int64)
    real = slot < n_slots
    match[real] = np.repeat(np.arange(m), places)[slot[real]]
    return match


def _own_worth(problem: _Problem, match: IntArray) -> IntArray:
    """What each row's pair is worth (0 for a row without one)."""
    matched = match >= 0
    m = problem.gain.shape[1]
    worth = problem.gain.ravel()[np.arange(match.size) * m + np.maximum(match, 0)] + problem.base
    return np.where(matched, worth, 0)


def _prices(
    problem: _Problem, match: IntArray, rows: IntArray, columns: IntArray
) -> tuple[IntArray, IntArray] | None:
    """Dual prices (rows, columns) proving ``match`` optimal among the candidate pairs.

    The column prices are the least that cover every candidate pair; None when
    there are none, which means ``match`` was not optimal after all.
    """
    m = problem.allowed.shape[1]
    worth = problem.gain.ravel()[rows * m + columns] + problem.base
    matched = match >= 0
    own = _own_worth(problem, match)
    column_price = np.zeros(m, dtype=np.int64)
    lone = ~matched[rows]
    np.maximum.at(column_price, columns[lone], worth[lone])
    other = np.flatnonzero(matched[rows] & (columns != match[rows]))
    # Grouped by column; a radix sort where the column numbers fit in 16 bits.
    narrow = np.int16 if m < 1 << 15 else np.int64
    other = other[np.argsort(columns[other].astype(narrow), kind="stable")]
    source, target = match[rows[other]], columns[other]
    slack = own[rows[other]] - worth[other]
    starts = np.flatnonzero(np.diff(target, prepend=-1))
    targets = target[starts]
    for _ in range(m + 1):  # Bellman-Ford (longest paths); a few rounds in practice
        if not targets.size:
            break
        best = np.maximum.reduceat(column_price[source] - slack, starts)
        raised = best > column_price[targets]
        if not raised.any():
            break
        column_price[targets[raised]] = best[raised]
    else:
        return None
    row_price = np.where(matched, own - column_price[np.maximum(match, 0)], 0)
    load = np.bincount(match[matched], minlength=m)
    if (row_price < 0).any() or (column_price[load < problem.places] != 0).any():
        return None
    return row_price, column_price


def _proven(problem: _Problem, match: IntArray, column_price: IntArray, excess: IntArray) -> bool:
    """Whether ``match`` is optimal among all pairs, not just the candidates.

    Raises the column prices until every allowed pair is covered; ``match`` is
    optimal exactly when that never pushes a price past what its own pairs
    (or an unfilled place) allow. ``excess`` is, per column, the most a pair
    is worth beyond its row's and its column's price, for the prices given.
    """
    if (excess <= 0).all():  # every pair covered already: the usual case
        return True
    m = column_price.size
    matched = match >= 0
    at = np.maximum(match, 0)
    own = _own_worth(problem, match)
    ceiling = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    load = np.bincount(match[matched], minlength=m)
    ceiling[load < problem.places] = 0
    np.minimum.at(ceiling, match[matched], own[matched])
    price = column_price + np.maximum(excess, 0)
    for _ in range(_PROOF_STEPS):
        if (price > ceiling).any():
            return False
        beyond = problem.gain + (np.where(matched, price[at] - own, 0) + problem.base)[:, None]
        raised = np.maximum(beyond.max(axis=0), price)
        if (raised == price).all():
            return True
        price = raised
    return False


def _underpriced(
    problem: _Problem, row_price: IntArray, column_price: IntArray, rng: np.random.Generator
) -> tuple[IntArray, IntArray, IntArray]:
    """How far the prices fall short of covering the pairs, and which pairs to add.

    Returns:
        Per column, the most any pair is worth beyond its row's and its
        column's price (<= 0: every pair of the column is covered); and, as
        (rows, columns), each underpriced row's most underpriced pairs (the
        nearly priced ones too), allowed or not.
    """
    n, m = problem.gain.shape
    k = min(_ADDED_PER_MENTEE, m)
    excess = np.full(m, np.iinfo(np.int64).min, dtype=np.int64)
    spare = problem.base - row_price
    # A block of rows at a time, so that the sums stay in the CPU's cache.
    buffer = np.empty((min(_BLOCK_ROWS, n), m), dtype=np.int64)
    add_rows: list[IntArray] = []
    add_columns: list[IntArray] = []
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        over = buffer[: stop - start]
        np.add(problem.gain[start:stop], spare[start:stop, None], out=over)
        over -= column_price
        np.maximum(excess, over.max(axis=0), out=excess)
        bad = np.flatnonzero(over.max(axis=1) > 0)
        if bad.size:
            # Random tie-breaks below one unit: an underpriced pair always comes first.
            urgency = rng.random((bad.size, m))
            urgency += over[bad]
            top = np.argpartition(urgency, m - k, axis=1)[:, m - k :]
            add_rows.append(np.repeat(start + bad, k))
            add_columns.append(top.ravel())
    if not add_rows:
        return excess, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return excess, np.concatenate(add_rows), np.concatenate(add_columns)


def _solve_sparse(
    allowed: BoolArray,
    scores: FloatArray,
    places: IntArray,
    cancelled: Callable[[], bool] | None = None,
) -> IntArray | None:
    """Each row's column (-1: none), or None when the proof did not settle."""
    n, m = allowed.shape
    problem = _Problem.of(allowed, scores, places)
    rng = np.random.default_rng(20250301)
    candidates = _first_candidates(problem, scores, rng)
    n_slots = int(places.sum())
    last_price: IntArray | None = None  # the last round's, when it took every place
    for _ in range(_ROUNDS):
        _check(cancelled)
        # Row-major, as np.nonzero gives them, but much faster on a sparse mask.
        rows, columns = np.divmod(np.flatnonzero(candidates), m)
        match = _solve_restricted(problem, rows, columns, last_price)
        prices = _prices(problem, match, rows, columns)
        if prices is None:
            return None
        row_price, column_price = prices
        excess, add_rows, add_columns = _underpriced(problem, row_price, column_price, rng)
        if _proven(problem, match, column_price, excess):
            return match
        added = add_rows * m + add_columns
        candidates.ravel()[added[allowed.ravel()[added]]] = True
        last_price = column_price if np.count_nonzero(match >= 0) == n_slots else None
    return None


def assign(
    allowed: BoolArray,
    scores: FloatArray,
    places: IntArray,
    *,
    method: Literal["auto", "dense", "sparse"] = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> list[tuple[int, int]]:
    """The most (row, column) pairs within ``places``, then the highest score sum.

    Args:
        allowed: Rows × columns, True where a pair is allowed.
        scores: Rows × columns, each pair's score in 0..1.
        places: Per column, how many rows it may take.
        method: ``dense`` solves the full cost matrix, ``sparse`` the proven
            candidate rounds (falling back to dense), ``auto`` picks by size
            and by how many rows or places are left over.
        cancelled: Asked before each solver round; when it returns True,
            :class:`Cancelled` is raised.

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
    places = np.minimum(places[columns], allowed.sum(axis=0))
    slots = int(places.sum())
    match: IntArray | None = None
    large = rows.size * slots > DENSE_LIMIT
    lopsided = abs(rows.size - slots) > BALANCE * max(rows.size, slots)
    if method == "sparse" or (method == "auto" and large and lopsided):
        match = _solve_sparse(allowed, scores, places, cancelled)
    if match is None:
        _check(cancelled)
        match = _solve_dense(_Problem.of(allowed, scores, places), cancelled)
    return [(int(rows[r]), int(columns[c])) for r, c in enumerate(match.tolist()) if c >= 0]
