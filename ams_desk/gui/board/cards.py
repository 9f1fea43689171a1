"""The cards of the matching board: what each row of its lists shows, built once per load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ams_desk.core.eligibility import Candidate, Rule
from ams_desk.core.places import free_places
from ams_desk.core.scoring import text_keys, waiting_days
from ams_desk.core.text import collation_key
from ams_desk.core.workflow import STATUS_LABELS
from ams_desk.store.board import Board, BoardPair

RULE_BADGES: dict[Rule, str] = {
    Rule.DIFFERENT_PEOPLE: "Same person",
    Rule.SENIORITY: "Not senior",
    Rule.NO_SHARED_PROJECT: "Shared project",
    Rule.NOT_PAIRED_BEFORE: "Paired before",
    Rule.CAPACITY: "No place free",
}
"""A short label per hard rule, for the badge on a refused mentor's card."""


def _details(candidate: Candidate, *, department: bool) -> str:
    person = candidate.person
    parts = [person.position or "No position"]
    if department and person.department:
        parts.append(person.department)
    parts.extend(person.projects)
    return " · ".join(parts)


def _haystack(candidate: Candidate) -> str:
    person = candidate.person
    texts = (person.name, person.position, person.department, *person.projects,
             *candidate.signup.topics)
    return "\x1f".join(collation_key(t) for t in texts)


class _CandidateCard:
    """What every card knows through its sign-up and person (``candidate``)."""

    __slots__ = ()
    candidate: Candidate

    @property
    def signup_id(self) -> int:
        return self.candidate.signup.id

    @property
    def name(self) -> str:
        return self.candidate.person.name

    @property
    def topics(self) -> tuple[str, ...]:
        return self.candidate.signup.topics

    @property
    def year(self) -> int:
        """The program year of the sign-up."""
        return self.candidate.signup.program_year


@dataclass(frozen=True, slots=True)
class MenteeCard(_CandidateCard):
    """A waiting mentee as the board shows them."""

    candidate: Candidate
    details: str
    days_waiting: int
    haystack: str
    topic_keys: frozenset[str]
    project_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class PairLine:
    """A draft or proposal with both names, for a mentor's card and the pairs list."""

    pair: BoardPair
    mentor_name: str

    @property
    def mentee_name(self) -> str:
        return self.pair.mentee.person.name

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.pair.status]


@dataclass(frozen=True, slots=True)
class MentorCard(_CandidateCard):
    """A mentor with their capacity and the drafts and proposals placed with them."""

    candidate: Candidate
    details: str
    taken: int
    lines: tuple[PairLine, ...]
    haystack: str
    topic_keys: frozenset[str]
    project_keys: frozenset[str]

    @property
    def capacity(self) -> int:
        return self.candidate.signup.capacity

    @property
    def free(self) -> int:
        return free_places(self.capacity, self.taken)

    @property
    def others(self) -> int:
        """Places taken by pairs past the proposal (agreed, met, closed…)."""
        return max(self.taken - len(self.lines), 0)


def mentee_cards(board: Board) -> list[MenteeCard]:
    return [
        MenteeCard(c, _details(c, department=False), waiting_days(c.signup.signed_up, board.today),
                   _haystack(c), text_keys(c.signup.topics), text_keys(c.person.projects))
        for c in board.mentees
    ]


def mentor_cards(board: Board) -> list[MentorCard]:
    return [
        MentorCard(c, _details(c, department=True), board.places_taken(c.signup.id),
                   tuple(PairLine(p, c.person.name) for p in board.pairs_of(c.signup.id)),
                   _haystack(c), text_keys(c.signup.topics), text_keys(c.person.projects))
        for c in board.mentors
    ]


def pair_lines(cards: Iterable[MentorCard]) -> list[PairLine]:
    return [line for card in cards for line in card.lines]
