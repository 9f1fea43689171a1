"""Operations on the settings groups: program settings and match weights."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from ams_desk.core.scoring import MatchWeights
from ams_desk.store.changes import MATCH_WEIGHTS, PROGRAM_SETTINGS, Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.drafts import save_match_weights
from ams_desk.store.settings import (
    ProgramSettings,
    load_program_settings,
    store_program_settings,
)


def save_program(db: Database, settings: ProgramSettings) -> Outcome[ProgramSettings]:
    """Store the program settings (not the match weights, a group of their own).

    Returns the previous settings; undo stores them again.

    Raises:
        ValueError: The seniority ladder is invalid (nothing is stored).
    """
    with db.session() as session:
        previous = load_program_settings(session)
        store_program_settings(session, replace(settings, match_weights=previous.match_weights))
    return Outcome(previous, Changes.of(settings=[PROGRAM_SETTINGS]),
                   partial(save_program, settings=previous))


def save_weights(db: Database, weights: MatchWeights) -> Outcome[MatchWeights]:
    """Store the soft-criteria weights; return the previous ones, which undo stores again."""
    previous = save_match_weights(db, weights)
    undo = partial(save_weights, weights=previous) if previous != weights else None
    return Outcome(previous, Changes.of(settings=[MATCH_WEIGHTS]), undo)
