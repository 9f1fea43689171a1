"""A plain exact assignment solver, for when the fast one's answer is not proven optimal.

The textbook Hungarian method (shortest augmenting paths with potentials), one
row at a time, each step vectorised over the slots: one per place, plus one
"no mentor" slot per row. Exact in integers, but its Python loop makes it slow
on large problems: :mod:`ams_desk.core.solver` uses it only should the proof of
:func:`lap.lapjv`'s answer fail.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ams_desk.core.matching import IntArray


def solve_plain(worth: IntArray, places: IntArray, step: Callable[[], None]) -> IntArray:
    """Each row's column (-1: none) for the highest total ``worth`` within ``places``.

    Args:
        worth: Rows × columns, what each pair is worth (integers; 0 or less: never
            better than no pair).
        places: Per column, how many rows it may take.
        step: Called before each row is placed (it may raise to give up).
    """
    n, m = worth.shape
    slot_column = np.concatenate((np.repeat(np.arange(m), places), np.full(n, -1)))
    cost = np.zeros((n, slot_column.size), dtype=np.int64)
    cost[:, : slot_column.size - n] = -np.repeat(np.maximum(worth, 0), places, axis=1)
    slots = slot_column.size
    start = slots  # a virtual slot that holds the row being placed
    row_of = np.full(slots + 1, -1, dtype=np.int64)
    row_price = np.zeros(n, dtype=np.int64)
    slot_price = np.zeros(slots + 1, dtype=np.int64)
    far = np.iinfo(np.int64).max // 4
    for row in range(n):
        step()
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
    kept[kept] = worth[placed_rows[kept], columns[kept]] > 0
    match = np.full(n, -1, dtype=np.int64)
    match[placed_rows[kept]] = columns[kept]
    return match
