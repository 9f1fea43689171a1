"""An independent exact answer to ``assign``'s problem, for the tests only.

SciPy's ``linear_sum_assignment`` on the full cost matrix, one column per
place. The app itself does not use SciPy (nor ship it): it is a test
dependency.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def exact_outcome(allowed, scores, places):
    """(most pairs, best total score) for rows × columns with ``places`` per column."""
    allowed = np.asarray(allowed, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    places = np.maximum(np.asarray(places, dtype=np.int64), 0)
    slot_column = np.repeat(np.arange(allowed.shape[1]), places)
    if not slot_column.size or not allowed.any():
        return 0, 0.0
    # Each pair is worth more than any sum of scores (each at most 1): the count wins first.
    big = float(allowed.shape[0] + 1)
    cost = np.where(allowed[:, slot_column], -(big + scores[:, slot_column]), 0.0)
    rows, slots = linear_sum_assignment(cost)
    kept = allowed[rows, slot_column[slots]]
    return int(kept.sum()), float(scores[rows[kept], slot_column[slots[kept]]].sum())
