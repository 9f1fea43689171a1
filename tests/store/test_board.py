"""Board services: loading a year, placing, moving, removing, proposing, suggesting, weights."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from ams_desk.core.eligibility import Rule
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.scoring import MatchWeights
from ams_desk.core.validation import PersonInput, SignupInput, ValidationError
from ams_desk.core.workflow import PairStatus, TransitionError
from ams_desk.store.board import (
    SuggestCancelled,
    blocked_rules,
    load_board,
    move_draft,
    place_draft,
    place_drafts,
    propose_drafts,
    remove_drafts,
    replace_drafts,
    rule_results,
    save_match_weights,
    suggest_drafts,
    suggest_for,
    suggestions,
    unpropose,
)
from ams_desk.store.database import Database
from ams_desk.store.pairs import PairRefused, change_status, check_candidates, create_pair
from ams_desk.store.people import AddedSignup, add_signup, list_signups
from ams_desk.store.schema import PairRow, SignupRow
from ams_desk.store.settings import get_program_settings, save_program_settings

TODAY = date(2026, 6, 1)
T0 = datetime(2026, 5, 1, 9, 30)


def _add(db: Database, name: str, position: str, role: Role, *, projects: tuple[str, ...] = (),
         topics: tuple[str, ...] = (), capacity: int = 1, year: int = 2026,
         day: int = 15) -> AddedSignup:
    email = name.split()[0].lower() + "@ams.org"
    return add_signup(
        db,
        PersonInput(name, email, position, "Physics", projects, ("English",)),
        SignupInput(role, date(year, 2, day), year, topics, capacity=capacity),
    )


@pytest.fixture
def cast(any_db: Database) -> dict[str, int]:
    """Two mentors and four mentees in 2026, one mentor and one mentee in 2025."""
    added = {
        "eva": _add(any_db, "Eva Müller", "Full professor", Role.MENTOR, projects=("Roboat",),
                    topics=("Career guidance",), capacity=2),
        "lars": _add(any_db, "Lars Berg", "Associate professor", Role.MENTOR,
                     topics=("Funding opportunities",)),
        "jan": _add(any_db, "Jan Jansen", "PhD candidate", Role.MENTEE,
                    topics=("Career guidance",), day=1),
        "ayse": _add(any_db, "Ayşe Öztürk", "Postdoc", Role.MENTEE, projects=("Roboat",), day=3),
        "mia": _add(any_db, "Mia Smit", "Researcher", Role.MENTEE,
                    topics=("Funding opportunities",), day=5),
        "rob": _add(any_db, "Rob Vos", "Full professor", Role.MENTEE, day=7),
        "old": _add(any_db, "Olga Old", "Full professor", Role.MENTOR, year=2025),
        "tom": _add(any_db, "Tom Tal", "PhD candidate", Role.MENTEE, year=2025),
    }
    return {key: value.signup_id for key, value in added.items()}


def _snapshot(db: Database) -> tuple[Any, ...]:
    """Everything the board changes: pairs with their events, and sign-up statuses."""
    with db.session() as session:
        pairs = [
            (p.id, p.mentor_signup_id, p.mentee_signup_id, p.status, p.program_year,
             p.override_note,
             [(e.id, e.at, e.kind, e.status, e.by, e.note, e.details) for e in p.events])
            for p in session.scalars(select(PairRow).order_by(PairRow.id))
        ]
        statuses = dict(session.execute(select(SignupRow.id, SignupRow.status)).all())
    return pairs, statuses


def _names(candidates: Any) -> list[str]:
    return [c.person.name for c in candidates]


def test_the_board_is_one_pool_across_years(any_db: Database, cast: dict[str, int]) -> None:
    proposal = create_pair(any_db, cast["eva"], cast["jan"], at=T0)
    draft = place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    board = load_board(any_db, today=TODAY)
    assert board.year is None and board.years == (2026, 2025)
    # Every waiting mentee of any year, longest waiting first (Tom since 2025); the
    # mentees of a draft or a proposal wait under their mentor instead.
    assert _names(board.mentees) == ["Tom Tal", "Ayşe Öztürk", "Rob Vos"]
    # Lars is full with his draft but shows it; Olga's offer of 2025 is older than 12 months.
    assert _names(board.mentors) == ["Eva Müller", "Lars Berg"]
    assert [(p.pair_id, p.status) for p in board.pairs] == [
        (proposal.id, PairStatus.PROPOSED), (draft.pair.id, PairStatus.DRAFT)]
    assert board.pairs_of(cast["lars"])[0].mentee.person.name == "Mia Smit"
    assert 0 < board.pairs[1].score.total <= 1 and len(board.pairs[1].score.breakdown) == 6
    assert board.places_taken(cast["eva"]) == 1 and board.places_taken(cast["lars"]) == 1
    # The year narrows the mentees (and their pairs); the mentors stay the pool's.
    last_year = load_board(any_db, 2025, today=TODAY)
    assert last_year.year == 2025 and _names(last_year.mentees) == ["Tom Tal"]
    assert last_year.pairs == () and _names(last_year.mentors) == ["Eva Müller"]
    # Within 12 months of Olga's sign-up her offer is in the pool, whatever the year.
    early = load_board(any_db, today=date(2026, 1, 10))
    assert "Olga Old" in _names(early.mentors)


def test_how_long_a_mentor_offer_stays_is_a_setting(any_db: Database, cast: dict[str, int]
                                                    ) -> None:
    assert get_program_settings(any_db).mentor_pool_months == 12
    save_program_settings(any_db, replace(get_program_settings(any_db), mentor_pool_months=16))
    assert "Olga Old" in _names(load_board(any_db, today=TODAY).mentors)
    # Suggest takes last year's mentee with this year's mentor: no year boundary.
    _board, suggestion = suggestions(any_db, 2025, today=TODAY)
    assert [p.mentee_signup_id for p in suggestion.pairs] == [cast["tom"]]
    assert suggestion.coverage == 1.0


def test_a_pair_takes_the_year_it_is_proposed_in(any_db: Database, cast: dict[str, int]) -> None:
    draft = place_draft(any_db, cast["eva"], cast["tom"], at=T0)  # a mentee of 2025
    assert draft.pair.program_year == 2026  # placed in 2026
    [proposed] = propose_drafts(any_db, [draft.pair.id], at=datetime(2027, 1, 4, 9))
    assert proposed.program_year == 2027
    unpropose(any_db, {proposed.id: proposed.events[-1].id})
    with any_db.session() as session:
        assert session.get(PairRow, proposed.id).program_year == 2026  # type: ignore[union-attr]
    direct = create_pair(any_db, cast["lars"], cast["jan"], at=datetime(2025, 12, 30, 9))
    assert direct.program_year == 2025


def test_a_draft_changes_no_status(any_db: Database, cast: dict[str, int]) -> None:
    """A draft tells no one: the mentee still waits until the pair is proposed."""
    def status(signup: int) -> str:
        with any_db.session() as session:
            return session.get(SignupRow, signup).status  # type: ignore[union-attr]

    draft = place_draft(any_db, cast["lars"], cast["jan"], at=T0)
    assert status(cast["jan"]) == "open" and status(cast["lars"]) == "open"
    with pytest.raises(ValidationError, match="already in a pair"):
        place_draft(any_db, cast["eva"], cast["jan"])  # the draft holds Jan all the same
    [proposal] = propose_drafts(any_db, [draft.pair.id], at=T0)
    assert status(cast["jan"]) == "matched" and status(cast["lars"]) == "matched"
    unpropose(any_db, {proposal.id: proposal.events[-1].id})
    assert status(cast["jan"]) == "open"
    remove_drafts(any_db, [draft.pair.id])
    assert status(cast["jan"]) == "open"
    place_drafts(any_db, [(cast["eva"], cast["jan"]), (cast["eva"], cast["mia"])], at=T0)
    assert status(cast["jan"]) == status(cast["mia"]) == status(cast["eva"]) == "open"


def test_empty_database_has_an_empty_board(any_db: Database) -> None:
    board = load_board(any_db, today=TODAY)
    assert board.year is None and not board.mentors and not board.mentees
    assert suggest_for(board).coverage == 1.0


def test_drafts_take_a_place_the_same_way_everywhere(any_db: Database, cast: dict[str, int]
                                                     ) -> None:
    """The board, check_pair, the Mentors table and suggest count a mentor's places alike."""
    closed = create_pair(any_db, cast["eva"], cast["jan"], at=T0)
    for status in (PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED, PairStatus.FIRST_CONTACT,
                   PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED, PairStatus.MET,
                   PairStatus.EVALUATED, PairStatus.CLOSED):
        change_status(any_db, closed.id, status, at=T0)
    place_draft(any_db, cast["eva"], cast["mia"], at=T0)
    board = load_board(any_db, today=TODAY)
    table = {r.signup_id: r.taken for r in list_signups(any_db, Role.MENTOR)}
    assert board.places_taken(cast["eva"]) == table[cast["eva"]] == 2  # closed pair + draft
    capacity = next(r for r in check_candidates(any_db, cast["eva"], cast["rob"])
                    if r.rule is Rule.CAPACITY)
    assert not capacity.ok and "no capacity left (2 of 2" in capacity.reason
    eva = next(c for c in board.mentors if c.signup.id == cast["eva"])
    assert board.mentors[-1] is eva  # full: after the mentors with a free place
    assert Rule.CAPACITY in blocked_rules(board, board.mentees[0])[-1]
    assert not rule_results(board, eva, board.mentees[0])[-1].ok
    suggestion = suggest_for(board)
    assert all(p.mentor_signup_id != cast["eva"] for p in suggestion.pairs)
    # Moving Eva's draft gives its place back for the check.
    moving = board.pairs_of(cast["eva"])[0]
    assert Rule.CAPACITY not in blocked_rules(board, moving.mentee,
                                              moving_pair_id=moving.pair_id)[-1]


def test_placing_a_draft_and_refusals(any_db: Database, cast: dict[str, int]) -> None:
    record = place_draft(any_db, cast["eva"], cast["jan"], at=T0, by="Anouk")
    assert record.pair.status == PairStatus.DRAFT and record.override_note == ""
    assert [(e.kind, e.status, e.by) for e in record.pair.events] == [("status", "draft", "Anouk")]
    before = _snapshot(any_db)
    with pytest.raises(PairRefused) as refused:
        place_draft(any_db, cast["eva"], cast["ayse"])  # both on Roboat
    assert [r.rule for r in refused.value.refused] == [Rule.NO_SHARED_PROJECT]
    assert "Roboat" in refused.value.refused[0].reason
    with pytest.raises(PairRefused) as refused:
        place_draft(any_db, cast["lars"], cast["rob"])  # a full professor as mentee
    assert [r.rule for r in refused.value.refused] == [Rule.SENIORITY]
    with pytest.raises(ValidationError, match="already in a pair"):
        place_draft(any_db, cast["lars"], cast["jan"])
    assert _snapshot(any_db) == before


def test_override_keeps_the_note_on_the_timeline(any_db: Database, cast: dict[str, int]) -> None:
    record = place_draft(any_db, cast["eva"], cast["ayse"], override="Different work packages",
                         at=T0)
    assert record.override_note == "Different work packages"
    override = [e for e in record.pair.events if e.kind == "override"]
    assert override and override[0].note.startswith("Different work packages (Rules overridden:")
    board = load_board(any_db, today=TODAY)
    assert board.pairs[0].override_note == "Different work packages"


def test_remove_drafts_returns_the_mentees(any_db: Database, cast: dict[str, int]) -> None:
    first = place_draft(any_db, cast["eva"], cast["jan"], at=T0)
    second = place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    proposal = create_pair(any_db, cast["eva"], cast["ayse"], override="ok", at=T0)
    before = _snapshot(any_db)
    with pytest.raises(ValidationError, match="Only drafts"):
        remove_drafts(any_db, [first.pair.id, proposal.id])
    assert _snapshot(any_db) == before  # all or nothing
    removed = remove_drafts(any_db, [first.pair.id, second.pair.id])
    assert removed == [first, second]
    board = load_board(any_db, today=TODAY)
    assert {c.signup.id for c in board.mentees} == {cast["jan"], cast["mia"], cast["rob"],
                                                    cast["tom"]}
    assert [p.pair_id for p in board.pairs] == [proposal.id]
    replace_drafts(any_db, restore=removed)
    assert _snapshot(any_db) == before  # back exactly: ids, events, statuses


def test_move_is_one_unit_of_work(any_db: Database, cast: dict[str, int]) -> None:
    draft = place_draft(any_db, cast["eva"], cast["mia"], at=T0)
    before = _snapshot(any_db)
    removed, placed = move_draft(any_db, draft.pair.id, cast["lars"], at=T0)
    assert removed == draft
    assert placed.pair.mentor_signup_id == cast["lars"]
    assert placed.pair.mentee_signup_id == cast["mia"]
    after = _snapshot(any_db)
    replace_drafts(any_db, remove=[placed.pair.id], restore=[removed])  # undo
    assert _snapshot(any_db) == before
    replace_drafts(any_db, remove=[removed.pair.id], restore=[placed])  # redo
    assert _snapshot(any_db) == after
    # A refused move leaves the draft where it was.
    jan = place_draft(any_db, cast["eva"], cast["jan"], at=T0)
    state = _snapshot(any_db)
    with pytest.raises(PairRefused):
        move_draft(any_db, jan.pair.id, cast["lars"])  # Lars is full with Mia
    with pytest.raises(ValidationError, match="already"):
        move_draft(any_db, jan.pair.id, cast["eva"])
    assert _snapshot(any_db) == state


def test_restoring_a_draft_whose_mentee_was_placed_meanwhile_is_refused(
    any_db: Database, cast: dict[str, int]
) -> None:
    draft = place_draft(any_db, cast["eva"], cast["mia"], at=T0)
    removed = remove_drafts(any_db, [draft.pair.id])
    place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    state = _snapshot(any_db)
    with pytest.raises(ValidationError, match="already in a pair"):
        replace_drafts(any_db, restore=removed)
    assert _snapshot(any_db) == state


def test_propose_several_drafts_at_once_and_take_it_back(
    any_db: Database, cast: dict[str, int]
) -> None:
    a = place_draft(any_db, cast["eva"], cast["jan"], at=T0)
    b = place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    drafted = _snapshot(any_db)
    at = datetime(2026, 5, 2, 10, 0)
    proposed = propose_drafts(any_db, [a.pair.id, b.pair.id], at=at, by="Anouk")
    assert [p.status for p in proposed] == ["proposed", "proposed"]
    steps = {p.id: p.events[-1].id for p in proposed}
    assert all(p.events[-1].at == at and p.events[-1].by == "Anouk" for p in proposed)
    after = _snapshot(any_db)
    board = load_board(any_db, today=TODAY)
    assert [p.status for p in board.pairs] == [PairStatus.PROPOSED, PairStatus.PROPOSED]
    with pytest.raises(TransitionError, match="Only drafts"):
        propose_drafts(any_db, [a.pair.id])
    unpropose(any_db, steps)
    assert _snapshot(any_db) == drafted
    propose_drafts(any_db, list(steps), at=at, by="Anouk", event_ids=steps)
    assert _snapshot(any_db) == after


def test_a_failed_proposal_changes_nothing(any_db: Database, cast: dict[str, int]) -> None:
    a = place_draft(any_db, cast["eva"], cast["jan"], at=T0)
    proposal = create_pair(any_db, cast["lars"], cast["mia"], at=T0)
    before = _snapshot(any_db)
    with pytest.raises(TransitionError):
        propose_drafts(any_db, [a.pair.id, proposal.id])
    assert _snapshot(any_db) == before


def test_suggest_drafts_places_the_suggestion_or_on_cancel_nothing(
    any_db: Database, cast: dict[str, int]
) -> None:
    before = _snapshot(any_db)
    asked: list[int] = []

    def cancel_in_the_optimiser() -> bool:
        asked.append(1)
        return len(asked) == 3  # before reading, before optimising, then inside it

    with pytest.raises(SuggestCancelled):
        suggest_drafts(any_db, 2026, today=TODAY, cancelled=cancel_in_the_optimiser)
    assert len(asked) == 3 and _snapshot(any_db) == before
    board, suggestion, added = suggest_drafts(any_db, 2026, today=TODAY, cancelled=lambda: False)
    assert (
        {(d.pair.mentor_signup_id, d.pair.mentee_signup_id) for d in added}
        == {(p.mentor_signup_id, p.mentee_signup_id) for p in suggestion.pairs}
        != set()
    )
    assert _snapshot(any_db) != before


def test_suggestions_keep_the_board_and_write_nothing(any_db: Database, cast: dict[str, int]
                                                      ) -> None:
    place_draft(any_db, cast["eva"], cast["jan"], at=T0)
    before = _snapshot(any_db)
    board, suggestion = suggestions(any_db, 2026, today=TODAY)  # the 2026 mentees only
    assert _snapshot(any_db) == before
    suggested = {(p.mentor_signup_id, p.mentee_signup_id) for p in suggestion.pairs}
    # Eva keeps Jan and has one place left; Ayşe shares Eva's project, so Lars takes her
    # and Mia goes to Eva; Rob (a full professor) outranks every mentor.
    assert suggested == {(cast["eva"], cast["mia"]), (cast["lars"], cast["ayse"])}
    assert [u.mentee_signup_id for u in suggestion.unmatched] == [cast["rob"]]
    assert suggestion.coverage == pytest.approx(3 / 4)  # Jan (draft), Mia and Ayşe of four
    rob = next(u for u in suggestion.unmatched if u.mentee_signup_id == cast["rob"])
    assert "No mentor ranks above Full professor." in rob.reasons
    per_mentor = Counter(p.mentor_signup_id for p in suggestion.pairs)
    assert all(board.places_taken(m) + n <= c.signup.capacity for m, n in per_mentor.items()
               for c in board.mentors if c.signup.id == m)
    records = place_drafts(any_db, sorted(suggested), at=T0)
    assert [r.pair.status for r in records] == ["draft", "draft"]
    assert suggest_for(load_board(any_db, today=TODAY)).pairs == []


def test_place_drafts_is_all_or_nothing(any_db: Database, cast: dict[str, int]) -> None:
    before = _snapshot(any_db)
    with pytest.raises(PairRefused):
        place_drafts(any_db, [(cast["lars"], cast["mia"]), (cast["eva"], cast["ayse"])])
    assert _snapshot(any_db) == before


def test_placed_drafts_are_returned_as_stored_and_undo_puts_them_back(
    any_db: Database, cast: dict[str, int]
) -> None:
    empty = _snapshot(any_db)
    pairs = [(cast["eva"], cast["mia"]), (cast["lars"], cast["ayse"]), (cast["eva"], cast["jan"])]
    records = place_drafts(any_db, pairs, at=T0, by="Anouk")
    placed = _snapshot(any_db)
    # What place_drafts returns is what was stored, ids of pairs and events included.
    assert [
        (r.pair.id, r.pair.mentor_signup_id, r.pair.mentee_signup_id, r.pair.status,
         r.pair.program_year, r.override_note,
         [(e.id, e.at, e.kind, e.status, e.by, e.note, e.details) for e in r.pair.events])
        for r in records
    ] == placed[0]  # fmt: skip
    assert len({e.id for r in records for e in r.pair.events}) == 3
    statuses = placed[1]
    # A draft tells no one: every sign-up still waits.
    assert {statuses[i] for pair in pairs for i in pair} == {SignupStatus.OPEN.value}
    replace_drafts(any_db, remove=[r.pair.id for r in records])
    assert _snapshot(any_db) == empty
    replace_drafts(any_db, restore=records)
    assert _snapshot(any_db) == placed


def test_match_weights_are_saved_with_the_program_settings(
    any_db: Database, cast: dict[str, int]
) -> None:
    place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    before = load_board(any_db, today=TODAY).pairs[0].score.total
    topics_only = MatchWeights(1, 0, 0, 0, 0, 0)
    assert save_match_weights(any_db, topics_only) == MatchWeights()
    assert get_program_settings(any_db).match_weights == topics_only.to_dict()
    board = load_board(any_db, today=TODAY)
    assert board.weights == topics_only
    assert board.pairs[0].score.total == 1.0 != before  # Lars offers the one wanted topic
    assert save_match_weights(any_db, MatchWeights()) == topics_only
    assert get_program_settings(any_db).positions  # the rest of the settings stay


def test_signup_statuses_ignore_drafts(any_db: Database, cast: dict[str, int]) -> None:
    draft = place_draft(any_db, cast["lars"], cast["mia"], at=T0)
    statuses = {r.signup_id: r.status for r in list_signups(any_db)}
    assert statuses[cast["mia"]] is SignupStatus.OPEN  # still waiting: nobody was told
    assert statuses[cast["lars"]] is SignupStatus.OPEN
    assert {r.signup_id: r.taken for r in list_signups(any_db)}[cast["lars"]] == 1  # its place
    remove_drafts(any_db, [draft.pair.id])
    statuses = {r.signup_id: r.status for r in list_signups(any_db)}
    assert statuses[cast["mia"]] is statuses[cast["lars"]] is SignupStatus.OPEN
