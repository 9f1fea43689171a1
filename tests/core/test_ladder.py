"""The seniority ladder: ranks, canonical spellings, synonyms and invalid ladders."""

from __future__ import annotations

import pytest

from ams_desk.core.ladder import DEFAULT_POSITIONS, SeniorityLadder

LADDER = SeniorityLadder()


def test_default_ladder_order():
    assert DEFAULT_POSITIONS == (
        "PhD candidate",
        "Postdoc",
        "Researcher",
        "Assistant professor",
        "Associate professor",
        "Full professor",
    )
    assert tuple(LADDER.positions) == DEFAULT_POSITIONS


@pytest.mark.parametrize(
    ("position", "rank"),
    [
        ("PhD candidate", 1),
        ("Postdoc", 2),
        ("Researcher", 3),
        ("Assistant professor", 4),
        ("Associate professor", 5),
        ("Full professor", 6),
    ],
)
def test_rank_lowest_first(position, rank):
    assert LADDER.rank(position) == rank


def test_ranks_strictly_increase_along_the_ladder():
    ranks = [LADDER.rank(p) for p in DEFAULT_POSITIONS]
    assert ranks == sorted(ranks) == list(range(1, 7))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        # case and spacing
        ("phd candidate", "PhD candidate"),
        ("PHD CANDIDATE", "PhD candidate"),
        ("  PhD   candidate ", "PhD candidate"),
        ("phd_candidate", "PhD candidate"),
        ("postdoc", "Postdoc"),
        ("Full\tProfessor", "Full professor"),
        ("associate  PROFESSOR", "Associate professor"),
        # synonyms
        ("PhD", "PhD candidate"),
        ("PhD student", "PhD candidate"),
        ("Doctoral candidate", "PhD candidate"),
        ("doctoral student", "PhD candidate"),
        ("Promovendus", "PhD candidate"),
        ("Post-doc", "Postdoc"),
        ("Postdoctoral researcher", "Postdoc"),
        ("postdoctoral fellow", "Postdoc"),
        ("Research fellow", "Researcher"),
        ("Senior researcher", "Researcher"),
        ("Scientist", "Researcher"),
        ("Assistant prof", "Assistant professor"),
        ("Tenure track", "Assistant professor"),
        ("Universitair docent", "Assistant professor"),
        ("Associate prof", "Associate professor"),
        ("Universitair hoofddocent", "Associate professor"),
        ("Professor", "Full professor"),
        ("full prof", "Full professor"),
        ("Hoogleraar", "Full professor"),
        ("  SENIOR   Researcher ", "Researcher"),
    ],
)
def test_canonical_forgives_case_spacing_and_synonyms(written, canonical):
    assert LADDER.canonical(written) == canonical
    assert LADDER.rank(written) == DEFAULT_POSITIONS.index(canonical) + 1


@pytest.mark.parametrize(
    "position", ["", "   ", "Student", "Dean", "Lecturer", "Prof", "PhD candidat", "Postdocs"]
)
def test_unknown_positions(position):
    assert LADDER.canonical(position) is None
    assert LADDER.rank(position) is None


def test_unknown_lists_only_non_blank_unknown_positions_in_order():
    assert LADDER.unknown(["Postdoc", "Dean", "", "professor", "Lecturer", "phd"]) == [
        "Dean",
        "Lecturer",
    ]
    assert LADDER.unknown([]) == []
    assert LADDER.unknown(DEFAULT_POSITIONS) == []


def test_custom_ladder_ranks_and_spellings():
    ladder = SeniorityLadder(("Junior", "Medior", "Senior"))
    assert [ladder.rank(p) for p in ("junior", " MEDIOR ", "Senior")] == [1, 2, 3]
    assert ladder.canonical("senior") == "Senior"
    # Synonyms only help when their target is on this ladder.
    assert ladder.canonical("Professor") is None
    assert ladder.rank("Postdoc") is None


def test_custom_ladder_uses_synonyms_for_its_own_positions():
    ladder = SeniorityLadder(["postdoc", "FULL PROFESSOR"])
    assert ladder.canonical("Post-doc") == "postdoc"
    assert ladder.canonical("hoogleraar") == "FULL PROFESSOR"
    assert ladder.rank("professor") == 2
    assert ladder.rank("PhD") is None


def test_position_on_ladder_wins_over_synonym():
    # "Professor" is a synonym of "Full professor" by default; a ladder that lists
    # "Professor" itself must use its own entry.
    ladder = SeniorityLadder(("Lecturer", "Professor", "Full professor"))
    assert ladder.canonical("professor") == "Professor"
    assert ladder.rank("professor") == 2


def test_single_position_ladder():
    ladder = SeniorityLadder(("Member",))
    assert ladder.rank("member") == 1


@pytest.mark.parametrize(
    ("positions", "message"),
    [
        ((), "at least one position"),
        ([], "at least one position"),
        (("Postdoc", "Postdoc"), "lists a position twice"),
        (("Postdoc", "Researcher", "postdoc"), "lists a position twice"),
        (("PhD candidate", "phd  CANDIDATE "), "lists a position twice"),
        (("Full_professor", "full professor"), "lists a position twice"),
    ],
)
def test_invalid_ladders_raise(positions, message):
    with pytest.raises(ValueError, match=message):
        SeniorityLadder(positions)
