"""A mentor sign-up's places: the one rule for how many are taken and how many are free.

DESIGN.md §3: *places are per sign-up*. A mentor sign-up offers ``capacity``
places in all. Every pair of the sign-up takes one place unless it was
declined or cancelled (:data:`FREES_PLACE`): drafts take one (the board
shows them in the slots), and so do closed pairs (capacity is per sign-up,
not at a time). When every place is taken the sign-up is full; once its
pairs are over it is closed, and the mentor signs up again to take part
again.

A coordinator may override the capacity rule, so a sign-up can have taken
more places than it offers; it then has no place free (never fewer than 0).

Everything that asks "how many places are free?" asks :func:`free_places`;
the store counts the places taken (:func:`ams_desk.store.rows.places_taken`)
with :data:`TAKES_PLACE`, and in-memory callers use :func:`count_taken`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ams_desk.core.model import PairStatus

FREES_PLACE: frozenset[PairStatus] = frozenset({PairStatus.MENTOR_DECLINED, PairStatus.CANCELLED})
"""Pair statuses that give the mentor's place back (and return the mentee to the pool)."""

TAKES_PLACE: frozenset[PairStatus] = frozenset(PairStatus) - FREES_PLACE
"""Pair statuses that take one of the mentor sign-up's places (drafts and closed pairs too)."""


def takes_place(status: str) -> bool:
    """True when a pair in ``status`` takes one of its mentor sign-up's places."""
    return PairStatus(status) in TAKES_PLACE


def count_taken(pair_statuses: Iterable[str]) -> int:
    """How many of a mentor sign-up's places its pairs (given by status) take."""
    return sum(1 for status in pair_statuses if takes_place(status))


def free_places(capacity: int, taken: int) -> int:
    """The places a mentor sign-up still offers: ``capacity - taken``, never below 0.

    Args:
        capacity: The places the sign-up offers in all.
        taken: The places its pairs take (see :data:`TAKES_PLACE`).
    """
    return max(capacity - taken, 0)


def is_full(capacity: int, taken: int) -> bool:
    """True when the sign-up offers places and every one is taken."""
    return capacity > 0 and free_places(capacity, taken) == 0


def capacity_below_taken(capacity: int, taken: int) -> bool:
    """True when ``capacity`` would offer fewer places than the sign-up's pairs take.

    A sign-up's capacity may be lowered to what is taken, never below: the
    pairs that took the places exist.
    """
    return capacity < taken
