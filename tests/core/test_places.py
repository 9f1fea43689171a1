"""The places of a mentor sign-up (DESIGN.md §3): which pairs take one, how many are free."""

from __future__ import annotations

import pytest

from ams_desk.core.model import PairStatus, Role, SignupStatus
from ams_desk.core.places import (
    FREES_PLACE,
    TAKES_PLACE,
    capacity_below_taken,
    count_taken,
    free_places,
    is_full,
    takes_place,
)
from ams_desk.core.workflow import RELEASES_MENTEE, signup_status_from_pairs


def test_every_status_but_declined_and_cancelled_takes_a_place() -> None:
    assert {PairStatus.MENTOR_DECLINED, PairStatus.CANCELLED} == FREES_PLACE
    assert set(PairStatus) == TAKES_PLACE | FREES_PLACE and not TAKES_PLACE & FREES_PLACE
    # Drafts and closed pairs take one too: capacity is per sign-up, in all.
    assert takes_place("draft") and takes_place(PairStatus.CLOSED)
    assert not takes_place("cancelled")
    # What frees the mentor's place returns the mentee to the pool: one set.
    assert RELEASES_MENTEE is FREES_PLACE


def test_count_taken_counts_the_pairs_that_take_a_place() -> None:
    statuses = ["draft", "closed", "cancelled", "mentor_declined", "met", PairStatus.PROPOSED]
    assert count_taken(statuses) == 4
    assert count_taken([]) == 0


@pytest.mark.parametrize(
    ("capacity", "taken", "free", "full"),
    [(2, 0, 2, False), (2, 1, 1, False), (2, 2, 0, True), (1, 3, 0, True), (0, 0, 0, False)],
)
def test_free_places_never_go_below_zero(capacity: int, taken: int, free: int, full: bool) -> None:
    """An override can put more pairs on a sign-up than it offers; none is free then."""
    assert free_places(capacity, taken) == free
    assert is_full(capacity, taken) is full


def test_capacity_may_drop_to_what_is_taken_never_below() -> None:
    assert not capacity_below_taken(2, 2)
    assert capacity_below_taken(1, 2)
    assert not capacity_below_taken(3, 0)


def test_a_mentor_sign_up_follows_its_places() -> None:
    status = signup_status_from_pairs
    assert status(Role.MENTOR, SignupStatus.OPEN, 2, ["draft"]) is SignupStatus.OPEN
    # A draft takes a place but changes no status: nobody was told yet.
    assert status(Role.MENTOR, SignupStatus.OPEN, 2, ["draft", "met"]) is SignupStatus.OPEN
    assert status(Role.MENTOR, SignupStatus.OPEN, 2, ["proposed", "met"]) is SignupStatus.MATCHED
    assert status(Role.MENTOR, SignupStatus.OPEN, 2, ["closed", "closed"]) is SignupStatus.CLOSED
    assert status(Role.MENTOR, SignupStatus.OPEN, 2, ["closed", "cancelled"]) is SignupStatus.OPEN
