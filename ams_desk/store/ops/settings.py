"""Operations on the settings groups: program settings and match weights."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from ams_desk.core.scoring import CRITERION_LABELS, Criterion, MatchWeights
from ams_desk.store.changes import MATCH_WEIGHTS, PROGRAM_SETTINGS, Changes, Outcome
from ams_desk.store.database import Database
from ams_desk.store.settings import (
    ProgramSettings,
    load_program_settings,
    program_settings_row,
    store_program_settings,
)
from ams_desk.store.versions import EditConflict, differing_fields


def save_program(
    db: Database, settings: ProgramSettings, *, base: ProgramSettings | None = None
) -> Outcome[ProgramSettings]:
    """Store the program settings (not the match weights, a group of their own).

    ``base`` is what the settings dialog was opened on: when someone else
    changed a setting since, nothing is stored. Returns the previous settings;
    undo stores them again (refused likewise once someone changed them since).

    Raises:
        ValueError: The seniority ladder is invalid (nothing is stored).
        EditConflict: Someone else changed the settings since ``base`` was read.
    """
    with db.session(write=True) as session:
        row = program_settings_row(session, lock=True)
        previous = load_program_settings(session)
        # Version 0: the defaults were read (no row yet), so any stored row is newer.
        if row is not None and base is not None and base.version != row.version:
            changed = differing_fields(replace(base, match_weights={}),
                                       replace(previous, match_weights={}))
            if changed:
                raise EditConflict("the program settings", row.modified_by, row.modified_at,
                                   changed)
        store_program_settings(session, replace(settings, match_weights=previous.match_weights))
        session.flush()
        saved = load_program_settings(session)
    return Outcome(previous, Changes.of(settings=[PROGRAM_SETTINGS]),
                   partial(save_program, settings=previous, base=saved))


def save_weights(
    db: Database, weights: MatchWeights, *, base: ProgramSettings | None = None
) -> Outcome[MatchWeights]:
    """Store the soft-criteria weights; return the previous ones, which undo stores again.

    ``base`` is what the weights dialog was opened on: when someone else
    changed a weight since, nothing is stored. A change of the other program
    settings meanwhile does not stand in the way (they are kept as stored).
    Undo and redo carry the settings they left, so they are refused likewise.

    Raises:
        EditConflict: Someone else changed the weights since ``base`` was read.
    """
    with db.session(write=True) as session:
        row = program_settings_row(session, lock=True)
        stored = load_program_settings(session)
        previous = MatchWeights.from_dict(stored.match_weights)
        if row is not None and base is not None and base.version != row.version:
            seen = MatchWeights.from_dict(base.match_weights)
            changed = [CRITERION_LABELS[c].lower() for c in Criterion
                       if seen.weight(c) != previous.weight(c)]
            if changed:
                raise EditConflict("the match weights", row.modified_by, row.modified_at,
                                   changed)
        store_program_settings(session, replace(stored, match_weights=weights.to_dict()))
        session.flush()
        saved = load_program_settings(session)
    undo = partial(save_weights, weights=previous, base=saved) if previous != weights else None
    return Outcome(previous, Changes.of(settings=[MATCH_WEIGHTS]), undo)
